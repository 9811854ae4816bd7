//! Linking terms inside one article's Markdown events.
//!
//! Runs on the event stream after adjacent text events are merged, so a term split across
//! events by the parser is still found. Only plain text is touched: never inside headings,
//! code, existing links or image descriptions (alt text). Each link carries its definition in
//! the page as a `role="tooltip"` element the link points to with `aria-describedby`, so the
//! definition is there for screen readers and for a CSS-only tooltip.
//! `[[term]]` and `[[term|shown text]]` (pulldown-cmark wikilinks) force a link anywhere; an
//! unknown term is reported, not guessed.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::Glossary;

/// A term found in an article, for the term page's backlinks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermUse {
    /// Term id in [`Glossary::terms`].
    pub term: usize,
    /// The sentence it occurs in, plain text.
    pub sentence: String,
}

/// State of linking one article (or one of its parts: body, captions, timeline).
pub struct Linker<'g> {
    glossary: &'g Glossary,
    article: Option<usize>,
    link_all: bool,
    autolink: bool,
    /// `/repo/glossary/`: where term pages live.
    pages: String,
    /// Prefix of tooltip ids, unique per page part (`b` body, `t` timeline …).
    id_prefix: String,
    next_id: usize,
    linked: HashSet<usize>,
    /// Terms used, first occurrence each, in order.
    pub uses: Vec<TermUse>,
    /// `[[name]]` links naming no term.
    pub unknown: Vec<String>,
}

impl<'g> Linker<'g> {
    /// A linker for `article` (its index, for its own definitions). `pages` is the URL path of
    /// the glossary index, ending in `/`.
    pub fn new(
        glossary: &'g Glossary,
        article: Option<usize>,
        pages: &str,
        id_prefix: &str,
        link_all: bool,
        autolink: bool,
    ) -> Self {
        Linker {
            glossary,
            article,
            link_all,
            autolink,
            pages: pages.to_owned(),
            id_prefix: id_prefix.to_owned(),
            next_id: 0,
            linked: HashSet::new(),
            uses: Vec::new(),
            unknown: Vec::new(),
        }
    }

    /// A linker for another part of the same page: same uses, fresh "first occurrence" state
    /// and its own tooltip ids.
    pub fn part(&mut self, id_prefix: &str) -> &mut Self {
        self.id_prefix = id_prefix.to_owned();
        self.next_id = 0;
        self.linked.clear();
        self
    }

    /// Rewrites events: terms in text become links with tooltips; wikilinks resolve.
    pub fn link_events<'a>(&mut self, events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        let mut out = Vec::with_capacity(events.len());
        let mut skip_depth = 0usize;
        // Elements opened in raw HTML (`<a href>…</a>`, `<code>`) whose text is left alone too.
        let mut raw_skip = RawHtmlSkip::default();
        let mut wikilink: Option<(usize, String)> = None;
        // An unknown `[[term]]` is reported and shown as its text: a link to nowhere would only
        // be a second, vaguer error.
        let mut unknown_open = false;
        for event in events {
            if matches!(event, Event::End(TagEnd::Paragraph)) {
                // A paragraph closes the inline elements left open in it, as a browser does.
                raw_skip = RawHtmlSkip::default();
            }
            match event {
                Event::Start(Tag::Link {
                    link_type: LinkType::WikiLink { .. },
                    ref dest_url,
                    ..
                }) => {
                    match self.glossary.find(dest_url) {
                        Some(id) => {
                            let tip = self.tooltip_id();
                            out.push(Event::Html(CowStr::from(self.open_link(id, &tip))));
                            wikilink = Some((id, tip));
                            self.record_use(id, dest_url);
                        }
                        None => {
                            self.unknown.push(dest_url.to_string());
                            unknown_open = true;
                        }
                    }
                    skip_depth += 1;
                }
                Event::End(TagEnd::Link) if unknown_open => {
                    skip_depth = skip_depth.saturating_sub(1);
                    unknown_open = false;
                }
                Event::End(TagEnd::Link) if wikilink.is_some() => {
                    skip_depth = skip_depth.saturating_sub(1);
                    if let Some((id, tip)) = wikilink.take() {
                        out.push(Event::Html(CowStr::from(format!(
                            "</a>{}",
                            self.tooltip(id, &tip)
                        ))));
                    }
                }
                Event::Start(ref tag) if skips(tag) => {
                    skip_depth += 1;
                    out.push(event);
                }
                Event::End(ref tag) if skips_end(tag) => {
                    skip_depth = skip_depth.saturating_sub(1);
                    out.push(event);
                }
                Event::Html(ref html) | Event::InlineHtml(ref html) => {
                    raw_skip.scan(html);
                    out.push(event);
                }
                Event::Text(text) if skip_depth == 0 && raw_skip.is_clear() && self.autolink => {
                    let html = self.link_text(&text);
                    if html.linked {
                        out.push(Event::Html(CowStr::from(html.html)));
                    } else {
                        out.push(Event::Text(text));
                    }
                }
                other => out.push(other),
            }
        }
        out
    }

    /// Links terms in plain text (a caption, a timeline entry) and returns escaped HTML.
    pub fn link_plain(&mut self, text: &str) -> String {
        if self.autolink { self.link_text(text).html } else { escape(text) }
    }

    fn link_text(&mut self, text: &str) -> Linked {
        let mut html = String::with_capacity(text.len() + 16);
        let mut at = 0;
        let mut linked = false;
        for found in self.glossary.matcher().find_all(text) {
            if self.glossary.is_excluded(found.term_id) {
                continue;
            }
            self.record_use(found.term_id, &sentence_around(text, found.start, found.end));
            if !self.link_all && self.linked.contains(&found.term_id) {
                continue;
            }
            self.linked.insert(found.term_id);
            html.push_str(&escape(&text[at..found.start]));
            let tip = self.tooltip_id();
            html.push_str(&self.open_link(found.term_id, &tip));
            html.push_str(&escape(&text[found.start..found.end]));
            html.push_str("</a>");
            html.push_str(&self.tooltip(found.term_id, &tip));
            at = found.end;
            linked = true;
        }
        html.push_str(&escape(&text[at..]));
        Linked { html, linked }
    }

    fn record_use(&mut self, term: usize, sentence: &str) {
        if !self.uses.iter().any(|u| u.term == term) {
            self.uses.push(TermUse { term, sentence: sentence.to_owned() });
        }
    }

    fn tooltip_id(&mut self) -> String {
        self.next_id += 1;
        format!("term-{}{}", self.id_prefix, self.next_id)
    }

    fn open_link(&self, id: usize, tip: &str) -> String {
        let slug = &self.glossary.terms[id].slug;
        format!(
            "<a class=\"term\" href=\"{}{}/\" aria-describedby=\"{tip}\">",
            escape(&self.pages),
            escape(slug)
        )
    }

    fn tooltip(&self, id: usize, tip: &str) -> String {
        let definition = self.glossary.definition_for(id, self.article);
        let name = &self.glossary.terms[id].name;
        format!(
            "<span class=\"term-tip\" role=\"tooltip\" id=\"{tip}\"><strong>{}</strong> {}</span>",
            escape(name),
            escape(definition)
        )
    }
}

