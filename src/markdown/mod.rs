//! gloss's Markdown dialect, and Markdown → HTML for bodies. A leaf module: import writes this
//! dialect (and reads it back for `--text`), annotation renders article bodies with it, render
//! renders section introductions and term definitions.
//!
//! pulldown-cmark parses; a short pipeline of event rewrites runs before the HTML writer:
//! 1. adjacent text events are merged (later annotations need whole runs of text);
//! 2. links are rewritten by the caller's [`Annotate::links`] (links between content files);
//! 3. headings get ids that keep Hangul (`## 생각 사슬` → `id="생각-사슬"`), made unique;
//! 4. text is rewritten by [`Annotate::text`] (glossary terms);
//! 5. a paragraph holding only an image becomes a `<figure>` whose `<figcaption>` is the image
//!    title: `![alt](src "caption")` is how articles keep captions visible in plain Markdown;
//! 6. link and image URLs with an executable scheme (`javascript:`, `vbscript:`, `data:`) are
//!    dropped.
//!
//! Raw HTML in Markdown is allowed, but an article body is hostile input (it may come from a
//! scraped page), so when a body contains any raw HTML the finished HTML goes through ammonia's
//! allow-list, its formatting elements bounded first ([`crate::limits::formatting`]). Bodies
//! without raw HTML skip that pass: pulldown-cmark escapes all text itself.

pub mod text;

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, TextMergeStream};

use crate::slug::slugify;

/// The Markdown extensions gloss turns on (also used by `gloss import --text`, so the text it
/// prints is the body as the site renders it).
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub struct RenderedMarkdown {
    /// Safe HTML.
    pub html: String,
    /// Image URLs shown in the body, so templates do not show them twice.
    pub image_urls: Vec<String>,
}

/// What annotation adds to a body while it is rendered. The unit type adds nothing.
pub trait Annotate {
    /// Rewrites links right after parsing (links to other content files become their URLs).
    fn links<'a>(&mut self, events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        events
    }

    /// Rewrites text once headings have their ids (glossary terms become links).
    fn text<'a>(&mut self, events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        events
    }

    /// A figure caption as HTML: escaped, and annotated like the text.
    fn caption(&mut self, text: &str) -> String {
        let mut html = String::new();
        push_escaped(&mut html, text);
        html
    }
}

impl Annotate for () {}

/// Renders a Markdown body to safe HTML.
pub fn render(markdown: &str) -> RenderedMarkdown {
    render_annotated(markdown, &mut ())
}

/// Renders a body, with `annotate` rewriting its links, text and captions.
pub fn render_annotated(markdown: &str, annotate: &mut dyn Annotate) -> RenderedMarkdown {
    let mut events: Vec<Event<'_>> =
        TextMergeStream::new(Parser::new_ext(markdown, options())).collect();
    events = annotate.links(events);
    let has_raw_html = events.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    if has_raw_html && raw_html_depth(&events) > crate::limits::MAX_NESTING {
        // The sanitiser's parser is quadratic in nesting depth; such markup is shown as text.
        events = events.into_iter().map(html_as_text).collect();
    }
    let mut image_urls = Vec::new();
    let events = add_heading_ids(normalize_heading_levels(events));
    let events = annotate.text(events);
    let events = make_figures(events, &mut image_urls, annotate);
    let events = events.into_iter().map(drop_dangerous_urls);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    if has_raw_html {
        // The sanitiser parses with html5ever, which re-opens every formatting element left
        // open in each new block: bounded first, as imported pages are (see: #18, #19).
        let bounded = crate::limits::formatting::cap_formatting(&html);
        html = sanitizer().clean(&bounded).to_string();
    }
    RenderedMarkdown { html, image_urls }
}

/// How deep the raw HTML of a body nests once its formatting elements are bounded, as the
/// sanitiser will see it (and as `gloss import` measures a page): formatting elements left open
/// are capped, not counted as nesting.
fn raw_html_depth(events: &[Event<'_>]) -> usize {
    let html: String = events
        .iter()
        .filter_map(|e| match e {
            Event::Html(html) | Event::InlineHtml(html) => Some(html.as_ref()),
            _ => None,
        })
        .collect();
    crate::limits::nesting_depth(&crate::limits::formatting::cap_formatting(&html))
}

fn html_as_text(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    }
}

