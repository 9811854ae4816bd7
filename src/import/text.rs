//! Text helpers the steps of an import share, kept in one place so that each rule is written
//! once: built-in patterns (regexes, CSS selectors), whitespace, Hangul, image URLs, the text of
//! page elements, and text read back from the Markdown the converter wrote.

use std::sync::OnceLock;

use regex::Regex;
use scraper::{ElementRef, Selector};

/// A regex compiled once into `cell`, from a pattern that is part of gloss. A pattern that does
/// not compile is a bug in gloss, not in the page, so it panics naming the pattern (on the
/// first page imported, and in every test that reaches it).
pub(crate) fn built_in_regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| compile_built_in(pattern))
}

/// Compiles a pattern that is part of gloss, for lists of patterns kept in one cell; panics as
/// [`built_in_regex`] does.
pub(crate) fn compile_built_in(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("invalid built-in pattern {pattern}: {e}"))
}

/// Parses a CSS selector that is part of gloss; panics naming it if it does not parse, as
/// [`built_in_regex`] does.
pub(crate) fn built_in_selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("invalid built-in selector {css}: {e:?}"))
}

/// Runs of whitespace made one space, none at the ends.
pub(crate) fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A precomposed Hangul syllable (`가` to `힣`): Korean words, which take particles on their
/// right and have no word boundaries the way ASCII text has.
pub(crate) fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Whether a URL's path (query and fragment aside) ends like an image file. The scorer keeps
/// an image inside a link to its own file; the converter finds the original image inside a
/// thumbnail proxy's query.
pub(crate) fn looks_like_image_url(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or_default().to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"].iter().any(|ext| path.ends_with(ext))
}

/// Collapses whitespace and decodes entities left double-escaped by some CMSs (`&amp;#039;`).
pub(crate) fn clean_text(text: &str) -> String {
    let collapsed = collapse_spaces(text);
    if collapsed.contains("&#") || collapsed.contains("&quot;") || collapsed.contains("&amp;") {
        let fragment = crate::limits::formatting::parse_fragment(&collapsed);
        return fragment.root_element().text().collect::<String>();
    }
    collapsed
}

/// The visible text of an element, `<br>` and block ends as line breaks, lines trimmed.
pub(crate) fn text_with_lines(element: ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in element.descendants() {
        if let Some(text) = node.value().as_text() {
            out.push_str(text);
        } else if let Some(el) = node.value().as_element()
            && matches!(el.name(), "br" | "p" | "div" | "li")
        {
            out.push('\n');
        }
    }
    out.lines().map(collapse_spaces).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// A fragment of the Markdown the converter wrote (a block, a line, an image's alt text or
/// title) without backslash escapes, hard-break backslashes, `*` and the `<strong>`/`<em>` tags
/// the converter writes for emphasis: what the body, image and timeline rules match against.
///
/// Not [`crate::markdown::text`], which parses whole documents: these are fragments, and a
/// parser would read them out of context (a block `1. …` as a list, a caption as a paragraph)
/// and drop what the rules look for (link syntax, a heading's `#`). This is lexical: it removes
/// the escapes and the emphasis the rules were written against, and leaves the rarer `_` and
/// `~~` delimiters as they are.
pub(crate) fn strip_escapes_and_emphasis(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            '\\' if chars.peek() == Some(&'\n') => {}
            '*' => {}
            _ => out.push(c),
        }
    }
    out.replace("<strong>", "").replace("</strong>", "").replace("<em>", "").replace("</em>", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_emphasis_are_stripped_from_fragments() {
        let fragment = "**굵게** \\[1\\] <strong>강조</strong>\\\n# 제목 _x_ [링크](https://x.org)";
        assert_eq!(
            strip_escapes_and_emphasis(fragment),
            "굵게 [1] 강조\n# 제목 _x_ [링크](https://x.org)"
        );
    }

    #[test]
    fn image_urls_are_told_by_their_path() {
        assert!(looks_like_image_url("https://x.org/a/B.JPG?w=640#top"));
        assert!(looks_like_image_url("/photo.webp"));
        assert!(!looks_like_image_url("https://x.org/a.jpg/page"));
        assert!(!looks_like_image_url("https://x.org/view?file=a.jpg"));
    }

    #[test]
    fn whitespace_and_hangul() {
        assert_eq!(collapse_spaces("  가\u{a0} 나\n\t다 "), "가 나 다");
        assert!(is_hangul('가') && is_hangul('힣'));
        assert!(!is_hangul('ㄱ') && !is_hangul('a') && !is_hangul('漢'));
    }

    #[test]
    #[should_panic(expected = "invalid built-in pattern (")]
    fn a_bad_built_in_pattern_panics_naming_it() {
        compile_built_in("(");
    }
}
