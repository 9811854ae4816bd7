//! Stage 0 (run by `gloss import`, not by `build`): scraped pages → `content/*.md`.
//!
//! One page goes through these steps, each in its own module:
//! `decode` (bytes → text) → `page` (HTML document or text dump) → `lean` (what no step reads
//! cut) and [`crate::limits::formatting`] (formatting left open bounded), then the one parse →
//! `metadata` (JSON-LD, meta tags) → `extract` (which part is the article) → `markdown` (article
//! HTML → Markdown) → `body` (byline, glossary box, copyright moved to front matter) →
//! `headline` (title, summary), `dates` (publication date), `images` (read back from the
//! Markdown), `timeline` (dated events) → `article` (the file written).
//!
//! This module runs the steps in order and makes the choices that weigh several of them (the
//! date, the source, the authors, the tags); `text` holds the helpers the steps share.

pub mod article;
pub mod body;
pub mod dates;
pub mod decode;
pub mod extract;
pub mod headline;
pub mod images;
pub mod lean;
pub mod markdown;
pub mod metadata;
pub mod page;
mod text;
pub mod timeline;

use std::sync::OnceLock;

use regex::Regex;
use scraper::Html;
use sha2::{Digest, Sha256};

use crate::date::ArticleDate;
use article::{ImportedArticle, ImportedFrom, ImportedSource, ImportedTerm};
use metadata::DeclaredMeta;
use text::{built_in_regex, built_in_selector, clean_text, is_hangul, strip_escapes_and_emphasis};

/// Why a page could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Nothing in the page looks like an article.
    #[error("no article text found in the page")]
    NoArticleBody,
    /// No title could be found.
    #[error("the page has no title (no <title>, og:title, <h1> or leading text line)")]
    NoTitle,
    /// The page is larger than any article page.
    #[error("the page is {0} MB; gloss imports pages up to {max} MB", max = crate::limits::MAX_PAGE_BYTES / 1024 / 1024)]
    TooLarge(usize),
    /// The page nests elements deeper than any article page.
    #[error("the page nests elements {0} levels deep; gloss imports pages up to {max} levels", max = crate::limits::MAX_NESTING)]
    TooDeep(usize),
}

/// Imports one page. `name` is the input's file name, recorded in `imported_from`.
pub fn import_page(name: &str, bytes: &[u8]) -> Result<ImportedArticle, ImportError> {
    import_page_with(name, bytes, &ImportSettings::default())
}

/// Site settings that change what an import writes.
#[derive(Debug, Clone, Copy)]
pub struct ImportSettings {
    /// Fill `timeline:` with the dated events found (`[timeline] extract`).
    pub extract_timeline: bool,
    /// Keep or cut the site's name in titles (`[import] keep_site_name`).
    pub site_name: headline::SiteNamePolicy,
}

impl Default for ImportSettings {
    fn default() -> Self {
        ImportSettings { extract_timeline: true, site_name: headline::SiteNamePolicy::Strip }
    }
}

