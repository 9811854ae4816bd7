//! Dates as articles give them: a day (`2025-08-17`), a full RFC 3339 time, or a local time without
//! offset (`2025-08-17 07:01`). Timeline events also use coarser precisions (a year, a month); see
//! [`PartialDate`].

use std::cmp::Ordering;
use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Timelike};

/// An article's publication or update date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArticleDate {
    /// A calendar day.
    Day(NaiveDate),
    /// A moment with its UTC offset.
    Time(DateTime<FixedOffset>),
    /// A wall-clock time without offset.
    Local(NaiveDateTime),
}

impl ArticleDate {
    /// Parses the forms users and importers write. `None` if none fits, or if the year is not
    /// one of 1 to 9999, the years RFC 3339 (feeds, sitemaps) and `<time>` can carry.
    pub fn parse(text: &str) -> Option<ArticleDate> {
        let date = Self::parse_any_year(text)?;
        (1..=9999).contains(&date.day().year()).then_some(date)
    }

    fn parse_any_year(text: &str) -> Option<ArticleDate> {
        let text = text.trim();
        if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Some(ArticleDate::Day(day));
        }
        if let Ok(time) = DateTime::parse_from_rfc3339(text) {
            return Some(ArticleDate::Time(time));
        }
        for format in ["%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%dT%H:%M%z"] {
            if let Ok(time) = DateTime::parse_from_str(text, format) {
                return Some(ArticleDate::Time(time));
            }
        }
        for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        {
            if let Ok(time) = NaiveDateTime::parse_from_str(text, format) {
                return Some(ArticleDate::Local(time));
            }
        }
        None
    }

    /// The calendar day, in the date's own time zone.
    pub fn day(&self) -> NaiveDate {
        match self {
            ArticleDate::Day(day) => *day,
            ArticleDate::Time(time) => time.date_naive(),
            ArticleDate::Local(time) => time.date(),
        }
    }

    /// A value for ordering: UTC for zoned times, wall time otherwise.
    fn sort_key(&self) -> NaiveDateTime {
        match self {
            ArticleDate::Day(day) => day.and_hms_opt(0, 0, 0).unwrap_or_default(),
            ArticleDate::Time(time) => time.naive_utc(),
            ArticleDate::Local(time) => *time,
        }
    }

    /// The machine-readable form for `<time datetime>` and feeds.
    pub fn to_iso(&self) -> String {
        match self {
            ArticleDate::Day(day) => day.format("%Y-%m-%d").to_string(),
            ArticleDate::Time(time) => time.to_rfc3339(),
            ArticleDate::Local(time) => time.format("%Y-%m-%dT%H:%M:%S").to_string(),
        }
    }

    /// A full RFC 3339 date-time, as Atom and sitemaps need it. A day is its midnight and a
    /// time without offset is taken as UTC.
    pub fn to_rfc3339(&self) -> String {
        match self {
            ArticleDate::Time(time) => time.to_rfc3339(),
            _ => format!("{}+00:00", self.sort_key().format("%Y-%m-%dT%H:%M:%S")),
        }
    }

    /// The day as a reader of `language` writes it: `2025년 8월 17일`, `August 17, 2025`.
    pub fn to_human(&self, korean: bool) -> String {
        human_day(self.day(), korean)
    }

    /// Day and time of day, for the article byline.
    pub fn to_human_with_time(&self, korean: bool) -> String {
        let day = self.to_human(korean);
        let time = match self {
            ArticleDate::Day(_) => return day,
            ArticleDate::Time(time) => (time.hour(), time.minute()),
            ArticleDate::Local(time) => (time.hour(), time.minute()),
        };
        format!("{day} {:02}:{:02}", time.0, time.1)
    }
}

