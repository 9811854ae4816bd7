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
//!   [`MAX_OPEN_FORMATTING`] is dropped, with its end tag. The parser then re-opens at most that
//!   many elements in each block. Real pages leave at most four open.
//! - **Per page:** at every tag after which the parser may re-open elements, the pass adds up
//!   the bytes of their tags past [`SHORT_TAG`] (a short tag costs a constant, which the count
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

use std::borrow::Cow;

use crate::limits::{
    MAX_ATTRIBUTES, MAX_OPEN_FORMATTING, REOPEN_BASE, REOPEN_PER_PAGE_BYTE, SHORT_TAG,
};

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

/// Counters of block tags: one per [`BLOCKS`] entry, then `p`, `li` and the headings (`</h2>`
/// closes an open `<h1>` too, so they share one).
const P: usize = BLOCKS.len();
const LI: usize = P + 1;
const HEADING: usize = P + 2;
const COUNTERS: usize = P + 3;

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

/// The most blocks an end tag can close around a formatting element and still take it off the
/// list: the adoption agency algorithm stops after eight rounds, one per block.
const MAX_BLOCKS_CROSSED: u32 = 7;

/// The most elements the adoption agency algorithm copies for one end tag (eight rounds of one
/// formatting element and three between it and the block).
const MAX_ADOPTION_COPIES: usize = 32;

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
    let mut pass = Pass { budget, ..Pass::default() };
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

    /// Ends a tag before its first attribute past [`MAX_ATTRIBUTES`], if it has that many.
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

/// What to do with a token.
enum Step {
    Keep,
    /// Cut the tag out.
    Drop,
    /// Replace the tag by a line break (past the page's budget, markup is read as text).
    Flatten,
    /// Cut out everything from the tag to this position (an ambiguous `<![CDATA[` section).
    Remove(usize),
    /// The tag starts raw text that ends at `end` (the `<` of its end tag). When the parser may
    /// read it either as text or as tags (`certain` is false), the text is cut out, so that it
    /// reads the same both ways.
    RawText {
        end: usize,
        certain: bool,
    },
}

/// A formatting element that may be on the parser's list of active formatting elements.
struct Live {
    /// Which start tag it is (the order of the page).
    seq: u64,
    /// The tag's attributes as written, for the Noah's Ark clause.
    attrs: Box<str>,
    /// The tag's bytes past [`SHORT_TAG`]: what a re-opened copy costs the page's budget.
    cost: usize,
    /// [`Pass::barriers`] when it opened.
    barriers: u64,
    /// [`Pass::starts`] and [`Pass::ends`] when it opened.
    starts: [u32; COUNTERS],
    ends: [u32; COUNTERS],
}

/// The pass's state: the page's tags so far, as the parser's list of active formatting elements
/// sees them.
#[derive(Default)]
struct Pass {
    /// Per formatting name, the elements that may be on the parser's list, oldest first.
    live: [Vec<Live>; FORMATTING.len()],
    live_count: usize,
    /// The sum of their costs.
    live_cost: usize,
    /// Per formatting name, the start tags not ended yet (in the page's own nesting): the
    /// sequence number of a kept one, `None` for a dropped one.
    open: [Vec<Option<u64>>; FORMATTING.len()],
    seq: u64,
    /// Boundary start tags so far ([`BARRIERS`]).
    barriers: u64,
    /// Start and end tags of each kind of block so far.
    starts: [u32; COUNTERS],
    ends: [u32; COUNTERS],
    /// A `<math>` or `<svg>` started: the parser may be in foreign content, where `<title>` and
    /// the like hold tags and `<![CDATA[` sections hold text.
    foreign: bool,
    /// A `<select>` started: in it, the parser ignores `<title>`, `<noscript>`, `<iframe>` …
    /// instead of reading their text raw.
    select: bool,
    /// What re-opening may cost over the whole page, and what it may have cost so far.
    budget: usize,
    /// Past the budget: every tag from here on is dropped.
    flat: bool,
    stats: Stats,
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
    /// Tags cut short at [`MAX_ATTRIBUTES`] attributes.
    pub cut_tags: usize,
}

