//! The head of an article: its title and its summary (subtitle or deck).
//!
//! Titles: pages repeat the headline in `<h1>`, `og:title`, JSON-LD and `<title>`, the last two
//! often with the site name appended (`제목 | 한국일보`, `Title - The Site`). An `<h1>` that the
//! declared titles contain is the cleanest; otherwise the declared title loses its site suffix.
//! Summaries: newspapers mark subtitles with class names in a handful of spellings
//! (`summary`, `subtitle`, `sub-tit`, `midtitle`, `standfirst`, `deck`); the first such element
//! with a plausible amount of text, outside navigation and lists, is the summary, lines kept.

use scraper::{ElementRef, Html, Selector};

use crate::import::metadata::DeclaredMeta;
use crate::import::text::{built_in_selector, clean_text, text_with_lines};

const TITLE_SEPARATORS: &[&str] =
    &[" | ", " - ", " – ", " — ", " :: ", " : ", "ㅣ", " · ", " « ", " » "];
const DUMP_MARKERS: &[&str] = &[
    "작성일",
    "입력",
    "기사입력",
    "등록",
    "수정",
    "승인",
    "업데이트",
    "목록",
    "Published",
    "Updated",
];
const SUMMARY_HINTS: &[&str] = &[
    "summary",
    "subtitle",
    "sub_title",
    "sub-title",
    "subtit",
    "sub-tit",
    "sub_tit",
    "subhead",
    "sub-head",
    "sub_head",
    "midtitle",
    "mid_title",
    "mid-title",
    "standfirst",
    "deck",
    "article-lead",
    "article_lead",
    "lede",
    "dek",
];

static H1: std::sync::LazyLock<Selector> = std::sync::LazyLock::new(|| built_in_selector("h1"));
static HEADINGS: std::sync::LazyLock<Selector> =
    std::sync::LazyLock::new(|| built_in_selector("h1, h2"));

/// What happens to a site's name inside a declared title (`제목 | 한국일보`, `Title - eHow`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SiteNamePolicy {
    /// Remove it: the site is the article's `source`, and an archive's lists read better
    /// without forty copies of `| 한국일보`. fundus's reference titles are cut this way.
    #[default]
    Strip,
    /// Keep a title declared in a meta tag or JSON-LD as the page declares it; only the
    /// `<title>` element, which nearly always carries the site's name, is cut, with
    /// Readability's rules (`[import] keep_site_name`, `--keep-site-name`).
    Keep,
}

/// Chooses the article title.
pub fn title(
    document: &Html,
    declared: &DeclaredMeta,
    lead_text: Option<&str>,
    policy: SiteNamePolicy,
) -> Option<String> {
    if let Some(lead) = lead_text {
        let title = cut_at_markers(lead);
        if !title.is_empty() {
            return Some(title);
        }
    }
    let site_names = site_names(declared);
    let names: Vec<&str> = site_names.iter().map(String::as_str).collect();
    // Declared titles in order of trust, each without its site name. An <h1> is only a
    // fallback: pages have several, and the first is often the site's logo.
    // JSON-LD `headline` is sometimes a description ("Wikimedia list article"): it is trusted
    // only when it resembles a title tag or is the text of an <h1> (a social-media `og:title`
    // may be a different, catchier headline).
    let other_titles = [&declared.og_title, &declared.html_title];
    let trusted = |h: &&String| {
        other_titles.iter().all(|t| t.is_none())
            || other_titles.iter().flat_map(|t| t.iter()).any(|t| similar(h, t))
            || h1_texts(document).any(|t| t == clean_text(h))
    };
    let headline = declared
        .headline
        .as_ref()
        .filter(trusted)
        .or_else(|| declared.article_name.as_ref().filter(trusted));
    let meta_titles =
        [headline, declared.og_title.as_ref()].into_iter().flatten().map(|t| match policy {
            SiteNamePolicy::Strip => strip_site_suffix(t, &names),
            SiteNamePolicy::Keep => clean_text(t),
        });
    let document_title = declared.html_title.iter().map(|t| match policy {
        SiteNamePolicy::Strip => strip_document_title(t, &names),
        SiteNamePolicy::Keep => readability_document_title(t, document),
    });
    let declared_title = meta_titles.chain(document_title).find(|t| !t.is_empty());
    declared_title.or_else(|| h1_texts(document).find(|t| t.chars().count() >= 4))
}

