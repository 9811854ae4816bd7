//! gloss: a static site generator for annotated news articles.
//!
//! The modules follow the pipeline, data flowing one way (see `pipeline` for how the
//! commands run it, and the README's design notes):
//!
//! ```text
//! import ──▶ content/*.md                                  (gloss import; not part of a build)
//! content ─▶ Library ─▶ annotate ─▶ Annotated ─▶ render ─▶ pages ─▶ output / serve / check
//! ```
//!
//! Leaf modules any stage may use: `config`, `error`, `hash`, `limits`, `files`, `date`,
//! `slug`, `markdown` (gloss's Markdown dialect). `tests/architecture.rs` fails when a module
//! uses one above it.

pub mod annotate;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod date;
pub mod error;
pub mod files;
pub mod hash;
pub mod import;
pub mod limits;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod slug;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;

pub use pipeline::{BuildOptions, load_config};

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

/// Builds the site at `root` into its output folder: the pipeline with the staging folder as
/// its sink and no cache. The previous output stays whole on failure.
pub fn build(root: &std::path::Path, options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let mut site = pipeline::Site::load(root, options)?.without_cache();
    let config = site.config();
    let output = options.output.clone().unwrap_or_else(|| config.output_path());
    let source_dirs = [config.content_dir(), config.templates_dir(), config.static_dir()];
    // Pages go to the staging folder as they are rendered; a failure drops the folder.
    let staging = output::Staging::create(&output::Destination {
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
