//! `gloss import` on real pages: the seed, Korean news pages, legacy encodings, hostile HTML.

mod common;

use std::process::Command;

use common::{SiteTest, attrs, fixture, texts};
use gloss::import::headline::SiteNamePolicy;
use gloss::import::{ImportSettings, import_page, import_page_with};

const SEED: &str = "seed/000_e94aa386e9de23ea.txt";

fn read_fixture(path: &str) -> Vec<u8> {
    std::fs::read(fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

use common::run_gloss as gloss;

#[test]
fn seed_front_matter_is_complete() {
    let article = import_page("000_e94aa386e9de23ea.txt", &read_fixture(SEED)).unwrap();
    assert_eq!(article.title, "오픈AI와 '경쟁적 협력' 전환한 MS, 독자 AI 'MAI' 출격대기");
    assert_eq!(
        article.date.as_deref(),
        Some("2025-08-17"),
        "작성일 08-17 with the year from /202508/17/ image paths"
    );
    assert_eq!(article.authors, vec!["김민석"]);
    assert_eq!(article.source.as_ref().map(|s| s.name.as_str()), Some("뉴스1"));
    assert_eq!(article.dateline.as_deref(), Some("서울"));
    assert_eq!(
        article.summary.as_deref(),
        Some(
            "앞에선 웃으며 협력, 뒤에선 각자 영향력 확대 모색\nMS 자체 AI모델 GPT·클로드 수준 근접…의존 리스크 대비"
        )
    );
    assert_eq!(
        article.copyright.as_deref(),
        Some("Copyright © 뉴스1. All rights reserved. 무단 전재 및 재배포, AI학습 이용 금지.")
    );
    let terms: Vec<&str> = article.glossary.iter().map(|t| t.term.as_str()).collect();
    assert_eq!(terms, vec!["생각 사슬", "AGI", "API"]);
    assert!(
        article.glossary[1]
            .definition
            .starts_with("AGI(Artificial General Intelligence·범용인공지능)은")
    );
    assert!(article.glossary[2].definition.ends_with("중간다리다."));
    assert_eq!(article.imported_from.file, "000_e94aa386e9de23ea.txt");
    assert_eq!(article.imported_from.sha256.len(), 64);
}

#[test]
fn seed_images_are_originals_with_captions_and_credits() {
    let article = import_page("seed.txt", &read_fixture(SEED)).unwrap();
    let srcs: Vec<&str> = article.images.iter().map(|i| i.src.as_str()).collect();
    assert_eq!(
        srcs,
        vec![
            "https://t1.daumcdn.net/news/202508/17/NEWS1/20250817070116699lvuf.jpg",
            "https://t1.daumcdn.net/news/202508/17/NEWS1/20250817070117963nbba.jpg",
            "https://t1.daumcdn.net/news/202508/17/NEWS1/20250817070119273zkmv.jpg",
        ],
        "data-org-src originals, not the thumbnail proxy"
    );
    assert_eq!(
        article.images[0].caption.as_deref(),
        Some("사티야 나델라 MS CEO(왼쪽)과 샘 올트먼 오픈AI CEO")
    );
    assert_eq!(article.images[0].credit.as_deref(), Some("샘 올트먼 CEO X 갈무리"));
    assert!(article.images[1].caption.as_deref().unwrap().ends_with("발언하는 모습."));
    assert!(article.images[1].credit.as_deref().unwrap().contains("김성식 기자"));
    assert!(article.images[2].caption.as_deref().unwrap().contains("21일(현지시간) 워싱턴 백악관"));
}

#[test]
fn seed_body_is_the_article_without_byline_box_or_junk() {
    let article = import_page("seed.txt", &read_fixture(SEED)).unwrap();
    let body = &article.body;
    assert!(body.starts_with("!["), "the body opens with the first figure:\n{body}");
    assert!(
        body.contains(
            "마이크로소프트(MS)와 오픈AI 간 '6년 동맹'이 경쟁적 협력 관계로 전환됨에 따라"
        ),
        "{body}"
    );
    assert!(body.contains("\"협상 결과는 향후 빅테크 기업들 간 경쟁 구도를 정하는 중요 변수가 될 전망\"이라고 말했다."), "{body}");
    for junk in [
        "김민석 기자 =",
        "ideaed@news1.kr",
        "용어설명",
        "■",
        "Copyright",
        "관련자료",
        "댓글",
        "목록",
        "이혼",
    ] {
        assert!(!body.contains(junk), "`{junk}` must not be in the body:\n{body}");
    }
    // Every paragraph is its own block, and the three figures stand at their places.
    assert_eq!(body.matches("\n\n![").count() + usize::from(body.starts_with("![")), 3, "{body}");
    let paragraphs = body.split("\n\n").filter(|b| !b.starts_with("![")).count();
    assert_eq!(paragraphs, 13, "{body}");
}

#[test]
fn import_is_deterministic_and_the_committed_seed_is_a_fresh_import() {
    let bytes = read_fixture(SEED);
    let first = import_page("000_e94aa386e9de23ea.txt", &bytes).unwrap();
    let second = import_page("000_e94aa386e9de23ea.txt", &bytes).unwrap();
    assert_eq!(first.to_file_text(), second.to_file_text());
    let committed = common::repo_root().join("content").join(first.file_name(false));
    let text = std::fs::read_to_string(&committed)
        .unwrap_or_else(|e| panic!("{}: {e}", committed.display()));
    assert!(
        text == first.to_file_text(),
        "content/{} differs from a fresh import; run `gloss import --force tests/fixtures/{SEED}`",
        first.file_name(false)
    );
}

#[test]
fn the_example_sites_other_imported_articles_are_fresh_imports() {
    for (page, section) in
        [("hankookilbo-2025-05-15.html", "politics"), ("mk-2025-06-03.html", "politics")]
    {
        let fixture = format!("corpus/korean-news/html/{page}");
        let article = import_page(page, &read_fixture(&fixture)).unwrap();
        let committed =
            common::repo_root().join("content").join(section).join(article.file_name(false));
        let text = std::fs::read_to_string(&committed)
            .unwrap_or_else(|e| panic!("{}: {e}", committed.display()));
        assert!(
            text == article.to_file_text(),
            "{} differs from a fresh import; run `gloss import --force --out content/{section} tests/fixtures/{fixture}`",
            committed.display()
        );
    }
}

#[test]
fn korean_news_pages_get_title_date_and_authors() {
    let cases = [
        ("hankookilbo-2025-05-15", "2025-05-15T20:00:52+09:00", vec!["구현모"], Some("한국일보")),
        (
            "mk-2025-06-03",
            "2025-06-04T02:37:08+09:00",
            vec!["배윤경", "이상현", "한수진", "김혜진"],
            Some("매일경제"),
        ),
        ("mk-2025-05-27", "2025-05-28T01:05:24+09:00", vec!["임정우"], Some("매일경제")),
        ("hankookilbo-2026-01-29", "2026-01-29", vec!["신현주"], Some("한국일보")),
        ("naver-newstapa-607", "2023-11-02T20:06:13+09:00", vec![], Some("뉴스타파")),
        ("daejonilbo-mobile", "2020-03-04", vec!["이용민"], Some("대전일보")),
        // The 2013 동아일보 page names its outlet nowhere machine-readable.
        ("donga-2013", "2013-10-24T03:00:00+09:00", vec![], None),
    ];
    for (name, date, authors, source) in cases {
        let bytes = read_fixture(&format!("corpus/korean-news/html/{name}.html"));
        let article = import_page(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            article.date.as_deref().is_some_and(|d| d.starts_with(date)),
            "{name}: date {:?}",
            article.date
        );
        if !authors.is_empty() {
            assert_eq!(article.authors, authors, "{name}");
        }
        assert_eq!(article.source.as_ref().map(|s| s.name.as_str()), source, "{name}");
        assert!(
            !article.title.is_empty()
                && !article.title.contains(" | ")
                && !article.title.contains("매일 경제"),
            "{name}: {}",
            article.title
        );
        assert!(
            article.body.chars().filter(|c| ('\u{AC00}'..='\u{D7A3}').contains(c)).count() > 300,
            "{name}: body too short:\n{}",
            article.body
        );
    }
}

#[test]
fn korean_titles_lose_their_site_names() {
    let title = |name: &str| {
        import_page(name, &read_fixture(&format!("corpus/korean-news/html/{name}.html")))
            .unwrap()
            .title
    };
    assert_eq!(title("mk-2025-06-03"), "‘흙수저’ 소년공이 쏘아올린 정치 신화");
    assert_eq!(title("daejonilbo-mobile"), "코로나19 극복 성금 기탁 줄 잇는다");
    assert_eq!(title("donga-2013"), "[CEO&]창의적 열정과 소통, 초일류 시험인증 기업이 간다");
}

/// Every Korean page with an expected title (fundus's test data) gets exactly that title,
/// whitespace normalised (one has a no-break space). `hankookilbo-2026-01-29` decorates its
/// `og:title` with a section and the site (`제목-정치ㅣ한국일보`); its `<meta name="headline">`
/// has the bare headline.
#[test]
fn korean_titles_match_the_expected_titles() {
    let expected_dir = common::fixture("corpus/korean-news/expected");
    let mut checked = 0;
    for entry in std::fs::read_dir(&expected_dir).unwrap() {
        let path = entry.unwrap().path();
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let Some(want) = expected["title"].as_str() else { continue };
        let name = path.file_stem().unwrap().to_str().unwrap();
        let html = read_fixture(&format!("corpus/korean-news/html/{name}.html"));
        let got = import_page(name, &html).unwrap().title;
        let normal = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(normal(&got), normal(want), "{name}");
        checked += 1;
    }
    assert_eq!(checked, 4, "the four pages with an expected title");
}

/// Mozilla Readability's test pages with their expected titles: `(name, page, title)`.
fn readability_pages() -> Vec<(String, Vec<u8>, String)> {
    use std::io::Read;
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(fixture("corpus/readability")).unwrap() {
        let folder = entry.unwrap().path();
        let (Ok(expected), Ok(gz)) = (
            std::fs::read_to_string(folder.join("expected-metadata.json")),
            std::fs::read(folder.join("source.html.gz")),
        ) else {
            continue;
        };
        let expected: serde_json::Value = serde_json::from_str(&expected).unwrap();
        let Some(title) = expected["title"].as_str().filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut html).unwrap();
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        pages.push((name, html, title.to_owned()));
    }
    pages.sort();
    pages
}

/// Titles imported with `policy` that differ from Readability's expected ones, whitespace
/// normalised, as `(name, expected, got)`; and the number of pages compared.
fn readability_title_misses(policy: SiteNamePolicy) -> (Vec<(String, String, String)>, usize) {
    use rayon::prelude::*;
    let settings = ImportSettings { extract_timeline: false, site_name: policy };
    let normal = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let pages = readability_pages();
    let misses = pages
        .par_iter()
        .filter_map(|(name, html, want)| {
            let got = import_page_with(name, html, &settings).map(|a| a.title).unwrap_or_default();
            (normal(&got) != normal(want)).then(|| (name.clone(), normal(want), normal(&got)))
        })
        .collect();
    (misses, pages.len())
}

#[test]
fn titles_as_published_match_readability_on_its_test_pages() {
    // With `keep_site_name`, a title declared in a meta tag is kept whole, as Readability keeps
    // it; `<title>` is cut with Readability's rules.
    let (misses, total) = readability_title_misses(SiteNamePolicy::Keep);
    assert_eq!(total, 126, "the Readability pages with an expected title");
    assert!(misses.len() * 20 <= total, "{} of {total} titles differ: {misses:#?}", misses.len());
}

#[test]
fn stripped_titles_differ_from_readability_only_by_the_site_name() {
    // By default the site's name leaves the title (`How to Build a Terrarium | eHow` becomes
    // `How to Build a Terrarium`): Readability's expected title must then be the imported one
    // plus a separator and a part, on one side.
    let (misses, total) = readability_title_misses(SiteNamePolicy::Strip);
    let unexplained: Vec<_> = misses
        .iter()
        .filter(|(_, want, got)| {
            let rest = want.strip_prefix(got.as_str()).or_else(|| want.strip_suffix(got.as_str()));
            !rest.is_some_and(|r| {
                r.trim_start().starts_with(['|', '-', '–', '—', '·', ':', '»'])
                    || r.trim_end().ends_with(['|', '-', '–', '—', '·', ':', '«'])
            })
        })
        .collect();
    assert!(unexplained.len() * 50 <= total, "titles differ beyond a site name: {unexplained:#?}");
    assert!(misses.iter().any(|(name, ..)| name == "ehow-1"), "the site name is cut by default");
}

#[test]
fn subtitles_become_summaries_and_leave_the_body() {
    let article =
        import_page("mk", &read_fixture("corpus/korean-news/html/mk-2025-06-03.html")).unwrap();
    let summary = article.summary.unwrap();
    assert_eq!(summary.lines().count(), 5, "{summary}");
    assert!(summary.starts_with("이재명 제21대 대통령선거 당선자\n가난에 공장에서 일한 ‘소년공’"));
    assert!(!article.body.contains("제때 치료받지 못해 장애판정도"), "{}", article.body);
}

/// A whole corpus page re-encoded as CP949 with its charset declarations removed, so only
/// sniffing can read it. (The cut fixture of the same page stops before its article: it serves
/// the decoder's unit tests.) encoding_rs writes characters CP949 lacks (NBSP, `©`) as
/// numeric references, as a legacy CMS would.
fn undeclared_cp949_page() -> Vec<u8> {
    let page =
        String::from_utf8(read_fixture("corpus/korean-news/html/mk-2025-05-27.html")).unwrap();
    let page = page
        .replace(r#"<meta charset="UTF-8">"#, "")
        .replace(r#"<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">"#, "");
    assert!(!page.to_ascii_lowercase().contains("charset=utf-8"), "a declaration is left");
    encoding_rs::EUC_KR.encode(&page).0.into_owned()
}

#[test]
fn euc_kr_pages_import_without_mojibake() {
    for name in [
        "hankookilbo-2026-01-29.euc-kr.html",
        "donga-2013.ks_c_5601-1987.html",
        "mk-2025-05-27.no-charset.euc-kr.html",
        "daejonilbo-mobile.html",
    ] {
        let bytes = if name.starts_with("mk-") {
            undeclared_cp949_page()
        } else {
            read_fixture(&format!("import/encoding/{name}"))
        };
        let text = match import_page(name, &bytes) {
            Ok(article) => article.to_file_text(),
            Err(error) => panic!("{name}: {error}"),
        };
        assert!(!text.contains('\u{FFFD}'), "{name}: replacement characters in\n{text}");
        assert!(
            text.chars().filter(|c| ('\u{AC00}'..='\u{D7A3}').contains(c)).count() > 20,
            "{name}: no Hangul:\n{text}"
        );
    }
    // The sniffed page reads exactly as its UTF-8 original.
    let original = read_fixture("corpus/korean-news/html/mk-2025-05-27.html");
    let sniffed = import_page("mk.html", &undeclared_cp949_page()).unwrap();
    assert_eq!(sniffed.body, import_page("mk.html", &original).unwrap().body);
}

#[test]
fn cli_never_overwrites_without_force_and_reports_failures() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("content");
    let seed = fixture(SEED);
    let garbage = dir.path().join("garbage.html");
    std::fs::write(&garbage, [0u8, 159, 146, 150, 255, 0, 1, 2]).unwrap();
    let first =
        gloss(&["import", "--out", out.to_str().unwrap(), seed.to_str().unwrap()], dir.path());
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(files.len(), 1);
    let written = std::fs::read_to_string(&files[0]).unwrap();

    // Same input again: unchanged. An edited file is kept unless --force.
    let again =
        gloss(&["import", "--out", out.to_str().unwrap(), seed.to_str().unwrap()], dir.path());
    assert!(String::from_utf8_lossy(&again.stderr).contains("1 unchanged"));
    let edited = format!("{written}\nA note added by hand.\n");
    std::fs::write(&files[0], &edited).unwrap();
    let kept =
        gloss(&["import", "--out", out.to_str().unwrap(), seed.to_str().unwrap()], dir.path());
    assert!(kept.status.success());
    assert!(String::from_utf8_lossy(&kept.stderr).contains("1 skipped"));
    assert_eq!(std::fs::read_to_string(&files[0]).unwrap(), edited);
    let forced = gloss(
        &["import", "--force", "--out", out.to_str().unwrap(), seed.to_str().unwrap()],
        dir.path(),
    );
    assert!(forced.status.success());
    assert_eq!(std::fs::read_to_string(&files[0]).unwrap(), written);

    // A bad page fails by name, the others still import, and the exit code is 1.
    let mixed = gloss(
        &[
            "import",
            "--force",
            "--out",
            out.to_str().unwrap(),
            garbage.to_str().unwrap(),
            seed.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(mixed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&mixed.stderr);
    assert!(
        stderr.contains("garbage.html")
            && stderr.contains("1 failed")
            && !stderr.contains("panicked"),
        "{stderr}"
    );
}

#[test]
fn stdin_and_stdout_work() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["import", "--stdout", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&read_fixture(SEED)).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("---\ntitle: 오픈AI와"), "{text}");
}

const HOSTILE_PAGE: &str = r#"<!DOCTYPE html><html lang="ko"><head><title>위험한 기사 | 테스트</title>
<meta property="og:title" content="위험한 기사"><meta property="article:published_time" content="2025-01-01T09:00:00+09:00">
<base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<style>body{background:url("javascript:alert(1)")}</style></head><body><article>
<h1>위험한 기사</h1>
<p>첫 문단에는 평범한 글이 충분히 길게 들어 있다. 기사 본문으로 인식될 만큼 긴 문장을 여러 개 쓴다. 스크립트는 모두 사라져야 한다.</p>
<p onclick="alert(1)" onmouseover="alert(2)">둘째 문단에 <a href="javascript:alert(3)">자바스크립트 링크</a>와 <a href="JaVaScRiPt:alert(4)">대소문자 섞인 링크</a>, <a href="java&#x09;script:alert(5)">탭 링크</a>가 있다.</p>
<p>셋째 문단: <img src="x" onerror="alert(6)"> <img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoNyk+"> <svg onload="alert(8)"><script>alert(9)</script></svg> 그리고 <iframe src="javascript:alert(10)"></iframe> 끝.</p>
<p>넷째 문단 &lt;script&gt;alert(11)&lt;/script&gt; 는 글자로 남아도 된다. <math><mi xlink:href="javascript:alert(12)">x</mi></math></p>
<script>alert(13)</script><form action="javascript:alert(14)"><input onfocus="alert(15)" autofocus></form>
<p>다섯째 문단은 <b onmouseover="alert(16)">굵은 글씨</b>와 <a href="https://example.com/ok">정상 링크</a>를 가진다. 충분히 긴 문장을 하나 더 쓴다.</p>
</article></body></html>"#;

#[test]
fn xss_payloads_do_not_survive_import_and_build() {
    let article = import_page("hostile.html", HOSTILE_PAGE.as_bytes()).unwrap();
    let site = SiteTest::fixture("basic");
    site.write(&format!("content/{}", article.file_name(false)), &article.to_file_text());
    site.build_ok();
    let html = site.page(&format!(
        "{}/",
        article.file_name(false).trim_end_matches(".md").splitn(4, '-').nth(3).unwrap()
    ));
    assert_eq!(texts(&html, "h1"), vec!["위험한 기사"]);
    let dangerous = scraper::Selector::parse("main script, main iframe, main form, main svg, main math, main base, main meta, main style").unwrap();
    assert_eq!(html.select(&dangerous).count(), 0);
    for element in html.select(&scraper::Selector::parse("main *").unwrap()) {
        for (name, value) in element.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "event handler {name} on <{}>",
                element.value().name()
            );
            let value = value.to_ascii_lowercase().replace(['\t', '\n', ' '], "");
            assert!(
                !value.starts_with("javascript:")
                    && !value.starts_with("data:")
                    && !value.starts_with("vbscript:"),
                "{name}={value}"
            );
        }
    }
    assert_eq!(
        attrs(&html, "main a[href^='https://example.com']", "href"),
        vec!["https://example.com/ok"]
    );
    assert!(texts(&html, "main").join(" ").contains("굵은 글씨"));
}

