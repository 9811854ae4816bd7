//! What scraper's DOM shows a reader: which elements are skipped or hidden, which are blocks,
//! inline styles, whitespace collapsed the way a browser does it, and the visible text of a
//! subtree, found without recursion (for code, and for markup nested deeper than
//! [`super::MAX_DEPTH`]). Kept apart from [`super::reader`], which only maps elements to the
//! tree.

use scraper::node::Element;
use scraper::{ElementRef, Node};

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "form", "input",
    "button", "select", "option", "optgroup", "datalist", "textarea", "svg", "canvas", "object",
    "embed", "applet", "param", "nav", "head", "title", "meta", "link", "base", "video", "audio",
    "source", "track", "map", "area",
];

/// Elements that end the paragraph before them and start a new one after them, and whose
/// children are read in place.
pub(super) const CONTAINERS: &[&str] = &[
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
pub(super) fn is_skipped(element: &Element) -> bool {
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
pub(super) fn style_declarations(style: &str) -> impl Iterator<Item = (String, String)> + '_ {
    style.split(';').filter_map(|declaration| {
        let (property, value) = declaration.split_once(':')?;
        let value = value.trim().to_ascii_lowercase();
        let value = value.trim_end_matches("!important").trim().to_owned();
        Some((property.trim().to_ascii_lowercase(), value))
    })
}

/// Collapses HTML whitespace (and NBSP) runs to one space, keeping one at either end (text
/// nodes meet other inlines there); drops control characters and BOMs.
pub(super) fn collapse_html_whitespace(text: &str) -> String {
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
pub(super) fn visible_text(root: ElementRef<'_>, pre: bool) -> String {
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
pub(super) fn element_children<'a>(parent: ElementRef<'a>) -> impl Iterator<Item = ElementRef<'a>> {
    parent.children().filter_map(ElementRef::wrap).filter(|child| !is_skipped(child.value()))
}

/// `language-x` / `lang-x` on the `<pre>` or its `<code>`.
pub(super) fn code_language(pre: ElementRef<'_>) -> String {
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
