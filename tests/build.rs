//! Whole-site builds of fixture sites and of the repository's own example site, checked by
//! parsing the output HTML.

mod common;

use common::{SiteTest, attrs, broken_links, html_files, snapshot_dir, texts};

const FIXTURE_BASE: &str = "https://example.github.io/annotated/";

#[test]
fn example_site_builds_with_no_broken_internal_link() {
    let site = SiteTest::copy_of(&common::repo_root());
    let report = site.build_ok();
    assert!(report.articles >= 3, "the example site has the seed and two more articles");
    let broken = broken_links(&site.output(), "https://example.github.io/gloss/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_page_has_lang_title_description_and_canonical() {
    for site in [SiteTest::copy_of(&common::repo_root()), SiteTest::fixture("basic")] {
        site.build_ok();
        let expected_lang = if site.read("").contains("<html lang=\"ko\">") { "ko" } else { "en" };
        for file in html_files(&site.output()) {
            let html = site.page(&file.to_string_lossy());
            assert_eq!(attrs(&html, "html", "lang"), vec![expected_lang], "{}", file.display());
            let title = texts(&html, "head > title");
            assert!(title.len() == 1 && !title[0].is_empty(), "{}: no <title>", file.display());
            assert_eq!(
                attrs(&html, "meta[name=description]", "content").len(),
                1,
                "{}",
                file.display()
            );
            assert_eq!(
                attrs(&html, "meta[property='og:title']", "content").len(),
                1,
                "{}",
                file.display()
            );
            let canonical = attrs(&html, "link[rel=canonical]", "href");
            assert!(
                canonical.len() == 1 && canonical[0].starts_with("https://"),
                "{}: {canonical:?}",
                file.display()
            );
        }
    }
}

#[test]
fn seed_article_has_its_summary_images_captions_and_byline() {
    let site = SiteTest::copy_of(&common::repo_root());
    site.build_ok();
    let html = site.page("오픈ai와-경쟁적-협력-전환한-ms-독자-ai-mai-출격대기/");
    assert_eq!(
        texts(&html, "h1"),
        vec!["오픈AI와 '경쟁적 협력' 전환한 MS, 독자 AI 'MAI' 출격대기"]
    );
    let summary = site.read("오픈ai와-경쟁적-협력-전환한-ms-독자-ai-mai-출격대기/");
    assert!(
        summary.contains("앞에선 웃으며 협력, 뒤에선 각자 영향력 확대 모색<br>MS 자체 AI모델"),
        "summary keeps its two lines"
    );
    let images = attrs(&html, ".article figure img", "src");
    assert_eq!(images.len(), 3, "{images:?}");
    assert!(
        images.iter().all(|src| src.starts_with("https://t1.daumcdn.net/news/202508/17/NEWS1/")),
        "original, not the thumbnail proxy: {images:?}"
    );
    let captions = texts(&html, ".article figure figcaption");
    assert_eq!(captions.len(), 3);
    assert!(
        captions[0].starts_with("사티야 나델라 MS CEO(왼쪽)과 샘 올트먼 오픈AI CEO"),
        "{captions:?}"
    );
    assert!(captions[2].contains("21일(현지시간) 워싱턴 백악관"), "{captions:?}");
    let byline = texts(&html, ".byline")[0].clone();
    assert!(
        byline.contains("김민석") && byline.contains("뉴스1") && byline.contains("2025년 8월 17일"),
        "{byline}"
    );
    let body = texts(&html, ".article-body")[0].clone();
    assert!(
        body.starts_with("사티야") || body.contains("마이크로소프트(MS)와 오픈AI 간 '6년 동맹'"),
        "{body}"
    );
    assert!(!body.contains("김민석 기자 ="), "the byline prefix is not in the body");
    assert!(!body.contains("관련자료") && !body.contains("댓글"), "page junk is not in the body");
    // The box lists the terms the article uses, in order of first use, replacing its own box.
    assert_eq!(texts(&html, ".glossary-box dt"), vec!["생각 사슬", "API", "AGI"]);
}

#[test]
fn fixture_site_has_every_kind_of_page() {
    let site = SiteTest::fixture("basic");
    let report = site.build_ok();
    assert_eq!(report.articles, 5, "the draft is left out");
    for url in [
        "",
        "page/2/",
        "page/3/",
        "world/",
        "에세이/",
        "tags/",
        "tags/ai/",
        "tags/인공지능/",
        "404.html",
        "css/gloss.css",
    ] {
        site.read(url);
    }
    assert!(!site.output().join("page/4").exists());
    assert!(!site.output().join("draft").exists(), "drafts are not built");
    let broken = broken_links(&site.output(), FIXTURE_BASE);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn home_lists_newest_first_with_date_source_summary_and_image() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let home = site.page("");
    assert_eq!(
        texts(&home, ".card-title"),
        vec!["MS and OpenAI move to 'competitive cooperation'", "생각 사슬과 추론 모델"]
    );
    let second = site.page("page/2/");
    assert_eq!(
        texts(&second, ".card-title"),
        vec!["첫 에세이", "Stargate announced at the White House"]
    );
    assert_eq!(texts(&site.page("page/3/"), ".card-title"), vec!["An older story"]);
    let first_card = home.select(&scraper::Selector::parse(".card").unwrap()).next().unwrap();
    let card_text: String = first_card.text().collect();
    assert!(card_text.contains("August 17, 2025"), "{card_text}");
    assert!(card_text.contains("News1"), "{card_text}");
    assert!(card_text.contains("Smiling partners in front"), "{card_text}");
    assert_eq!(attrs(&home, ".card img", "src")[0], "https://img.example/lead.jpg");
    assert_eq!(attrs(&second, ".pagination a[rel=prev]", "href"), vec!["/annotated/"]);
}

#[test]
fn article_page_shows_everything_from_front_matter() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let html = site.page("ms-openai/");
    let byline = texts(&html, ".byline")[0].clone();
    for part in ["Kim Min-seok", "Seoul", "August 17, 2025", "News1"] {
        assert!(byline.contains(part), "{byline} lacks {part}");
    }
    assert_eq!(attrs(&html, ".byline a", "href"), vec!["https://news1.kr/it/ms-openai"]);
    // The lead image is in the body, so only the chart is shown as a gallery figure.
    assert_eq!(
        attrs(&html, ".gallery img", "src"),
        vec!["https://example.github.io/annotated/img/chart.png"]
    );
    assert_eq!(texts(&html, ".gallery figcaption"), vec!["Investment over time Fixture Desk"]);
    assert_eq!(
        texts(&html, ".article-body figure figcaption"),
        vec!["Satya Nadella (left) and Sam Altman"]
    );
    assert_eq!(attrs(&html, ".article-body h2", "id"), vec!["what-changed"]);
    assert_eq!(html.select(&scraper::Selector::parse(".article-body table").unwrap()).count(), 1);
    assert_eq!(texts(&html, ".article-body del"), vec!["Exclusive"]);
    assert!(!texts(&html, ".footnote-definition").is_empty());
    assert_eq!(texts(&html, ".tags a"), vec!["AI", "Microsoft"]);
    assert_eq!(
        attrs(&html, "time[datetime='2024-03']", "datetime").len(),
        1,
        "timeline keeps month precision"
    );
    assert_eq!(texts(&html, ".timeline time"), vec!["March 2024", "c. 2025"]);
    assert_eq!(
        attrs(&html, "meta[property='og:image']", "content"),
        vec!["https://img.example/lead.jpg"]
    );
    assert_eq!(
        attrs(&html, "link[rel=canonical]", "href"),
        vec!["https://example.github.io/annotated/ms-openai/"]
    );
    // Newest article: an earlier one, no later one.
    assert_eq!(attrs(&html, ".article-nav a", "href"), vec!["/annotated/생각-사슬/"]);
    let oldest = site.page("world/older/");
    assert_eq!(attrs(&oldest, ".article-nav a", "href"), vec!["/annotated/world/stargate/"]);
}

