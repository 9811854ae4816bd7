//! Every feed a site publishes, checked against the rules of RFC 4287 (Atom) that feed readers
//! depend on, and RFC 5005's archived feeds: ids, titles and `updated` on feeds and entries, an
//! author for every entry, absolute links, a feed's `updated` equal to its newest entry's, and
//! every article reachable from `atom.xml` (through its archive documents) or a tag feed.
//! See: #24.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::SiteTest;

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// What one feed document holds.
struct FeedDoc {
    entries: Vec<String>,
    prev_archive: Option<String>,
}

/// The Atom child element `name` of `node`.
fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|n| n.tag_name().namespace() == Some(ATOM) && n.has_tag_name(name))
}

/// The trimmed text of the Atom child element `name` of `node` (empty when there is none).
fn text_of(node: roxmltree::Node<'_, '_>, name: &str) -> String {
    child(node, name).and_then(|n| n.text()).map(str::trim).unwrap_or("").to_owned()
}

/// Checks one feed document; returns its entries' ids and its `prev-archive` link.
fn check_feed(file: &str, text: &str, base_url: &str) -> FeedDoc {
    let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().namespace(), Some(ATOM), "{file}");
    assert_eq!(feed.tag_name().name(), "feed", "{file}");
    let time = |value: &str, what: &str| {
        chrono::DateTime::parse_from_rfc3339(value)
            .unwrap_or_else(|_| panic!("{file}: {what} `{value}` is not RFC 3339"))
    };
    let absolute = |url: &str, what: &str| {
        assert!(url.starts_with(base_url), "{file}: {what} `{url}` is not absolute under the site");
    };
    // The feed: id, title, updated, an author (4.1.1), a self link.
    for name in ["id", "title", "updated"] {
        assert!(!text_of(feed, name).is_empty(), "{file}: the feed has no <{name}>");
    }
    absolute(&text_of(feed, "id"), "<id>");
    assert!(child(feed, "author").is_some(), "{file}: the feed names no author");
    let links: Vec<(String, String)> = feed
        .children()
        .filter(|n| n.has_tag_name("link"))
        .map(|n| {
            (
                n.attribute("rel").unwrap_or("alternate").to_owned(),
                n.attribute("href").unwrap_or("").to_owned(),
            )
        })
        .collect();
    for (rel, href) in &links {
        absolute(href, &format!("link rel={rel}"));
    }
    assert!(links.iter().any(|(rel, _)| rel == "self"), "{file}: no rel=self link");
    let feed_updated = time(&text_of(feed, "updated"), "feed <updated>");
    assert!(feed_updated.timestamp() > 0, "{file}: the feed claims the epoch");
    // Entries: id, title, updated, an alternate link, an author (their own or the feed's).
    let mut ids = Vec::new();
    let mut newest = None;
    for entry in feed.children().filter(|n| n.has_tag_name("entry")) {
        for name in ["id", "title", "updated"] {
            assert!(!text_of(entry, name).is_empty(), "{file}: an entry has no <{name}>");
        }
        let id = text_of(entry, "id");
        absolute(&id, "entry <id>");
        let updated = time(&text_of(entry, "updated"), "entry <updated>");
        if !text_of(entry, "published").is_empty() {
            time(&text_of(entry, "published"), "entry <published>");
        }
        newest = newest.max(Some(updated));
        let author = child(entry, "author").map(|a| text_of(a, "name"));
        assert!(author.is_some_and(|name| !name.is_empty()), "{file}: entry {id} names no author");
        let alternate = entry
            .children()
            .filter(|n| n.has_tag_name("link"))
            .find(|n| n.attribute("rel").is_none_or(|r| r == "alternate"))
            .and_then(|n| n.attribute("href"))
            .unwrap_or_else(|| panic!("{file}: entry {id} has no link"));
        absolute(alternate, "entry link");
        assert!(
            child(entry, "content").is_some() || child(entry, "summary").is_some(),
            "{file}: entry {id} has neither content nor summary"
        );
        ids.push(id);
    }
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{file}: an entry id repeats");
    if let Some(newest) = newest {
        assert_eq!(feed_updated, newest, "{file}: the feed's <updated> is not its newest entry's");
    }
    let prev_archive = links.iter().find(|(rel, _)| rel == "prev-archive").map(|(_, h)| h.clone());
    FeedDoc { entries: ids, prev_archive }
}

