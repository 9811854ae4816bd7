//! gloss's own main-content detection: one walk over the page gloss has already parsed.
//!
//! The idea is Readability's, tuned on the article-extraction benchmark and Korean news pages:
//! every paragraph of prose gives points to the elements that contain it (its own block fully,
//! the next one up half, further ones less), a container's points shrink with the share of its
//! text that is link text, and class names and ids that say "article body" or "comments" move
//! it up or down. The best container, with sibling blocks that score nearly as well, is the
//! article; inside it, page chrome (share bars, related links, hidden elements, lists of links)
//! is left out.
//!
//! Why gloss's own: the trafilatura port used before parsed every page a second time, copied it
//! twice and computed metadata and image lists gloss reads itself, which made it four fifths of
//! import time. This walk reuses gloss's parse, and measures as well or better on each corpus
//! (BENCHMARKS.md). Its output is the page's own markup for the chosen region, so links,
//! emphasis, figures and captions survive as they were.
//!
//! This module is the walk and the ranking; [`super::emit`] writes the chosen region out, and
//! [`super::words`] holds the names elements are judged by.

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::node::Node;
use scraper::{ElementRef, Html};

use super::emit::write_content;
use super::tags;
use super::words::{is_article_image, is_container, is_inline, is_junk, name_weight, tag_weight};

/// Deeper elements are not visited (the page limits check rejects far deeper pages).
pub(super) const MAX_DEPTH: usize = 256;

/// A paragraph shorter than this (in characters) is a label or a caption, not prose.
const MIN_PARAGRAPH: usize = 25;

/// What the walk found: the points of each container, and what it measured of every element.
pub(super) struct Walk {
    scores: HashMap<NodeId, f32>,
    measures: HashMap<NodeId, Measure>,
    /// Elements that are never part of an article, not walked into.
    pub(super) junk: HashSet<NodeId>,
}

/// Text of an element, in non-space characters, how much of it is inside links, and its commas
/// (a sign of prose).
#[derive(Clone, Copy, Default)]
struct Measure {
    text: usize,
    link_text: usize,
    commas: usize,
}

impl Measure {
    fn link_density(self) -> f32 {
        if self.text == 0 { 0.0 } else { self.link_text as f32 / self.text as f32 }
    }
}

/// The article's HTML, taken from the page, or `None` when the page has no block of prose.
pub(super) fn article_html(document: &Html) -> Option<String> {
    let body = document
        .root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")?;
    let mut walk = Walk { scores: HashMap::new(), measures: HashMap::new(), junk: HashSet::new() };
    let mut ancestors = Vec::new();
    measure(body, &mut walk, &mut ancestors, 0);
    // A page without a paragraph of prose (a short note, a photo page) is all article, less
    // its chrome: Readability's rule too.
    let best = match best_candidate(body, &walk) {
        Some(best) => best,
        None if !is_link_block(body, &walk) => Best { container: body, score: 0.0, region: body },
        None => return None,
    };
    let mut out = String::new();
    for part in article_parts(best, &walk) {
        tags::push_open(part, &mut out);
        write_content(part, &walk, &mut out, 0);
        tags::push_close(part.value().name(), &mut out);
    }
    (!out.is_empty()).then_some(out)
}

/// Measures `element` and gives its paragraphs' points to the containers above them.
/// `ancestors` holds the ids of the candidate containers from the body down to the parent.
fn measure(
    element: ElementRef<'_>,
    walk: &mut Walk,
    ancestors: &mut Vec<NodeId>,
    depth: usize,
) -> Measure {
    if depth > MAX_DEPTH || is_junk(element) {
        walk.junk.insert(element.id());
        return Measure::default();
    }
    let name = element.value().name();
    let mut total = Measure::default();
    // Prose directly in this element (text nodes and inline elements without blocks inside).
    let (mut inline_text, mut commas) = (0usize, 0usize);
    ancestors.push(element.id());
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                let (chars, c) = count_text(text);
                inline_text += chars;
                commas += c;
                total.text += chars;
                total.commas += c;
            }
            Node::Element(e) => {
                let Some(child) = ElementRef::wrap(child) else { continue };
                let m = measure(child, walk, ancestors, depth + 1);
                total.text += m.text;
                total.commas += m.commas;
                let link_text = if is_link(e) { m.text } else { m.link_text };
                total.link_text += link_text;
                if is_inline(e.name()) && !walk.scores.contains_key(&child.id()) {
                    inline_text += m.text - link_text;
                    commas += m.commas;
                }
            }
            _ => {}
        }
    }
    ancestors.pop();
    walk.measures.insert(element.id(), total);
    if inline_text >= MIN_PARAGRAPH && !is_inline(name) {
        let points = 1.0 + commas as f32 + (inline_text as f32 / 100.0).min(3.0);
        // A `<p>`'s points start at its parent. A container holding text itself (a `<div>` of
        // text and `<br>`s) scores too, and is still a paragraph to its parent, like a `<p>`.
        if is_container(name) {
            *walk.scores.entry(element.id()).or_insert(0.0) += points;
        }
        for (level, id) in ancestors.iter().rev().copied().take(5).enumerate() {
            let share = match level {
                0 => 1.0,
                1 => 0.5,
                n => 1.0 / (n as f32 * 3.0),
            };
            *walk.scores.entry(id).or_insert(0.0) += points * share;
        }
    }
    total
}

