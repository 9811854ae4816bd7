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

use std::ops::Range;
use std::sync::OnceLock;

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, Months, NaiveDate};
use regex::{Captures, Regex};

use crate::date::PartialDate;

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

/// Which way a date without a year (or month) lies from the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
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
enum Spec {
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
struct Expression {
    span: Range<usize>,
    /// The date and whether it is vague; `None` for text that is a date but not a valid one
    /// (`2월 30일`), which still keeps other rules from reading parts of it.
    spec: Option<(Spec, bool)>,
}

/// What a rule makes of one of its regex matches.
enum Verdict {
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
                (Regex::new(&pattern).expect("valid built-in pattern"), reader)
            })
            .collect()
    })
}

/// Every date expression of a block, in text order.
fn find_dates(text: &str) -> Vec<Expression> {
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

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
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

fn int<T: std::str::FromStr>(caps: &Captures<'_>, name: &str) -> Option<T> {
    caps.name(name)?.as_str().parse().ok()
}

/// The text after the whole match.
fn rest<'t>(text: &'t str, caps: &Captures<'_>) -> &'t str {
    caps.get(0).map_or("", |m| &text[m.end()..])
}

fn month_number(name: &str) -> Option<u32> {
    const NAMES: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = name.to_ascii_lowercase();
    NAMES.iter().position(|n| lower.starts_with(n)).map(|i| i as u32 + 1)
}

/// The month of a match: `m` (digits) or `mon` (an English name).
fn month_of(caps: &Captures<'_>) -> Option<u32> {
    int(caps, "m").or_else(|| caps.name("mon").and_then(|m| month_number(m.as_str())))
}

fn direction(caps: &Captures<'_>) -> Direction {
    match caps.name("dir").map(|d| d.as_str()) {
        Some("지난") => Direction::Past,
        Some("오는") => Direction::Future,
        _ => Direction::Around,
    }
}

fn relative_years(word: &str) -> i32 {
    match word.trim().to_lowercase().as_str() {
        "재작년" => -2,
        "지난해" | "작년" | "last" => -1,
        "내년" | "next" => 1,
        "내후년" => 2,
        _ => 0,
    }
}

/// Whether the text after a one-syllable word (`말`, `초`) ends that word: `말까지`, `말에`, `초
/// 공개` do; `말레이시아`, `초고속`, `중국` do not.
fn word_ends(rest: &str) -> bool {
    const PARTICLES: [&str; 15] = [
        "까지", "께", "경", "쯤", "에", "엔", "부터", "으로", "로", "이", "의", "을", "는", "은",
        "도",
    ];
    match rest.chars().next() {
        Some(c) if is_hangul(c) => PARTICLES.iter().any(|p| rest.starts_with(p)),
        _ => true,
    }
}

fn read_numeric(text: &str, caps: &Captures<'_>) -> Verdict {
    if rest(text, caps).starts_with(|c: char| c.is_ascii_digit()) {
        return Verdict::Reject;
    }
    read_full(text, caps)
}

fn read_full(_: &str, caps: &Captures<'_>) -> Verdict {
    let spec = match (int(caps, "y"), month_of(caps), int(caps, "d")) {
        (Some(y), Some(m), Some(d)) => Some((Spec::Full(y, m, d), false)),
        _ => None,
    };
    Verdict::Claim(spec)
}

fn read_year_month(_: &str, caps: &Captures<'_>) -> Verdict {
    let spec = match (int(caps, "y"), month_of(caps)) {
        (Some(y), Some(m)) => Some((Spec::MonthOf(y, m), caps.name("q").is_some())),
        _ => None,
    };
    Verdict::Claim(spec)
}

fn read_year_period(text: &str, caps: &Captures<'_>) -> Verdict {
    let period = caps.name("period").map_or("", |p| p.as_str());
    if period.chars().count() == 1 && !word_ends(rest(text, caps)) {
        return Verdict::Reject;
    }
    Verdict::Claim(int(caps, "y").map(|y| (Spec::YearOf(y), true)))
}

fn read_relative_date(_: &str, caps: &Captures<'_>) -> Verdict {
    let years = relative_years(caps.name("rel").map_or("", |r| r.as_str()));
    let day = int(caps, "d").or_else(|| int(caps, "d2"));
    let spec = Spec::Relative { years, month: int(caps, "m"), day };
    Verdict::Claim(Some((spec, false)))
}

fn read_relative_month_day(text: &str, caps: &Captures<'_>) -> Verdict {
    let word: String = caps.name("mrel").map_or("", |w| w.as_str()).split_whitespace().collect();
    let day = int::<u32>(caps, "d");
    // `내달리다` (to dash) is no month.
    if day.is_none() && !word_ends(rest(text, caps)) {
        return Verdict::Reject;
    }
    let months = match word.to_lowercase().as_str() {
        "지난달" | "last" => -1,
        "다음달" | "내달" | "next" => 1,
        _ => 0,
    };
    let spec = Spec::RelativeMonth { months, day };
    Verdict::Claim(Some((spec, caps.name("q").is_some())))
}

fn read_relative_period(text: &str, caps: &Captures<'_>) -> Verdict {
    let period = caps.name("period").map_or("", |p| p.as_str());
    if period.chars().count() == 1 && !word_ends(rest(text, caps)) {
        return Verdict::Reject;
    }
    let years = relative_years(caps.name("rel").map_or("", |r| r.as_str()));
    Verdict::Claim(Some((Spec::Relative { years, month: None, day: None }, true)))
}

fn read_year(text: &str, caps: &Captures<'_>) -> Verdict {
    // `2000년대` (a decade), `2024년생` (a birth year), `2025년형` (a model year).
    if rest(text, caps).starts_with(['대', '생', '형']) {
        return Verdict::Reject;
    }
    match int::<i32>(caps, "y") {
        Some(y) if year_ok(y) => Verdict::Claim(Some((Spec::YearOf(y), caps.name("q").is_some()))),
        _ => Verdict::Reject,
    }
}

fn read_relative_year(_: &str, caps: &Captures<'_>) -> Verdict {
    let years = relative_years(caps.name("rel").map_or("", |r| r.as_str()));
    let approx = caps.name("q").is_some();
    Verdict::Claim(Some((Spec::Relative { years, month: None, day: None }, approx)))
}

fn read_vague(text: &str, caps: &Captures<'_>) -> Verdict {
    let word = caps.name("word").map_or("", |w| w.as_str());
    if word == "연말" && rest(text, caps).starts_with("정산") {
        return Verdict::Reject; // 연말정산, the year-end tax settlement
    }
    Verdict::Claim(Some((Spec::Relative { years: 0, month: None, day: None }, true)))
}

fn read_month_day(_: &str, caps: &Captures<'_>) -> Verdict {
    let spec = match (month_of(caps), int(caps, "d")) {
        (Some(m), Some(d)) => Some((Spec::MonthDay(m, d, direction(caps)), false)),
        _ => None,
    };
    Verdict::Claim(spec)
}

fn read_month(_: &str, caps: &Captures<'_>) -> Verdict {
    Verdict::Claim(month_of(caps).map(|m| (Spec::Month(m, direction(caps)), false)))
}

fn read_relative_month(_: &str, caps: &Captures<'_>) -> Verdict {
    let Some(month) = month_of(caps) else { return Verdict::Reject };
    let rel = caps.name("rel").map_or(String::new(), |r| r.as_str().to_ascii_lowercase());
    let spec = match rel.as_str() {
        "last" => Spec::Month(month, Direction::StrictPast),
        "next" => Spec::Month(month, Direction::StrictFuture),
        _ => Spec::Relative { years: 0, month: Some(month), day: None },
    };
    Verdict::Claim(Some((spec, false)))
}

fn read_day(text: &str, caps: &Captures<'_>) -> Verdict {
    let Some(day) = int::<u32>(caps, "d").filter(|d| (1..=31).contains(d)) else {
        return Verdict::Reject;
    };
    if !day_suffix_ok(rest(text, caps)) {
        return Verdict::Reject;
    }
    let direction = match direction(caps) {
        Direction::Future => Direction::Future,
        _ => Direction::Past,
    };
    Verdict::Claim(Some((Spec::Day(day, direction), false)))
}

fn read_on_the(text: &str, caps: &Captures<'_>) -> Verdict {
    const NOT_DAYS: [&str; 16] = [
        "floor",
        "anniversary",
        "century",
        "day",
        "time",
        "place",
        "round",
        "grade",
        "hole",
        "inning",
        "year",
        "week",
        "month",
        "amendment",
        "edition",
        "generation",
    ];
    let next: String = rest(text, caps)
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    if NOT_DAYS.contains(&next.as_str()) {
        return Verdict::Reject;
    }
    match int::<u32>(caps, "d").filter(|d| (1..=31).contains(d)) {
        Some(day) => Verdict::Claim(Some((Spec::Day(day, Direction::Past), false))),
        None => Verdict::Reject,
    }
}

/// Whether the text after `N일` leaves it a day of the month: `8일(현지시간)`, `1일부터`, `17일
/// 업계에 따르면` do; a duration (`3일간`, `3일째`, `8일 만에`, `8일 전`, `30일 이내`) or
/// another word (`1일본`) does not.
fn day_suffix_ok(rest: &str) -> bool {
    const ATTACHED: [&str; 20] = [
        "부터", "까지", "에", "엔", "의", "로", "이", "은", "는", "과", "와", "께", "경", "쯤",
        "자", "오전", "오후", "밤", "새벽", "저녁",
    ];
    const DURATION_ATTACHED: [&str; 4] = ["이내", "이상", "이하", "만에"];
    const DURATION_WORDS: [&str; 18] = [
        "동안", "만에", "만의", "만이", "이내", "내", "간", "전", "후", "뒤", "가량", "정도",
        "연속", "씩", "이상", "이하", "미만", "평균",
    ];
    if let Some(c) = rest.chars().next()
        && is_hangul(c)
    {
        return !DURATION_ATTACHED.iter().any(|d| rest.starts_with(d))
            && ATTACHED.iter().any(|p| rest.starts_with(p));
    }
    let word: String = rest.trim_start().chars().take_while(|&c| is_hangul(c)).collect();
    !DURATION_WORDS
        .iter()
        .any(|d| word.strip_prefix(d).is_some_and(|tail| tail.is_empty() || word_ends(tail)))
}

/// Years written as `N년` or `in N`: four digits, so `6년 동맹` is a duration.
fn year_ok(year: i32) -> bool {
    (1000..=2999).contains(&year)
}

/// The date an expression means, read against the block's reference.
fn resolve(spec: Spec, reference: Option<Reference>) -> Option<PartialDate> {
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

/// The sentences of a block, as trimmed byte ranges. A sentence ends at `.`, `?` or `!` before a
/// space, at `다.`, and at a line break; never inside quotes (`"… 아니다. … 있었다"고 말했다` is
/// one sentence), nor after an abbreviation (`Jan. 21`) or inside a number (`2025. 1. 22`).
fn sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let straight_quotes = text.matches('"').count().is_multiple_of(2);
    let curly_quotes = text.matches('“').count() == text.matches('”').count();
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut curly_depth = 0usize;
    let mut straight_open = false;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, c)| c);
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let quoted = curly_depth > 0 || straight_open;
        let after_closing_quote = |prev: Option<char>| {
            matches!(prev, Some('.' | '?' | '!')) && next.is_none_or(char::is_whitespace)
        };
        let ends = match c {
            '\n' => {
                curly_depth = 0;
                straight_open = false;
                true
            }
            '“' if curly_quotes => {
                curly_depth += 1;
                false
            }
            '”' if curly_quotes => {
                curly_depth = curly_depth.saturating_sub(1);
                curly_depth == 0 && !straight_open && after_closing_quote(prev)
            }
            '"' if straight_quotes => {
                straight_open = !straight_open;
                !straight_open && curly_depth == 0 && after_closing_quote(prev)
            }
            '.' if !quoted => period_ends_sentence(text, &chars, i),
            '?' | '!' if !quoted => next.is_none_or(char::is_whitespace),
            _ => false,
        };
        if ends {
            let end = at + c.len_utf8();
            push_trimmed(text, start..end, &mut ranges);
            start = end;
        }
    }
    push_trimmed(text, start..text.len(), &mut ranges);
    ranges
}

