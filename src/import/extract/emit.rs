//! Writing the article the scorer chose ([`super::score`]) back out as HTML: the page's own
//! markup for the region, so links, emphasis, figures and captions survive as they were, without
//! the junk the walk marked, lists of links, the headline (front matter holds the title) and
//! images that are page chrome. Figures are written whole, but for the controls inside them.

use scraper::ElementRef;
use scraper::node::Node;

use super::score::{MAX_DEPTH, Walk, is_link_block};
use super::tags;
use super::words::is_article_image;

/// Writes `element`'s content as it stands in the page (markup, links, figures), leaving out
/// junk, lists of links, the headline and images that are page chrome.
pub(super) fn write_content(element: ElementRef<'_>, walk: &Walk, out: &mut String, depth: usize) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                let _ = pulldown_cmark_escape::escape_html_body_text(&mut *out, text);
            }
            Node::Element(e) => {
                let Some(child) = ElementRef::wrap(child) else { continue };
                let name = e.name();
                if depth > MAX_DEPTH
                    || walk.junk.contains(&child.id())
                    || is_headline(child)
                    || is_link_block(child, walk)
                {
                    continue;
                }
                if matches!(name, "figure" | "picture" | "img") {
                    if is_article_image(child) {
                        write_figure(child, walk, out);
                    }
                    continue;
                }
                tags::push_open(child, out);
                write_content(child, walk, out, depth + 1);
                tags::push_close(name, out);
            }
            _ => {}
        }
    }
}

/// Writes an article figure whole, but for the controls inside it (a zoom `<button>` whose
/// label would join the caption).
fn write_figure(element: ElementRef<'_>, walk: &Walk, out: &mut String) {
    tags::push_open(element, out);
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                let _ = pulldown_cmark_escape::escape_html_body_text(&mut *out, text);
            }
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child)
                    && !walk.junk.contains(&child.id())
                {
                    write_figure(child, walk, out);
                }
            }
            _ => {}
        }
    }
    tags::push_close(element.value().name(), out);
}

/// The page's `<h1>`: the title, which front matter holds. Broken markup can leave the rest of
/// the article inside an unclosed `<h1>`; one holding paragraphs is kept.
fn is_headline(element: ElementRef<'_>) -> bool {
    element.value().name() == "h1"
        && !element.descendants().filter_map(ElementRef::wrap).any(|e| e.value().name() == "p")
}
