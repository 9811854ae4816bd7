//! Bounds on untrusted HTML (scraped pages, raw HTML in Markdown), checked before any HTML
//! parser sees it.
//!
//! HTML parsers and extractors walk the tree of open elements: html5ever checks scopes along
//! the stack of open elements for each tag, and extractors recurse into the tree. A page nested
//! 100,000 levels deep makes that quadratic in time and deep enough to overflow the stack, and
//! no real article is nested more than a few dozen levels. So pages are measured first, in one
//! linear pass over the raw text, and refused with a clear error when they exceed a bound.
//!
//! Below those bounds, [`formatting`] keeps the parser's work linear too: a pre-parse pass that
//! bounds the formatting elements a page leaves open. Both `gloss import` (scraped pages) and
//! `gloss build` (raw HTML in a Markdown body, which the sanitiser parses) run it.

pub mod formatting;

/// Bigger pages are refused: the largest news page in the corpora is under 3 MB.
pub const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;

/// Deeper pages are refused. Real pages stay under 100 levels.
pub const MAX_NESTING: usize = 1_000;

/// A tag keeps at most this many attributes; the rest are dropped ([`formatting`]). The
/// HTML tokenizer checks each attribute against all the ones before it in its tag, so one tag
/// of 40,000 attributes took 7 s. Real tags have at most 70 (1,100 corpus pages measured).
pub const MAX_ATTRIBUTES: usize = 256;

/// At most this many formatting elements (`<b>`, `<a>`, `<font>` …) may be left open for the
/// HTML parser to re-open in each new block; further start tags are dropped with their end tags
/// ([`formatting`]). Real pages leave at most four open (1,100 corpus pages measured).
pub const MAX_OPEN_FORMATTING: usize = 8;

/// What the parser may spend over a whole page copying long formatting tags into the blocks
/// it re-opens them in: this many bytes per byte of the page, plus [`REOPEN_BASE`]. Only the
/// bytes of a tag past [`SHORT_TAG`] count; [`MAX_OPEN_FORMATTING`] bounds the rest. An
/// unclosed `<a href="…">` is copied, with its URL, into every paragraph after it; a page that
/// would exceed this has the rest of its markup read as plain text.
pub const REOPEN_PER_PAGE_BYTE: usize = 8;

/// See [`REOPEN_PER_PAGE_BYTE`].
pub const REOPEN_BASE: usize = 1024 * 1024;

/// Formatting tags up to this long (`<b>`, `<font size="2" color="red">`) cost the parser a
/// constant when re-opened; see [`REOPEN_PER_PAGE_BYTE`].
pub const SHORT_TAG: usize = 64;

/// Elements that never have content, and elements HTML closes by itself when a sibling
/// starts (`<p>`, `<li>` without their end tags): neither makes a page deeper.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "!doctype",
];

/// An upper bound of the page's element nesting, from its tags alone (no parsing). Comments,
/// scripts and styles are skipped; unmatched end tags never make it negative.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        at += offset + 1;
        if bytes[at..].starts_with(b"!--") {
            at = find(bytes, at, b"-->");
            continue;
        }
        let closing = bytes.get(at) == Some(&b'/');
        let start = if closing { at + 1 } else { at };
        let name_end = bytes[start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'!'))
            .map_or(bytes.len(), |p| start + p);
        let name = &bytes[start..name_end];
        if name.is_empty() || NOT_NESTING.iter().any(|n| n.as_bytes().eq_ignore_ascii_case(name)) {
            continue;
        }
        let tag_end = find(bytes, name_end, b">");
        let self_closing = tag_end >= 2 && bytes.get(tag_end - 2) == Some(&b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
            if name.eq_ignore_ascii_case(b"script") {
                at = find(bytes, tag_end, b"</script");
                depth -= 1;
            } else if name.eq_ignore_ascii_case(b"style") {
                at = find(bytes, tag_end, b"</style");
                depth -= 1;
            }
        }
    }
    deepest
}

use memchr::memchr;

/// The position just after the next `pattern` (ASCII case ignored) from `from`, or the end.
/// Candidates are found by the pattern's first byte, which must have no case (`<`, `-`, `>`).
fn find(bytes: &[u8], from: usize, pattern: &[u8]) -> usize {
    let mut at = from.min(bytes.len());
    while let Some(offset) = memchr(pattern[0], &bytes[at..]) {
        let start = at + offset;
        let end = start + pattern.len();
        if end <= bytes.len() && bytes[start..end].eq_ignore_ascii_case(pattern) {
            return end;
        }
        at = start + 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_only_nesting_elements() {
        assert_eq!(
            nesting_depth("<html><body><div><p>a<p>b<br><img src=x></div></body></html>"),
            3
        );
        assert_eq!(nesting_depth("<div><!-- <div><div><div> --></div>"), 1);
        assert_eq!(nesting_depth("<script>if (a<b) { x = '<div><div>'; }</script><div></div>"), 1);
        assert_eq!(nesting_depth("</div></div><span/>"), 0);
        assert_eq!(nesting_depth(&"<div>".repeat(5000)), 5000);
    }

    #[test]
    fn unclosed_paragraphs_do_not_count() {
        assert_eq!(nesting_depth(&"<p>text ".repeat(10_000)), 0);
    }
}