/// Shifts body headings so that they start at `h2` (the page's title is its one `h1`) and never
/// skip a level: an outline with a gap (`h1` then `h3`) is invalid HTML and confuses screen
/// readers, and imported or hand-written bodies often start at `###`. The shallowest level
/// becomes `h2`, deeper ones keep their distance, but never more than one below the heading
/// before them.
fn normalize_heading_levels(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    use pulldown_cmark::HeadingLevel;
    let levels = events.iter().filter_map(|e| match e {
        Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
        _ => None,
    });
    let Some(shallowest) = levels.min() else { return events };
    let mut previous = 1;
    let mut open = Vec::new();
    for event in &mut events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let wanted = *level as usize + 2 - shallowest;
                let new = wanted.clamp(2, previous + 1).min(6);
                *level = HeadingLevel::try_from(new).unwrap_or(HeadingLevel::H6);
                previous = new;
                open.push(*level);
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(opened) = open.pop() {
                    *level = opened;
                }
            }
            _ => {}
        }
    }
    events
}

/// Gives every heading without an explicit `{#id}` an id from its text.
fn add_heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            for event in &events[i + 1..] {
                match event {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
            }
            let id = unique_id(&mut used, &text);
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id));
            }
        }
        i += 1;
    }
    events
}

fn unique_id(used: &mut HashSet<String>, text: &str) -> String {
    let mut base = slugify(text, false);
    if base.is_empty() {
        base = "section".to_owned();
    }
    let mut id = base.clone();
    let mut n = 1;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// Turns `<p><img title=caption></p>` into `<figure><img><figcaption>caption</figcaption></figure>`.
fn make_figures<'a>(
    events: Vec<Event<'a>>,
    image_urls: &mut Vec<String>,
    annotate: &mut dyn Annotate,
) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let Some((figure, consumed)) = figure_at(&events[i..], annotate) {
            out.push(Event::Html(CowStr::from(figure.html)));
            image_urls.push(figure.src);
            i += consumed;
            continue;
        }
        if let Event::Start(Tag::Image { dest_url, .. }) = &events[i] {
            image_urls.push(dest_url.to_string());
        }
        out.push(events[i].clone());
        i += 1;
    }
    out
}

struct Figure {
    html: String,
    src: String,
}

/// Recognises `Start(Paragraph) Start(Image) Text* End(Image) End(Paragraph)`.
fn figure_at(events: &[Event<'_>], annotate: &mut dyn Annotate) -> Option<(Figure, usize)> {
    let [Event::Start(Tag::Paragraph), Event::Start(Tag::Image { dest_url, title, .. }), rest @ ..] =
        events
    else {
        return None;
    };
    let mut alt = String::new();
    let mut j = 0;
    loop {
        match rest.get(j)? {
            Event::End(TagEnd::Image) => break,
            Event::Text(t) | Event::Code(t) => alt.push_str(t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
        j += 1;
    }
    if !matches!(rest.get(j + 1)?, Event::End(TagEnd::Paragraph)) {
        return None;
    }
    let src = if is_dangerous_url(dest_url) { String::new() } else { dest_url.to_string() };
    let mut html = String::from("<figure class=\"figure\"><img src=\"");
    push_escaped_href(&mut html, &src);
    html.push_str("\" alt=\"");
    push_escaped(&mut html, &alt);
    html.push_str("\" loading=\"lazy\">");
    if !title.trim().is_empty() {
        html.push_str("<figcaption>");
        html.push_str(&annotate.caption(title.trim()));
        html.push_str("</figcaption>");
    }
    html.push_str("</figure>\n");
    Some((Figure { html, src }, j + 4))
}

fn push_escaped(out: &mut String, text: &str) {
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut *out, text);
}

fn push_escaped_href(out: &mut String, url: &str) {
    let _ = pulldown_cmark_escape::escape_href(&mut *out, url);
}

/// Empties link and image destinations that could run code.
fn drop_dangerous_urls(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id })
            if is_dangerous_url(&dest_url) =>
        {
            Event::Start(Tag::Link { link_type, dest_url: CowStr::Borrowed(""), title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id })
            if is_dangerous_url(&dest_url) =>
        {
            Event::Start(Tag::Image { link_type, dest_url: CowStr::Borrowed(""), title, id })
        }
        other => other,
    }
}

