//! Parts of an article body that belong in front matter, found in the Markdown the converter
//! wrote and moved out of it: the byline prefix (`(서울=뉴스1) 김민석 기자 =`, `By Jane Doe`),
//! the reporter's e-mail line, the article's own glossary box (`<용어설명>` with `■ term`
//! entries, "용어 설명", "Glossary"), and the copyright line. Working on Markdown blocks rather
//! than on HTML makes these rules independent of each site's markup.

use std::sync::OnceLock;

use regex::Regex;

use crate::import::text::{built_in_regex, collapse_spaces, strip_escapes_and_emphasis};

/// A byline found at the start of the body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    /// `서울` in `(서울=뉴스1)`.
    pub dateline: Option<String>,
    /// `뉴스1` in `(서울=뉴스1)`.
    pub agency: Option<String>,
    /// Reporter names.
    pub authors: Vec<String>,
}

/// A term from the article's own glossary box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term.
    pub term: String,
    /// Its definition, plain text.
    pub definition: String,
}

/// The body with its front-matter parts taken out.
#[derive(Debug, Clone, Default)]
pub struct BodyParts {
    /// The remaining Markdown.
    pub markdown: String,
    /// The byline, if the body started with one.
    pub byline: Byline,
    /// The glossary box's terms.
    pub glossary: Vec<Term>,
    /// The copyright line.
    pub copyright: Option<String>,
}

/// Splits the body into its blocks (separated by blank lines) and moves the parts out.
pub fn split_parts(markdown: &str) -> BodyParts {
    let mut blocks: Vec<String> = markdown
        .split("\n\n")
        .map(|b| b.trim_matches('\n').to_owned())
        .filter(|b| !b.trim().is_empty())
        .collect();
    let mut parts = BodyParts::default();
    take_byline(&mut blocks, &mut parts.byline);
    parts.glossary = take_glossary(&mut blocks);
    parts.copyright = take_copyright(&mut blocks);
    take_contact_lines(&mut blocks);
    drop_trailing_related(&mut blocks);
    parts.markdown =
        if blocks.is_empty() { String::new() } else { format!("{}\n", blocks.join("\n\n")) };
    parts
}

/// `(서울=뉴스1) 김민석 기자 =`, `(워싱턴=연합뉴스) 김철수 특파원 =`, `[서울경제] 이하늘 기자 =`, a
/// block `By Jane Doe and John Roe`, or a block `홍길동 기자` / `홍길동 기자 hong@x.com`.
fn take_byline(blocks: &mut Vec<String>, byline: &mut Byline) {
    static AGENCY: OnceLock<Regex> = OnceLock::new();
    static BRACKET: OnceLock<Regex> = OnceLock::new();
    static ALONE: OnceLock<Regex> = OnceLock::new();
    static ENGLISH: OnceLock<Regex> = OnceLock::new();
    let agency = built_in_regex(
        &AGENCY,
        r"^\s*\(([^()=]{1,20})=([^()]{1,30})\)\s*((?:[가-힣]{2,5}\s*(?:[·,]\s*)?)+?)\s*(?:선임|수석|객원)?(?:기자|특파원|통신원)(?:\s*[·,]\s*[가-힣]{2,5}\s*(?:기자|특파원))*\s*=\s*",
    );
    let bracket = built_in_regex(
        &BRACKET,
        r"^\s*\[([^\[\]]{1,20})\]\s*((?:[가-힣]{2,5}\s*(?:[·,]\s*)?)+?)\s*(?:기자|특파원)\s*=\s*",
    );
    let alone = built_in_regex(
        &ALONE,
        r"^\s*(?:([^\s]{1,10})\s*=\s*)?((?:[가-힣]{2,4}\s*(?:[·,]\s*)?)+?)\s*(?:선임|수석|객원)?(?:기자|특파원)\s*(?:\S+@\S+)?\s*(?:[|/]\s*[^\n]{0,40})?$",
    );
    let english = built_in_regex(
        &ENGLISH,
        r"^\s*[Bb][Yy]\s+([A-Z][\p{L}.'\-]+(?:\s+[A-Z][\p{L}.'\-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\p{L}.'\-]+(?:\s+[A-Z][\p{L}.'\-]+){0,3})*)\s*$",
    );
    for index in 0..blocks.len().min(3) {
        let text = strip_escapes_and_emphasis(&blocks[index]);
        if let Some(c) = agency.captures(&text) {
            byline.dateline = Some(c[1].trim().to_owned());
            byline.agency = Some(c[2].trim().to_owned());
            byline.authors = names(&c[3]);
            blocks[index] = strip_prefix_through_equals(&blocks[index]);
            return;
        }
        if let Some(c) = bracket.captures(&text) {
            byline.agency = Some(c[1].trim().to_owned());
            byline.authors = names(&c[2]);
            blocks[index] = strip_prefix_through_equals(&blocks[index]);
            return;
        }
        if let Some(c) = english.captures(&text).or_else(|| alone.captures(&text)) {
            let group = if c.get(2).is_some() && c.len() > 2 { 2 } else { 1 };
            byline.authors = c[group]
                .split([',', '&', '·'])
                .flat_map(|p| p.split(" and "))
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect();
            blocks.remove(index);
            return;
        }
    }
    // Korean articles often sign at the end instead: `이용민 기자` before the copyright line.
    // The signature leaves the body; its names are the authors only when each is one word
    // (`순천, 광양 구현모 기자` mixes places in, and the declared authors read it better).
    let last = blocks.len().saturating_sub(2);
    for index in (last..blocks.len()).rev() {
        let text = strip_escapes_and_emphasis(&blocks[index]);
        let Some(c) = alone.captures(&text) else { continue };
        let authors = names(&c[2]);
        if c.get(1).is_none() && authors.iter().all(|n| !n.contains(char::is_whitespace)) {
            byline.authors = authors;
        }
        blocks.remove(index);
        return;
    }
}

