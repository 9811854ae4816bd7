//! The intermediate tree between the DOM and the Markdown: blocks and inlines, whitespace
//! already collapsed, nothing hidden left in it. Reading builds it ([`super::reader`]), writing
//! walks it ([`super::blocks`], [`super::inline`]). Kept apart so the writer sees a whole line
//! before it chooses escapes and emphasis delimiters. [`Flow`] collects the blocks while reading
//! and ends a paragraph at each block and at `<br><br>`.

use super::dom::collapse_html_whitespace;

/// Content inside a paragraph, heading or table cell.
#[derive(Debug, Clone)]
pub(super) enum Inline {
    /// Text with whitespace runs already collapsed to one space; not yet escaped.
    Text(String),
    /// `<br>`.
    Break,
    /// Inline code, whitespace collapsed and trimmed.
    Code(String),
    Image(Image),
    Span(SpanKind, Vec<Inline>),
}

/// What an inline span adds to its content.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum SpanKind {
    Strong,
    Emph,
    Strike,
    /// A link with its (absolute where possible) destination.
    Link(String),
}

/// An image: its (absolute) URL, alt text and title (a figure's caption).
#[derive(Debug, Clone)]
pub(super) struct Image {
    pub(super) src: String,
    pub(super) alt: String,
    pub(super) title: String,
}

/// A block of the article, in the forms Markdown has.
#[derive(Debug)]
pub(super) enum Block {
    Paragraph(Vec<Inline>),
    Heading(usize, Vec<Inline>),
    List { ordered: bool, start: u64, items: Vec<Vec<Block>> },
    Quote(Vec<Block>),
    Code { info: String, text: String },
    Rule,
    Table { aligns: Vec<Align>, rows: Vec<Vec<Vec<Inline>>> },
}

/// A table column's alignment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Align {
    None,
    Left,
    Center,
    Right,
}

/// Blocks being collected, plus the inline content of the paragraph in progress.
#[derive(Default)]
pub(super) struct Flow {
    pub(super) blocks: Vec<Block>,
    pub(super) line: Vec<Inline>,
    /// With `capture_head`, the first flush stores the pending inline content here instead of
    /// making a paragraph: an inline element (`<b>`, `<a>`) that turns out to hold blocks gives
    /// its leading text back to the paragraph around it.
    pub(super) capture_head: bool,
    pub(super) head: Option<Vec<Inline>>,
    /// A table cell: its inline content stays one paragraph (breaks and images included), so
    /// that a simple grid stays a grid.
    pub(super) cell: bool,
}

impl Flow {
    pub(super) fn capturing() -> Self {
        Flow { capture_head: true, ..Flow::default() }
    }

    /// Ends the paragraph in progress. Two or more `<br>` in a row also end a paragraph, which is
    /// how many news sites separate them.
    pub(super) fn flush(&mut self) {
        let line = std::mem::take(&mut self.line);
        if self.capture_head && self.head.is_none() {
            self.head = Some(line);
            return;
        }
        if self.cell {
            if has_content(&line) {
                self.blocks.push(Block::Paragraph(line));
            }
            return;
        }
        for paragraph in split_paragraphs(line) {
            if !has_content(&paragraph) {
                continue;
            }
            if is_image_row(&paragraph) {
                // Images side by side in one paragraph: each becomes its own figure.
                for inline in paragraph {
                    if let Inline::Image(image) = inline {
                        self.blocks.push(Block::Paragraph(vec![Inline::Image(image)]));
                    }
                }
            } else {
                self.blocks.push(Block::Paragraph(paragraph));
            }
        }
    }
}

/// Splits at top-level runs of two or more breaks (whitespace between them allowed).
fn split_paragraphs(line: Vec<Inline>) -> Vec<Vec<Inline>> {
    let mut paragraphs = Vec::new();
    let mut current = Vec::new();
    let mut pending = Vec::new();
    let mut breaks = 0;
    for inline in line {
        match inline {
            Inline::Break => {
                pending.push(inline);
                breaks += 1;
            }
            Inline::Text(ref t) if breaks > 0 && t.trim().is_empty() => pending.push(inline),
            other => {
                if breaks >= 2 {
                    paragraphs.push(std::mem::take(&mut current));
                } else {
                    current.append(&mut pending);
                }
                pending.clear();
                breaks = 0;
                current.push(other);
            }
        }
    }
    current.append(&mut pending);
    paragraphs.push(current);
    paragraphs
}

/// Whether the inlines show anything: text, code or an image.
pub(super) fn has_content(inlines: &[Inline]) -> bool {
    inlines.iter().any(|inline| match inline {
        Inline::Text(t) => t.chars().any(|c| !c.is_whitespace()),
        Inline::Code(c) => !c.is_empty(),
        Inline::Image(_) => true,
        Inline::Break => false,
        Inline::Span(_, children) => has_content(children),
    })
}

/// Two or more images and nothing else but whitespace and breaks.
fn is_image_row(inlines: &[Inline]) -> bool {
    let mut images = 0;
    for inline in inlines {
        match inline {
            Inline::Image(_) => images += 1,
            Inline::Break => {}
            Inline::Text(t) if t.trim().is_empty() => {}
            _ => return false,
        }
    }
    images >= 2
}

/// Flattens blocks into one line of inlines (for headings and table cells), breaks as spaces.
pub(super) fn blocks_to_inlines(blocks: Vec<Block>, out: &mut Vec<Inline>) {
    for block in blocks {
        if !out.is_empty() {
            out.push(Inline::Text(" ".to_owned()));
        }
        match block {
            Block::Paragraph(inlines) | Block::Heading(_, inlines) => {
                out.extend(inlines.into_iter().map(breaks_to_spaces));
            }
            Block::List { items, .. } => {
                for item in items {
                    blocks_to_inlines(item, out);
                }
            }
            Block::Quote(blocks) => blocks_to_inlines(blocks, out),
            Block::Code { text, .. } => push_code(out, &text),
            Block::Rule => {}
            Block::Table { rows, .. } => {
                for cell in rows.into_iter().flatten() {
                    out.push(Inline::Text(" ".to_owned()));
                    out.extend(cell);
                }
            }
        }
    }
}

fn breaks_to_spaces(inline: Inline) -> Inline {
    match inline {
        Inline::Break => Inline::Text(" ".to_owned()),
        Inline::Span(kind, children) => {
            Inline::Span(kind, children.into_iter().map(breaks_to_spaces).collect())
        }
        other => other,
    }
}

/// Inline code; spaces at its edges stay outside the code span.
pub(super) fn push_code(out: &mut Vec<Inline>, text: &str) {
    let code = collapse_html_whitespace(text);
    if code.starts_with(' ') {
        out.push(Inline::Text(" ".to_owned()));
    }
    let trimmed = code.trim();
    if !trimmed.is_empty() {
        out.push(Inline::Code(trimmed.to_owned()));
    }
    if code.ends_with(' ') && code.len() > 1 {
        out.push(Inline::Text(" ".to_owned()));
    }
}
