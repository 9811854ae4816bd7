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
    site.append_config("[timeline]\npages = false");
    site.build_ok();
    assert!(!site.output().join("timeline").exists());
    assert!(!site.output().join("tags/ai/timeline").exists());
    assert!(!site.read("").contains("/timeline/"), "no link to a missing page");
}

const SEED_URL: &str = "오픈ai와-경쟁적-협력-전환한-ms-독자-ai-mai-출격대기/";

#[test]
fn seed_article_timeline_shows_its_events_on_their_true_dates() {
    let site = SiteTest::copy_of(&common::repo_root());
    site.build_ok();
    let html = site.page(SEED_URL);
    assert_eq!(
        attrs(&html, ".article-timeline li > time", "datetime"),
        vec!["2023-10-12", "2024-03", "2025", "2025-01-21", "2025-08-08"]
    );
    assert_eq!(
        texts(&html, ".article-timeline li > time"),
        vec!["2023년 10월 12일", "2024년 3월", "약 2025년", "2025년 1월 21일", "2025년 8월 8일"]
    );
    let events = texts(&html, ".article-timeline li p");
    assert!(events[1].contains("술래이만을 영입"), "{events:?}");
    assert!(events[3].contains("워싱턴 백악관"), "{events:?}");
    assert!(events[4].contains("CNBC와 인터뷰"), "{events:?}");
    // Terms in event texts have tooltips.
    assert_eq!(texts(&html, ".article-timeline a.term"), vec!["API", "AGI"]);
}

#[test]
fn example_site_timeline_merges_articles_in_date_order() {
    let site = SiteTest::copy_of(&common::repo_root());
    site.build_ok();
    let html = site.page("timeline/");
    let dates = attrs(&html, ".timeline-event > time:first-child", "datetime");
    let starts: Vec<String> = dates
        .iter()
        .map(|d| format!("{d:0<10}").replace("000", "-01").chars().take(7).collect())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "chronological: {dates:?}");
    let articles: std::collections::HashSet<String> = attrs(&html, ".timeline-source a", "href")
        .into_iter()
        .map(|h| h.split('#').next().unwrap_or("").to_owned())
        .collect();
    assert!(articles.len() >= 3, "events of every example article: {articles:?}");
    let broken = common::broken_links(&site.output(), "https://example.github.io/gloss/");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn long_timelines_are_paginated_with_an_index_of_years() {
    let site = SiteTest::fixture("basic");
    let one_page = {
        site.build_ok();
        attrs(&site.page("timeline/"), ".timeline-event > time:first-child", "datetime")
    };
    site.append_config("[timeline]\npaginate_by = 2");
    site.build_ok();
    let first = site.page("timeline/");
    let second = site.page("timeline/page/2/");
    assert!(!site.output().join("timeline/page/3").exists());
    // The pages, read in order, are the one-page timeline.
    let mut dates = attrs(&first, ".timeline-event > time:first-child", "datetime");
    dates.extend(attrs(&second, ".timeline-event > time:first-child", "datetime"));
    assert_eq!(dates, one_page);
    assert_eq!(dates.len(), 4);
    // Each page counts every event of the timeline, and links to its neighbours.
    for page in [&first, &second] {
        assert!(texts(page, ".page-description")[0].starts_with("4 events"));
    }
    assert_eq!(
        attrs(&first, ".pagination a[rel=next]", "href"),
        vec!["/annotated/timeline/page/2/"]
    );
    assert!(attrs(&first, ".pagination a[rel=prev]", "href").is_empty());
    assert_eq!(attrs(&second, ".pagination a[rel=prev]", "href"), vec!["/annotated/timeline/"]);
    assert_eq!(texts(&second, ".pagination-count"), vec!["Page 2 / 2"]);
    // The index of years links to the page where each year starts, on every page.
    for page in [&first, &second] {
        assert_eq!(texts(page, ".timeline-years a"), vec!["2024", "2025"]);
        assert_eq!(
            attrs(page, ".timeline-years a", "href"),
            vec!["/annotated/timeline/#year-2024", "/annotated/timeline/page/2/#year-2025"]
        );
    }
    assert_eq!(attrs(&second, ".timeline-year h2", "id"), vec!["year-2025"]);
    let broken = common::broken_links(&site.output(), "https://example.github.io/annotated/");
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn tag_timelines_are_paginated_too() {
    let site = SiteTest::fixture("basic");
    site.append_config("[timeline]\npaginate_by = 1");
    site.build_ok();
    let first = site.page("tags/ai/timeline/");
    let count = texts(&first, ".pagination-count");
    assert_eq!(count.len(), 1, "a one-event page of a longer timeline has page links");
    let total: usize = count[0].rsplit(' ').next().unwrap().parse().unwrap();
    assert!(total >= 2, "{count:?}");
    for n in 2..=total {
        let page = site.page(&format!("tags/ai/timeline/page/{n}/"));
        assert_eq!(texts(&page, ".timeline-event").len(), 1);
        assert_eq!(texts(&page, ".page-header h1")[0], texts(&first, ".page-header h1")[0]);
    }
}

#[test]
fn a_timeline_page_size_of_zero_is_refused() {
    let site = SiteTest::fixture("basic");
    site.append_config("[timeline]\npaginate_by = 0");
    let error = format!("{:#}", site.build().unwrap_err());
    assert!(error.contains("site.toml") && error.contains("[timeline] paginate_by"), "{error}");
}
