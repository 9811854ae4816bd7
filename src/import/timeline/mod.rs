//! Dated events in an article's text, proposed for its front-matter `timeline`.
//!
//! News text rarely writes full dates. A Korean report says `8일(현지시간)`, `지난해 3월` or
//! `연내`; an English one says `last year` or `on the 8th`. Such dates only mean something
//! against the day the text was written, so every relative expression is resolved against the
//! article's publication date: `8일` in an article of 2025-08-17 is 2025-08-08, and a day of the
//! month later than the article's own (`21일`) is in the previous month (2025-07-21), because
//! reports tell what already happened. A month without a year (`3월 5일`, `Jan. 21`) lies between
//! seven months before the article's month and four months after it, unless `지난`/`오는`
//! (`last`/`next`) say which way. Without a publication date only dates that carry their own
//! year are taken.
//!
//! A photo caption is often written long before the article, by a wire agency, and then ends with
//! the photo's date after its sentence (`… 기자회견을 지켜 보고 있다. 2025.01.22`). That trailing
//! date is the caption's reference, not an event: the caption's `21일` is 2025-01-21, not a day
//! of the article's month. The same holds for a paragraph that ends with such a date.
//!
//! Numbers that only look like dates are not dates: a duration (`6년 동맹`, `3개월`, `10년간`,
//! `3일간`, `8일 전`), money (`137억 5000만 달러`), shares (`30~35%`) and names (`MS 365`,
//! `GPT-5`). A `N년` is a year only when N has four digits, and a bare English number only after
//! `in` (`in 2024`). The article's own day as a bare day (`17일 IT 업계에 따르면`) is the
//! reporting formula, not an event.
//!
//! Each event carries the sentence that states it. The same date found in the body and in a
//! caption is one fact told twice, and is kept once, with the body's sentence.
//!
//! This module is the driver ([`extract_events`]: blocks in, events out); the steps are
//! `rules` and `readers` (date expressions found in text), `resolve` (against the
//! reference day) and `sentences` (each event's text).

mod readers;
mod resolve;
mod rules;
mod sentences;

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::date::PartialDate;
use resolve::resolve;
use rules::{Expression, Spec, find_dates};
use sentences::{event_text, sentences, window};

/// One extracted event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractedEvent {
    /// When, at the precision the text gave.
    pub date: PartialDate,
    /// The sentence (or, in a long sentence, the clauses) stating the event.
    pub text: String,
    /// A vague date: `연내`, `상반기`, `early 2024`.
    pub approx: bool,
    /// Where the event was found.
    pub source: EventSource,
}

/// The kind of text block an event was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventSource {
    /// A paragraph of the article.
    Body,
    /// An image caption.
    Caption,
}

impl EventSource {
    /// `body` or `caption`, as written in the front matter's `source`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventSource::Body => "body",
            EventSource::Caption => "caption",
        }
    }
}

/// The longest event text, in characters, before a sentence is cut at clause boundaries.
const MAX_TEXT_CHARS: usize = 200;

/// Extracts the dated events of an article.
///
/// `blocks`: the article's text blocks in order (paragraph texts, plain text, no Markdown), each
/// tagged Body or Caption. `published`: the article's own date (None → extract only dates that
/// carry a full year). Events come in chronological order: by first day, a coarser date before a
/// finer one starting the same day (as on the site's timeline pages), then by position.
pub fn extract_events(
    blocks: &[(EventSource, &str)],
    published: Option<NaiveDate>,
) -> Vec<ExtractedEvent> {
    let mut found: Vec<(ExtractedEvent, (usize, usize))> = Vec::new();
    // Sets, not scans of `found`: a page can state thousands of dates (see: #18).
    let mut seen: HashSet<(PartialDate, String, EventSource)> = HashSet::new();
    for (index, &(source, text)) in blocks.iter().enumerate() {
        for (offset, event) in block_events(source, text, published) {
            if seen.insert((event.date, event.text.clone(), event.source)) {
                found.push((event, (index, offset)));
            }
        }
    }
    let body_dates: HashSet<PartialDate> =
        found.iter().filter(|(e, _)| e.source == EventSource::Body).map(|(e, _)| e.date).collect();
    found.retain(|(e, _)| e.source == EventSource::Body || !body_dates.contains(&e.date));
    found.sort_by_key(|(e, position)| (e.date.chronological_key(), *position));
    found.into_iter().map(|(e, _)| e).collect()
}

/// The date relative expressions of a block are resolved against.
#[derive(Debug, Clone, Copy)]
struct Reference {
    day: NaiveDate,
    /// The article's publication date (not a caption's own date): a bare day equal to it is the
    /// reporting formula (`17일 … 밝혔다`), not an event.
    is_publication: bool,
}

/// The events of one block, each with its byte offset in the block.
fn block_events(
    source: EventSource,
    text: &str,
    published: Option<NaiveDate>,
) -> Vec<(usize, ExtractedEvent)> {
    let mut found = find_dates(text);
    let mut reference = published.map(|day| Reference { day, is_publication: true });
    if let Some((at, day)) = trailing_reference(source, text, &found) {
        found.remove(at);
        reference = Some(Reference { day, is_publication: false });
    }
    let sentences = sentences(text);
    let mut events = Vec::new();
    for expression in found {
        let Some((spec, approx)) = expression.spec else { continue };
        let Some(date) = resolve(spec, reference) else { continue };
        if let (Spec::Day(..), Some(r)) = (spec, reference)
            && r.is_publication
            && date == PartialDate::Day(r.day)
        {
            continue;
        }
        // The sentences are in order: find the one holding the date by bisection.
        let after = sentences.partition_point(|s| s.end <= expression.span.start);
        let Some(sentence) = sentences.get(after).filter(|s| s.contains(&expression.span.start))
        else {
            continue;
        };
        let event_text =
            event_text(text, window(text, sentence, &expression.span), &expression.span);
        if event_text.is_empty() {
            continue;
        }
        events.push((
            expression.span.start,
            ExtractedEvent { date, text: event_text, approx, source },
        ));
    }
    events
}

/// A standalone full date closing the block, before any credit (`… 지켜 보고 있다. 2025.01.22
/// ⓒ AFP=뉴스1`): the date the caption was written. In a caption it may follow a label
/// (`사티야 나델라 MS CEO 2025.01.22`); in a paragraph it must follow a finished sentence.
/// Returns its index in `found` and the day.
fn trailing_reference(
    source: EventSource,
    text: &str,
    found: &[Expression],
) -> Option<(usize, NaiveDate)> {
    let (at, last) = found
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.spec, Some((Spec::Full(..), _))))
        .max_by_key(|(_, e)| e.span.start)?;
    let Some((Spec::Full(y, m, d), _)) = last.spec else { return None };
    let before = text[..last.span.start].trim_end();
    let after = text[last.span.end..].trim_start().trim_start_matches('.').trim_start();
    let sentence_ended = source == EventSource::Caption
        || before.is_empty()
        || before.ends_with(['.', '?', '!', '다', '"', '”', '’', ')']);
    let only_credit = after.is_empty()
        || after.starts_with(['ⓒ', '©', '(', '[', '<', '/', '|', '—', '–', '-', '=', '*'])
        || after.starts_with("사진")
        || after.starts_with("Photo");
    if !(sentence_ended && only_credit) {
        return None;
    }
    Some((at, NaiveDate::from_ymd_opt(y, m, d)?))
}

#[cfg(test)]
mod tests;