#[test]
fn hangul_slugs_sections_and_heading_ids() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let html = site.page("생각-사슬/");
    assert_eq!(attrs(&html, ".article-body h2", "id"), vec!["생각-사슬", "생각-사슬-1"]);
    assert_eq!(texts(&html, ".byline .authors"), vec!["이하늘, 박서준"]);
    assert_eq!(texts(&html, "time[datetime='2025-05-15']"), vec!["May 15, 2025"]);
    let section = site.page("에세이/");
    assert_eq!(texts(&section, ".card-title"), vec!["첫 에세이"]);
    let tags = site.page("tags/");
    // Hangul first, then Latin A–Z.
    assert_eq!(
        texts(&tags, "main li a")
            .iter()
            .map(|t| t.split_whitespace().next().unwrap().to_owned())
            .collect::<Vec<_>>(),
        vec!["인공지능", "AI", "Microsoft", "Stargate"]
    );
}

#[test]
fn section_page_lists_its_articles_with_its_index_text() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let world = site.page("world/");
    assert_eq!(texts(&world, "h1"), vec!["World"]);
    assert!(texts(&world, "main").join(" ").contains("Stories from outside Korea."));
    assert_eq!(
        texts(&world, ".card-title"),
        vec!["Stargate announced at the White House", "An older story"]
    );
    let tag = site.page("tags/ai/");
    assert_eq!(texts(&tag, ".card-title").len(), 2, "paginate_by = 2");
    assert_eq!(
        texts(&site.page("tags/ai/page/2/"), ".card-title"),
        vec!["Stargate announced at the White House"]
    );
}

