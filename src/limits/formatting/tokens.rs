//! The page's tags read the way the HTML tokenizer reads them, without building anything: one
//! linear pass over the bytes, for [`super::cap_formatting`] and [`super::script_elements`].

use super::{BARRIERS, BLOCKS, FORMATTING, OTHER, RAW_TEXT};
use crate::limits::MAX_ATTRIBUTES;

/// What one `<…` in the page is.
pub(super) struct Token {
    pub(super) start: usize,
    /// Just after its `>`.
    pub(super) end: usize,
    pub(super) kind: TokenKind,
    /// Where the first attribute past [`MAX_ATTRIBUTES`] starts, if the tag has that many.
    pub(super) cut: Option<usize>,
}

pub(super) enum TokenKind {
    /// A start tag the pass reads: its name (lower case) and the byte range of its attributes.
    Start {
        name: &'static str,
        attrs: (usize, usize),
    },
    End {
        name: &'static str,
    },
    /// Tags of other elements (`span`, `img`, custom elements).
    OtherStart,
    OtherEnd,
    /// `<![CDATA[` where the parser may be in foreign content: text up to `]]>` there, a bogus
    /// comment up to the first `>` elsewhere. `end` covers both.
    CData {
        end: usize,
    },
    /// A comment, doctype, processing instruction or a `<` that is text.
    Skip,
}

/// Names the pass reads, lower case; other tags are told apart without allocating.
fn known_name(name: &[u8]) -> Option<&'static str> {
    const LONGEST: usize = 10;
    if name.len() > LONGEST {
        return None;
    }
    let mut lower = [0u8; LONGEST];
    for (l, b) in lower.iter_mut().zip(name) {
        *l = b.to_ascii_lowercase();
    }
    let lower = &lower[..name.len()];
    FORMATTING
        .iter()
        .chain(BLOCKS.iter())
        .chain(BARRIERS.iter())
        .chain(RAW_TEXT.iter())
        .chain(OTHER.iter())
        .find(|n| n.as_bytes() == lower)
        .copied()
}

/// Reads the token at `start` (a `<`) the way the HTML tokenizer does. `None` when the page
/// ends inside a tag (the tokenizer drops such a tag, and everything after it).
pub(super) fn read_token(bytes: &[u8], start: usize, foreign: bool) -> Option<Token> {
    let next = bytes.get(start + 1).copied();
    match next {
        Some(b) if b.is_ascii_alphabetic() => {
            let (name_end, end, cut) = tag_end(bytes, start + 1)?;
            let kind = match known_name(&bytes[start + 1..name_end]) {
                Some(name) => TokenKind::Start { name, attrs: (name_end, cut.unwrap_or(end - 1)) },
                None => TokenKind::OtherStart,
            };
            Some(Token { start, end, kind, cut })
        }
        Some(b'/') => match bytes.get(start + 2) {
            Some(b) if b.is_ascii_alphabetic() => {
                let (name_end, end, cut) = tag_end(bytes, start + 2)?;
                let kind = match known_name(&bytes[start + 2..name_end]) {
                    Some(name) => TokenKind::End { name },
                    None => TokenKind::OtherEnd,
                };
                Some(Token { start, end, kind, cut })
            }
            Some(b'>') => Some(Token { start, end: start + 3, kind: TokenKind::Skip, cut: None }),
            None => None,
            // `</3` and the like: a bogus comment up to the next `>`.
            _ => Some(bogus_comment(bytes, start)),
        },
        Some(b'!') if bytes[start..].starts_with(b"<!--") => Some(comment(bytes, start)),
        Some(b'!') if foreign && bytes[start..].starts_with(b"<![CDATA[") => {
            let end = memchr::memmem::find(&bytes[start..], b"]]>")
                .map_or(bytes.len(), |i| start + i + 3);
            Some(Token { start, end, kind: TokenKind::CData { end }, cut: None })
        }
        Some(b'!' | b'?') => Some(bogus_comment(bytes, start)),
        _ => Some(Token { start, end: start + 1, kind: TokenKind::Skip, cut: None }),
    }
}

