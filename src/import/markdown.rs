//! Article HTML → Markdown, for `gloss import`.
//!
//! The extractor hands over the HTML fragment of an article body. It is still scraped markup:
//! scripts, hidden layers, tracking pixels, lazy-loaded images, `javascript:` links, layout
//! tables, divs nested many levels deep. This module turns it into plain CommonMark that a person
//! can read and edit, and that renders back to the same visible text through
//! [`crate::markdown::render`].
//!
//! It works in two steps. The DOM (parsed by scraper) is first read into a small tree of blocks
//! and inlines: invisible things are dropped, whitespace is collapsed the way a browser does it,
//! and divs, spans and unknown tags dissolve into the paragraphs they hold. That tree is then
//! written out as Markdown. Why some choices are made:
//!
//! - **Emphasis next to Korean particles.** CommonMark only accepts `**` as a closer if it is
//!   "right-flanking": `**마크다운(Markdown)**을` is *not* bold, because the closing run sits
//!   between punctuation (`)`) and a letter (`을`). The same trap catches openers, and `_` is
//!   stricter still (no intraword use). So every emphasis span checks the characters just
//!   outside and inside its delimiters against the flanking rules as pulldown-cmark implements
//!   them, tries `*`, then `_`, and falls back to inline `<strong>`/`<em>`/`<del>`, which gloss's
//!   build sanitiser keeps. Adjacent delimiters never share a character, so runs cannot merge.
//! - **Original images.** News sites show resized copies through thumbnail proxies and lazy
//!   loaders; the original is in `data-org-src`, `data-src`, … or a `srcset`, or inside the
//!   proxy URL's query (`…/thumb/R658x0/?fname=https://t1.daumcdn.net/…jpg`). The archive keeps
//!   the original. Tracking pixels (1×1) and `data:`/`javascript:` images are dropped.
//! - **Absolute URLs only.** Links and images resolve against the page's own URL. A page that
//!   declares none keeps no relative URL, which could not work on the site it is imported into:
//!   a relative link keeps its text, a relative image is dropped (a figure keeps its caption as
//!   text). Links to a fragment (`#x`) keep their text too.
//! - **Figures.** A `<figure>` with one image becomes a paragraph holding only
//!   `![alt](src "caption")`, which gloss renders as `<figure>` with the caption.
//! - **Escaping** is contextual, so Korean prose stays readable: `*`, `` ` ``, `|` and `\` are
//!   always escaped; `_` only where it could delimit; `[`/`]` only where a link, footnote,
//!   definition or glossary link (`[[term]]`) could form; `#`, `>`, `-`, `+`, `=` and `1.` only at the start of a line; `~`
//!   only when a paragraph has more than one (strikethrough is on in gloss).
//! - **Robustness.** Recursion stops at [`MAX_DEPTH`] levels of nesting; anything deeper is
//!   kept as flat text, collected iteratively. Nothing here panics on any input.

use std::sync::OnceLock;

use regex::Regex;
use scraper::node::Element;
use scraper::{ElementRef, Node};
use url::Url;

use crate::markdown::is_dangerous_url;

/// Elements nested deeper than this are read as plain text instead of recursing further.
pub const MAX_DEPTH: usize = 512;

/// Converts an article's HTML fragment to CommonMark; relative links and image URLs resolve
/// against `base`. The result has no trailing whitespace, separates blocks by one blank line and
/// ends with `\n` (it is empty when the fragment shows nothing).
pub fn html_to_markdown(html: &str, base: Option<&Url>) -> String {
    let document = crate::limits::formatting::parse_fragment(html);
    let converter = Converter { base };
    let mut flow = Flow::default();
    converter.flow_children(document.root_element(), 1, &mut flow);
    flow.flush();
    finish(&render_blocks(&flow.blocks, false))
}

// ---------------------------------------------------------------------------------------------
// The intermediate tree
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Inline {
    /// Text with whitespace runs already collapsed to one space; not yet escaped.
    Text(String),
    /// `<br>`.
    Break,
    /// Inline code, whitespace collapsed and trimmed.
    Code(String),
    Image(Image),
    Span(SpanKind, Vec<Inline>),
}