/// Reads a feed file of the output by its absolute URL.
fn read_url(output: &Path, base_url: &str, url: &str) -> String {
    let path = url.strip_prefix(base_url).unwrap_or_else(|| panic!("{url} is outside the site"));
    std::fs::read_to_string(output.join(path)).unwrap_or_else(|_| panic!("{url}: no such file"))
}

/// Checks every feed of a built site, and that every article is in one.
fn check_site(site: &SiteTest, base_url: &str) {
    let output = site.output();
    let mut found = BTreeSet::new();
    // The site feed and its history, newest to oldest.
    let mut url = format!("{base_url}atom.xml");
    let mut history = Vec::new();
    loop {
        let doc = check_feed(&url, &read_url(&output, base_url, &url), base_url);
        found.extend(doc.entries);
        history.push(url.clone());
        match doc.prev_archive {
            Some(previous) if !history.contains(&previous) => url = previous,
            Some(previous) => panic!("the feed history loops back to {previous}"),
            None => break,
        }
    }
    // Tag feeds.
    let mut feeds = BTreeMap::new();
    for entry in walkdir::WalkDir::new(output.join("tags")).into_iter().filter_map(Result::ok) {
        if entry.file_name() == "atom.xml" {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            feeds.insert(entry.path().to_path_buf(), text);
        }
    }
    for (path, text) in &feeds {
        found.extend(check_feed(&path.display().to_string(), text, base_url).entries);
    }
    // Every article page of the site is an entry somewhere.
    let sitemap = std::fs::read_to_string(output.join("sitemap.xml")).unwrap();
    let articles: Vec<String> = common::html_files(&output)
        .iter()
        .filter_map(|file| {
            let html = std::fs::read_to_string(output.join(file)).ok()?;
            html.contains("og:type\" content=\"article\"").then(|| {
                let url = file.to_string_lossy().trim_end_matches("index.html").to_owned();
                format!("{base_url}{url}")
            })
        })
        .collect();
    assert!(!articles.is_empty() && sitemap.contains("<loc>"));
    for article in &articles {
        assert!(found.contains(article), "{article} is in no feed: {found:?}");
    }
}

#[test]
fn every_feed_follows_rfc_4287_and_every_article_is_in_one() {
    let site = SiteTest::fixture("basic");
    // A short feed limit, so the history has several archive documents, and an undated
    // article with no author, so both are placed by the rules for them.
    site.append_config("[feeds]\nlimit = 2");
    site.write(
        "content/no-date.md",
        "---\ntitle: \"No date, no author\"\ntags: [AI]\n---\nText.\n",
    );
    site.build_ok();
    check_site(&site, "https://example.github.io/annotated/");
    let feed = site.read("atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 2, "atom.xml holds `limit` entries");
    assert!(feed.contains("rel=\"prev-archive\""), "{feed}");
    let tag = site.read("tags/ai/atom.xml");
    assert!(!tag.contains("<content"), "tag feeds carry summaries: {tag}");
    assert!(tag.contains("No date, no author"), "undated articles are in the feeds");
}

#[test]
fn the_example_site_feeds_follow_rfc_4287() {
    let site = SiteTest::copy_of(&common::repo_root());
    site.build_ok();
    let config = std::fs::read_to_string(common::repo_root().join("site.toml")).unwrap();
    let base_url = config
        .lines()
        .find_map(|l| l.strip_prefix("base_url = \""))
        .and_then(|l| l.strip_suffix('"'))
        .unwrap();
    check_site(&site, base_url);
}

#[test]
fn tag_feeds_carry_bodies_when_asked() {
    let site = SiteTest::fixture("basic");
    site.append_config("[feeds]\ntag_content = true");
    site.build_ok();
    assert!(site.read("tags/ai/atom.xml").contains("<content"));
}
