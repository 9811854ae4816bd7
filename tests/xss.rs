//! The XSS corpus (`tests/fixtures/xss/payloads.txt`, the payload classes of the OWASP filter
//! evasion cheat sheet) pushed through every way text reaches a page: a scraped page through
//! `gloss import` and build, an article's Markdown body, and every front-matter field and
//! glossary definition straight into build. Every output page is then parsed (not grepped),
//! feeds' HTML content too, and nothing executable may be left: no script but the theme's
//! own, no event handler, no `javascript:`/`vbscript:`/`data:` URL, no `<base>`, no meta
//! refresh, no frame, object or form, no CSS expression.

mod common;

use std::path::Path;

use common::SiteTest;
use scraper::{ElementRef, Html, Selector};

fn payloads() -> Vec<String> {
    let text = std::fs::read_to_string(common::fixture("xss/payloads.txt")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// Why an element could run code, if it could.
fn danger(element: ElementRef<'_>) -> Option<String> {
    let tag = element.value().name();
    if matches!(
        tag,
        "iframe"
            | "frame"
            | "frameset"
            | "object"
            | "embed"
            | "applet"
            | "base"
            | "form"
            | "isindex"
            | "svg"
            | "math"
    ) {
        return Some(format!("<{tag}>"));
    }
    if tag == "script" {
        let own = element.value().attr("src").is_some_and(|s| s.ends_with("js/gloss.js"))
            && element.text().all(|t| t.trim().is_empty());
        // The theme's structured data (#24): a data block browsers never run, valid JSON with
        // no `<` in it (so nothing can close the element early).
        let text: String = element.text().collect();
        let data = element.value().attr("type") == Some("application/ld+json")
            && element.value().attr("src").is_none()
            && !text.contains('<')
            && serde_json::from_str::<serde_json::Value>(&text).is_ok();
        if !own && !data {
            return Some(format!("<script> {}", element.html()));
        }
    }
    if tag == "meta"
        && element.value().attr("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
    {
        return Some("<meta http-equiv=refresh>".into());
    }
    if tag == "style" {
        let css = element.text().collect::<String>().to_ascii_lowercase();
        if css.contains("expression(") || css.contains("javascript:") || css.contains("@import") {
            return Some(format!("<style> {css}"));
        }
    }
    for (name, value) in element.value().attrs() {
        if name.to_ascii_lowercase().starts_with("on") {
            return Some(format!("<{tag} {name}=…>"));
        }
        // Browsers ignore ASCII whitespace and control characters inside a URL's scheme.
        let squeezed: String = value
            .chars()
            .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
            .collect::<String>()
            .to_ascii_lowercase();
        let url_attr = matches!(
            name,
            "href" | "src" | "action" | "formaction" | "xlink:href" | "data" | "poster" | "srcset"
        );
        if url_attr && ["javascript:", "vbscript:", "data:"].iter().any(|s| squeezed.starts_with(s))
        {
            return Some(format!("<{tag} {name}={value}>"));
        }
        if name == "style" && (squeezed.contains("expression(") || squeezed.contains("javascript:"))
        {
            return Some(format!("<{tag} style={value}>"));
        }
    }
    None
}

fn dangers_in(html: &str, origin: &str) -> Vec<String> {
    let any = Selector::parse("*").unwrap();
    Html::parse_document(html)
        .select(&any)
        .filter_map(|e| danger(e).map(|why| format!("{origin}: {why}")))
        .collect()
}

/// Every HTML page of the output, and the HTML inside every feed entry.
fn scan_site(output: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(output).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        let origin = path.strip_prefix(output).unwrap().display().to_string();
        match path.extension().and_then(|e| e.to_str()) {
            Some("html") => {
                found.extend(dangers_in(&std::fs::read_to_string(path).unwrap(), &origin))
            }
            Some("xml") if origin.ends_with("atom.xml") => {
                let text = std::fs::read_to_string(path).unwrap();
                let feed =
                    roxmltree::Document::parse(&text).expect("the feed stays well-formed XML");
                for content in feed.descendants().filter(|n| n.has_tag_name("content")) {
                    found.extend(dangers_in(
                        content.text().unwrap_or(""),
                        &format!("{origin} <content>"),
                    ));
                }
            }
            _ => {}
        }
    }
    found
}

#[test]
fn scraped_pages_full_of_payloads_import_and_build_clean() {
    let site = SiteTest::fixture("basic");
    let pages = tempfile::tempdir().unwrap();
    for (i, payload) in payloads().iter().enumerate() {
        let page = format!(
            "<!DOCTYPE html><html><head><meta charset=utf-8><title>Payload {i}: {payload}</title>\
             <meta property=\"og:title\" content=\"Payload {i} {payload}\">\
             <meta name=\"description\" content=\"{payload}\"></head><body><article>\
             <h1>Payload {i} {payload}</h1><p>Published 2025-03-01. This article carries a hostile \
             payload in its body, and enough ordinary text around it for the extractor to keep it \
             as the article's body.</p><p>Before the payload. {payload} After the payload.</p>\
             <figure><img src=\"https://img.example/{i}.jpg\" alt=\"{payload}\"><figcaption>{payload}\
             </figcaption></figure><p>A closing paragraph with more ordinary words, so that the \
             article is long enough to be an article and not a fragment of page chrome.</p>\
             </article></body></html>"
        );
        std::fs::write(pages.path().join(format!("payload-{i:02}.html")), page).unwrap();
    }
    let run = common::run_gloss(
        &[
            "import",
            pages.path().to_str().unwrap(),
            "--out",
            site.root().join("content/imported").to_str().unwrap(),
        ],
        site.root(),
    );
    // A page may lose its article to its payload, as in a browser: an unclosed `<style>` in a
    // table (payload `mglyph`) makes the rest of the page style text, so there is no article
    // left, and that page fails with a clear error. Every other page imports.
    let stderr = String::from_utf8_lossy(&run.stderr);
    let failures: Vec<&str> = stderr.lines().filter(|l| l.starts_with("failed")).collect();
    for failure in &failures {
        let i: usize =
            failure.split("payload-").nth(1).and_then(|r| r.get(..2)?.parse().ok()).unwrap();
        let payload = &payloads()[i];
        assert!(
            failure.contains("no article text")
                && payload.contains("<style>")
                && !payload.contains("</style>"),
            "{failure}: {payload}"
        );
    }
    assert!(failures.len() <= 1, "{stderr}");
    site.build_ok();
    let found = scan_site(&site.output());
    assert!(found.is_empty(), "executable content in the output:\n{}", found.join("\n"));
}

#[test]
fn payloads_in_markdown_bodies_build_clean() {
    let site = SiteTest::fixture("basic");
    for (i, payload) in payloads().iter().enumerate() {
        site.write(
            &format!("content/md/2025-03-{:02}-body-{i}.md", i % 28 + 1),
            &format!("---\ntitle: Body {i}\ndate: 2025-03-01\n---\n\nText before.\n\n{payload}\n\nText after.\n"),
        );
    }
    site.build_ok();
    let found = scan_site(&site.output());
    assert!(found.is_empty(), "executable content in the output:\n{}", found.join("\n"));
}

#[test]
fn payloads_in_front_matter_and_glossary_definitions_build_clean() {
    let site = SiteTest::fixture("basic");
    let mut site_glossary = Vec::new();
    for (i, payload) in payloads().iter().enumerate() {
        let front_matter = serde_yaml::to_string(&serde_yaml::Mapping::from_iter([
            ("title".into(), format!("Front {i} {payload}").into()),
            ("date".into(), "2025-03-01".into()),
            ("summary".into(), payload.clone().into()),
            ("authors".into(), vec![payload.clone()].into()),
            ("dateline".into(), payload.clone().into()),
            ("copyright".into(), payload.clone().into()),
            ("tags".into(), vec![format!("tag {i} {payload}")].into()),
            (
                "source".into(),
                serde_yaml::Mapping::from_iter([
                    ("name".into(), payload.clone().into()),
                    ("url".into(), payload.trim().to_owned().into()),
                ])
                .into(),
            ),
            (
                "images".into(),
                vec![serde_yaml::Value::from(serde_yaml::Mapping::from_iter([
                    ("src".into(), payload.trim().to_owned().into()),
                    ("alt".into(), payload.clone().into()),
                    ("caption".into(), payload.clone().into()),
                    ("credit".into(), payload.clone().into()),
                ]))]
                .into(),
            ),
            (
                "glossary".into(),
                vec![serde_yaml::Value::from(serde_yaml::Mapping::from_iter([
                    ("term".into(), format!("term{i}").into()),
                    ("definition".into(), payload.clone().into()),
                ]))]
                .into(),
            ),
            (
                "timeline".into(),
                vec![serde_yaml::Value::from(serde_yaml::Mapping::from_iter([
                    ("date".into(), "2024-05".into()),
                    ("text".into(), format!("term{i} {payload}").into()),
                ]))]
                .into(),
            ),
        ]))
        .unwrap();
        site.write(
            &format!("content/fm/2025-03-01-front-{i}.md"),
            &format!("---\n{front_matter}---\n\nThe body uses term{i} once.\n"),
        );
        site_glossary.push(serde_yaml::Value::from(serde_yaml::Mapping::from_iter([
            ("term".into(), format!("site term {i}").into()),
            ("definition".into(), payload.clone().into()),
        ])));
    }
    let existing = std::fs::read_to_string(site.root().join("content/glossary.yaml")).unwrap();
    let extra = serde_yaml::to_string(&site_glossary).unwrap();
    site.write("content/glossary.yaml", &format!("{existing}{extra}"));
    site.build_ok();
    let found = scan_site(&site.output());
    assert!(found.is_empty(), "executable content in the output:\n{}", found.join("\n"));
}
