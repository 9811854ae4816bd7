//! Blocks whose meaning the markup hides, rewritten before Markdown conversion:
//! - image-and-caption boxes written without `<figure>` (many CMSs wrap a photo and its caption
//!   in `<div class="img-box"><img><div class="caption">…</div></div>`) become
//!   `<figure><img><figcaption>…</figcaption></figure>`, so the caption stays with its photo;
//! - a glossary written as a `<dl>` (after a "용어 설명"/"Glossary" heading, or marked by its
//!   class) becomes the plain form `import::body` moves to front matter: a marker line, then
//!   `■ term` lines each followed by the definition.

use scraper::ElementRef;
use scraper::node::Node;

use super::tags;
use crate::import::text::collapse_spaces;

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
    let fragment = crate::limits::formatting::parse_fragment(html);
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
            if let Some(glossary) = as_glossary(element) {
                out.push_str(&glossary);
                return;
            }
            tags::push_open(element, out);
            for child in node.children() {
                write_node(child, out, depth + 1);
            }
            tags::push_close(element.value().name(), out);
        }
        _ => {}
    }
}

fn is_caption(element: ElementRef<'_>) -> bool {
    let names = tags::names(element);
    names.split_whitespace().any(|n| CAPTION_HINTS.iter().any(|hint| n.contains(hint)))
}

/// A container holding exactly one image and one caption element, and no other text.
fn as_figure(element: ElementRef<'_>) -> Option<String> {
    if element.value().name() == "figure" {
        return None;
    }
    // A photo box holds a few elements. Reading no further than that keeps this linear in the
    // page, where it runs for every element: a box around the whole article (and a thousand of
    // them nested) would otherwise be read once per level (see: #18).
    const MAX_ELEMENTS: usize = 200;
    let descendants: Vec<ElementRef<'_>> =
        element.descendants().filter_map(ElementRef::wrap).take(MAX_ELEMENTS + 1).collect();
    if descendants.len() > MAX_ELEMENTS {
        return None;
    }
    let images: Vec<&ElementRef<'_>> =
        descendants.iter().filter(|e| e.value().name() == "img").collect();
    let [image] = images.as_slice() else { return None };
    let all_text = collapse_spaces(&element.text().collect::<String>());
    let caption_text = match descendants
        .iter()
        .find(|e| is_caption(**e) && !e.descendants().any(|d| d.id() == image.id()))
    {
        Some(caption) => collapse_spaces(&caption.text().collect::<String>()),
        // An unnamed caption: the short text of a box named for its photo (`imgbox`), or one
        // opened with `▲`, the Korean press's caption mark.
        None if is_photo_box(element, &all_text) => all_text.clone(),
        None => return None,
    };
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

fn is_photo_box(element: ElementRef<'_>, text: &str) -> bool {
    let names = tags::names(element);
    let named = ["img", "photo", "image", "pic"].iter().any(|w| names.contains(w));
    let links = element.descendants().filter_map(ElementRef::wrap).any(|e| e.value().name() == "a");
    text.chars().count() <= 300 && !links && (named || text.starts_with('▲'))
}

/// A `<dl>` that is the article's glossary, as a marker paragraph and `■ term` paragraphs.
fn as_glossary(element: ElementRef<'_>) -> Option<String> {
    if element.value().name() != "dl" {
        return None;
    }
    let names = tags::names(element);
    let marked = ["glossary", "term", "용어"].iter().any(|hint| names.contains(hint));
    let previous = element
        .prev_siblings()
        .find_map(ElementRef::wrap)
        .map(|e| collapse_spaces(&e.text().collect::<String>()));
    let after_marker = previous.as_deref().is_some_and(crate::import::body::is_glossary_marker);
    if !marked && !after_marker {
        return None;
    }
    let mut html = String::new();
    if !after_marker {
        html.push_str("<p>Glossary</p>");
    }
    let mut entries = 0;
    for child in element.children().filter_map(ElementRef::wrap) {
        let text = collapse_spaces(&child.text().collect::<String>());
        match child.value().name() {
            "dt" => {
                html.push_str(if entries == 0 { "<p>■ " } else { "</p><p>■ " });
                let _ = pulldown_cmark_escape::escape_html_body_text(&mut html, &text);
                entries += 1;
            }
            "dd" if entries > 0 => {
                html.push_str("<br>");
                let _ = pulldown_cmark_escape::escape_html_body_text(&mut html, &text);
            }
            _ => {}
        }
    }
    if entries == 0 {
        return None;
    }
    html.push_str("</p>");
    Some(html)
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
    fn a_definition_list_after_a_glossary_heading_becomes_term_entries() {
        let html = "<p>본문.</p><h3>용어 설명</h3><dl><dt>PBC</dt><dd>공익법인.</dd><dt>IP</dt><dd>지식재산권.</dd></dl>";
        let out = normalize(html);
        assert!(
            out.ends_with("<h3>용어 설명</h3><p>■ PBC<br>공익법인.</p><p>■ IP<br>지식재산권.</p>"),
            "{out}"
        );
        let plain = "<dl><dt>Not</dt><dd>a glossary</dd></dl>";
        assert_eq!(normalize(plain), plain, "an ordinary list stays");
    }

    #[test]
    fn photo_box_with_an_unnamed_caption_becomes_a_figure() {
        let html = normalize(
            r#"<div id="imgbox"><img src="a.jpg"><br><div><span>▲4일 성금 전달식이 열렸다. 사진=세종시 제공</span></div></div><div class="box"><img src="b.jpg"><p>Not a caption: this box has no photo name.</p></div>"#,
        );
        assert!(
            html.contains("<figure><img src=\"a.jpg\"><figcaption>▲4일 성금 전달식이 열렸다. 사진=세종시 제공</figcaption></figure>"),
            "{html}"
        );
        assert!(html.contains("<p>Not a caption"), "{html}");
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
