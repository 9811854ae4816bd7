//! Error types whose fields someone reads.
//!
//! Most of gloss reports failures through `anyhow` with a context naming the file. The types here
//! exist where a caller (a test, `gloss check`, the serve overlay) needs the structure: which file,
//! which line. Their `Display` follows the compiler convention `path:line:column: message`, which
//! editors and terminals turn into clickable locations.

use std::fmt;
use std::path::PathBuf;

/// A problem in an article's front matter (YAML syntax, a field of the wrong type, a bad date).
#[derive(Debug, thiserror::Error)]
pub struct FrontMatterError {
    /// The content file, as given to the loader (relative to the site root when possible).
    pub path: PathBuf,
    /// 1-based line in the file (not in the YAML block).
    pub line: usize,
    /// 1-based column, when the YAML parser knows it.
    pub column: Option<usize>,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.line)?;
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A template that failed to parse or render.
#[derive(Debug, thiserror::Error)]
pub struct TemplateError {
    /// Where the template came from: `templates/article.html` or `(built-in) article.html`.
    pub template: String,
    /// 1-based line, exact for syntax errors and best effort for render errors.
    pub line: Option<usize>,
    /// Tera's explanation, all causes joined.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.template, line, self.message),
            None => write!(f, "{}: {}", self.template, self.message),
        }
    }
}

/// Two sources would be written to the same output file.
#[derive(Debug, thiserror::Error)]
#[error("two pages would be written to `{url}`: {first} and {second}")]
pub struct UrlCollision {
    /// The site-relative URL both claim.
    pub url: String,
    /// What produced it first (a content file or a generated listing).
    pub first: String,
    /// What produced it second.
    pub second: String,
}
