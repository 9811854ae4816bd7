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
    format!("{}/", gloss::slug::strip_date_prefix(&stem))
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

/// A small news page. Pages with the same title and day map to the same file name.
fn news_page(title: &str, day: &str, text: &str) -> String {
    let paragraph = format!(
        "<p>{text} 시는 이번 계획의 세부 내용을 이날 설명회에서 밝혔으며, 시민 의견을 더 듣겠다고 말했다.</p>"
    );
    format!(
        "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta property=\"og:title\" content=\"{title}\">\
         <meta property=\"article:published_time\" content=\"{day}T09:00:00+09:00\"></head>\
         <body><article><h1>{title}</h1>{}</article></body></html>",
        paragraph.repeat(4)
    )
}

/// Writes pages into a folder of inputs and returns their paths.
fn write_pages(site: &SiteTest, pages: &[(&str, String)]) -> Vec<String> {
    let inputs = site.root().join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    pages
        .iter()
        .map(|(name, html)| {
            let path = inputs.join(name);
            std::fs::write(&path, html).unwrap();
            path.to_string_lossy().into_owned()
        })
        .collect()
}

/// The Markdown files in the site's `content/` (not in sections), by name.
fn content_files(site: &SiteTest) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.root().join("content"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    names
}

fn read(site: &SiteTest, name: &str) -> String {
    std::fs::read_to_string(site.root().join("content").join(name)).unwrap()
}

const TITLE: &str = "서울시 새 계획 발표";

fn two_pages_with_one_title(site: &SiteTest) -> Vec<String> {
    write_pages(
        site,
        &[
            ("a.html", news_page(TITLE, "2025-05-20", "첫째 기사: 녹지를 늘린다.")),
            ("b.html", news_page(TITLE, "2025-05-20", "둘째 기사: 버스 노선을 바꾼다.")),
        ],
    )
}

// See: #18
#[test]
fn two_pages_with_one_title_and_day_become_two_articles_that_build() {
    let site = SiteTest::fixture("basic");
    let inputs = two_pages_with_one_title(&site);
    let args: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let stderr = import(&site, &args);
    assert!(
        stderr.contains("2 imported, 0 unchanged, 0 skipped, 0 duplicate, 0 failed"),
        "{stderr}"
    );
    let first = "2025-05-20-서울시-새-계획-발표.md";
    let second = "2025-05-20-서울시-새-계획-발표-2.md";
    assert!(read(&site, first).contains("첫째 기사") && read(&site, second).contains("둘째 기사"));
    run_ok(&site, &["build"]);
    run_ok(&site, &["check"]);
    let urls = [url_of(Path::new(first)), url_of(Path::new(second))];
    assert_eq!(urls, ["서울시-새-계획-발표/", "서울시-새-계획-발표-2/"]);
    assert!(texts(&site.page(&urls[0]), ".article-body").join(" ").contains("첫째 기사"));
    assert!(texts(&site.page(&urls[1]), ".article-body").join(" ").contains("둘째 기사"));

    // Importing the batch again changes nothing, in either order.
    let again = import(&site, &[args[1], args[0]]);
    assert!(again.contains("0 imported, 2 unchanged"), "{again}");
    assert_eq!(content_files(&site).iter().filter(|n| n.starts_with("2025-05-20")).count(), 2);

    // An edited article is kept, and replaced only with --force, by its own page.
    let edited = format!("{}\n독자가 덧붙인 메모.\n", read(&site, second));
    std::fs::write(site.root().join("content").join(second), &edited).unwrap();
    let kept = import(&site, &args);
    assert!(kept.contains("1 unchanged, 1 skipped") && kept.contains(second), "{kept}");
    assert_eq!(read(&site, second), edited);
    let forced = import(&site, &["--force", args[0], args[1]]);
    assert!(forced.contains("1 imported, 1 unchanged"), "{forced}");
    assert!(read(&site, second).contains("둘째 기사") && !read(&site, second).contains("메모"));
    assert!(read(&site, first).contains("첫째 기사"));
}

