//! Publication dates as pages write them, in metadata and in visible text.
//!
//! Metadata dates come in many near-ISO shapes (`2025-05-15T20:00:52.000+0900`, `2025-08-17 07:01`,
//! `20250817`). Text dates are Korean or English page chrome: `입력 2025.08.17 07:01`,
//! `기사입력 2025-05-15 20:00`, `작성일 08-17 21` (no year), `Published Aug 17, 2025`.
//! A Korean page's wall-clock time without an offset is Korean time (+09:00).

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use regex::Regex;

use crate::import::text::built_in_regex;

use crate::date::ArticleDate;

/// Korea Standard Time, which has no daylight saving.
pub fn kst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("+09:00 is within the valid offset range")
}

/// Parses a machine-readable date from metadata. `korean` gives offset-less times +09:00.
pub fn parse_meta_date(text: &str, korean: bool) -> Option<ArticleDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(date) = ArticleDate::parse(text) {
        return Some(localize(date, korean));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y%m%dT%H%M%S%z",
    ] {
        if let Ok(time) = DateTime::parse_from_str(text, format) {
            return Some(ArticleDate::Time(time));
        }
    }
    if let Ok(time) = DateTime::parse_from_rfc2822(text) {
        return Some(ArticleDate::Time(time));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y.%m.%d %H:%M:%S",
        "%Y.%m.%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%Y%m%d%H%M%S",
    ] {
        if let Ok(time) = NaiveDateTime::parse_from_str(text, format) {
            return Some(localize(ArticleDate::Local(time), korean));
        }
    }
    for format in ["%Y.%m.%d", "%Y/%m/%d", "%Y%m%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y"] {
        if let Ok(day) = NaiveDate::parse_from_str(text, format) {
            return Some(ArticleDate::Day(day));
        }
    }
    // `2025-05-15T20:00:52.000Z`-like strings with trailing noise: take the leading ISO part.
    let head: String = text.chars().take(25).collect();
    find_text_date(&head, None, korean)
}

/// Gives a wall-clock time the Korean offset on Korean pages.
fn localize(date: ArticleDate, korean: bool) -> ArticleDate {
    match date {
        ArticleDate::Local(time) if korean => {
            kst().from_local_datetime(&time).single().map_or(date, ArticleDate::Time)
        }
        other => other,
    }
}

/// Finds the first date with a year in free text: `2025.08.17 07:01`, `2025-05-15 20:00`,
/// `2025년 8월 17일 오전 7:01`, `Aug 17, 2025`. `year_hint` completes `08-17`-style dates.
pub fn find_text_date(text: &str, year_hint: Option<i32>, korean: bool) -> Option<ArticleDate> {
    static FULL: OnceLock<Regex> = OnceLock::new();
    static KOREAN: OnceLock<Regex> = OnceLock::new();
    static ENGLISH: OnceLock<Regex> = OnceLock::new();
    static NO_YEAR: OnceLock<Regex> = OnceLock::new();
    let full = built_in_regex(
        &FULL,
        r"(20\d{2}|19\d{2})[.\-/]\s?(\d{1,2})[.\-/]\s?(\d{1,2})\.?(?:[ T]+(?:(오전|오후)\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?)?",
    );
    let korean_re = built_in_regex(
        &KOREAN,
        r"(20\d{2}|19\d{2})년\s*(\d{1,2})월\s*(\d{1,2})일(?:\s*(?:(오전|오후)\s*)?(\d{1,2})[:시]\s*(\d{2})?)?",
    );
    let english = built_in_regex(
        &ENGLISH,
        r"(?i)\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+(20\d{2}|19\d{2})",
    );
    let no_year = built_in_regex(
        &NO_YEAR,
        r"(?:^|\s)(\d{2})[.\-/](\d{2})(?:\s+(\d{2})(?::(\d{2}))?)?(?:\s|$)",
    );
    let mut found: Vec<(usize, ArticleDate)> = Vec::new();
    let mut consider = |at: usize, date: Option<ArticleDate>| found.extend(date.map(|d| (at, d)));
    for re in [full, korean_re] {
        if let Some(c) = re.captures(text) {
            let number = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            let date = (|| {
                let day = NaiveDate::from_ymd_opt(number(1)? as i32, number(2)?, number(3)?)?;
                Some(with_time(day, c.get(4).map(|m| m.as_str()), number(5), number(6), korean))
            })();
            consider(c.get(0).map_or(0, |m| m.start()), date);
        }
    }
    if let Some(c) = english.captures(text) {
        let month = month_number(c.get(1).map_or("", |m| m.as_str()));
        let day = c.get(2).and_then(|m| m.as_str().parse().ok());
        let year = c.get(3).and_then(|m| m.as_str().parse().ok());
        let date = match (year, month, day) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d).map(ArticleDate::Day),
            _ => None,
        };
        consider(c.get(0).map_or(0, |m| m.start()), date);
    }
    if found.is_empty()
        && let (Some(year), Some(c)) = (year_hint, no_year.captures(text))
    {
        let number = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = (|| {
            let day = NaiveDate::from_ymd_opt(year, number(1)?, number(2)?)?;
            // `08-17 21` is an hour without minutes: too vague to keep, so the day alone.
            Some(match number(4) {
                Some(_) => with_time(day, None, number(3), number(4), korean),
                None => ArticleDate::Day(day),
            })
        })();
        found.extend(date.map(|d| (0, d)));
    }
    found.into_iter().min_by_key(|(at, _)| *at).map(|(_, date)| date)
}