#[derive(Debug, Clone, PartialEq)]
enum SpanKind {
    Strong,
    Emph,
    Strike,
    /// A link with its (absolute where possible) destination.
    Link(String),
}

#[derive(Debug, Clone)]
struct Image {
    src: String,
    alt: String,
    title: String,
}

#[derive(Debug)]
enum Block {
    Paragraph(Vec<Inline>),
    Heading(usize, Vec<Inline>),
    List { ordered: bool, start: u64, items: Vec<Vec<Block>> },
    Quote(Vec<Block>),
    Code { info: String, text: String },
    Rule,
    Table { aligns: Vec<Align>, rows: Vec<Vec<Vec<Inline>>> },
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Align {
    None,
    Left,
    Center,
    Right,
}

/// Blocks being collected, plus the inline content of the paragraph in progress.
#[derive(Default)]
struct Flow {
    blocks: Vec<Block>,
    line: Vec<Inline>,
    /// With `capture_head`, the first flush stores the pending inline content here instead of
    /// making a paragraph: an inline element (`<b>`, `<a>`) that turns out to hold blocks gives
    /// its leading text back to the paragraph around it.
    capture_head: bool,
    head: Option<Vec<Inline>>,
    /// A table cell: its inline content stays one paragraph (breaks and images included), so
    /// that a simple grid stays a grid.
    cell: bool,
}

impl Flow {
    fn capturing() -> Self {
        Flow { capture_head: true, ..Flow::default() }
    }

    /// Ends the paragraph in progress. Two or more `<br>` in a row also end a paragraph, which is
    /// how many news sites separate them.
    fn flush(&mut self) {
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
fn has_content(inlines: &[Inline]) -> bool {
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

// ---------------------------------------------------------------------------------------------
// Reading the DOM
// ---------------------------------------------------------------------------------------------

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "form", "input",
    "button", "select", "option", "optgroup", "datalist", "textarea", "svg", "canvas", "object",
    "embed", "applet", "param", "nav", "head", "title", "meta", "link", "base", "video", "audio",
    "source", "track", "map", "area",
];

/// Elements that end the paragraph before them and start a new one after them, and whose
/// children are read in place.
const CONTAINERS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "center",
    "header",
    "footer",
    "aside",
    "address",
    "hgroup",
    "details",
    "summary",
    "fieldset",
    "legend",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "li",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "body",
    "html",
    "dialog",
    "search",
];

/// Every block-level element: [`CONTAINERS`] and the ones with their own Markdown form.
fn is_block_name(name: &str) -> bool {
    CONTAINERS.contains(&name)
        || matches!(
            name,
            "h1" | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "ul"
                | "ol"
                | "menu"
                | "dir"
                | "blockquote"
                | "pre"
                | "listing"
                | "xmp"
                | "plaintext"
                | "table"
                | "figure"
                | "hr"
        )
}

/// Skipped elements and hidden ones (`hidden`, `aria-hidden="true"`, `display:none`,
/// `visibility:hidden`).
fn is_skipped(element: &Element) -> bool {
    SKIPPED.contains(&element.name())
        || element.attr("hidden").is_some()
        || element.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || element.attr("style").is_some_and(|style| {
            style_declarations(style).any(|(property, value)| {
                (property == "display" && value == "none")
                    || (property == "visibility" && (value == "hidden" || value == "collapse"))
            })
        })
}

/// `property: value` pairs of an inline style, lowercased, without `!important`.
fn style_declarations(style: &str) -> impl Iterator<Item = (String, String)> + '_ {
    style.split(';').filter_map(|declaration| {
        let (property, value) = declaration.split_once(':')?;
        let value = value.trim().to_ascii_lowercase();
        let value = value.trim_end_matches("!important").trim().to_owned();
        Some((property.trim().to_ascii_lowercase(), value))
    })
}

/// Collapses HTML whitespace (and NBSP) runs to one space; drops control characters and BOMs.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        match c {
            ' ' | '\t' | '\n' | '\r' | '\u{c}' | '\u{a0}' => {
                if !space {
                    out.push(' ');
                    space = true;
                }
            }
            '\u{feff}' => {}
            c if c.is_control() => {}
            c => {
                out.push(c);
                space = false;
            }
        }
    }
    out
}