impl Pass {
    fn step(&mut self, html: &str, token: &Token) -> Step {
        if let Some(copies) = self.reopen_copies(token) {
            self.charge(copies);
        }
        if self.flat {
            return match token.kind {
                TokenKind::Skip => Step::Keep,
                TokenKind::CData { end } => Step::Remove(end),
                TokenKind::Start { name, .. } if RAW_TEXT.contains(&name) => Step::RawText {
                    end: raw_text_end(html.as_bytes(), token.end, name),
                    certain: true,
                },
                _ => Step::Flatten,
            };
        }
        match token.kind {
            TokenKind::Start { name, attrs } => self.start_tag(html, name, attrs, token),
            TokenKind::End { name } => self.end_tag(name),
            TokenKind::CData { end } => Step::Remove(end),
            TokenKind::OtherStart | TokenKind::OtherEnd | TokenKind::Skip => Step::Keep,
        }
    }

    /// How many copies of the elements on the list the parser may make after `token`: once
    /// each after a tag that may close them (an end tag, a block), up to
    /// [`MAX_ADOPTION_COPIES`] for an end tag of a formatting element that closes blocks.
    fn reopen_copies(&self, token: &Token) -> Option<usize> {
        match token.kind {
            TokenKind::End { name } => match FORMATTING.iter().position(|f| *f == name) {
                Some(index) => match self.open[index].last() {
                    // The end tag of a dropped element goes with it.
                    Some(None) => None,
                    Some(Some(seq)) if self.ends_plainly(index, *seq) => Some(1),
                    _ => Some(MAX_ADOPTION_COPIES),
                },
                None => Some(1),
            },
            TokenKind::OtherEnd => Some(1),
            // A new `<a>` or `<nobr>` may run the adoption agency on an open one.
            TokenKind::Start { name: "a", .. } if !self.live[0].is_empty() => {
                Some(MAX_ADOPTION_COPIES)
            }
            TokenKind::Start { name: "nobr", .. } if !self.live[7].is_empty() => {
                Some(MAX_ADOPTION_COPIES)
            }
            TokenKind::Start { name, .. } if !FORMATTING.contains(&name) => Some(1),
            _ => None,
        }
    }

    /// Whether the end tag of formatting element `index` ends it without the adoption agency
    /// copying anything: it is the element's own, and no block opened inside it is open.
    fn ends_plainly(&self, index: usize, seq: u64) -> bool {
        self.live[index]
            .iter()
            .rev()
            .find(|l| l.seq == seq)
            .is_some_and(|entry| self.blocks_inside(entry) == Some(0))
    }

    fn charge(&mut self, copies: usize) {
        let cost = self.live_cost * copies;
        self.stats.spent = self.stats.spent.saturating_add(cost);
        if self.stats.spent > self.budget && !self.flat {
            self.flat = true;
            self.stats.flat = true;
        }
    }

    fn start_tag(&mut self, html: &str, name: &str, attrs: (usize, usize), token: &Token) -> Step {
        if let Some(index) = FORMATTING.iter().position(|f| *f == name) {
            let length = token.cut.unwrap_or(token.end) - token.start;
            let kept = self.formatting_start(
                index,
                &html[attrs.0..attrs.1],
                length.saturating_sub(SHORT_TAG),
            );
            return if kept { Step::Keep } else { Step::Drop };
        }
        if let Some(counter) = block_counter(name) {
            self.starts[counter] += 1;
            return Step::Keep;
        }
        if BARRIERS.contains(&name) {
            self.barriers += 1;
            self.foreign |= matches!(name, "math" | "svg");
            self.select |= name == "select";
            if name == "plaintext" {
                // The rest of the page is text (or, in foreign content or a select, tags).
                let certain = !self.foreign && !self.select;
                return Step::RawText { end: usize::MAX, certain };
            }
            return Step::Keep;
        }
        if RAW_TEXT.contains(&name) {
            let end = raw_text_end(html.as_bytes(), token.end, name);
            // In foreign content none of them is raw; in a select, only these are.
            let certain =
                !self.foreign && (!self.select || matches!(name, "script" | "style" | "textarea"));
            return Step::RawText { end, certain };
        }
        Step::Keep
    }

    fn end_tag(&mut self, name: &str) -> Step {
        if let Some(index) = FORMATTING.iter().position(|f| *f == name) {
            return if self.formatting_end(index) { Step::Keep } else { Step::Drop };
        }
        if let Some(counter) = block_counter(name) {
            self.ends[counter] += 1;
        }
        Step::Keep
    }