/// Words of visible text, in order.
fn words(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_fragment(html);
    let visible = document.root_element().descendants().filter_map(|node| {
        let text = node.value().as_text()?;
        let hidden = node.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript"))
        });
        (!hidden).then_some(&**text)
    });
    let text: String = visible.collect::<Vec<_>>().join(" ");
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `small` appears in `large` in order (not necessarily adjacent).
fn is_subsequence(small: &[String], large: &[String]) -> Result<(), String> {
    let mut at = 0;
    for (i, word) in small.iter().enumerate() {
        match large[at..].iter().position(|w| w == word) {
            Some(found) => at += found + 1,
            None => {
                return Err(format!(
                    "word {i} `{word}` (after `{}`) is not in the extracted text",
                    small[i.saturating_sub(5)..i].join(" ")
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn imported_markdown_renders_back_to_the_extracted_text() {
    let mut inputs: Vec<(String, Vec<u8>)> = vec![(SEED.to_owned(), read_fixture(SEED))];
    for entry in std::fs::read_dir(fixture("corpus/korean-news/html")).unwrap().flatten() {
        inputs.push((
            entry.file_name().to_string_lossy().into_owned(),
            std::fs::read(entry.path()).unwrap(),
        ));
    }
    for (name, bytes) in inputs {
        let extracted = words(&gloss::import::extracted_html(&bytes));
        let article = import_page(&name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let rendered_html = gloss::markdown::render(&article.body).html;
        let rendered = words(&rendered_html);
        // Nothing is invented or garbled: the rendered words are the extracted words, in order.
        if let Err(message) = is_subsequence(&rendered, &extracted) {
            panic!("{name}: {message}");
        }
        // Only the parts moved to front matter (byline, summary, glossary box, copyright) are gone.
        assert!(
            rendered.len() * 10 >= extracted.len() * 7,
            "{name}: {} of {} words kept",
            rendered.len(),
            extracted.len()
        );
        // Emphasis survives (CommonMark's flanking rules next to Korean particles included).
        let bold = |html: &str| texts(&scraper::Html::parse_fragment(html), "strong, b");
        for strong in bold(&gloss::import::extracted_html(&bytes)) {
            if !strong.is_empty() && article.body.contains(strong.as_str()) {
                assert!(bold(&rendered_html).contains(&strong), "{name}: `{strong}` lost its bold");
            }
        }
    }
}

#[test]
fn seed_timeline_is_extracted_on_the_true_dates() {
    let article = import_page("seed.txt", &read_fixture(SEED)).unwrap();
    let dates: Vec<&str> = article.timeline.iter().map(|e| e.date.as_str()).collect();
    assert_eq!(dates, vec!["2023-10-12", "2024-03", "2025", "2025-01-21", "2025-08-08"]);
    assert!(article.timeline[2].approx, "연내 is approximate");
    assert_eq!(article.timeline[0].source.as_deref(), Some("caption"));
    assert_eq!(
        article.timeline[1].source.as_deref(),
        Some("body"),
        "body and caption merged, body kept"
    );
}

#[test]
fn re_import_keeps_hand_written_timeline_events() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("content");
    let seed = fixture(SEED);
    let run = |force: bool| {
        let mut args = vec!["import", "--out", out.to_str().unwrap(), seed.to_str().unwrap()];
        if force {
            args.insert(1, "--force");
        }
        gloss(&args, dir.path())
    };
    assert!(run(false).status.success());
    let file = std::fs::read_dir(&out).unwrap().flatten().next().unwrap().path();
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen(
        "timeline:\n",
        "timeline:\n- date: 2019-07-22\n  text: MS가 오픈AI에 처음 투자했다.\n",
        1,
    );
    std::fs::write(&file, &edited).unwrap();
    let forced = run(true);
    assert!(forced.status.success(), "{}", String::from_utf8_lossy(&forced.stderr));
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(
        after.contains("- date: 2019-07-22\n  text: MS가 오픈AI에 처음 투자했다.\n"),
        "{after}"
    );
    assert_eq!(after.matches("source: body").count(), 3, "the extracted events are there once");
}

#[test]
fn timeline_extraction_follows_the_site_setting() {
    let site = SiteTest::fixture("basic");
    site.append_config("[timeline]\nextract = false");
    let seed = fixture(SEED);
    let output = gloss(
        &["import", "--root", site.root().to_str().unwrap(), seed.to_str().unwrap()],
        site.root(),
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let imported = std::fs::read_dir(site.root().join("content"))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().contains("오픈ai"))
        .unwrap();
    let text = std::fs::read_to_string(imported.path()).unwrap();
    assert!(!text.contains("timeline:"), "{text}");
}

#[test]
fn a_definition_list_glossary_box_moves_to_front_matter() {
    let page = r#"<!DOCTYPE html><html lang="ko"><head><title>공익법인 전환 협상 | 테스트일보</title>
<meta property="article:published_time" content="2025-08-17T07:00:00+09:00"></head><body><article>
<h1>공익법인 전환 협상</h1>
<p>양사는 현재 수익 공유 비율과 기술 접근권, 공익법인 지분율 등 핵심 계약 조건을 두고 막바지 협상 중이다. 최대 난제는 기술 접근권 제한 조항이다.</p>
<p>업계 관계자는 협상 결과가 향후 빅테크 기업들 간 경쟁 구도를 정하는 중요 변수가 될 전망이라고 말했다. 합의는 수 주 내 이뤄질 것으로 보인다.</p>
<h3>용어 설명</h3>
<dl><dt>PBC</dt><dd>공익법인(Public Benefit Corporation). 이윤과 공익을 함께 추구하는 회사 형태.</dd>
<dt>IP</dt><dd>지식재산권. 발명과 저작물에 대한 권리.</dd></dl>
</article></body></html>"#;
    let article = import_page("dl.html", page.as_bytes()).unwrap();
    let terms: Vec<(&str, &str)> =
        article.glossary.iter().map(|t| (t.term.as_str(), t.definition.as_str())).collect();
    assert_eq!(
        terms,
        vec![
            ("PBC", "공익법인(Public Benefit Corporation). 이윤과 공익을 함께 추구하는 회사 형태."),
            ("IP", "지식재산권. 발명과 저작물에 대한 권리.")
        ]
    );
    assert!(
        !article.body.contains("용어 설명") && !article.body.contains("지식재산권"),
        "{}",
        article.body
    );
}

/// `gloss import --text` prints the body as plain text: no front matter, no figure or caption,
/// no link target; each paragraph on its own. It is what `bench/import.sh` scores.
#[test]
fn text_output_is_the_body_without_markup() {
    let seed = fixture("seed/000_e94aa386e9de23ea.txt");
    let run = gloss(&["import", "--text", seed.to_str().unwrap()], &common::repo_root());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = String::from_utf8(run.stdout).unwrap();
    let article = import_page("seed.txt", &std::fs::read(&seed).unwrap()).unwrap();
    assert!(text.starts_with("마이크로소프트(MS)와 오픈AI 간 '6년 동맹'이"), "{text}");
    assert!(!text.contains("---") && !text.contains("title:"), "no front matter");
    assert!(!text.contains("](") && !text.contains("https://"), "no Markdown links or images");
    for image in &article.images {
        let caption = image.caption.as_deref().unwrap_or_default();
        assert!(caption.is_empty() || !text.contains(caption), "caption kept: {caption}");
    }
    let paragraphs = text.split("\n\n").count();
    assert!(paragraphs >= 8, "paragraphs stay apart: {paragraphs}");
    // Every paragraph is text of the Markdown body.
    for paragraph in text.split("\n\n") {
        let probe: String = paragraph.chars().take(12).collect();
        assert!(article.body.contains(&probe), "not in the body: {probe}");
    }
}

#[test]
fn keep_site_name_comes_from_the_flag_or_the_site_settings() {
    // daejonilbo-mobile declares `대전일보 모바일 :: 코로나19 …` in `og:title`.
    let page = fixture("corpus/korean-news/html/daejonilbo-mobile.html");
    let page = page.to_str().unwrap();
    let title_of = |output: std::process::Output| {
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let text = String::from_utf8(output.stdout).unwrap();
        text.lines().find_map(|l| l.strip_prefix("title: ").map(str::to_owned)).unwrap()
    };
    let site = SiteTest::fixture("basic");
    let cut = title_of(gloss(&["import", "--stdout", page], site.root()));
    assert_eq!(cut, "코로나19 극복 성금 기탁 줄 잇는다");
    let flag = title_of(gloss(&["import", "--stdout", "--keep-site-name", page], site.root()));
    assert_eq!(flag, "'대전일보 모바일 :: 코로나19 극복 성금 기탁 줄 잇는다'");
    site.append_config("[import]\nkeep_site_name = true");
    let setting = title_of(gloss(&["import", "--stdout", page], site.root()));
    assert_eq!(setting, flag);
}