fn push_trimmed(text: &str, range: Range<usize>, ranges: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        ranges.push(range.start + lead..range.end - trail);
    }
}

/// Whether the period at `chars[i]` ends a sentence.
fn period_ends_sentence(text: &str, chars: &[(usize, char)], i: usize) -> bool {
    const ABBREVIATIONS: [&str; 30] = [
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mr",
        "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "vs", "No", "Gov", "Sen",
        "Rep", "Gen", "Prof",
    ];
    let prev = i.checked_sub(1).and_then(|p| chars.get(p)).map(|&(_, c)| c);
    let next = chars.get(i + 1).map(|&(_, c)| c);
    if prev == Some('다') {
        return true;
    }
    if !next.is_none_or(char::is_whitespace) {
        return false; // 2025.01.22, news1.kr, U.S.
    }
    let at = chars.get(i).map_or(0, |&(at, _)| at);
    let before = &text[..at];
    let after = text[at + 1..].trim_start();
    if before.ends_with(|c: char| c.is_ascii_digit())
        && after.starts_with(|c: char| c.is_ascii_digit())
    {
        return false; // 2025. 1. 22
    }
    let word: String = {
        let mut letters: Vec<char> =
            before.chars().rev().take_while(|c| c.is_ascii_alphabetic()).collect();
        letters.reverse();
        letters.into_iter().collect()
    };
    let initial = word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase());
    !(initial || ABBREVIATIONS.contains(&word.as_str()))
}