/// The text a reader sees inside `root`, found without recursion. With `pre`, whitespace is
/// kept and `<br>` is a newline; otherwise blocks and breaks become spaces (not yet collapsed).
fn visible_text(root: ElementRef<'_>, pre: bool) -> String {
    let mut out = String::new();
    // Each entry: the children still to visit, and whether a space follows the element.
    let mut stack = vec![(root.children(), false)];
    while let Some((children, space_after)) = stack.last_mut() {
        let Some(node) = children.next() else {
            if *space_after {
                out.push(' ');
            }
            stack.pop();
            continue;
        };
        match node.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(element) if !is_skipped(element) => match element.name() {
                "br" => out.push(if pre { '\n' } else { ' ' }),
                "img" | "rp" => {}
                name => {
                    let block = !pre && is_block_name(name);
                    if block {
                        out.push(' ');
                    }
                    stack.push((node.children(), block));
                }
            },
            _ => {}
        }
    }
    if pre { clean_pre(&out) } else { out }
}

/// Preformatted text: line endings normalised, NBSP as space, control characters dropped.
fn clean_pre(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\u{a0}' => Some(' '),
            '\n' | '\t' => Some(c),
            '\u{feff}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// The element children of `parent` that are not skipped.
fn element_children<'a>(parent: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    parent.children().filter_map(ElementRef::wrap).filter(|child| !is_skipped(child.value()))
}

struct Converter<'a> {
    base: Option<&'a Url>,
}

