//! The hot stages of the pipeline, one benchmark each, on the repository's own inputs:
//!
//! - `import/seed`: `gloss import` of the seed page (decode, extract, Markdown, front matter).
//! - `markdown/seed`: rendering the imported seed article's Markdown body to HTML.
//! - `pipeline/example_site`: the pipeline as `gloss build` runs it on the example site
//!   (load, glossary, annotate, render every page through the templates), into a sink that
//!   keeps nothing.
//!
//! Whole builds of large generated sites, side by side with Hugo, are `bench/build.py`.
//! Run: `cargo bench --bench pipeline -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use gloss::BuildOptions;
use gloss::pipeline::Site;

const SEED: &[u8] = include_bytes!("../tests/fixtures/seed/000_e94aa386e9de23ea.txt");

fn seed_markdown() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::read_dir(root.join("content"))
        .expect("content/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("the seed article in content/");
    let text = std::fs::read_to_string(file).expect("read the seed article");
    // The body: everything after the closing front-matter fence.
    text.split("\n---\n").nth(1).unwrap_or(&text).to_owned()
}

fn pipeline(c: &mut Criterion) {
    c.bench_function("import/seed", |b| {
        b.iter(|| gloss::import::import_page("000_e94aa386e9de23ea.txt", black_box(SEED)))
    });
    let body = seed_markdown();
    c.bench_function("markdown/seed", |b| b.iter(|| gloss::markdown::render(black_box(&body))));
    // The pipeline as `gloss build` runs it (load, annotate, render, no cache), with a sink
    // that keeps nothing, so the disk is not measured.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    c.bench_function("pipeline/example_site", |b| {
        b.iter(|| {
            let site = Site::load(root, &BuildOptions::default()).expect("the example site");
            site.without_cache().render_into(&Discard, false).expect("a render")
        })
    });
}

/// A sink that drops every page.
struct Discard;

impl gloss::render::Sink for Discard {
    fn page(&self, page: gloss::render::RenderedPage) -> anyhow::Result<()> {
        black_box(page);
        Ok(())
    }
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
