//! Main-content detection: which part of a page is the article.
//!
//! Built on `rs-trafilatura`, a port of trafilatura, the best-measured open extractor (F1 0.957 on
//! the article-extraction benchmark's development half as published; Rust readability ports score
//! 0.83–0.88). Its output keeps the article's text but loses structure gloss needs: figures and
//! their captions, emphasis, the original image URLs. So trafilatura decides *which text* is the
//! article, and gloss then takes that text's elements from the original page ("alignment"):
//! an element is kept when its text is part of trafilatura's text, and figures are kept where
//! they stand inside the region those elements span.
//!
//! Fallbacks cover what generic extractors miss: an empty HTML body whose article lives in
//! JSON-LD `articleBody` or in client-side framework state, and blogs the extractor rejects.

use crate::import::metadata::DeclaredMeta;

mod align;
mod figures;
mod tags;

/// The article's HTML fragment, or an empty string when the page has none.
pub fn main_content(html: &str, document: &scraper::Html, declared: &DeclaredMeta) -> String {
    figures::normalize(&choose_content(html, document, declared))
}

/// The article HTML from the best available source.
fn choose_content(html: &str, document: &scraper::Html, declared: &DeclaredMeta) -> String {
    // gloss imports news articles, so the page type is known: naming it skips the crate's
    // page-type classifier (an ML model over DOM features, 17 % of import time).
    let options = rs_trafilatura::Options {
        include_images: true,
        include_tables: true,
        include_links: true,
        url: declared.url.clone(),
        page_type: Some(rs_trafilatura::page_type::PageType::Article),
        // The crate cuts longer texts at a byte count, which panics inside a Hangul character;
        // gloss bounds pages itself (`limits::MAX_PAGE_BYTES`).
        max_extracted_len: usize::MAX,
        ..Default::default()
    };
    // The extractor is third-party code run on hostile input: a panic inside it (it has had
    // one, truncating long texts inside a character) must cost this page its extraction, not
    // the whole import run. The fallbacks below then choose the content.
    let input = without_inert_elements(html);
    let extracted =
        std::panic::catch_unwind(|| rs_trafilatura::extract_with_options(&input, &options))
            .ok()
            .and_then(Result::ok)
            .and_then(|result| result.content_html)
            .unwrap_or_default();
    let extracted = align::aligned_html(document, &extracted).unwrap_or(extracted);
    let extracted_len = visible_len(&extracted);
    if extracted_len >= 400 {
        return extracted;
    }
    // Nearly nothing extracted. In order of trust: paragraphs really in the page (extractors
    // sometimes misjudge blogs), the JSON-LD `articleBody`, then client-side framework state
    // (Next.js, Nuxt ship the article as HTML inside a string; that state often also holds
    // other articles, so it never overrides a real body).
    if let Some((html, len)) = densest_paragraphs(document)
        && len >= 400
        && len > extracted_len
    {
        return html;
    }
    if let Some(body) = &declared.article_body
        && extracted_len < body.chars().count() / 2
    {
        // Some CMSs put the article's HTML there; others plain text.
        let is_html = body.contains("</p>") || body.contains("<p>") || body.contains("<br");
        return if is_html { body.clone() } else { paragraphs_to_html(body) };
    }
    if let Some((state_html, state_len)) = framework_state_html(document)
        && state_len > extracted_len * 2
    {
        return state_html;
    }
    if let Some((html, len)) = densest_paragraphs(document)
        && len > extracted_len
    {
        return html;
    }
    extracted
}

/// The element whose direct `<p>` children hold the most text, as HTML.
fn densest_paragraphs(document: &scraper::Html) -> Option<(String, usize)> {
    let containers = scraper::Selector::parse("article, main, section, div, td, body").ok()?;
    document
        .select(&containers)
        .map(|element| {
            let len: usize = element
                .children()
                .filter_map(scraper::ElementRef::wrap)
                .filter(|child| child.value().name() == "p")
                .map(|p| p.text().map(|t| t.trim().chars().count()).sum::<usize>())
                .sum();
            (element, len)
        })
        .max_by_key(|(_, len)| *len)
        .filter(|(_, len)| *len >= 200)
        .map(|(element, len)| (element.inner_html(), len))
}

