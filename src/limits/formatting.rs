//! Bounded formatting: a pass over a page's tags, run before the HTML parser sees the page, that
//! keeps the parser's work linear in the page's size.
//!
//! HTML parsing keeps a *list of active formatting elements* (`<a>`, `<b>`, `<font>` …). When a
//! block ends (`</p>`, `</div>`, a new `<p>`), the formatting elements still open inside it are
//! closed but stay on that list, and the parser *re-opens* every one of them, attributes and
//! all, before the next text: a page that leaves `<font>` open in one paragraph gets a copy of
//! it in the next. The list is only trimmed when the same tag, attributes included, is on it
//! four times (the "Noah's Ark" clause). So a page of 900 `<b id=bN>` never closed, then 1,000
//! paragraphs, gets 900 × 1,000 elements: 17.9 KB took 58 s and 520 MB to import and gave
//! 8.6 MB of Markdown (see: #18). Browsers do the same; the HTML standard keeps it.
//!
//! This pass follows the page's tags the way the parser will read them, and counts the
//! formatting elements that may be on the parser's list. It bounds two things:
//! - **Per block:** a formatting start tag that would make them more than
//!   [`MAX_OPEN_FORMATTING`](super::MAX_OPEN_FORMATTING) is dropped, with its end tag. The parser then re-opens at most that
//!   many elements in each block. Real pages leave at most four open.
//! - **Per page:** at every tag after which the parser may re-open elements, the pass adds up
//!   the bytes of their tags past [`SHORT_TAG`](super::SHORT_TAG) (a short tag costs a constant, which the count
//!   bounds). One unclosed `<a>` with a long URL before thousands of paragraphs stays within the
//!   count but not within [`REOPEN_PER_PAGE_BYTE`] bytes per byte of the page (plus
//!   [`REOPEN_BASE`]): past that, the rest of the page's markup is dropped and its text kept, so
//!   nothing is re-opened again.
//!
//! The count must never be lower than the parser's list, or the bounds would not hold, so it
//! only errs upwards. An element leaves it only when its end tag is certain to take it off the
//! list: no table, cell, select, form, template, embedded object or foreign (`<math>`, `<svg>`)
//! element started since it opened (they put up a boundary the end tag may not cross), and
//! fewer than eight blocks it holds may still be open (the parser gives up on more). Text the
//! parser may read either as text or as tags (a `<title>` or `<noscript>` after a `<select>`, a
//! `<![CDATA[` after a `<math>`) is cut out, so that both readings agree.
//!
//! The pass is split by what it does: `tokens` reads the page's tags the way the HTML
//! tokenizer does, `pass` keeps the count of the parser's list and decides each tag's fate,
//! and this module edits the page and gives the entry points.

mod pass;
mod tokens;

use std::borrow::Cow;

use super::{REOPEN_BASE, REOPEN_PER_PAGE_BYTE};
use pass::{Pass, Step};
use tokens::{Token, TokenKind, raw_element_end, raw_text_end, read_token, reads_alike};

/// The formatting elements of the HTML parsing algorithm: the ones it re-opens.
const FORMATTING: [&str; 14] = [
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Blocks whose end tag closes them for certain (the most recent open one of the same name).
/// `p`, `li` and the headings, which the parser also closes by itself, are counted apart.
const BLOCKS: [&str; 29] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "button",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dd",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "ul",
    "pre",
    "search",
    "section",
    "summary",
];

/// Elements after whose start tag an end tag may no longer take an earlier formatting element
/// off the parser's list: table parts and cells, markers (`applet`, `marquee`, `object`,
/// `template`, `caption`), foreign content, and elements that put the parser in a mode of its
/// own (`select`, `form`, `frameset`, `plaintext`).
const BARRIERS: [&str; 21] = [
    "table",
    "caption",
    "colgroup",
    "col",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "applet",
    "marquee",
    "object",
    "template",
    "math",
    "svg",
    "select",
    "form",
    "frameset",
    "frame",
    "plaintext",
];

/// Other names the pass reads: `<hr>` closes an open `<p>`, and the formatting elements in it.
const OTHER: [&str; 9] = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr"];

/// Elements whose contents the parser reads as text, not tags (in HTML content).
const RAW_TEXT: [&str; 9] =
    ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "script"];

/// Returns `html` without the formatting tags that would take the parser's list of active
/// formatting elements past its bounds (borrowed when nothing changes).
pub fn cap_formatting(html: &str) -> Cow<'_, str> {
    run(html).0
}