/// Whether a URL has a scheme that executes or embeds content. Browsers ignore ASCII whitespace
/// and control characters inside the scheme (`java\tscript:`), so those are removed before looking.
pub fn is_dangerous_url(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take_while(|c| *c != ':' && *c != '/' && *c != '?' && *c != '#')
        .collect::<String>()
        .to_ascii_lowercase();
    let has_scheme = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .nth(scheme.chars().count())
        == Some(':');
    has_scheme && matches!(scheme.as_str(), "javascript" | "vbscript" | "data" | "livescript")
}

/// The allow-list for bodies with raw HTML: ammonia's defaults (no scripts, handlers or styles;
/// safe URL schemes only) plus what the theme and figures need.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_tags(["figure", "figcaption", "section", "aside", "mark", "time", "input"])
            .add_generic_attributes(["id", "class", "lang", "dir", "title"])
            .add_tag_attributes("a", ["aria-describedby"])
            .add_tag_attributes("span", ["role"])
            .add_tag_attributes("img", ["loading", "width", "height"])
            .add_tag_attributes("time", ["datetime"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("td", ["align"])
            .add_tag_attributes("th", ["align"])
            .link_rel(Some("noopener noreferrer"));
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_on() {
        let html =
            render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ text[^1]\n\n[^1]: note\n").html;
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    // See: #24. Imported bodies kept the source's levels: `h1` then `h3` on 22 pages.
    #[test]
    fn body_headings_start_at_h2_and_never_skip_a_level() {
        let html = render("### A\n\n##### B\n\n###### C\n\n#### D\n\n### E\n").html;
        let levels: Vec<&str> = html.matches("<h").map(|_| "").collect();
        assert_eq!(levels.len(), 5, "{html}");
        for (tag, text) in [("h2", "A"), ("h3", "B"), ("h4", "C"), ("h3", "D"), ("h2", "E")] {
            assert!(
                html.contains(&format!("<{tag} id=\"{}\">{text}</{tag}>", text.to_lowercase())),
                "{tag} {text}: {html}"
            );
        }
        let html = render("# Title again\n\n## Part\n").html;
        assert!(
            html.contains("<h2 id=\"title-again\">") && html.contains("<h3 id=\"part\">"),
            "{html}"
        );
    }

    #[test]
    fn hangul_heading_ids_are_unique() {
        let html = render("## 생각 사슬\n\n## 생각 사슬\n\n## Intro {#custom}\n").html;
        assert!(html.contains("<h2 id=\"생각-사슬\">"), "{html}");
        assert!(html.contains("<h2 id=\"생각-사슬-1\">"), "{html}");
        assert!(html.contains("<h2 id=\"custom\">"), "{html}");
    }

    #[test]
    fn lone_image_with_title_becomes_a_figure() {
        let out = render(
            "Text.\n\n![사진 설명](https://e.com/a.jpg \"나델라 CEO & 올트먼\")\n\nMore ![inline](b.png).\n",
        );
        assert!(
            out.html.contains(
                "<figure class=\"figure\"><img src=\"https://e.com/a.jpg\" alt=\"사진 설명\""
            ),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("<figcaption>나델라 CEO &amp; 올트먼</figcaption>"),
            "{}",
            out.html
        );
        assert!(out.html.contains("<img src=\"b.png\" alt=\"inline\""), "{}", out.html);
        assert_eq!(out.image_urls, vec!["https://e.com/a.jpg", "b.png"]);
    }

    #[test]
    fn dangerous_urls_are_dropped() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            " data:text/html,x",
            "vbscript:x",
        ] {
            assert!(is_dangerous_url(url), "{url}");
        }
        for url in ["https://e.com/javascript:x", "/a/b", "#x", "mailto:a@b.c", "page.md"] {
            assert!(!is_dangerous_url(url), "{url}");
        }
        let html = render("[x](javascript:alert(1)) ![y](data:image/svg+xml,abc)").html;
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("data:"), "{html}");
    }

    #[test]
    fn raw_html_is_sanitised() {
        let html = render("<script>alert(1)</script>\n\n<p onclick=\"x()\">hi <b>there</b></p>\n\n<img src=x onerror=alert(1)>\n").html;
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(html.contains("<b>there</b>"), "{html}");
    }
}
