//! HTML elements → the tree. Each kind of element (heading, list, quote, figure, link, emphasis)
//! has its own small function, so recursion through deeply nested markup keeps small stack
//! frames, and it stops at [`super::MAX_DEPTH`]. Links resolve against the page's own URL here;
//! tables ([`super::tables`]) and image URLs ([`super::image_url`]) have their own modules.

use scraper::node::Element;
use scraper::{ElementRef, Node};
use url::Url;

use super::MAX_DEPTH;
use super::dom::{CONTAINERS, code_language, collapse_html_whitespace, is_skipped, visible_text};
use super::tree::{
    Block, Flow, Image, Inline, SpanKind, blocks_to_inlines, has_content, push_code,
};
use crate::markdown::is_dangerous_url;

/// Reads an article's DOM into the tree.
pub(super) struct Converter<'a> {
    /// The page's own URL, which relative links and images resolve against.
    pub(super) base: Option<&'a Url>,
}

impl Converter<'_> {
    /// Reads the children of `parent` (which sit at `depth`) into `flow`.
    pub(super) fn flow_children(&self, parent: ElementRef<'_>, depth: usize, flow: &mut Flow) {
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
                        item.line
                            .push(Inline::Text(collapse_html_whitespace(&visible_text(li, false))));
                    } else {
                        self.flow_children(li, depth + 1, &mut item);
                    }
                    item.flush();
                    items.push(item.blocks);
                }
                (Some(other), _) => self.flow_element(other, depth, &mut stray),
                (None, Node::Text(text)) => {
                    stray.line.push(Inline::Text(collapse_html_whitespace(text)))
                }
                _ => {}
            }
        }
        attach_stray(&mut stray, &mut items);
        items.retain(|item| !item.is_empty());
        if !items.is_empty() {
            flow.blocks.push(Block::List { ordered, start, items });
        }
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
        let caption = collapse_html_whitespace(&caption).trim().to_owned();
        let other = collapse_html_whitespace(&other).trim().to_owned();
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
    pub(super) fn resolve(&self, raw: &str) -> Option<String> {
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
    flow.line.push(Inline::Text(collapse_html_whitespace(text)));
}

/// What is nested too deep is kept as its text.
fn push_flat_text(element: ElementRef<'_>, flow: &mut Flow) {
    flow.line.push(Inline::Text(collapse_html_whitespace(&visible_text(element, false))));
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