fn with_time(
    day: NaiveDate,
    half: Option<&str>,
    hour: Option<u32>,
    minute: Option<u32>,
    korean: bool,
) -> ArticleDate {
    let Some(mut hour) = hour else { return ArticleDate::Day(day) };
    if half == Some("오후") && hour < 12 {
        hour += 12;
    }
    match NaiveTime::from_hms_opt(hour, minute.unwrap_or(0), 0) {
        Some(time) => localize(ArticleDate::Local(day.and_time(time)), korean),
        None => ArticleDate::Day(day),
    }
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// A year (and month, day) that URLs of the page's own images or links reveal: `/202508/17/`,
/// `/2025/08/17/`, `20250817070116699.jpg`. Used when a visible date lacks its year.
pub fn date_from_paths(html: &str) -> Option<NaiveDate> {
    static PATH: OnceLock<Regex> = OnceLock::new();
    let re = built_in_regex(&PATH, r"/(20\d{2})/?(\d{2})/(\d{2})/|/(20\d{2})(\d{2})(\d{2})\d{6}");
    let mut counts: std::collections::BTreeMap<NaiveDate, usize> =
        std::collections::BTreeMap::new();
    for c in re.captures_iter(html) {
        let n = |a: usize, b: usize| {
            c.get(a).or_else(|| c.get(b)).and_then(|m| m.as_str().parse::<u32>().ok())
        };
        if let (Some(y), Some(m), Some(d)) = (n(1, 4), n(2, 5), n(3, 6))
            && let Some(day) = NaiveDate::from_ymd_opt(y as i32, m, d)
        {
            *counts.entry(day).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|(day, count)| (*count, *day)).map(|(day, _)| day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(date: Option<ArticleDate>) -> String {
        date.map(|d| d.to_iso()).unwrap_or_default()
    }

    #[test]
    fn metadata_forms() {
        assert_eq!(
            iso(parse_meta_date("2025-05-15T20:00:52.000+0900", true)),
            "2025-05-15T20:00:52+09:00"
        );
        assert_eq!(
            iso(parse_meta_date("2025-06-04T02:37:08+09:00", true)),
            "2025-06-04T02:37:08+09:00"
        );
        assert_eq!(iso(parse_meta_date("2025-08-17 07:01", true)), "2025-08-17T07:01:00+09:00");
        assert_eq!(iso(parse_meta_date("2025-08-17 07:01", false)), "2025-08-17T07:01:00");
        assert_eq!(iso(parse_meta_date("20131024", true)), "2013-10-24");
        assert_eq!(
            iso(parse_meta_date("Tue, 21 Jan 2025 10:00:00 +0000", false)),
            "2025-01-21T10:00:00+00:00"
        );
        assert_eq!(parse_meta_date("", true), None);
    }

    #[test]
    fn korean_text_dates() {
        assert_eq!(
            iso(find_text_date("입력 2025.08.17 07:01 수정 2025.08.17 09:00", None, true)),
            "2025-08-17T07:01:00+09:00"
        );
        assert_eq!(
            iso(find_text_date("기사입력 2020-03-04 16:52", None, true)),
            "2020-03-04T16:52:00+09:00"
        );
        assert_eq!(
            iso(find_text_date("승인 2013년 10월 24일 오후 3:05", None, true)),
            "2013-10-24T15:05:00+09:00"
        );
        assert_eq!(iso(find_text_date("등록 2025.05.15.", None, true)), "2025-05-15");
    }

    #[test]
    fn a_date_without_year_takes_the_hint() {
        assert_eq!(iso(find_text_date("작성일 08-17 21 목록", Some(2025), true)), "2025-08-17");
        assert_eq!(find_text_date("작성일 08-17 21 목록", None, true), None);
    }

    #[test]
    fn english_text_dates() {
        assert_eq!(
            iso(find_text_date("Published Aug 17, 2025 at noon", None, false)),
            "2025-08-17"
        );
        assert_eq!(iso(find_text_date("Updated: January 5 2024", None, false)), "2024-01-05");
    }

    #[test]
    fn dated_image_paths_give_the_day() {
        let html = r#"<img src="https://t1.daumcdn.net/news/202508/17/NEWS1/20250817070116699lvuf.jpg"> <img src="/2025/08/17/a.jpg">"#;
        assert_eq!(date_from_paths(html), NaiveDate::from_ymd_opt(2025, 8, 17));
        assert_eq!(date_from_paths("<p>no dates</p>"), None);
    }
}
