//! The site timeline at `/timeline/` and one per tag at `/tags/<tag>/timeline/`: every dated
//! event of the articles, in chronological order, grouped by year and month, each linking to
//! the event in its article's own timeline (`#event-N`).
//!
//! Timelines are paginated (`[timeline] paginate_by` events a page; page n at
//! `timeline/page/n/`), with an index of years linking to the page where each year starts. A
//! site of 100,000 articles has 350,000 events: on one page that is 128 MB of HTML, which no
//! browser opens comfortably and whose template context alone was a fifth of the build's
//! memory traffic. The events come in order from annotation (`annotate::timeline`).

use std::sync::Arc;

use chrono::Datelike;
use serde::Serialize;

use super::Shared;
use super::page::{AsSeen, Covered, Page, PageContext};
use super::view::{Link, PageNav, page_url};
use crate::annotate::Annotated;
use crate::annotate::timeline::{EventRef, SiteTimeline};
use crate::config::{Config, site_url};
use crate::content::Tag;
use crate::date::PartialDate;

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
pub(super) fn pages<'a>(site: &'a Annotated<'a>, timeline: SiteTimeline) -> Vec<Page<'a>> {
    if !site.config.timeline.pages {
        return Vec::new();
    }
    // One dense array, so that fingerprinting every event on each rebuild (35,000 of them at
    // 10,000 articles) reads it instead of following a pointer to each event's article.
    let hashes: Arc<[u64]> = site.articles.iter().map(|a| a.timeline_hash).collect();
    let mut pages = timeline_of(site, &hashes, timeline.events, None);
    for (tag, events) in site.library.tags.iter().zip(timeline.by_tag) {
        pages.extend(timeline_of(site, &hashes, events, Some(tag)));
    }
    pages
}

#[derive(Debug, Serialize)]
struct TagRef<'a> {
    name: &'a str,
    path: String,
}

/// The inputs of one page of a timeline.
#[derive(Hash)]
struct TimelinePage<'a> {
    /// The timeline's first page: `timeline/`, `tags/x/timeline/`.
    first: String,
    /// The events on the whole timeline.
    count: usize,
    /// The index of years, the same on every page of the timeline.
    years: Arc<Vec<YearLink>>,
    nav: AsSeen<PageNav>,
    tag: AsSeen<Option<TagRef<'a>>>,
    /// The events on the page.
    events: EventsOnPage,
    site: Covered<&'a Annotated<'a>>,
}

/// The events of one timeline page: hashed as (its article's timeline hash, its position
/// there), which covers the article's title, URL, events and their linked texts.
struct EventsOnPage {
    /// The timeline's events, shared by its pages (and freed with the last one rendered).
    timeline: Arc<[EventRef]>,
    /// Which of them are on this page.
    on_page: std::ops::Range<usize>,
    /// Each article's timeline hash.
    hashes: Arc<[u64]>,
}

impl EventsOnPage {
    fn events(&self) -> &[EventRef] {
        &self.timeline[self.on_page.clone()]
    }
}

impl std::hash::Hash for EventsOnPage {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for &(_, article, n) in self.events() {
            (self.hashes[article], n).hash(state);
        }
    }
}

/// The pages of one timeline: page 1 at `url`, page n at `url/page/n/`. An empty timeline
/// still has its first page, which says so. `hashes`: each article's timeline hash.
fn timeline_of<'a>(
    site: &'a Annotated<'a>,
    hashes: &Arc<[u64]>,
    events: Vec<EventRef>,
    tag: Option<&'a Tag>,
) -> Vec<Page<'a>> {
    let config = site.config;
    let url = tag.map_or_else(|| "timeline/".to_owned(), |t| format!("tags/{}/timeline/", t.slug));
    let per_page = config.timeline.paginate_by.max(1);
    let count = events.len();
    let total = count.div_ceil(per_page).max(1);
    let years = Arc::new(year_index(config, &events, per_page, &url));
    let events: Arc<[EventRef]> = events.into();
    let origin = tag.map_or_else(
        || "the site timeline".to_owned(),
        |t| format!("the timeline of tag `{}`", t.name),
    );
    (1..=total)
        .map(|n| {
            let on_page = (n - 1) * per_page..(n * per_page).min(count);
            let tag_ref = tag.map(|t| TagRef {
                name: &t.name,
                path: site_url(&config.base_url, &format!("tags/{}/", t.slug), false),
            });
            let inputs = TimelinePage {
                first: url.clone(),
                count,
                years: Arc::clone(&years),
                nav: AsSeen(PageNav::new(config, &url, n, total)),
                tag: AsSeen(tag_ref),
                events: EventsOnPage {
                    timeline: Arc::clone(&events),
                    on_page,
                    hashes: Arc::clone(hashes),
                },
                site: Covered(site),
            };
            let origin = if n == 1 { origin.clone() } else { format!("{origin} (page {n})") };
            Page::new("timeline.html", page_url(&url, n), origin, inputs)
        })
        .collect()
}

impl PageContext for TimelinePage<'_> {
    fn context(&self, shared: &Shared<'_>) -> tera::Context {
        let config = shared.config;
        let entries = entries(config, self.site.0, self.events.events());
        let url = page_url(&self.first, self.nav.0.current);
        let mut context = shared.context_at(&url);
        context.insert("years", &group(config, entries));
        context.insert("event_count", &self.count);
        context.insert("year_index", &*self.years);
        context.insert("paginator", &self.nav.0);
        context.insert("tag", &self.tag.0);
        context
    }
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
fn entries<'a>(config: &Config, site: &Annotated<'a>, events: &[EventRef]) -> Vec<EventEntry<'a>> {
    let korean = config.is_korean();
    events
        .iter()
        .filter_map(|&(key, index, n)| {
            let article = &site.library.articles[index];
            let event = article.meta.timeline.get(n)?;
            let html = site.articles[index].timeline_html.get(n)?;
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
