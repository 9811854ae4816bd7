//! Glossary annotations in built sites: links, tooltips, term pages, index, and the rules of
//! matching on Korean and English text.

mod common;

use common::{SiteTest, attrs, texts};
use scraper::{Html, Selector};

const SEED_URL: &str = "오픈ai와-경쟁적-협력-전환한-ms-독자-ai-mai-출격대기/";

/// The linked terms of a page: (link text, href), in order.
fn term_links(html: &Html) -> Vec<(String, String)> {
    let selector = Selector::parse("main a.term").unwrap();
    html.select(&selector)
        .map(|a| (a.text().collect::<String>(), a.value().attr("href").unwrap_or("").to_owned()))
        .collect()
}

/// Every term link points with aria-describedby to a role=tooltip element that follows it.
fn assert_tooltips_wired(html: &Html) {
    let selector = Selector::parse("main a.term").unwrap();
    for link in html.select(&selector) {
        let id = link.value().attr("aria-describedby").expect("aria-describedby");
        let tip = html
            .select(&Selector::parse(&format!("#{id}")).unwrap())
            .next()
            .expect("tooltip element");
        assert_eq!(tip.value().attr("role"), Some("tooltip"));
        let next = link.next_siblings().find_map(scraper::ElementRef::wrap).expect("a sibling");
        assert_eq!(
            next.value().attr("id"),
            Some(id),
            "the tooltip follows its term (CSS `a.term:hover + .term-tip`)"
        );
    }
}

#[test]
fn seed_article_links_its_three_terms_with_tooltips() {
    let site = SiteTest::copy_of(&common::repo_root());
    site.build_ok();
    let html = site.page(SEED_URL);
    let links = term_links(&html);
    let names: Vec<&str> = links.iter().map(|(t, _)| t.as_str()).collect();
    // The body links each term once; the timeline, a part of its own, links its terms again.
    assert_eq!(texts(&html, ".article-body a.term"), vec!["생각 사슬", "API", "AGI"]);
    assert_eq!(names, vec!["생각 사슬", "API", "AGI", "API", "AGI"]);
    assert_eq!(links[0].1, "/gloss/glossary/생각-사슬/");
    assert_tooltips_wired(&html);
    let tips = texts(&html, "main [role=tooltip]");
    assert!(
        tips[0].starts_with("생각 사슬 인공지능(AI) 언어모델이 단계별로 사고를 수행하는 방식."),
        "{tips:?}"
    );
    // Term pages exist with the definition and a backlink carrying date and sentence.
    let term = site.page("glossary/agi/");
    assert_eq!(texts(&term, "h1"), vec!["AGI"]);
    assert!(texts(&term, ".definition").join(" ").contains("범용인공지능"));
    assert_eq!(attrs(&term, ".backlinks a", "href"), vec![format!("/gloss/{SEED_URL}")]);
    assert_eq!(texts(&term, ".backlinks time"), vec!["2025년 8월 17일"]);
    assert!(
        texts(&term, ".backlinks blockquote")[0]
            .contains("'AGI 달성 시 MS의 기술 접근권 제한' 조항")
    );
    let index = site.page("glossary/");
    assert_eq!(
        texts(&index, ".glossary-index dt a"),
        vec!["생각 사슬", "AGI", "API"],
        "Hangul first, then A–Z"
    );
    assert_eq!(texts(&index, ".glossary-group h2"), vec!["ㅅ", "A"]);
}

fn site_with(article: &str, glossary: &str, config_extra: &str) -> SiteTest {
    let site = SiteTest::fixture("basic");
    site.append_config(config_extra);
    site.write("content/glossary.yaml", glossary);
    site.write("content/2026-01-01-rules.md", article);
    site
}

const RULES_GLOSSARY: &str = "
- term: AGI
  definition: Artificial general intelligence.
- term: AI
  definition: Artificial intelligence.
- term: AI 모델
  definition: 학습된 인공지능 모델.
- term: 생각 사슬
  definition: 단계별 추론.
  aliases: [chain-of-thought]
