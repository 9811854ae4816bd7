//! The site timeline at `/timeline/` and one per tag at `/tags/<tag>/timeline/`: every dated
//! event of the articles, in chronological order, grouped by year and month, each linking to
//! the event in its article's own timeline (`#event-N`).
//!
//! Timelines are paginated (`[timeline] paginate_by` events a page; page n at
//! `timeline/page/n/`), with an index of years linking to the page where each year starts. A
//! site of 100,000 articles has 350,000 events: on one page that is 128 MB of HTML, which no
//! browser opens comfortably and whose template context alone was a fifth of the build's
//! memory traffic. The events are sorted once per build for the site timeline; each tag's
//! timeline is filtered from that order, so no timeline is sorted twice.

use std::sync::Arc;

use chrono::Datelike;
use serde::Serialize;

use super::fingerprint::Fingerprint;
use super::templates::site_url;
use super::view::{Link, PageNav, page_url};
use super::{Inputs, Job, listing_context};
use crate::config::Config;
use crate::content::Tag;
use crate::content::date::PartialDate;

/// An event in a timeline: its sort key (first day, precision), its article's index and its
/// position in the article's timeline.
type EventRef = ((chrono::NaiveDate, u8), usize, usize);

/// One event on a timeline page.
#[derive(Debug, Serialize)]
struct EventEntry<'a> {
    date: String,
    date_human: String,
    end: Option<String>,
    end_human: Option<String>,
    approx: bool,
    /// The event's text with glossary terms linked.
    text_html: &'a str,
    article: Link<'a>,
    /// The event in its article: `/a/#event-2`.
    anchor: String,
    #[serde(skip)]
    key: (chrono::NaiveDate, u8),
}

#[derive(Debug, Serialize)]
struct MonthGroup<'a> {
    /// `2024년 3월` / `March 2024`, or `2024년 중` / `During 2024` for events dated by year only.
    label: String,
    events: Vec<EventEntry<'a>>,
}

#[derive(Debug, Serialize)]
struct YearGroup<'a> {
    year: i32,
    label: String,
    months: Vec<MonthGroup<'a>>,
}

/// A year in the index of a timeline: where its first event is.
#[derive(Debug, Serialize, Hash)]
struct YearLink {
    year: i32,
    label: String,
    /// The page where the year starts, with the year's heading as fragment.
    path: String,
}

/// `/timeline/` and `/tags/<tag>/timeline/`, when `[timeline] pages` is on.
pub(super) fn jobs<'a>(inputs: &'a Inputs<'a>) -> Vec<Job<'a>> {
    if !inputs.config.timeline.pages {
        return Vec::new();
    }
    let all = sorted_events(inputs);
    let mut by_tag: Vec<Vec<EventRef>> = vec![Vec::new(); inputs.library.tags.len()];
    let tags_of = tags_of_articles(inputs);
    for &event in &all {
        for &tag in &tags_of[event.1] {
            by_tag[tag].push(event);
        }
    }
    // One dense array, so that fingerprinting every event on each rebuild (35,000 of them at
    // 10,000 articles) reads it instead of following a pointer to each event's article.
    let hashes: Vec<u64> = inputs.annotated.iter().map(|a| a.timeline_hash).collect();
    let mut jobs = timeline_jobs(inputs, &hashes, all, None);
    for (tag, events) in inputs.library.tags.iter().zip(by_tag) {
        jobs.extend(timeline_jobs(inputs, &hashes, events, Some(tag)));
    }
    jobs
}

/// Every event of the site, in chronological order; events on one day keep the library's
/// order of their articles (newest first), and an article's events their own order.
fn sorted_events(inputs: &Inputs<'_>) -> Vec<EventRef> {
    let mut events: Vec<EventRef> = Vec::new();
    for (i, article) in inputs.library.articles.iter().enumerate() {
        let timeline = article.meta.timeline.iter().enumerate();
        events.extend(timeline.map(|(n, e)| (e.date.chronological_key(), i, n)));
    }
    events.sort_unstable();
    events
}

/// For each article, the indices of its tags in `library.tags`.
fn tags_of_articles(inputs: &Inputs<'_>) -> Vec<Vec<usize>> {
    let mut tags_of = vec![Vec::new(); inputs.library.articles.len()];
    for (t, tag) in inputs.library.tags.iter().enumerate() {
        for &i in &tag.articles {
            if let Some(tags) = tags_of.get_mut(i) {
                tags.push(t);
            }
        }
    }
    tags_of
}

#[derive(Debug, Serialize)]
struct TagRef<'a> {
    name: &'a str,
    path: String,
}

