//! `gloss check`: every problem at once, each with its file and line, exit code 1; and
//! `--external` against a local HTTP server.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration;

use common::{SiteTest, run_gloss};

fn check(site: &SiteTest, extra: &[&str]) -> (bool, String, String) {
    let mut args = vec!["check", "--root", site.root().to_str().unwrap()];
    args.extend_from_slice(extra);
    let output = run_gloss(&args, site.root());
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_good_site_passes() {
    let site = SiteTest::fixture("basic");
    let (ok, stdout, stderr) = check(&site, &[]);
    assert!(ok, "{stdout}{stderr}");
    assert!(stderr.contains("No problems found"), "{stderr}");
    assert!(!site.output().exists(), "check writes nothing");
}

#[test]
fn the_example_site_passes() {
    let site = SiteTest::copy_of(&common::repo_root());
    let (ok, stdout, stderr) = check(&site, &[]);
    assert!(ok, "{stdout}{stderr}");
}

#[test]
fn every_problem_is_reported_with_its_file_and_line() {
    let site = SiteTest::fixture("basic");
    site.write(
        "content/2025-03-01-broken.md",
        "---\ntitle: Broken links\ndate: 2025-03-01\nupdated: 2025-02-01\ntimeline:\n  \
         - date: 2024-05\n    end: 2024-01\n    text: Backwards.\n---\n\n\
         A [missing page](../nowhere/) here.\n\n\
         An [anchor](../ms-openai/#no-such-id) there.\n\n\
         ![A missing image](/img/missing.png)\n\n\
         An unknown [[Quantum Foam]] term.\n\n\
         A [gone article](gone.md).\n\n\
         A [good anchor](../ms-openai/#what-changed) and a [good page](../world/).\n",
    );
    site.write("content/2025-03-02-bad-yaml.md", "---\ntitle: [unclosed\n---\nBody.\n");
    let (ok, stdout, stderr) = check(&site, &[]);
    assert!(!ok, "check must fail:\n{stdout}");
    assert!(stderr.contains("problem(s) found"), "{stderr}");
    let file = "content/2025-03-01-broken.md";
    for expected in [
        format!("{file}:11: broken link `../nowhere/`: no file `nowhere/index.html`"),
        format!("{file}:13: broken link `../ms-openai/#no-such-id`: no id `no-such-id`"),
        format!("{file}:15: broken image `/img/missing.png`: no file `img/missing.png`"),
        format!("{file}:17: `[[Quantum Foam]]` names no glossary term"),
        format!("{file}:19: the link to `gone.md` names no file in content/"),
        format!("{file}: `updated: 2025-02-01` is before `date: 2025-03-01`"),
        format!("{file}: timeline event 1 ends (2024-01) before it starts (2024-05)"),
        "content/2025-03-02-bad-yaml.md:3:".to_owned(),
    ] {
        assert!(stdout.contains(&expected), "no `{expected}` in:\n{stdout}");
    }
    assert!(!stdout.contains("what-changed"), "a good anchor is not a problem:\n{stdout}");
    assert_eq!(stdout.lines().count(), 8, "exactly the problems planted:\n{stdout}");
}

#[test]
fn a_template_link_is_reported_once() {
    let site = SiteTest::fixture("basic");
    site.write(
        "templates/partials/article_card.html",
        "<article><a href=\"{{ p.path }}\">{{ p.title }}</a> <a href=\"{{ url(path='missing/') }}\">x</a></article>",
    );
    let (ok, stdout, _) = check(&site, &[]);
    assert!(!ok);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(lines[0].starts_with("templates: broken link `/annotated/missing/`"), "{stdout}");
    // Every page it is on is named, once (#24).
    let pages = lines[0].split("pages: ").nth(1).unwrap().trim_end_matches(')');
    let pages: Vec<&str> = pages.split(", ").collect();
    assert!(lines[0].contains(&format!("(on {} pages: ", pages.len())), "{stdout}");
    for page in ["/", "/page/2/", "/tags/ai/", "/world/"] {
        assert_eq!(pages.iter().filter(|p| **p == page).count(), 1, "{page} in {stdout}");
    }
}

// See: #24. The same broken image on 18 listing pages was reported once, from the article; now
// it is one problem, at the article's line, naming every page it appears on.
#[test]
fn a_broken_image_is_one_problem_with_every_page_it_is_on() {
    let site = SiteTest::fixture("basic");
    site.write(
        "content/2026-05-01-lead.md",
        "---
title: Lead
date: 2026-05-01
tags: [AI]
images:
  - src: /img/gone.jpg
    alt: gone
---

![gone](/img/gone.jpg)
",
    );
    let (ok, stdout, _) = check(&site, &[]);
    assert!(!ok);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(
        lines[0].starts_with("content/2026-05-01-lead.md:10: broken image `/img/gone.jpg`"),
        "{stdout}"
    );
    for page in ["/lead/", "/", "/tags/ai/"] {
        assert!(
            lines[0].contains(&format!(" {page},")) || lines[0].ends_with(&format!(" {page})")),
            "{page}: {stdout}"
        );
    }
}

// See: #24. `gloss check` could not check a site built for a project path.
#[test]
fn a_project_path_build_is_checked_with_base_url() {
    let site = SiteTest::fixture("basic");
    // A template link rooted at `/` works on a user site and breaks under `/repo/`.
    site.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<a href=\"/tags/\">tags</a>{% endblock content %}");
    let (ok, stdout, _) = check(&site, &["--base-url", "https://example.org/"]);
    assert!(ok, "{stdout}");
    let (ok, stdout, _) = check(&site, &["--base-url", "https://user.github.io/repo/"]);
    assert!(!ok);
    assert!(stdout.contains("outside the site's base path /repo/"), "{stdout}");
}

