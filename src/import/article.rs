//! The result of importing one page, and how it is written: YAML front matter in a fixed field
//! order, then the Markdown body. Output is a pure function of the input bytes, so importing the
//! same page twice gives byte-identical files.

use serde::Serialize;

use crate::slug::slugify;

/// An imported article, ready to be written to `content/`.
#[derive(Debug, Clone, Serialize)]
pub struct ImportedArticle {
    /// Headline.
    pub title: String,
    /// ISO 8601 date or time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Reporters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Outlet and original URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<ImportedSource>,
    /// The dateline city.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// Subtitle or lead, with its line breaks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Keywords.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Images with captions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ImportedImage>,
    /// The article's own glossary box.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<ImportedTerm>,
    /// Dated events found in the body and captions, and hand-written ones kept on re-import.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<ImportedEvent>,
    /// The publisher's copyright line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copyright: Option<String>,
    /// Provenance.
    pub imported_from: ImportedFrom,
    /// The Markdown body (not part of the front matter).
    #[serde(skip)]
    pub body: String,
}

/// `source:` of an imported article.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImportedSource {
    /// Outlet name.
    pub name: String,
    /// Original URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One entry of `images:`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImportedImage {
    /// Full-size URL.
    pub src: String,
    /// Alternative text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// Caption without its credit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Photographer or agency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

/// One entry of `glossary:`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImportedTerm {
    /// The term.
    pub term: String,
    /// Its definition.
    pub definition: String,
}

/// One entry of `timeline:`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImportedEvent {
    /// `2024-03`, `2025-08-08`, `2025`: the precision the text gave.
    pub date: String,
    /// End of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// The sentence stating the event.
    pub text: String,
    /// A vague date.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub approx: bool,
    /// `body` or `caption` for extracted events; hand-written ones have none (or their own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// `imported_from:`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImportedFrom {
    /// Input file name (not its path: the same page imported from elsewhere is the same article).
    pub file: String,
    /// SHA-256 of the input bytes, hex.
    pub sha256: String,
    /// When it was imported (RFC 3339, UTC), for an article without a date: where feeds place
    /// it. A re-import of the same page keeps the first time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

impl ImportedArticle {
    /// The body as plain text: each block (paragraph, heading, list item, quote line, table
    /// row) on its own, separated by blank lines; figures, captions and link targets left out.
    pub fn body_text(&self) -> String {
        crate::markdown::text::blocks(&self.body).join("\n\n") + "\n"
    }

    /// The whole file: `---`, YAML, `---`, body, ending with exactly one line break.
    pub fn to_file_text(&self) -> String {
        // Serialising plain strings, vectors and options cannot fail.
        let yaml = serde_yaml::to_string(self).unwrap_or_default();
        format!("---\n{yaml}---\n\n{}\n", self.body.trim_end_matches('\n'))
    }

    /// `2025-08-17-오픈ai와-경쟁적-협력.md`: the day, then a slug of the title cut at 60 characters.
    pub fn file_name(&self, transliterate: bool) -> String {
        format!("{}.md", self.file_stem(transliterate))
    }

    /// The `n`th name this article may take (from 1): [`Self::file_name`], then
    /// `2025-08-17-오픈ai와-경쟁적-협력-2.md`, `-3` … for a second page of the same title and day.
    pub fn numbered_file_name(&self, transliterate: bool, n: usize) -> String {
        match n {
            0 | 1 => self.file_name(transliterate),
            n => format!("{}-{n}.md", self.file_stem(transliterate)),
        }
    }

    /// [`Self::file_name`] without `.md`.
    fn file_stem(&self, transliterate: bool) -> String {
        let day = self.date.as_deref().map_or("undated", |d| d.get(..10).unwrap_or(d));
        let slug = slugify(&self.title, transliterate);
        let mut cut = String::new();
        for part in slug.split('-') {
            if !cut.is_empty() && cut.chars().count() + part.chars().count() + 1 > 60 {
                break;
            }
            if !cut.is_empty() {
                cut.push('-');
            }
            cut.push_str(part);
        }
        let cut: String = cut.chars().take(80).collect();
        let slug = if cut.is_empty() {
            &self.imported_from.sha256[..12.min(self.imported_from.sha256.len())]
        } else {
            &cut
        };
        format!("{day}-{slug}")
    }
}