fn h1_texts(document: &Html) -> impl Iterator<Item = String> + '_ {
    document.select(&H1).map(|h| clean_text(&h.text().collect::<String>()))
}

/// Names that identify the site in a title: `og:site_name` and the labels of the host.
fn site_names(declared: &DeclaredMeta) -> Vec<String> {
    let mut names: Vec<String> = declared.site_name.iter().cloned().collect();
    if let Some(host) = declared
        .url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_owned))
    {
        let labels: Vec<&str> = host.split('.').collect();
        // Every label but the top-level domain and generic prefixes (`www`, `m`, `news`).
        for label in labels.iter().take(labels.len().saturating_sub(1)) {
            if label.len() >= 3 && !matches!(*label, "www" | "news" | "com" | "co" | "org" | "net")
            {
                names.push((*label).to_owned());
            }
        }
    }
    names
}

fn normalized(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase()
}

/// `제목 작성일 08-17 21 목록` → `제목`.
fn cut_at_markers(lead: &str) -> String {
    let first_line = lead.lines().next().unwrap_or(lead);
    let cut =
        DUMP_MARKERS.iter().filter_map(|m| first_line.find(m)).min().unwrap_or(first_line.len());
    first_line[..cut].trim().to_owned()
}

/// Drops a trailing (or leading) site name: `제목 | 한국일보` → `제목`.
///
/// A trailing part goes when it names the site (`og:site_name`, a label of the host), when it
/// is much shorter than the rest (repeatable: `제목 : 뉴스 : 동아닷컴`), or, once, when a short
/// part of at most four words follows a headline of at least three (Readability's rule:
/// `Lorem ipsum dolor sit amet – My website`). A leading part goes only when it names the site
/// or stands before `::`/`|`/`ㅣ` and is much shorter (`대전일보 모바일 :: 제목`).
pub fn strip_site_suffix(title: &str, site_names: &[&str]) -> String {
    let mut title = title.trim().to_owned();
    for _ in 0..3 {
        let Some((at, sep)) = last_separator(&title) else { break };
        let (head, tail) = (title[..at].trim(), title[at + sep.len()..].trim());
        if !head.is_empty() && (names_site(tail, site_names) || is_much_shorter(tail, head)) {
            title = head.to_owned();
        } else {
            break;
        }
    }
    if let Some((at, sep)) = TITLE_SEPARATORS
        .iter()
        .filter_map(|s| title.find(s).map(|i| (i, *s)))
        .min_by_key(|(i, _)| *i)
    {
        let (head, tail) = (title[..at].trim(), title[at + sep.len()..].trim());
        let strong = matches!(sep.trim(), "::" | "|" | "ㅣ");
        let short = head.chars().count() * 2 < tail.chars().count() && head.chars().count() <= 16;
        if !tail.is_empty() && (names_site(head, site_names) || strong && short) {
            title = tail.to_owned();
        }
    }
    title
}

/// The last title separator in `title` (`제목 | 한국일보`), and where it starts.
fn last_separator(title: &str) -> Option<(usize, &'static str)> {
    TITLE_SEPARATORS.iter().filter_map(|s| title.rfind(s).map(|i| (i, *s))).max_by_key(|(i, _)| *i)
}

/// `<title>` additionally loses a short trailing part after a headline of three or more words
/// (Readability's rule: `Lorem ipsum dolor sit amet – My website`).
fn strip_document_title(title: &str, site_names: &[&str]) -> String {
    let stripped = strip_site_suffix(title, site_names);
    if stripped != title.trim() {
        return stripped;
    }
    let Some((at, sep)) = last_separator(title) else { return stripped };
    let (head, tail) = (title[..at].trim(), title[at + sep.len()..].trim());
    let words = |s: &str| s.split_whitespace().count();
    if words(tail) <= 4 && words(head) >= 3 && tail.chars().count() <= 30 {
        head.to_owned()
    } else {
        stripped
    }
}