#[test]
fn raw_html_in_an_article_is_sanitised() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let html = site.page("world/older/");
    assert_eq!(
        attrs(&html, "script", "src"),
        vec!["/annotated/js/gloss.js"],
        "only the theme's own script"
    );
    assert_eq!(
        html.select(&scraper::Selector::parse("main script, [onclick]").unwrap()).count(),
        0
    );
    assert_eq!(texts(&html, ".article-body em"), vec!["HTML"]);
}

#[test]
fn drafts_are_built_with_the_flag() {
    let site = SiteTest::fixture("basic");
    let options = gloss::BuildOptions { drafts: true, ..Default::default() };
    let report = gloss::build(site.root(), &options).unwrap();
    assert_eq!(report.articles, 6);
    assert_eq!(texts(&site.page("draft/"), "h1"), vec!["Unfinished draft"]);
}

#[test]
fn base_url_flag_changes_every_link() {
    let site = SiteTest::fixture("basic");
    let options = gloss::BuildOptions {
        base_url: Some("https://user.github.io/other-repo".into()),
        ..Default::default()
    };
    gloss::build(site.root(), &options).unwrap();
    let broken = broken_links(&site.output(), "https://user.github.io/other-repo/");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    assert_eq!(
        attrs(&site.page(""), "link[rel=stylesheet]", "href"),
        vec!["/other-repo/css/gloss.css"]
    );
}

#[test]
fn site_templates_override_the_builtin_ones_file_by_file() {
    let site = SiteTest::fixture("basic");
    site.write(
        "templates/partials/article_card.html",
        "<article class=\"card custom\"><h2 class=\"card-title\"><a href=\"{{ p.path }}\">{{ p.title | upper }}</a></h2></article>",
    );
    site.build_ok();
    let home = site.page("");
    assert_eq!(
        texts(&home, ".custom .card-title")[0],
        "MS AND OPENAI MOVE TO 'COMPETITIVE COOPERATION'"
    );
    assert_eq!(texts(&home, ".site-title").len(), 1, "base.html is still the built-in one");
}

