//! Alignment: the article's elements from the original page, chosen by the extractor's text.
//!
//! Input: the parsed page and the HTML the extractor produced. The extractor's blocks give the
//! set of article texts. Walking the original page top-down, an element whose whitespace-collapsed
//! text is part of the article text is kept whole (with its markup: links, emphasis, images); an
//! element that is not is descended into, so article paragraphs inside page chrome are still
//! found, and everything else is dropped. Short texts ("Share", "AI") would be part of any long
//! article by accident, so they must equal one of the extractor's blocks exactly.
//! A second walk, limited to the lowest element containing every kept block, also keeps
//! `<figure>` and `<img>` elements where they stand: extractors drop captions and images.

use std::collections::HashSet;

use scraper::node::Node;
use scraper::{ElementRef, Html};

use super::tags;

/// Texts shorter than this must match a whole extractor block, not just a substring.
const SHORT_TEXT: usize = 40;

/// Elements never part of an article.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "form", "button", "select", "textarea",
    "input", "nav", "head", "svg", "canvas", "object", "embed",
];

/// The article's text as the extractor saw it.
struct ArticleText {
    full: String,
    blocks: HashSet<String>,
}

/// The original page's elements for the extracted text, as HTML; `None` when the text cannot be
/// found in the page (the extractor rewrote it), in which case its own HTML is used.
pub(super) fn aligned_html(document: &Html, extracted_html: &str) -> Option<String> {
    let article = article_text(extracted_html)?;
    let body = document.select(&scraper::Selector::parse("body").ok()?).next()?;
    let mut kept = Vec::new();
    collect_kept(body, &article, &mut kept, 0);
    if kept.is_empty() {
        return None;
    }
    // Guard: the found elements must cover the extracted text, or the extractor rewrote it.
    let found: usize = kept.iter().map(|e| element_text(*e).chars().count()).sum();
    if found * 10 < article.full.chars().count() * 9 {
        return None;
    }
    let container = lowest_common_ancestor(&kept)?;
    let mut html = String::new();
    write_filtered(container, &article, &mut html, 0, true);
    Some(html)
}

fn article_text(extracted_html: &str) -> Option<ArticleText> {
    let fragment = Html::parse_fragment(extracted_html);
    let root = fragment.root_element();
    let full = collapse(&root.text().collect::<String>());
    if full.chars().count() < 50 {
        return None;
    }
    let blocks = root
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| {
            matches!(
                e.value().name(),
                "p" | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "li"
                    | "blockquote"
                    | "td"
                    | "th"
                    | "pre"
                    | "div"
                    | "figcaption"
                    | "dt"
                    | "dd"
            )
        })
        .map(|e| collapse(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty())
        .collect();
    Some(ArticleText { full, blocks })
}

fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_collapsed(text, &mut out, &mut false);
    out
}

/// Appends `text` to `out` with whitespace runs collapsed to one space and none at the start.
/// `space` carries a pending space across calls, so consecutive text nodes collapse as if they
/// were one string (the page's text is written into one buffer, never copied and re-joined:
/// alignment does this for every element of the page).
fn push_collapsed(text: &str, out: &mut String, space: &mut bool) {
    for c in text.chars() {
        if c.is_whitespace() {
            *space = true;
        } else {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            *space = false;
            out.push(c);
        }
    }
}

/// The text a reader sees, whitespace-collapsed: scripts, styles and other skipped elements do
/// not count.
fn element_text(element: ElementRef<'_>) -> String {
    let mut text = String::new();
    push_visible_text(element, &mut text, &mut false, 0);
    text
}

fn push_visible_text(element: ElementRef<'_>, out: &mut String, space: &mut bool, depth: usize) {
    if depth > 256 {
        return;
    }
    for child in element.children() {
        match child.value() {
            Node::Text(text) => push_collapsed(text, out, space),
            Node::Element(e) if !SKIPPED.contains(&e.name()) => {
                if let Some(child) = ElementRef::wrap(child) {
                    push_visible_text(child, out, space, depth + 1);
                }
            }
            _ => {}
        }
    }
}

fn is_article_text(text: &str, article: &ArticleText) -> bool {
    if text.is_empty() {
        return false;
    }
    if text.chars().count() < SHORT_TEXT {
        return article.blocks.contains(text);
    }
    // Checked first because building the substring searcher costs the needle's length, and the
    // page's outer elements are much longer than the article.
    text.len() <= article.full.len() && article.full.contains(text)
}

