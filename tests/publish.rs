//! What GitHub Pages needs: the files beside the pages (feeds, sitemap, robots.txt, .nojekyll,
//! CNAME), all parsed, with every URL in them absolute, under the base path and pointing at a
//! file that exists.

mod common;

use std::path::Path;

use common::SiteTest;

const BASE: &str = "https://example.github.io/annotated/";

/// The output file a URL under `BASE` names.
fn file_for(output: &Path, url: &str) -> std::path::PathBuf {
    let path = url.strip_prefix(BASE).unwrap_or_else(|| panic!("{url} is not under {BASE}"));
    let path = percent_encoding::percent_decode_str(path).decode_utf8().unwrap().into_owned();
    let file = output.join(&path);
    if path.is_empty() || path.ends_with('/') { file.join("index.html") } else { file }
}

fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML: {e}\n{text}"))
}

#[test]
fn the_output_has_what_github_pages_needs() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let output = site.output();
    assert!(output.join(".nojekyll").is_file());
    assert!(output.join("404.html").is_file());
    assert!(!output.join("CNAME").exists(), "no CNAME without a custom domain");
    let robots = site.read("robots.txt");
    assert!(robots.contains(&format!("Sitemap: {BASE}sitemap.xml")), "{robots}");
}

#[test]
fn the_sitemap_lists_every_page_with_absolute_urls() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let text = site.read("sitemap.xml");
    let doc = xml(&text);
    let locs: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
    let pages = common::html_files(&site.output()).len() - 1; // all but 404.html
    assert_eq!(locs.len(), pages, "one <loc> per page");
    for loc in &locs {
        assert!(loc.is_ascii(), "{loc} is not percent-encoded");
        assert!(file_for(&site.output(), loc).is_file(), "{loc} names no file");
    }
    assert!(locs.iter().any(|l| l.contains("%EC%83%9D%EA%B0%81")), "Hangul URLs are listed");
    let lastmods = doc.descendants().filter(|n| n.has_tag_name("lastmod")).count();
    assert!(lastmods >= 5, "articles carry their dates");
}

#[test]
fn feeds_are_valid_atom_with_absolute_links() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let mut feeds = vec!["atom.xml".to_owned()];
    for tag in ["ai", "microsoft", "인공지능"] {
        feeds.push(format!("tags/{tag}/atom.xml"));
    }
    for feed in feeds {
        let text = site.read(&feed);
        let doc = xml(&text);
        let root = doc.root_element();
        assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"), "{feed}");
        let entries: Vec<_> = root.children().filter(|n| n.has_tag_name("entry")).collect();
        assert!(!entries.is_empty(), "{feed} has entries");
        // Tag feeds carry summaries; the site feed whole bodies (#24).
        let site_feed = feed == "atom.xml";
        for entry in entries {
            let child = |name: &str| entry.children().find(|n| n.has_tag_name(name));
            for name in ["title", "id", "updated", "published"] {
                assert!(child(name).is_some(), "{feed}: an entry has no <{name}>");
            }
            assert_eq!(child("content").is_some(), site_feed, "{feed}: <content>");
            if !site_feed {
                assert!(child("summary").is_some(), "{feed}: an entry has no <summary>");
                continue;
            }
            let updated = child("updated").and_then(|n| n.text()).unwrap();
            assert!(chrono::DateTime::parse_from_rfc3339(updated).is_ok(), "{updated}");
            let link = child("link").and_then(|n| n.attribute("href")).unwrap();
            assert!(file_for(&site.output(), link).is_file(), "{feed}: {link}");
            let content = child("content").unwrap();
            assert_eq!(
                content.attribute(("http://www.w3.org/XML/1998/namespace", "base")),
                Some(link)
            );
            let html = content.text().unwrap_or("");
            assert!(
                !html.contains("href=\"/") && !html.contains("src=\"/"),
                "root-relative URL in {feed}"
            );
            assert!(!html.contains("term-tip"), "tooltips stay out of feeds");
        }
    }
    let home = site.page("");
    let alternate =
        common::attrs(&home, "link[rel=alternate][type='application/atom+xml']", "href");
    assert_eq!(alternate, vec!["/annotated/atom.xml"]);
}

#[test]
fn feeds_hold_at_most_feed_limit_entries() {
    let site = SiteTest::fixture("basic");
    site.append_config("feed_limit = 2");
    site.build_ok();
    let text = site.read("atom.xml");
    assert_eq!(xml(&text).descendants().filter(|n| n.has_tag_name("entry")).count(), 2);
}

