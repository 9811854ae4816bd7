//! `gloss build`.

use std::path::Path;

use anyhow::Result;

use crate::BuildOptions;

/// Builds the site and prints one summary line.
pub fn run(root: &Path, options: &BuildOptions) -> Result<()> {
    let report = crate::build(root, options)?;
    eprintln!(
        "Built {} articles into {} pages in `{}` ({} ms)",
        report.articles,
        report.pages,
        report.output.display(),
        report.elapsed.as_millis()
    );
    Ok(())
}