/// The `<title>` element cut by Readability's rules, for [`SiteNamePolicy::Keep`]: before the
/// last separator (`Title | Site`, `Title » Section`) unless that leaves fewer than two words
/// (then after the first); after a colon (`Site: Title`) unless a heading repeats the whole
/// title, or the part after it is one word (then after the first colon), or the part before it
/// is a sentence of its own; an implausibly short or long title gives way to the page's only
/// `<h1>`; and a result of four words or fewer is only kept when it is the whole title minus
/// one part. Two deliberate differences: separators count only with spaces around them (so
/// `COVID-19` is not cut at its hyphen), and so do the parts removed in the last check.
fn readability_document_title(title: &str, document: &Html) -> String {
    const HIERARCHICAL: &[&str] = &[" \\ ", " / ", " > ", " » "];
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » "];
    let original = clean_text(title);
    // Readability counts words as JavaScript's `text.split(/\s+/).length` (whitespace runs plus
    // one), on the part as cut, before trimming: a space next to a separator adds one.
    let js_words =
        |s: &str| 1 + s.split(|c: char| !c.is_whitespace()).filter(|run| !run.is_empty()).count();
    let words = |s: &str| s.split_whitespace().count();
    let had_hierarchical = HIERARCHICAL.iter().any(|s| original.contains(s));
    let mut current = original.clone();
    let last_separator = SEPARATORS.iter().filter_map(|s| original.rfind(s)).max();
    if let Some(at) = last_separator {
        // Readability's cut keeps the space before the separator.
        current = original[..=at].to_owned();
        if js_words(&current) < 3 {
            let first = SEPARATORS.iter().filter_map(|s| original.find(s).map(|i| (i, s))).min();
            if let Some((at, sep)) = first {
                current = original[at + sep.len()..].to_owned();
            }
        }
    } else if original.contains(": ") {
        let repeated = document
            .select(&HEADINGS)
            .any(|e| clean_text(&e.text().collect::<String>()) == original);
        if !repeated {
            let after_last = original.rsplit(':').next().unwrap_or(&original);
            let before_first = original.split(':').next().unwrap_or("");
            current = if js_words(after_last) < 3 {
                original.split_once(':').map_or(original.clone(), |(_, r)| r.to_owned())
            } else if js_words(before_first) > 5 {
                original.clone()
            } else {
                after_last.to_owned()
            };
        }
    } else if original.chars().count() > 150 || original.chars().count() < 15 {
        let h1s: Vec<String> = h1_texts(document).collect();
        if let [only] = h1s.as_slice() {
            current = only.clone();
        }
    }
    let current = clean_text(&current);
    let parts_removed = SEPARATORS.iter().fold(original.clone(), |t, s| t.replace(s, " "));
    if words(&current) <= 4 && (!had_hierarchical || words(&current) + 1 != words(&parts_removed)) {
        return original;
    }
    current
}

/// Whether two titles share most of their words.
fn similar(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(normalized)
            .filter(|w| !w.is_empty())
            .collect::<std::collections::HashSet<_>>()
    };
    let (a, b) = (words(a), words(b));
    let shared = a.intersection(&b).count();
    !a.is_empty() && shared * 2 >= a.len().min(b.len())
}

/// Whether a title part is the site's name: part of a name (`Wikipedia` for `Wikipedia, the
/// free encyclopedia`), or a name with at most three more words (`Dropbox Tech Blog`). A longer
/// part that mentions the site is a headline about it (`How we designed Dropbox’s ATF`).
fn names_site(part: &str, site_names: &[&str]) -> bool {
    let words = |s: &str| s.split_whitespace().count();
    let key = normalized(part);
    !key.is_empty()
        && site_names.iter().any(|name| {
            let name_key = normalized(name);
            name_key.chars().count() >= 2
                && (name_key.contains(&key)
                    || key.contains(&name_key) && words(part) <= words(name) + 3)
        })
}

