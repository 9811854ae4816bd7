//! The page as gloss parses it: without the parts no stage reads.
//!
//! On news pages, scripts, styles, comments and inline drawings are well over half the bytes
//! (59 % of the corpus pages), and the HTML parser walks every one of them. None of them is
//! article text or metadata, except the JSON-LD scripts, which stay. The one reader of other
//! scripts, the framework-state fallback (`extract`), finds them in the page as it came
//! (`crate::limits::formatting::script_elements`) in the rare case it is needed. Dates found
//! in the raw text (dated image paths) are read from the page as it came too.

/// Elements whose content is raw text: the first closing tag ends them.
const RAW_TEXT: &[&str] = &["script", "style"];

/// Elements that are never shown as text and can nest: their end is the matching closing tag.
const NESTED: &[&str] = &["svg", "template"];

/// `html` without comments, non-JSON-LD scripts, styles, `<svg>` and `<template>` elements.
/// Anything unclosed is kept as it is, so the parser sees what the browser would.
pub fn lean_html(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len() / 2);
    let mut at = 0;
    while let Some(offset) = lower[at..].find('<') {
        let start = at + offset;
        let rest = &lower[start + 1..];
        let end = if rest.starts_with("!--") {
            lower[start..].find("-->").map(|i| start + i + 3)
        } else if let Some(tag) = RAW_TEXT.iter().find(|tag| opens(rest, tag)) {
            if *tag == "script" && is_json_ld(rest) {
                None
            } else {
                closing_tag_end(&lower, start, tag)
            }
        } else {
            NESTED
                .iter()
                .find(|tag| opens(rest, tag))
                .and_then(|tag| matching_end(&lower, start, tag))
        };
        match end {
            Some(end) if end > start => {
                // An empty comment stands in for the cut, so the text around it cannot join
                // into a new tag: `<scr<script>…</script>ipt>` must not become `<script>`.
                out.push_str(&html[at..start]);
                out.push_str("<!---->");
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

/// Whether the start tag at the beginning of `rest` (lower case) declares JSON-LD.
fn is_json_ld(rest: &str) -> bool {
    let tag_end = rest.find('>').unwrap_or(rest.len());
    rest[..tag_end].contains("ld+json")
}

/// Whether `rest` (the text after a `<`) opens element `tag`.
fn opens(rest: &str, tag: &str) -> bool {
    rest.strip_prefix(tag).is_some_and(|after| {
        after.starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace())
    })
}

/// The end of the first `</tag …>` after `start` (the whole page's end if its `>` is missing);
/// `None` when the element is never closed.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_comments_and_drawings_are_dropped() {
        let html = "<p>a</p><SCRIPT type=x>var s = '<p>';</script><!-- c --><style>p{}</style><svg><svg></svg><path/></svg><scripty>k</scripty><p>b</p>";
        assert_eq!(lean_html(html).replace("<!---->", ""), "<p>a</p><scripty>k</scripty><p>b</p>");
    }

    #[test]
    fn a_cut_never_makes_a_new_tag() {
        let html = "<p><scr<script>ipt>alert(1)</scr</script>ipt> text</p>";
        let lean = lean_html(html);
        let parsed = scraper::Html::parse_document(&lean);
        let scripts = scraper::Selector::parse("script").unwrap();
        assert_eq!(parsed.select(&scripts).count(), 0, "{lean}");
        assert!(parsed.root_element().text().collect::<String>().contains("text"), "{lean}");
    }

    #[test]
    fn json_ld_stays() {
        let html = r#"<script type="application/ld+json">{"@type":"NewsArticle"}</script><script>x()</script>"#;
        assert_eq!(
            lean_html(html),
            r#"<script type="application/ld+json">{"@type":"NewsArticle"}</script><!---->"#
        );
    }

    #[test]
    fn unclosed_elements_and_text_stay() {
        assert_eq!(lean_html("<script>never closed"), "<script>never closed");
        assert_eq!(lean_html("<svg><svg></svg> open"), "<svg><!----> open");
        assert_eq!(lean_html("한글 <"), "한글 <");
        assert_eq!(lean_html("<!-- open"), "<!-- open");
    }
}