/// A linker annotates a body as it is rendered: terms in text and in figure captions.
impl crate::markdown::Annotate for Linker<'_> {
    fn text<'a>(&mut self, events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        self.link_events(events)
    }

    fn caption(&mut self, text: &str) -> String {
        self.link_plain(text)
    }
}

struct Linked {
    html: String,
    linked: bool,
}

/// Elements opened and closed in raw HTML whose text is never auto-linked: links (a term link
/// inside `<a>` would nest links, which HTML forbids), code, headings and the like.
#[derive(Default)]
struct RawHtmlSkip {
    open: usize,
}

impl RawHtmlSkip {
    const SKIPPED: &'static [&'static str] = &[
        "a", "code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "button", "h1",
        "h2", "h3", "h4", "h5", "h6", "svg", "math", "title",
    ];

    fn is_clear(&self) -> bool {
        self.open == 0
    }

    /// Counts the skipped elements that `html`'s tags open and close.
    fn scan(&mut self, html: &str) {
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let closing = rest.starts_with('/');
            let name_start = usize::from(closing);
            let name: String = rest[name_start..]
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if !Self::SKIPPED.contains(&name.as_str()) {
                continue;
            }
            let tag_end = rest.find('>').unwrap_or(rest.len());
            if closing {
                self.open = self.open.saturating_sub(1);
            } else if !rest[..tag_end].ends_with('/') {
                self.open += 1;
            }
        }
    }
}

/// Elements whose text is never auto-linked.
fn skips(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Heading { .. }
            | Tag::CodeBlock(_)
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::MetadataBlock(_)
    )
}

fn skips_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::MetadataBlock(_)
    )
}