/// The event's text: its sentence, or for a sentence longer than [`MAX_TEXT_CHARS`] the clauses
/// (cut after `,`, `며`, `고`) around the date that fit.
fn event_text(text: &str, sentence: Range<usize>, span: &Range<usize>) -> String {
    let slice = &text[sentence.clone()];
    if slice.chars().count() <= MAX_TEXT_CHARS {
        return collapse_spaces(slice);
    }
    // Clause boundaries, relative to the sentence: after `, ` and after `며 `/`고 ` ending a word.
    let mut cuts = vec![0];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next_is_space = chars.get(i + 1).is_some_and(|&(_, n)| n.is_whitespace());
        let prev_hangul =
            i.checked_sub(1).and_then(|p| chars.get(p)).is_some_and(|&(_, p)| is_hangul(p));
        if next_is_space && (c == ',' || ((c == '며' || c == '고') && prev_hangul)) {
            cuts.push(at + c.len_utf8());
        }
    }
    cuts.push(slice.len());
    cuts.dedup();
    let pieces: Vec<Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).collect();
    let start = span.start.saturating_sub(sentence.start);
    let end = span.end.saturating_sub(sentence.start).max(start + 1);
    let first = pieces.iter().position(|p| p.contains(&start)).unwrap_or(0);
    let last = pieces.iter().rposition(|p| p.start < end).unwrap_or(first).max(first);
    let width = |a: usize, b: usize| slice[pieces[a].start..pieces[b].end].chars().count();
    let (mut a, mut b) = (first, last);
    if width(a, b) > MAX_TEXT_CHARS {
        return hard_cut(slice, start);
    }
    while a > 0 && width(a - 1, b) <= MAX_TEXT_CHARS {
        a -= 1;
    }
    while b + 1 < pieces.len() && width(a, b + 1) <= MAX_TEXT_CHARS {
        b += 1;
    }
    let clause = slice[pieces[a].start..pieces[b].end].trim().trim_end_matches(',').trim_end();
    collapse_spaces(clause)
}