/// [`import_page`] with the site's settings.
pub fn import_page_with(
    name: &str,
    bytes: &[u8],
    settings: &ImportSettings,
) -> Result<ImportedArticle, ImportError> {
    if bytes.len() > crate::limits::MAX_PAGE_BYTES {
        return Err(ImportError::TooLarge(bytes.len() / 1024 / 1024));
    }
    let decoded = decode::decode(bytes);
    let page = page::Page::from_text(&decoded.text);
    let document = parse_page(&page.html)?;
    let declared = metadata::read(&document);
    let base = declared.url.as_deref().and_then(|u| url::Url::parse(u).ok());

    let content_html = extract::main_content(&page.html, &document, &declared);
    let markdown = markdown::html_to_markdown(&content_html, base.as_ref());
    let mut parts = body::split_parts(&markdown);
    let korean = is_korean(&declared, &markdown);
    let title =
        headline::title(&document, &declared, page.lead_text.as_deref(), settings.site_name)
            .ok_or(ImportError::NoTitle)?;
    parts.markdown = remove_leading_title(&parts.markdown, &title);
    let summary =
        headline::summary(&document, Some(&title)).or_else(|| page_summary_fallback(&declared));
    if let Some(summary) = &summary {
        parts.markdown = remove_leading_summary(&parts.markdown, summary);
    }
    if parts.markdown.trim().is_empty() {
        return Err(ImportError::NoArticleBody);
    }
    // What import writes must build: a date the front matter would refuse (a year outside 1 to
    // 9999, as a Go zero time `0001-01-01` gives for a relative one) is no date.
    let date = choose_date(&document, &declared, page.lead_text.as_deref(), &page.html, korean)
        .filter(|d| ArticleDate::parse(&d.to_iso()).is_some());
    let copyright = parts.copyright.take().or_else(|| page_copyright(&document));
    let source = choose_source(&declared, &parts.byline, copyright.as_deref());
    let authors = if parts.byline.authors.is_empty() {
        author_names(&declared.authors, source.as_ref().map(|s| s.name.as_str()))
    } else {
        parts.byline.authors.clone()
    };
    let images = images::images_of(&parts.markdown);
    Ok(ImportedArticle {
        title,
        date: date.map(|d| d.to_iso()),
        authors,
        source,
        dateline: parts.byline.dateline.clone(),
        summary,
        tags: article_tags(&declared),
        images,
        glossary: parts
            .glossary
            .iter()
            .map(|t| ImportedTerm { term: t.term.clone(), definition: t.definition.clone() })
            .collect(),
        timeline: if settings.extract_timeline {
            extract_timeline(&parts.markdown, date)
        } else {
            Vec::new()
        },
        copyright,
        imported_from: ImportedFrom {
            file: name.to_owned(),
            sha256: hex_sha256(bytes),
            at: date
                .is_none()
                .then(|| chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        },
        body: parts.markdown,
    })
}

/// Dated events of the body and the image captions, resolved against the article's date.
fn extract_timeline(markdown: &str, date: Option<ArticleDate>) -> Vec<article::ImportedEvent> {
    static LINK: OnceLock<Regex> = OnceLock::new();
    let link = built_in_regex(&LINK, r"!?\[([^\]]*)\]\([^)]*\)");
    let mut blocks: Vec<(timeline::EventSource, String)> = Vec::new();
    for block in markdown.split("\n\n") {
        let images = images::images_of(block);
        if block.trim_start().starts_with("![") && !images.is_empty() {
            for image in images {
                // The credit goes back behind a ⓒ, which the extractor knows is not the caption.
                let caption = match (image.caption, image.credit) {
                    (Some(caption), Some(credit)) => format!("{caption} ⓒ {credit}"),
                    (caption, credit) => caption.or(credit).unwrap_or_default(),
                };
                blocks.push((timeline::EventSource::Caption, caption));
            }
            continue;
        }
        let text = strip_escapes_and_emphasis(block).replace('\\', "");
        let text = link.replace_all(&text, "$1").into_owned();
        blocks.push((timeline::EventSource::Body, text.trim_start_matches('#').trim().to_owned()));
    }
    let borrowed: Vec<(timeline::EventSource, &str)> =
        blocks.iter().map(|(s, t)| (*s, t.as_str())).collect();
    timeline::extract_events(&borrowed, date.map(|d| d.day()))
        .into_iter()
        .filter(|e| crate::date::PartialDate::parse(&e.date.to_iso()).is_some())
        .map(|e| article::ImportedEvent {
            date: e.date.to_iso(),
            end: None,
            text: e.text,
            approx: e.approx,
            source: Some(e.source.as_str().to_owned()),
        })
        .collect()
}

/// The article HTML the extractor chose, before conversion: what the Markdown must reproduce.
/// Used by tests and for diagnosing extraction.
pub fn extracted_html(bytes: &[u8]) -> String {
    let decoded = decode::decode(bytes);
    let page = page::Page::from_text(&decoded.text);
    let Ok(document) = parse_page(&page.html) else { return String::new() };
    let declared = metadata::read(&document);
    extract::main_content(&page.html, &document, &declared)
}

/// Parses the page as gloss reads it: without what no stage reads ([`lean`]), with its
/// formatting elements bounded ([`crate::limits::formatting`]), and refused when nested too
/// deep. Every step before the parser is one linear pass, so that parsing, and every stage
/// after it, stays linear in the page's size (see: #18).
fn parse_page(html: &str) -> Result<Html, ImportError> {
    let lean = lean::lean_html(html);
    let bounded = crate::limits::formatting::cap_formatting(&lean);
    let depth = crate::limits::nesting_depth(&bounded);
    if depth > crate::limits::MAX_NESTING {
        return Err(ImportError::TooDeep(depth));
    }
    Ok(Html::parse_document(&bounded))
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Korean pages get Korean time for offset-less dates. Without `<html lang>`, the article text
/// decides (not the page source, whose scripts and markup are Latin).
fn is_korean(declared: &DeclaredMeta, text: &str) -> bool {
    if let Some(lang) = &declared.language {
        return lang.starts_with("ko");
    }
    let sample = text.chars().filter(|c| c.is_alphabetic()).take(20_000);
    let (mut hangul, mut all) = (0usize, 0usize);
    for c in sample {
        all += 1;
        if is_hangul(c) {
            hangul += 1;
        }
    }
    all > 0 && hangul * 5 > all
}

/// A description that is a whole sentence works as a summary; a truncated teaser does not.
fn page_summary_fallback(declared: &DeclaredMeta) -> Option<String> {
    let description = declared.description.as_ref()?.trim();
    let ends_cleanly = description.ends_with(['.', '?', '!', '다', '”', '"', '요']);
    (ends_cleanly && description.chars().count() <= 300).then(|| description.to_owned())
}

/// What two pieces of text are compared by when one may repeat the other (a summary, a title):
/// their letters and digits, escapes and emphasis left out.
fn match_key(markdown: &str) -> String {
    strip_escapes_and_emphasis(markdown).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Removes the body's first blocks when they repeat the summary (extractors often include it).
fn remove_leading_summary(markdown: &str, summary: &str) -> String {
    let summary_key = match_key(summary);
    if summary_key.is_empty() {
        return markdown.to_owned();
    }
    let blocks: Vec<&str> = markdown.split("\n\n").collect();
    for (i, block) in blocks.iter().enumerate().take(4) {
        let block_key = match_key(block);
        if !block_key.is_empty() && block_key == summary_key {
            let mut rest = blocks.clone();
            rest.remove(i);
            let joined = rest.join("\n\n");
            return if joined.ends_with('\n') || joined.is_empty() {
                joined
            } else {
                format!("{joined}\n")
            };
        }
    }
    markdown.to_owned()
}

/// Removes a heading near the top that repeats the title (the page's `<h1>` inside the
/// article), with the short labels above it (`BREAKING NEWS`, a section name).
fn remove_leading_title(markdown: &str, title: &str) -> String {
    let title_key = match_key(title);
    let blocks: Vec<&str> = markdown.split("\n\n").collect();
    let found = blocks
        .iter()
        .take(4)
        .position(|b| b.starts_with('#') && match_key(b.trim_start_matches('#')) == title_key);
    match found {
        Some(at) if blocks[..at].iter().all(|b| !b.contains("![") && b.chars().count() < 40) => {
            blocks[at + 1..].join("\n\n")
        }
        _ => markdown.to_owned(),
    }
}

/// The publication date: declared metadata, then `<time datetime>`, then visible text such as
/// `입력 2025.08.17 07:01`, with the year of a year-less date taken from dated image paths.
fn choose_date(
    document: &Html,
    declared: &DeclaredMeta,
    lead: Option<&str>,
    html: &str,
    korean: bool,
) -> Option<ArticleDate> {
    if let Some(date) =
        declared.published.as_deref().and_then(|d| dates::parse_meta_date(d, korean))
    {
        return Some(date);
    }
    let attributes =
        built_in_selector("time[datetime], [data-date-time], [data-published], [datetime]");
    for element in document.select(&attributes) {
        let value = element.value();
        let raw = value
            .attr("datetime")
            .or(value.attr("data-date-time"))
            .or(value.attr("data-published"));
        if let Some(date) = raw.and_then(|d| dates::parse_meta_date(d, korean)) {
            return Some(date);
        }
    }
    let path_day = dates::date_from_paths(html);
    let year_hint = path_day.map(|d| chrono::Datelike::year(&d));
    if let Some(date) = lead.and_then(|l| dates::find_text_date(l, year_hint, korean)) {
        return Some(date);
    }
    let text: String = document.root_element().text().collect::<Vec<_>>().join(" ");
    if let Some(date) = labelled_text_date(&text, year_hint, korean) {
        return Some(date);
    }
    path_day.map(ArticleDate::Day)
}

/// A date in text right after a label (`입력`, `기사입력`, `Published`): the label keeps
/// dates of related articles and comments from being taken.
fn labelled_text_date(text: &str, year_hint: Option<i32>, korean: bool) -> Option<ArticleDate> {
    const LABELS: &[&str] = &[
        "기사입력",
        "입력",
        "등록",
        "작성일",
        "게재",
        "발행",
        "승인",
        "Published",
        "Posted",
        "published",
        "posted",
    ];
    LABELS
        .iter()
        .filter_map(|label| text.find(label).map(|at| (at, label)))
        .filter_map(|(at, label)| {
            let window: String = text[at + label.len()..].chars().take(40).collect();
            dates::find_text_date(&window, year_hint, korean).map(|d| (at, d))
        })
        .min_by_key(|(at, _)| *at)
        .map(|(_, d)| d)
}

/// A copyright notice outside the extracted body (after it, in the page).
fn page_copyright(document: &Html) -> Option<String> {
    let candidates = built_in_selector("p, div, span, small, address, footer");
    document
        .select(&candidates)
        .filter(|e| {
            e.children().all(|c| {
                c.value().is_text()
                    || c.value()
                        .as_element()
                        .is_some_and(|el| matches!(el.name(), "b" | "strong" | "a" | "span" | "br"))
            })
        })
        .map(|e| clean_text(&e.text().collect::<String>()))
        .find(|t| {
            let lower = t.to_lowercase();
            (12..200).contains(&t.chars().count())
                && (lower.starts_with("copyright") || t.starts_with('ⓒ') || t.starts_with('©'))
        })
}

/// The outlet: a byline agency (`(서울=뉴스1)`) names the actual publisher even on a portal,
/// then the declared site name, then the copyright holder.
fn choose_source(
    declared: &DeclaredMeta,
    byline: &body::Byline,
    copyright: Option<&str>,
) -> Option<ImportedSource> {
    let from_copyright = copyright.and_then(|c| {
        let rest = c.trim_start_matches(|ch: char| !ch.is_alphanumeric());
        let rest = rest
            .strip_prefix("Copyright")
            .or_else(|| rest.strip_prefix("COPYRIGHT"))
            .unwrap_or(rest);
        let name: String = rest
            .trim_start_matches([' ', '©', 'ⓒ', '(', 'c', ')'])
            .split(['.', ','])
            .next()?
            .trim()
            .to_owned();
        (!name.is_empty() && name.chars().count() <= 30).then_some(name)
    });
    let from_host = declared
        .url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(|h| h.trim_start_matches("www.").to_owned()));
    let name = byline
        .agency
        .clone()
        .or_else(|| {
            declared
                .site_name
                .as_deref()
                .map(|s| s.split(" | ").next().unwrap_or(s).trim().to_owned())
        })
        .or(from_copyright)
        .or(from_host)?;
    Some(ImportedSource { name, url: declared.url.clone() })
}

/// Reporter names from declared authors. Korean author fields often hold a whole byline
/// (`순천, 광양 구현모 기자 ninek@hankookilbo.com`): the names are the words before `기자`.
fn author_names(declared: &[String], site: Option<&str>) -> Vec<String> {
    static REPORTER: OnceLock<Regex> = OnceLock::new();
    let reporter = built_in_regex(
        &REPORTER,
        r"([가-힣]{2,4})\s*(?:선임|수석|객원)?(?:기자|특파원|논설위원|위원)",
    );
    let joined = declared.join(", ");
    let reporters: Vec<String> = reporter.captures_iter(&joined).map(|c| c[1].to_owned()).collect();
    let mut names = if reporters.is_empty() { declared.to_vec() } else { reporters };
    names.retain(|n| site.is_none_or(|s| n != s) && !n.contains('@'));
    names.dedup();
    names
}

/// Keywords the article declares. A plain `keywords` list of site sections (뉴스, 기사, 속보, …)
/// describes the site, not the article, and is dropped.
fn article_tags(declared: &DeclaredMeta) -> Vec<String> {
    const GENERIC: &[&str] = &[
        "뉴스",
        "기사",
        "속보",
        "정치",
        "경제",
        "사회",
        "국제",
        "문화",
        "news",
        "breaking news",
        "home",
    ];
    let generic =
        declared.keywords.iter().filter(|k| GENERIC.contains(&k.to_lowercase().as_str())).count();
    if generic >= 2 {
        return Vec::new();
    }
    declared.keywords.iter().take(10).cloned().collect()
}
