//! Front matter: the YAML block between `---` lines at the top of an article.
//!
//! Parsing happens in two steps so that every error can name a line. First the block is parsed
//! into a YAML value (syntax errors carry the parser's position). Then each top-level key is
//! converted on its own, and a failure is reported at the line where that key starts. A single
//! `#[derive(Deserialize)]` with `#[serde(flatten)]` for unknown keys would lose those positions.
//!
//! The rest of the program sees only [`FrontMatter`]; the YAML crate stays inside this file, so
//! replacing the deprecated `serde_yaml` with a maintained fork touches nothing else.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::date::{ArticleDate, PartialDate};
use crate::error::FrontMatterError;

/// A YAML value kept as it was written, for `extra` and unknown keys.
pub type ExtraValue = serde_json::Value;

/// The typed front matter of one article.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// Headline.
    pub title: String,
    /// Publication date.
    pub date: Option<ArticleDate>,
    /// Last update.
    pub updated: Option<ArticleDate>,
    /// Drafts are left out unless `--drafts` is given.
    pub draft: bool,
    /// URL slug; the file name gives one otherwise.
    pub slug: Option<String>,
    /// Subtitle or lead, line breaks kept.
    pub summary: Option<String>,
    /// Bylines (`authors:` list, or a single `author:`).
    pub authors: Vec<String>,
    /// Where the article was published.
    pub source: Option<Source>,
    /// The city in a dateline such as `(서울=뉴스1)`.
    pub dateline: Option<String>,
    /// The publisher's copyright line.
    pub copyright: Option<String>,
    /// Tags, as written.
    pub tags: Vec<String>,
    /// Images with captions, in article order.
    pub images: Vec<Image>,
    /// The article's own glossary.
    pub glossary: Vec<GlossaryEntry>,
    /// Dated events the article mentions.
    pub timeline: Vec<TimelineEntry>,
    /// Provenance written by `gloss import`.
    pub imported_from: Option<ImportedFrom>,
    /// `extra:` plus every unknown key, for templates.
    pub extra: BTreeMap<String, ExtraValue>,
    /// Unknown top-level keys (with their lines), so `check` can warn about typos.
    pub unknown_keys: Vec<(String, usize)>,
}

/// The publisher: `source: 뉴스1` or `source: {name: 뉴스1, url: https://...}`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Outlet name.
    pub name: String,
    /// Original article URL.
    #[serde(default)]
    pub url: Option<String>,
}

/// An image of the article.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Full-size image URL.
    pub src: String,
    /// Alternative text.
    #[serde(default)]
    pub alt: Option<String>,
    /// Visible caption.
    #[serde(default)]
    pub caption: Option<String>,
    /// Photographer or agency.
    #[serde(default)]
    pub credit: Option<String>,
}

/// A term the article defines.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    /// The term as written in text.
    pub term: String,
    /// Definition, Markdown.
    pub definition: String,
    /// Other spellings that mean the same term.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Match case exactly (default: Latin terms match any case).
    #[serde(default)]
    pub case_sensitive: Option<bool>,
}

/// A dated event.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimelineEntry {
    /// When, at its precision.
    pub date: PartialDate,
    /// End of a range.
    pub end: Option<PartialDate>,
    /// The clause that states the event.
    pub text: String,
    /// A vague date ("연내", "early 2024").
    pub approx: bool,
    /// Where the event was found (`body`, `caption`, or a note).
    pub source: Option<String>,
}

/// Provenance of an imported article.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ImportedFrom {
    /// Input file name.
    pub file: String,
    /// SHA-256 of the input bytes.
    pub sha256: String,
    /// When it was imported (RFC 3339), recorded for articles without a date: their place in
    /// the feeds.
    #[serde(default)]
    pub at: Option<String>,
}

