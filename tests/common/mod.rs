//! Shared helpers for the integration tests: copy a fixture site into a temporary folder, build
//! it, and read the output as parsed HTML.

#![allow(dead_code, reason = "each test binary uses a different subset of the helpers")]
#![allow(unreachable_pub, reason = "a test helper module shared by test binaries")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

/// Runs the built `gloss` binary in `cwd` and returns its output.
pub fn run_gloss(args: &[&str], cwd: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run gloss")
}

/// The repository root (the example site).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture under `tests/fixtures/`.
pub fn fixture(path: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(path)
}

/// A site copied into a temporary folder.
pub struct SiteTest {
    pub dir: tempfile::TempDir,
}

impl SiteTest {
    /// Copies `tests/fixtures/sites/<name>` into a fresh temporary folder.
    pub fn fixture(name: &str) -> SiteTest {
        SiteTest::copy_of(&fixture(&format!("sites/{name}")))
    }

    /// Copies a site folder (only the parts a build reads).
    pub fn copy_of(source: &Path) -> SiteTest {
        let dir = tempfile::tempdir().expect("temp dir");
        for part in ["site.toml", "content", "templates", "static"] {
            let from = source.join(part);
            if from.is_file() {
                std::fs::copy(&from, dir.path().join(part)).expect("copy site.toml");
            } else if from.is_dir() {
                copy_dir(&from, &dir.path().join(part));
            }
        }
        SiteTest { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes (or overwrites) a file of the site.
    pub fn write(&self, path: &str, text: &str) {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Appends `settings` (TOML lines) to the site's `site.toml`.
    pub fn append_config(&self, settings: &str) {
        let config = std::fs::read_to_string(self.root().join("site.toml")).unwrap();
        self.write("site.toml", &format!("{config}\n{settings}\n"));
    }

    /// Builds with default options.
    pub fn build(&self) -> anyhow::Result<gloss::BuildReport> {
        gloss::build(self.root(), &gloss::BuildOptions::default())
    }

    /// Builds and panics with the full error chain on failure.
    pub fn build_ok(&self) -> gloss::BuildReport {
        match self.build() {
            Ok(report) => report,
            Err(error) => panic!("build failed: {error:#}"),
        }
    }

    /// The output file at a site-relative path (`politics/x/` reads `politics/x/index.html`).
    pub fn read(&self, url: &str) -> String {
        let mut path = self.output().join(url.trim_start_matches('/'));
        if url.is_empty() || url.ends_with('/') {
            path = path.join("index.html");
        }
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// The output page, parsed.
    pub fn page(&self, url: &str) -> Html {
        Html::parse_document(&self.read(url))
    }
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Selects elements and returns their texts, whitespace collapsed.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector =
        Selector::parse(selector).unwrap_or_else(|e| panic!("bad selector {selector}: {e:?}"));
    html.select(&selector)
        .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Selects elements and returns one attribute of each.
pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector).filter_map(|e| e.value().attr(attr).map(str::to_owned)).collect()
}

/// Every file under the output with its bytes, for "the site did not change" checks.
pub fn snapshot_dir(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// All HTML files under the output, relative paths.
pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect()
}

/// Checks every internal `href` and `src` of every page, as a browser would resolve them when the
/// site is served at `base_url`. Returns the broken ones as `page: url (why)`.
pub fn broken_links(output: &Path, base_url: &str) -> Vec<String> {
    let base = url::Url::parse(base_url).unwrap();
    let mut broken = Vec::new();
    let mut ids_cache: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for file in html_files(output) {
        let page_url = base.join(&file.to_string_lossy().replace('\\', "/")).unwrap();
        let html = Html::parse_document(&std::fs::read_to_string(output.join(&file)).unwrap());
        for (selector, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("img[src]", "src"),
            ("script[src]", "src"),
        ] {
            for value in attrs(&html, selector, attr) {
                let Ok(target) = page_url.join(&value) else {
                    broken.push(format!("{}: {value} (unparsable)", file.display()));
                    continue;
                };
                if target.origin() != base.origin() {
                    continue; // external
                }
                let path = percent_decode(target.path());
                let Some(relative) = path.strip_prefix(base.path()) else {
                    broken.push(format!(
                        "{}: {value} (outside the base path {})",
                        file.display(),
                        base.path()
                    ));
                    continue;
                };
                let mut local = output.join(relative);
                if relative.is_empty() || relative.ends_with('/') {
                    local = local.join("index.html");
                }
                if !local.is_file() {
                    broken.push(format!(
                        "{}: {value} (no file {})",
                        file.display(),
                        local.display()
                    ));
                    continue;
                }
                if let Some(fragment) = target.fragment() {
                    let fragment = percent_decode(fragment);
                    let ids = ids_cache.entry(local.clone()).or_insert_with(|| {
                        let page = Html::parse_document(&std::fs::read_to_string(&local).unwrap());
                        attrs(&page, "[id]", "id")
                    });
                    if !fragment.is_empty() && !ids.contains(&fragment) {
                        broken.push(format!("{}: {value} (no id `{fragment}`)", file.display()));
                    }
                }
            }
        }
    }
    broken
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}