/// The pages of one timeline: page 1 at `url`, page n at `url/page/n/`. An empty timeline
/// still has its first page, which says so. `hashes`: each article's timeline hash.
fn timeline_jobs<'a>(
    inputs: &'a Inputs<'a>,
    hashes: &[u64],
    events: Vec<EventRef>,
    tag: Option<&'a Tag>,
) -> Vec<Job<'a>> {
    let config = inputs.config;
    let url = tag.map_or_else(|| "timeline/".to_owned(), |t| format!("tags/{}/timeline/", t.slug));
    let per_page = config.timeline.paginate_by.max(1);
    let count = events.len();
    let total = count.div_ceil(per_page).max(1);
    let years = Arc::new(year_index(config, &events, per_page, &url));
    let years_hash = crate::hash::hash_of(&*years);
    let events = Arc::new(events);
    let origin = tag.map_or_else(
        || "the site timeline".to_owned(),
        |t| format!("the timeline of tag `{}`", t.name),
    );
    (1..=total)
        .map(|n| {
            let on_page = (n - 1) * per_page..(n * per_page).min(count);
            let this_url = page_url(&url, n);
            let nav = PageNav::new(config, &url, n, total);
            let tag_ref = tag.map(|t| TagRef {
                name: &t.name,
                path: site_url(&config.base_url, &format!("tags/{}/", t.slug), false),
            });
            // What the page shows of each event is covered by its article's timeline hash
            // (title, URL, events, their linked texts).
            let mut fingerprint = Fingerprint::new("timeline.html", inputs.global)
                .add(&(&this_url, count, years_hash))
                .view(&(&tag_ref, &nav));
            for &(_, a, e) in &events[on_page.clone()] {
                fingerprint = fingerprint.add(&(hashes[a], e));
            }
            let years = Arc::clone(&years);
            let events = Arc::clone(&events);
            let origin = if n == 1 { origin.clone() } else { format!("{origin} (page {n})") };
            Job {
                template: "timeline.html",
                url: this_url.clone().into(),
                origin: origin.into(),
                fingerprint: fingerprint.finish(),
                verbatim: None,
                context: Box::new(move || {
                    let entries = entries(config, inputs, &events[on_page]);
                    let mut context = listing_context(config, &inputs.base, &this_url);
                    context.insert("years", &group(config, entries));
                    context.insert("event_count", &count);
                    context.insert("year_index", &*years);
                    context.insert("paginator", &nav);
                    context.insert("tag", &tag_ref);
                    context
                }),
            }
        })
        .collect()
}

/// Each year of the timeline, linked to the page where its first event is.
fn year_index(config: &Config, events: &[EventRef], per_page: usize, url: &str) -> Vec<YearLink> {
    let korean = config.is_korean();
    let mut years: Vec<YearLink> = Vec::new();
    for (i, (key, _, _)) in events.iter().enumerate() {
        let year = key.0.year();
        if years.last().is_none_or(|y| y.year != year) {
            let path = site_url(&config.base_url, &page_url(url, i / per_page + 1), false);
            years.push(YearLink {
                year,
                label: PartialDate::Year(year).to_human(korean),
                path: format!("{path}#year-{year}"),
            });
        }
    }
    years
}

/// The view of the events on one page.
fn entries<'a>(config: &Config, inputs: &Inputs<'a>, events: &[EventRef]) -> Vec<EventEntry<'a>> {
    let korean = config.is_korean();
    events
        .iter()
        .filter_map(|&(key, index, n)| {
            let article = &inputs.library.articles[index];
            let event = article.meta.timeline.get(n)?;
            let html = inputs.annotated[index].timeline_html.get(n)?;
            let path = site_url(&config.base_url, &article.url, false);
            Some(EventEntry {
                date: event.date.to_iso(),
                date_human: event.date.to_human(korean),
                end: event.end.map(|d| d.to_iso()),
                end_human: event.end.map(|d| d.to_human(korean)),
                approx: event.approx,
                text_html: html,
                anchor: format!("{path}#event-{}", n + 1),
                article: Link { title: &article.meta.title, path },
                key,
            })
        })
        .collect()
}

fn group<'a>(config: &Config, entries: Vec<EventEntry<'a>>) -> Vec<YearGroup<'a>> {
    let korean = config.is_korean();
    let mut years: Vec<YearGroup<'a>> = Vec::new();
    for entry in entries {
        let year = entry.key.0.year();
        let month_label = if entry.key.1 == 0 {
            if korean { format!("{year}년 중") } else { format!("During {year}") }
        } else {
            PartialDate::Month(year, entry.key.0.month()).to_human(korean)
        };
        if years.last().is_none_or(|y| y.year != year) {
            let label = PartialDate::Year(year).to_human(korean);
            years.push(YearGroup { year, label, months: Vec::new() });
        }
        let Some(current) = years.last_mut() else { continue };
        if current.months.last().is_none_or(|m| m.label != month_label) {
            current.months.push(MonthGroup { label: month_label, events: Vec::new() });
        }
        if let Some(month) = current.months.last_mut() {
            month.events.push(entry);
        }
    }
    years
}
