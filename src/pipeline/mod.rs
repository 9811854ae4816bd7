//! The one pipeline every command runs:
//!
//! ```text
//! site.toml, templates/ ─ Config, Templates ───────────────────────────────┐
//! content/ ─ content::ContentFiles ─ Library ─ annotate ─ Annotated ─ render ─ Sink
//!                       (cache: library, glossary, annotations, fingerprints)
//! ```
//!
//! [`Site::render_into`] is the whole of it. The commands differ only in the sink the pages go
//! to and in whether a [`Cache`] is kept for a next render:
//!
//! | command | sink | cache |
//! |---|---|---|
//! | `gloss build` | the staging folder (`output::Staging`), swapped in at the end | none: memory is freed as pages are written |
//! | `gloss build --watch` | memory, then the changed files in place (`output::apply`) | kept |
//! | `gloss serve` | memory, served (`serve::files`) | kept |
//! | `gloss check` | memory, then checked for broken links (`check`) | none; problems reported, not fatal |

pub mod cache;
mod render;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::config::Config;
use crate::content::ContentFiles;
use crate::output::Changes;
use crate::render::templates::{self, Templates};
use crate::render::{RenderedPage, Sink};
pub use cache::Cache;

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Articles rendered.
    pub articles: usize,
    /// Files rendered from templates (articles, listings, tag pages, 404).
    pub pages: usize,
    /// Where the site was written.
    pub output: PathBuf,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// Wall time of each stage, in order (`gloss build --timings`).
    pub stages: Vec<(&'static str, Duration)>,
}

/// Builds the site at `root` into its output folder (`gloss build`): the pipeline with the
/// staging folder as its sink and no cache. The previous output stays whole on failure.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let mut site = Site::load(root, options)?.without_cache();
    let config = site.config();
    let output = options.output.clone().unwrap_or_else(|| config.output_path());
    let source_dirs = [config.content_dir(), config.templates_dir(), config.static_dir()];
    // Pages go to the staging folder as they are rendered; a failure drops the folder.
    let staging = crate::output::Staging::create(&crate::output::Destination {
        static_dir: &config.static_dir(),
        output: &output,
        root: &config.root,
        source_dirs: &source_dirs,
    })?;
    let rendered = site.render_into(&staging, options.progress)?;
    let mut stages = rendered.stages;
    let swapping = Instant::now();
    staging.finish()?;
    stages.push(("swap the new site in", swapping.elapsed()));
    Ok(BuildReport {
        articles: rendered.articles,
        pages: rendered.total,
        output,
        elapsed: started.elapsed(),
        stages,
    })
}

/// What a build should do beyond reading `site.toml`.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Write here instead of `output_dir` from `site.toml` (relative to the current folder).
    pub output: Option<PathBuf>,
    /// Replace `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Include articles marked `draft: true`.
    pub drafts: bool,
    /// Show a progress bar on a terminal for large sites.
    pub progress: bool,
}

/// Loads the configuration of the site at `root`, with command-line overrides applied.
pub fn load_config(root: &Path, options: &BuildOptions) -> Result<Config> {
    let mut config = Config::from_root(root)?;
    if let Some(base_url) = &options.base_url {
        config.set_base_url(base_url)?;
    }
    Ok(config)
}

/// What broken content does to a render: a build or a preview stops (and keeps the previous
/// site); `gloss check` reports every problem and renders what it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problems {
    Stop,
    Report,
}

/// A site loaded from disk: configuration, templates, parsed content files, and the cache of
/// the last render when it is kept.
pub struct Site {
    root: PathBuf,
    options: BuildOptions,
    config: Config,
    templates: Templates,
    files: ContentFiles,
    cache: Option<Cache>,
    problems: Problems,
    /// Set when `site.toml` or a template changed and the reload has not succeeded yet.
    reload_pending: bool,
}

/// What one render did.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Articles the site has.
    pub articles: usize,
    /// Pages the site has, rendered now or unchanged since the last render.
    pub total: usize,
    /// Output files the previous render had and this one has not.
    pub removed: Vec<String>,
    /// With [`Problems::Report`]: unreadable files, unknown terms, links naming no file.
    pub problems: Vec<String>,
    /// Wall time of each stage (`gloss build --timings`).
    pub stages: Vec<(&'static str, Duration)>,
}

