//! Writing elements back out as HTML, shared by the passes that rebuild article HTML from the
//! parsed page (`score`, `figures`).

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