/// The sentence of `text` holding `start..end`: from the previous sentence end to the next,
/// at most 300 characters.
fn sentence_around(text: &str, start: usize, end: usize) -> String {
    let is_end = |c: char| matches!(c, '.' | '?' | '!' | '。' | '\n');
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| is_end(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .char_indices()
        .find(|(_, c)| is_end(*c))
        .map_or(text.len(), |(i, c)| end + i + c.len_utf8());
    let sentence = text[from..to].trim();
    if sentence.chars().count() <= 300 {
        sentence.to_owned()
    } else {
        sentence.chars().take(300).collect::<String>() + "…"
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{GlossaryConfig, LinkMode};
    use crate::content::front_matter::GlossaryEntry;
    use pulldown_cmark::{Options, Parser, TextMergeStream};

    fn glossary() -> Glossary {
        let entry = |term: &str, definition: &str| GlossaryEntry {
            term: term.into(),
            definition: definition.into(),
            aliases: Vec::new(),
            case_sensitive: None,
        };
        let site = vec![
            entry("생각 사슬", "단계별로 *사고*하는 방식."),
            entry("AGI", "범용인공지능."),
            entry("API", "응용프로그램 인터페이스."),
        ];
        Glossary::build(
            &site,
            &[],
            &GlossaryConfig {
                autolink: true,
                link: LinkMode::First,
                exclude: vec![],
                paginate_by: 200,
            },
            false,
        )
    }

    fn render(markdown: &str, link_all: bool) -> (String, Linker<'static>) {
        let glossary: &'static Glossary = Box::leak(Box::new(glossary()));
        let mut linker = Linker::new(glossary, None, "/g/", "b", link_all, true);
        let events: Vec<Event<'_>> =
            TextMergeStream::new(Parser::new_ext(markdown, Options::ENABLE_WIKILINKS)).collect();
        let events = linker.link_events(events);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        (html, linker)
    }

    #[test]
    fn seed_terms_are_linked_with_tooltips() {
        let (html, linker) = render(
            "최근엔 '생각 사슬'(chain-of-thought) 기법을 썼다. MS는 연내 MAI 모델을 API 형태로 공개. 'AGI 달성 시'",
            false,
        );
        assert!(html.contains("<a class=\"term\" href=\"/g/생각-사슬/\" aria-describedby=\"term-b1\">생각 사슬</a><span class=\"term-tip\" role=\"tooltip\" id=\"term-b1\"><strong>생각 사슬</strong> 단계별로 사고하는 방식.</span>"), "{html}");
        assert!(html.contains(">API</a>") && html.contains(">AGI</a>"), "{html}");
        assert_eq!(linker.uses.len(), 3);
        assert_eq!(linker.uses[0].sentence, "최근엔 '생각 사슬'(chain-of-thought) 기법을 썼다.");
    }

    #[test]
    fn only_the_first_occurrence_unless_all() {
        let (first, _) = render("AGI는 AGI다.", false);
        assert_eq!(first.matches("class=\"term\"").count(), 1, "{first}");
        let (all, _) = render("AGI는 AGI다.", true);
        assert_eq!(all.matches("class=\"term\"").count(), 2, "{all}");
        assert!(all.contains("term-b2"), "tooltip ids are unique: {all}");
    }

    #[test]
    fn never_inside_headings_code_links_or_alt_text() {
        let (html, linker) =
            render("# AGI\n\n`AGI` [AGI](https://x.org) ![AGI](a.png)\n\n```\nAGI\n```\n", false);
        assert!(!html.contains("class=\"term\""), "{html}");
        assert!(linker.uses.is_empty());
    }

    // See: #18. `<a href="…">about AGI</a>` rendered as `<a>about </a><a class="term">AGI</a>`,
    // and with `link = "all"` raw `<code>AGI</code>` got a link.
    #[test]
    fn terms_inside_raw_html_links_and_code_are_left_alone() {
        let (html, _) = render(
            "<a href=\"https://x.org\">about AGI</a> and <code>AGI</code>, <CODE>AGI</CODE>. AGI.",
            true,
        );
        assert_eq!(html.matches("class=\"term\"").count(), 1, "{html}");
        assert!(html.contains("<a href=\"https://x.org\">about AGI</a>"), "{html}");
        assert!(html.contains("<code>AGI</code>"), "{html}");
        assert!(html.ends_with("aria-describedby=\"term-b1\">AGI</a><span class=\"term-tip\" role=\"tooltip\" id=\"term-b1\"><strong>AGI</strong> 범용인공지능.</span>.</p>\n"), "{html}");
    }

    #[test]
    fn wikilinks_force_a_link_and_unknown_ones_are_reported() {
        let (html, linker) =
            render("# 제목 [[AGI]]\n\n[[생각 사슬|이 기법]]과 [[없는 용어]].", false);
        assert!(html.contains("<h1>제목 <a class=\"term\" href=\"/g/agi/\""), "{html}");
        assert!(html.contains(">이 기법</a><span class=\"term-tip\""), "{html}");
        assert_eq!(linker.unknown, vec!["없는 용어"]);
    }

    #[test]
    fn text_is_escaped_around_links() {
        let glossary: &'static Glossary = Box::leak(Box::new(glossary()));
        let mut linker = Linker::new(glossary, None, "/g/", "c", false, true);
        assert_eq!(
            linker.link_plain("<b> & AGI"),
            "&lt;b&gt; &amp; <a class=\"term\" href=\"/g/agi/\" aria-describedby=\"term-c1\">AGI</a><span class=\"term-tip\" role=\"tooltip\" id=\"term-c1\"><strong>AGI</strong> 범용인공지능.</span>"
        );
    }
}
