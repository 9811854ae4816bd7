//! Emphasis delimiters that CommonMark reads back as written. Each span tries `*`, then `_` (`~~`
//! for strikethrough), and falls back to inline HTML: its opening run must be able to open and
//! its closing run to close under the flanking rules as pulldown-cmark implements them, and no
//! run may touch a neighbouring one of the same character. So `**마크다운(Markdown)**을`, which is
//! not bold, is written `<strong>마크다운(Markdown)</strong>을`.

use std::sync::OnceLock;

use regex::Regex;

use super::inline::{Piece, SOME_DELIMITER};
use super::tree::SpanKind;
use crate::import::text::built_in_regex;

/// How an emphasis span is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Delim {
    Star,
    Underscore,
    Tilde,
    Html,
}

/// CommonMark's Unicode punctuation: general categories P and S (as pulldown-cmark uses).
pub(super) fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    static PUNCTUATION: OnceLock<Regex> = OnceLock::new();
    let mut buffer = [0; 4];
    built_in_regex(&PUNCTUATION, r"^[\p{P}\p{S}]$").is_match(c.encode_utf8(&mut buffer))
}

/// Picks each emphasis span's spelling, outermost first: `*`, then `_`, then HTML. A spelling
/// must let the opening run open and the closing run close under CommonMark's flanking rules,
/// and must not touch a neighbouring delimiter of the same character (the runs would merge).
pub(super) fn choose_delimiters(pieces: &[Piece], spans: &[SpanKind]) -> Vec<Delim> {
    let mut choices: Vec<Option<Delim>> = vec![None; spans.len()];
    let mut close_at = vec![0; spans.len()];
    for (position, piece) in pieces.iter().enumerate() {
        if let Piece::Close(i) = piece {
            close_at[*i] = position;
        }
    }
    // The spans open at the current piece, outermost first.
    let mut enclosing: Vec<usize> = Vec::new();
    for (open, piece) in pieces.iter().enumerate() {
        let i = match piece {
            Piece::Open(i) => i,
            Piece::Close(i) => {
                if enclosing.last() == Some(i) {
                    enclosing.pop();
                }
                continue;
            }
            _ => continue,
        };
        enclosing.push(*i);
        let outer = &enclosing[..enclosing.len() - 1];
        let candidates: &[Delim] = match spans[*i] {
            SpanKind::Link(_) => continue,
            SpanKind::Strike => &[Delim::Tilde, Delim::Html],
            SpanKind::Strong | SpanKind::Emph => &[Delim::Star, Delim::Underscore, Delim::Html],
        };
        let close = close_at[*i];
        let chosen = candidates.iter().copied().find(|&delim| {
            let Some(c) = delim_char(delim) else { return true };
            let length = span_text(&spans[*i], delim, true).len();
            let before =
                |at: usize| at.checked_sub(1).map(|j| last_char_of(&pieces[j], spans, &choices));
            let after = |at: usize| pieces.get(at + 1).map(|p| first_char_of(p, spans, &choices));
            // An opening run that could also close would close an enclosing span written
            // with the same character instead of opening this one.
            let steals = || {
                can_close(c, length, before(open), after(open))
                    && outer.iter().any(|&k| choices[k].and_then(delim_char) == Some(c))
            };
            can_open(c, length, before(open), after(open))
                && can_close(c, length, before(close), after(close))
                && !touches(pieces, spans, &choices, open, c)
                && !touches(pieces, spans, &choices, close, c)
                && !steals()
        });
        choices[*i] = Some(chosen.unwrap_or(Delim::Html));
    }
    choices.into_iter().map(|c| c.unwrap_or(Delim::Html)).collect()
}

fn delim_char(delim: Delim) -> Option<char> {
    match delim {
        Delim::Star => Some('*'),
        Delim::Underscore => Some('_'),
        Delim::Tilde => Some('~'),
        Delim::Html => None,
    }
}

