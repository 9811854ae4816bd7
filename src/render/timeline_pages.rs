//! The site timeline at `/timeline/` and one per tag at `/tags/<tag>/timeline/`: every dated
//! event of the articles, in chronological order, grouped by year and month, each linking to
//! the event in its article's own timeline (`#event-N`).

use chrono::Datelike;
use serde::Serialize;

use std::sync::Arc;

use super::annotated::AnnotatedArticle;
use super::fingerprint::Fingerprint;
use super::templates::site_url;
use super::view::Link;
use super::{Inputs, Job, listing_context};
use crate::config::Config;
use crate::content::date::PartialDate;
use crate::content::{Library, Tag};

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
    sort: ((chrono::NaiveDate, u8), usize),
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

fn events_of<'a>(
    config: &Config,
    library: &'a Library,
    annotated: &'a [Arc<AnnotatedArticle>],
    articles: &[usize],
) -> Vec<EventEntry<'a>> {
    let korean = config.is_korean();
    let mut entries = Vec::new();
    for &index in articles {
        let article = &library.articles[index];
        let path = site_url(&config.base_url, &article.url, false);
        for (n, (event, html)) in
            article.meta.timeline.iter().zip(&annotated[index].timeline_html).enumerate()
        {
            entries.push(EventEntry {
                date: event.date.to_iso(),
                date_human: event.date.to_human(korean),
                end: event.end.map(|d| d.to_iso()),
                end_human: event.end.map(|d| d.to_human(korean)),
                approx: event.approx,
                text_html: html,
                article: Link { title: &article.meta.title, path: path.clone() },
                anchor: format!("{path}#event-{}", n + 1),
                sort: (event.date.chronological_key(), index),
            });
        }
    }
    entries.sort_by_key(|e| e.sort);
    entries
}

fn group<'a>(config: &Config, entries: Vec<EventEntry<'a>>) -> Vec<YearGroup<'a>> {
    let korean = config.is_korean();
    let mut years: Vec<YearGroup<'a>> = Vec::new();
    for entry in entries {
        let year = entry.sort.0.0.year();
        let month_label = if entry.sort.0.1 == 0 {
            if korean { format!("{year}년 중") } else { format!("During {year}") }
        } else {
            PartialDate::Month(year, entry.sort.0.0.month()).to_human(korean)
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

/// `/timeline/` and `/tags/<tag>/timeline/`, when `[timeline] pages` is on.
pub(super) fn jobs<'a>(inputs: &'a Inputs<'a>) -> Vec<Job<'a>> {
    if !inputs.config.timeline.pages {
        return Vec::new();
    }
    let all: Vec<usize> = (0..inputs.library.articles.len()).collect();
    let mut jobs = vec![page(inputs, all, None)];
    for tag in &inputs.library.tags {
        jobs.push(page(inputs, tag.articles.clone(), Some(tag)));
    }
    jobs
}

#[derive(Debug, Serialize)]
struct TagRef<'a> {
    name: &'a str,
    path: String,
}

fn page<'a>(inputs: &'a Inputs<'a>, articles: Vec<usize>, tag: Option<&'a Tag>) -> Job<'a> {
    let config = inputs.config;
    let url = tag.map_or_else(|| "timeline/".to_owned(), |t| format!("tags/{}/timeline/", t.slug));
    let tag_ref = tag.map(|t| TagRef {
        name: &t.name,
        path: site_url(&config.base_url, &format!("tags/{}/", t.slug), false),
    });
    // Articles without events add nothing to the page, so editing them changes nothing here.
    let events: Vec<u64> = articles
        .iter()
        .filter(|&&i| !inputs.library.articles[i].meta.timeline.is_empty())
        .map(|&i| inputs.annotated[i].timeline_hash)
        .collect();
    let fingerprint = Fingerprint::new("timeline.html", inputs.global)
        .add(&url)
        .view(&tag_ref)
        .add(&events)
        .finish();
    let origin = tag.map_or_else(
        || "the site timeline".to_owned(),
        |t| format!("the timeline of tag `{}`", t.name),
    );
    Job {
        template: "timeline.html",
        url: url.clone().into(),
        origin: origin.into(),
        fingerprint,
        verbatim: None,
        context: Box::new(move || {
            let entries = events_of(config, inputs.library, inputs.annotated, &articles);
            let count = entries.len();
            let mut context = listing_context(config, &inputs.base, &url);
            context.insert("years", &group(config, entries));
            context.insert("event_count", &count);
            context.insert("tag", &tag_ref);
            context
        }),
    }
}
