//! Writing the tree, one line of inlines. Spans are flattened into pieces (text, markup, breaks,
//! span openings and closings), whitespace is moved out of the spans' edges and collapsed; then
//! each text piece is escaped knowing its neighbours ([`super::escape`]) and each emphasis span
//! gets delimiters that CommonMark reads back as written ([`super::flanking`]).

use super::escape::{code_span, escape_pieces, image_markup, push_destination};
use super::flanking::{choose_delimiters, span_text};
use super::tree::{Inline, SpanKind};

/// Where a line of inlines is written, which decides breaks and escapes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Mode {
    /// Hard breaks allowed; line starts need escaping.
    Paragraph,
    /// One line, after `# `.
    Heading,
    /// One line between pipes.
    Table,
}

/// A flattened inline line: text still to escape, finished Markdown, breaks, and the two ends
/// of spans (by index into the span list).
#[derive(Debug)]
pub(super) enum Piece {
    Text(String, bool),
    /// Inline code, not yet fenced: adjacent code spans merge (their fences would).
    Code(String),
    Markup(String),
    Break,
    Open(usize),
    Close(usize),
}

/// Stands for a delimiter whose spelling is not chosen yet; every spelling is punctuation.
pub(super) const SOME_DELIMITER: char = '*';

pub(super) fn render_inlines(inlines: &[Inline], mode: Mode) -> String {
    let mut spans = Vec::new();
    let mut pieces = Vec::new();
    flatten(inlines, Enclosing::default(), mode, &mut pieces, &mut spans);
    let pieces = normalise(pieces);
    let tilde = spans.contains(&SpanKind::Strike)
        || pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t, _) => t.matches('~').count(),
                _ => 0,
            })
            .sum::<usize>()
            > 1;
    let pieces = escape_pieces(pieces, &spans, mode, tilde);
    let choices = choose_delimiters(&pieces, &spans);
    let mut out = String::new();
    for piece in &pieces {
        match piece {
            Piece::Text(text, _) | Piece::Markup(text) => out.push_str(text),
            Piece::Code(code) => out.push_str(&code_span(code, mode == Mode::Table)),
            Piece::Break => out.push_str("\\\n"),
            Piece::Open(i) => out.push_str(span_text(&spans[*i], choices[*i], true)),
            Piece::Close(i) => {
                if let SpanKind::Link(destination) = &spans[*i] {
                    out.push_str("](");
                    push_destination(&mut out, destination, mode == Mode::Table);
                    out.push(')');
                } else {
                    out.push_str(span_text(&spans[*i], choices[*i], false));
                }
            }
        }
    }
    out
}

/// What encloses an inline while it is flattened: links do not nest in Markdown, and emphasis
/// inside emphasis of the same kind adds nothing a reader sees.
#[derive(Clone, Copy, Default)]
struct Enclosing {
    link: bool,
    strong: bool,
    emph: bool,
    strike: bool,
}

impl Enclosing {
    /// Whether a span of `kind` here would repeat one around it.
    fn repeats(self, kind: &SpanKind) -> bool {
        match kind {
            SpanKind::Link(_) => self.link,
            SpanKind::Strong => self.strong,
            SpanKind::Emph => self.emph,
            SpanKind::Strike => self.strike,
        }
    }

    fn with(self, kind: &SpanKind) -> Self {
        match kind {
            SpanKind::Link(_) => Enclosing { link: true, ..self },
            SpanKind::Strong => Enclosing { strong: true, ..self },
            SpanKind::Emph => Enclosing { emph: true, ..self },
            SpanKind::Strike => Enclosing { strike: true, ..self },
        }
    }
}

/// Flattens inlines into pieces. A span inside a span of the same kind keeps only its content:
/// the inner link keeps its text (Markdown has no links in links), and `<b>` inside `<b>` (a
/// page that leaves formatting open gets it re-opened in every paragraph, see: #18) is one
/// `**…**`.
fn flatten(
    inlines: &[Inline],
    enclosing: Enclosing,
    mode: Mode,
    pieces: &mut Vec<Piece>,
    spans: &mut Vec<SpanKind>,
) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => pieces.push(Piece::Text(text.clone(), enclosing.link)),
            Inline::Break if mode == Mode::Paragraph => pieces.push(Piece::Break),
            Inline::Break => pieces.push(Piece::Text(" ".to_owned(), enclosing.link)),
            Inline::Code(code) => pieces.push(Piece::Code(code.clone())),
            Inline::Image(image) => pieces.push(Piece::Markup(image_markup(image, mode))),
            Inline::Span(kind, children) if enclosing.repeats(kind) => {
                flatten(children, enclosing, mode, pieces, spans);
            }
            Inline::Span(kind, children) => {
                let index = spans.len();
                spans.push(kind.clone());
                pieces.push(Piece::Open(index));
                flatten(children, enclosing.with(kind), mode, pieces, spans);
                pieces.push(Piece::Close(index));
            }
        }
    }
}