/// A link to somewhere: `javascript:` "links" are controls whose text is the page's own.
fn is_link(element: &scraper::node::Element) -> bool {
    element.name() == "a"
        && !element
            .attr("href")
            .is_some_and(|href| href.trim_start().to_ascii_lowercase().starts_with("javascript:"))
}

/// Non-space characters and commas in a text node.
fn count_text(text: &str) -> (usize, usize) {
    let mut chars = 0;
    let mut commas = 0;
    for c in text.chars() {
        if !c.is_whitespace() {
            chars += 1;
            if matches!(c, ',' | '，' | '、') {
                commas += 1;
            }
        }
    }
    (chars, commas)
}

/// The container with the most points once links and names are weighed in, moved up to the
/// element that holds the article when the points are spread over several of its parts.
fn best_candidate<'a>(body: ElementRef<'a>, walk: &Walk) -> Option<Best<'a>> {
    let tree = body.tree();
    let mut ranked: Vec<(ElementRef<'a>, f32)> = walk
        .scores
        .iter()
        .filter_map(|(id, points)| {
            let element = ElementRef::wrap(tree.get(*id)?)?;
            is_container(element.value().name())
                .then(|| (element, final_score(element, *points, walk)))
        })
        .collect();
    // Ties go to the element earlier in the page (the outer one).
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.id().cmp(&b.0.id())));
    let (container, score) = *ranked.first()?;
    let mut top = container;
    // Parts of one article (steps, sections) score alike: when three of the next four (outside
    // the best one and its ancestors) score nearly as well, the nearest element holding three
    // of them is the article.
    let close: Vec<ElementRef<'a>> = ranked
        .iter()
        .skip(1)
        .take(4)
        .filter(|(e, other)| {
            *other >= score * 0.75 && !is_ancestor(*e, top) && !is_ancestor(top, *e)
        })
        .map(|(e, _)| *e)
        .collect();
    if close.len() >= 3
        && let Some(holder) = top
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take_while(|a| a.value().name() != "body")
            .find(|a| close.iter().filter(|c| is_ancestor(*a, **c)).count() >= 3)
    {
        top = holder;
    }
    Some(Best { container, score, region: only_child_parent(top) })
}

/// The best-scoring container, its score, and the region of the page that holds the article
/// (the container or an element above it).
#[derive(Clone, Copy)]
struct Best<'a> {
    container: ElementRef<'a>,
    score: f32,
    region: ElementRef<'a>,
}

/// A container that is its parent's only element is the same region as the parent: the parent
/// holds the article's figures and headings that sit beside the text wrapper.
fn only_child_parent(mut element: ElementRef<'_>) -> ElementRef<'_> {
    while let Some(parent) = element.parent().and_then(ElementRef::wrap) {
        if parent.value().name() == "body"
            || parent.children().filter_map(ElementRef::wrap).count() != 1
        {
            break;
        }
        element = parent;
    }
    element
}

fn final_score(element: ElementRef<'_>, points: f32, walk: &Walk) -> f32 {
    let density = walk.measures.get(&element.id()).map_or(0.0, |m| m.link_density());
    (points + name_weight(element) + tag_weight(element.value().name())) * (1.0 - density)
}

/// The article's region, the siblings that belong with it, and the other sections of an article
/// split over several containers of the best one's kind (same tag and classes), in page order.
fn article_parts<'a>(best: Best<'a>, walk: &Walk) -> Vec<ElementRef<'a>> {
    let mut parts = with_siblings(best.region, walk);
    let seed = best.container;
    let threshold = (best.score * 0.2).max(10.0);
    let Some(class) = seed.value().attr("class").filter(|c| !c.trim().is_empty()) else {
        return parts;
    };
    let tree = seed.tree();
    let sections = walk.scores.iter().filter_map(|(id, points)| {
        let e = ElementRef::wrap(tree.get(*id)?)?;
        (e.value().name() == seed.value().name()
            && e.value().attr("class") == Some(class)
            && final_score(e, *points, walk) >= threshold)
            .then(|| only_child_parent(e))
    });
    for section in sections {
        if !parts.iter().any(|p| p.id() == section.id() || is_ancestor(*p, section)) {
            parts.retain(|p| !is_ancestor(section, *p));
            parts.push(section);
        }
    }
    parts.sort_by_key(|e| e.id());
    parts
}

