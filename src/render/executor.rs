//! Rendering pages: which are due, rendering them through Tera in parallel, and handing each to
//! the caller's [`Sink`] as soon as it is rendered, so a build never holds the site whole.

use anyhow::{Context as _, Result};
use indicatif::ParallelProgressIterator;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::page::{Body, Origin, Page};
use super::templates::Templates;
use super::{RenderedPage, Shared, output_file};
use crate::error::UrlCollision;

/// Where rendered pages go: a staging folder (`gloss build`), memory (`gloss serve`, `build
/// --watch`), or a link checker (`gloss check`). Called from many threads at once.
pub trait Sink: Sync {
    /// Takes one rendered page.
    fn page(&self, page: RenderedPage) -> Result<()>;
}

/// Each page's fingerprint by output file, from one render. What a next render compares with
/// to find the pages due.
pub type Fingerprints = FxHashMap<String, u64>;

/// One render's executor: templates, what pages share, the previous fingerprints, the sink.
pub(crate) struct Rendering<'r> {
    pub(crate) templates: &'r Templates,
    pub(crate) shared: &'r Shared<'r>,
    /// The fingerprints of the previous render; every page is due without them.
    pub(crate) previous: Option<&'r Fingerprints>,
    pub(crate) sink: &'r dyn Sink,
    pub(crate) bar: &'r indicatif::ProgressBar,
}

impl Rendering<'_> {
    /// Renders `page` if it is due and hands it to the sink. Returns its output file and
    /// fingerprint.
    pub(crate) fn one(&self, page: &Page<'_>) -> Result<(String, u64)> {
        let file = output_file(&page.url);
        let fingerprint = self.one_quietly(page, Some(&file))?;
        Ok((file, fingerprint))
    }

    /// [`Rendering::one`] that makes the page's output file name only when it must compare
    /// with a previous render (`file` if the caller has it): a build renders every page, and
    /// 10,000 small names allocated among the pages' large buffers cost it peak memory.
    pub(crate) fn one_quietly(&self, page: &Page<'_>, file: Option<&str>) -> Result<u64> {
        let fingerprint = page.fingerprint(self.shared.global);
        let due = match self.previous {
            None => true,
            Some(previous) => {
                let owned;
                let file = match file {
                    Some(file) => file,
                    None => {
                        owned = output_file(&page.url);
                        &owned
                    }
                };
                previous.get(file) != Some(&fingerprint)
            }
        };
        if due {
            self.sink.page(render(self.templates, self.shared, page)?)?;
        }
        Ok(fingerprint)
    }

    /// Renders the pages that are due, in parallel, and hands each to the sink as it is done.
    /// Returns every page's output file and fingerprint.
    pub(crate) fn all(&self, pages: Vec<Page<'_>>) -> Result<Vec<(String, u64)>> {
        self.bar.inc_length(pages.len() as u64);
        pages.into_par_iter().progress_with(self.bar.clone()).map(|page| self.one(&page)).collect()
    }
}

/// Renders one page through its template (or as its text).
pub(crate) fn render(
    templates: &Templates,
    shared: &Shared<'_>,
    page: &Page<'_>,
) -> Result<RenderedPage> {
    let path = output_file(&page.url);
    let html = match page.body {
        Body::Verbatim => page.text(),
        Body::Template(template) => templates
            .render(template, &page.context(shared))
            .with_context(|| format!("cannot render {} with template `{template}`", page.origin))?,
    };
    Ok(RenderedPage { path, html, origin: page.origin.to_string() })
}

/// Two pages writing one file: an error naming both origins.
pub(crate) fn check_collisions(origins: &[(&str, Origin<'_>)]) -> Result<(), UrlCollision> {
    let mut seen: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(origins.len(), Default::default());
    for (index, (file, _)) in origins.iter().enumerate() {
        if let Some(first) = seen.insert(file, index) {
            let url = file.strip_suffix("index.html").unwrap_or(file);
            return Err(UrlCollision {
                url: format!("/{url}"),
                first: origins[first].1.to_string(),
                second: origins[index].1.to_string(),
            });
        }
    }
    Ok(())
}

/// The error of a render that found broken `[[terms]]` or links, one `file:line` per line.
pub(crate) fn broken_links(problems: &[String]) -> anyhow::Error {
    anyhow::anyhow!("{} broken link(s) in articles:\n  {}", problems.len(), problems.join("\n  "))
}

/// A bar for builds long enough to watch; hidden for small sites and when not on a terminal.
pub(crate) fn progress_bar(len: usize, wanted: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !wanted || len < 1000 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("rendering {bar:40} {pos}/{len} pages")
    {
        bar.set_style(style);
    }
    bar
}