fn is_much_shorter(part: &str, rest: &str) -> bool {
    part.chars().count() * 3 < rest.chars().count() && part.chars().count() <= 24
}

/// Finds the page's subtitle; never one that repeats the title.
pub fn summary(document: &Html, title: Option<&str>) -> Option<String> {
    let title_key = title.map(normalized).unwrap_or_default();
    let candidates = built_in_selector(
        "h2, h3, h4, p, div, span, strong, em, section, header, [itemprop=alternativeHeadline]",
    );
    for element in document.select(&candidates) {
        if !has_summary_hint(element)
            || !may_fit_summary(element)
            || in_chrome(element)
            || is_hidden(element)
        {
            continue;
        }
        let text = text_with_lines(element);
        let length = text.chars().count();
        let links = element.select(&built_in_selector("a")).count();
        let repeats_title = !title_key.is_empty() && normalized(&text) == title_key;
        if (10..=600).contains(&length) && text.lines().count() <= 8 && links <= 1 && !repeats_title
        {
            return Some(text);
        }
    }
    None
}

/// Whether the element's text may be short enough for a summary (600 characters), found
/// without reading more of it than that: subtitle classes nested a thousand deep around a long
/// article would otherwise have the whole article read once per level (see: #18).
fn may_fit_summary(element: ElementRef<'_>) -> bool {
    const MAX_CHARS: usize = 600;
    const MAX_NODES: usize = 4 * MAX_CHARS;
    let mut chars = 0;
    for (visited, node) in element.descendants().enumerate() {
        if visited > MAX_NODES {
            return false;
        }
        if let Some(text) = node.value().as_text() {
            chars += text.chars().filter(|c| !c.is_whitespace()).take(MAX_CHARS + 1).count();
            if chars > MAX_CHARS {
                return false;
            }
        }
    }
    true
}

fn has_summary_hint(element: ElementRef<'_>) -> bool {
    let value = element.value();
    if value.attr("itemprop") == Some("alternativeHeadline") {
        return true;
    }
    let names = format!("{} {}", value.attr("class").unwrap_or(""), value.attr("id").unwrap_or(""))
        .to_ascii_lowercase();
    names.split(|c: char| c.is_whitespace()).any(|name| {
        SUMMARY_HINTS.iter().any(|hint| name.contains(hint)) && !name.contains("comment")
    })
}

/// Hidden by the page (a closed pop-up layer, `display: none`): not what readers see.
fn is_hidden(element: ElementRef<'_>) -> bool {
    std::iter::once(element).chain(element.ancestors().filter_map(ElementRef::wrap)).any(|e| {
        let value = e.value();
        let style = value.attr("style").unwrap_or("").replace(' ', "").to_ascii_lowercase();
        value.attr("hidden").is_some()
            || value.attr("aria-hidden") == Some("true")
            || style.contains("display:none")
            || style.contains("visibility:hidden")
    })
}

/// Inside navigation, footers, lists or forms: page chrome, not the article's head.
fn in_chrome(element: ElementRef<'_>) -> bool {
    const TEASER_HINTS: &[&str] =
        &["related", "recommend", "promo", "teaser", "card", "list", "more", "popular", "trending"];
    element.ancestors().filter_map(ElementRef::wrap).any(|a| {
        let names = format!(
            "{} {}",
            a.value().attr("class").unwrap_or(""),
            a.value().attr("id").unwrap_or("")
        )
        .to_ascii_lowercase();
        matches!(a.value().name(), "nav" | "footer" | "li" | "form" | "aside" | "a")
            || TEASER_HINTS.iter().any(|hint| names.split_whitespace().any(|n| n.contains(hint)))
    })
}

#[cfg(test)]
mod tests;
