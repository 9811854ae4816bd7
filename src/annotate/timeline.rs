//! The site's dated events in order: every event of every article, chronologically, and the
//! same order filtered for each tag. Sorted once per build; each tag's timeline is filtered from
//! that order, so no timeline is sorted twice.

use chrono::NaiveDate;

use crate::content::Library;

/// An event of a timeline: its sort key (first day, precision), its article's index in the
/// library and its position in the article's own timeline.
pub type EventRef = ((NaiveDate, u8), usize, usize);

/// The events of the whole site and of each tag, in chronological order.
#[derive(Debug, Default)]
pub struct SiteTimeline {
    /// Every event; events on one day keep the library's order of their articles (newest
    /// first), and an article's events their own order.
    pub events: Vec<EventRef>,
    /// The events of each tag of `library.tags`, in the same order.
    pub by_tag: Vec<Vec<EventRef>>,
}

impl SiteTimeline {
    /// Orders the events of `library`.
    pub fn new(library: &Library) -> SiteTimeline {
        let mut events: Vec<EventRef> = Vec::new();
        for (i, article) in library.articles.iter().enumerate() {
            let timeline = article.meta.timeline.iter().enumerate();
            events.extend(timeline.map(|(n, e)| (e.date.chronological_key(), i, n)));
        }
        events.sort_unstable();
        let tags_of = tags_of_articles(library);
        let mut by_tag: Vec<Vec<EventRef>> = vec![Vec::new(); library.tags.len()];
        for &event in &events {
            for &tag in &tags_of[event.1] {
                by_tag[tag].push(event);
            }
        }
        SiteTimeline { events, by_tag }
    }
}

/// For each article, the indices of its tags in `library.tags`.
fn tags_of_articles(library: &Library) -> Vec<Vec<usize>> {
    let mut tags_of = vec![Vec::new(); library.articles.len()];
    for (t, tag) in library.tags.iter().enumerate() {
        for &i in &tag.articles {
            if let Some(tags) = tags_of.get_mut(i) {
                tags.push(t);
            }
        }
    }
    tags_of
}
