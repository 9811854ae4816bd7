//! The date expressions a block of text holds: the rules (a regex each, most specific first),
//! each with a reader ([`super::readers`]) that makes a [`Spec`] of its matches. Text one rule
//! claims is not read by later ones, and an expression must not continue a Korean word on its
//! left. Resolving a `Spec` to a date is the work of `resolve`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use regex::{Captures, Regex};

use crate::import::text::{compile_built_in, is_hangul};

use super::readers::{
    read_day, read_full, read_month, read_month_day, read_numeric, read_on_the, read_relative_date,
    read_relative_month, read_relative_month_day, read_relative_period, read_relative_year,
    read_vague, read_year, read_year_month, read_year_period,
};

/// Which way a date without a year (or month) lies from the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    /// The one from seven months before the reference's month to four months after it (`3월
    /// 5일`, `9월`): reports mostly look back, and name the year of anything further off.
    Around,
    /// The latest one on or before the reference (`지난 3월`, a bare `21일`).
    Past,
    /// The latest one before the reference's month (`last March`).
    StrictPast,
    /// The earliest one on or after the reference (`오는 21일`).
    Future,
    /// The earliest one after the reference's month (`next March`).
    StrictFuture,
}

/// A date expression as written, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Spec {
    /// A day with its year: `2023년 10월 12일`, `2025.01.22`, `Jan. 21, 2025`.
    Full(i32, u32, u32),
    /// `2024년 3월`, `March 2024`.
    MonthOf(i32, u32),
    /// `2024년`, `in 2024`.
    YearOf(i32),
    /// A year counted from the reference's (`지난해` -1, `올해` 0, `내년` +1), with an optional
    /// month and day.
    Relative { years: i32, month: Option<u32>, day: Option<u32> },
    /// A month counted from the reference's (`지난달` -1, `이달` 0, `다음 달` +1), with an
    /// optional day.
    RelativeMonth { months: i32, day: Option<u32> },
    /// `3월 5일`, `March 5`: month and day without a year.
    MonthDay(u32, u32, Direction),
    /// `3월`, `last March`: a month without a year.
    Month(u32, Direction),
    /// `8일`, `on the 8th`: a day of the month.
    Day(u32, Direction),
}

/// A date expression found in a block.
#[derive(Debug)]
pub(super) struct Expression {
    pub(super) span: Range<usize>,
    /// The date and whether it is vague; `None` for text that is a date but not a valid one
    /// (`2월 30일`), which still keeps other rules from reading parts of it.
    pub(super) spec: Option<(Spec, bool)>,
}

/// What a rule makes of one of its regex matches.
pub(super) enum Verdict {
    /// Not a date here; a later rule may still read this text.
    Reject,
    /// A date expression, valid or not; no later rule may read its text.
    Claim(Option<(Spec, bool)>),
}

type Reader = fn(&str, &Captures<'_>) -> Verdict;

/// Month names and abbreviations, capitalized (so that the verb `may` is no month).
const MONTH: &str = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?-u:\b)\.?";

/// Relative year words: 재작년, 지난해/작년, 올해/금년 (and `올 ` as in `올 상반기`), 내년, 내후년.
const RELATIVE_YEAR: &str = r"(?P<rel>재작년|지난해|작년|올해|금년|내년|내후년|올\s)";

/// Vague parts of a year.
const PERIOD: &str = r"(?P<period>상반기|하반기|연말|연초|말|초|중|안|내)";