/// A tiny HTTP server: `/ok` answers 200, `/gone` 404, `/head-refused` 405 to HEAD and 200 to
/// GET, `/slow` never answers in time.
fn serve_local() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                let _ = reader.read_line(&mut request);
                let mut parts = request.split_whitespace();
                let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                let status = match (method, path) {
                    (_, "/ok") => "200 OK",
                    ("HEAD", "/head-refused") => "405 Method Not Allowed",
                    ("GET", "/head-refused") => "200 OK",
                    (_, "/slow") => {
                        std::thread::sleep(Duration::from_secs(5));
                        "200 OK"
                    }
                    _ => "404 Not Found",
                };
                let mut stream = stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
            });
        }
    });
    format!("http://{address}")
}

#[test]
fn external_links_are_checked_concurrently_with_a_timeout() {
    let server = serve_local();
    let site = SiteTest::fixture("basic");
    site.write(
        "content/2025-03-01-external.md",
        &format!(
            "---\ntitle: External\ndate: 2025-03-01\n---\n\n[ok]({server}/ok)\n\n[gone]({server}/gone)\n\n\
             [refused]({server}/head-refused)\n\n[slow]({server}/slow)\n"
        ),
    );
    let (ok, stdout, _) = check(&site, &[]);
    assert!(ok, "without --external outside links are not requested:\n{stdout}");
    let started = std::time::Instant::now();
    let (ok, stdout, stderr) = check(&site, &["--external", "--timeout", "1"]);
    assert!(!ok);
    let file = "content/2025-03-01-external.md";
    assert!(
        stdout.contains(&format!("{file}:8: external link `{server}/gone`: HTTP 404")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{file}:12: external link `{server}/slow`: no answer")),
        "{stdout}"
    );
    assert!(!stdout.contains("/ok`") && !stdout.contains("head-refused"), "{stdout}");
    assert!(stderr.contains("external URL(s)"), "{stderr}");
    // The slow URL costs one timeout, not one per link checked after it.
    assert!(started.elapsed() < Duration::from_secs(4), "took {:?}", started.elapsed());
}