/// An article file split into its front matter and body.
#[derive(Debug)]
pub struct SplitFile<'a> {
    /// The YAML text.
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    /// The Markdown body.
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// Splits `---\nYAML\n---\nbody`. A leading BOM is ignored; `...` also closes the block.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<SplitFile<'a>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let error = |line, message: &str| FrontMatterError {
        path: path.to_path_buf(),
        line,
        column: None,
        message: message.to_owned(),
    };
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Err(error(
            1,
            "the file must start with front matter: a line `---`, YAML, and `---`",
        ));
    }
    let yaml_start = first_line_end;
    let mut offset = yaml_start;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i + 1);
        let content = text[offset..end].trim_end();
        if content == "---" || content == "..." {
            return Ok(SplitFile {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[end..],
                body_line: line + 1,
            });
        }
        offset = end;
        line += 1;
    }
    Err(error(1, "the front matter opened on line 1 is never closed with `---`"))
}

/// Parses the YAML of a split file into typed front matter.
pub fn parse(path: &Path, split: &SplitFile<'_>) -> Result<FrontMatter, FrontMatterError> {
    let located = |line: usize, column: Option<usize>, message: String| FrontMatterError {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    if let Some(line) = super::yaml_depth::too_deep_at(split.yaml) {
        return Err(located(split.yaml_line + line - 1, None, too_deep_message()));
    }
    let value: Value = serde_yaml::from_str(split.yaml).map_err(|e| {
        let (line, column) = e.location().map_or((0, None), |l| (l.line(), Some(l.column())));
        let message = strip_yaml_position(&e.to_string());
        located(
            split.yaml_line + line.saturating_sub(1),
            column,
            format!("invalid YAML: {message}"),
        )
    })?;
    let mapping = match value {
        Value::Mapping(mapping) => mapping,
        Value::Null => {
            return Err(located(
                split.yaml_line,
                None,
                "the front matter is empty: `title` is required".into(),
            ));
        }
        _ => {
            return Err(located(
                split.yaml_line,
                None,
                "the front matter must be a YAML mapping (`key: value` lines)".into(),
            ));
        }
    };
    let key_line =
        |key: &str| find_key_line(split.yaml, key).map_or(split.yaml_line, |l| split.yaml_line + l);
    let mut fm = FrontMatter::default();
    let mut title = None;
    let mut authors: Option<Vec<String>> = None;
    for (key, value) in mapping {
        let Some(key) = key.as_str().map(str::to_owned) else {
            return Err(located(
                split.yaml_line,
                None,
                format!("front matter keys must be strings, found `{key:?}`"),
            ));
        };
        let line = key_line(&key);
        let field = |message: String| located(line, None, format!("`{key}`: {message}"));
        match key.as_str() {
            "title" => title = Some(convert::<String>(value).map_err(field)?),
            "date" => fm.date = Some(parse_article_date(value).map_err(field)?),
            "updated" => fm.updated = Some(parse_article_date(value).map_err(field)?),
            "draft" => fm.draft = convert(value).map_err(field)?,
            "slug" => fm.slug = Some(convert(value).map_err(field)?),
            "summary" | "description" => fm.summary = convert(value).map_err(field)?,
            "authors" | "author" => {
                let list = convert::<OneOrMany>(value).map_err(field)?.into_vec();
                authors.get_or_insert_with(Vec::new).extend(list);
            }
            "source" => {
                fm.source = convert::<Option<SourceForm>>(value)
                    .map_err(field)?
                    .map(SourceForm::into_source)
            }
            "dateline" => fm.dateline = convert(value).map_err(field)?,
            "copyright" => fm.copyright = convert(value).map_err(field)?,
            "tags" => fm.tags = convert::<OneOrMany>(value).map_err(field)?.into_vec(),
            "images" => {
                fm.images = convert::<Vec<ImageForm>>(value)
                    .map_err(field)?
                    .into_iter()
                    .map(ImageForm::into_image)
                    .collect()
            }
            "glossary" => {
                fm.glossary =
                    convert::<Option<Vec<GlossaryEntry>>>(value).map_err(field)?.unwrap_or_default()
            }
            "timeline" => fm.timeline = parse_timeline(value).map_err(field)?,
            "imported_from" => fm.imported_from = convert(value).map_err(field)?,
            "extra" => {
                let extra =
                    convert::<Option<BTreeMap<String, ExtraValue>>>(value).map_err(field)?;
                fm.extra.extend(extra.unwrap_or_default());
            }
            _ => {
                let json = convert::<ExtraValue>(value).map_err(field)?;
                fm.extra.insert(key.clone(), json);
                fm.unknown_keys.push((key, line));
            }
        }
    }
    fm.title = match title {
        Some(title) if !title.trim().is_empty() => title.trim().to_owned(),
        _ => {
            return Err(located(
                split.yaml_line,
                None,
                "`title` is required and must not be empty".into(),
            ));
        }
    };
    fm.summary = fm.summary.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    fm.authors = authors.unwrap_or_default().into_iter().filter(|a| !a.trim().is_empty()).collect();
    Ok(fm)
}

/// Reads the site glossary: a YAML list of `{term, definition, aliases, case_sensitive}`.
/// A missing file is an empty glossary; a broken one an error naming file and line.
pub fn read_glossary_file(
    root: &Path,
    path: &Path,
) -> Result<Vec<GlossaryEntry>, FrontMatterError> {
    let display = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(FrontMatterError {
                path: display,
                line: 1,
                column: None,
                message: format!("cannot read: {error}"),
            });
        }
    };
    if let Some(line) = super::yaml_depth::too_deep_at(&text) {
        return Err(FrontMatterError {
            path: display,
            line,
            column: None,
            message: too_deep_message(),
        });
    }
    serde_yaml::from_str::<Option<Vec<GlossaryEntry>>>(&text)
        .map(Option::unwrap_or_default)
        .map_err(|e| {
            let (line, column) = e.location().map_or((1, None), |l| (l.line(), Some(l.column())));
            FrontMatterError {
                path: display,
                line,
                column,
                message: format!(
                    "{}; each entry needs `term` and `definition`",
                    strip_yaml_position(&e.to_string())
                ),
            }
        })
}