fn names(text: &str) -> Vec<String> {
    text.split(['·', ',']).map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()).collect()
}

/// Removes everything up to the `=` that closes a Korean byline (the one after the `)`/`]`).
fn strip_prefix_through_equals(block: &str) -> String {
    let close = block.find([')', ']']).unwrap_or(0);
    match block[close..].find('=') {
        Some(at) => block[close + at + 1..].trim_start().to_owned(),
        None => block.to_owned(),
    }
}

const GLOSSARY_MARKERS: &[&str] =
    &["용어설명", "용어해설", "용어풀이", "용어정리", "glossary", "keyterms", "용어"];
const BULLETS: &[char] = &['■', '●', '▲', '◆', '◇', '□', '▶', '•', '▷', '◎', '○'];

/// Finds a glossary box and removes it. The box is a marker line (`<용어설명>`, `## 용어 설명`,
/// `Glossary`) followed by entries: `■ term` lines, each followed by its definition lines.
fn take_glossary(blocks: &mut Vec<String>) -> Vec<Term> {
    for index in 0..blocks.len() {
        let lines: Vec<String> = block_lines(&blocks[index]);
        let Some(marker) = lines.iter().position(|l| is_glossary_marker(l)) else { continue };
        let mut entry_lines: Vec<String> = lines[marker + 1..].to_vec();
        // Entries may continue in the following blocks, each starting with a bullet.
        let mut end = index + 1;
        while end < blocks.len() {
            let next = block_lines(&blocks[end]);
            if next.first().is_some_and(|l| l.starts_with(BULLETS)) {
                entry_lines.extend(next);
                end += 1;
            } else {
                break;
            }
        }
        let terms = parse_entries(&entry_lines);
        if terms.is_empty() {
            continue;
        }
        let kept = keep_lines_before_marker(&blocks[index], marker);
        blocks.drain(index + 1..end);
        if kept.trim().is_empty() {
            blocks.remove(index);
        } else {
            blocks[index] = kept;
        }
        return terms;
    }
    Vec::new()
}

/// The visible lines of a block: hard breaks and newlines split it.
fn block_lines(block: &str) -> Vec<String> {
    block
        .split('\n')
        .map(|l| strip_escapes_and_emphasis(l.trim_end_matches('\\')).trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Whether a line is the heading of a glossary box (`<용어설명>`, `## 용어 설명`, `Glossary`).
pub(crate) fn is_glossary_marker(line: &str) -> bool {
    let squeezed: String = line
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '<' | '>'
                        | '['
                        | ']'
                        | '【'
                        | '】'
                        | '〈'
                        | '〉'
                        | '《'
                        | '》'
                        | '#'
                        | ':'
                        | '('
                        | ')'
                )
        })
        .collect::<String>()
        .to_lowercase();
    GLOSSARY_MARKERS.contains(&squeezed.as_str())
}

fn parse_entries(lines: &[String]) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    for line in lines {
        if let Some(term) = line.strip_prefix(BULLETS) {
            let term = term.trim();
            // `■ term: definition` on one line, or the term alone.
            match term.split_once([':', '：']) {
                Some((t, d))
                    if !t.trim().is_empty() && t.chars().count() <= 40 && !d.trim().is_empty() =>
                {
                    terms.push(Term { term: t.trim().to_owned(), definition: d.trim().to_owned() })
                }
                _ => terms.push(Term { term: term.to_owned(), definition: String::new() }),
            }
        } else if let Some(last) = terms.last_mut() {
            if !last.definition.is_empty() {
                last.definition.push(' ');
            }
            last.definition.push_str(line);
        }
    }
    terms.retain(|t| !t.term.is_empty() && !t.definition.is_empty());
    terms
}

