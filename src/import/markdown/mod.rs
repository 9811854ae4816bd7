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
//!
//! The modules follow the two steps: `tree` is the tree; `reader` reads the DOM into it, with
//! `dom` (what the DOM shows), `tables` and `image_url`; `blocks` and `inline` write it
//! out, with `escape` and `flanking` (emphasis delimiters).

mod blocks;
mod dom;
mod escape;
mod flanking;
mod image_url;
mod inline;
mod reader;
mod tables;
mod tree;

use url::Url;

use blocks::{finish, render_blocks};
use reader::Converter;
use tree::Flow;

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

#[cfg(test)]
mod tests;