/// Parses a fragment of a scraped page (article HTML, a JSON-LD `articleBody`, a metadata value)
/// with its formatting elements bounded ([`cap_formatting`]).
pub fn parse_fragment(html: &str) -> scraper::Html {
    scraper::Html::parse_fragment(&cap_formatting(html))
}

/// The page's `<script>` elements (without JSON-LD ones left out: all of them), found the way
/// the parser finds them, as a small document of their own: the framework-state fallback reads
/// their text without parsing the whole page a second time.
pub(crate) fn script_elements(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let Some(token) = read_token(bytes, start, false) else { break };
        at = token.end;
        let TokenKind::Start { name, .. } = token.kind else { continue };
        if !RAW_TEXT.contains(&name) {
            continue;
        }
        let end = raw_element_end(bytes, raw_text_end(bytes, token.end, name));
        if name == "script" {
            out.push_str(&html[start..end]);
            if end == bytes.len() {
                out.push_str("</script>");
            }
        }
        at = end;
    }
    out
}

/// [`cap_formatting`], with what the pass saw.
pub(crate) fn run(html: &str) -> (Cow<'_, str>, Stats) {
    let bytes = html.as_bytes();
    let budget = html.len().saturating_mul(REOPEN_PER_PAGE_BYTE).saturating_add(REOPEN_BASE);
    let mut pass = Pass::with_budget(budget);
    let mut edit = Edit { html, out: None, copied: 0 };
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let Some(token) = read_token(bytes, start, pass.foreign) else { break };
        at = token.end;
        match pass.step(html, &token) {
            Step::Keep => edit.cut_attributes(&token, &mut pass.stats),
            Step::Drop => {
                pass.stats.dropped += 1;
                edit.replace(start, token.end, "");
            }
            Step::Flatten => edit.replace(start, token.end, "\n"),
            Step::Remove(end) => {
                edit.replace(start, end, "");
                at = end;
            }
            Step::RawText { end, certain } => {
                if pass.flat {
                    // Drop the whole element: its text was never shown.
                    let end = raw_element_end(bytes, end);
                    edit.replace(start, end, "\n");
                    at = end;
                    continue;
                }
                edit.cut_attributes(&token, &mut pass.stats);
                let end = end.min(bytes.len());
                if !certain && !reads_alike(&bytes[token.end..end]) {
                    pass.stats.emptied += 1;
                    edit.replace(token.end, end, "");
                }
                at = end;
            }
        }
    }
    (edit.finish(), pass.stats)
}

/// The page with some byte ranges replaced.
struct Edit<'a> {
    html: &'a str,
    out: Option<String>,
    /// Everything before this is in `out` (or needs no change).
    copied: usize,
}

impl<'a> Edit<'a> {
    fn replace(&mut self, from: usize, to: usize, with: &str) {
        if from >= to {
            return;
        }
        let html = self.html;
        let out = self.out.get_or_insert_with(|| String::with_capacity(html.len()));
        out.push_str(&html[self.copied..from]);
        // A cut must not join a `<` before it to the text after it into a new tag.
        if with.is_empty() && out.ends_with('<') {
            out.push_str("<!---->");
        }
        out.push_str(with);
        self.copied = to;
    }

    /// Ends a tag before its first attribute past [`MAX_ATTRIBUTES`](super::MAX_ATTRIBUTES), if it has that many.
    fn cut_attributes(&mut self, token: &Token, stats: &mut Stats) {
        if let Some(cut) = token.cut {
            let close = if self.html.as_bytes()[token.end - 2] == b'/' { "/>" } else { ">" };
            stats.cut_tags += 1;
            self.replace(cut, token.end, close);
        }
    }

    fn finish(self) -> Cow<'a, str> {
        match self.out {
            None => Cow::Borrowed(self.html),
            Some(mut out) => {
                out.push_str(&self.html[self.copied..]);
                Cow::Owned(out)
            }
        }
    }
}

/// What the pass saw: for tests, and for measuring real pages.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// The most formatting elements that may have been on the parser's list at once.
    pub max_live: usize,
    /// Formatting tags dropped.
    pub dropped: usize,
    /// Raw text sections cut out because the parser could read them two ways.
    pub emptied: usize,
    /// What re-opening may have cost, in bytes (see [`REOPEN_PER_PAGE_BYTE`]).
    pub spent: usize,
    /// Whether the page ran out of its budget, and its remaining markup was dropped.
    pub flat: bool,
    /// Tags cut short at [`MAX_ATTRIBUTES`](super::MAX_ATTRIBUTES) attributes.
    pub cut_tags: usize,
}

#[cfg(test)]
mod tests;