/// Whether a neighbour of `position` is a delimiter already written with `c`, or an escaped `c`
/// just before it (pulldown-cmark lets `~~` after `\~` both open and close).
fn touches(
    pieces: &[Piece],
    spans: &[SpanKind],
    choices: &[Option<Delim>],
    position: usize,
    c: char,
) -> bool {
    let before = position.checked_sub(1).and_then(|j| pieces.get(j));
    let after = pieces.get(position + 1);
    let literal_before = matches!(before, Some(Piece::Markup(text)) if text.ends_with(c));
    literal_before
        || [before, after].into_iter().flatten().any(|piece| match piece {
            Piece::Open(k) | Piece::Close(k) => {
                !matches!(spans[*k], SpanKind::Link(_))
                    && choices[*k].and_then(delim_char) == Some(c)
            }
            _ => false,
        })
}

fn last_char_of(piece: &Piece, spans: &[SpanKind], choices: &[Option<Delim>]) -> char {
    match piece {
        Piece::Text(text, _) | Piece::Markup(text) => text.chars().last().unwrap_or(' '),
        Piece::Code(_) => '`',
        Piece::Break => '\n',
        Piece::Open(i) | Piece::Close(i) => match (&spans[*i], choices[*i]) {
            (SpanKind::Link(_), _) => {
                if matches!(piece, Piece::Open(_)) {
                    '['
                } else {
                    ')'
                }
            }
            (kind, Some(delim)) => {
                let text = span_text(kind, delim, matches!(piece, Piece::Open(_)));
                text.chars().last().unwrap_or(SOME_DELIMITER)
            }
            (_, None) => SOME_DELIMITER,
        },
    }
}

fn first_char_of(piece: &Piece, spans: &[SpanKind], choices: &[Option<Delim>]) -> char {
    match piece {
        Piece::Text(text, _) | Piece::Markup(text) => text.chars().next().unwrap_or(' '),
        Piece::Code(_) => '`',
        // A hard break is written `\` + newline.
        Piece::Break => '\\',
        Piece::Open(i) | Piece::Close(i) => match (&spans[*i], choices[*i]) {
            (SpanKind::Link(_), _) => {
                if matches!(piece, Piece::Open(_)) {
                    '['
                } else {
                    ']'
                }
            }
            (kind, Some(delim)) => {
                let text = span_text(kind, delim, matches!(piece, Piece::Open(_)));
                text.chars().next().unwrap_or(SOME_DELIMITER)
            }
            (_, None) => SOME_DELIMITER,
        },
    }
}

/// pulldown-cmark's test for an opening delimiter run (CommonMark's left-flanking rule, with
/// `_` not opening inside words, and `~~` opening before anything but whitespace). `None` is
/// the start or end of the line.
fn can_open(delim: char, length: usize, before: Option<char>, after: Option<char>) -> bool {
    let Some(after) = after else { return false };
    if after.is_whitespace() {
        return false;
    }
    let Some(before) = before else { return true };
    if delim == '*' && !is_punctuation(after) {
        return true;
    }
    if delim == '~' && length > 1 {
        return true;
    }
    before.is_whitespace() || is_punctuation(before)
}

/// pulldown-cmark's test for a closing delimiter run (right-flanking).
fn can_close(delim: char, length: usize, before: Option<char>, after: Option<char>) -> bool {
    let Some(before) = before else { return false };
    if before.is_whitespace() {
        return false;
    }
    let Some(after) = after else { return true };
    if (delim == '*' || (delim == '~' && length > 1)) && !is_punctuation(before) {
        return true;
    }
    after.is_whitespace() || is_punctuation(after)
}

pub(super) fn span_text(kind: &SpanKind, delim: Delim, open: bool) -> &'static str {
    match (kind, delim, open) {
        (SpanKind::Link(_), _, true) => "[",
        (SpanKind::Link(_), _, false) => "]",
        (SpanKind::Strong, Delim::Star, _) => "**",
        (SpanKind::Strong, Delim::Underscore, _) => "__",
        (SpanKind::Strong, _, true) => "<strong>",
        (SpanKind::Strong, _, false) => "</strong>",
        (SpanKind::Emph, Delim::Star, _) => "*",
        (SpanKind::Emph, Delim::Underscore, _) => "_",
        (SpanKind::Emph, _, true) => "<em>",
        (SpanKind::Emph, _, false) => "</em>",
        (SpanKind::Strike, Delim::Tilde, _) => "~~",
        (SpanKind::Strike, _, true) => "<del>",
        (SpanKind::Strike, _, false) => "</del>",
    }
}
