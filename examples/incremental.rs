//! Times incremental rebuilds the way `gloss serve` does them: loads a site, renders it once,
//! then edits one article's body (and then its title) several times and times each update.
//!
//! Usage: `cargo run --release --example incremental -- SITE_ROOT [ROUNDS] [body|title]`
//! `PAUSE_MS=500` waits that long before each edit, as an editor would.
//! The edited article is restored afterwards.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use gloss::BuildOptions;
use gloss::pipeline::Site;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().context("usage: incremental SITE_ROOT [ROUNDS]")?);
    let rounds: usize = args.next().map_or(Ok(9), |r| r.parse())?;
    let only = args.next();
    let started = Instant::now();
    let mut site = Site::load(&root, &BuildOptions::default())?;
    let first = site.render(false)?;
    println!("full render: {} pages in {} ms", first.total, started.elapsed().as_millis());
    let content = site.config().content_dir();
    let article = walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .context("no article")?;
    let original = std::fs::read_to_string(&article)?;
    let result = edit_rounds(&mut site, &article, &original, rounds, only.as_deref());
    std::fs::write(&article, &original)?;
    result
}

fn edit_rounds(
    site: &mut Site,
    article: &PathBuf,
    original: &str,
    rounds: usize,
    only: Option<&str>,
) -> Result<()> {
    for (kind, edit) in [("body", body_edit as fn(&str, usize) -> String), ("title", title_edit)] {
        if only.is_some_and(|only| only != kind) {
            continue;
        }
        let mut times = Vec::new();
        let mut pages = 0;
        for round in 0..rounds {
            // An editor's pace: with PAUSE_MS set, the site sits idle between edits as in serve.
            if let Some(pause) = std::env::var("PAUSE_MS").ok().and_then(|p| p.parse().ok()) {
                std::thread::sleep(std::time::Duration::from_millis(pause));
            }
            std::fs::write(article, edit(original, round))?;
            let update = site.update(std::slice::from_ref(article))?;
            times.push(update.elapsed.as_secs_f64() * 1000.0);
            pages = update.changes.pages.len();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{kind} edit: median {:.1} ms, min {:.1} ms, max {:.1} ms ({pages} pages rendered)",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
    }
    Ok(())
}

fn body_edit(original: &str, round: usize) -> String {
    format!("{original}\nOne more sentence, edit number {round}.\n")
}

fn title_edit(original: &str, round: usize) -> String {
    original.replacen("title: \"", &format!("title: \"(v{round}) "), 1)
}
