//! The glossary term matcher: finds every glossary term (and alias) in a text in one pass.
//!
//! This module is pure: it knows nothing about Markdown, HTML or where terms come from. The
//! caller turns each term and each alias into a [`TermPattern`] carrying the term's id, builds one
//! [`Matcher`] per site, and calls [`Matcher::find_all`] on each run of article text.
//!
//! # One automaton, one pass
//!
//! All patterns go into a single automaton, the trie of an Aho-Corasick automaton
//! (`aho_corasick::nfa::contiguous::NFA`), built once by [`Matcher::new`] and reused for every
//! text. The text is read once, left to right. At each position where a match may begin, the
//! automaton is walked from there (an anchored walk) until no pattern continues, usually within
//! a few bytes; every pattern ending on the way is a candidate, and the longest candidate that
//! passes the rules below wins, so the term "AI 모델" beats the term "AI".
//! All patterns are tried at once: the work per text does not grow with the number of terms,
//! only with how many places in the text begin like some term. A 5,000-term glossary costs
//! well under twice a 5-term one per text (`benches/glossary.rs` measures it).
//!
//! Why not the usual unanchored leftmost-longest search over every byte? The boundary rules mean
//! a match can only begin at the start of a word: a Hangul letter not after another Hangul
//! letter, an ASCII letter or digit not after an ASCII letter, digit or `_`, or any other
//! character. Probing only there (and only where the byte can begin some pattern) skips most of
//! the text, and a rejected candidate (the term "사슬" inside "쇠사슬") costs no second search.
//! Walking every byte through the automaton of a 5,000-term glossary took twice as long as
//! through a 5-term one, because its tables no longer fit in the cache; the probes are faster
//! for both sizes.
//!
//! The result is the leftmost-longest match under the rules: of the positions where some
//! pattern passes the rules, the first; of the patterns passing there, the longest; then on
//! from the end of that match. Matches never overlap.
//!
//! # Rules a match must pass
//!
//! - **Latin word boundaries.** A match whose first character is an ASCII letter or digit must
//!   not follow an ASCII letter, digit or `_`; a match whose last character is an ASCII letter or
//!   digit must not be followed by one either (nor by `_`, for symmetry: "API_KEY" is one word).
//!   So "MAGIC" does not contain "AGI", and "AGIs" is not "AGI". Any other character is a
//!   boundary: a space, punctuation, a hyphen ("GPT" matches in "GPT-5"), and Hangul.
//! - **Korean particles.** Korean attaches particles and endings directly to the word before
//!   them ("AGI는", "생각 사슬을", "API 형태로"), so the end of a match is never checked against
//!   a following Hangul character. Without a dictionary a particle cannot be told apart from
//!   the rest of a compound word, so "사슬" also matches at the start of "사슬톱".
//! - **No match inside a Hangul word.** A match that starts with a Hangul letter (syllable or
//!   jamo) must not follow a Hangul letter: the term "사슬" does not match inside "쇠사슬". A
//!   Latin match is not checked against a Hangul character before it, so the term "AI" does
//!   match in "오픈AI" (the rule above only looks at ASCII letters and digits).
//! - **Whole characters.** A match must not be followed by a combining mark or a zero-width
//!   joiner, which would belong to its last character ("AGI" + U+0301 is not "AGI").
//!
//! When the longest candidate at a position fails a rule, the shorter ones at the same position
//! are still tried: "GPT-5o" rejects the term "GPT-5" but finds "GPT". When none passes, the
//! search goes on from the next character: "MAGIC AGI" finds the second "AGI".
//!
//! # Case
//!
//! Each pattern says whether it is case-sensitive. The automaton itself ignores ASCII case; a
//! candidate is then given to the first pattern with exactly the matched spelling, or else to
//! the first case-insensitive pattern with that spelling up to ASCII case. Only ASCII letters
//! are folded; Hangul has no case.
//!
//! When a term does not say, [`default_case_sensitive`] decides: an all-capitals acronym of 2 to
//! 5 ASCII letters (AGI, API, MAI, MS) is case-sensitive, because its lowercase form is usually
//! another word or part of a name or address ("Agi", "api.example.com"). Every other term is
//! case-insensitive, so "chain-of-thought" also matches "Chain-of-Thought".
//!
//! # Whitespace
//!
//! Patterns are matched literally, after trimming them and turning each run of whitespace inside
//! them into one space. The text is not normalised: a space in a term matches exactly one space
//! (U+0020) in the text, not two, a tab or a line break.

use std::collections::HashMap;
use std::fmt;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind, PatternID};
use unicode_normalization::char::is_combining_mark;

/// One spelling of a term to look for: the term itself or one of its aliases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermPattern {
    /// The id of the term this spelling belongs to; aliases share their term's id.
    pub term_id: usize,
    /// The spelling. Leading and trailing whitespace is ignored, inner runs count as one space.
    pub text: String,
    /// When true, only this exact spelling matches; otherwise ASCII case is ignored.
    pub case_sensitive: bool,
}

