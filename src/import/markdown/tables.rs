//! Tables → pipe tables or paragraphs. A simple grid (two rows and two columns or more, no
//! spans, at most one paragraph per cell) becomes a pipe table with its columns' alignment.
//! Layout tables and complex grids are flattened, since a pipe table cannot hold blocks: a row
//! of inline cells becomes one paragraph, cells holding blocks give their blocks.

use scraper::ElementRef;
use scraper::node::Element;

use super::MAX_DEPTH;
use super::dom::{collapse_html_whitespace, element_children, style_declarations, visible_text};
use super::reader::Converter;
use super::tree::{Align, Block, Flow, Inline, blocks_to_inlines};

impl Converter<'_> {
    pub(super) fn table(&self, element: ElementRef<'_>, depth: usize, flow: &mut Flow) {
        flow.flush();
        let mut caption = Flow::default();
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let mut spans = false;
        for child in element_children(element) {
            match child.value().name() {
                "caption" => self.flow_children(child, depth + 1, &mut caption),
                "thead" | "tbody" | "tfoot" => {
                    for tr in element_children(child).filter(|c| c.value().name() == "tr") {
                        rows.push(self.table_row(tr, depth + 2, &mut spans));
                    }
                }
                "tr" => rows.push(self.table_row(child, depth + 1, &mut spans)),
                _ => {}
            }
        }
        caption.flush();
        flow.blocks.append(&mut caption.blocks);
        rows.retain(|row| row.iter().any(|cell| !cell.blocks.is_empty()));
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let simple = !spans
            && rows.len() >= 2
            && columns >= 2
            && rows
                .iter()
                .flatten()
                .all(|c| matches!(c.blocks.as_slice(), [] | [Block::Paragraph(_)]));
        if simple {
            let mut aligns: Vec<Align> =
                rows.first().map(|row| row.iter().map(|c| c.align).collect()).unwrap_or_default();
            aligns.resize(columns, Align::None);
            let rows = rows
                .into_iter()
                .map(|row| {
                    let mut cells: Vec<Vec<Inline>> =
                        row.into_iter().map(|cell| cell_inlines(cell.blocks)).collect();
                    cells.resize_with(columns, Vec::new);
                    cells
                })
                .collect();
            flow.blocks.push(Block::Table { aligns, rows });
            return;
        }
        // Layout tables and complex grids: a row of inline cells becomes one paragraph (cells
        // separated by a space, so no text is added), cells holding blocks give their blocks.
        for row in rows {
            if row.iter().all(|c| matches!(c.blocks.as_slice(), [] | [Block::Paragraph(_)])) {
                let mut line = Vec::new();
                for cell in row {
                    let inlines = cell_inlines(cell.blocks);
                    if inlines.is_empty() {
                        continue;
                    }
                    if !line.is_empty() {
                        line.push(Inline::Text(" ".to_owned()));
                    }
                    line.extend(inlines);
                }
                flow.line = line;
                flow.flush();
            } else {
                for mut cell in row {
                    flow.blocks.append(&mut cell.blocks);
                }
            }
        }
    }

    fn table_row(&self, tr: ElementRef<'_>, depth: usize, spans: &mut bool) -> Vec<Cell> {
        let mut cells = Vec::new();
        for cell in element_children(tr) {
            let value = cell.value();
            if !matches!(value.name(), "td" | "th") {
                continue;
            }
            let span = |name| value.attr(name).and_then(|v| v.trim().parse::<u32>().ok());
            if span("colspan").is_some_and(|n| n > 1) || span("rowspan").is_some_and(|n| n > 1) {
                *spans = true;
            }
            let mut flow = Flow { cell: true, ..Flow::default() };
            if depth > MAX_DEPTH {
                flow.line.push(Inline::Text(collapse_html_whitespace(&visible_text(cell, false))));
            } else {
                self.flow_children(cell, depth + 1, &mut flow);
            }
            flow.flush();
            cells.push(Cell { blocks: flow.blocks, align: cell_align(value) });
        }
        cells
    }
}

struct Cell {
    blocks: Vec<Block>,
    align: Align,
}

fn cell_align(element: &Element) -> Align {
    let declared = element.attr("align").map(|a| a.trim().to_ascii_lowercase()).or_else(|| {
        style_declarations(element.attr("style")?)
            .find(|(property, _)| property == "text-align")
            .map(|(_, value)| value)
    });
    match declared.as_deref() {
        Some("left") => Align::Left,
        Some("center") => Align::Center,
        Some("right") => Align::Right,
        _ => Align::None,
    }
}

/// A simple cell's inlines, on one line.
fn cell_inlines(blocks: Vec<Block>) -> Vec<Inline> {
    let mut inlines = Vec::new();
    blocks_to_inlines(blocks, &mut inlines);
    inlines
}