/// Moves whitespace and breaks from the inside edges of spans to the outside, drops spans left
/// empty, collapses spaces across pieces and trims the line and the text around breaks.
fn normalise(pieces: Vec<Piece>) -> Vec<Piece> {
    let pieces = hoist(pieces, true);
    let mut pieces = hoist(pieces, false);
    // Collapse spaces across pieces; none at the start or after a break.
    let mut after_space = true;
    for piece in &mut pieces {
        match piece {
            Piece::Text(text, _) => {
                let mut collapsed = String::with_capacity(text.len());
                for c in text.chars() {
                    let space = c.is_whitespace();
                    if !(space && after_space) {
                        collapsed.push(if space && c == ' ' { ' ' } else { c });
                    }
                    after_space = space;
                }
                *text = collapsed;
            }
            Piece::Markup(_) | Piece::Code(_) => after_space = false,
            Piece::Break => after_space = true,
            Piece::Open(_) | Piece::Close(_) => {}
        }
    }
    // No whitespace at the end or before a break.
    let mut at_end = true;
    for piece in pieces.iter_mut().rev() {
        match piece {
            Piece::Text(text, _) => {
                if at_end {
                    let kept = text.trim_end().len();
                    text.truncate(kept);
                    at_end = text.is_empty();
                }
            }
            Piece::Markup(_) | Piece::Code(_) => at_end = false,
            Piece::Break => at_end = true,
            Piece::Open(_) | Piece::Close(_) => {}
        }
    }
    pieces.retain(|p| !matches!(p, Piece::Text(t, _) if t.is_empty()));
    // No breaks at the start or the end of the line, none doubled.
    let visible = |p: &Piece| matches!(p, Piece::Text(..) | Piece::Markup(_) | Piece::Code(_));
    let first = pieces.iter().position(visible);
    let last = pieces.iter().rposition(visible);
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for (i, piece) in pieces.into_iter().enumerate() {
        if matches!(piece, Piece::Break) {
            let inside = first.is_some_and(|f| i > f) && last.is_some_and(|l| i < l);
            if !inside {
                continue;
            }
        }
        match (out.last_mut(), piece) {
            (Some(Piece::Text(previous, a)), Piece::Text(text, b)) if *a == b => {
                previous.push_str(&text);
            }
            (Some(Piece::Code(previous)), Piece::Code(code)) => previous.push_str(&code),
            (_, piece) => out.push(piece),
        }
    }
    out
}

/// One direction of moving whitespace out of spans: `leading` moves leading whitespace and
/// breaks before the span's opening, otherwise trailing ones after its closing. Spans with
/// nothing visible left vanish. One linear pass: openings wait in `pending` until something
/// visible arrives.
fn hoist(pieces: Vec<Piece>, leading: bool) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    let mut pending: Vec<usize> = Vec::new();
    let wrap = |i| if leading { Piece::Open(i) } else { Piece::Close(i) };
    let mut input: Vec<Piece> = pieces;
    if !leading {
        input.reverse();
    }
    for piece in input {
        match (piece, leading) {
            (Piece::Open(i), true) | (Piece::Close(i), false) => pending.push(i),
            (Piece::Close(i), true) | (Piece::Open(i), false) => {
                if pending.last() == Some(&i) {
                    pending.pop();
                } else {
                    out.extend(pending.drain(..).map(wrap));
                    out.push(if leading { Piece::Close(i) } else { Piece::Open(i) });
                }
            }
            (Piece::Text(text, link), _) => {
                if pending.is_empty() {
                    out.push(Piece::Text(text, link));
                    continue;
                }
                let rest = if leading { text.trim_start() } else { text.trim_end() };
                if rest.len() < text.len() {
                    out.push(Piece::Text(" ".to_owned(), link));
                }
                if !rest.is_empty() {
                    out.extend(pending.drain(..).map(wrap));
                    out.push(Piece::Text(rest.to_owned(), link));
                }
            }
            (Piece::Break, _) => out.push(Piece::Break),
            (markup @ (Piece::Markup(_) | Piece::Code(_)), _) => {
                out.extend(pending.drain(..).map(wrap));
                out.push(markup);
            }
        }
    }
    out.extend(pending.drain(..).map(wrap));
    if !leading {
        out.reverse();
    }
    out
}
