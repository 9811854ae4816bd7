//! Timelines in built sites: the article component, `/timeline/` and per-tag timelines.

mod common;

use common::{SiteTest, attrs, texts};

#[test]
fn article_timeline_has_dates_at_their_precision_with_anchors() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let html = site.page("world/stargate/");
    assert_eq!(
        attrs(&html, ".article-timeline time", "datetime"),
        vec!["2025-01-21", "2024-03", "2024-06"]
    );
    assert_eq!(
        texts(&html, ".article-timeline time"),
        vec!["January 21, 2025", "c. March 2024", "June 2024"]
    );
    assert_eq!(attrs(&html, ".article-timeline li", "id"), vec!["event-1", "event-2"]);
}

#[test]
fn site_timeline_merges_articles_in_order_with_working_links() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let html = site.page("timeline/");
    // Events of two articles, chronological; a year-only event opens its year.
    assert_eq!(
        attrs(&html, ".timeline-event > time:first-child", "datetime"),
        vec!["2024-03", "2024-03", "2025", "2025-01-21"]
    );
    assert_eq!(texts(&html, ".timeline-year h2"), vec!["2024", "2025"]);
    assert_eq!(
        texts(&html, ".timeline-year h3"),
        vec!["March 2024", "During 2025", "January 2025"]
    );
    let anchors = attrs(&html, ".timeline-source a", "href");
    assert!(anchors.contains(&"/annotated/world/stargate/#event-1".to_owned()), "{anchors:?}");
    assert!(anchors.contains(&"/annotated/ms-openai/#event-2".to_owned()), "{anchors:?}");
    let broken = common::broken_links(&site.output(), "https://example.github.io/annotated/");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn glossary_terms_in_timeline_texts_get_tooltips() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let html = site.page("timeline/");
    assert_eq!(texts(&html, ".timeline a.term"), vec!["Stargate", "OpenAI"]);
    let ids = attrs(&html, ".timeline a.term", "aria-describedby");
    for id in &ids {
        assert_eq!(attrs(&html, &format!("#{id}"), "role"), vec!["tooltip"]);
    }
}

#[test]
fn tag_timelines_hold_only_their_articles() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let stargate = site.page("tags/stargate/timeline/");
    assert_eq!(
        attrs(&stargate, ".timeline-event > time:first-child", "datetime"),
        vec!["2024-03", "2025-01-21"]
    );
    let microsoft = site.page("tags/microsoft/timeline/");
    assert_eq!(
        attrs(&microsoft, ".timeline-event > time:first-child", "datetime"),
        vec!["2024-03", "2025"]
    );
}

#[test]
fn timeline_pages_can_be_turned_off() {
    let site = SiteTest::fixture("basic");
    let config = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &format!("{config}\n[timeline]\npages = false\n"));
    site.build_ok();
    assert!(!site.output().join("timeline").exists());
    assert!(!site.output().join("tags/ai/timeline").exists());
    assert!(!site.read("").contains("/timeline/"), "no link to a missing page");
}
