//! What each rule makes of its matches: a [`Spec`] (a date as written, before resolution), or a
//! rejection for text that only looks like a date (`6년 동맹`, `3일간`, `말레이시아`, `on the 3rd
//! floor`). Kept apart from the patterns ([`super::rules`]) so each can be read alone.

use regex::Captures;

use super::rules::{Direction, Spec, Verdict};
use crate::import::text::is_hangul;

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

pub(super) fn direction(caps: &Captures<'_>) -> Direction {
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

pub(super) fn read_numeric(text: &str, caps: &Captures<'_>) -> Verdict {
    if rest(text, caps).starts_with(|c: char| c.is_ascii_digit()) {
        return Verdict::Reject;
    }
    read_full(text, caps)
}

pub(super) fn read_full(_: &str, caps: &Captures<'_>) -> Verdict {
    let spec = match (int(caps, "y"), month_of(caps), int(caps, "d")) {
        (Some(y), Some(m), Some(d)) => Some((Spec::Full(y, m, d), false)),
        _ => None,
    };
    Verdict::Claim(spec)
}

pub(super) fn read_year_month(_: &str, caps: &Captures<'_>) -> Verdict {
    let spec = match (int(caps, "y"), month_of(caps)) {
        (Some(y), Some(m)) => Some((Spec::MonthOf(y, m), caps.name("q").is_some())),
        _ => None,
    };
    Verdict::Claim(spec)
}

pub(super) fn read_year_period(text: &str, caps: &Captures<'_>) -> Verdict {
    let period = caps.name("period").map_or("", |p| p.as_str());
    if period.chars().count() == 1 && !word_ends(rest(text, caps)) {
        return Verdict::Reject;
    }
    Verdict::Claim(int(caps, "y").map(|y| (Spec::YearOf(y), true)))
}

pub(super) fn read_relative_date(_: &str, caps: &Captures<'_>) -> Verdict {
    let years = relative_years(caps.name("rel").map_or("", |r| r.as_str()));
    let day = int(caps, "d").or_else(|| int(caps, "d2"));
    let spec = Spec::Relative { years, month: int(caps, "m"), day };
    Verdict::Claim(Some((spec, false)))
}

pub(super) fn read_relative_month_day(text: &str, caps: &Captures<'_>) -> Verdict {
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

pub(super) fn read_relative_period(text: &str, caps: &Captures<'_>) -> Verdict {
    let period = caps.name("period").map_or("", |p| p.as_str());
    if period.chars().count() == 1 && !word_ends(rest(text, caps)) {
        return Verdict::Reject;
    }
    let years = relative_years(caps.name("rel").map_or("", |r| r.as_str()));
    Verdict::Claim(Some((Spec::Relative { years, month: None, day: None }, true)))
}

pub(super) fn read_year(text: &str, caps: &Captures<'_>) -> Verdict {
    // `2000년대` (a decade), `2024년생` (a birth year), `2025년형` (a model year).
    if rest(text, caps).starts_with(['대', '생', '형']) {
        return Verdict::Reject;
    }
    match int::<i32>(caps, "y") {
        Some(y) if year_ok(y) => Verdict::Claim(Some((Spec::YearOf(y), caps.name("q").is_some()))),
        _ => Verdict::Reject,
    }
}

pub(super) fn read_relative_year(_: &str, caps: &Captures<'_>) -> Verdict {
    let years = relative_years(caps.name("rel").map_or("", |r| r.as_str()));
    let approx = caps.name("q").is_some();
    Verdict::Claim(Some((Spec::Relative { years, month: None, day: None }, approx)))
}

pub(super) fn read_vague(text: &str, caps: &Captures<'_>) -> Verdict {
    let word = caps.name("word").map_or("", |w| w.as_str());
    if word == "연말" && rest(text, caps).starts_with("정산") {
        return Verdict::Reject; // 연말정산, the year-end tax settlement
    }
    Verdict::Claim(Some((Spec::Relative { years: 0, month: None, day: None }, true)))
}

pub(super) fn read_month_day(_: &str, caps: &Captures<'_>) -> Verdict {
    let spec = match (month_of(caps), int(caps, "d")) {
        (Some(m), Some(d)) => Some((Spec::MonthDay(m, d, direction(caps)), false)),
        _ => None,
    };
    Verdict::Claim(spec)
}

pub(super) fn read_month(_: &str, caps: &Captures<'_>) -> Verdict {
    Verdict::Claim(month_of(caps).map(|m| (Spec::Month(m, direction(caps)), false)))
}

pub(super) fn read_relative_month(_: &str, caps: &Captures<'_>) -> Verdict {
    let Some(month) = month_of(caps) else { return Verdict::Reject };
    let rel = caps.name("rel").map_or(String::new(), |r| r.as_str().to_ascii_lowercase());
    let spec = match rel.as_str() {
        "last" => Spec::Month(month, Direction::StrictPast),
        "next" => Spec::Month(month, Direction::StrictFuture),
        _ => Spec::Relative { years: 0, month: Some(month), day: None },
    };
    Verdict::Claim(Some((spec, false)))
}

pub(super) fn read_day(text: &str, caps: &Captures<'_>) -> Verdict {
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

pub(super) fn read_on_the(text: &str, caps: &Captures<'_>) -> Verdict {
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
pub(super) fn year_ok(year: i32) -> bool {
    (1000..=2999).contains(&year)
}