impl TermPattern {
    /// A pattern whose case rule is `case_sensitive`, or [`default_case_sensitive`] of `text`
    /// when the term does not say.
    pub fn new(
        term_id: usize,
        text: impl Into<String>,
        case_sensitive: Option<bool>,
    ) -> TermPattern {
        let text = text.into();
        let case_sensitive = case_sensitive.unwrap_or_else(|| default_case_sensitive(&text));
        TermPattern { term_id, text, case_sensitive }
    }
}

/// The case rule of a term that does not set `case_sensitive`: true for an all-capitals acronym
/// of 2 to 5 ASCII letters (AGI, API, MAI), false for everything else.
pub fn default_case_sensitive(text: &str) -> bool {
    let text = text.trim();
    (2..=5).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_uppercase())
}

/// A term found in a text: `text[start..end]` is a spelling of the term `term_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermMatch {
    /// The id carried by the pattern that matched.
    pub term_id: usize,
    /// Byte offset of the first byte of the match, on a character boundary.
    pub start: usize,
    /// Byte offset just past the match, on a character boundary.
    pub end: usize,
}

/// One spelling behind an automaton pattern.
#[derive(Debug, Clone)]
struct Spelling {
    term_id: usize,
    text: String,
    case_sensitive: bool,
}

/// The compiled automaton, its anchored start state, and the bytes that leave that state.
#[derive(Clone)]
struct Trie {
    nfa: NFA,
    start: StateID,
    /// `first_byte[b]`: some pattern starts with the byte `b` (either ASCII case).
    first_byte: [bool; 256],
}

/// All glossary patterns compiled into one automaton. Build it once, search many texts.
#[derive(Clone)]
pub struct Matcher {
    /// `None` when there is nothing to find.
    automaton: Option<Trie>,
    /// For each automaton pattern (an ASCII-lowercased spelling), the spellings it stands for,
    /// in the order they were given.
    spellings: Vec<Vec<Spelling>>,
}

impl fmt::Debug for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Matcher")
            .field("patterns", &self.spellings.iter().map(Vec::len).sum::<usize>())
            .finish_non_exhaustive()
    }
}

impl Matcher {
    /// Compiles `patterns` into one automaton.
    ///
    /// This cannot fail: empty patterns are skipped, and of patterns with the same spelling the
    /// first wins. (Only a pattern set beyond the automaton's size limits, billions of states,
    /// would fail to compile; the matcher then finds nothing.)
    pub fn new(patterns: Vec<TermPattern>) -> Matcher {
        let mut keys: Vec<String> = Vec::new();
        let mut spellings: Vec<Vec<Spelling>> = Vec::new();
        let mut key_index: HashMap<String, usize> = HashMap::new();
        for pattern in patterns {
            let text = normalize_pattern(&pattern.text);
            if text.is_empty() {
                continue;
            }
            let key = text.to_ascii_lowercase();
            let index = *key_index.entry(key.clone()).or_insert_with(|| {
                keys.push(key);
                spellings.push(Vec::new());
                keys.len() - 1
            });
            let group = &mut spellings[index];
            if group.iter().any(|s| s.text == text) {
                continue;
            }
            group.push(Spelling {
                term_id: pattern.term_id,
                text,
                case_sensitive: pattern.case_sensitive,
            });
        }
        let automaton = if keys.is_empty() {
            None
        } else {
            // Standard semantics keep every pattern in the trie; the anchored walk below picks
            // the longest acceptable one itself.
            NFA::builder()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .prefilter(false)
                .build(&keys)
                .ok()
                .and_then(|nfa| {
                    let start = nfa.start_state(Anchored::Yes).ok()?;
                    let mut first_byte = [false; 256];
                    for (byte, starts) in (0..=u8::MAX).zip(first_byte.iter_mut()) {
                        *starts = !nfa.is_dead(nfa.next_state(Anchored::Yes, start, byte));
                    }
                    Some(Trie { nfa, start, first_byte })
                })
        };
        Matcher { automaton, spellings }
    }

    /// True when the matcher has no pattern and so finds nothing.
    pub fn is_empty(&self) -> bool {
        self.automaton.is_none()
    }

    /// Every term in `text`: non-overlapping, in text order, leftmost-longest, with the rules
    /// of the module documentation applied.
    pub fn find_all(&self, text: &str) -> Vec<TermMatch> {
        let mut found = Vec::new();
        let Some(automaton) = &self.automaton else {
            return found;
        };
        let bytes = text.as_bytes();
        let mut before = Class::Other;
        let mut at = 0;
        while at < bytes.len() {
            let (class, len) = classify(bytes, at);
            let may_start = automaton.first_byte[usize::from(bytes[at])]
                && match class {
                    Class::AsciiAlnum => !before.is_ascii_word(),
                    Class::Hangul => before != Class::Hangul,
                    Class::Underscore | Class::Other => true,
                };
            if may_start && let Some(term) = self.longest_at(automaton, text, at) {
                found.push(term);
                at = term.end;
                before = text[..at].chars().next_back().map_or(Class::Other, Class::of);
                continue;
            }
            before = class;
            at += len;
        }
        found
    }