#[test]
fn a_custom_domain_gets_a_cname_file_and_a_bad_one_an_error() {
    let site = SiteTest::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &format!("cname = \"news.example.org\"\n{config}"));
    site.build_ok();
    assert_eq!(site.read("CNAME"), "news.example.org\n");
    site.write("site.toml", &format!("cname = \"https://news.example.org/\"\n{config}"));
    let error = format!("{:#}", site.build().unwrap_err());
    assert!(error.contains("site.toml") && error.contains("not a host name"), "{error}");
}

#[test]
fn a_project_site_has_no_link_that_breaks_under_its_path() {
    let site = SiteTest::fixture("basic");
    gloss::build(
        site.root(),
        &gloss::BuildOptions { base_url: Some(BASE.into()), ..Default::default() },
    )
    .unwrap();
    let broken = common::broken_links(&site.output(), BASE);
    assert!(broken.is_empty(), "broken under /annotated/:\n{}", broken.join("\n"));
}

#[test]
fn links_to_source_files_become_urls_and_unknown_ones_are_errors() {
    let site = SiteTest::fixture("basic");
    site.write(
        "content/world/2025-03-01-links.md",
        "---\ntitle: Links\ndate: 2025-03-01\n---\n\n\
         [relative](2025-01-21-stargate.md), [up](../2025-05-15-hangul-slug.md#생각-사슬),\n\
         [rooted](@/에세이/2025-02-01-essay.md), [section](_index.md), [web](https://x.org/a.md).\n",
    );
    site.build_ok();
    let page = site.page("world/links/");
    let hrefs: Vec<String> = common::attrs(&page, ".article-body a", "href")
        .iter()
        .map(|h| percent_encoding::percent_decode_str(h).decode_utf8_lossy().into_owned())
        .collect();
    for expected in [
        "/annotated/world/stargate/",
        "/annotated/생각-사슬/#생각-사슬",
        "/annotated/에세이/첫-에세이/",
        "/annotated/world/",
        "https://x.org/a.md",
    ] {
        assert!(hrefs.iter().any(|h| h == expected), "no {expected} in {hrefs:?}");
    }
    site.write(
        "content/world/2025-03-01-links.md",
        "---\ntitle: Links\ndate: 2025-03-01\n---\n\nFirst line.\n\n[gone](missing.md)\n",
    );
    let error = format!("{:#}", site.build().unwrap_err());
    assert!(
        error.contains(
            "content/world/2025-03-01-links.md:8: the link to `missing.md` names no file"
        ),
        "{error}"
    );
}

