//! Arbitrary text through the date finders and the timeline extractor.
#![no_main]
use gloss::import::timeline::{EventSource, extract_events};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let published = chrono::NaiveDate::from_ymd_opt(2025, 8, 17);
    let _ = extract_events(&[(EventSource::Body, text), (EventSource::Caption, text)], published);
    let _ = gloss::import::dates::find_text_date(text, Some(2025), true);
    let _ = gloss::import::dates::parse_meta_date(text, true);
    let _ = gloss::date::ArticleDate::parse(text);
    let _ = gloss::date::PartialDate::parse(text);
});