    /// The longest pattern starting at `start` that passes the rules, found by walking the
    /// trie from its anchored start state along the text.
    fn longest_at(&self, automaton: &Trie, text: &str, start: usize) -> Option<TermMatch> {
        let nfa = &automaton.nfa;
        let mut sid = automaton.start;
        let mut longest = None;
        let rest = text.as_bytes().get(start..).unwrap_or_default();
        for (offset, &byte) in rest.iter().enumerate() {
            sid = nfa.next_state(Anchored::Yes, sid, byte);
            if !nfa.is_special(sid) {
                continue;
            }
            if nfa.is_dead(sid) {
                break;
            }
            if nfa.is_match(sid) {
                let end = start + offset + 1;
                // A match state also lists shorter patterns that end here but start later.
                for index in 0..nfa.match_len(sid) {
                    let pattern = nfa.match_pattern(sid, index);
                    if end.checked_sub(nfa.pattern_len(pattern)) != Some(start) {
                        continue;
                    }
                    if let Some(term_id) = self.accept(text, start, end, pattern) {
                        longest = Some(TermMatch { term_id, start, end });
                    }
                }
            }
        }
        longest
    }

    /// The term `text[start..end]` stands for as a spelling of `pattern`, if it passes the
    /// boundary and case rules.
    fn accept(&self, text: &str, start: usize, end: usize, pattern: PatternID) -> Option<usize> {
        let matched = text.get(start..end)?;
        let first = matched.chars().next()?;
        let last = matched.chars().next_back()?;
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if first.is_ascii_alphanumeric() && before.is_some_and(|c| Class::of(c).is_ascii_word()) {
            return None;
        }
        if last.is_ascii_alphanumeric() && after.is_some_and(|c| Class::of(c).is_ascii_word()) {
            return None;
        }
        if is_hangul(first) && before.is_some_and(is_hangul) {
            return None;
        }
        if after.is_some_and(|c| !c.is_ascii() && (is_combining_mark(c) || c == '\u{200D}')) {
            return None;
        }
        let spellings = self.spellings.get(pattern.as_usize())?;
        spellings
            .iter()
            .find(|s| s.text == matched)
            .or_else(|| spellings.iter().find(|s| !s.case_sensitive))
            .map(|s| s.term_id)
    }
}

/// What a character is to the boundary rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    AsciiAlnum,
    Underscore,
    Hangul,
    Other,
}

impl Class {
    fn of(c: char) -> Class {
        if c.is_ascii_alphanumeric() {
            Class::AsciiAlnum
        } else if c == '_' {
            Class::Underscore
        } else if is_hangul(c) {
            Class::Hangul
        } else {
            Class::Other
        }
    }

    /// An ASCII letter, digit or underscore: a character that continues a Latin word.
    fn is_ascii_word(self) -> bool {
        matches!(self, Class::AsciiAlnum | Class::Underscore)
    }
}

/// The class and byte length of the character starting at `at`, read from the UTF-8 bytes
/// without decoding most characters (1 for a byte that does not start a character).
fn classify(bytes: &[u8], at: usize) -> (Class, usize) {
    let Some(&lead) = bytes.get(at) else {
        return (Class::Other, 1);
    };
    match lead {
        0x00..=0x7F => (Class::of(char::from(lead)), 1),
        0xC0..=0xDF => (Class::Other, 2),
        0xE0..=0xEF => {
            let continuation = |i: usize| u32::from(bytes.get(at + i).copied().unwrap_or(0) & 0x3F);
            let code = (u32::from(lead & 0x0F) << 12) | (continuation(1) << 6) | continuation(2);
            (if is_hangul_code(code) { Class::Hangul } else { Class::Other }, 3)
        }
        0xF0..=0xF7 => (Class::Other, 4),
        _ => (Class::Other, 1),
    }
}

/// Trims a pattern and turns each run of inner whitespace into one space.
fn normalize_pattern(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Hangul syllable or jamo (conjoining, compatibility, extended).
fn is_hangul(c: char) -> bool {
    is_hangul_code(u32::from(c))
}

/// [`is_hangul`] of a code point.
fn is_hangul_code(code: u32) -> bool {
    matches!(
        code,
        0xAC00..=0xD7A3 // syllables
            | 0x1100..=0x11FF // conjoining jamo
            | 0x3130..=0x318F // compatibility jamo
            | 0xA960..=0xA97F // jamo extended-A
            | 0xD7B0..=0xD7FF // jamo extended-B
    )
}

#[cfg(test)]
mod tests;