impl Converter<'_> {
    /// Reads the children of `parent` (which sit at `depth`) into `flow`.
    fn flow_children(&self, parent: ElementRef<'_>, depth: usize, flow: &mut Flow) {
        for child in parent.children() {
            match child.value() {
                Node::Text(text) => push_text(text, flow),
                Node::Element(_) => {
                    if let Some(element) = ElementRef::wrap(child) {
                        self.flow_element(element, depth, flow);
                    }
                }
                _ => {}
            }
        }
    }

    /// One element. The work for each kind lives in its own function, so that the recursion
    /// through deeply nested markup keeps small stack frames.
    fn flow_element(&self, element: ElementRef<'_>, depth: usize, flow: &mut Flow) {
        let value = element.value();
        if is_skipped(value) {
            return;
        }
        if depth > MAX_DEPTH {
            push_flat_text(element, flow);
            return;
        }
        let inner = depth + 1;
        match value.name() {
            "br" => flow.line.push(Inline::Break),
            "img" => self.inline_image(value, flow),
            "hr" => {
                flow.flush();
                flow.blocks.push(Block::Rule);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading(element, inner, flow),
            "ul" | "menu" | "dir" => self.list(element, inner, false, flow),
            "ol" => self.list(element, inner, true, flow),
            "blockquote" => self.quote(element, inner, flow),
            "pre" | "listing" | "xmp" | "plaintext" => code_block(element, flow),
            "table" => self.table(element, inner, flow),
            "figure" => self.figure(element, inner, flow),
            "b" | "strong" => self.span(element, inner, SpanKind::Strong, flow),
            "i" | "em" => self.span(element, inner, SpanKind::Emph, flow),
            "s" | "strike" | "del" => self.span(element, inner, SpanKind::Strike, flow),
            "a" => self.link(element, inner, flow),
            "code" | "kbd" | "samp" | "tt" => inline_code(element, flow),
            "rp" | "wbr" => {}
            name if CONTAINERS.contains(&name) => {
                flow.flush();
                self.flow_children(element, inner, flow);
                flow.flush();
            }
            // span, font, sup, sub, unknown tags…: transparent.
            _ => self.flow_children(element, inner, flow),
        }
    }

    fn inline_image(&self, element: &Element, flow: &mut Flow) {
        if let Some(image) = self.image(element) {
            flow.line.push(Inline::Image(image));
        }
    }

    fn heading(&self, element: ElementRef<'_>, depth: usize, flow: &mut Flow) {
        flow.flush();
        let level = element.value().name().get(1..).and_then(|n| n.parse().ok()).unwrap_or(2);
        let mut sub = Flow::default();
        self.flow_children(element, depth, &mut sub);
        sub.flush();
        let mut inlines = Vec::new();
        blocks_to_inlines(sub.blocks, &mut inlines);
        if has_content(&inlines) {
            flow.blocks.push(Block::Heading(level, inlines));
        }
    }

    fn quote(&self, element: ElementRef<'_>, depth: usize, flow: &mut Flow) {
        flow.flush();
        let mut sub = Flow::default();
        self.flow_children(element, depth, &mut sub);
        sub.flush();
        if !sub.blocks.is_empty() {
            flow.blocks.push(Block::Quote(sub.blocks));
        }
    }

    fn figure(&self, element: ElementRef<'_>, depth: usize, flow: &mut Flow) {
        flow.flush();
        match self.simple_figure(element) {
            Some(image) => flow.blocks.push(Block::Paragraph(vec![Inline::Image(image)])),
            None => {
                self.flow_children(element, depth, flow);
                flow.flush();
            }
        }
    }

    /// A link keeps only its text when its destination is empty, a fragment or executable.
    fn link(&self, element: ElementRef<'_>, depth: usize, flow: &mut Flow) {
        match self.link_destination(element.value()) {
            Some(destination) => self.span(element, depth, SpanKind::Link(destination), flow),
            None => self.flow_children(element, depth, flow),
        }
    }

    /// An inline formatting element. If it turns out to hold blocks, the formatting is kept on
    /// the inline text before and after them and the blocks are taken out as they are.
    fn span(&self, element: ElementRef<'_>, depth: usize, kind: SpanKind, flow: &mut Flow) {
        let mut sub = Flow::capturing();
        self.flow_children(element, depth, &mut sub);
        match sub.head.take() {
            None => flow.line.push(Inline::Span(kind, sub.line)),
            Some(head) => {
                flow.line.push(Inline::Span(kind.clone(), head));
                flow.flush();
                flow.blocks.append(&mut sub.blocks);
                flow.line.push(Inline::Span(kind, sub.line));
            }
        }
    }

    fn list(&self, element: ElementRef<'_>, depth: usize, ordered: bool, flow: &mut Flow) {
        flow.flush();
        let start = if ordered {
            element
                .value()
                .attr("start")
                .and_then(|s| s.trim().parse::<i64>().ok())
                .map_or(1, |n| n.clamp(0, 999_999_999).unsigned_abs())
        } else {
            1
        };
        let mut items: Vec<Vec<Block>> = Vec::new();
        // Content directly inside the list (text, or a list nested without an `li`).
        let mut stray = Flow::default();
        for child in element.children() {
            match (ElementRef::wrap(child), child.value()) {
                (Some(li), _) if li.value().name() == "li" => {
                    if is_skipped(li.value()) {
                        continue;
                    }
                    attach_stray(&mut stray, &mut items);
                    let mut item = Flow::default();
                    if depth > MAX_DEPTH {
                        item.line.push(Inline::Text(collapse(&visible_text(li, false))));
                    } else {
                        self.flow_children(li, depth + 1, &mut item);
                    }
                    item.flush();
                    items.push(item.blocks);
                }
                (Some(other), _) => self.flow_element(other, depth, &mut stray),
                (None, Node::Text(text)) => stray.line.push(Inline::Text(collapse(text))),
                _ => {}
            }
        }
        attach_stray(&mut stray, &mut items);
        items.retain(|item| !item.is_empty());
        if !items.is_empty() {
            flow.blocks.push(Block::List { ordered, start, items });
        }
    }

    fn table(&self, element: ElementRef<'_>, depth: usize, flow: &mut Flow) {
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
                flow.line.push(Inline::Text(collapse(&visible_text(cell, false))));
            } else {
                self.flow_children(cell, depth + 1, &mut flow);
            }
            flow.flush();
            cells.push(Cell { blocks: flow.blocks, align: cell_align(value) });
        }
        cells
    }

    /// A `<figure>` with exactly one usable image: the image, its caption as the title. The
    /// caption is the `<figcaption>` text plus any short text (a credit) elsewhere in the figure.
    fn simple_figure(&self, figure: ElementRef<'_>) -> Option<Image> {
        let mut images: Vec<&Element> = Vec::new();
        let mut caption = String::new();
        let mut other = String::new();
        let mut stack = vec![(figure.children(), false)];
        while let Some((children, in_caption)) = stack.last_mut() {
            let in_caption = *in_caption;
            let Some(node) = children.next() else {
                stack.pop();
                continue;
            };
            let text = if in_caption { &mut caption } else { &mut other };
            match node.value() {
                Node::Text(t) => text.push_str(t),
                Node::Element(element) if !is_skipped(element) => match element.name() {
                    "img" => {
                        images.push(element);
                        if images.len() > 1 {
                            return None;
                        }
                    }
                    "br" => text.push(' '),
                    name => {
                        text.push(' ');
                        let caption_here = in_caption || name == "figcaption";
                        stack.push((node.children(), caption_here));
                    }
                },
                _ => {}
            }
        }
        let mut image = self.image(images.first()?)?;
        let caption = collapse(&caption).trim().to_owned();
        let other = collapse(&other).trim().to_owned();
        if other.chars().count() > 200 {
            return None;
        }
        image.title =
            [caption, other].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ");
        if image.alt.is_empty() {
            image.alt.clone_from(&image.title);
        }
        Some(image)
    }

    fn image(&self, element: &Element) -> Option<Image> {
        if is_tracking_pixel(element) {
            return None;
        }
        let src = self.image_source(element)?;
        let alt = collapse(element.attr("alt").unwrap_or_default()).trim().to_owned();
        Some(Image { src, alt, title: String::new() })
    }

    /// The original image: lazy-loading attributes, then the largest `srcset` candidate, then
    /// `src`; a thumbnail proxy's URL is replaced by the image it wraps.
    fn image_source(&self, element: &Element) -> Option<String> {
        const ORIGINALS: [&str; 5] =
            ["data-org-src", "data-src", "data-original", "data-lazy-src", "data-lazy"];
        let originals = ORIGINALS.iter().filter_map(|name| element.attr(name));
        let sets = ["data-srcset", "srcset"]
            .iter()
            .filter_map(|name| element.attr(name))
            .filter_map(largest_srcset_candidate);
        originals
            .chain(sets)
            .chain(element.attr("src"))
            .find_map(|raw| self.resolve(raw))
            .map(unwrap_thumbnail_proxy)
    }

    /// A link's destination; `None` for links that should keep only their text: empty,
    /// executable, a fragment (`#x`: the page's ids are not in the article), or relative with no
    /// base to resolve it against.
    fn link_destination(&self, element: &Element) -> Option<String> {
        let href = element.attr("href")?.trim();
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        self.resolve(href)
    }

    /// An absolute URL, or `None`: for empty and executable URLs, and for relative ones when the
    /// page declares no URL of its own (`<link rel=canonical>`, `og:url`) to resolve them
    /// against. A relative URL cannot work on the site the article is imported into, and some
    /// break its build: `notes.md` is read as a link to another article (see: #18).
    fn resolve(&self, raw: &str) -> Option<String> {
        let cleaned: String = raw.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
        let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
        if cleaned.is_empty() || is_dangerous_url(cleaned) {
            return None;
        }
        if let Some(base) = self.base
            && let Ok(url) = base.join(cleaned)
        {
            return (!is_dangerous_url(url.as_str())).then(|| url.into());
        }
        if let Some(rest) = cleaned.strip_prefix("//") {
            return Some(format!("https://{rest}"));
        }
        Url::parse(cleaned).is_ok().then(|| cleaned.to_owned())
    }
}

