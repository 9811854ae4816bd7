//! gloss: a static site generator for annotated news articles.
//!
//! The build is a straight pipeline, one function per stage, data flowing one way:
//!
//! ```text
//! site.toml ─ Config::from_root ─┐
//! content/  ─ content::load ─────┴─ Library ─ render::render_site ─ pages ─ output::write ─ public/
//! ```
//!
//! `gloss import` (stage 0) writes `content/` and is not part of `build`.

pub mod annotate;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod error;
pub mod files;
pub mod hash;
pub mod import;
pub mod limits;
pub mod output;
pub mod render;
pub mod serve;
pub mod site;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;

use config::Config;

/// What `build` should do beyond reading `site.toml`.
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

/// Loads the configuration of the site at `root`, with command-line overrides applied.
pub fn load_config(root: &std::path::Path, options: &BuildOptions) -> Result<Config> {
    let mut config = Config::from_root(root)?;
    if let Some(base_url) = &options.base_url {
        config.set_base_url(base_url)?;
    }
    Ok(config)
}

/// Builds the site at `root`: load, render, write. The previous output stays whole on failure.
pub fn build(root: &std::path::Path, options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let site = site::Site::load(root, options)?;
    let mut stages = vec![("read the content and templates", started.elapsed())];
    let config = site.config();
    let output = options.output.clone().unwrap_or_else(|| config.output_path());
    let source_dirs = [config.content_dir(), config.templates_dir(), config.static_dir()];
    let staging = output::Staging::create(&output::OutputPlan {
        pages: &[],
        static_dir: &config.static_dir(),
        output: &output,
        root: &config.root,
        source_dirs: &source_dirs,
    })?;
    // Pages go to the staging folder as they are rendered; a failure drops the folder.
    let write = |page: render::RenderedPage| staging.write_page(&page);
    let (articles, rendered) = site.render_once(options.progress, &write)?;
    stages.extend(rendered.stages);
    let swapping = Instant::now();
    staging.finish()?;
    stages.push(("swap the new site in", swapping.elapsed()));
    Ok(BuildReport { articles, pages: rendered.pages, output, elapsed: started.elapsed(), stages })
}
