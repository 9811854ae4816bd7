//! `gloss import INPUT... [--out DIR] [--force] [--stdout | --text]`: scraped pages → `content/`.
//!
//! Pages are imported in parallel (reading and extraction touch nothing); one bad page never
//! stops the others. Then, one input at a time and in input order, each article gets its file
//! name and is written, so that two inputs never race for one file (see: #18):
//! - every distinct input becomes its own article or a named failure: a second page with the
//!   same title and day becomes `<day>-<slug>-2.md`, never a lost page;
//! - an input byte for byte equal to an earlier input of the run is reported as its duplicate;
//! - an existing file is never overwritten without `--force` (a user may have edited it), and
//!   only by the article it came from; one with identical contents counts as unchanged.
//!
//! The run ends with a summary, and exits 1 if any input failed.

use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use indicatif::{ParallelProgressIterator, ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::content::front_matter;
use crate::date::PartialDate;
use crate::import::article::{ImportedArticle, ImportedEvent};
use crate::import::{ImportSettings, import_page_with};
use crate::slug;

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
    /// Byte for byte the same as an earlier input of the run (`input`, `earlier`).
    Duplicate(String, String),
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
    let pages: Vec<Result<Page>> = inputs
        .par_iter()
        .progress_with(progress.clone())
        .map(|input| import_page(input, options))
        .collect();
    progress.finish_and_clear();
    let mut batch = Batch::default();
    let outcomes: Vec<Outcome> = pages
        .into_iter()
        .map(|page| match page {
            Ok(page) => batch.place(page, options),
            Err(error) => Outcome::Failed(format!("{error:#}")),
        })
        .collect();
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

/// One input, imported: what it is called in messages, and its article.
struct Page {
    display: String,
    article: ImportedArticle,
}

/// Reads and imports one input. Pure but for reading the input: safe to run in parallel.
fn import_page(input: &Input, options: &ImportOptions) -> Result<Page> {
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
    // A bug that panics on one page costs that page, named in the summary, not the whole run.
    let imported = std::panic::catch_unwind(|| import_page_with(&name, &bytes, &settings))
        .map_err(|_| {
            anyhow::anyhow!(
                "`{display}`: gloss failed on this page (a bug; please report it with the page)"
            )
        })?;
    let article = imported.with_context(|| format!("`{display}`"))?;
    Ok(Page { display, article })
}

/// The run so far, for giving each input its file: names are chosen one input at a time.
#[derive(Default)]
struct Batch {
    /// Files chosen by earlier inputs of the run: no other input may have them.
    claimed: HashSet<PathBuf>,
    /// The first input of the run with each content (by SHA-256).
    first: HashMap<String, String>,
    /// The URL slugs of the files in each output folder (read once), and of the files chosen.
    slugs: HashMap<PathBuf, HashMap<String, PathBuf>>,
}

impl Batch {
    /// Prints, or gives the article its file and writes it.
    fn place(&mut self, page: Page, options: &ImportOptions) -> Outcome {
        match options.print {
            Print::Text => return Outcome::Printed(page.article.body_text()),
            Print::Markdown => return Outcome::Printed(page.article.to_file_text()),
            Print::Nothing => {}
        }
        let sha256 = page.article.imported_from.sha256.clone();
        if let Some(earlier) = self.first.get(&sha256) {
            return Outcome::Duplicate(page.display, earlier.clone());
        }
        self.first.insert(sha256, page.display.clone());
        let display = page.display;
        match self.write(page.article, options) {
            Ok(outcome) => outcome,
            Err(error) => Outcome::Failed(format!("`{display}`: {error:#}")),
        }
    }

    fn write(&mut self, mut article: ImportedArticle, options: &ImportOptions) -> Result<Outcome> {
        let target = self.choose_file(&article, options)?;
        self.claimed.insert(target.clone());
        if let Ok(existing) = std::fs::read_to_string(&target) {
            keep_hand_written_events(&mut article, &target, &existing);
            keep_import_time(&mut article, &target, &existing);
        }
        write_article(&target, &article.to_file_text(), options.force)
    }

    /// The article's file: the first of `<day>-<slug>.md`, `<day>-<slug>-2.md` … that is this
    /// article's own (imported from the same bytes, or from the same URL), or free. A name
    /// another input of the run took is not free, nor one whose URL slug another file of the
    /// folder has (two articles titled alike on two days would share `/<slug>/`, and the build
    /// would refuse them).
    fn choose_file(
        &mut self,
        article: &ImportedArticle,
        options: &ImportOptions,
    ) -> Result<PathBuf> {
        const MAX_CANDIDATES: usize = 10_000;
        for n in 1..=MAX_CANDIDATES {
            let name = article.numbered_file_name(options.transliterate, n);
            let path = options.out.join(&name);
            if self.claimed.contains(&path) {
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(text) if is_same_article(&path, &text, article) => return Ok(path),
                Ok(_) => continue,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => {
                    return Err(error).with_context(|| format!("cannot read `{}`", path.display()));
                }
            }
            let slug = url_slug(&name, options.transliterate);
            let slugs = self.slugs_of(&options.out, options.transliterate)?;
            if slugs.get(&slug).is_some_and(|other| *other != path) {
                continue;
            }
            slugs.insert(slug, path.clone());
            return Ok(path);
        }
        bail!("no free file name among {MAX_CANDIDATES} for `{}`", article.file_name(false))
    }

    /// The URL slugs of the Markdown files in `folder` (not in its sub-folders, which are
    /// sections of their own), read on first use.
    fn slugs_of(
        &mut self,
        folder: &Path,
        transliterate: bool,
    ) -> Result<&mut HashMap<String, PathBuf>> {
        if !self.slugs.contains_key(folder) {
            let mut slugs = HashMap::new();
            let entries = match std::fs::read_dir(folder) {
                Ok(entries) => entries.collect::<Vec<_>>(),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
                Err(error) => {
                    return Err(error)
                        .with_context(|| format!("cannot read `{}`", folder.display()));
                }
            };
            for entry in entries {
                let entry = entry.with_context(|| format!("cannot read `{}`", folder.display()))?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.ends_with(".md") && !name.starts_with('_') {
                    slugs.insert(url_slug(&name, transliterate), entry.path());
                }
            }
            self.slugs.insert(folder.to_path_buf(), slugs);
        }
        Ok(self.slugs.entry(folder.to_path_buf()).or_default())
    }
}

/// The URL slug a content file gets from its name (`2025-08-17-x-2.md` → `x-2`).
fn url_slug(file_name: &str, transliterate: bool) -> String {
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    slug::slugify(slug::strip_date_prefix(stem), transliterate)
}

/// Whether the existing file `text` at `path` is `article`'s: imported from the same bytes, or
/// from the same URL (the page changed since). A file without `imported_from` was written by
/// hand, and is another article. When its front matter cannot be read, the input's SHA-256
/// anywhere in it still tells.
fn is_same_article(path: &Path, text: &str, article: &ImportedArticle) -> bool {
    let sha256 = &article.imported_from.sha256;
    let meta = front_matter::split(path, text).and_then(|split| front_matter::parse(path, &split));
    let Ok(meta) = meta else { return text.contains(sha256.as_str()) };
    if meta.imported_from.is_some_and(|from| from.sha256 == *sha256) {
        return true;
    }
    let url = article.source.as_ref().and_then(|s| s.url.as_deref());
    let existing = meta.source.and_then(|s| s.url);
    url.is_some() && existing.as_deref() == url
}

/// An undated article keeps the time it was first imported (its place in the feeds), so that
/// importing the same page again writes the same file.
fn keep_import_time(article: &mut ImportedArticle, path: &Path, existing: &str) {
    if article.imported_from.at.is_none() {
        return;
    }
    let Ok(split) = front_matter::split(path, existing) else { return };
    let Ok(meta) = front_matter::parse(path, &split) else { return };
    if let Some(at) = meta.imported_from.and_then(|from| from.at) {
        article.imported_from.at = Some(at);
    }
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
    let mut file = temporary_file(dir)?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write `{}`", target.display()))?;
    file.persist(target).with_context(|| format!("cannot write `{}`", target.display()))?;
    Ok(Outcome::Written(target.to_path_buf()))
}

/// A temporary file in `dir`, with the permissions a new file gets from the user's umask
/// (`0666 & !umask`, as an editor's would), not tempfile's private `0600`: a web server or a
/// teammate must be able to read the articles (see: #18). The mode is passed to `open(2)`,
/// which applies the umask.
fn temporary_file(dir: &Path) -> Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gloss-import-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir).with_context(|| format!("cannot write in `{}`", dir.display()))
}

fn report(outcomes: &[Outcome]) -> Result<()> {
    let (mut written, mut unchanged, mut skipped, mut duplicates, mut failed) = (0, 0, 0, 0, 0);
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
            Outcome::Duplicate(input, earlier) => {
                duplicates += 1;
                eprintln!("duplicate {input} (the same bytes as {earlier})");
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
    eprintln!(
        "{written} imported, {unchanged} unchanged, {skipped} skipped, {duplicates} duplicate, \
         {failed} failed"
    );
    if failed > 0 {
        bail!("{failed} of {} pages could not be imported", outcomes.len());
    }
    Ok(())
}