fn too_deep_message() -> String {
    format!(
        "invalid YAML: `[` and `{{` are nested more than {} levels deep",
        super::yaml_depth::MAX_FLOW_DEPTH
    )
}

/// Converts one YAML value into a typed field, with serde's message on failure.
fn convert<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    serde_yaml::from_value(value).map_err(|e| strip_yaml_position(&e.to_string()))
}

/// serde_yaml appends "at line X column Y" relative to the YAML block; the caller reports the
/// position in the file instead.
fn strip_yaml_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// The 0-based line of a top-level `key:` in the YAML text.
fn find_key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines().position(|line| {
        let rest = line.strip_prefix(key).or_else(|| {
            line.strip_prefix('"')
                .and_then(|l| l.strip_prefix(key))
                .and_then(|l| l.strip_prefix('"'))
        });
        rest.is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn parse_article_date(value: Value) -> Result<ArticleDate, String> {
    let text = scalar_text(&value)
        .ok_or("expected a date such as 2025-08-17 or 2025-08-17T07:01:00+09:00")?;
    ArticleDate::parse(&text).ok_or_else(|| {
        format!(
            "`{text}` is not a date; write 2025-08-17, 2025-08-17 07:01 or \
             2025-08-17T07:01:00+09:00 (years 1 to 9999)"
        )
    })
}

fn parse_partial_date(value: &Value) -> Result<PartialDate, String> {
    let text = scalar_text(value).ok_or("expected a date such as 2025, 2024-03 or 2025-08-08")?;
    PartialDate::parse(&text).ok_or_else(|| {
        format!("`{text}` is not a date; write 2025, 2024-03, 2025-08-08 or a full time")
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTimelineEntry {
    date: Value,
    #[serde(default)]
    end: Option<Value>,
    text: String,
    #[serde(default)]
    approx: bool,
    #[serde(default)]
    source: Option<String>,
}

fn parse_timeline(value: Value) -> Result<Vec<TimelineEntry>, String> {
    let raw: Option<Vec<RawTimelineEntry>> = convert(value)?;
    raw.unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let at = |m: String| format!("entry {}: {m}", i + 1);
            Ok(TimelineEntry {
                date: parse_partial_date(&entry.date).map_err(at)?,
                end: entry.end.as_ref().map(parse_partial_date).transpose().map_err(at)?,
                text: entry.text,
                approx: entry.approx,
                source: entry.source,
            })
        })
        .collect()
}

/// `author: 김민석` or `authors: [김민석, 이하늘]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
    None(()),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
            OneOrMany::None(()) => Vec::new(),
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum SourceForm {
    Name(String),
    Full(Source),
}

impl SourceForm {
    fn into_source(self) -> Source {
        match self {
            SourceForm::Name(name) => Source { name, url: None },
            SourceForm::Full(source) => source,
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ImageForm {
    Src(String),
    Full(Image),
}

impl ImageForm {
    fn into_image(self) -> Image {
        match self {
            ImageForm::Src(src) => Image { src, alt: None, caption: None, credit: None },
            ImageForm::Full(image) => image,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<FrontMatter, FrontMatterError> {
        let path = Path::new("content/a.md");
        let split = split(path, text)?;
        parse(path, &split)
    }

    #[test]
    fn full_front_matter_parses() {
        let fm = load(concat!(
            "---\n",
            "title: 오픈AI와 MS\n",
            "date: \"2025-08-17T07:01:00+09:00\"\n",
            "author: 김민석\n",
            "source: 뉴스1\n",
            "tags: [AI, 오픈AI]\n",
            "images:\n  - src: https://e.com/a.jpg\n    caption: 사진\n",
            "glossary:\n  - term: AGI\n    definition: 범용인공지능\n",
            "timeline:\n  - date: 2024-03\n    text: 영입\n  - date: 2025\n    text: 공개\n    approx: true\n",
            "rating: 5\n",
            "---\n본문\n",
        ))
        .unwrap();
        assert_eq!(fm.title, "오픈AI와 MS");
        assert_eq!(fm.authors, vec!["김민석"]);
        assert_eq!(fm.source, Some(Source { name: "뉴스1".into(), url: None }));
        assert_eq!(fm.tags, vec!["AI", "오픈AI"]);
        assert_eq!(fm.images[0].caption.as_deref(), Some("사진"));
        assert_eq!(fm.glossary[0].term, "AGI");
        assert_eq!(fm.timeline[0].date, PartialDate::Month(2024, 3));
        assert!(fm.timeline[1].approx);
        assert_eq!(fm.extra["rating"], serde_json::json!(5));
        assert_eq!(fm.unknown_keys, vec![("rating".to_owned(), 19)]);
    }

    #[test]
    fn source_as_mapping_and_unquoted_date() {
        let fm = load("---\ntitle: t\ndate: 2025-08-17\nsource: {name: 뉴스1, url: https://news1.kr/x}\n---\n").unwrap();
        assert_eq!(fm.date.unwrap().to_iso(), "2025-08-17");
        assert_eq!(fm.source.unwrap().url.as_deref(), Some("https://news1.kr/x"));
    }

    #[test]
    fn yaml_syntax_error_names_file_and_line() {
        let error = load("---\ntitle: t\ntags: [a, b\ndate: 2025-01-01\n---\n").unwrap_err();
        assert_eq!(error.path, Path::new("content/a.md"));
        assert!(error.line >= 3 && error.line <= 5, "{error}");
        assert!(error.to_string().starts_with("content/a.md:"), "{error}");
    }

    #[test]
    fn wrong_field_type_names_the_key_line() {
        let error = load("---\ntitle: t\n\ndraft: maybe\n---\n").unwrap_err();
        assert_eq!(error.line, 4);
        assert!(error.message.contains("`draft`"), "{error}");
    }

    #[test]
    fn bad_date_says_what_is_accepted() {
        let error = load("---\ntitle: t\ndate: 17 August\n---\n").unwrap_err();
        assert_eq!(error.line, 3);
        assert!(error.message.contains("2025-08-17"), "{error}");
    }

    #[test]
    fn missing_or_unclosed_front_matter_is_an_error() {
        assert!(load("# just markdown\n").unwrap_err().message.contains("must start"));
        assert!(load("---\ntitle: t\n").unwrap_err().message.contains("never closed"));
        assert!(load("---\ndate: 2025-01-01\n---\n").unwrap_err().message.contains("title"));
    }

    #[test]
    fn body_line_is_counted() {
        let text = "---\ntitle: t\n---\nbody\n";
        let split = split(Path::new("a.md"), text).unwrap();
        assert_eq!(split.body, "body\n");
        assert_eq!(split.body_line, 4);
    }
}