// See: #18
#[test]
fn with_force_two_pages_with_one_title_still_give_two_articles() {
    let site = SiteTest::fixture("basic");
    let inputs = two_pages_with_one_title(&site);
    let stderr = import(&site, &["--force", &inputs[0], &inputs[1]]);
    assert!(stderr.contains("2 imported"), "{stderr}");
    let dated: Vec<String> =
        content_files(&site).into_iter().filter(|n| n.starts_with("2025-05-20")).collect();
    assert_eq!(dated.len(), 2, "{dated:?}");
    let texts: Vec<String> = dated.iter().map(|n| read(&site, n)).collect();
    assert!(
        texts.iter().any(|t| t.contains("첫째 기사"))
            && texts.iter().any(|t| t.contains("둘째 기사"))
    );
    run_ok(&site, &["build"]);
}

// See: #18
#[test]
fn the_same_page_twice_in_one_run_is_one_article_and_a_duplicate() {
    let site = SiteTest::fixture("basic");
    let page = news_page(TITLE, "2025-05-20", "같은 기사.");
    let inputs = write_pages(&site, &[("a.html", page.clone()), ("copy-of-a.html", page)]);
    let stderr = import(&site, &[&inputs[0], &inputs[1], &inputs[0]]);
    assert!(
        stderr.contains("1 imported, 0 unchanged, 0 skipped, 2 duplicate, 0 failed"),
        "{stderr}"
    );
    assert!(stderr.contains("copy-of-a.html (the same bytes as"), "{stderr}");
    let dated: Vec<String> =
        content_files(&site).into_iter().filter(|n| n.starts_with("2025-05-20")).collect();
    assert_eq!(dated, ["2025-05-20-서울시-새-계획-발표.md"]);
}

// See: #18
#[test]
fn a_file_written_by_hand_under_the_articles_name_is_left_alone() {
    let site = SiteTest::fixture("basic");
    let mine = "---\ntitle: 서울시 새 계획 발표\ndate: 2025-05-20\n---\n\n내가 쓴 글.\n";
    site.write("content/2025-05-20-서울시-새-계획-발표.md", mine);
    let inputs = write_pages(&site, &[("a.html", news_page(TITLE, "2025-05-20", "기사."))]);
    let stderr = import(&site, &["--force", &inputs[0]]);
    assert!(stderr.contains("2025-05-20-서울시-새-계획-발표-2.md"), "{stderr}");
    assert_eq!(read(&site, "2025-05-20-서울시-새-계획-발표.md"), mine);
    run_ok(&site, &["build"]);
}

// See: #18
#[test]
fn pages_with_one_title_on_two_days_get_two_urls() {
    let site = SiteTest::fixture("basic");
    let inputs = write_pages(
        &site,
        &[
            ("a.html", news_page(TITLE, "2025-05-20", "첫날 기사.")),
            ("b.html", news_page(TITLE, "2025-05-21", "다음 날 기사.")),
        ],
    );
    import(&site, &[&inputs[0], &inputs[1]]);
    let dated: Vec<String> =
        content_files(&site).into_iter().filter(|n| n.starts_with("2025-05-2")).collect();
    assert_eq!(dated, ["2025-05-20-서울시-새-계획-발표.md", "2025-05-21-서울시-새-계획-발표-2.md"]);
    run_ok(&site, &["build"]);
}

// See: #18
#[test]
fn markdown_on_standard_output_ends_with_one_line_break() {
    let site = SiteTest::fixture("basic");
    let inputs = write_pages(&site, &[("a.html", news_page(TITLE, "2025-05-20", "기사."))]);
    let run = run_gloss(&["import", "--stdout", &inputs[0]], site.root());
    let markdown = String::from_utf8(run.stdout).unwrap();
    assert!(markdown.ends_with(".\n") && !markdown.ends_with("\n\n"), "{markdown:?}");
}

// See: #18
#[cfg(unix)]
#[test]
fn imported_files_get_the_permissions_of_the_users_umask() {
    use std::os::unix::fs::PermissionsExt;
    let site = SiteTest::fixture("basic");
    let inputs = write_pages(&site, &[("a.html", news_page(TITLE, "2025-05-20", "기사."))]);
    import(&site, &[&inputs[0]]);
    let content = site.root().join("content");
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    // What any program writing a new file gets under the same umask.
    let sibling = content.join("sibling.txt");
    std::fs::write(&sibling, "x").unwrap();
    let article = content.join("2025-05-20-서울시-새-계획-발표.md");
    assert_eq!(mode(&article), mode(&sibling), "{:o} vs {:o}", mode(&article), mode(&sibling));
}
