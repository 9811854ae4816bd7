//! `gloss check`: print every problem, one per line, and fail if there is any.

use std::path::Path;

use anyhow::{Result, bail};

use crate::check::{CheckOptions, check};

/// Checks the site; problems go to standard output, the summary to standard error.
pub fn run(root: &Path, options: &CheckOptions) -> Result<()> {
    let report = check(root, options)?;
    for problem in &report.problems {
        println!("{problem}");
    }
    let external = if options.external {
        format!(", {} external URL(s)", report.external)
    } else {
        String::new()
    };
    let checked =
        format!("{} pages, {} internal links and images{external}", report.pages, report.links);
    if report.problems.is_empty() {
        eprintln!("No problems found in {checked}.");
        return Ok(());
    }
    bail!("{} problem(s) found in {checked}", report.problems.len())
}
