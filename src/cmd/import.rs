//! `gloss import INPUT... [--out DIR] [--force] [--stdout | --text]`: scraped pages → `content/`.
//!
//! Inputs are imported in parallel; one bad page never stops the others. An existing file is
//! never overwritten without `--force` (a user may have edited it); one with identical contents
//! counts as unchanged. The run ends with a summary, and exits 1 if any input failed.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use indicatif::{ParallelProgressIterator, ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::content::front_matter;
use crate::date::PartialDate;
use crate::import::article::{ImportedArticle, ImportedEvent};
use crate::import::{ImportSettings, import_page_with};

/// Options of `gloss import`.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Files, folders (walked recursively) or `-` for standard input.
    pub inputs: Vec<PathBuf>,
    /// Where to write; the site's `content/` by default.
    pub out: PathBuf,
    /// Overwrite existing files.
    pub force: bool,
    /// Write files, or print the Markdown or the body's text instead.
    pub print: Print,
    /// ASCII file names.
    pub transliterate: bool,
    /// `[timeline] extract` of the site.
    pub extract_timeline: bool,
    /// `--keep-site-name` or `[import] keep_site_name`.
    pub site_name: crate::import::headline::SiteNamePolicy,
}

/// Where `gloss import` puts what it extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Print {
    /// Write article files (the default).
    Nothing,
    /// `--stdout`: print each article's Markdown file.
    Markdown,
    /// `--text`: print each article's body as plain text.
    Text,
}

/// What happened to one input.
#[derive(Debug)]
enum Outcome {
    Written(PathBuf),
    Unchanged,
    Skipped(PathBuf),
    Printed(String),
    Failed(String),
}

/// Runs the import and prints its summary.
pub fn run(options: &ImportOptions) -> Result<()> {
    let inputs = expand_inputs(&options.inputs)?;
    if inputs.is_empty() {
        bail!("no input pages found (looked for .html, .htm and .txt files)");
    }
    let progress = progress_bar(inputs.len() as u64, options.print != Print::Nothing);
    let outcomes: Vec<Outcome> = inputs
        .par_iter()
        .progress_with(progress.clone())
        .map(|input| import_one(input, options))
        .collect();
    progress.finish_and_clear();
    report(&outcomes)
}

fn progress_bar(len: u64, stdout: bool) -> ProgressBar {
    if stdout || len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} pages ({per_sec}, {eta})")
    {
        bar.set_style(style);
    }
    bar
}

/// An input: a path, or standard input.
#[derive(Debug, Clone)]
enum Input {
    File(PathBuf),
    Stdin,
}

fn expand_inputs(paths: &[PathBuf]) -> Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
                let entry = entry.with_context(|| format!("cannot walk `{}`", path.display()))?;
                let is_page = entry
                    .path()
                    .extension()
                    .is_some_and(|e| matches!(e.to_str(), Some("html" | "htm" | "txt")));
                if entry.file_type().is_file() && is_page {
                    inputs.push(Input::File(entry.into_path()));
                }
            }
        } else if path.is_file() {
            inputs.push(Input::File(path.clone()));
        } else {
            bail!("`{}` does not exist", path.display());
        }
    }
    Ok(inputs)
}

fn import_one(input: &Input, options: &ImportOptions) -> Outcome {
    match try_import(input, options) {
        Ok(outcome) => outcome,
        Err(error) => Outcome::Failed(format!("{error:#}")),
    }
}

fn try_import(input: &Input, options: &ImportOptions) -> Result<Outcome> {
    let (name, display, bytes) = match input {
        Input::File(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
            let name = path
                .file_name()
                .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            (name, path.display().to_string(), bytes)
        }
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
            ("stdin".to_owned(), "standard input".to_owned(), bytes)
        }
    };
    let settings =
        ImportSettings { extract_timeline: options.extract_timeline, site_name: options.site_name };
    let mut article =
        import_page_with(&name, &bytes, &settings).with_context(|| format!("`{display}`"))?;
    match options.print {
        Print::Text => return Ok(Outcome::Printed(article.body_text())),
        Print::Markdown => return Ok(Outcome::Printed(article.to_file_text())),
        Print::Nothing => {}
    }
    let target = options.out.join(article.file_name(options.transliterate));
    if let Ok(existing) = std::fs::read_to_string(&target) {
        keep_hand_written_events(&mut article, &target, &existing);
    }
    write_article(&target, &article.to_file_text(), options.force)
        .with_context(|| format!("`{display}`"))
}

/// Timeline entries a user wrote by hand in an existing article (those not marked
/// `source: body` or `source: caption`) survive a re-import: extraction never overwrites them.
fn keep_hand_written_events(article: &mut ImportedArticle, path: &Path, existing: &str) {
    let Ok(split) = front_matter::split(path, existing) else { return };
    let Ok(meta) = front_matter::parse(path, &split) else { return };
    let extracted = |s: &Option<String>| matches!(s.as_deref(), Some("body" | "caption"));
    let kept: Vec<ImportedEvent> = meta
        .timeline
        .into_iter()
        .filter(|e| !extracted(&e.source))
        .map(|e| ImportedEvent {
            date: e.date.to_iso(),
            end: e.end.map(|d| d.to_iso()),
            text: e.text,
            approx: e.approx,
            source: e.source,
        })
        .collect();
    if kept.is_empty() {
        return;
    }
    let mut events = kept;
    events.extend(std::mem::take(&mut article.timeline));
    // Stable by date: a hand-written event comes before an extracted one on the same date.
    events.sort_by_cached_key(|e| PartialDate::parse(&e.date).map(|d| d.start_day()));
    article.timeline = events;
}

/// Writes unless a different file is there and `--force` was not given. The file is written
/// to a temporary name and renamed, so a crash never leaves half an article.
fn write_article(target: &Path, text: &str, force: bool) -> Result<Outcome> {
    if let Ok(existing) = std::fs::read_to_string(target) {
        if existing == text {
            return Ok(Outcome::Unchanged);
        }
        if !force {
            return Ok(Outcome::Skipped(target.to_path_buf()));
        }
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in `{}`", dir.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write `{}`", target.display()))?;
    file.persist(target).with_context(|| format!("cannot write `{}`", target.display()))?;
    Ok(Outcome::Written(target.to_path_buf()))
}

fn report(outcomes: &[Outcome]) -> Result<()> {
    let (mut written, mut unchanged, mut skipped, mut failed) = (0, 0, 0, 0);
    let mut stdout = std::io::stdout().lock();
    for outcome in outcomes {
        match outcome {
            Outcome::Written(path) => {
                written += 1;
                eprintln!("imported  {}", path.display());
            }
            Outcome::Unchanged => unchanged += 1,
            Outcome::Skipped(path) => {
                skipped += 1;
                eprintln!(
                    "skipped   {} (exists and differs; use --force to overwrite)",
                    path.display()
                );
            }
            Outcome::Printed(text) => {
                written += 1;
                stdout.write_all(text.as_bytes()).context("cannot write to standard output")?;
            }
            Outcome::Failed(message) => {
                failed += 1;
                eprintln!("failed    {message}");
            }
        }
    }
    eprintln!("{written} imported, {unchanged} unchanged, {skipped} skipped, {failed} failed");
    if failed > 0 {
        bail!("{failed} of {} pages could not be imported", outcomes.len());
    }
    Ok(())
}
