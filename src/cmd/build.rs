//! `gloss build`.

use std::path::Path;

use anyhow::Result;

use crate::pipeline::BuildOptions;

/// Builds the site and prints one summary line, and with `timings` one line per stage.
pub fn run(root: &Path, options: &BuildOptions, timings: bool) -> Result<()> {
    let report = crate::pipeline::build(root, options)?;
    eprintln!(
        "Built {} articles into {} pages in `{}` ({} ms)",
        report.articles,
        report.pages,
        report.output.display(),
        report.elapsed.as_millis()
    );
    if timings {
        for (stage, took) in &report.stages {
            eprintln!("  {:>8.1} ms  {stage}", took.as_secs_f64() * 1000.0);
        }
    }
    Ok(())
}
