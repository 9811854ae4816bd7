//! Contextual escaping: a character is escaped only where Markdown would misread it (the rules
//! are in the module doc of [`super`]), so Korean prose stays readable. Code spans, image markup
//! and link destinations, which escape by rules of their own, are written here too.

use super::blocks::longest_run;
use super::flanking::is_punctuation;
use super::inline::{Mode, Piece, SOME_DELIMITER};
use super::tree::{Image, SpanKind};

/// The first character a piece puts into the Markdown (for deciding what to escape).
fn first_char(piece: &Piece, spans: &[SpanKind]) -> Option<char> {
    match piece {
        Piece::Text(text, _) | Piece::Markup(text) => text.chars().next(),
        Piece::Code(_) => Some('`'),
        Piece::Break => None,
        Piece::Open(i) => {
            Some(if matches!(spans[*i], SpanKind::Link(_)) { '[' } else { SOME_DELIMITER })
        }
        Piece::Close(i) => {
            Some(if matches!(spans[*i], SpanKind::Link(_)) { ']' } else { SOME_DELIMITER })
        }
    }
}

/// Escapes every text piece, knowing what comes before and after it.
pub(super) fn escape_pieces(
    pieces: Vec<Piece>,
    spans: &[SpanKind],
    mode: Mode,
    tilde: bool,
) -> Vec<Piece> {
    let nexts: Vec<Option<char>> =
        (0..pieces.len()).map(|i| pieces.get(i + 1).and_then(|p| first_char(p, spans))).collect();
    let mut out = Vec::with_capacity(pieces.len());
    let mut previous: Option<char> = None;
    let mut line_start = mode == Mode::Paragraph;
    for (piece, next) in pieces.into_iter().zip(nexts) {
        let piece = match piece {
            Piece::Text(text, in_link) => {
                let context = EscapeContext { previous, next, line_start, in_link, tilde };
                Piece::Markup(escape_text(&text, &context))
            }
            Piece::Code(code) => Piece::Markup(code_span(&code, mode == Mode::Table)),
            other => other,
        };
        previous = match &piece {
            Piece::Markup(text) => text.chars().last().or(previous),
            Piece::Break => Some('\n'),
            Piece::Open(i) if matches!(spans[*i], SpanKind::Link(_)) => Some('['),
            Piece::Close(i) if matches!(spans[*i], SpanKind::Link(_)) => Some(')'),
            _ => Some(SOME_DELIMITER),
        };
        line_start = matches!(piece, Piece::Break);
        out.push(piece);
    }
    out
}

struct EscapeContext {
    /// The character before the text (`None` at the start of the line).
    previous: Option<char>,
    /// The character after it (`None` at the end of the line or before a break).
    next: Option<char>,
    /// Whether the text starts a line, where block syntax could start.
    line_start: bool,
    /// Inside link text or image alt text, where brackets must balance.
    in_link: bool,
    /// Whether `~` needs escaping.
    tilde: bool,
}

/// Escapes what Markdown would misread, and nothing else.
fn escape_text(text: &str, context: &EscapeContext) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let previous = if i == 0 { context.previous } else { Some(chars[i - 1]) };
        let next =
            chars.get(i + 1).copied().or(if i + 1 == chars.len() { context.next } else { None });
        let rest = &chars[i + 1..];
        let line_start = i == 0 && context.line_start;
        let escape = match c {
            '\\' | '`' | '*' | '|' => true,
            '_' => !(is_word_char(previous) && is_word_char(next)),
            '~' => context.tilde,
            // `[[` is a glossary link in gloss's Markdown (`[[Seoul]]` names a term): every `[`
            // before another is escaped, so page text never names one (see: #18).
            '[' => {
                context.in_link
                    || matches!(next, Some('^' | '['))
                    || (line_start && matches!(rest, [' ' | 'x' | 'X', ']', ..]))
            }
            ']' => context.in_link || matches!(next, Some('(' | '[' | ':')),
            '!' => next == Some('['),
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => starts_entity(rest),
            '>' => line_start,
            '#' => {
                let run = 1 + rest.iter().take_while(|&&r| r == '#').count();
                line_start && run <= 6 && rest.get(run - 1).is_none_or(|r| r.is_whitespace())
            }
            '-' | '=' => line_start && next.is_none_or(|n| n.is_whitespace() || n == c),
            '+' => line_start && next.is_none_or(char::is_whitespace),
            '.' | ')' => {
                // `1.` / `1)` starting a line would start an ordered list.
                context.line_start
                    && (1..=9).contains(&i)
                    && chars[..i].iter().all(char::is_ascii_digit)
                    && next.is_none_or(char::is_whitespace)
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Letters, digits and other non-space, non-punctuation characters (Hangul included).
fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| !c.is_whitespace() && !is_punctuation(c))
}

/// Whether `&` followed by these characters is an entity or numeric character reference.
fn starts_entity(rest: &[char]) -> bool {
    let Some(end) = rest.iter().take(34).position(|&c| c == ';') else { return false };
    let body = &rest[..end];
    match body {
        ['#', 'x' | 'X', hex @ ..] => {
            (1..=6).contains(&hex.len()) && hex.iter().all(char::is_ascii_hexdigit)
        }
        ['#', digits @ ..] => {
            (1..=7).contains(&digits.len()) && digits.iter().all(char::is_ascii_digit)
        }
        [first, ..] => first.is_ascii_alphabetic() && body.iter().all(char::is_ascii_alphanumeric),
        [] => false,
    }
}

/// `` `code` `` with a fence longer than any backtick run inside.
pub(super) fn code_span(code: &str, table: bool) -> String {
    let fence = "`".repeat(longest_run(code, '`') + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') { " " } else { "" };
    let code = if table { code.replace('|', "\\|") } else { code.to_owned() };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// `![alt](src "title")`.
pub(super) fn image_markup(image: &Image, mode: Mode) -> String {
    let table = mode == Mode::Table;
    let context = EscapeContext {
        previous: None,
        next: None,
        line_start: false,
        in_link: true,
        tilde: image.alt.matches('~').count() > 1,
    };
    let mut out = String::from("![");
    out.push_str(&escape_text(&image.alt, &context));
    out.push_str("](");
    push_destination(&mut out, &image.src, table);
    if !image.title.is_empty() {
        out.push_str(" \"");
        let chars: Vec<char> = image.title.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            match c {
                '"' | '\\' => out.push('\\'),
                '&' if starts_entity(&chars[i + 1..]) => out.push('\\'),
                '|' if table => out.push('\\'),
                _ => {}
            }
            out.push(c);
        }
        out.push('"');
    }
    out.push(')');
    out
}

/// A link destination: bare when it can be, in `<…>` when it has spaces or brackets.
pub(super) fn push_destination(out: &mut String, url: &str, table: bool) {
    let angle =
        url.is_empty() || url.chars().any(|c| c == ' ' || c == '<' || c == '>' || c.is_control());
    let mut depth: i64 = 0;
    let balanced = url.chars().all(|c| {
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        depth >= 0
    }) && depth == 0;
    let chars: Vec<char> = url.chars().filter(|c| !c.is_control()).collect();
    if angle {
        out.push('<');
    }
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' => true,
            '<' | '>' => angle,
            '(' | ')' => !angle && !balanced,
            '&' => starts_entity(&chars[i + 1..]),
            '|' => table,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    if angle {
        out.push('>');
    }
}
