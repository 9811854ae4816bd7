//! Main-content detection: which part of a page is the article.
//!
//! gloss's own scorer (`score`) finds the region of the page that holds the article's prose
//! and writes it back out with its markup (links, emphasis, figures and captions), without the
//! page chrome inside it. Measured against the `rs-trafilatura` port it replaced (which parsed
//! every page a second time and was four fifths of import time), it scores as well or better on
//! each corpus; see BENCHMARKS.md.
//!
//! Fallbacks cover pages with no prose in their HTML: an empty body whose article lives in
//! JSON-LD `articleBody` or in client-side framework state, and blogs whose text is in
//! paragraphs the scorer's containers miss. Whatever the source, `figures` then rewrites the
//! blocks whose meaning the markup hides (photo boxes, glossary lists) in the form the converter
//! reads.

use std::sync::OnceLock;

use regex::Regex;

use crate::import::metadata::DeclaredMeta;
use crate::import::text::{built_in_regex, built_in_selector};

mod emit;
mod figures;
mod score;
mod tags;
mod words;

/// The article's HTML fragment, or an empty string when the page has none. `document` is the
/// parsed lean page ([`crate::import::lean`]); `html` the page as it came, for the fallback
/// that reads scripts.
pub fn main_content(html: &str, document: &scraper::Html, declared: &DeclaredMeta) -> String {
    figures::normalize(&choose_content(html, document, declared))
}

/// The article HTML from the best available source.
fn choose_content(html: &str, document: &scraper::Html, declared: &DeclaredMeta) -> String {
    let extracted = score::article_html(document).unwrap_or_default();
    let extracted_len = visible_len(&extracted);
    if extracted_len >= 400 {
        return extracted;
    }
    // Nearly nothing extracted. In order of trust: paragraphs really in the page (blogs whose
    // text sits in a container of paragraphs the scorer did not rank), the JSON-LD
    // `articleBody`, then client-side framework state (Next.js, Nuxt ship the article as HTML
    // inside a string; that state often also holds other articles, so it never overrides a
    // real body). Framework state lives in the scripts the lean page left out: they are found
    // in the page as it came and parsed on their own, only here.
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
        let too_deep = || crate::limits::nesting_depth(body) > crate::limits::MAX_NESTING;
        return if is_html && !too_deep() { body.clone() } else { paragraphs_to_html(body) };
    }
    if let Some((state_html, state_len)) = framework_state_html(&scraper::Html::parse_document(
        &crate::limits::formatting::script_elements(html),
    )) && state_len > extracted_len * 2
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
    let containers = built_in_selector("article, main, section, div, td, body");
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
    let scripts = built_in_selector("script:not([type='application/ld+json'])");
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
                let too_deep =
                    || crate::limits::nesting_depth(candidate) > crate::limits::MAX_NESTING;
                if candidate.contains("<p") && !too_deep() {
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
    static PLACEHOLDER: OnceLock<Regex> = OnceLock::new();
    built_in_regex(&PLACEHOLDER, r"\$\$[A-Z_]{3,30}\$\$").replace_all(html, "").into_owned()
}

fn visible_len(html: &str) -> usize {
    crate::limits::formatting::parse_fragment(html)
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
