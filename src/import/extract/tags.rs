//! Reading and writing elements, shared by the passes that rebuild article HTML from the parsed
//! page (`emit`, `figures`) and judge its elements (`score`, `words`): tags written back out,
//! and the names (class, id) elements are judged by.

use scraper::ElementRef;

/// `<name attr="value" …>`, attribute values escaped.
pub(super) fn push_open(element: ElementRef<'_>, out: &mut String) {
    out.push('<');
    out.push_str(element.value().name());
    for (name, value) in element.value().attrs() {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut *out, value);
        out.push('"');
    }
    out.push('>');
}

/// `</name>`, except for void elements, which have no end tag.
pub(super) fn push_close(name: &str, out: &mut String) {
    let void = matches!(
        name,
        "br" | "hr"
            | "img"
            | "wbr"
            | "input"
            | "meta"
            | "link"
            | "source"
            | "col"
            | "area"
            | "base"
            | "embed"
            | "track"
    );
    if !void {
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
}

/// The element's class names and id, lower case, space-separated (`article-body comments`):
/// what the passes that judge elements by their names search for words.
pub(super) fn names(element: ElementRef<'_>) -> String {
    let e = element.value();
    let mut names = String::new();
    for part in [e.attr("class"), e.attr("id")].into_iter().flatten() {
        if !names.is_empty() {
            names.push(' ');
        }
        names.push_str(&part.to_ascii_lowercase());
    }
    names
}
