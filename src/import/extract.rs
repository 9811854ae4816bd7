//! Main-content detection: which part of a page is the article.
//!
//! Built on `rs-trafilatura`, a port of trafilatura, the best-measured open extractor (F1 0.957 on
//! the article-extraction benchmark's development half as published; Rust readability ports score
//! 0.83–0.88). gloss then handles what generic extractors miss: an empty HTML body whose article
//! lives in JSON-LD `articleBody`, and text dumps whose HTML is only the article.

use crate::import::metadata::DeclaredMeta;

/// The article's HTML fragment, or an empty string when the page has none.
pub fn main_content(html: &str, declared: &DeclaredMeta) -> String {
    let options = rs_trafilatura::Options {
        include_images: true,
        include_tables: true,
        include_links: true,
        url: declared.url.clone(),
        ..Default::default()
    };
    let extracted = rs_trafilatura::extract_with_options(html, &options)
        .ok()
        .and_then(|result| result.content_html)
        .unwrap_or_default();
    match &declared.article_body {
        Some(body) if visible_len(&extracted) < body.chars().count() / 2 => paragraphs_to_html(body),
        _ => extracted,
    }
}

fn visible_len(html: &str) -> usize {
    scraper::Html::parse_fragment(html).root_element().text().map(|t| t.trim().chars().count()).sum()
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
    fn json_ld_body_is_used_when_the_html_has_none() {
        let declared = DeclaredMeta {
            article_body: Some("첫 문단이다. 충분히 길게 쓴 문장이다.\n\n둘째 문단 <b>태그 아님</b>.".into()),
            ..Default::default()
        };
        let html = "<html><body><div id=app></div></body></html>";
        let content = main_content(html, &declared);
        assert!(content.contains("<p>첫 문단이다."), "{content}");
        assert!(content.contains("&lt;b&gt;"), "text stays text: {content}");
    }
}
