//! Writing the tree, blocks: joined by blank lines; lists with their markers and indentation
//! (tight or loose, and two lists in a row alternate markers so they stay two lists), quotes
//! with `>`, code with a fence longer than any backtick run inside it, headings with a trailing
//! `#` or `{…}` escaped. Each block's inline content is written by [`super::inline`].

use super::inline::{Mode, render_inlines};
use super::tree::{Align, Block, Inline};

/// Joins rendered blocks with blank lines. In a tight list item, a paragraph and the list after
/// it share no blank line. Two lists in a row alternate their markers so they stay two lists.
pub(super) fn render_blocks(blocks: &[Block], tight: bool) -> String {
    let mut out = String::new();
    let mut previous: Option<&Block> = None;
    let mut alternate = false;
    for block in blocks {
        let alternate_here = match (previous, block) {
            (Some(Block::List { ordered: a, .. }), Block::List { ordered: b, .. }) => {
                a == b && !alternate
            }
            _ => false,
        };
        let text = render_block(block, alternate_here);
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            let tight_join = tight
                && matches!(previous, Some(Block::Paragraph(_)))
                && matches!(block, Block::List { ordered, start, .. } if !*ordered || *start == 1);
            out.push_str(if tight_join { "\n" } else { "\n\n" });
        }
        out.push_str(&text);
        previous = Some(block);
        alternate = alternate_here;
    }
    out
}

fn render_block(block: &Block, alternate: bool) -> String {
    match block {
        Block::Paragraph(inlines) => render_inlines(inlines, Mode::Paragraph),
        Block::Heading(level, inlines) => render_heading(*level, inlines),
        Block::List { ordered, start, items } => render_list(*ordered, *start, items, alternate),
        Block::Quote(blocks) => render_quote(blocks),
        Block::Code { info, text } => render_code(info, text),
        Block::Rule => "---".to_owned(),
        Block::Table { aligns, rows } => render_table(aligns, rows),
    }
}

fn render_heading(level: usize, inlines: &[Inline]) -> String {
    let mut text = render_inlines(inlines, Mode::Heading);
    if text.is_empty() {
        return text;
    }
    // A trailing `#` run would be read as a closing sequence, a trailing `{…}` as heading
    // attributes.
    if text.ends_with('#') || text.ends_with('}') {
        let last = text.pop().unwrap_or('#');
        text.push('\\');
        text.push(last);
    }
    format!("{} {text}", "#".repeat(level.clamp(1, 6)))
}

fn render_quote(blocks: &[Block]) -> String {
    let inner = render_blocks(blocks, false);
    let mut out = String::with_capacity(inner.len() + 16);
    for (i, line) in inner.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push('>');
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
    }
    out
}

fn render_code(info: &str, text: &str) -> String {
    let fence = "`".repeat((longest_run(text, '`') + 1).max(3));
    format!("{fence}{info}\n{text}\n{fence}")
}

fn render_list(ordered: bool, start: u64, items: &[Vec<Block>], alternate: bool) -> String {
    let tight = items.iter().all(|item| {
        matches!(
            item.as_slice(),
            [Block::Paragraph(_)]
                | [Block::Paragraph(_), Block::List { .. }]
                | [Block::List { .. }]
        )
    });
    let mut out = String::new();
    let mut number = start;
    for item in items {
        let mut body = render_blocks(item, tight);
        if body.is_empty() {
            continue;
        }
        if matches!(item.first(), Some(Block::Rule)) {
            // `- ---` would be one thematic break, not an item holding one.
            if let Some(rest) = body.strip_prefix("---") {
                body = format!("***{rest}");
            }
        }
        let marker = match (ordered, alternate) {
            (true, false) => format!("{number}. "),
            (true, true) => format!("{number}) "),
            (false, false) => "- ".to_owned(),
            (false, true) => "+ ".to_owned(),
        };
        number = (number + 1).min(999_999_999);
        if !out.is_empty() {
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        for (i, line) in body.lines().enumerate() {
            if i == 0 {
                out.push_str(&marker);
            } else {
                out.push('\n');
                if !line.is_empty() {
                    out.extend(std::iter::repeat_n(' ', marker.len()));
                }
            }
            out.push_str(line);
        }
    }
    out
}

fn render_table(aligns: &[Align], rows: &[Vec<Vec<Inline>>]) -> String {
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row.iter().map(|c| render_inlines(c, Mode::Table)).collect();
        out.push_str("| ");
        out.push_str(&cells.join(" | "));
        out.push_str(" |\n");
        if i == 0 {
            let delimiters: Vec<&str> = aligns
                .iter()
                .map(|align| match align {
                    Align::None => "---",
                    Align::Left => ":---",
                    Align::Center => ":---:",
                    Align::Right => "---:",
                })
                .collect();
            out.push_str("| ");
            out.push_str(&delimiters.join(" | "));
            out.push_str(" |\n");
        }
    }
    out.pop();
    out
}

pub(super) fn longest_run(text: &str, target: char) -> usize {
    let (mut longest, mut current) = (0, 0);
    for c in text.chars() {
        current = if c == target { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

/// Trailing whitespace removed from every line; one final newline.
pub(super) fn finish(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 1);
    for line in body.lines() {
        out.push_str(line.trim_end_matches([' ', '\t']));
        out.push('\n');
    }
    let trimmed = out.trim_matches('\n');
    if trimmed.is_empty() { String::new() } else { format!("{trimmed}\n") }
}
