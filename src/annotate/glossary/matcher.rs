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
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../tests/fixtures/seed/000_e94aa386e9de23ea.txt");

    /// A matcher over `(term_id, text)` pairs with the default case rule.
    fn matcher(terms: &[(usize, &str)]) -> Matcher {
        Matcher::new(terms.iter().map(|&(id, text)| TermPattern::new(id, text, None)).collect())
    }

    /// The matches as `(term_id, matched text)`.
    fn found<'t>(matcher: &Matcher, text: &'t str) -> Vec<(usize, &'t str)> {
        matcher.find_all(text).iter().map(|m| (m.term_id, &text[m.start..m.end])).collect()
    }

    /// The seed article's own glossary: 생각 사슬, AGI, API, plus MAI and MS.
    fn seed_glossary() -> Matcher {
        matcher(&[(0, "생각 사슬"), (1, "AGI"), (2, "API"), (3, "MAI"), (4, "MS")])
    }

    #[test]
    fn seed_sentence_finds_saengak_saseul_before_quote_and_parenthesis() {
        let text = "최근엔 'o 시리즈'처럼 '생각 사슬'(chain-of-thought) 기법을";
        let matches = seed_glossary().find_all(text);
        assert_eq!(matches.len(), 1);
        let m = matches[0];
        assert_eq!((m.term_id, &text[m.start..m.end]), (0, "생각 사슬"));
        assert_eq!(m.start, text.find("생각").unwrap());
    }

    #[test]
    fn seed_sentence_finds_agi_and_ms_before_particle() {
        let text = "'AGI 달성 시 MS의 기술 접근권 제한' 조항";
        assert_eq!(found(&seed_glossary(), text), [(1, "AGI"), (4, "MS")]);
    }

    #[test]
    fn seed_sentence_finds_mai_and_api() {
        let text = "MS는 연내 MAI 모델을 API 형태로 공개할";
        assert_eq!(found(&seed_glossary(), text), [(4, "MS"), (3, "MAI"), (2, "API")]);
    }

    #[test]
    fn particles_attach_directly() {
        let glossary = seed_glossary();
        assert_eq!(found(&glossary, "AGI는"), [(1, "AGI")]);
        assert_eq!(found(&glossary, "MAI를"), [(3, "MAI")]);
        assert_eq!(found(&glossary, "생각 사슬을"), [(0, "생각 사슬")]);
        assert_eq!(found(&glossary, "생각 사슬'"), [(0, "생각 사슬")]);
        assert_eq!(found(&glossary, "AGI(Artificial General Intelligence)"), [(1, "AGI")]);
    }

    #[test]
    fn latin_terms_need_word_boundaries() {
        let glossary = seed_glossary();
        assert_eq!(found(&glossary, "MAGIC"), []);
        assert_eq!(found(&glossary, "MAGIC AGI"), [(1, "AGI")]);
        assert_eq!(found(&glossary, "AGIs"), []);
        assert_eq!(found(&glossary, "xAGI 1AGI AGI2 _AGI AGI_"), []);
        assert_eq!(found(&glossary, "RAPID APIs"), []);
        // Punctuation and hyphens are boundaries.
        assert_eq!(
            found(&glossary, "(AGI) \"API\" AGI/API MAI-1"),
            [(1, "AGI"), (2, "API"), (1, "AGI"), (2, "API"), (3, "MAI"),]
        );
        let gpt = matcher(&[(7, "GPT")]);
        assert_eq!(found(&gpt, "'GPT-5'가 출시되자"), [(7, "GPT")]);
    }

    #[test]
    fn latin_term_after_hangul_matches() {
        // Only ASCII letters and digits block a Latin match on the left, so "AI" in "오픈AI"
        // is found, as in "AI모델" on the right.
        let ai = matcher(&[(0, "AI")]);
        assert_eq!(found(&ai, "오픈AI"), [(0, "AI")]);
        assert_eq!(found(&ai, "MS 자체 AI모델"), [(0, "AI")]);
    }

    #[test]
    fn longest_match_wins() {
        let glossary = matcher(&[(0, "AI"), (1, "AI 모델")]);
        assert_eq!(found(&glossary, "MS가 독자 개발한 AI 모델 MAI(마이)"), [(1, "AI 모델")]);
        assert_eq!(found(&glossary, "인공지능(AI) 시장서"), [(0, "AI")]);
        // Given in the other order, the longer term still wins.
        let glossary = matcher(&[(1, "AI 모델"), (0, "AI")]);
        assert_eq!(found(&glossary, "신규 AI 모델(MAI-1 등)"), [(1, "AI 모델")]);
    }

    #[test]
    fn rejected_longest_match_falls_back_to_shorter_at_same_start() {
        // "GPT-5" is followed by a letter; "GPT" is followed by a hyphen.
        let glossary = matcher(&[(0, "GPT"), (1, "GPT-5")]);
        assert_eq!(found(&glossary, "GPT-5o"), [(0, "GPT")]);
        assert_eq!(found(&glossary, "GPT-5"), [(1, "GPT-5")]);
        // A case-sensitive longer pattern with the wrong case gives way to a shorter one.
        let glossary = Matcher::new(vec![
            TermPattern::new(0, "AI모", Some(true)),
            TermPattern::new(1, "ai", Some(false)),
        ]);
        assert_eq!(found(&glossary, "Ai모델"), [(1, "Ai")]);
        assert_eq!(found(&glossary, "AI모델"), [(0, "AI모")]);
    }

    #[test]
    fn aliases_give_the_same_term_id() {
        let glossary = Matcher::new(vec![
            TermPattern::new(0, "생각 사슬", None),
            TermPattern::new(0, "chain-of-thought", None),
            TermPattern::new(0, "CoT", None),
            TermPattern::new(1, "AGI", None),
            TermPattern::new(1, "범용인공지능", None),
        ]);
        let text = "'생각 사슬'(chain-of-thought) 기법, CoT는 AGI(Artificial General \
                    Intelligence·범용인공지능)";
        assert_eq!(
            found(&glossary, text),
            [
                (0, "생각 사슬"),
                (0, "chain-of-thought"),
                (0, "CoT"),
                (1, "AGI"),
                (1, "범용인공지능"),
            ]
        );
    }

    #[test]
    fn acronyms_are_case_sensitive_by_default() {
        let glossary = seed_glossary();
        assert_eq!(found(&glossary, "agi Agi aGI api.example.com ms"), []);
        assert_eq!(found(&glossary, "AGI"), [(1, "AGI")]);
        // An explicit setting overrides the default.
        let loose = Matcher::new(vec![TermPattern::new(1, "AGI", Some(false))]);
        assert_eq!(found(&loose, "agi Agi"), [(1, "agi"), (1, "Agi")]);
    }

    #[test]
    fn other_latin_terms_ignore_case_unless_told() {
        let glossary = matcher(&[(0, "chain-of-thought"), (1, "OpenAI")]);
        assert_eq!(
            found(&glossary, "Chain-of-Thought, CHAIN-OF-THOUGHT, openai"),
            [(0, "Chain-of-Thought"), (0, "CHAIN-OF-THOUGHT"), (1, "openai"),]
        );
        let strict = Matcher::new(vec![TermPattern::new(0, "chain-of-thought", Some(true))]);
        assert_eq!(found(&strict, "Chain-of-Thought chain-of-thought"), [(0, "chain-of-thought")]);
    }

    #[test]
    fn default_case_rule() {
        for acronym in ["AGI", "API", "MAI", "MS", "NASA", "ABCDE"] {
            assert!(default_case_sensitive(acronym), "{acronym}");
        }
        for other in
            ["A", "ABCDEF", "Ai", "GPT-5", "GPT4", "chain-of-thought", "생각 사슬", "AI 모델"]
        {
            assert!(!default_case_sensitive(other), "{other}");
        }
    }

    #[test]
    fn exact_spelling_wins_over_case_insensitive_one() {
        let glossary = Matcher::new(vec![
            TermPattern::new(0, "agi", Some(false)),
            TermPattern::new(1, "AGI", Some(true)),
        ]);
        assert_eq!(found(&glossary, "AGI agi Agi"), [(1, "AGI"), (0, "agi"), (0, "Agi")]);
    }

    #[test]
    fn duplicate_spellings_first_wins() {
        let glossary = matcher(&[(0, "AGI"), (1, "AGI"), (2, " AGI ")]);
        assert_eq!(found(&glossary, "AGI"), [(0, "AGI")]);
    }

    #[test]
    fn hangul_term_not_matched_inside_longer_word() {
        let glossary = matcher(&[(0, "사슬")]);
        assert_eq!(found(&glossary, "쇠사슬"), []);
        assert_eq!(found(&glossary, "쇠사슬과 사슬을"), [(0, "사슬")]);
        assert_eq!(found(&glossary, "생각 사슬"), [(0, "사슬")]);
        assert_eq!(found(&glossary, "'사슬'(chain)"), [(0, "사슬")]);
        // A jamo before it also counts as part of the word.
        assert_eq!(found(&glossary, "ㅋ사슬"), []);
    }

    #[test]
    fn spaces_in_terms_match_one_space() {
        let glossary = matcher(&[(0, "  생각 \t 사슬 ")]);
        assert_eq!(found(&glossary, "생각 사슬"), [(0, "생각 사슬")]);
        assert_eq!(found(&glossary, "생각  사슬 생각\n사슬 생각사슬"), []);
    }

    #[test]
    fn empty_inputs() {
        let empty = Matcher::new(Vec::new());
        assert!(empty.is_empty());
        assert_eq!(empty.find_all("AGI"), []);
        let blank = matcher(&[(0, ""), (1, "  \n")]);
        assert!(blank.is_empty());
        let glossary = seed_glossary();
        assert!(!glossary.is_empty());
        assert_eq!(glossary.find_all(""), []);
    }

    #[test]
    fn emoji_and_combining_characters() {
        let glossary = matcher(&[(0, "AGI"), (1, "생각 사슬"), (2, "é")]);
        let text =
            "🤖AGI👍 e\u{301}AGI AGI\u{301} AGI\u{200D}🤖 👩‍👩‍👧생각 사슬🙂 \u{1100}\u{1161} é\u{301}";
        let matches = glossary.find_all(text);
        for m in &matches {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end), "{m:?}");
        }
        let words: Vec<_> = matches.iter().map(|m| (m.term_id, &text[m.start..m.end])).collect();
        // "AGI" followed by a combining mark or a joiner is not the word "AGI".
        assert_eq!(words, [(0, "AGI"), (0, "AGI"), (1, "생각 사슬")]);
        // Every prefix of the text (cut on a character boundary) is searched without panic.
        for (i, _) in text.char_indices() {
            let _ = glossary.find_all(&text[..i]);
            let _ = glossary.find_all(&text[i..]);
        }
    }

    #[test]
    fn whole_seed_article() {
        let matches = seed_glossary().find_all(SEED);
        for pair in matches.windows(2) {
            assert!(pair[0].end <= pair[1].start);
        }
        let count = |id| matches.iter().filter(|m| m.term_id == id).count();
        assert!(count(0) >= 2, "생각 사슬");
        assert_eq!(count(1), SEED.matches("AGI").count());
        assert_eq!(count(2), SEED.matches("API").count());
        assert!(count(3) >= 3, "MAI");
    }

    /// The rules of the module documentation applied naively, as a reference: every pattern
    /// tried at every character boundary, the longest passing one taken.
    fn naive_find_all(patterns: &[TermPattern], text: &str) -> Vec<TermMatch> {
        // Of patterns with the same spelling the first wins, whatever their case rule.
        let mut seen = std::collections::HashSet::new();
        let patterns: Vec<(usize, String, bool)> = patterns
            .iter()
            .map(|p| (p.term_id, normalize_pattern(&p.text), p.case_sensitive))
            .filter(|p| !p.1.is_empty() && seen.insert(p.1.clone()))
            .collect();
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let mut found = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let mut best: Option<TermMatch> = None;
            for (_, pattern, _) in &patterns {
                let end = at + pattern.len();
                let Some(slice) = text.get(at..end) else { continue };
                if !slice.eq_ignore_ascii_case(pattern) || best.is_some_and(|b| b.end >= end) {
                    continue;
                }
                let (first, last) = (slice.chars().next().unwrap(), slice.chars().last().unwrap());
                let before = text[..at].chars().last();
                let after = text[end..].chars().next();
                if (first.is_ascii_alphanumeric() && before.is_some_and(word))
                    || (last.is_ascii_alphanumeric() && after.is_some_and(word))
                    || (is_hangul(first) && before.is_some_and(is_hangul))
                    || after.is_some_and(|c| is_combining_mark(c) || c == '\u{200D}')
                {
                    continue;
                }
                let owner = patterns
                    .iter()
                    .find(|p| p.1 == slice)
                    .or_else(|| patterns.iter().find(|p| !p.2 && p.1.eq_ignore_ascii_case(slice)));
                if let Some(owner) = owner {
                    best = Some(TermMatch { term_id: owner.0, start: at, end });
                }
            }
            match best {
                Some(m) => {
                    found.push(m);
                    at = m.end;
                }
                None => at += text[at..].chars().next().unwrap().len_utf8(),
            }
        }
        found
    }

    /// A small xorshift generator: `next(n)` is in `0..n`.
    fn rng(seed: u64) -> impl FnMut(usize) -> usize {
        let mut state = seed;
        move |n| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        }
    }

    #[test]
    fn agrees_with_naive_reference_on_random_texts() {
        // Small alphabets, so that terms overlap, nest and touch each other often.
        const PIECES: &[&str] = &[
            "사", "슬", "쇠", "생각", " ", " ", "-", "'", "(", "_", "A", "a", "G", "g", "I", "i",
            "5", "는", "을", "ㅋ", "\u{301}", "\u{200D}", "🤖", "é", "\n", "AI", "모델",
        ];
        const TERMS: &[&str] = &[
            "사슬",
            "생각 사슬",
            "쇠사슬",
            "AGI",
            "agi",
            "AI",
            "AI 모델",
            "AI모",
            "GI",
            "A",
            "a-5",
            "I5",
            "_A",
            "'사",
            "생각",
            "사",
            "ㅋ사",
            "é",
            "모델을",
            "G-",
        ];
        let mut next = rng(0x1234_5678_9ABC_DEF1);
        for _ in 0..300 {
            let patterns: Vec<TermPattern> = (0..1 + next(8))
                .map(|_| {
                    let case = [None, Some(true), Some(false)][next(3)];
                    TermPattern::new(next(5), TERMS[next(TERMS.len())], case)
                })
                .collect();
            let matcher = Matcher::new(patterns.clone());
            for _ in 0..30 {
                let text: String = (0..next(24)).map(|_| PIECES[next(PIECES.len())]).collect();
                assert_eq!(
                    matcher.find_all(&text),
                    naive_find_all(&patterns, &text),
                    "{patterns:?} in {text:?}"
                );
            }
        }
    }

    /// A deterministic generator of glossary-like terms: Hangul words, acronyms, Latin words.
    fn generated_terms(count: usize) -> Vec<String> {
        const SYLLABLES: &[char] = &[
            '가', '나', '다', '라', '마', '바', '사', '아', '자', '차', '카', '타', '파', '하',
            '강', '경', '공', '국', '기', '대', '동', '리', '명', '무', '문', '민', '산', '선',
            '성', '수',
        ];
        let mut next = rng(0x9E37_79B9_7F4A_7C15);
        let mut seen = std::collections::HashSet::new();
        let mut terms = Vec::new();
        while terms.len() < count {
            let term: String = match next(3) {
                0 => (0..3 + next(2)).map(|_| SYLLABLES[next(SYLLABLES.len())]).collect(),
                1 => (0..4 + next(2)).map(|_| (b'A' + next(26) as u8) as char).collect(),
                _ => (0..6 + next(5)).map(|_| (b'a' + next(26) as u8) as char).collect(),
            };
            if seen.insert(term.to_ascii_lowercase()) {
                terms.push(term);
            }
        }
        terms
    }

    #[test]
    fn five_thousand_terms_find_the_same_matches() {
        let mut patterns: Vec<TermPattern> = ["생각 사슬", "AGI", "API", "MAI", "MS"]
            .iter()
            .enumerate()
            .map(|(id, text)| TermPattern::new(id, *text, None))
            .collect();
        let extra = generated_terms(5_000);
        patterns.extend(extra.iter().enumerate().map(|(i, t)| TermPattern::new(100 + i, t, None)));
        let big = Matcher::new(patterns);
        let small = seed_glossary();
        for text in [
            "최근엔 'o 시리즈'처럼 '생각 사슬'(chain-of-thought) 기법을",
            "'AGI 달성 시 MS의 기술 접근권 제한' 조항",
            "MS는 연내 MAI 모델을 API 형태로 공개할",
        ] {
            assert_eq!(found(&big, text), found(&small, text), "{text}");
        }
        // A generated term is found too, with its own id.
        let term = &extra[4_321];
        let text = format!("앞 {term}은 뒤");
        assert_eq!(found(&big, &text), [(4_421, term.as_str())]);
    }
}