fn is_ancestor(ancestor: ElementRef<'_>, element: ElementRef<'_>) -> bool {
    element.ancestors().any(|a| a.id() == ancestor.id())
}

/// The best container and the siblings that belong with it, in page order. A sibling belongs
/// when its own paragraphs score (names aside: "article-title" is no prose) at least a fifth of
/// the best's, or when it is a paragraph that reads like one.
fn with_siblings<'a>(top: ElementRef<'a>, walk: &Walk) -> Vec<ElementRef<'a>> {
    let Some(parent) = top.parent().and_then(ElementRef::wrap) else { return vec![top] };
    let points = |e: ElementRef<'_>| walk.scores.get(&e.id()).copied().unwrap_or(0.0);
    let threshold = (points(top) * 0.2).max(10.0);
    let top_class = top.value().attr("class").filter(|c| !c.is_empty());
    parent
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|sibling| {
            if sibling.id() == top.id() {
                return true;
            }
            if walk.junk.contains(&sibling.id()) {
                return false;
            }
            let m = walk.measures.get(&sibling.id()).copied().unwrap_or_default();
            let same_kind = top_class.is_some() && sibling.value().attr("class") == top_class;
            let bonus = if same_kind { points(top) * 0.2 } else { 0.0 };
            if points(*sibling) + bonus >= threshold && m.link_density() < 0.5 {
                return true;
            }
            // A photo beside the text, with at most a caption, belongs to the article.
            if m.text < 300 && m.link_density() < 0.3 && has_article_image(*sibling) {
                return true;
            }
            sibling.value().name() == "p"
                && ((m.text > 80 && m.link_density() < 0.25)
                    || (m.text > 0 && m.link_text == 0 && ends_sentence(*sibling)))
        })
        .collect()
}

fn has_article_image(element: ElementRef<'_>) -> bool {
    element
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|e| e.value().name() == "img" && is_article_image(e))
}

fn ends_sentence(element: ElementRef<'_>) -> bool {
    let text: String = element.text().collect();
    text.trim_end().ends_with(['.', '。', '!', '?', '"', '”'])
}