/// The block's text up to (not including) the marker line, as Markdown.
fn keep_lines_before_marker(block: &str, marker: usize) -> String {
    let mut seen = 0;
    let mut kept = Vec::new();
    for line in block.split('\n') {
        if !strip_escapes_and_emphasis(line.trim_end_matches('\\')).trim().is_empty() {
            if seen == marker {
                break;
            }
            seen += 1;
        }
        kept.push(line);
    }
    kept.join("\n").trim_end().trim_end_matches('\\').trim_end().to_owned()
}

/// A short block that is a copyright notice.
fn take_copyright(blocks: &mut Vec<String>) -> Option<String> {
    static COPYRIGHT: OnceLock<Regex> = OnceLock::new();
    let re = built_in_regex(
        &COPYRIGHT,
        r"(?i)^\s*(copyright|ⓒ|©|\(c\))|무단\s*전재|재배포\s*금지|all rights reserved",
    );
    let index = blocks.iter().rposition(|b| {
        let text = strip_escapes_and_emphasis(b);
        (12..300).contains(&text.chars().count()) && re.is_match(&text)
    })?;
    let text = collapse_spaces(&strip_escapes_and_emphasis(&blocks.remove(index)));
    Some(text)
}

/// Headings that open a list of other articles at the end of a page.
const RELATED_MARKERS: &[&str] = &[
    "you may also like",
    "you might also like",
    "you may also be interested",
    "sponsored links",
    "sponsored content",
    "related articles",
    "related stories",
    "related coverage",
    "related:",
    "read more",
    "more from",
    "more stories",
    "recommended",
    "most popular",
    "most read",
    "관련기사",
    "관련 기사",
    "관련뉴스",
    "관련 뉴스",
    "많이 본 뉴스",
    "많이 본 기사",
    "추천 기사",
    "함께 보면 좋은",
    "이 시각 주요뉴스",
    "주요뉴스",
    "다른 기사",
];

/// Drops a "related articles" heading and everything after it. Never among the first two blocks,
/// so a short article opening with "Read more about …" keeps its text; the marker must be a
/// short block of its own.
fn drop_trailing_related(blocks: &mut Vec<String>) {
    let found = blocks.iter().enumerate().skip(2).find(|(_, b)| {
        let text = strip_escapes_and_emphasis(b).trim_start_matches('#').trim().to_lowercase();
        text.chars().count() <= 40 && RELATED_MARKERS.iter().any(|m| text.starts_with(m))
    });
    if let Some((at, _)) = found {
        blocks.truncate(at);
    }
}