/// The longest HTML fragment with paragraphs found in a string literal of a `<script>`,
/// unescaping nested JSON strings up to three levels (React Server Components double-encode).
fn framework_state_html(document: &scraper::Html) -> Option<(String, usize)> {
    let scripts = scraper::Selector::parse("script:not([type='application/ld+json'])").ok()?;
    let mut best: Option<(String, usize)> = None;
    for script in document.select(&scripts) {
        let code: String = script.text().collect();
        if code.len() < 500 {
            continue;
        }
        let mut layer = vec![code];
        for _ in 0..3 {
            let mut next = Vec::new();
            for text in &layer {
                for literal in string_literals(text) {
                    if literal.contains("<p")
                        || literal.contains("\\u003cp")
                        || literal.contains("\\\"")
                        || literal.contains("\\u003c")
                    {
                        next.push(literal);
                    }
                }
            }
            for candidate in &next {
                if candidate.contains("<p") {
                    let cleaned = drop_placeholders(candidate);
                    let len = visible_len(&cleaned);
                    if len >= 200 && best.as_ref().is_none_or(|(_, b)| len > *b) {
                        best = Some((cleaned, len));
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            layer = next;
        }
    }
    best
}

/// Decoded contents of the double-quoted string literals in `code` longer than 200 bytes.
fn string_literals(code: &str) -> Vec<String> {
    let bytes = code.as_bytes();
    let mut literals = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < bytes.len() && bytes[i] != b'"' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        let end = i.min(bytes.len());
        if end - start > 200
            && end < bytes.len()
            && let Ok(decoded) = serde_json::from_str::<String>(&code[start..=end])
        {
            literals.push(decoded);
        }
        i += 1;
    }
    literals
}

/// Ad and widget placeholders some CMSs leave in article HTML (`$$ARTICLEAD$$`).
fn drop_placeholders(html: &str) -> String {
    static PLACEHOLDER: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    match PLACEHOLDER.get_or_init(|| regex::Regex::new(r"\$\$[A-Z_]{3,30}\$\$").ok()) {
        Some(re) => re.replace_all(html, "").into_owned(),
        None => html.to_owned(),
    }
}

/// Elements whose content is raw text: the first closing tag ends them.
const RAW_TEXT: &[&str] = &["script", "style", "noscript", "iframe"];

/// Elements the extractor removes anyway (page chrome, controls, drawings), and `<template>`,
/// which is never shown. They can nest, so their end is the matching closing tag.
const CHROME: &[&str] = &["template", "svg", "nav", "aside", "footer", "select", "button"];

/// The page without the [`RAW_TEXT`] and [`CHROME`] elements and comments: they are never
/// article text, and on news pages they are often half the bytes, which the extractor would
/// otherwise parse, copy and walk several times (it removes the chrome elements itself, after
/// that work). gloss's own parse of the page keeps them, for metadata and framework state.
fn without_inert_elements(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(offset) = lower[at..].find('<') {
        let start = at + offset;
        let rest = &lower[start + 1..];
        let end = if rest.starts_with("!--") {
            lower[start..].find("-->").map(|i| start + i + 3)
        } else if let Some(tag) = RAW_TEXT.iter().find(|tag| opens(rest, tag)) {
            closing_tag_end(&lower, start, tag)
        } else {
            CHROME
                .iter()
                .find(|tag| opens(rest, tag))
                .and_then(|tag| matching_end(&lower, start, tag))
        };
        match end {
            Some(end) if end > start => {
                out.push_str(&html[at..start]);
                at = end;
            }
            _ => {
                out.push_str(&html[at..=start]);
                at = start + 1;
            }
        }
    }
    out.push_str(&html[at..]);
    out
}

/// Whether `rest` (the text after a `<`) opens element `tag`.
fn opens(rest: &str, tag: &str) -> bool {
    rest.strip_prefix(tag).is_some_and(|after| {
        after.starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace())
    })
}

/// The end of the first `</tag …>` after `start` (the whole page's end if its `>` is missing).
fn closing_tag_end(lower: &str, start: usize, tag: &str) -> Option<usize> {
    let close = format!("</{tag}");
    let after = start + lower[start..].find(&close)? + close.len();
    Some(lower[after..].find('>').map_or(lower.len(), |j| after + j + 1))
}

/// The end of the `</tag>` that closes the element opened at `start`, counting nested elements
/// of the same name; `None` when the page never closes it.
fn matching_end(lower: &str, start: usize, tag: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = start;
    while let Some(offset) = lower[at..].find('<') {
        let lt = at + offset;
        let rest = &lower[lt + 1..];
        if opens(rest, tag) {
            depth += 1;
        } else if rest.strip_prefix('/').is_some_and(|r| opens(r, tag)) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(lower[lt..].find('>').map_or(lower.len(), |j| lt + j + 1));
            }
        }
        at = lt + 1;
    }
    None
}