- term: API
  definition: 응용프로그램 인터페이스.
";

const RULES_ARTICLE: &str = "---
title: 규칙
date: 2026-01-01
---

MAGIC is not AGI. AGI는 인간 수준의 지능이다. 독자 AI 모델을 만든다. 생각 사슬을 쓴다.

The Chain-Of-Thought method is an alias. 연내 MAI 모델을 API 형태로 공개.

## AGI in a heading

`AGI` in code, [AGI](https://example.com) in a link, and AGI again.

![AGI diagram](https://example.com/a.png \"AGI를 설명하는 그림\")
";

#[test]
fn matching_rules_on_korean_and_english_text() {
    let site = site_with(RULES_ARTICLE, RULES_GLOSSARY, "");
    site.build_ok();
    let html = site.page("rules/");
    let links = term_links(&html);
    let names: Vec<&str> = links.iter().map(|(t, _)| t.as_str()).collect();
    // "MAGIC" does not contain AGI; "AI 모델" beats "AI"; particles attach to Hangul terms;
    // first occurrence only: the alias "Chain-Of-Thought" is the same term as 생각 사슬.
    assert_eq!(names, vec!["AGI", "AI 모델", "생각 사슬", "API"]);
    let heading = texts(&html, "main h2 a.term");
    assert!(heading.is_empty(), "never inside headings");
    assert!(texts(&html, "main code a.term").is_empty());
    // The first occurrence in the body is linked; the caption is linked too.
    assert_eq!(
        texts(&html, "figcaption a.term"),
        Vec::<String>::new(),
        "AGI was already linked in this article"
    );
    assert_tooltips_wired(&html);
}

#[test]
fn every_occurrence_when_configured_and_exclusions() {
    let site = site_with(
        RULES_ARTICLE,
        RULES_GLOSSARY,
        "\n[glossary]\nlink = \"all\"\nexclude = [\"API\"]\n",
    );
    site.build_ok();
    let html = site.page("rules/");
    let names: Vec<String> = term_links(&html).into_iter().map(|(t, _)| t).collect();
    // "AGI.", "AGI는", "AGI again" and the caption's "AGI를"; not "MAGIC", the heading, code or link.
    assert_eq!(names.iter().filter(|n| *n == "AGI").count(), 4, "{names:?}");
    let links = term_links(&html);
    let alias = links
        .iter()
        .find(|(t, _)| t == "Chain-Of-Thought")
        .expect("an alias links, case-insensitively");
    let term = links.iter().find(|(t, _)| t == "생각 사슬").unwrap();
    assert_eq!(alias.1, term.1, "an alias links to its term's page");
    assert!(!names.contains(&"API".to_owned()), "excluded");
    assert_eq!(texts(&html, "figcaption a.term"), vec!["AGI"], "captions are linked");
    let ids = attrs(&html, "main a.term", "aria-describedby");
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "tooltip ids are unique in the page");
}

#[test]
fn autolink_off_keeps_explicit_links() {
    let article =
        RULES_ARTICLE.replace("MAGIC is not AGI.", "See [[AGI]] and [[생각 사슬|this method]].");
    let site = site_with(&article, RULES_GLOSSARY, "\n[glossary]\nautolink = false\n");
    site.build_ok();
    let names: Vec<String> = term_links(&site.page("rules/")).into_iter().map(|(t, _)| t).collect();
    assert_eq!(names, vec!["AGI", "this method"]);
}

#[test]
fn unknown_explicit_term_is_an_error_with_file_and_line() {
    let article = RULES_ARTICLE.replace("The Chain-Of-Thought", "The [[No Such Term]]");
    let site = site_with(&article, RULES_GLOSSARY, "");
    let error = format!("{:#}", site.build().unwrap_err());
    assert!(error.contains("content/2026-01-01-rules.md:8: `[[No Such Term]]`"), "{error}");
}

#[test]
fn broken_glossary_file_names_file_and_line() {
    let site = site_with(RULES_ARTICLE, "- term: AGI\n  definition: ok\n- term: [broken\n", "");
    let error = format!("{:#}", site.build().unwrap_err());
    assert!(
        error.contains("content/glossary.yaml:3") || error.contains("content/glossary.yaml:4"),
        "{error}"
    );
}

#[test]
fn timeline_texts_link_terms() {
    let article = RULES_ARTICLE.replace("date: 2026-01-01\n", "date: 2026-01-01\ntimeline:\n  - date: 2025\n    text: MS가 MAI 모델을 API로 공개\n    approx: true\n");
    let site = site_with(&article, RULES_GLOSSARY, "");
    site.build_ok();
    let html = site.page("rules/");
    assert_eq!(texts(&html, ".timeline a.term"), vec!["API"]);
    assert_tooltips_wired(&html);
}

#[test]
fn own_definition_inside_the_article_site_definition_elsewhere() {
    let own = RULES_ARTICLE.replace(
        "date: 2026-01-01\n",
        "date: 2026-01-01\nglossary:\n  - term: AGI\n    definition: 이 기사만의 정의.\n",
    );
    let site = site_with(&own, RULES_GLOSSARY, "");
    site.write(
        "content/2026-02-01-other.md",
        "---\ntitle: Other\ndate: 2026-02-01\n---\n\nAGI again.\n",
    );
    site.build_ok();
    let tip = |url: &str| texts(&site.page(url), "main [role=tooltip]")[0].clone();
    assert_eq!(tip("rules/"), "AGI 이 기사만의 정의.");
    assert_eq!(tip("other/"), "AGI Artificial general intelligence.");
    let term = site.page("glossary/agi/");
    // The site's, this article's and the fixture's ms-openai article's, each with its source.
    assert_eq!(texts(&term, ".definition").len(), 3);
    assert_eq!(
        attrs(&term, ".definition-source a", "href"),
        vec!["/annotated/ms-openai/", "/annotated/rules/"]
    );
}

// See: #25. A term page listed every article using the term: 1.2 MB of HTML at 1,000
// articles, 17 MB at 100,000. Now `[glossary] paginate_by` articles a page, with an index of
// years; following the pages from the first reaches every article exactly once.
#[test]
fn term_pages_are_paginated_and_every_use_is_reachable() {
    let site = SiteTest::fixture("basic");
    site.append_config("[glossary]\npaginate_by = 1");
    for (i, year) in [2021, 2022, 2023].iter().enumerate() {
        site.write(
            &format!("content/{year}-01-0{}-use-{i}.md", i + 1),
            &format!(
                "---\ntitle: \"Use {i}\"\ndate: {year}-01-0{}\n---\nThe Stargate plan, use {i}.\n",
                i + 1
            ),
        );
    }
    site.build_ok();
    let mut url = "glossary/stargate/".to_owned();
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let page = site.page(&url);
        pages += 1;
        seen.extend(common::attrs(&page, ".backlinks li > a", "href"));
        assert_eq!(common::texts(&page, "h1"), ["Stargate"], "{url}");
        let next = common::attrs(&page, ".pagination a[rel=next]", "href");
        match next.first() {
            Some(next) => url = next.trim_start_matches("/annotated/").to_owned(),
            None => break,
        }
    }
    let unique: std::collections::BTreeSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "a use appears twice: {seen:?}");
    assert!(seen.len() >= 4 && pages == seen.len(), "{pages} pages, {seen:?}");
    // The year index links to the page and anchor where each year starts.
    let first = site.page("glossary/stargate/");
    let years = common::attrs(&first, ".timeline-years a", "href");
    assert!(years.len() >= 3, "{years:?}");
    for link in years {
        let (path, anchor) = link.split_once('#').unwrap();
        let page = site.page(path.trim_start_matches("/annotated/"));
        assert_eq!(common::attrs(&page, &format!("[id='{anchor}']"), "id").len(), 1, "{link}");
    }
    let run = common::run_gloss(&["check", "--root", site.root().to_str().unwrap()], site.root());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stdout));
}