    /// Whether to keep a formatting start tag that costs `cost` ([`Live::cost`]).
    fn formatting_start(&mut self, index: usize, attrs: &str, cost: usize) -> bool {
        self.seq += 1;
        if FORMATTING[index] == "a" {
            self.close_open_link(index);
        }
        self.noahs_ark(index, attrs);
        let keep = self.live_count < MAX_OPEN_FORMATTING;
        if keep {
            self.live[index].push(Live {
                seq: self.seq,
                attrs: attrs.into(),
                cost,
                barriers: self.barriers,
                starts: self.starts,
                ends: self.ends,
            });
            self.live_count += 1;
            self.live_cost += cost;
            self.open[index].push(Some(self.seq));
        } else {
            self.open[index].push(None);
        }
        self.stats.max_live = self.stats.max_live.max(self.live_count);
        keep
    }

    /// A new `<a>` closes the one still on the parser's list since its last marker, and takes it
    /// off the list: links do not nest. No boundary since an entry means no marker since.
    fn close_open_link(&mut self, index: usize) {
        let barriers = self.barriers;
        if self.live[index].last().is_some_and(|last| last.barriers == barriers) {
            self.remove_last(index);
        }
    }

    /// The parser keeps at most three equal entries after the last marker and drops the oldest
    /// when a fourth comes. The pass does the same, for entries it knows are equal (the same
    /// attribute text) and knows have no marker since (no boundary since the oldest).
    fn noahs_ark(&mut self, index: usize, attrs: &str) {
        let barriers = self.barriers;
        let live = &mut self.live[index];
        let mut equal = live.iter().enumerate().filter(|(_, l)| &*l.attrs == attrs);
        let Some((oldest, entry)) = equal.next() else { return };
        if entry.barriers == barriers && equal.count() >= 2 {
            let removed = live.remove(oldest);
            self.live_count -= 1;
            self.live_cost -= removed.cost;
        }
    }

    /// Whether to keep a formatting end tag.
    fn formatting_end(&mut self, index: usize) -> bool {
        let Some(opened) = self.open[index].pop() else {
            // A stray end tag: the count stays as it is, which only errs upwards.
            return true;
        };
        let Some(seq) = opened else {
            // The end of a dropped element goes with it.
            return false;
        };
        let certain = match self.live[index].iter().rev().find(|l| l.seq == seq) {
            Some(entry) => self.blocks_inside(entry).is_some_and(|b| b <= MAX_BLOCKS_CROSSED),
            // Already off the list (Noah's Ark, or a later `<a>`).
            None => false,
        };
        if certain {
            // The parser takes the most recent entry of that name off its list: this one, or a
            // later one that ended without certainty inside it.
            self.remove_last(index);
        }
        true
    }

    fn remove_last(&mut self, index: usize) {
        if let Some(removed) = self.live[index].pop() {
            self.live_count -= 1;
            self.live_cost -= removed.cost;
        }
    }

    /// How many blocks opened since `entry` may still be open (more than there are, never
    /// fewer), or `None` when a boundary started since.
    fn blocks_inside(&self, entry: &Live) -> Option<u32> {
        if self.barriers != entry.barriers {
            return None;
        }
        let delta = |i: usize| (self.starts[i] - entry.starts[i], self.ends[i] - entry.ends[i]);
        let mut open = 0u32;
        for i in (0..BLOCKS.len()).chain([HEADING]) {
            let (starts, ends) = delta(i);
            open += starts.saturating_sub(ends);
        }
        // A `<p>` closes the open `<p>` unless a `<button>` stands between them. An end tag
        // closes one for certain, but the count of `<p>` is kept simple: one more than blocks.
        open += delta(P).0.min(open + 1);
        // A `<li>` closes the open `<li>` unless another block stands between them. Its end tag
        // may be ignored (`<li><ul></li>`), so it is not trusted.
        open += delta(LI).0.min(open + 1);
        Some(open)
    }
}

/// The counter of a block tag name, if it is one.
fn block_counter(name: &str) -> Option<usize> {
    if let Some(i) = BLOCKS.iter().position(|b| *b == name) {
        return Some(i);
    }
    match name {
        "p" => Some(P),
        "li" => Some(LI),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(HEADING),
        _ => None,
    }
}

/// What one `<…` in the page is.
struct Token {
    start: usize,
    /// Just after its `>`.
    end: usize,
    kind: TokenKind,
    /// Where the first attribute past [`MAX_ATTRIBUTES`] starts, if the tag has that many.
    cut: Option<usize>,
}

enum TokenKind {
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
fn read_token(bytes: &[u8], start: usize, foreign: bool) -> Option<Token> {
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
fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> usize {
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
fn reads_alike(text: &[u8]) -> bool {
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
fn raw_element_end(bytes: &[u8], text_end: usize) -> usize {
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

#[cfg(test)]
mod tests;
