//! Dates as written → dates, against the block's reference day (the article's publication date,
//! or a caption's own trailing date): `8일` is the latest 8th on or before it, `3월 5일` the one
//! between seven months before and four months after, `지난해 3월` March of the year before.

use chrono::{Datelike, Months, NaiveDate};

use super::Reference;
use super::readers::year_ok;
use super::rules::{Direction, Spec};
use crate::date::PartialDate;

/// The date an expression means, read against the block's reference.
pub(super) fn resolve(spec: Spec, reference: Option<Reference>) -> Option<PartialDate> {
    match spec {
        Spec::Full(y, m, d) => {
            NaiveDate::from_ymd_opt(y, m, d).filter(|_| year_ok(y)).map(PartialDate::Day)
        }
        Spec::MonthOf(y, m) => month_date(y, m),
        Spec::YearOf(y) => year_ok(y).then_some(PartialDate::Year(y)),
        Spec::Relative { years, month, day } => {
            let y = reference?.day.year() + years;
            match (month, day) {
                (None, _) => Some(PartialDate::Year(y)),
                (Some(m), None) => month_date(y, m),
                (Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d).map(PartialDate::Day),
            }
        }
        Spec::RelativeMonth { months, day } => {
            let first = reference?.day.with_day(1)?;
            let shift = Months::new(months.unsigned_abs());
            let month = if months < 0 {
                first.checked_sub_months(shift)?
            } else {
                first.checked_add_months(shift)?
            };
            match day {
                None => month_date(month.year(), month.month()),
                Some(d) => month.with_day(d).map(PartialDate::Day),
            }
        }
        Spec::MonthDay(m, d, direction) => {
            let r = reference?.day;
            let candidates =
                (r.year() - 1..=r.year() + 1).filter_map(|y| NaiveDate::from_ymd_opt(y, m, d));
            let found = if direction == Direction::Around {
                let reference = month_key(r.year(), r.month());
                pick(candidates, direction, |c| month_key(c.year(), c.month()), reference)
            } else {
                pick(candidates, direction, day_key, day_key(r))
            };
            found.map(PartialDate::Day)
        }
        Spec::Month(m, direction) => {
            if !(1..=12).contains(&m) {
                return None;
            }
            let r = reference?.day;
            let candidates = (r.year() - 1..=r.year() + 1).map(|y| (y, m));
            pick(candidates, direction, |(y, m)| month_key(y, m), month_key(r.year(), r.month()))
                .and_then(|(y, m)| month_date(y, m))
        }
        Spec::Day(d, direction) => {
            let r = reference?.day;
            let first = r.with_day(1)?;
            let months = [
                first.checked_sub_months(Months::new(1)),
                Some(first),
                first.checked_add_months(Months::new(1)),
            ];
            let candidates = months
                .into_iter()
                .flatten()
                .filter_map(|m| NaiveDate::from_ymd_opt(m.year(), m.month(), d));
            pick(candidates, direction, day_key, day_key(r)).map(PartialDate::Day)
        }
    }
}

fn day_key(day: NaiveDate) -> i64 {
    i64::from(day.num_days_from_ce())
}

fn month_key(y: i32, m: u32) -> i64 {
    i64::from(y) * 12 + i64::from(m) - 1
}

fn month_date(y: i32, m: u32) -> Option<PartialDate> {
    (year_ok(y) && (1..=12).contains(&m)).then_some(PartialDate::Month(y, m))
}

/// The candidate lying in `direction` from the reference key (month keys for
/// [`Direction::Around`]).
fn pick<T: Copy>(
    candidates: impl Iterator<Item = T>,
    direction: Direction,
    key: impl Fn(T) -> i64,
    reference: i64,
) -> Option<T> {
    let mut candidates = candidates.map(|c| (key(c), c));
    match direction {
        Direction::Past => candidates.filter(|(k, _)| *k <= reference).max_by_key(|(k, _)| *k),
        Direction::StrictPast => candidates.filter(|(k, _)| *k < reference).max_by_key(|(k, _)| *k),
        Direction::Future => candidates.find(|(k, _)| *k >= reference),
        Direction::StrictFuture => candidates.find(|(k, _)| *k > reference),
        Direction::Around => candidates.find(|(k, _)| (-7..=4).contains(&(k - reference))),
    }
    .map(|(_, c)| c)
}