fn push_text(text: &str, flow: &mut Flow) {
    flow.line.push(Inline::Text(collapse(text)));
}

/// What is nested too deep is kept as its text.
fn push_flat_text(element: ElementRef<'_>, flow: &mut Flow) {
    flow.line.push(Inline::Text(collapse(&visible_text(element, false))));
}

fn inline_code(element: ElementRef<'_>, flow: &mut Flow) {
    push_code(&mut flow.line, &visible_text(element, false));
}

/// `<pre>`: a fenced code block, whitespace kept.
fn code_block(element: ElementRef<'_>, flow: &mut Flow) {
    flow.flush();
    let text = visible_text(element, true);
    let text = text.trim_start_matches('\n').trim_end();
    if !text.trim().is_empty() {
        let info = code_language(element);
        flow.blocks.push(Block::Code { info, text: text.to_owned() });
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

/// Flattens blocks into one line of inlines (for headings and table cells), breaks as spaces.
fn blocks_to_inlines(blocks: Vec<Block>, out: &mut Vec<Inline>) {
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
fn push_code(out: &mut Vec<Inline>, text: &str) {
    let code = collapse(text);
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

fn attach_stray(stray: &mut Flow, items: &mut Vec<Vec<Block>>) {
    stray.flush();
    if stray.blocks.is_empty() {
        return;
    }
    match items.last_mut() {
        Some(last) => last.append(&mut stray.blocks),
        None => items.push(std::mem::take(&mut stray.blocks)),
    }
}

/// `language-x` / `lang-x` on the `<pre>` or its `<code>`.
fn code_language(pre: ElementRef<'_>) -> String {
    let code = pre.children().filter_map(ElementRef::wrap).find(|c| c.value().name() == "code");
    for element in std::iter::once(pre).chain(code) {
        for class in element.value().classes() {
            let Some(lang) =
                class.strip_prefix("language-").or_else(|| class.strip_prefix("lang-"))
            else {
                continue;
            };
            let lang: String = lang
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '_' | '.' | '#'))
                .collect();
            if !lang.is_empty() {
                return lang;
            }
        }
    }
    String::new()
}

/// 1×1 (or 0-sized) images are tracking pixels.
fn is_tracking_pixel(element: &Element) -> bool {
    let tiny = |value: &str| {
        value.trim().trim_end_matches("px").trim().parse::<f64>().is_ok_and(|n| n <= 1.0)
    };
    element.attr("width").is_some_and(tiny)
        || element.attr("height").is_some_and(tiny)
        || element.attr("style").is_some_and(|style| {
            style_declarations(style).any(|(property, value)| {
                matches!(property.as_str(), "width" | "height") && tiny(&value)
            })
        })
}

/// The candidate with the largest width (`640w`) or density (`2x`) descriptor.
fn largest_srcset_candidate(srcset: &str) -> Option<&str> {
    let mut best: Option<(f64, &str)> = None;
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let url_end = rest.find(|c: char| c.is_ascii_whitespace()).unwrap_or(rest.len());
        let url = rest[..url_end].trim_end_matches(',');
        let ended_by_comma = rest[..url_end].ends_with(',');
        rest = &rest[url_end..];
        let mut descriptor = "";
        if !ended_by_comma {
            let descriptor_end = rest.find(',').unwrap_or(rest.len());
            descriptor = rest[..descriptor_end].trim();
            rest = &rest[descriptor_end..];
        }
        let size = descriptor
            .strip_suffix('w')
            .and_then(|w| w.parse::<f64>().ok())
            .or_else(|| {
                // Densities rank below any width: a width of 1 000 000 px is not expected.
                descriptor.strip_suffix('x').and_then(|x| x.parse::<f64>().ok()).map(|x| x / 1e6)
            })
            .unwrap_or(1e-6);
        if !url.is_empty() && best.is_none_or(|(b, _)| size > b) {
            best = Some((size, url));
        }
    }
    best.map(|(_, url)| url)
}

/// `https://img3.daumcdn.net/thumb/R658x0.q70/?fname=https://t1.daumcdn.net/…jpg` → the `fname`.
fn unwrap_thumbnail_proxy(url: String) -> String {
    const KEYS: [&str; 8] = ["fname", "src", "url", "u", "image", "img", "imgurl", "image_url"];
    let Ok(parsed) = Url::parse(&url) else { return url };
    for (key, value) in parsed.query_pairs() {
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        let key = key.to_ascii_lowercase();
        if !KEYS.contains(&key.as_str()) && !looks_like_image_path(value) {
            continue;
        }
        if let Ok(inner) = Url::parse(value)
            && matches!(inner.scheme(), "http" | "https")
            && inner.host().is_some()
        {
            return inner.into();
        }
    }
    url
}

fn looks_like_image_path(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or_default().to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"].iter().any(|ext| path.ends_with(ext))
}

// ---------------------------------------------------------------------------------------------
// Writing Markdown: blocks
// ---------------------------------------------------------------------------------------------

/// Joins rendered blocks with blank lines. In a tight list item, a paragraph and the list after
/// it share no blank line. Two lists in a row alternate their markers so they stay two lists.
fn render_blocks(blocks: &[Block], tight: bool) -> String {
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

fn longest_run(text: &str, target: char) -> usize {
    let (mut longest, mut current) = (0, 0);
    for c in text.chars() {
        current = if c == target { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

/// Trailing whitespace removed from every line; one final newline.
fn finish(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 1);
    for line in body.lines() {
        out.push_str(line.trim_end_matches([' ', '\t']));
        out.push('\n');
    }
    let trimmed = out.trim_matches('\n');
    if trimmed.is_empty() { String::new() } else { format!("{trimmed}\n") }
}

// ---------------------------------------------------------------------------------------------
// Writing Markdown: inlines
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
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
enum Piece {
    Text(String, bool),
    /// Inline code, not yet fenced: adjacent code spans merge (their fences would).
    Code(String),
    Markup(String),
    Break,
    Open(usize),
    Close(usize),
}

/// How an emphasis span is written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Delim {
    Star,
    Underscore,
    Tilde,
    Html,
}

/// Stands for a delimiter whose spelling is not chosen yet; every spelling is punctuation.
const SOME_DELIMITER: char = '*';

fn render_inlines(inlines: &[Inline], mode: Mode) -> String {
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
fn escape_pieces(pieces: Vec<Piece>, spans: &[SpanKind], mode: Mode, tilde: bool) -> Vec<Piece> {
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

/// CommonMark's Unicode punctuation: general categories P and S (as pulldown-cmark uses).
fn is_punctuation(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    static PUNCTUATION: OnceLock<Option<Regex>> = OnceLock::new();
    let mut buffer = [0; 4];
    PUNCTUATION
        .get_or_init(|| Regex::new(r"^[\p{P}\p{S}]$").ok())
        .as_ref()
        .is_some_and(|re| re.is_match(c.encode_utf8(&mut buffer)))
}

/// Picks each emphasis span's spelling, outermost first: `*`, then `_`, then HTML. A spelling
/// must let the opening run open and the closing run close under CommonMark's flanking rules,
/// and must not touch a neighbouring delimiter of the same character (the runs would merge).
fn choose_delimiters(pieces: &[Piece], spans: &[SpanKind]) -> Vec<Delim> {
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

fn span_text(kind: &SpanKind, delim: Delim, open: bool) -> &'static str {
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

/// `` `code` `` with a fence longer than any backtick run inside.
fn code_span(code: &str, table: bool) -> String {
    let fence = "`".repeat(longest_run(code, '`') + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') { " " } else { "" };
    let code = if table { code.replace('|', "\\|") } else { code.to_owned() };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// `![alt](src "title")`.
fn image_markup(image: &Image, mode: Mode) -> String {
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
fn push_destination(out: &mut String, url: &str, table: bool) {
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

#[cfg(test)]
mod tests;
