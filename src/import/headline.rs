//! The head of an article: its title and its summary (subtitle or deck).
//!
//! Titles: pages repeat the headline in `<h1>`, `og:title`, JSON-LD and `<title>`, the last two
//! often with the site name appended (`제목 | 한국일보`, `Title - The Site`). An `<h1>` that the
//! declared titles contain is the cleanest; otherwise the declared title loses its site suffix.
//! Summaries: newspapers mark subtitles with class names in a handful of spellings
//! (`summary`, `subtitle`, `sub-tit`, `midtitle`, `standfirst`, `deck`); the first such element
//! with a plausible amount of text, outside navigation and lists, is the summary, lines kept.

use scraper::{ElementRef, Html, Selector};

use crate::import::metadata::{DeclaredMeta, clean_text, text_with_lines};

const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " : ", "ㅣ", " · ", " « ", " » "];
const DUMP_MARKERS: &[&str] = &["작성일", "입력", "기사입력", "등록", "수정", "승인", "업데이트", "목록", "Published", "Updated"];
const SUMMARY_HINTS: &[&str] = &[
    "summary", "subtitle", "sub_title", "sub-title", "subtit", "sub-tit", "sub_tit", "subhead", "sub-head", "sub_head",
    "midtitle", "mid_title", "mid-title", "standfirst", "deck", "article-lead", "article_lead", "lede", "dek",
];

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("invalid built-in selector {css}: {e:?}"))
}

/// Chooses the article title.
pub fn title(document: &Html, declared: &DeclaredMeta, lead_text: Option<&str>) -> Option<String> {
    if let Some(lead) = lead_text {
        let title = cut_at_markers(lead);
        if !title.is_empty() {
            return Some(title);
        }
    }
    let declared_titles: Vec<&str> =
        [&declared.og_title, &declared.headline, &declared.html_title].into_iter().flatten().map(String::as_str).collect();
    let h1s: Vec<String> = document
        .select(&selector("h1"))
        .map(|h| clean_text(&h.text().collect::<String>()))
        .filter(|t| t.chars().count() >= 4)
        .collect();
    let normalized = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    for h1 in &h1s {
        let key = normalized(h1);
        if !key.is_empty() && declared_titles.iter().any(|t| normalized(t).contains(&key)) {
            return Some(h1.clone());
        }
    }
    if let Some(headline) = &declared.headline {
        return Some(strip_site_suffix(headline, declared.site_name.as_deref()));
    }
    let declared_title = declared.og_title.as_ref().or(declared.html_title.as_ref());
    declared_title.map(|t| strip_site_suffix(t, declared.site_name.as_deref())).or_else(|| h1s.into_iter().next())
}

/// `제목 작성일 08-17 21 목록` → `제목`.
fn cut_at_markers(lead: &str) -> String {
    let first_line = lead.lines().next().unwrap_or(lead);
    let cut = DUMP_MARKERS.iter().filter_map(|m| first_line.find(m)).min().unwrap_or(first_line.len());
    first_line[..cut].trim().to_owned()
}

/// Drops a trailing (or leading) site name: `제목 | 한국일보` → `제목`. A part is dropped when it
/// names the site or is much shorter than the rest; repeated for `제목 : 뉴스 : 동아닷컴`.
pub fn strip_site_suffix(title: &str, site_name: Option<&str>) -> String {
    let mut title = title.trim().to_owned();
    for _ in 0..3 {
        let Some((sep_at, sep)) = TITLE_SEPARATORS.iter().filter_map(|s| title.rfind(s).map(|i| (i, *s))).max_by_key(|(i, _)| *i) else {
            break;
        };
        let (head, tail) = (title[..sep_at].trim(), title[sep_at + sep.len()..].trim());
        let names_site = site_name.is_some_and(|s| !s.is_empty() && (tail.contains(s) || s.contains(tail)));
        let short = tail.chars().count() * 3 < head.chars().count() && tail.chars().count() <= 24;
        if !head.is_empty() && (names_site || short) {
            title = head.to_owned();
        } else {
            break;
        }
    }
    title
}

/// Finds the page's subtitle.
pub fn summary(document: &Html) -> Option<String> {
    let candidates = selector("h2, h3, h4, p, div, span, strong, em, section, header, [itemprop=alternativeHeadline]");
    for element in document.select(&candidates) {
        if !has_summary_hint(element) || in_chrome(element) {
            continue;
        }
        let text = text_with_lines(element);
        let length = text.chars().count();
        let links = element.select(&selector("a")).count();
        if (10..=600).contains(&length) && text.lines().count() <= 8 && links <= 1 {
            return Some(text);
        }
    }
    None
}

fn has_summary_hint(element: ElementRef<'_>) -> bool {
    let value = element.value();
    if value.attr("itemprop") == Some("alternativeHeadline") {
        return true;
    }
    let names = format!("{} {}", value.attr("class").unwrap_or(""), value.attr("id").unwrap_or("")).to_ascii_lowercase();
    names.split(|c: char| c.is_whitespace()).any(|name| SUMMARY_HINTS.iter().any(|hint| name.contains(hint)) && !name.contains("comment"))
}

/// Inside navigation, footers, lists or forms: page chrome, not the article's head.
fn in_chrome(element: ElementRef<'_>) -> bool {
    element.ancestors().filter_map(ElementRef::wrap).any(|a| matches!(a.value().name(), "nav" | "footer" | "li" | "form" | "aside"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes_are_stripped() {
        assert_eq!(strip_site_suffix("\"왜 싸우나\"... DJ 고향에서 외친 이재명 | 한국일보", Some("한국일보")), "\"왜 싸우나\"... DJ 고향에서 외친 이재명");
        assert_eq!(strip_site_suffix("‘흙수저’ 소년공이 쏘아올린 정치 신화 - 매일경제", None), "‘흙수저’ 소년공이 쏘아올린 정치 신화");
        assert_eq!(strip_site_suffix("[CEO&]창의적 열정과 소통, 초일류 시험인증 기업이 간다 : 뉴스 : 동아닷컴", None), "[CEO&]창의적 열정과 소통, 초일류 시험인증 기업이 간다");
        assert_eq!(strip_site_suffix("Left - Right", None), "Left - Right", "equal parts are both kept");
    }

    #[test]
    fn dump_title_is_cut_before_page_metadata() {
        assert_eq!(cut_at_markers("오픈AI와 '경쟁적 협력' 전환한 MS, 독자 AI 'MAI' 출격대기 작성일 08-17 21 목록"), "오픈AI와 '경쟁적 협력' 전환한 MS, 독자 AI 'MAI' 출격대기");
    }

    #[test]
    fn h1_contained_in_declared_title_wins() {
        let html = Html::parse_document("<title>기사 제목입니다 | 신문</title><h1>기사 제목입니다</h1><h1>다른 것</h1>");
        let declared = crate::import::metadata::read(&html);
        assert_eq!(title(&html, &declared, None).as_deref(), Some("기사 제목입니다"));
    }

    #[test]
    fn subtitle_keeps_its_lines() {
        let html = Html::parse_document(
            r#"<nav><p class="summary">메뉴 요약 링크 모음입니다</p></nav>
               <div class="mid_title"><div class="midtitle_text">첫째 줄<br/>둘째 줄입니다</div></div>"#,
        );
        assert_eq!(summary(&html).as_deref(), Some("첫째 줄\n둘째 줄입니다"));
    }
}
