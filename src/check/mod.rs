//! `gloss check`: everything wrong with a site, reported at once.
//!
//! The site is loaded and rendered in memory exactly as `build` would, but nothing stops at the
//! first problem: unreadable files, unknown `[[terms]]`, links to missing content files,
//! inconsistent dates, then every link and image of every rendered page (`links`) and, with
//! `--external`, every outside URL (`external`). Each problem is one line that starts with the
//! file it is in, and the line where there is one. Nothing is written.

mod external;
mod links;

use std::path::Path;
use std::time::Duration;

use anyhow::Result;

use crate::content::Article;
use crate::pipeline::{BuildOptions, Collect, Site, load_config};
use crate::render::templates;

/// What to check beyond the site itself.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Also request every external URL.
    pub external: bool,
    /// Per external request.
    pub timeout: Duration,
    /// External requests in flight at once.
    pub concurrency: usize,
    /// Check the site as built for this base URL (`--base-url`, a project site's path).
    pub base_url: Option<String>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            external: false,
            timeout: Duration::from_secs(10),
            concurrency: 8,
            base_url: None,
        }
    }
}

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    /// One line per problem: `content/a.md:12: …`, sorted by file.
    pub problems: Vec<String>,
    /// Pages and links looked at, for the summary line.
    pub pages: usize,
    pub links: usize,
    pub external: usize,
}

/// Checks the site at `root`. `Err` only when there is no site to check (no `site.toml`).
pub fn check(root: &Path, options: &CheckOptions) -> Result<Report> {
    let build = BuildOptions { base_url: options.base_url.clone(), ..BuildOptions::default() };
    let config = load_config(root, &build)?;
    let mut report = Report::default();
    // A broken template is the one problem that stops the check: nothing can be rendered.
    if let Err(error) = templates::load(&config) {
        report.problems.push(format!("{error:#}"));
        return Ok(report);
    }
    let mut site = Site::load(root, &build)?.for_check();
    let library = site.readable_library();
    for article in &library.articles {
        report.problems.extend(date_problems(article));
    }
    let collect = Collect::default();
    match site.render_into(&collect, false) {
        Ok(rendered) => {
            report.problems.extend(rendered.problems);
            let pages = collect.into_pages();
            let found = links::check(&config, &library, &pages);
            report.pages = pages.len();
            report.links = found.checked;
            report.problems.extend(found.problems);
            if options.external {
                let external = external::check(&found.external, options);
                report.external = found.external.len();
                report.problems.extend(external);
            }
        }
        Err(error) => report.problems.push(format!("{error:#}")),
    }
    report.problems.sort();
    report.problems.dedup();
    Ok(report)
}

/// Dates that parse but cannot be right: an update before publication, a timeline event that
/// ends before it starts.
fn date_problems(article: &Article) -> Vec<String> {
    let mut problems = Vec::new();
    let file = article.file.display();
    if let (Some(date), Some(updated)) = (article.meta.date, article.meta.updated)
        && updated < date
    {
        problems.push(format!("{file}: `updated: {updated}` is before `date: {date}`"));
    }
    for (n, event) in article.meta.timeline.iter().enumerate() {
        if let Some(end) = event.end
            && end.chronological_key() < event.date.chronological_key()
        {
            problems.push(format!(
                "{file}: timeline event {} ends ({}) before it starts ({})",
                n + 1,
                end.to_iso(),
                event.date.to_iso()
            ));
        }
    }
    problems
}
