//! The count behind [`super::cap_formatting`]: which formatting elements may be on the HTML
//! parser's list of active formatting elements after each tag, what re-opening them may cost,
//! and so what to do with each tag (keep, drop, flatten, cut out).

use super::tokens::{Token, TokenKind, raw_text_end};
use super::{BARRIERS, BLOCKS, FORMATTING, RAW_TEXT, Stats};
use crate::limits::{MAX_OPEN_FORMATTING, SHORT_TAG};

/// Counters of block tags: one per [`BLOCKS`] entry, then `p`, `li` and the headings (`</h2>`
/// closes an open `<h1>` too, so they share one).
const P: usize = BLOCKS.len();
const LI: usize = P + 1;
const HEADING: usize = P + 2;
const COUNTERS: usize = P + 3;

/// The most blocks an end tag can close around a formatting element and still take it off the
/// list: the adoption agency algorithm stops after eight rounds, one per block.
const MAX_BLOCKS_CROSSED: u32 = 7;

/// The most elements the adoption agency algorithm copies for one end tag (eight rounds of one
/// formatting element and three between it and the block).
const MAX_ADOPTION_COPIES: usize = 32;

/// What to do with a token.
pub(super) enum Step {
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
pub(super) struct Pass {
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
    pub(super) foreign: bool,
    /// A `<select>` started: in it, the parser ignores `<title>`, `<noscript>`, `<iframe>` …
    /// instead of reading their text raw.
    select: bool,
    /// What re-opening may cost over the whole page, and what it may have cost so far.
    budget: usize,
    /// Past the budget: every tag from here on is dropped.
    pub(super) flat: bool,
    pub(super) stats: Stats,
}

impl Pass {
    /// A pass over a page that may spend `budget` bytes on re-opened copies.
    pub(super) fn with_budget(budget: usize) -> Self {
        Pass { budget, ..Pass::default() }
    }

    pub(super) fn step(&mut self, html: &str, token: &Token) -> Step {
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