fn visible_len(html: &str) -> usize {
    scraper::Html::parse_fragment(html)
        .root_element()
        .text()
        .map(|t| t.trim().chars().count())
        .sum()
}

/// JSON-LD `articleBody` is plain text with line breaks between paragraphs.
fn paragraphs_to_html(text: &str) -> String {
    let mut html = String::new();
    for paragraph in text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
        html.push_str("<p>");
        let _ = pulldown_cmark_escape::escape_html(&mut html, paragraph);
        html.push_str("</p>\n");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inert_elements_are_removed_before_extraction() {
        let html = "<p>a</p><SCRIPT type=x>var s = '<p>';</script><!-- c --><style>p{}</style><svg><path/></svg><scripty>k</scripty><p>b</p>";
        assert_eq!(without_inert_elements(html), "<p>a</p><scripty>k</scripty><p>b</p>");
        assert_eq!(without_inert_elements("<script>never closed"), "<script>never closed");
        assert_eq!(without_inert_elements("한글 <"), "한글 <");
    }

    #[test]
    fn nested_page_chrome_is_removed_whole() {
        let html = "<p>a</p><nav class=top><ul><li><nav>sub</nav></li></ul>menu</nav><p>b</p><aside>side<footer>f</footer></aside><navigator>k</navigator><footer>never closed";
        assert_eq!(
            without_inert_elements(html),
            "<p>a</p><p>b</p><navigator>k</navigator><footer>never closed"
        );
    }

    #[test]
    fn densest_paragraph_block_is_the_fallback() {
        let long = "Mudah2an kita bisa memahami dan mengamalkan ini. ".repeat(8);
        let html = format!(
            "<html><body><div class=side><p>menu</p></div><div class=post><p>{long}</p><p>{long}</p></div></body></html>"
        );
        let document = scraper::Html::parse_document(&html);
        let (found, len) = densest_paragraphs(&document).unwrap();
        assert!(found.starts_with("<p>Mudah2an"), "{found}");
        assert!(len > 700);
    }

    #[test]
    fn article_html_in_double_encoded_framework_state_is_found() {
        let article = "<p>첫 문단은 충분히 길어야 한다. ".to_owned()
            + &"본문 문장이 이어진다. ".repeat(30)
            + "</p><p>$$ARTICLEAD$$둘째 문단.</p>";
        let inner = serde_json::to_string(&serde_json::json!({ "body": article })).unwrap();
        let push = format!("self.__next_f.push([1,{}])", serde_json::to_string(&inner).unwrap());
        let html = format!(
            "<html><body><div id=root><h1>제목</h1></div><script>{push}</script></body></html>"
        );
        let content =
            main_content(&html, &scraper::Html::parse_document(&html), &DeclaredMeta::default());
        assert!(content.contains("<p>첫 문단은 충분히 길어야 한다."), "{content}");
        assert!(!content.contains("ARTICLEAD"), "{content}");
    }

    #[test]
    fn json_ld_body_is_used_when_the_html_has_none() {
        let declared = DeclaredMeta {
            article_body: Some(
                "첫 문단이다. 충분히 길게 쓴 문장이다.\n\n둘째 문단 <b>태그 아님</b>.".into(),
            ),
            ..Default::default()
        };
        let html = "<html><body><div id=app></div></body></html>";
        let content = main_content(html, &scraper::Html::parse_document(html), &declared);
        assert!(content.contains("<p>첫 문단이다."), "{content}");
        assert!(content.contains("&lt;b&gt;"), "text stays text: {content}");
    }
}