fn bogus_comment(bytes: &[u8], start: usize) -> Token {
    let end = memchr::memchr(b'>', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
    Token { start, end, kind: TokenKind::Skip, cut: None }
}

/// `<!-- … -->`, also ended by `--!>`; `<!-->` and `<!--->` are whole (empty) comments.
fn comment(bytes: &[u8], start: usize) -> Token {
    let body = start + 4;
    let end = if bytes.get(body) == Some(&b'>') {
        body + 1
    } else if bytes[body..].starts_with(b"->") {
        body + 2
    } else {
        let mut at = body;
        loop {
            let Some(i) = memchr::memmem::find(&bytes[at..], b"--") else { break bytes.len() };
            let dashes = at + i + 2;
            match bytes.get(dashes) {
                Some(b'>') => break dashes + 1,
                Some(b'!') if bytes.get(dashes + 1) == Some(&b'>') => break dashes + 2,
                _ => at = at + i + 1,
            }
        }
    };
    Token { start, end, kind: TokenKind::Skip, cut: None }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// From the first byte of a tag name: the end of the name, the position after the tag's `>`,
/// and where the first attribute past [`MAX_ATTRIBUTES`] starts, if there is one. It follows
/// the tokenizer's attribute states (a `>` inside a quoted value does not end the tag). `None`
/// when the page ends first.
fn tag_end(bytes: &[u8], name_start: usize) -> Option<(usize, usize, Option<usize>)> {
    let name_end = name_start
        + bytes[name_start..].iter().position(|&b| is_space(b) || b == b'/' || b == b'>')?;
    let mut at = name_end;
    let mut attributes = 0;
    let mut cut = None;
    loop {
        // Between attributes: spaces and `/`.
        while bytes.get(at).is_some_and(|&b| is_space(b) || b == b'/') {
            at += 1;
        }
        if *bytes.get(at)? == b'>' {
            return Some((name_end, at + 1, cut));
        }
        attributes += 1;
        if attributes > MAX_ATTRIBUTES && cut.is_none() {
            cut = Some(at);
        }
        // The attribute's name: its first character may be anything (even `=`).
        at += 1;
        while bytes.get(at).is_some_and(|&b| !is_space(b) && !matches!(b, b'/' | b'>' | b'=')) {
            at += 1;
        }
        while bytes.get(at).is_some_and(|&b| is_space(b)) {
            at += 1;
        }
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while bytes.get(at).is_some_and(|&b| is_space(b)) {
            at += 1;
        }
        match *bytes.get(at)? {
            quote @ (b'"' | b'\'') => at += memchr::memchr(quote, &bytes[at + 1..])? + 2,
            b'>' => return Some((name_end, at + 1, cut)),
            _ => {
                while bytes.get(at).is_some_and(|&b| !is_space(b) && b != b'>') {
                    at += 1;
                }
            }
        }
    }
}

/// Where the raw text of element `name` that starts at `from` ends: at its first end tag (for
/// `<script>`, the first one outside an escaped `<!-- <script> … </script>` section). The
/// position of that end tag's `<`, or `usize::MAX` when the page ends first.
pub(super) fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> usize {
    let script = name == "script";
    let mut at = from;
    // Script data: not escaped, escaped (after `<!--`), double escaped (after `<!--<script>`).
    let mut escape = 0u8;
    while let Some(i) = memchr::memchr2(b'<', b'-', &bytes[at..]) {
        let here = at + i;
        at = here + 1;
        if bytes[here] == b'-' {
            if script && escape > 0 && bytes[here..].starts_with(b"-->") {
                escape = 0;
            }
            continue;
        }
        if script && escape == 0 && bytes[here..].starts_with(b"<!--") {
            escape = 1;
            // The dashes of `<!--` also end it (`<!-->`).
            at = here + 2;
            continue;
        }
        let closing = bytes.get(here + 1) == Some(&b'/');
        if !names_tag(bytes, here + 1 + usize::from(closing), name) {
            continue;
        }
        match (closing, escape) {
            (true, 0 | 1) => return here,
            (true, _) => escape = 1,
            (false, 1) if script => escape = 2,
            _ => {}
        }
    }
    usize::MAX
}

/// Whether raw text reads the same as text and as markup: it has no `<` but in whole
/// `<![CDATA[ … ]]>` sections (JSON-LD scripts of some sites wrap their JSON in one).
pub(super) fn reads_alike(text: &[u8]) -> bool {
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'<', &text[at..]) {
        let start = at + i;
        if !text[start..].starts_with(b"<![CDATA[") {
            return false;
        }
        let Some(close) = memchr::memmem::find(&text[start..], b"]]>") else { return false };
        at = start + close + 3;
    }
    true
}

/// The end of the element whose raw text ends at `text_end` (after its end tag's `>`).
pub(super) fn raw_element_end(bytes: &[u8], text_end: usize) -> usize {
    if text_end >= bytes.len() {
        return bytes.len();
    }
    read_token(bytes, text_end, false).map_or(bytes.len(), |t| t.end)
}

/// Whether `name` (ASCII case ignored) is at `at`, followed by a space, `/` or `>`.
fn names_tag(bytes: &[u8], at: usize, name: &str) -> bool {
    let end = at + name.len();
    end < bytes.len()
        && bytes[at..end].eq_ignore_ascii_case(name.as_bytes())
        && (is_space(bytes[end]) || matches!(bytes[end], b'/' | b'>'))
}