/// One rebuild of `gloss serve` or `build --watch`: what changed, kept in memory until the
/// whole rebuild succeeded, so a failed one changes nothing that is served or written.
#[derive(Debug, Default)]
pub struct Rebuild {
    /// The pages rendered and removed, and the static files changed.
    pub changes: Changes,
    /// Pages the site has in all.
    pub total: usize,
    /// Articles the site has.
    pub articles: usize,
    /// Whether stylesheets are all that changed, so a browser can swap them without reloading.
    pub only_css: bool,
    /// Whether everything was reloaded (configuration or templates changed).
    pub full: bool,
    pub elapsed: Duration,
}

impl Rebuild {
    /// Whether anything under `static/` changed.
    pub fn static_changed(&self) -> bool {
        !self.changes.static_paths.is_empty()
    }

    /// Whether the rebuild changes nothing that is served.
    pub fn is_empty(&self) -> bool {
        self.changes.pages.is_empty() && self.changes.removed.is_empty() && !self.static_changed()
    }
}

/// Which part of the site a changed path belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SitePart {
    /// `site.toml` or `templates/`: reload everything.
    Structure,
    /// `content/`.
    Content,
    /// `static/`.
    Static,
    /// Anything else (the output folder, editor files): ignored.
    Other,
}

/// A sink that keeps pages in memory, for `serve`, `build --watch` and `check`.
#[derive(Default)]
pub struct Collect(Mutex<Vec<RenderedPage>>);

impl Sink for Collect {
    fn page(&self, page: RenderedPage) -> Result<()> {
        self.0.lock().map_err(|_| anyhow::anyhow!("a render thread panicked"))?.push(page);
        Ok(())
    }
}