/// The rules, most specific first: text a rule claims is not read by later rules.
///
/// Word boundaries are ASCII ones, `(?-u:\b)`: the English rules only match ASCII words, and a
/// Unicode `\b` stops the regex crate's fast DFA at the first non-ASCII byte (every Korean
/// page, and English ones with curly quotes), which made these rules 5 % of import time.
fn rules() -> &'static [(Regex, Reader)] {
    static RULES: OnceLock<Vec<(Regex, Reader)>> = OnceLock::new();
    RULES.get_or_init(|| {
        let patterns: Vec<(String, Reader)> = vec![
            // 2025.01.22, 2025-01-22, 2025/01/22, 2025. 1. 22
            (
                r"(?P<y>\d{4})\s?[./-]\s?(?P<m>\d{1,2})\s?[./-]\s?(?P<d>\d{1,2})".into(),
                read_numeric,
            ),
            // 2023년 10월 12일, 2023년 10월12일
            (
                r"(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})(?:\s*[~∼-]\s*\d{1,2})?\s*일"
                    .into(),
                read_full,
            ),
            // 2024년 3월
            (r"(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})(?:\s*[~∼-]\s*\d{1,2})?\s*월".into(), read_year_month),
            // 2024년 상반기, 2024년 말
            (format!(r"(?P<y>\d{{4}})\s*년\s*{PERIOD}"), read_year_period),
            // 지난해 3월, 올해 3월 5일, 지난해 12·3 (비상계엄)
            (
                format!(
                    r"{RELATIVE_YEAR}\s*(?P<m>\d{{1,2}})\s*(?:월(?:\s*(?P<d>\d{{1,2}})\s*일)?|[·ㆍ∙・]\s*(?P<d2>\d{{1,2}}))"
                ),
                read_relative_date,
            ),
            // 지난해 하반기, 올해 말, 내년 초
            (format!(r"{RELATIVE_YEAR}\s*{PERIOD}"), read_relative_period),
            // 2024년, 2024~2025년
            (r"(?P<y>\d{4})(?:\s*[~∼-]\s*\d{2,4})?\s*년".into(), read_year),
            // 지난해, 작년, 올해, 내년
            (r"(?P<rel>재작년|지난해|작년|올해|금년|내년|내후년)".into(), read_relative_year),
            // 지난달 1일, 이달 18일, 다음 달, 내달
            (
                r"(?P<mrel>지난\s?달|이달|이번\s?달|다음\s?달|내달)(?:\s*(?P<d>\d{1,2})(?:\s*[~∼-]\s*\d{1,2})?\s*일)?"
                    .into(),
                read_relative_month_day,
            ),
            // 연내, 연말, 연초, 상반기, 하반기
            (r"(?P<word>연내|연말|연초|상반기|하반기)".into(), read_vague),
            // 3월 5일, 지난 3월 5일, 오는 9월 1일
            (
                r"(?:(?P<dir>지난|오는)\s*)?(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})(?:\s*[~∼-]\s*\d{1,2})?\s*일"
                    .into(),
                read_month_day,
            ),
            // 3월, 지난 3월, 오는 10월
            (
                r"(?:(?P<dir>지난|오는)\s*)?(?P<m>\d{1,2})(?:\s*[~∼-]\s*\d{1,2})?\s*월".into(),
                read_month,
            ),
            // 8일, 21일(현지시간), 지난 8일, 오는 21일
            (
                r"(?:(?P<dir>지난|오는)\s*)?(?P<d>\d{1,2})(?:\s*[~∼-]\s*\d{1,2})?\s*일".into(),
                read_day,
            ),
            // January 21, 2025; Jan. 21, 2025
            (
                format!(r"(?-u:\b){MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?-u:\b)"),
                read_full,
            ),
            // 21 January 2025
            (
                format!(r"(?-u:\b)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+(?P<y>\d{{4}})(?-u:\b)"),
                read_full,
            ),
            // March 2024, Mar. 2024, early March 2024
            (
                format!(r"(?-u:\b)(?:(?P<q>(?i:early|late|mid))[\s-]+)?{MONTH},?\s+(?P<y>\d{{4}})(?-u:\b)"),
                read_year_month,
            ),
            // early 2024, late 2024, mid-2024, by the end of 2025
            (
                r"(?-u:\b)(?P<q>(?i:early|late|mid|(?:by\s+)?(?:the\s+)?end\s+of))[\s-]*(?P<y>\d{4})(?-u:\b)"
                    .into(),
                read_year,
            ),
            // last year, this year, next year, later this year
            (
                r"(?-u:\b)(?:(?P<q>(?i:early|late|later|mid|(?:by\s+)?(?:the\s+)?end\s+of))[\s-]+)?(?P<rel>(?i:last|this|next))\s+(?i:year)(?-u:\b)"
                    .into(),
                read_relative_year,
            ),
            // last month, this month, earlier this month
            (
                r"(?-u:\b)(?:(?P<q>(?i:early|earlier|late|later|mid|(?:by\s+)?(?:the\s+)?end\s+of))[\s-]+)?(?P<mrel>(?i:last|this|next))\s+(?i:month)(?-u:\b)"
                    .into(),
                read_relative_month_day,
            ),
            // in 2024
            (r"(?-u:\b)(?i:in)\s+(?P<y>\d{4})(?-u:\b)".into(), read_year),
            // last March, this March, next March
            (format!(r"(?-u:\b)(?P<rel>(?i:last|this|next))\s+{MONTH}"), read_relative_month),
            // March 5, Jan. 21st
            (format!(r"(?-u:\b){MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)"), read_month_day),
            // 5 March, 5th of March
            (format!(r"(?-u:\b)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}"), read_month_day),
            // on the 8th
            (r"(?-u:\b)(?i:on\s+the)\s+(?P<d>\d{1,2})(?:st|nd|rd|th)(?-u:\b)".into(), read_on_the),
        ];
        patterns
            .into_iter()
            .map(|(pattern, reader)| {
                (compile_built_in(&pattern), reader)
            })
            .collect()
    })
}

/// Every date expression of a block, in text order.
pub(super) fn find_dates(text: &str) -> Vec<Expression> {
    let mut found: Vec<Expression> = Vec::new();
    // The spans claimed so far (start → end), never overlapping: a new match overlaps one only
    // if it overlaps the last that starts before its end. A scan of `found` for each match
    // would cost the square of the dates in a paragraph (see: #18).
    let mut claimed: BTreeMap<usize, usize> = BTreeMap::new();
    for (regex, read) in rules() {
        for caps in regex.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            let span = whole.range();
            let overlaps =
                claimed.range(..span.end).next_back().is_some_and(|(_, &end)| end > span.start);
            if overlaps {
                continue;
            }
            if !left_boundary_ok(text, span.start) {
                continue;
            }
            if let Verdict::Claim(spec) = read(text, &caps) {
                claimed.insert(span.start, span.end);
                found.push(Expression { span, spec });
            }
        }
    }
    found.sort_by_key(|e| e.span.start);
    found
}

/// Korean words take particles on their right only, so an expression must not continue a word
/// on its left: `지난해` is not inside `…지난해`, and `8일` is not the end of `2008일` or
/// `GPT-8일`.
fn left_boundary_ok(text: &str, at: usize) -> bool {
    let Some(first) = text[at..].chars().next() else { return false };
    let Some(before) = text[..at].chars().next_back() else { return true };
    if first.is_ascii_digit() {
        !(before.is_ascii_alphanumeric() || ".,-/~∼:_".contains(before) || before == '제')
    } else if is_hangul(first) {
        !is_hangul(before)
    } else {
        true
    }
}