/// The part of `sentence` within [`MAX_TEXT_CHARS`] + 1 characters of the date. Nothing further
/// can be in the event's text, so [`event_text`] gives the same text for it as for the whole
/// sentence, in time that does not grow with the sentence: one paragraph of thousands of dates
/// would otherwise cost the square of its length (see: #18).
fn window(text: &str, sentence: &Range<usize>, span: &Range<usize>) -> Range<usize> {
    let reach = MAX_TEXT_CHARS + 1;
    let start = text
        .get(sentence.start..span.start)
        .and_then(|before| before.char_indices().rev().nth(reach - 1))
        .map_or(sentence.start, |(at, _)| sentence.start + at);
    let end = text
        .get(span.end..sentence.end)
        .and_then(|after| after.char_indices().nth(reach))
        .map_or(sentence.end, |(at, _)| span.end + at);
    start..end
}

/// [`MAX_TEXT_CHARS`] characters around the date, for a clause too long to keep whole.
fn hard_cut(slice: &str, date_at: usize) -> String {
    let before = slice[..date_at].chars().count();
    let skip = before.saturating_sub(MAX_TEXT_CHARS / 4);
    let cut: String = slice.chars().skip(skip).take(MAX_TEXT_CHARS).collect();
    collapse_spaces(cut.trim())
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use EventSource::{Body, Caption};

    fn day(y: i32, m: u32, d: u32) -> PartialDate {
        PartialDate::Day(NaiveDate::from_ymd_opt(y, m, d).expect("valid test date"))
    }

    fn published(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// The seed article's publication day.
    fn seed_day() -> Option<NaiveDate> {
        published(2025, 8, 17)
    }

    /// The dates found in one body paragraph of an article of `on`.
    fn dates(text: &str, on: Option<NaiveDate>) -> Vec<PartialDate> {
        extract_events(&[(Body, text)], on).into_iter().map(|e| e.date).collect()
    }

    fn events(text: &str, on: Option<NaiveDate>) -> Vec<ExtractedEvent> {
        extract_events(&[(Body, text)], on)
    }

    /// The seed's paragraphs and captions as the importer sees them: tags stripped, the
    /// glossary box dropped.
    fn seed_blocks() -> Vec<(EventSource, String)> {
        use scraper::{Html, Selector};
        let page = include_str!("../../tests/fixtures/seed/000_e94aa386e9de23ea.txt");
        let document = Html::parse_document(page);
        let selector =
            Selector::parse("div.article_view p, div.article_view figcaption").expect("selector");
        document
            .select(&selector)
            .filter_map(|element| {
                let text = collapse_spaces(&element.text().collect::<String>());
                let source = if element.value().name() == "figcaption" { Caption } else { Body };
                (!text.is_empty() && !text.contains("용어설명")).then_some((source, text))
            })
            .collect()
    }

    #[test]
    fn seed_article_events() {
        let blocks = seed_blocks();
        assert!(blocks.len() > 10, "{blocks:?}");
        let borrowed: Vec<(EventSource, &str)> =
            blocks.iter().map(|(s, t)| (*s, t.as_str())).collect();
        let events = extract_events(&borrowed, seed_day());
        let summary: Vec<(PartialDate, bool, EventSource)> =
            events.iter().map(|e| (e.date, e.approx, e.source)).collect();
        assert_eq!(
            summary,
            vec![
                (day(2023, 10, 12), false, Caption),
                (PartialDate::Month(2024, 3), false, Body),
                (PartialDate::Year(2025), true, Body),
                (day(2025, 1, 21), false, Caption),
                (day(2025, 8, 8), false, Body),
            ],
            "{events:#?}"
        );
        let phrases = [
            "뉴욕서 열린 언론 행사",
            "무스타파 술래이만을 영입",
            "MAI 모델을 API 형태로 공개",
            "워싱턴 백악관에서 열린",
            "CNBC와 인터뷰에서",
        ];
        for (event, phrase) in events.iter().zip(phrases) {
            assert!(event.text.contains(phrase), "{phrase} not in {event:?}");
        }
        // The photo's own date is the caption's reference, not part of the event.
        assert!(!events[3].text.contains("2025.01.22"), "{:?}", events[3]);
        // The quote inside the sentence does not cut it.
        assert!(events[4].text.ends_with("긍정적인 진전이 있었다\"고 말했다."), "{:?}", events[4]);
    }

    #[test]
    fn korean_and_numeric_full_dates() {
        let on = seed_day();
        for sentence in [
            "사진은 2023년 10월12일 뉴욕서 열린 언론 행사에서 발언하는 모습.",
            "사진은 2023년 10월 12일 뉴욕서 열린 언론 행사에서 발언하는 모습.",
            "사진은 2023.10.12 뉴욕서 열린 언론 행사에서 발언하는 모습.",
            "사진은 2023-10-12 뉴욕서 열린 언론 행사에서 발언하는 모습.",
            "사진은 2023/10/12 뉴욕서 열린 언론 행사에서 발언하는 모습.",
            "사진은 2023. 10. 12 뉴욕서 열린 언론 행사에서 발언하는 모습.",
        ] {
            let found = events(sentence, on);
            assert_eq!(found.len(), 1, "{sentence}: {found:?}");
            assert_eq!(found[0].date, day(2023, 10, 12), "{sentence}");
            assert_eq!(found[0].text, sentence);
            assert!(!found[0].approx);
            // Full dates need no publication date.
            assert_eq!(dates(sentence, None), vec![day(2023, 10, 12)], "{sentence}");
        }
    }

    #[test]
    fn english_dates_next_to_non_ascii_text() {
        let found = dates("“The deal,” he said on March 5, 2024, “is done.” 지난해 10월", None);
        assert_eq!(found, vec![day(2024, 3, 5)]);
        let quoted = dates("It began ‘last year’ in Seoul.", published(2025, 8, 17));
        assert_eq!(quoted, vec![PartialDate::Year(2024)]);
    }

    #[test]
    fn english_full_dates() {
        for sentence in [
            "Altman watched Trump's press conference at the White House on Jan. 21, 2025.",
            "Altman watched Trump's press conference at the White House on January 21, 2025.",
            "Altman watched Trump's press conference at the White House on January 21st, 2025.",
            "Altman watched Trump's press conference at the White House on 21 January 2025.",
        ] {
            let found = events(sentence, None);
            assert_eq!(found.len(), 1, "{sentence}: {found:?}");
            assert_eq!(found[0].date, day(2025, 1, 21), "{sentence}");
            assert_eq!(found[0].text, sentence, "the abbreviation does not end the sentence");
        }
    }

    #[test]
    fn months_with_their_year() {
        let caption =
            "마이크로소프트는 2024년 3월 MS 술레이만을 소비자 부문 AI 사업 총괄로 영입했다.";
        assert_eq!(dates(caption, None), vec![PartialDate::Month(2024, 3)]);
        for sentence in [
            "Microsoft hired Mustafa Suleyman in March 2024 to lead its consumer AI business.",
            "Microsoft hired Mustafa Suleyman in Mar. 2024 to lead its consumer AI business.",
        ] {
            assert_eq!(dates(sentence, None), vec![PartialDate::Month(2024, 3)], "{sentence}");
        }
        let early = events("Microsoft began training MAI-1 in early March 2024.", None);
        assert_eq!(early[0].date, PartialDate::Month(2024, 3));
        assert!(early[0].approx);
    }

    #[test]
    fn years_alone_but_never_durations() {
        assert_eq!(
            dates("MS는 2024년 구글 딥마인드를 공동 창업한 무스타파 술래이만을 영입했다.", None),
            vec![PartialDate::Year(2024)]
        );
        assert_eq!(
            dates("Microsoft hired Mustafa Suleyman in 2024.", None),
            vec![PartialDate::Year(2024)]
        );
        let on = seed_day();
        for sentence in [
            "마이크로소프트(MS)와 오픈AI 간 '6년 동맹'이 경쟁적 협력 관계로 전환됐다.",
            "MS는 10년간 오픈AI와 협력해 왔다.",
            "양사는 3개월 동안 협상했다.",
            "2000년대 초 닷컴 거품과 닮았다는 분석이 나온다.",
            "The 2024 model was trained on Azure.",
            "Microsoft and OpenAI ended a six-year alliance; 2024 was the turning point.",
        ] {
            assert_eq!(dates(sentence, on), vec![], "{sentence}");
        }
    }

    #[test]
    fn relative_years_and_months() {
        let on = seed_day();
        let cases: [(&str, PartialDate); 13] = [
            (
                "MS는 지난해 3월 구글 딥마인드를 공동 창업한 무스타파 술래이만을 영입해 신규 AI 모델(MAI-1 등)을 개발·훈련해 왔다.",
                PartialDate::Month(2024, 3),
            ),
            ("MS는 작년 3월 무스타파 술래이만을 영입했다.", PartialDate::Month(2024, 3)),
            ("MS는 지난해 무스타파 술래이만을 영입했다.", PartialDate::Year(2024)),
            ("MS는 작년 무스타파 술래이만을 영입했다.", PartialDate::Year(2024)),
            ("오픈AI는 올해 3월 MS와 협상을 시작했다.", PartialDate::Month(2025, 3)),
            ("오픈AI는 올해 PBC 전환을 마무리할 계획이다.", PartialDate::Year(2025)),
            ("MS는 내년 MAI 모델을 API 형태로 공개할 예정이다.", PartialDate::Year(2026)),
            ("MS는 지난해 3월 5일 술래이만을 영입했다.", day(2024, 3, 5)),
            ("Microsoft hired Mustafa Suleyman last year.", PartialDate::Year(2024)),
            ("OpenAI wants to finish its PBC conversion this year.", PartialDate::Year(2025)),
            ("Microsoft will release MAI as an API next year.", PartialDate::Year(2026)),
            ("Microsoft hired Mustafa Suleyman last March.", PartialDate::Month(2025, 3)),
            ("Microsoft renewed the deal last September.", PartialDate::Month(2024, 9)),
        ];
        for (sentence, expected) in cases {
            assert_eq!(dates(sentence, on), vec![expected], "{sentence}");
            // Relative dates mean nothing without the article's date.
            assert_eq!(dates(sentence, None), vec![], "{sentence}");
        }
    }

    #[test]
    fn months_and_days_without_a_year() {
        let on = seed_day();
        assert_eq!(dates("MS는 3월 5일 술래이만을 영입했다.", on), vec![day(2025, 3, 5)]);
        assert_eq!(
            dates("MS는 지난 3월 술래이만을 영입했다.", on),
            vec![PartialDate::Month(2025, 3)]
        );
        assert_eq!(dates("새 약관은 오는 9월 1일 시행된다.", on), vec![day(2025, 9, 1)]);
        assert_eq!(dates("MS는 오는 10월 MAI를 공개한다.", on), vec![PartialDate::Month(2025, 10)]);
        // Reports look back further than ahead: in August, January is this year's (`1~3월`), and
        // so is December.
        assert_eq!(
            dates("1~3월 MS 클라우드 실적이 개선됐다.", on),
            vec![PartialDate::Month(2025, 1)]
        );
        assert_eq!(dates("Trump held a press conference on Jan. 21.", on), vec![day(2025, 1, 21)]);
        assert_eq!(dates("MS는 12월 MAI를 공개한다.", on), vec![PartialDate::Month(2025, 12)]);
        // In January, December is last year's.
        let january = published(2025, 1, 5);
        assert_eq!(dates("양사는 12월 3일 협상을 재개했다.", january), vec![day(2024, 12, 3)]);
        assert_eq!(
            dates("양사는 12월 협상을 재개했다.", january),
            vec![PartialDate::Month(2024, 12)]
        );
        assert_eq!(dates("Talks resumed on Dec. 3 in Redmond.", january), vec![day(2024, 12, 3)]);
    }

    #[test]
    fn days_of_the_month() {
        let on = seed_day();
        let found = events(
            "올트먼은 8일(현지시간) CNBC와 인터뷰에서 AGI 용어와 관련 \"점점 의미를 잃어가고 있다\"며 \"그다지 유용한 용어가 아니다. MS와 논의에선 긍정적인 진전이 있었다\"고 말했다.",
            on,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].date, day(2025, 8, 8));
        assert_eq!(
            dates("Altman told CNBC on the 8th that AGI is losing its meaning.", on),
            vec![day(2025, 8, 8)]
        );
        // A day after the article's own is last month's.
        assert_eq!(
            dates(
                "샘 올트먼 오픈AI CEO가 21일(현지시간) 워싱턴 백악관에서 열린 기자회견에 참석했다.",
                on
            ),
            vec![day(2025, 7, 21)]
        );
        // … also across a year.
        assert_eq!(
            dates("샘 올트먼 오픈AI CEO가 28일(현지시간) 백악관을 찾았다.", published(2025, 1, 5)),
            vec![day(2024, 12, 28)]
        );
        // … unless the text says it is to come.
        assert_eq!(dates("양사는 오는 21일 협상을 재개한다.", on), vec![day(2025, 8, 21)]);
        // The article's own day in the reporting formula is no event.
        assert_eq!(
            dates(
                "17일 IT 업계에 따르면 MS가 독자 개발한 AI 모델 MAI(마이) 성능이 내부 테스트에서 오픈AI·앤트로픽의 최신 모델에 근접한 것으로 전해졌다.",
                on
            ),
            vec![]
        );
        assert_eq!(dates("Microsoft said on the 17th that MAI is ready.", on), vec![]);
        // Days need the article's date.
        assert_eq!(dates("올트먼은 8일(현지시간) CNBC와 인터뷰했다.", None), vec![]);
    }

    #[test]
    fn months_counted_from_the_article() {
        // From the example site's 2025-06-04 article.
        let on = published(2025, 6, 4);
        assert_eq!(
            dates("지난달 1일 열린 상고심에선 대법원이 해당 사건을 유죄 취지로 파기환송했다.", on),
            vec![day(2025, 5, 1)]
        );
        assert_eq!(
            dates("사법부는 파기환송심 공판을 대선 이후인 이달 18일로 연기했다.", on),
            vec![day(2025, 6, 18)]
        );
        assert_eq!(
            dates("지난해 12·3 비상계엄은 이 당선인의 입지를 강화하는 결정적 계기가 됐다.", on),
            vec![day(2024, 12, 3)]
        );
        assert_eq!(
            dates("MS는 지난달 MAI 모델을 공개했다.", seed_day()),
            vec![PartialDate::Month(2025, 7)]
        );
        assert_eq!(
            dates("MS는 내달 MAI 모델을 공개한다.", seed_day()),
            vec![PartialDate::Month(2025, 9)]
        );
        assert_eq!(
            dates("OpenAI released GPT-5 earlier this month.", seed_day()),
            vec![PartialDate::Month(2025, 8)]
        );
        // `내달리다` (to dash) is no month; a `M·D` name without a year (`6·3 대선`) is no date.
        assert_eq!(dates("MS는 독자 노선으로 내달렸다.", seed_day()), vec![]);
        assert_eq!(dates("6·3 대통령선거 공식 선거운동이 시작됐다.", on), vec![]);
    }

    #[test]
    fn a_caption_is_dated_by_its_trailing_date() {
        let caption = "손정의 소프트뱅크 회장과 래리 엘리슨 오라클 회장, 샘 올트먼 오픈AI CEO가 21일(현지시간) 워싱턴 백악관에서 열린 도널드 트럼프 미국 대통령의 기자회견을 지켜 보고 있다. 2025.01.22";
        for text in [caption.to_owned(), format!("{caption} ⓒ AFP=뉴스1 ⓒ News1 우동명 기자")]
        {
            for on in [seed_day(), None] {
                let found = extract_events(&[(Caption, &text)], on);
                assert_eq!(found.len(), 1, "{found:?}");
                assert_eq!(found[0].date, day(2025, 1, 21));
                assert_eq!(found[0].source, Caption);
                assert!(found[0].text.ends_with("지켜 보고 있다."), "{:?}", found[0]);
            }
        }
        // A caption's label may stand before its date.
        let label = "사티야 나델라 MS CEO 2025.01.22 ⓒ AFP=뉴스1";
        assert_eq!(extract_events(&[(Caption, label)], seed_day()), vec![]);
        // In a paragraph, only a date after a finished sentence is the reference.
        assert_eq!(
            dates("MS는 2025.01.22 ⓒ 표시가 붙은 보도자료를 냈다.", None),
            vec![day(2025, 1, 22)]
        );
        let paragraph =
            "샘 올트먼 오픈AI CEO가 21일(현지시간) 기자회견을 지켜 보고 있다. 2025.01.22";
        assert_eq!(dates(paragraph, seed_day()), vec![day(2025, 1, 21)]);
        // A date inside the sentence is an event, not the reference.
        let inside =
            "사진은 2023년 10월12일 뉴욕서 열린 언론 행사에서 발언하는 모습. ⓒ 로이터=뉴스1";
        assert_eq!(dates(inside, seed_day()), vec![day(2023, 10, 12)]);
    }

    #[test]
    fn vague_periods_are_approximate() {
        let on = seed_day();
        let cases: [(&str, PartialDate); 9] = [
            (
                "업계와 보고서에 따르면 MS는 연내 MAI 모델을 API 형태로 공개할 것으로 점쳐지고 있다.",
                PartialDate::Year(2025),
            ),
            ("MS는 연말 MAI 모델을 공개할 것으로 보인다.", PartialDate::Year(2025)),
            ("MS는 하반기 MAI 모델을 공개할 것으로 보인다.", PartialDate::Year(2025)),
            ("MS는 상반기 MAI 모델을 시험했다.", PartialDate::Year(2025)),
            ("MS는 지난해 하반기 MAI 개발에 착수했다.", PartialDate::Year(2024)),
            ("MS는 내년 초 MAI를 공개한다.", PartialDate::Year(2026)),
            ("MS는 2024년 상반기 술래이만을 영입했다.", PartialDate::Year(2024)),
            ("Microsoft hired Mustafa Suleyman in early 2024.", PartialDate::Year(2024)),
            ("Microsoft will open MAI to developers in late 2025.", PartialDate::Year(2025)),
        ];
        for (sentence, expected) in cases {
            let found = events(sentence, on);
            assert_eq!(found.len(), 1, "{sentence}: {found:?}");
            assert_eq!(found[0].date, expected, "{sentence}");
            assert!(found[0].approx, "{sentence}");
        }
        // `최근` is no date; `올해 말레이시아` is this year, not its end.
        assert_eq!(
            dates(
                "최근엔 'o 시리즈'처럼 '생각 사슬'(chain-of-thought) 기법을 활용한 추론 모델도 별도 개발했다.",
                on
            ),
            vec![]
        );
        let malaysia = events("MS는 올해 말레이시아에 데이터센터를 연다.", on);
        assert_eq!((malaysia[0].date, malaysia[0].approx), (PartialDate::Year(2025), false));
    }

    #[test]
    fn numbers_that_are_not_dates() {
        let on = seed_day();
        for sentence in [
            "MS는 그간 최대 투자사(약 137억 5000만 달러·약 19조 원) 지위로 오픈AI의 지식재산권(IP) 독점 접근 권한을 보유해 왔다.",
            "오픈AI는 MS에 지급하는 수익배분을 현재 20%에서 10%로 축소를 원하고 있다.",
            "MS는 오히려 현재보다 높은 30~35% 지분을 요구하는 것으로 전해진다.",
            "MS 내부에선 MAI를 자사 플랫폼(MS 365 코파일럿·깃허브 코파일럿·애저 클라우드 등) 전반에 연계하는 테스트 등 수직통합 전략도 추진하고 있다.",
            "MS는 한편으론 'GPT-5'가 출시되자 즉각 핵심 플랫폼에 통합했다.",
            "업계 관계자는 \"수 주 내 합의가 이뤄질 것이란 전망이 나온다\"고 말했다.",
            "협상은 3일간 이어졌다.",
            "협상은 8일 만에 타결됐다.",
            "올트먼은 3일 전 CNBC와 인터뷰했다.",
            "합의는 30일 이내 발표된다.",
            "한·일 정상은 1일본 회의에서 만났다.",
            "7일 평균 이용자가 늘었다.",
            "Altman met Nadella on the 8th floor of the building.",
        ] {
            assert_eq!(dates(sentence, on), vec![], "{sentence}");
        }
    }

    #[test]
    fn body_and_caption_telling_one_fact_merge() {
        let body = "MS는 지난해 3월 구글 딥마인드를 공동 창업한 무스타파 술래이만을 영입해 신규 AI 모델(MAI-1 등)을 개발·훈련해 왔다.";
        let caption = "무스타파 술레이만 인플렉션AI 최고경영자(CEO). 마이크로소프트는 2024년 3월 MS 술레이만을 소비자 부문 AI 사업 총괄로 영입했다.";
        for blocks in [[(Caption, caption), (Body, body)], [(Body, body), (Caption, caption)]] {
            let found = extract_events(&blocks, seed_day());
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(found[0].date, PartialDate::Month(2024, 3));
            assert_eq!(found[0].source, Body);
            assert_eq!(found[0].text, body);
        }
        // The same sentence read twice is one event.
        let twice = extract_events(&[(Body, body), (Body, body)], seed_day());
        assert_eq!(twice.len(), 1);
    }

    #[test]
    fn events_are_in_chronological_order() {
        let text = "올트먼은 8일(현지시간) CNBC와 인터뷰했다. MS는 지난해 3월 술래이만을 영입했다. MS는 연내 MAI를 공개한다. 사진은 2023년 10월12일 모습.";
        let found = dates(text, seed_day());
        assert_eq!(
            found,
            vec![
                day(2023, 10, 12),
                PartialDate::Month(2024, 3),
                PartialDate::Year(2025),
                day(2025, 8, 8)
            ]
        );
        // Equal dates keep their order in the text.
        let found = events("MS는 연내 MAI를 공개한다. 오픈AI도 올해 PBC로 전환한다.", seed_day());
        assert_eq!(found.len(), 2);
        assert!(found[0].text.starts_with("MS는"));
        // Each event has its own sentence.
        assert_eq!(found[1].text, "오픈AI도 올해 PBC로 전환한다.");
    }

    #[test]
    fn invalid_dates_are_ignored() {
        let on = seed_day();
        assert_eq!(dates("양사는 2월 30일 협상을 재개했다.", on), vec![]);
        assert_eq!(dates("양사는 2025년 2월 30일 협상을 재개했다.", on), vec![]);
        assert_eq!(dates("양사는 2025.13.01 협상을 재개했다.", on), vec![]);
        assert_eq!(dates("양사는 13월 협상을 재개했다.", on), vec![]);
        assert_eq!(dates("Talks resumed on February 30, 2025.", on), vec![]);
        assert_eq!(dates("양사는 0일 협상을 재개했다. 99일 후 끝났다.", on), vec![]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let on = seed_day();
        for text in [
            "",
            " ",
            "\n\n",
            "🎉🎉🎉",
            "12345 678 9",
            "년월일",
            "일",
            "2024년",
            "0일 99일 2024년 0월 9999.99.99",
            "\"unbalanced “quote. 8일",
            "다.다.다.",
            "on the 31st",
            ". . .",
            "지난해",
        ] {
            let _ = extract_events(&[(Body, text), (Caption, text)], on);
            let _ = extract_events(&[(Caption, text)], None);
        }
        assert!(extract_events(&[], on).is_empty());
        // A caption that is only a date has no event.
        assert!(extract_events(&[(Caption, "2025.01.22")], on).is_empty());
    }

    #[test]
    fn long_sentences_are_cut_at_clause_boundaries() {
        let filler = "MS 내부에선 MAI를 자사 플랫폼 전반에 연계하는 테스트 등 수직통합 전략도 추진하고 있으며, ";
        let text = format!(
            "{}올트먼은 8일(현지시간) CNBC와 인터뷰에서 긍정적인 진전이 있었다고 말했으며, {}끝났다.",
            filler.repeat(3),
            filler.repeat(3)
        );
        let found = events(&text, seed_day());
        assert_eq!(found.len(), 1);
        let event = &found[0];
        assert!(event.text.chars().count() <= MAX_TEXT_CHARS, "{event:?}");
        assert!(event.text.contains("올트먼은 8일(현지시간) CNBC와 인터뷰에서"), "{event:?}");
        assert!(!event.text.ends_with(','), "{event:?}");
        // One clause longer than the limit is cut around the date.
        let long = format!("{}올트먼은 8일 인터뷰했다.", "가".repeat(400));
        let found = events(&long, seed_day());
        assert!(found[0].text.contains("8일"), "{found:?}");
        assert!(found[0].text.chars().count() <= MAX_TEXT_CHARS);
    }

    #[test]
    fn sources_are_named() {
        assert_eq!(Body.as_str(), "body");
        assert_eq!(Caption.as_str(), "caption");
    }
}
