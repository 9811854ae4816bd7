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

pub use pipeline::{BuildOptions, BuildReport, build, load_config};
