//! Markdown as plain text, read with gloss's own dialect: the text a reader sees, without
//! markup, link targets or images. One walker serves `gloss import --text` (blocks) and
//! tooltips (one line), so both read a body exactly as the site renders it.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The text of each block (paragraph, heading, list item, table row, code block), trimmed, in
/// order; line breaks inside a block are kept, table cells are separated by spaces.
pub fn blocks(markdown: &str) -> Vec<String> {
    let mut text = String::new();
    let mut in_image = 0usize;
    for event in Parser::new_ext(markdown, super::options()) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::End(TagEnd::TableCell) => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::CodeBlock,
            ) => text.push_str("\n\n"),
            _ => {}
        }
    }
    text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()).map(str::to_owned).collect()
}

/// The whole text on one line, runs of whitespace made one space (a tooltip's definition).
pub fn one_line(markdown: &str) -> String {
    let blocks = blocks(markdown);
    let mut line = String::new();
    for word in blocks.iter().flat_map(|b| b.split_whitespace()) {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_drop_markup_images_and_link_targets() {
        let markdown = "# 제목\n\n**굵게** [링크](https://x.org) ![사진](a.jpg \"캡션\")\n\n- 하나\n- 둘\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        assert_eq!(blocks(markdown), ["제목", "굵게 링크", "하나", "둘", "a b", "1 2"]);
    }

    #[test]
    fn one_line_joins_blocks_and_whitespace() {
        assert_eq!(
            one_line("단계별로 *사고*하는\n방식.\n\n둘째  문단."),
            "단계별로 사고하는 방식. 둘째 문단."
        );
    }
}