/// A list, table or box that is mostly links: navigation, "read more", tag clouds.
pub(super) fn is_link_block(element: ElementRef<'_>, walk: &Walk) -> bool {
    let name = element.value().name();
    let m = walk.measures.get(&element.id()).copied().unwrap_or_default();
    // A paragraph that is one short link is a teaser ("READ MORE … BY CLICKING HERE").
    if name == "p" {
        return m.text < 150 && m.link_density() >= 0.9;
    }
    // Items are judged with their list or table.
    if is_inline(name) || matches!(name, "li" | "dt" | "dd" | "tr" | "td" | "th" | "tbody") {
        return false;
    }
    m.text > 0 && m.link_density() > 0.5 && walk.scores.get(&element.id()).is_none_or(|p| *p < 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract(body: &str) -> String {
        article_html(&Html::parse_document(&format!("<html><body>{body}</body></html>")))
            .unwrap_or_default()
    }

    fn prose(words: &str, n: usize) -> String {
        format!("{words}, ").repeat(n)
    }

    #[test]
    fn prose_region_wins_over_page_chrome() {
        let p = prose("The committee met on Tuesday to review the budget", 3);
        let html = extract(&format!(
            r#"<nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <div class="sidebar"><p>{p}</p></div>
            <div class="story"><p>First: {p}</p><div class="share-bar">Share on Facebook</div>
              <p>Second: <b>bold</b> {p}</p><p>Third: {p}</p></div>
            <div id="comments"><p>Reader comment: {p}</p></div>
            <ul class="links"><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul>"#
        ));
        assert!(html.contains("First:") && html.contains("Third:"), "{html}");
        assert!(html.contains("<b>bold</b>"), "markup is kept: {html}");
        for junk in ["Home", "Share on", "Reader comment", "Other story"] {
            assert!(!html.contains(junk), "{junk} leaked: {html}");
        }
    }

    #[test]
    fn korean_text_div_with_line_breaks_is_an_article() {
        let line = "정부는 17일 반도체 지원 방안을 발표했다. 업계는 환영의 뜻을 밝혔다.";
        let body = [line; 6].join("<br><br>");
        let html = extract(&format!(
            r#"<div class="gnb"><a href="/">홈</a></div>
            <div class="view"><h1>제목</h1><div id="article_body">{body}</div>
            <div class="reporter">김민석 기자</div></div>
            <div class="ranking"><ol><li><a href="/1">많이 본 뉴스 하나</a></li></ol></div>"#
        ));
        assert!(html.contains("정부는 17일") && html.contains("<br>"), "{html}");
        assert!(!html.contains("많이 본") && !html.contains("<h1>"), "{html}");
    }

    #[test]
    fn sections_of_one_article_are_all_kept_in_order() {
        let p = prose("Researchers traced the receptors through the body", 4);
        let section = |n: &str| {
            format!(
                r#"<section class="outer"><div class="wrap"><div class="post__content"><p>{n} {p}</p><p>{p}</p></div></div></section>"#
            )
        };
        let html = extract(&format!(
            r#"<div class="page">{}<figure><img src="/a.jpg"><figcaption>Cells</figcaption></figure>{}<div class="gap"></div>{}</div><footer><p>{p}</p></footer>"#,
            section("ONE"),
            section("TWO"),
            section("THREE")
        ));
        let (one, two, three) = (html.find("ONE"), html.find("TWO"), html.find("THREE"));
        assert!(one.is_some() && one < two && two < three, "{html}");
    }

    #[test]
    fn hidden_elements_are_left_out() {
        let p = prose("Visible prose of the article goes on here", 4);
        let html = extract(&format!(
            r#"<article><p>{p}</p><p style="display: none">HIDDEN ONE {p}</p><div hidden>HIDDEN TWO</div>
            <p aria-hidden="true">HIDDEN THREE</p><p>{p}</p></article>"#
        ));
        assert!(html.contains("Visible prose"), "{html}");
        assert!(!html.contains("HIDDEN"), "{html}");
    }

    #[test]
    fn steps_that_score_alike_are_held_together() {
        let step = |n: usize| {
            let p = prose(&format!("Step {n} tells the reader what to do next"), 2);
            // As on real how-to pages: the first step is marked apart (`content lead`), so no
            // two texts share their classes, and each step has a heading beside its text, so
            // no text wrapper is the only child of its step.
            let class = if n == 1 { "content lead" } else { "content" };
            format!(
                r#"<div class="step"><h3>Step {n}</h3><div><div class="{class}">STEP{n} {p}</div></div></div>"#
            )
        };
        let steps: String = (1..=5).map(step).collect();
        let html = extract(&format!(
            r#"<div class="steps">{steps}</div><div class="promo"><p>{}</p></div>"#,
            prose("Buy our product today", 3)
        ));
        for n in 1..=5 {
            assert!(html.contains(&format!("STEP{n}")), "step {n} missing: {html}");
        }
        assert!(!html.contains("Buy our"), "{html}");
    }

    #[test]
    fn a_region_named_for_content_is_not_chrome() {
        let p = prose("Weblog text that is the whole point of the page", 4);
        let html = extract(&format!(
            r#"<div id="contentWithSidebar"><div id="post"><p>{p}</p><p>{p}</p></div></div>"#
        ));
        assert!(html.contains("Weblog text"), "{html}");
    }

    #[test]
    fn teaser_links_go_lists_of_prose_stay() {
        let p = prose("A long paragraph about markets and the economy", 4);
        let item = prose("A list item with a sentence and a link in it", 1);
        let html = extract(&format!(
            r#"<div class="article-body"><p>{p}</p><p><strong><a href="/x">READ MORE BY CLICKING HERE</a></strong></p>
            <ol><li><a href="/1">{item}</a> more words after the link to keep it prose</li><li>{item}</li></ol><p>{p}</p></div>"#
        ));
        assert!(!html.contains("READ MORE"), "{html}");
        assert!(html.contains("<li>"), "{html}");
    }

    #[test]
    fn article_figures_stay_chrome_images_go() {
        let p = prose("Photo essay text explaining what is seen", 4);
        let html = extract(&format!(
            r#"<div class="article"><p>{p}</p><figure><img src="/photo.jpg" alt="A photo"><button class="btn_zoom"><span>사진 확대</span></button><figcaption>사진 설명</figcaption></figure>
            <p>{p}</p><span class="sns"><img src="/fb.png" width="16"></span><img src="/logo.svg"></div>"#
        ));
        assert!(html.contains("<figcaption>사진 설명</figcaption>"), "{html}");
        assert!(!html.contains("사진 확대"), "a control inside the figure stays out: {html}");
        assert!(!html.contains("fb.png") && !html.contains("logo.svg"), "{html}");
    }

    #[test]
    fn a_page_of_links_has_no_article_a_short_note_is_all_article() {
        let links =
            "<html><body><div><a href='/'>Home</a> <a href='/a'>About</a></div></body></html>";
        assert_eq!(article_html(&Html::parse_document(links)), None);
        let note = "<html><body><nav><a href='/'>Home</a></nav><p>abc</p><p>def</p></body></html>";
        let html = article_html(&Html::parse_document(note)).unwrap_or_default();
        assert!(html.contains("<p>abc</p><p>def</p>") && !html.contains("Home"), "{html}");
    }
}