impl PartialOrd for ArticleDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ArticleDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl fmt::Display for ArticleDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2025년 8월 17일` or `August 17, 2025`.
pub fn human_day(day: NaiveDate, korean: bool) -> String {
    if korean {
        format!("{}년 {}월 {}일", day.year(), day.month(), day.day())
    } else {
        format!("{} {}, {}", MONTHS_EN[day.month0() as usize], day.day(), day.year())
    }
}

/// A date of a timeline event, kept at the precision the text gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartialDate {
    /// `2025`
    Year(i32),
    /// `2024-03`
    Month(i32, u32),
    /// `2025-08-08`
    Day(NaiveDate),
    /// A time on a day.
    Time(NaiveDateTime),
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a time (any [`ArticleDate`] form).
    pub fn parse(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            [year] if year.len() == 4 && all_digits(year) => {
                year.parse().ok().map(PartialDate::Year)
            }
            [year, month] if year.len() == 4 && all_digits(year) && all_digits(month) => {
                let month: u32 = month.parse().ok()?;
                (1..=12).contains(&month).then_some(PartialDate::Month(year.parse().ok()?, month))
            }
            _ => match ArticleDate::parse(text)? {
                ArticleDate::Day(day) => Some(PartialDate::Day(day)),
                ArticleDate::Time(time) => Some(PartialDate::Time(time.naive_local())),
                ArticleDate::Local(time) => Some(PartialDate::Time(time)),
            },
        }
    }

    /// The first day the date covers, for sorting and grouping.
    pub fn start_day(&self) -> NaiveDate {
        match *self {
            PartialDate::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default(),
            PartialDate::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default(),
            PartialDate::Day(d) => d,
            PartialDate::Time(t) => t.date(),
        }
    }

    /// A key that orders dates chronologically: by first day, coarser before finer on the same
    /// day (`2025` before `2025-01` before `2025-01-01`). The derived `Ord` is by variant.
    pub fn chronological_key(&self) -> (NaiveDate, u8) {
        let precision = match self {
            PartialDate::Year(_) => 0,
            PartialDate::Month(..) => 1,
            PartialDate::Day(_) => 2,
            PartialDate::Time(_) => 3,
        };
        (self.start_day(), precision)
    }

    /// The `<time datetime>` value at this precision.
    pub fn to_iso(&self) -> String {
        match self {
            PartialDate::Year(y) => format!("{y:04}"),
            PartialDate::Month(y, m) => format!("{y:04}-{m:02}"),
            PartialDate::Day(d) => d.format("%Y-%m-%d").to_string(),
            PartialDate::Time(t) => t.format("%Y-%m-%dT%H:%M").to_string(),
        }
    }

    /// The date as the site's language writes it: `2024년 3월`, `March 2024`, `2025년`.
    pub fn to_human(&self, korean: bool) -> String {
        match *self {
            PartialDate::Year(y) if korean => format!("{y}년"),
            PartialDate::Year(y) => y.to_string(),
            PartialDate::Month(y, m) if korean => format!("{y}년 {m}월"),
            PartialDate::Month(y, m) => format!("{} {y}", MONTHS_EN[(m - 1) as usize]),
            PartialDate::Day(d) => human_day(d, korean),
            PartialDate::Time(t) => {
                format!("{} {:02}:{:02}", human_day(t.date(), korean), t.hour(), t.minute())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_dates_in_every_accepted_form() {
        assert_eq!(ArticleDate::parse("2025-08-17").unwrap().to_iso(), "2025-08-17");
        assert_eq!(
            ArticleDate::parse("2025-08-17T07:01:00+09:00").unwrap().to_iso(),
            "2025-08-17T07:01:00+09:00"
        );
        assert_eq!(ArticleDate::parse("2025-08-17 07:01").unwrap().to_iso(), "2025-08-17T07:01:00");
        assert!(ArticleDate::parse("17 August").is_none());
        assert!(ArticleDate::parse("2025-02-30").is_none());
    }

    // See: #18. A negative year reached atom.xml and sitemap.xml as `-0001-01-01`.
    #[test]
    fn years_outside_what_feeds_can_carry_are_not_dates() {
        for text in ["-0001-01-01", "0000-12-31", "+10000-01-01", "-0044-03-15T12:00:00+00:00"] {
            assert!(ArticleDate::parse(text).is_none(), "{text}");
        }
        assert!(ArticleDate::parse("0001-01-01").is_some());
        assert!(ArticleDate::parse("9999-12-31").is_some());
    }

    #[test]
    fn zoned_times_order_by_instant() {
        let seoul = ArticleDate::parse("2025-08-17T08:00:00+09:00").unwrap();
        let utc = ArticleDate::parse("2025-08-17T00:00:00Z").unwrap();
        assert!(seoul < utc);
    }

    #[test]
    fn human_dates_follow_the_language() {
        let date = ArticleDate::parse("2025-08-17T07:01:00+09:00").unwrap();
        assert_eq!(date.to_human(true), "2025년 8월 17일");
        assert_eq!(date.to_human(false), "August 17, 2025");
        assert_eq!(date.to_human_with_time(true), "2025년 8월 17일 07:01");
    }

    #[test]
    fn partial_dates_keep_precision() {
        assert_eq!(PartialDate::parse("2025"), Some(PartialDate::Year(2025)));
        assert_eq!(PartialDate::parse("2024-03").unwrap().to_human(true), "2024년 3월");
        assert_eq!(PartialDate::parse("2024-03").unwrap().to_human(false), "March 2024");
        assert_eq!(PartialDate::parse("2023-10-12").unwrap().to_human(true), "2023년 10월 12일");
        assert!(PartialDate::parse("2024-13").is_none());
        assert!(PartialDate::parse("soon").is_none());
    }
}
