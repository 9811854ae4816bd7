//! The names the scorer judges elements by: tag names (containers that can hold an article,
//! inline elements, tags never part of one) and words in class names and ids (page chrome,
//! article bodies, chrome around images). Word lists, tuned on the corpora, kept apart from the
//! walk ([`super::score`]) so either can be read and changed alone.

use scraper::ElementRef;

use super::tags;
use crate::import::text::looks_like_image_url;

/// Elements that can hold an article.
pub(super) fn is_container(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "article"
            | "section"
            | "main"
            | "td"
            | "body"
            | "form"
            | "center"
            | "font"
            | "span"
            | "blockquote"
    )
}

/// Elements that flow inside a paragraph.
pub(super) fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "br"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "img"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
            | "del"
            | "ins"
            | "strike"
            | "tt"
            | "big"
    )
}

pub(super) fn tag_weight(name: &str) -> f32 {
    match name {
        "div" | "article" | "main" => 5.0,
        "td" | "blockquote" => 3.0,
        "form" => -3.0,
        _ => 0.0,
    }
}

/// Elements never part of an article, by tag, by being hidden, or by a name of page chrome.
pub(super) fn is_junk(element: ElementRef<'_>) -> bool {
    let e = element.value();
    if matches!(
        e.name(),
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "button"
            | "select"
            | "textarea"
            | "input"
            | "nav"
            | "aside"
            | "footer"
            | "header"
            | "svg"
            | "canvas"
            | "object"
            | "embed"
            | "menu"
            | "dialog"
            | "label"
            | "head"
    ) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let style: String =
            style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if matches!(e.name(), "body" | "html" | "article" | "main")
        || e.attr("itemprop") == Some("articleBody")
    {
        return false;
    }
    let names = tags::names(element);
    if names.is_empty() {
        return false;
    }
    let junk_word =
        names.split(|c: char| !c.is_ascii_alphanumeric()).any(|word| JUNK_WORDS.contains(&word));
    if BODY_NAMES.iter().any(|w| names.contains(w)) {
        return false;
    }
    junk_word
        || JUNK_NAMES.iter().any(|w| names.contains(w))
        || (REGION_NAMES.iter().any(|w| names.contains(w))
            && !CONTENT_NAMES.iter().any(|w| names.contains(w)))
}

/// Whole words (between `-`, `_` and spaces) in the names of page chrome, too short to be
/// searched as parts of names ("ad" is in "header").
const JUNK_WORDS: &[&str] = &["ad", "ads", "adv", "advertisement", "tags", "tag", "hidden"];

/// Words in the names of page chrome.
const JUNK_NAMES: &[&str] = &[
    "comment",
    "disqus",
    "reply",
    "replies",
    "share",
    "sharing",
    "social",
    "sns",
    "related",
    "relation",
    "recommend",
    "newsletter",
    "subscribe",
    "breadcrumb",
    "advert",
    "sponsor",
    "promo",
    "cookie",
    "popup",
    "modal",
    "outbrain",
    "taboola",
    "ranking",
    "popular",
    "most-read",
    "trending",
    "read-more",
    "readmore",
    "video-player",
    "more-articles",
    "more-stories",
    "more-news",
];

/// Words in the names of page regions that may also wrap the article ("contentWithSidebar"):
/// chrome only when no word of [`CONTENT_NAMES`] is there too.
const REGION_NAMES: &[&str] = &[
    "sidebar",
    "masthead",
    "navbar",
    "menu",
    "pagination",
    "pager",
    "banner",
    "gnb",
    "lnb",
    "snb",
    "footer",
    "copyright",
    "toolbar",
    "signup",
    "login",
    "rss",
    "print",
];

/// Words that keep a region (Readability's list, with `story`).
const CONTENT_NAMES: &[&str] = &["article", "body", "column", "content", "main", "shadow", "story"];

/// Words in the names of article bodies, which no chrome word overrides.
const BODY_NAMES: &[&str] = &[
    "article-body",
    "article_body",
    "articlebody",
    "story-body",
    "entry-content",
    "post-content",
    "news_body",
    "article_txt",
    "article-text",
];

/// Points for names that say "article" or "chrome".
pub(super) fn name_weight(element: ElementRef<'_>) -> f32 {
    let names = tags::names(element);
    if element.value().attr("itemprop") == Some("articleBody") {
        return 50.0;
    }
    if names.is_empty() {
        return 0.0;
    }
    let mut weight = 0.0;
    if BODY_NAMES.iter().any(|w| names.contains(w)) {
        weight += 25.0;
    }
    if [
        "article", "body", "content", "entry", "main", "post", "text", "story", "news", "view",
        "txt", "cont",
    ]
    .iter()
    .any(|w| names.contains(w))
    {
        weight += 25.0;
    }
    if [
        "comment", "meta", "foot", "sidebar", "sponsor", "share", "related", "widget", "tags",
        "tool", "promo", "ad-", "byline", "author", "caption",
    ]
    .iter()
    .any(|w| names.contains(w))
    {
        weight -= 25.0;
    }
    weight
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
pub(super) fn is_article_image(element: ElementRef<'_>) -> bool {
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
                let names = tags::names(a);
                CHROME_HINTS.iter().any(|hint| names.contains(hint))
            },
        );
    !in_other_link && !in_chrome
}