#[test]
fn static_files_are_copied_and_override_the_theme() {
    let site = SiteTest::fixture("basic");
    site.write("static/css/gloss.css", "body { color: red }");
    site.write("static/robots-extra.txt", "x");
    site.build_ok();
    assert_eq!(site.read("css/gloss.css"), "body { color: red }");
    assert_eq!(site.read("robots-extra.txt"), "x");
    assert_eq!(
        std::fs::read(site.output().join("img/chart.png")).unwrap()[..4],
        [0x89, b'P', b'N', b'G']
    );
}

#[test]
fn yaml_error_names_file_and_line_and_keeps_the_previous_site() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let before = snapshot_dir(&site.output());
    site.write(
        "content/broken.md",
        "---\ntitle: Broken\ntags: [a, b\ndate: 2025-01-01\n---\nbody\n",
    );
    let error = format!("{:#}", site.build().unwrap_err());
    assert!(
        error.contains("content/broken.md:4") || error.contains("content/broken.md:3"),
        "{error}"
    );
    assert!(error.contains("invalid YAML"), "{error}");
    assert_eq!(snapshot_dir(&site.output()), before, "a failed build leaves the output as it was");
}

#[test]
fn wrong_field_type_names_the_field_and_line() {
    let site = SiteTest::fixture("basic");
    site.write("content/bad-date.md", "---\ntitle: Bad\n# a comment\ndate: last tuesday\n---\n");
    let error = format!("{:#}", site.build().unwrap_err());
    assert!(error.contains("content/bad-date.md:4: `date`"), "{error}");
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let site = SiteTest::fixture("basic");
    site.write(
        "templates/tags.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock content %}\n",
    );
    let error = format!("{:#}", site.build().unwrap_err());
    assert!(error.contains("templates/tags.html:3"), "{error}");
}

#[test]
fn template_render_error_names_template_and_line() {
    let site = SiteTest::fixture("basic");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n<p>{{ page.no_such_field }}</p>\n{% endblock content %}\n",
    );
    let error = format!("{:#}", site.build().unwrap_err());
    assert!(error.contains("templates/article.html:4"), "{error}");
    assert!(error.contains("no_such_field"), "{error}");
}

#[test]
fn two_pages_with_one_url_name_both_files() {
    let site = SiteTest::fixture("basic");
    site.write("content/2020-01-01-ms-openai.md", "---\ntitle: Same slug\ndate: 2020-01-01\n---\n");
    let error = format!("{:#}", site.build().unwrap_err());
    assert!(error.contains("content/2025-08-17-ms-openai.md"), "{error}");
    assert!(error.contains("content/2020-01-01-ms-openai.md"), "{error}");
}

/// A build writes article pages while it renders, so errors found after them (a broken link,
/// a URL claimed twice, a listing template failing) must still leave the previous site whole.
#[test]
fn errors_found_after_article_pages_are_written_keep_the_previous_site() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let before = snapshot_dir(&site.output());
    let staging_folders = || {
        std::fs::read_dir(site.root())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("staging"))
            .count()
    };
    let article = "content/2025-08-17-ms-openai.md";
    let original = std::fs::read_to_string(site.root().join(article)).unwrap();
    let edited = original.replacen("The **six-year", "[[No Such Term]] The **six-year", 1);
    let broken_term = ("names no glossary term", article, edited.as_str());
    let collision =
        ("2020-01-01-ms-openai.md", "content/2020-01-01-ms-openai.md", "---\ntitle: Same\n---\n");
    let listing = ("tags.html", "templates/tags.html", "{{ no_such_value }}");
    for (what, file, text) in [broken_term, collision, listing] {
        site.write(file, text);
        let error = format!("{:#}", site.build().unwrap_err());
        assert!(error.contains(what), "{error}");
        assert_eq!(snapshot_dir(&site.output()), before, "{what}: the output is as it was");
        assert_eq!(staging_folders(), 0, "{what}: no staging folder is left behind");
        if file == article {
            site.write(file, &original);
        } else {
            std::fs::remove_file(site.root().join(file)).unwrap();
        }
    }
    site.build_ok();
    assert_eq!(snapshot_dir(&site.output()), before);
}