/// Finds the largest elements whose text is article text.
fn collect_kept<'a>(
    element: ElementRef<'a>,
    article: &ArticleText,
    kept: &mut Vec<ElementRef<'a>>,
    depth: usize,
) {
    if depth > 256 || SKIPPED.contains(&element.value().name()) {
        return;
    }
    let text = element_text(element);
    if text.is_empty() {
        return;
    }
    if is_article_text(&text, article) {
        kept.push(element);
        return;
    }
    for child in element.children().filter_map(ElementRef::wrap) {
        collect_kept(child, article, kept, depth + 1);
    }
}

fn lowest_common_ancestor<'a>(kept: &[ElementRef<'a>]) -> Option<ElementRef<'a>> {
    let chain = |e: &ElementRef<'a>| -> Vec<ego_tree::NodeId> {
        let mut ids: Vec<_> = e.ancestors().map(|a| a.id()).collect();
        ids.reverse();
        ids.push(e.id());
        ids
    };
    let mut common = chain(kept.first()?);
    for element in &kept[1..] {
        let other = chain(element);
        let shared = common.iter().zip(&other).take_while(|(a, b)| a == b).count();
        common.truncate(shared);
    }
    let id = *common.last()?;
    let first = kept.first()?;
    std::iter::once(*first)
        .chain(first.ancestors().filter_map(ElementRef::wrap))
        .find(|e| e.id() == id)
}

/// Writes the element's kept content: article-text elements whole, figures and images where
/// they stand, and the structure between them.
fn write_filtered(
    element: ElementRef<'_>,
    article: &ArticleText,
    out: &mut String,
    depth: usize,
    is_root: bool,
) {
    let name = element.value().name();
    if write_leaf(element, out, depth) {
        return;
    }
    let text = element_text(element);
    if !is_root && is_article_text(&text, article) {
        if !is_link_list(element, &text) {
            write_whole(element, out, depth);
            return;
        }
        // A block of links is dropped; a container of them is searched for real text.
        if !has_block_children(element) {
            return;
        }
    }
    if !is_root && text.is_empty() && !has_image(element) {
        return;
    }
    tags::push_open(element, out);
    for child in element.children() {
        match child.value() {
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child) {
                    write_filtered(child, article, out, depth + 1, false);
                }
            }
            Node::Text(text) => {
                let collapsed = collapse(text);
                if is_article_text(&collapsed, article) {
                    let _ = pulldown_cmark_escape::escape_html_body_text(&mut *out, text);
                }
            }
            _ => {}
        }
    }
    tags::push_close(name, out);
}

/// Words in class names and ids of page chrome around images: share buttons, logos, avatars.
const CHROME_HINTS: &[&str] = &[
    "share",
    "social",
    "icon",
    "logo",
    "avatar",
    "profile",
    "sns",
    "btn",
    "button",
    "banner",
    "advert",
    "sponsor",
    "related",
    "recommend",
    "comment",
    "newsletter",
    "subscribe",
    "promo",
    "widget",
    "toolbar",
];

/// A picture of the article, not an icon or a link to another article.
fn is_article_image(element: ElementRef<'_>) -> bool {
    let images: Vec<ElementRef<'_>> = std::iter::once(element)
        .chain(element.descendants().filter_map(ElementRef::wrap))
        .filter(|e| e.value().name() == "img")
        .collect();
    let Some(img) = images.first() else { return element.value().name() == "picture" };
    let value = img.value();
    let src =
        value.attr("data-org-src").or(value.attr("data-src")).or(value.attr("src")).unwrap_or("");
    let small = |attr: &str| {
        value
            .attr(attr)
            .and_then(|v| v.trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|n| n < 100)
    };
    if src.is_empty()
        || src.to_ascii_lowercase().split('?').next().is_some_and(|p| p.ends_with(".svg"))
        || small("width")
        || small("height")
    {
        return false;
    }
    let in_other_link = img.ancestors().filter_map(ElementRef::wrap).any(|a| {
        a.value().name() == "a" && a.value().attr("href").is_some_and(|h| !looks_like_image_url(h))
    });
    let in_chrome =
        img.ancestors().filter_map(ElementRef::wrap).take(6).chain(std::iter::once(*img)).any(
            |a| {
                let names = format!(
                    "{} {}",
                    a.value().attr("class").unwrap_or(""),
                    a.value().attr("id").unwrap_or("")
                )
                .to_ascii_lowercase();
                CHROME_HINTS.iter().any(|hint| names.contains(hint))
            },
        );
    !in_other_link && !in_chrome
}

fn looks_like_image_url(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("").to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"].iter().any(|ext| path.ends_with(ext))
}

