//! Image-and-caption blocks written without `<figure>`: many CMSs wrap a photo and its caption
//! in `<div class="img-box"><img><div class="caption">…</div></div>` (or `span`, `table`).
//! Rewritten as `<figure><img><figcaption>…</figcaption></figure>`, the Markdown converter
//! keeps the caption with its photo instead of making it a body paragraph.

use scraper::node::Node;
use scraper::{ElementRef, Html};

/// Class or id words that mark a caption.
const CAPTION_HINTS: &[&str] = &[
    "caption",
    "photo_desc",
    "photo-desc",
    "img_desc",
    "img-desc",
    "imgtxt",
    "img_txt",
    "photo_txt",
    "phototext",
];

/// Rewrites image-and-caption containers as figures; everything else is kept as it is.
pub(super) fn normalize(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut out = String::with_capacity(html.len());
    for child in fragment.root_element().children() {
        write_node(child, &mut out, 0);
    }
    out
}

fn write_node(node: ego_tree::NodeRef<'_, Node>, out: &mut String, depth: usize) {
    match node.value() {
        Node::Text(text) => {
            let _ = pulldown_cmark_escape::escape_html_body_text(&mut *out, text);
        }
        Node::Element(_) => {
            let Some(element) = ElementRef::wrap(node) else { return };
            if depth > 256 {
                out.push_str(&element.html());
                return;
            }
            if let Some(figure) = as_figure(element) {
                out.push_str(&figure);
                return;
            }
            let name = element.value().name();
            out.push('<');
            out.push_str(name);
            for (attr, value) in element.value().attrs() {
                out.push(' ');
                out.push_str(attr);
                out.push_str("=\"");
                let _ = pulldown_cmark_escape::escape_html(&mut *out, value);
                out.push('"');
            }
            out.push('>');
            for child in node.children() {
                write_node(child, out, depth + 1);
            }
            if !matches!(
                name,
                "br" | "hr"
                    | "img"
                    | "wbr"
                    | "source"
                    | "col"
                    | "area"
                    | "embed"
                    | "track"
                    | "input"
                    | "meta"
                    | "link"
            ) {
                out.push_str(&format!("</{name}>"));
            }
        }
        _ => {}
    }
}

fn is_caption(element: ElementRef<'_>) -> bool {
    let names = format!(
        "{} {}",
        element.value().attr("class").unwrap_or(""),
        element.value().attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    names.split_whitespace().any(|n| CAPTION_HINTS.iter().any(|hint| n.contains(hint)))
}

/// A container holding exactly one image and one caption element, and no other text.
fn as_figure(element: ElementRef<'_>) -> Option<String> {
    if element.value().name() == "figure" {
        return None;
    }
    let descendants: Vec<ElementRef<'_>> =
        element.descendants().filter_map(ElementRef::wrap).collect();
    let images: Vec<&ElementRef<'_>> =
        descendants.iter().filter(|e| e.value().name() == "img").collect();
    let [image] = images.as_slice() else { return None };
    let caption = descendants
        .iter()
        .find(|e| is_caption(**e) && !e.descendants().any(|d| d.id() == image.id()))?;
    let caption_text = collapse(&caption.text().collect::<String>());
    let all_text = collapse(&element.text().collect::<String>());
    if caption_text.is_empty() || all_text != caption_text {
        return None;
    }
    let mut figure = String::from("<figure>");
    figure.push_str(&image.html());
    figure.push_str("<figcaption>");
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut figure, &caption_text);
    figure.push_str("</figcaption></figure>");
    Some(figure)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_box_with_caption_div_becomes_a_figure() {
        let html = r#"<div class="editor-img-box"><img src="a.jpg"><div class="caption"><p>장동혁 대표가 경례하고 있다. 연합뉴스</p></div></div><p class="editor-p">본문 <b>굵게</b>.</p>"#;
        let out = normalize(html);
        assert!(out.starts_with(r#"<figure><img src="a.jpg"><figcaption>장동혁 대표가 경례하고 있다. 연합뉴스</figcaption></figure>"#), "{out}");
        assert!(out.contains(r#"<p class="editor-p">본문 <b>굵게</b>.</p>"#), "{out}");
    }

    #[test]
    fn containers_with_other_text_or_two_images_are_kept() {
        let two = r#"<div><img src="a.jpg"><img src="b.jpg"><span class="caption">둘</span></div>"#;
        assert!(!normalize(two).contains("<figure>"));
        let text =
            r#"<div><img src="a.jpg"><span class="caption">설명</span> 본문이 더 있다.</div>"#;
        assert!(!normalize(text).contains("<figure>"));
    }
}
