//! The text of an event: the block's sentences (never cut inside quotes, after an abbreviation or
//! inside a number), and for a sentence longer than [`super::MAX_TEXT_CHARS`] the clauses
//! around the date that fit, found in time that does not grow with the sentence.

use std::ops::Range;

use super::MAX_TEXT_CHARS;
use crate::import::text::{collapse_spaces, is_hangul};

/// The sentences of a block, as trimmed byte ranges. A sentence ends at `.`, `?` or `!` before a
/// space, at `다.`, and at a line break; never inside quotes (`"… 아니다. … 있었다"고 말했다` is
/// one sentence), nor after an abbreviation (`Jan. 21`) or inside a number (`2025. 1. 22`).
pub(super) fn sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let straight_quotes = text.matches('"').count().is_multiple_of(2);
    let curly_quotes = text.matches('“').count() == text.matches('”').count();
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut curly_depth = 0usize;
    let mut straight_open = false;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, c)| c);
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let quoted = curly_depth > 0 || straight_open;
        let after_closing_quote = |prev: Option<char>| {
            matches!(prev, Some('.' | '?' | '!')) && next.is_none_or(char::is_whitespace)
        };
        let ends = match c {
            '\n' => {
                curly_depth = 0;
                straight_open = false;
                true
            }
            '“' if curly_quotes => {
                curly_depth += 1;
                false
            }
            '”' if curly_quotes => {
                curly_depth = curly_depth.saturating_sub(1);
                curly_depth == 0 && !straight_open && after_closing_quote(prev)
            }
            '"' if straight_quotes => {
                straight_open = !straight_open;
                !straight_open && curly_depth == 0 && after_closing_quote(prev)
            }
            '.' if !quoted => period_ends_sentence(text, &chars, i),
            '?' | '!' if !quoted => next.is_none_or(char::is_whitespace),
            _ => false,
        };
        if ends {
            let end = at + c.len_utf8();
            push_trimmed(text, start..end, &mut ranges);
            start = end;
        }
    }
    push_trimmed(text, start..text.len(), &mut ranges);
    ranges
}

fn push_trimmed(text: &str, range: Range<usize>, ranges: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        ranges.push(range.start + lead..range.end - trail);
    }
}

/// Whether the period at `chars[i]` ends a sentence.
fn period_ends_sentence(text: &str, chars: &[(usize, char)], i: usize) -> bool {
    const ABBREVIATIONS: [&str; 30] = [
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mr",
        "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "vs", "No", "Gov", "Sen",
        "Rep", "Gen", "Prof",
    ];
    let prev = i.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, c)| c);
    let next = chars.get(i + 1).map(|&(_, c)| c);
    if prev == Some('다') {
        return true;
    }
    if !next.is_none_or(char::is_whitespace) {
        return false; // 2025.01.22, news1.kr, U.S.
    }
    let at = chars.get(i).map_or(0, |&(at, _)| at);
    let before = &text[..at];
    let after = text[at + 1..].trim_start();
    if before.ends_with(|c: char| c.is_ascii_digit())
        && after.starts_with(|c: char| c.is_ascii_digit())
    {
        return false; // 2025. 1. 22
    }
    let word: String = {
        let mut letters: Vec<char> =
            before.chars().rev().take_while(|c| c.is_ascii_alphabetic()).collect();
        letters.reverse();
        letters.into_iter().collect()
    };
    let initial = word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase());
    !(initial || ABBREVIATIONS.contains(&word.as_str()))
}

/// The event's text: its sentence, or for a sentence longer than [`MAX_TEXT_CHARS`] the clauses
/// (cut after `,`, `며`, `고`) around the date that fit.
pub(super) fn event_text(text: &str, sentence: Range<usize>, span: &Range<usize>) -> String {
    let slice = &text[sentence.clone()];
    if slice.chars().count() <= MAX_TEXT_CHARS {
        return collapse_spaces(slice);
    }
    // Clause boundaries, relative to the sentence: after `, ` and after `며 `/`고 ` ending a word.
    let mut cuts = vec![0];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next_is_space = chars.get(i + 1).is_some_and(|&(_, n)| n.is_whitespace());
        let prev_hangul =
            i.checked_sub(1).and_then(|p| chars.get(p)).is_some_and(|&(_, p)| is_hangul(p));
        if next_is_space && (c == ',' || ((c == '며' || c == '고') && prev_hangul)) {
            cuts.push(at + c.len_utf8());
        }
    }
    cuts.push(slice.len());
    cuts.dedup();
    let pieces: Vec<Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).collect();
    let start = span.start.saturating_sub(sentence.start);
    let end = span.end.saturating_sub(sentence.start).max(start + 1);
    let first = pieces.iter().position(|p| p.contains(&start)).unwrap_or(0);
    let last = pieces.iter().rposition(|p| p.start < end).unwrap_or(first).max(first);
    let width = |a: usize, b: usize| slice[pieces[a].start..pieces[b].end].chars().count();
    let (mut a, mut b) = (first, last);
    if width(a, b) > MAX_TEXT_CHARS {
        return hard_cut(slice, start);
    }
    while a > 0 && width(a - 1, b) <= MAX_TEXT_CHARS {
        a -= 1;
    }
    while b + 1 < pieces.len() && width(a, b + 1) <= MAX_TEXT_CHARS {
        b += 1;
    }
    let clause = slice[pieces[a].start..pieces[b].end].trim().trim_end_matches(',').trim_end();
    collapse_spaces(clause)
}

/// The part of `sentence` within [`MAX_TEXT_CHARS`] + 1 characters of the date. Nothing further
/// can be in the event's text, so [`event_text`] gives the same text for it as for the whole
/// sentence, in time that does not grow with the sentence: one paragraph of thousands of dates
/// would otherwise cost the square of its length (see: #18).
pub(super) fn window(text: &str, sentence: &Range<usize>, span: &Range<usize>) -> Range<usize> {
    let reach = MAX_TEXT_CHARS + 1;
    let start = text
        .get(sentence.start..span.start)
        .and_then(|before| before.char_indices().rev().nth(reach - 1))
        .map_or(sentence.start, |(at, _)| sentence.start + at);
    let end = text
        .get(span.end..sentence.end)
        .and_then(|after| after.char_indices().nth(reach))
        .map_or(sentence.end, |(at, _)| span.end + at);
    start..end
}

/// [`MAX_TEXT_CHARS`] characters around the date, for a clause too long to keep whole.
fn hard_cut(slice: &str, date_at: usize) -> String {
    let before = slice[..date_at].chars().count();
    let skip = before.saturating_sub(MAX_TEXT_CHARS / 4);
    let cut: String = slice.chars().skip(skip).take(MAX_TEXT_CHARS).collect();
    collapse_spaces(cut.trim())
}
