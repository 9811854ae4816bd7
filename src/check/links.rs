//! Every `href` and `src` of every rendered page, resolved as a browser resolves it when the
//! site is served at its base URL: internal ones must name an output file (and, with a
//! `#fragment`, an id on that page); external ones are collected for `--external`.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use scraper::{Html, Selector};
use url::Url;

use crate::config::Config;
use crate::content::{Article, Library};
use crate::output::BUILTIN_STATIC;
use crate::render::RenderedPage;

/// What the link check found.
pub(super) struct Found {
    pub(super) problems: Vec<String>,
    /// Internal links and images checked.
    pub(super) checked: usize,
    /// External URL → where it was first seen (`content/a.md:3`).
    pub(super) external: BTreeMap<String, String>,
}

/// The links of one page, and the ids it offers as anchors.
struct PageLinks {
    ids: HashSet<String>,
    links: Vec<String>,
}

pub(super) fn check(config: &Config, library: &Library, pages: &[RenderedPage]) -> Found {
    let files = output_files(config, pages);
    let parsed: HashMap<&str, PageLinks> = pages
        .par_iter()
        .filter(|page| page.path.ends_with(".html"))
        .map(|page| (page.path.as_str(), page_links(&page.html)))
        .collect();
    let articles: HashMap<String, &Article> =
        library.articles.iter().map(|a| (format!("{}index.html", a.url), &**a)).collect();
    let mut found = Found { problems: Vec::new(), checked: 0, external: BTreeMap::new() };
    // One broken link shows on many pages (a template's link on every page, an article's lead
    // image on every listing of it): each is one problem, listed with every page it is on.
    let mut broken: BTreeMap<(String, &str), Broken> = BTreeMap::new();
    for page in pages {
        let Some(links) = parsed.get(page.path.as_str()) else { continue };
        let Ok(page_url) = config.base_url.join(&page.path) else { continue };
        let article = articles.get(&page.path).copied();
        for link in &links.links {
            let Some(target) = classify(config, &page_url, link) else { continue };
            // The same target may be written differently on different pages (an article's
            // `/img/a.png` is absolute on the listings showing its card): grouped by target.
            let (problem, target) = match target {
                Target::External(url) => {
                    let at = article.map_or_else(|| page.origin.clone(), |a| locate(a, link));
                    found.external.entry(url).or_insert(at);
                    continue;
                }
                Target::Internal { file, fragment } => {
                    found.checked += 1;
                    let problem = internal_problem(&files, &parsed, &file, fragment.as_deref());
                    (problem, format!("{file}#{}", fragment.unwrap_or_default()))
                }
                Target::Outside(path) => {
                    found.checked += 1;
                    let base = config.base_path();
                    (Some(format!("outside the site's base path {base} ({path})")), path)
                }
            };
            let Some(problem) = problem else { continue };
            let what = if is_image(link) { "image" } else { "link" };
            let group = broken.entry((target, what)).or_default();
            let written = as_written(config, link);
            if group.source.is_none()
                && let Some(article) = article.filter(|a| appears_in(a, &written))
            {
                group.source = Some(locate(article, &written));
                group.problem = format!("broken {what} `{written}`: {problem}");
            } else if group.problem.is_empty() {
                group.problem = format!("broken {what} `{link}`: {problem}");
            }
            let shown = format!("/{}", page.path.trim_end_matches("index.html"));
            if group.pages.last() != Some(&shown) {
                group.pages.push(shown);
            }
        }
    }
    for group in broken.into_values() {
        // Where to fix it: the article that holds the link, or a template.
        let at = group.source.unwrap_or_else(|| "templates".to_owned());
        let count = group.pages.len();
        let places = if count == 1 { "page" } else { "pages" };
        let pages = group.pages.join(", ");
        found.problems.push(format!("{at}: {} (on {count} {places}: {pages})", group.problem));
    }
    found
}

/// One broken link or image, and everywhere it appears.
#[derive(Default)]
struct Broken {
    /// The article whose file holds it (`content/a.md:12`), when one does.
    source: Option<String>,
    /// What is wrong, quoting the link as the article (or else the first page) writes it.
    problem: String,
    /// The pages it appears on, as site paths (`/`, `/tags/ai/`).
    pages: Vec<String>,
}

enum Target {
    /// An output file (`a/index.html`) and fragment.
    Internal {
        file: String,
        fragment: Option<String>,
    },
    /// Same host, but not under the base path: broken once published as a project site.
    Outside(String),
    External(String),
}

