//! A site kept in memory between builds, for `gloss serve` and `gloss build --watch`.
//!
//! The pipeline is the same as `gloss build`'s; what a [`Site`] adds is memory. It keeps the
//! parsed content files, the templates and the render cache, so a change re-reads only the files
//! it names and re-renders only the pages whose inputs changed (see `render::fingerprint`). What
//! a change touches decides how much is redone:
//!
//! - an article or `content/glossary.yaml`: that file is re-read; pages are re-rendered by
//!   fingerprint (the article, its neighbours, the listings, tag, term and timeline pages that
//!   show it);
//! - a file under `static/`: nothing is rendered; the caller copies or serves the file;
//! - `site.toml` or a template: everything is reloaded and re-rendered.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::config::Config;
use crate::content::{LoadOptions, Sources};
use crate::render::templates::{self, Templates};
use crate::render::{PageSink, RenderCache, RenderedPage};
use crate::{BuildOptions, load_config};

/// A loaded site that can be updated file by file.
pub struct Site {
    root: PathBuf,
    options: BuildOptions,
    config: Config,
    templates: Templates,
    sources: Sources,
    cache: RenderCache,
    /// Set when `site.toml` or a template changed and the reload has not succeeded yet.
    reload_pending: bool,
}

/// What one (re)build produced.
#[derive(Debug, Default)]
pub struct Update {
    /// Pages rendered: all on the first build, afterwards only the changed ones.
    pub pages: Vec<RenderedPage>,
    /// Output paths of pages that no longer exist.
    pub removed: Vec<String>,
    /// Pages the site has in all.
    pub total: usize,
    /// Articles the site has.
    pub articles: usize,
    /// Files of `static/` that changed (written, created or deleted), absolute.
    pub static_paths: Vec<PathBuf>,
    /// Whether stylesheets are all that changed, so a browser can swap them without reloading.
    pub only_css: bool,
    /// Whether everything was reloaded (configuration or templates changed).
    pub full: bool,
    pub elapsed: Duration,
}

impl Update {
    /// Whether anything under `static/` changed.
    pub fn static_changed(&self) -> bool {
        !self.static_paths.is_empty()
    }

    /// Whether the update changes nothing that is served.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty() && self.removed.is_empty() && !self.static_changed()
    }
}

/// Which part of the site a changed path belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `site.toml` or `templates/`: reload everything.
    Structure,
    /// `content/`.
    Content,
    /// `static/`.
    Static,
    /// Anything else (the output folder, editor files): ignored.
    Other,
}

impl Site {
    /// Loads the site at `root` (content, templates, configuration) without rendering it.
    pub fn load(root: &Path, options: &BuildOptions) -> Result<Site> {
        let root = std::fs::canonicalize(root)
            .with_context(|| format!("cannot open the site folder `{}`", root.display()))?;
        let config = load_config(&root, options)?;
        let templates = templates::load(&config)?;
        let sources = Sources::read(&config)?;
        Ok(Site {
            root,
            options: options.clone(),
            config,
            templates,
            sources,
            cache: RenderCache::default(),
            reload_pending: false,
        })
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The site's root folder, absolute.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Renders the pages that changed since the last successful render (all, the first time).
    pub fn render(&mut self, progress: bool) -> Result<Update> {
        let started = Instant::now();
        let library = self
            .sources
            .library_cached(&self.config, LoadOptions { include_drafts: self.options.drafts })?;
        let outcome = crate::render::render_changed(
            &self.config,
            library,
            &self.templates,
            &mut self.cache,
            progress,
        )?;
        Ok(Update {
            pages: outcome.pages,
            removed: outcome.removed,
            total: outcome.total,
            articles: library.articles.len(),
            elapsed: started.elapsed(),
            ..Update::default()
        })
    }

    /// Renders every page once, handing each to `sink` as soon as it is rendered, for a build
    /// that ends with it (`gloss build`): the site is consumed, so the render keeps nothing for
    /// a next one and frees what it is done with (see [`crate::render::render_once`]).
    /// Returns the number of articles and what the render did.
    pub fn render_once(
        mut self,
        progress: bool,
        sink: PageSink<'_>,
    ) -> Result<(usize, crate::render::RenderedOnce)> {
        let options = LoadOptions { include_drafts: self.options.drafts };
        let library = self.sources.library_cached(&self.config, options)?;
        let articles = library.articles.len();
        let rendered =
            crate::render::render_once(&self.config, library, &self.templates, progress, sink)?;
        Ok((articles, rendered))
    }

    /// Which part of the site `path` (absolute) belongs to.
    pub fn part_of(&self, path: &Path) -> Part {
        let Ok(relative) = path.strip_prefix(&self.root) else { return Part::Other };
        if is_editor_file(relative) {
            return Part::Other;
        }
        if relative == Path::new(crate::config::CONFIG_FILE)
            || path.starts_with(self.config.templates_dir())
        {
            Part::Structure
        } else if path.starts_with(self.config.content_dir()) {
            Part::Content
        } else if path.starts_with(self.config.static_dir()) {
            Part::Static
        } else {
            Part::Other
        }
    }

    /// Applies changed paths (absolute; unrelated ones are ignored) and renders what they touch.
    /// On failure the site keeps its last good pages; the next call retries what failed.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update> {
        let started = Instant::now();
        let parts: Vec<Part> = changed.iter().map(|p| self.part_of(p)).collect();
        let full = self.reload_pending || parts.contains(&Part::Structure);
        if full {
            self.reload_pending = true;
            self.reload()?;
            self.reload_pending = false;
        } else {
            let content = paths_in(changed, &parts, Part::Content);
            if !content.is_empty() {
                self.sources.update(&self.config, &content)?;
            }
        }
        let statics = paths_in(changed, &parts, Part::Static);
        let mut update = if full || parts.contains(&Part::Content) {
            self.render(false)?
        } else {
            Update::default()
        };
        update.full = full;
        update.only_css = !statics.is_empty()
            && update.pages.is_empty()
            && update.removed.is_empty()
            && statics.iter().all(|p| p.extension().is_some_and(|e| e == "css"));
        update.static_paths = statics;
        update.elapsed = started.elapsed();
        Ok(update)
    }

    /// Reloads configuration, templates and every content file, and forgets the render cache.
    fn reload(&mut self) -> Result<()> {
        let config = load_config(&self.root, &self.options)?;
        let templates = templates::load(&config)?;
        let sources = Sources::read(&config)?;
        self.config = config;
        self.templates = templates;
        self.sources = sources;
        self.cache = RenderCache::default();
        Ok(())
    }
}

/// The paths of `changed` that belong to `part` (`parts` is parallel to `changed`).
fn paths_in(changed: &[PathBuf], parts: &[Part], part: Part) -> Vec<PathBuf> {
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