/// The `uses:` of every step of a job.
fn uses(job: &serde_yaml::Value) -> Vec<String> {
    job["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["uses"].as_str())
        .map(|u| u.split('@').next().unwrap().to_owned())
        .collect()
}

#[test]
fn init_scaffolds_a_pages_workflow_that_builds_and_deploys() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let run = common::run_gloss(&["init", site.to_str().unwrap()], dir.path());
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = std::fs::read_to_string(site.join(".github/workflows/pages.yml")).unwrap();
    let workflow: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let on = &workflow["on"];
    assert!(on["push"]["branches"].as_sequence().unwrap().iter().any(|b| b == "main"));
    assert!(on.get("workflow_dispatch").is_some());
    assert_eq!(workflow["permissions"]["pages"], "write");
    assert_eq!(workflow["permissions"]["id-token"], "write");
    let build = &workflow["jobs"]["build"];
    assert_eq!(
        uses(build),
        [
            "actions/checkout",
            "actions/configure-pages",
            "actions/cache",
            "actions/upload-pages-artifact"
        ]
    );
    let steps = build["steps"].as_sequence().unwrap();
    let pages_id =
        steps.iter().find(|s| s["uses"].as_str().is_some_and(|u| u.contains("configure-pages")));
    assert_eq!(pages_id.unwrap()["id"], "pages");
    let upload =
        steps.iter().find(|s| s["uses"].as_str().is_some_and(|u| u.contains("upload-pages")));
    assert_eq!(upload.unwrap()["with"]["path"], "public");
    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert_eq!(uses(deploy), ["actions/deploy-pages"]);
    // The build step, run as the runner would run it with the base URL Pages gives a project
    // site, builds a site whose links work under that path.
    let command = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .find(|r| r.starts_with("gloss build"))
        .expect("a gloss build step");
    let command =
        command.replace("${{ steps.pages.outputs.base_url }}", "https://user.github.io/repo");
    let gloss = std::path::Path::new(env!("CARGO_BIN_EXE_gloss")).parent().unwrap();
    let path = format!("{}:{}", gloss.display(), std::env::var("PATH").unwrap_or_default());
    let status = std::process::Command::new("sh")
        .args(["-c", &command])
        .current_dir(&site)
        .env("PATH", path)
        .status()
        .unwrap();
    assert!(status.success());
    let broken = common::broken_links(&site.join("public"), "https://user.github.io/repo/");
    assert!(broken.is_empty(), "{broken:?}");
    let gitignore = std::fs::read_to_string(site.join(".gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "/public/"));
}

/// The JSON-LD of a page, parsed.
fn json_ld(html: &scraper::Html) -> serde_json::Value {
    let script = common::texts(html, "script[type='application/ld+json']");
    assert_eq!(script.len(), 1, "one JSON-LD block");
    serde_json::from_str(&script[0]).expect("valid JSON")
}

// See: #24. Article pages had Open Graph tags but no `NewsArticle` structured data, no
// `twitter:card`, no `article:author` / `article:section`; term pages described no term.
#[test]
fn articles_and_terms_carry_structured_data() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let page = site.page("ms-openai/");
    let article = json_ld(&page);
    assert_eq!(article["@context"], "https://schema.org");
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(article["headline"], "MS and OpenAI move to 'competitive cooperation'");
    assert_eq!(article["datePublished"], "2025-08-17T07:01:00+09:00");
    assert_eq!(article["author"][0]["@type"], "Person");
    assert_eq!(article["author"][0]["name"], "Kim Min-seok");
    assert_eq!(article["publisher"]["name"], "News1");
    assert_eq!(article["isBasedOn"], "https://news1.kr/it/ms-openai");
    assert_eq!(article["inLanguage"], "en");
    assert_eq!(article["url"], "https://example.github.io/annotated/ms-openai/");
    let images: Vec<&str> =
        article["image"].as_array().unwrap().iter().filter_map(|i| i.as_str()).collect();
    assert_eq!(
        images,
        ["https://img.example/lead.jpg", "https://example.github.io/annotated/img/chart.png"]
    );
    assert_eq!(
        common::attrs(&page, "meta[name='twitter:card']", "content"),
        ["summary_large_image"]
    );
    assert_eq!(
        common::attrs(&page, "meta[property='article:author']", "content"),
        ["Kim Min-seok"]
    );
    // The original article, linked for readers.
    let original = common::attrs(&page, ".original-link a", "href");
    assert_eq!(original, ["https://news1.kr/it/ms-openai"]);

    let term = json_ld(&site.page("glossary/stargate/"));
    assert_eq!(term["@type"], "DefinedTerm");
    assert_eq!(term["name"], "Stargate");
    assert_eq!(term["url"], "https://example.github.io/annotated/glossary/stargate/");
    assert_eq!(term["inDefinedTermSet"]["@type"], "DefinedTermSet");
    assert!(term["description"].as_str().unwrap().starts_with("A joint AI infrastructure"));
    let set = json_ld(&site.page("glossary/"));
    assert_eq!(set["@type"], "DefinedTermSet");
    let names: Vec<&str> = set["hasDefinedTerm"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert!(names.contains(&"Stargate") && names.contains(&"AGI"), "{names:?}");
}

// See: #24. A title that tries to end the script element stays inside it.
#[test]
fn structured_data_cannot_close_its_script_element() {
    let site = SiteTest::fixture("basic");
    site.write(
        "content/2026-01-01-x.md",
        "---\ntitle: \"</script><script>alert(1)</script> & <!--\"\ndate: 2026-01-01\n---\nText.\n",
    );
    site.build_ok();
    let html = site.read("x/index.html");
    let start = html.find("application/ld+json").unwrap();
    let script = &html[start..start + html[start..].find("</script>").unwrap()];
    assert!(!script.contains("<script") && !script.contains("<!--"), "{script}");
    let parsed = json_ld(&scraper::Html::parse_document(&html));
    assert_eq!(parsed["headline"], "</script><script>alert(1)</script> & <!--");
}