/// What a link points at; `None` for links there is nothing to check in (`mailto:`, `#top` on
/// the same page is still checked as internal).
fn classify(config: &Config, page_url: &Url, link: &str) -> Option<Target> {
    // A `.md` destination is a link to a content file that did not resolve; the render already
    // reported it with its line.
    if !link.contains("://") && link.split(['#', '?']).next().is_some_and(|p| p.ends_with(".md")) {
        return None;
    }
    let target = page_url.join(link).ok()?;
    match target.scheme() {
        "http" | "https" => {}
        _ => return None,
    }
    if target.origin() != config.base_url.origin() {
        let mut external = target;
        external.set_fragment(None);
        return Some(Target::External(external.to_string()));
    }
    let path = percent_encoding::percent_decode_str(target.path()).decode_utf8_lossy().into_owned();
    let Some(relative) = path.strip_prefix(config.base_path()) else {
        return Some(Target::Outside(path));
    };
    let file = if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_owned()
    };
    let fragment = target
        .fragment()
        .filter(|f| !f.is_empty())
        .map(|f| percent_encoding::percent_decode_str(f).decode_utf8_lossy().into_owned());
    Some(Target::Internal { file, fragment })
}

fn internal_problem(
    files: &HashSet<String>,
    parsed: &HashMap<&str, PageLinks>,
    file: &str,
    fragment: Option<&str>,
) -> Option<String> {
    if !files.contains(file) {
        let folder = format!("{file}/index.html");
        return Some(if files.contains(&folder) {
            format!("`{file}` is a folder; end the link with `/`")
        } else {
            format!("no file `{file}` in the site")
        });
    }
    let fragment = fragment?;
    let ids = &parsed.get(file)?.ids;
    (!ids.contains(fragment)).then(|| format!("no id `{fragment}` on `{file}`"))
}

/// Every file the site will have: pages, the theme's files, `static/`.
fn output_files(config: &Config, pages: &[RenderedPage]) -> HashSet<String> {
    let mut files: HashSet<String> = pages.iter().map(|p| p.path.clone()).collect();
    files.extend(BUILTIN_STATIC.iter().map(|(path, _)| (*path).to_owned()));
    let static_dir = config.static_dir();
    for entry in walkdir::WalkDir::new(&static_dir).follow_links(true).into_iter().flatten() {
        if entry.file_type().is_file()
            && let Ok(relative) = entry.path().strip_prefix(&static_dir)
        {
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.insert(parts.join("/"));
        }
    }
    files
}

fn page_links(html: &str) -> PageLinks {
    static LINKS: std::sync::OnceLock<Vec<(Selector, &'static str)>> = std::sync::OnceLock::new();
    static IDS: std::sync::OnceLock<Option<Selector>> = std::sync::OnceLock::new();
    let selectors = LINKS.get_or_init(|| {
        [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("img[src]", "src"),
            ("script[src]", "src"),
            ("source[src]", "src"),
        ]
        .into_iter()
        .filter_map(|(css, attr)| Selector::parse(css).ok().map(|s| (s, attr)))
        .collect()
    });
    let document = Html::parse_document(html);
    let mut links = Vec::new();
    for (selector, attr) in selectors {
        links.extend(
            document.select(selector).filter_map(|e| e.value().attr(attr)).map(str::to_owned),
        );
    }
    let ids = IDS
        .get_or_init(|| Selector::parse("[id]").ok())
        .as_ref()
        .map(|selector| {
            document
                .select(selector)
                .filter_map(|e| e.value().attr("id"))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    PageLinks { ids, links }
}

/// The link as its author wrote it: gloss puts site-rooted links under the base path
/// (`/img/a.png` → `/repo/img/a.png`), and messages should quote the source.
fn as_written(config: &Config, link: &str) -> String {
    match link.strip_prefix(config.base_path()) {
        Some(rest) if config.base_path() != "/" => format!("/{rest}"),
        _ => link.to_owned(),
    }
}

fn is_image(link: &str) -> bool {
    let path = link.split(['?', '#']).next().unwrap_or(link).to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"].iter().any(|e| path.ends_with(e))
}

/// Whether the article's own file holds this link (not its template).
fn appears_in(article: &Article, link: &str) -> bool {
    line_of(article, link).is_some()
        || article.meta.images.iter().any(|i| link.ends_with(i.src.trim_start_matches("./")))
}

/// `content/a.md:12` where the link is written, or `content/a.md` when it comes from front matter.
fn locate(article: &Article, link: &str) -> String {
    match line_of(article, link) {
        Some(line) => format!("{}:{line}", article.file.display()),
        None => article.file.display().to_string(),
    }
}

/// The line of the body that holds `link` as written, or decoded (`%EC%9D%B4` → `이`).
fn line_of(article: &Article, link: &str) -> Option<usize> {
    let decoded = percent_encoding::percent_decode_str(link).decode_utf8_lossy();
    let at = article.body.find(link).or_else(|| article.body.find(decoded.as_ref()))?;
    Some(article.body_line + article.body[..at].matches('\n').count())
}
