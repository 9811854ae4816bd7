//! `gloss import` into a site, then `gloss build`: what import writes must always build, and
//! every input of a batch gets its own article.

mod common;

use std::path::{Path, PathBuf};

use common::{SiteTest, attrs, fixture, run_gloss, texts};

/// Runs `gloss import ARGS…` in the site's root, expecting success; returns standard error.
fn import(site: &SiteTest, args: &[&str]) -> String {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let run = run_gloss(&all, site.root());
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "gloss import failed: {stderr}");
    stderr
}

/// The files `gloss import` reported writing (`imported  content/x.md`).
fn imported_files(stderr: &str) -> Vec<PathBuf> {
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix("imported  "))
        .map(|p| PathBuf::from(p.trim()))
        .collect()
}

/// The site URL of an article file: its name without the date.
fn url_of(file: &Path) -> String {
    let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
    format!("{}/", gloss::content::slug::strip_date_prefix(&stem))
}

fn run_ok(site: &SiteTest, args: &[&str]) {
    let run = run_gloss(args, site.root());
    assert!(
        run.status.success(),
        "gloss {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

// See: #18
#[test]
fn imported_pages_with_wiki_brackets_relative_links_and_images_build_and_check() {
    let site = SiteTest::fixture("basic");
    let pages = fixture("import/build-safe");
    let with_url = pages.join("with-url.html");
    let without_url = pages.join("without-url.html");
    let stderr = import(&site, &[with_url.to_str().unwrap(), without_url.to_str().unwrap()]);
    let files = imported_files(&stderr);
    assert_eq!(files.len(), 2, "{stderr}");
    run_ok(&site, &["build"]);
    run_ok(&site, &["check"]);

    for file in &files {
        let html = site.page(&url_of(file));
        let body = texts(&html, ".article-body").join(" ");
        // The page's text reads as written: no glossary link formed from it.
        assert!(body.contains("[[Seoul]]") && body.contains("[[서울|수도]]"), "{body}");
        // Every link is absolute, or one of gloss's own glossary links.
        for href in attrs(&html, ".article-body a:not(.term)", "href") {
            assert!(href.starts_with("https://"), "{file:?}: link {href}");
        }
        for src in attrs(&html, ".article-body img", "src") {
            assert!(src.starts_with("https://news.example.com/images/"), "{file:?}: image {src}");
        }
        // The fragment link is only text in both.
        assert!(body.contains("댓글과"), "{body}");
    }

    // With the page's URL, relative links and images resolve against it.
    let html = site.page(&url_of(&files[0]));
    let links = attrs(&html, ".article-body a:not(.term)", "href");
    for expected in [
        "https://news.example.com/society/2025/05/20/notes.md",
        "https://news.example.com/society/2025/05/19/parks.html",
        "https://news.example.com/society/2025/05/20/green.html?page=2",
        "https://research.example.org/green?lang=ko",
    ] {
        assert!(links.iter().any(|l| l == expected), "{expected} not in {links:?}");
    }
    let images = attrs(&html, ".article-body img", "src");
    assert_eq!(
        images,
        [
            "https://news.example.com/images/2025/05/park.jpg",
            "https://news.example.com/images/2025/05/map.png",
            "https://news.example.com/images/2025/05/trees-large.jpg"
        ]
    );

    // Without it, relative links keep only their text, relative images go, captions stay.
    let html = site.page(&url_of(&files[1]));
    let links = attrs(&html, ".article-body a:not(.term)", "href");
    assert_eq!(links, ["https://research.example.org/green?lang=ko"]);
    assert!(attrs(&html, ".article-body img", "src").is_empty());
    let body = texts(&html, ".article-body").join(" ");
    for text in ["계획 설명 자료와 어제 기사에서", "다음 쪽에서", "서울숲 전경. 시는"]
    {
        assert!(body.contains(text), "{text} not in {body}");
    }
}