/// A block made of links (related articles, tag lists): link text is most of its text.
fn is_link_list(element: ElementRef<'_>, text: &str) -> bool {
    let link_text: usize = element
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a")
        .map(|a| collapse(&a.text().collect::<String>()).chars().count())
        .sum();
    let total = text.chars().count();
    total > 0 && link_text * 2 > total
}

fn has_block_children(element: ElementRef<'_>) -> bool {
    element.children().filter_map(ElementRef::wrap).any(|c| {
        matches!(
            c.value().name(),
            "div"
                | "p"
                | "ul"
                | "ol"
                | "li"
                | "section"
                | "article"
                | "table"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "blockquote"
                | "figure"
        )
    })
}

/// Writes an article element with all its text, still without scripts or chrome images.
fn write_whole(element: ElementRef<'_>, out: &mut String, depth: usize) {
    let name = element.value().name();
    if write_leaf(element, out, depth) {
        return;
    }
    tags::push_open(element, out);
    for child in element.children() {
        match child.value() {
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child) {
                    write_whole(child, out, depth + 1);
                }
            }
            Node::Text(text) => {
                let _ = pulldown_cmark_escape::escape_html_body_text(&mut *out, text);
            }
            _ => {}
        }
    }
    tags::push_close(name, out);
}

fn has_image(element: ElementRef<'_>) -> bool {
    element
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|e| matches!(e.value().name(), "img" | "picture"))
}

/// Elements written whole or not at all: skipped ones (scripts, forms) are dropped, images and
/// figures kept only when they are the article's. Returns whether `element` was handled.
fn write_leaf(element: ElementRef<'_>, out: &mut String, depth: usize) -> bool {
    let name = element.value().name();
    if depth > 256 || SKIPPED.contains(&name) {
        return true;
    }
    if matches!(name, "figure" | "picture" | "img") {
        if is_article_image(element) {
            out.push_str(&element.html());
        }
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_text_collapses_across_text_nodes() {
        let page = Html::parse_document(
            "<body><div id=x>\n  Sen<b>ate</b> votes <i> today </i>\u{a0}<script>x()</script>,  as planned\n</div></body>",
        );
        let div = page.select(&scraper::Selector::parse("#x").unwrap()).next().unwrap();
        let raw: String = div.text().filter(|t| !t.contains("x()")).collect();
        assert_eq!(element_text(div), "Senate votes today , as planned");
        assert_eq!(element_text(div), raw.split_whitespace().collect::<Vec<_>>().join(" "));
        assert_eq!(collapse("  a \t b\n"), "a b");
    }

    #[test]
    fn figures_and_markup_come_back_junk_stays_out() {
        let page = Html::parse_document(
            r#"<html><body><div class="nav"><a href="/">Home</a> Share</div>
            <div class="article">
              <figure><img src="a.jpg" alt="alt"><figcaption>사진 설명</figcaption></figure>
              <p>첫 문단은 <b>굵은 글씨</b>를 포함하며 기사의 시작을 알리는 충분히 긴 문장이다.</p>
              <div class="share">Share <img src="fb.png" width="16"></div>
              <p><a href="/other">다른 기사로 가는 링크 제목이 충분히 길게 이어진다 여기까지</a></p>
              <p>둘째 문단 역시 충분히 길게 써서 기사 본문으로 인정받도록 한다. 끝.</p>
            </div><div class="related"><p>관련 기사 제목이 여기에 나오지만 본문은 아니다.</p></div></body></html>"#,
        );
        let extracted = "<p>첫 문단은 굵은 글씨를 포함하며 기사의 시작을 알리는 충분히 긴 문장이다.</p><p>다른 기사로 가는 링크 제목이 충분히 길게 이어진다 여기까지</p><p>둘째 문단 역시 충분히 길게 써서 기사 본문으로 인정받도록 한다. 끝.</p>";
        let html = aligned_html(&page, extracted).unwrap();
        assert!(html.contains("<figcaption>사진 설명</figcaption>"), "{html}");
        assert!(html.contains("<b>굵은 글씨</b>"), "{html}");
        assert!(
            !html.contains("Share") && !html.contains("관련 기사") && !html.contains("Home"),
            "{html}"
        );
        assert!(html.find("사진 설명") < html.find("첫 문단"), "figure stays in place: {html}");
    }

    #[test]
    fn unalignable_text_gives_none() {
        let page = Html::parse_document(
            "<html><body><p>전혀 다른 내용이 있는 페이지입니다. 충분히 길게 써 둡니다.</p></body></html>",
        );
        assert!(aligned_html(&page, "<p>추출기가 만들어 낸 문장은 페이지에 없는 내용이라서 맞출 수 없습니다. 길게 씁니다.</p>").is_none());
    }
}