/// Reporter e-mail lines (`ideaed@news1.kr`) at the end of the body.
fn take_contact_lines(blocks: &mut Vec<String>) {
    static EMAIL: OnceLock<Regex> = OnceLock::new();
    let re = built_in_regex(&EMAIL, r"^\s*[\w.+\-]+@[\w\-]+(\.[\w\-]+)+\s*$");
    while let Some(last) = blocks.last() {
        let lines: Vec<&str> = last.split('\n').collect();
        let keep: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| !re.is_match(&strip_escapes_and_emphasis(l.trim_end_matches('\\'))))
            .collect();
        if keep.len() == lines.len() {
            break;
        }
        let rest = keep.join("\n").trim_end().trim_end_matches('\\').trim_end().to_owned();
        if rest.trim().is_empty() {
            blocks.pop();
        } else {
            if let Some(last) = blocks.last_mut() {
                *last = rest;
            }
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_agency_byline_is_moved_out() {
        let parts = split_parts(
            "\\(서울=뉴스1\\) 김민석 기자 = 마이크로소프트(MS)와 오픈AI 간 동맹.\n\n둘째 문단.\n",
        );
        assert_eq!(parts.byline.dateline.as_deref(), Some("서울"));
        assert_eq!(parts.byline.agency.as_deref(), Some("뉴스1"));
        assert_eq!(parts.byline.authors, vec!["김민석"]);
        assert_eq!(parts.markdown, "마이크로소프트(MS)와 오픈AI 간 동맹.\n\n둘째 문단.\n");
    }

    #[test]
    fn several_reporters_and_special_correspondents() {
        let parts = split_parts("(워싱턴=연합뉴스) 김철수·이영희 특파원 = 미국 정부가 발표했다.\n");
        assert_eq!(parts.byline.authors, vec!["김철수", "이영희"]);
        assert_eq!(parts.byline.dateline.as_deref(), Some("워싱턴"));
        assert_eq!(parts.markdown, "미국 정부가 발표했다.\n");
    }

    #[test]
    fn reporter_line_with_a_date_is_a_byline() {
        let parts = split_parts(
            "이용민 기자 \\| 2020-03-04 16:52:59\n\n코로나19 극복을 위한 특별모금이 이어지고 있다.\n",
        );
        assert_eq!(parts.byline.authors, vec!["이용민"]);
        assert_eq!(parts.markdown, "코로나19 극복을 위한 특별모금이 이어지고 있다.\n");
    }

    #[test]
    fn reporter_signing_at_the_end_is_a_byline() {
        let parts = split_parts(
            "코로나19 극복을 위한 특별모금이 이어지고 있다.\n\n둘째 문단.\n\n이용민 기자\n\n<저작권자ⓒ대전일보사. 무단전재-재배포 금지>\n",
        );
        assert_eq!(parts.byline.authors, ["이용민"]);
        assert!(!parts.markdown.contains("기자"), "{}", parts.markdown);
        let closing = split_parts("첫 문단.\n\n기자들이 모였다는 문장으로 끝나는 둘째 문단이다.\n");
        assert!(closing.byline.authors.is_empty());
        let places = split_parts(
            "첫 문단.\n\n둘째 문단.\n\n셋째 문단.\n\n순천, 광양 구현모 기자 ninek@hankookilbo.com\n",
        );
        assert!(places.byline.authors.is_empty(), "{:?}", places.byline.authors);
        assert!(!places.markdown.contains("구현모"), "{}", places.markdown);
    }

    #[test]
    fn english_byline_block() {
        let parts = split_parts("By Jane Doe and John Roe\n\nThe story begins.\n");
        assert_eq!(parts.byline.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(parts.markdown, "The story begins.\n");
    }

    #[test]
    fn seed_glossary_box_is_parsed_and_removed() {
        let md = "마지막 문단.\n\nideaed@news1.kr\\\n\\\n**<용어설명>**\\\n\\\n■ 생각 사슬\\\n단계별로 사고하는 방식. 중간 과정을 출력한다.\\\n\\\n■ AGI\\\nAGI(Artificial General Intelligence·범용인공지능)은 인간 수준의 지능.\\\n\\\n■ API\\\n응용프로그램 인터페이스.\n";
        let parts = split_parts(md);
        let terms: Vec<&str> = parts.glossary.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, vec!["생각 사슬", "AGI", "API"]);
        assert_eq!(parts.glossary[0].definition, "단계별로 사고하는 방식. 중간 과정을 출력한다.");
        assert_eq!(parts.markdown, "마지막 문단.\n", "the e-mail line and the box are gone");
    }

    #[test]
    fn glossary_heading_with_colon_entries() {
        let md = "본문.\n\n## 용어 설명\n\n■ PBC: 공익법인\n\n■ IP: 지식재산권\n\n다음 본문.\n";
        let parts = split_parts(md);
        assert_eq!(
            parts.glossary,
            vec![
                Term { term: "PBC".into(), definition: "공익법인".into() },
                Term { term: "IP".into(), definition: "지식재산권".into() }
            ]
        );
        assert_eq!(parts.markdown, "본문.\n\n다음 본문.\n");
    }

    #[test]
    fn copyright_line_is_moved_out() {
        let parts = split_parts(
            "본문.\n\nCopyright © 뉴스1. All rights reserved. 무단 전재 및 재배포, AI학습 이용 금지.\n",
        );
        assert_eq!(
            parts.copyright.as_deref(),
            Some("Copyright © 뉴스1. All rights reserved. 무단 전재 및 재배포, AI학습 이용 금지.")
        );
        assert_eq!(parts.markdown, "본문.\n");
    }

    #[test]
    fn trailing_related_articles_are_dropped() {
        let parts = split_parts(
            "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n\n## You may also like\n\nOther story one\n\nOther story two\n",
        );
        assert_eq!(parts.markdown, "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n");
        let early = split_parts("Read more about it below.\n\nBody text.\n");
        assert_eq!(early.markdown, "Read more about it below.\n\nBody text.\n", "not at the start");
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        let md = "용어가 어렵다는 지적이 나왔다.\n\n■ 이것은 목록이 아니다\n";
        let parts = split_parts(md);
        assert!(parts.glossary.is_empty());
        assert_eq!(parts.markdown, md);
        assert_eq!(parts.byline, Byline::default());
    }
}