#[test]
fn unknown_site_toml_key_is_named() {
    let site = SiteTest::fixture("basic");
    site.append_config("paginate = 3");
    let error = format!("{:#}", site.build().unwrap_err());
    assert!(error.contains("site.toml") && error.contains("`paginate`"), "{error}");
}

#[test]
fn deleted_articles_do_not_linger() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    assert!(site.output().join("world/stargate/index.html").exists());
    std::fs::remove_file(site.root().join("content/world/2025-01-21-stargate.md")).unwrap();
    site.build_ok();
    assert!(!site.output().join("world/stargate").exists());
    assert!(!site.output().join("tags/stargate").exists());
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
}

#[test]
fn output_that_is_not_ours_is_never_replaced() {
    let site = SiteTest::fixture("basic");
    site.write("public/important.txt", "user data");
    let error = format!("{:#}", site.build().unwrap_err());
    assert!(error.contains("not written by gloss"), "{error}");
    assert_eq!(
        std::fs::read_to_string(site.root().join("public/important.txt")).unwrap(),
        "user data"
    );
    for output in
        [site.root().to_path_buf(), site.root().join("content"), site.root().join("static/out")]
    {
        let options = gloss::BuildOptions { output: Some(output.clone()), ..Default::default() };
        let error = format!("{:#}", gloss::build(site.root(), &options).unwrap_err());
        assert!(error.contains("refusing"), "{}: {error}", output.display());
    }
    assert!(site.root().join("content/2025-08-17-ms-openai.md").exists());
}

// See: #18. Symlinks in `static/` or `content/` pointing outside the site (`/etc/passwd`,
// `~/.ssh`) were followed, copied into `public/` and served: a cloned site repository must not
// publish its builder's files. They are skipped with a warning; links inside the site work.
#[test]
fn symlinks_leaving_the_site_are_not_published() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("id_ed25519"), "PRIVATE KEY").unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: Secret notes\n---\nPRIVATE NOTES\n",
    )
    .unwrap();
    let site = SiteTest::fixture("basic");
    let link = |target: &std::path::Path, at: &str| {
        let at = site.root().join(at);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, at).unwrap();
    };
    link(&outside.path().join("id_ed25519"), "static/key.txt");
    link(outside.path(), "static/home");
    link(&outside.path().join("secret.md"), "content/secret.md");
    site.write("static/notes/inside.txt", "inside");
    link(&site.root().join("static/notes/inside.txt"), "static/alias.txt");
    let run = common::run_gloss(&["build", "--root", site.root().to_str().unwrap()], site.root());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let warnings = String::from_utf8_lossy(&run.stderr);
    for name in ["static/key.txt", "static/home", "content/secret.md"] {
        assert!(warnings.contains(&format!("skipped `{name}`")), "{warnings}");
    }
    let published = common::snapshot_dir(&site.output());
    assert!(!published.contains_key("key.txt") && !published.keys().any(|k| k.starts_with("home")));
    assert!(published.values().all(|bytes| !String::from_utf8_lossy(bytes).contains("PRIVATE")));
    assert_eq!(published.get("alias.txt").map(Vec::as_slice), Some(&b"inside"[..]));
}

// See: #18. A negative year reached `atom.xml` and `sitemap.xml` as `-0001-01-01`.
#[test]
fn dates_outside_years_1_to_9999_are_errors_naming_file_and_line() {
    let site = SiteTest::fixture("basic");
    site.write("content/old.md", "---\ntitle: Old\ndate: -0001-01-01\n---\nText.\n");
    let error = format!("{:#}", site.build().unwrap_err());
    assert!(error.contains("content/old.md:3") && error.contains("years 1 to 9999"), "{error}");
}