impl Collect {
    /// The pages collected, in no particular order.
    pub fn into_pages(self) -> Vec<RenderedPage> {
        self.0.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Site {
    /// Loads the site at `root` (configuration, templates, content) without rendering it. The
    /// site keeps a cache between renders, as `serve` and `build --watch` need.
    pub fn load(root: &Path, options: &BuildOptions) -> Result<Site> {
        let root = std::fs::canonicalize(root)
            .with_context(|| format!("cannot open the site folder `{}`", root.display()))?;
        let config = load_config(&root, options)?;
        let templates = templates::load(&config)?;
        let files = ContentFiles::read(&config)?;
        Ok(Site {
            root,
            options: options.clone(),
            config,
            templates,
            files,
            cache: Some(Cache::default()),
            problems: Problems::Stop,
            reload_pending: false,
        })
    }

    /// The site for one render that keeps nothing for a next (`gloss build`, `gloss check`).
    pub fn without_cache(mut self) -> Site {
        self.cache = None;
        self
    }

    /// The site for `gloss check`: drafts included, problems reported instead of stopping.
    pub fn for_check(mut self) -> Site {
        self.problems = Problems::Report;
        self.options.drafts = true;
        self.without_cache()
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The site's root folder, absolute.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The articles of every file that could be read (`gloss check` reports the others).
    pub fn readable_library(&self) -> crate::content::Library {
        let options = crate::content::LoadOptions { include_drafts: self.options.drafts };
        self.files.readable_library(&self.config, options)
    }

    /// Renders into `sink` every page whose inputs changed since the last render (every page
    /// the first time, or without a cache). A failed render changes nothing kept: the next
    /// render compares with the last one that succeeded.
    pub fn render_into(&mut self, sink: &dyn Sink, progress: bool) -> Result<Rendered> {
        render::run(self, sink, progress)
    }

    /// Renders into memory what changed since the last render (everything the first time).
    pub fn render(&mut self, progress: bool) -> Result<Rebuild> {
        let started = Instant::now();
        let collect = Collect::default();
        let rendered = self.render_into(&collect, progress)?;
        Ok(Rebuild {
            changes: Changes {
                pages: collect.into_pages(),
                removed: rendered.removed,
                static_paths: Vec::new(),
            },
            total: rendered.total,
            articles: rendered.articles,
            elapsed: started.elapsed(),
            ..Rebuild::default()
        })
    }

    /// Which part of the site `path` (absolute) belongs to.
    pub fn part_of(&self, path: &Path) -> SitePart {
        let Ok(relative) = path.strip_prefix(&self.root) else { return SitePart::Other };
        if is_editor_file(relative) {
            return SitePart::Other;
        }
        if relative == Path::new(crate::config::CONFIG_FILE)
            || path.starts_with(self.config.templates_dir())
        {
            SitePart::Structure
        } else if path.starts_with(self.config.content_dir()) {
            SitePart::Content
        } else if path.starts_with(self.config.static_dir()) {
            SitePart::Static
        } else {
            SitePart::Other
        }
    }

    /// Applies changed paths (absolute; unrelated ones are ignored) and renders what they
    /// touch. On failure the site keeps its last good pages; the next call retries what failed.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Rebuild> {
        let started = Instant::now();
        let parts: Vec<SitePart> = changed.iter().map(|p| self.part_of(p)).collect();
        let full = self.reload_pending || parts.contains(&SitePart::Structure);
        if full {
            self.reload_pending = true;
            self.reload()?;
            self.reload_pending = false;
        } else {
            let content = paths_in(changed, &parts, SitePart::Content);
            if !content.is_empty() {
                self.update_content(&content)?;
            }
        }
        let statics = paths_in(changed, &parts, SitePart::Static);
        let mut rebuild = if full || parts.contains(&SitePart::Content) {
            self.render(false)?
        } else {
            Rebuild::default()
        };
        rebuild.full = full;
        rebuild.only_css = !statics.is_empty()
            && rebuild.changes.pages.is_empty()
            && rebuild.changes.removed.is_empty()
            && statics.iter().all(|p| p.extension().is_some_and(|e| e == "css"));
        rebuild.changes.static_paths = statics;
        rebuild.elapsed = started.elapsed();
        Ok(rebuild)
    }

    /// Re-reads the content files named (and whatever the folder listing says changed), and
    /// tells the cache what each edit did.
    fn update_content(&mut self, paths: &[PathBuf]) -> Result<()> {
        match self.files.update(&self.config, paths) {
            Ok(edits) => {
                if let Some(cache) = &mut self.cache {
                    cache.apply(&edits);
                }
                Ok(())
            }
            Err(error) => {
                // Some files may be forgotten already: the library must be assembled anew.
                if let Some(cache) = &mut self.cache {
                    cache.forget_library();
                }
                Err(error)
            }
        }
    }

    /// Reloads configuration, templates and every content file, and forgets the cache.
    fn reload(&mut self) -> Result<()> {
        let config = load_config(&self.root, &self.options)?;
        let templates = templates::load(&config)?;
        let files = ContentFiles::read(&config)?;
        self.config = config;
        self.templates = templates;
        self.files = files;
        if self.cache.is_some() {
            self.cache = Some(Cache::default());
        }
        Ok(())
    }
}

/// The paths of `changed` that belong to `part` (`parts` is parallel to `changed`).
fn paths_in(changed: &[PathBuf], parts: &[SitePart], part: SitePart) -> Vec<PathBuf> {
    changed.iter().zip(parts).filter(|(_, p)| **p == part).map(|(path, _)| path.clone()).collect()
}

/// Swap, backup and lock files editors write next to the real ones (`.x.swp`, `x~`, `#x#`,
/// `.#x`, Vim's `4913` probe, `x.tmp`): never content, and gone a moment later.
pub fn is_editor_file(relative: &Path) -> bool {
    let Some(name) = relative.file_name().map(|n| n.to_string_lossy()) else { return false };
    let hidden_dir = relative
        .parent()
        .is_some_and(|p| p.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')));
    hidden_dir
        || name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".crswap"].iter().any(|s| name.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_recognised() {
        for name in ["content/.a.md.swp", "content/a.md~", "content/#a.md#", "content/.#a.md"] {
            assert!(is_editor_file(Path::new(name)), "{name}");
        }
        assert!(is_editor_file(Path::new("content/4913")));
        assert!(is_editor_file(Path::new(".git/index")));
        assert!(!is_editor_file(Path::new("content/기사.md")));
        assert!(!is_editor_file(Path::new("static/css/site.css")));
    }
}
