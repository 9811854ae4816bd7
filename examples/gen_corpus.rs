//! gloss's benchmark corpus: N synthetic annotated news articles, the same text written in
//! gloss's layout and in Hugo's, so the two tools build identical content side by side.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles 10000 --format gloss --out DIR
//! cargo run --release --example gen_corpus -- --articles 10000 --format hugo --out DIR
//! ```
//!
//! What an article looks like, and why:
//! - 550 to 1,350 words of prose, about 60 % Korean sentences (nouns with particles, a verb at
//!   the end, now and then an English word in brackets) and 40 % English, so Markdown, slugs and
//!   glossary matching see both scripts in the proportions of a Korean news archive;
//! - three to six sections with headings, one list, one quote, one outbound link and one image,
//!   so every Markdown construct the default theme styles is on the hot path;
//! - front matter with title, date, 2–5 tags (of 40), author, source, summary, a glossary of 2–4
//!   terms (of 32, Korean and English, one with a space) that also occur in the lead paragraph,
//!   and a timeline of 2–5 dated events before the article's date.
//!
//! Deterministic: article `i` depends only on `--seed` and `i`, so the first 1,000 articles of a
//! 10,000-article corpus are the 1,000-article corpus. The generator uses its own small PRNG
//! (SplitMix64) rather than a crate, so a crate upgrade can never change the corpus.
//!
//! Hugo's site skeleton (config and minimal layouts equivalent to `bench/minimal/` for gloss)
//! is copied from `bench/hugo-site/`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

const KO_NOUNS: &[&str] = &[
    "정부",
    "국회",
    "시장",
    "기업",
    "은행",
    "가계",
    "수출",
    "수입",
    "물가",
    "금리",
    "환율",
    "증시",
    "채권",
    "예산",
    "세수",
    "지방",
    "도시",
    "농촌",
    "청년",
    "노인",
    "학교",
    "대학",
    "병원",
    "의사",
    "간호사",
    "환자",
    "연구진",
    "과학자",
    "위성",
    "발사체",
    "원자로",
    "전력망",
    "배터리",
    "반도체",
    "공장",
    "항구",
    "철도",
    "공항",
    "도로",
    "주택",
    "전세",
    "월세",
    "재건축",
    "인구",
    "출생",
    "이민",
    "노조",
    "임금",
    "고용",
    "실업",
    "복지",
    "연금",
    "보험",
    "기후",
    "폭우",
    "가뭄",
    "산불",
    "태풍",
    "미세먼지",
    "탄소",
    "수소",
    "바다",
    "어민",
    "농민",
    "법원",
    "검찰",
    "경찰",
    "헌법",
    "선거",
    "정당",
    "여론",
    "외교",
    "동맹",
    "국방",
    "군사",
    "통일",
    "관광",
    "영화",
    "음악",
    "출판",
    "언론",
    "플랫폼",
    "데이터",
    "알고리즘",
    "로봇",
];
/// Particles that take one form after a final consonant (받침) and another after a vowel.
const KO_PAIRED_PARTICLES: &[(&str, &str)] =
    &[("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("으로", "로")];
/// Particles with one form.
const KO_PARTICLES: &[&str] = &["의", "에", "에서", "도", "만", ""];
const KO_VERBS: &[&str] = &[
    "밝혔다",
    "설명했다",
    "전했다",
    "내다봤다",
    "강조했다",
    "주장했다",
    "반박했다",
    "예상된다",
    "이어진다",
    "계속됐다",
    "확인됐다",
    "늘었다",
    "줄었다",
    "멈췄다",
    "시작됐다",
    "발표할 계획이다",
    "검토 중이다",
    "논란이 됐다",
    "관심을 모은다",
    "목소리를 높였다",
];
const KO_OPENERS: &[&str] =
    &["한편", "하지만", "게다가", "결국", "당초", "이날", "그동안", "앞서", "이와 함께", "다만"];
const EN_WORDS: &[&str] = &[
    "ministers",
    "debated",
    "a",
    "the",
    "plan",
    "to",
    "expand",
    "regional",
    "rail",
    "links",
    "while",
    "lenders",
    "tightened",
    "credit",
    "for",
    "small",
    "firms",
    "as",
    "exports",
    "slowed",
    "and",
    "households",
    "faced",
    "higher",
    "bills",
    "after",
    "storms",
    "damaged",
    "grid",
    "lines",
    "across",
    "southern",
    "provinces",
    "researchers",
    "said",
    "new",
    "chips",
    "could",
    "cut",
    "power",
    "use",
    "by",
    "half",
    "in",
    "data",
    "centres",
    "unions",
    "called",
    "wage",
    "talks",
    "over",
    "weekend",
    "voters",
    "weigh",
    "housing",
    "costs",
    "against",
    "pension",
    "reform",
    "officials",
    "promised",
    "review",
    "of",
    "coastal",
    "defences",
];
const KO_HEADINGS: &[&str] =
    &["무슨 일이", "쟁점은", "숫자로 본", "엇갈린 반응", "남은 과제", "현장에서", "앞으로는"];
const EN_HEADINGS: &[&str] =
    &["The story so far", "What is at stake", "In numbers", "Reactions", "Next steps", "On site"];
const TAGS: &[&str] = &[
    "정치",
    "경제",
    "사회",
    "국제",
    "과학",
    "기후",
    "교육",
    "문화",
    "노동",
    "주거",
    "에너지",
    "의료",
    "외교",
    "금융",
    "산업",
    "지역",
    "법조",
    "교통",
    "국방",
    "미디어",
    "politics",
    "economy",
    "society",
    "world",
    "science",
    "climate",
    "education",
    "culture",
    "labour",
    "housing",
    "energy",
    "health",
    "diplomacy",
    "markets",
    "industry",
    "regions",
    "courts",
    "transport",
    "defence",
    "media",
];
const SOURCES: &[&str] = &[
    "아침신문 (Morning Paper)",
    "Han Valley Times",
    "바다방송",
    "Peninsula Newswire",
    "새날경제",
    "Capital Observer",
    "고을일보",
    "North Star Review",
    "누리TV",
    "City Desk",
];
const KO_FAMILY: &[&str] =
    &["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오"];
const KO_GIVEN: &[&str] = &["가", "나", "다", "라", "민", "솔", "결", "온", "별", "빛", "찬", "율"];
const EN_FIRST: &[&str] = &["Sam", "Robin", "Kit", "Lee", "Noor", "Ari", "Jo", "Dani"];
const EN_LAST: &[&str] = &["Han", "Baek", "Moon", "Seo", "Grant", "Okafor", "Novak", "Reyes"];
const GLOSSARY: &[(&str, &str)] = &[
    (
        "기준금리",
        "한국은행이 물가와 경기를 보며 정하는 정책 금리. The Bank of Korea's policy rate.",
    ),
    ("전세", "큰 보증금을 맡기고 매달 임대료 없이 집을 빌리는 방식."),
    ("재건축", "낡은 아파트 단지를 헐고 새로 짓는 사업."),
    ("합계출산율", "여성 한 명이 평생 낳을 것으로 예상되는 아이 수."),
    ("탄소국경세", "수입품의 탄소 배출량에 따라 매기는 관세 (carbon border tax)."),
    ("전력망", "발전소에서 가정까지 전기를 보내는 송전·배전 설비."),
    ("반도체", "전기가 통하는 정도를 조절할 수 있는 소재와 그것으로 만든 칩."),
    ("미세먼지", "지름 10㎛ 이하의 먼지. Fine dust."),
    ("연금개혁", "연금의 보험료와 받는 돈을 바꾸는 제도 개편."),
    ("최저임금", "법으로 정한 시간당 임금의 하한."),
    ("공매도", "갖고 있지 않은 주식을 빌려 파는 거래 (short selling)."),
    ("수소경제", "수소를 주요 에너지원으로 쓰는 경제 구조."),
    ("국정감사", "국회가 해마다 정부 기관의 일을 살피는 제도."),
    ("지역소멸", "인구가 줄어 지역 공동체가 사라질 위기에 놓이는 현상."),
    ("플랫폼 노동", "앱으로 일감을 받아 일하는 노동 형태."),
    ("가계부채", "가정이 진 빚의 총액. Household debt."),
    ("inflation", "Prices rising across the economy. 물가 상승."),
    ("bond yield", "The return an investor earns on a bond. 채권 수익률."),
    ("recession", "Two quarters of shrinking output in a row. 경기 침체."),
    ("tariff", "A tax on goods crossing a border. 관세."),
    ("heat dome", "High pressure that traps hot air for days. 열돔."),
    ("by-election", "A vote to fill a seat between general elections. 보궐선거."),
    ("gerrymander", "Drawing districts to favour one party. 게리맨더링."),
    ("grid", "The network that carries electricity. 전력망."),
    ("chipmaker", "A company that makes semiconductors. 반도체 기업."),
    ("data centre", "A building full of servers. 데이터 센터."),
    ("stimulus", "Public spending meant to lift demand. 경기 부양책."),
    ("austerity", "Cutting public spending to reduce debt. 긴축."),
    ("ceasefire", "An agreement to stop fighting. 휴전."),
    ("sanctions", "Penalties one state imposes on another. 제재."),
    ("AI", "Artificial intelligence. 인공지능."),
    ("ESG", "Environmental, social and governance criteria. 환경·사회·지배구조."),
];

/// SplitMix64: a tiny, well-mixed generator; enough for synthetic text and fully reproducible.
struct Rng(u64);

impl Rng {
    fn for_article(seed: u64, index: u64) -> Rng {
        let mut rng = Rng(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next(); // Decorrelate neighbouring indexes.
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() % (high - low + 1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }

    /// `count` distinct items, in the order drawn.
    fn sample<'a, T>(&mut self, items: &'a [T], count: usize) -> Vec<&'a T> {
        let mut indexes: Vec<usize> = (0..items.len()).collect();
        (0..count.min(items.len()))
            .map(|k| {
                let chosen = self.range(k, indexes.len() - 1);
                indexes.swap(k, chosen);
                &items[indexes[k]]
            })
            .collect()
    }
}

/// One generated article, before it is written in a layout.
struct Article {
    slug: String,
    title: String,
    date: Date,
    tags: Vec<&'static str>,
    author: String,
    source: &'static str,
    summary: String,
    glossary: Vec<(&'static str, &'static str)>,
    timeline: Vec<(Date, String)>,
    body: String,
}

/// A calendar day, as days since 1970-01-01 (enough arithmetic for "n days before").
#[derive(Clone, Copy)]
struct Date(i64);

impl Date {
    /// Howard Hinnant's civil-from-days algorithm.
    fn ymd(self) -> (i64, i64, i64) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }

    fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }
}

fn korean_sentence(rng: &mut Rng) -> String {
    let mut words = Vec::new();
    if rng.chance(30) {
        words.push(rng.pick(KO_OPENERS).to_string());
    }
    for _ in 0..rng.range(4, 10) {
        let noun = rng.pick(KO_NOUNS);
        let particle = particle_after(noun, rng);
        if rng.chance(7) {
            words.push(format!("{noun}({}){particle}", rng.pick(EN_WORDS)));
        } else {
            words.push(format!("{noun}{particle}"));
        }
    }
    words.push(format!("{}.", rng.pick(KO_VERBS)));
    words.join(" ")
}

/// A particle that agrees with the noun: 정부가, 시장이, 정부로, 시장으로, 서울로 (after ㄹ).
fn particle_after(noun: &str, rng: &mut Rng) -> &'static str {
    if rng.chance(40) {
        return KO_PARTICLES[rng.range(0, KO_PARTICLES.len() - 1)];
    }
    let (after_consonant, after_vowel) = *rng.pick(KO_PAIRED_PARTICLES);
    // A Hangul syllable is 0xAC00 + (initial × 21 + medial) × 28 + final; final 0 is none, 8 is ㄹ.
    let last_final = noun.chars().last().map_or(0, |c| (u32::from(c).wrapping_sub(0xAC00)) % 28);
    match (last_final, after_consonant) {
        (0, _) | (8, "으로") => after_vowel,
        _ => after_consonant,
    }
}

fn english_sentence(rng: &mut Rng) -> String {
    let mut words: Vec<String> =
        (0..rng.range(9, 19)).map(|_| rng.pick(EN_WORDS).to_string()).collect();
    if let Some(first) = words.first_mut() {
        let mut chars = first.chars();
        if let Some(c) = chars.next() {
            *first = c.to_uppercase().chain(chars).collect();
        }
    }
    if rng.chance(25) {
        let at = rng.range(1, words.len() - 1);
        words.insert(at, rng.pick(KO_NOUNS).to_string());
    }
    words.join(" ") + "."
}

fn sentence(rng: &mut Rng) -> String {
    if rng.chance(60) { korean_sentence(rng) } else { english_sentence(rng) }
}

fn paragraph(rng: &mut Rng) -> String {
    (0..rng.range(3, 6)).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

fn person(rng: &mut Rng) -> String {
    if rng.chance(70) {
        format!("{}{}{}", rng.pick(KO_FAMILY), rng.pick(KO_GIVEN), rng.pick(KO_GIVEN))
    } else {
        format!("{} {}", rng.pick(EN_FIRST), rng.pick(EN_LAST))
    }
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

fn article(seed: u64, index: usize) -> Article {
    let rng = &mut Rng::for_article(seed, index as u64);
    // Dates from 2014-01-01 (day 16,071) over about eleven years.
    let date = Date(16_071 + rng.range(0, 4000) as i64);
    let title = format!(
        "{} {} 어디로: {} ({})",
        rng.pick(KO_NOUNS),
        rng.pick(KO_NOUNS),
        english_sentence(rng).trim_end_matches('.'),
        index + 1
    );
    let tag_count = rng.range(2, 5);
    let tags = rng.sample(TAGS, tag_count).into_iter().copied().collect();
    let author = person(rng);
    let source = *rng.pick(SOURCES);
    let summary = format!("{} {}", korean_sentence(rng), english_sentence(rng));
    let term_count = rng.range(2, 4);
    let glossary: Vec<(&str, &str)> =
        rng.sample(GLOSSARY, term_count).into_iter().copied().collect();
    let mut back: Vec<usize> = (0..rng.range(2, 5)).map(|_| rng.range(1, 720)).collect();
    back.sort_unstable_by(|a, b| b.cmp(a));
    back.dedup();
    let timeline = back.iter().map(|&days| (Date(date.0 - days as i64), sentence(rng))).collect();
    let body = body(rng, index, date, source, &glossary);
    Article {
        slug: format!("article-{:06}", index + 1),
        title,
        date,
        tags,
        author,
        source,
        summary,
        glossary,
        timeline,
        body,
    }
}

/// The Markdown body: a lead naming the glossary terms, then sections.
fn body(
    rng: &mut Rng,
    index: usize,
    date: Date,
    source: &str,
    glossary: &[(&str, &str)],
) -> String {
    let mut lead = paragraph(rng);
    for (term, _) in glossary {
        write!(
            lead,
            " {} {term}{}",
            rng.pick(KO_OPENERS),
            rng.pick(&["도 거론됐다.", " matters."])
        )
        .ok();
    }
    let mut blocks = vec![lead];
    let target = rng.range(550, 1350);
    let sections = rng.range(3, 6);
    let (list_at, quote_at, link_at, image_at) = (
        rng.range(0, sections - 1),
        rng.range(0, sections - 1),
        rng.range(0, sections - 1),
        rng.range(0, sections - 1),
    );
    let per_section = target.saturating_sub(words(&blocks[0])).max(sections) / sections;
    for section in 0..sections {
        let heading = if rng.chance(50) { *rng.pick(KO_HEADINGS) } else { *rng.pick(EN_HEADINGS) };
        blocks.push(format!("## {heading}"));
        if section == image_at {
            blocks.push(format!(
                "![{} {}](/images/{:06}-{section}.jpg \"{}\")",
                rng.pick(KO_NOUNS),
                rng.pick(EN_WORDS),
                index + 1,
                korean_sentence(rng)
            ));
        }
        let mut written = 0;
        while written < per_section {
            let mut text = paragraph(rng);
            if section == link_at && written == 0 {
                let (year, _, _) = date.ymd();
                write!(
                    text,
                    " 원문은 [{source}](https://news.example.net/{year}/{:06}.html)에서 볼 수 있다.",
                    index + 1
                )
                .ok();
            }
            written += words(&text);
            blocks.push(text);
            if section == list_at && written > 0 {
                let items: Vec<String> =
                    (0..rng.range(3, 6)).map(|_| format!("- {}", sentence(rng))).collect();
                let list = items.join("\n");
                written += words(&list);
                blocks.push(list);
            }
            if section == quote_at && written > 0 {
                let quote = format!("> {}\n>\n> — {}, {source}", korean_sentence(rng), person(rng));
                written += words(&quote);
                blocks.push(quote);
            }
        }
    }
    blocks.join("\n\n") + "\n"
}

/// A YAML double-quoted string (the JSON form, which YAML reads as it is).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn front_matter(a: &Article) -> String {
    let mut out = String::from("---\n");
    writeln!(out, "title: {}", quoted(&a.title)).ok();
    writeln!(out, "date: {}", a.date.iso()).ok();
    let tags: Vec<String> = a.tags.iter().map(|t| quoted(t)).collect();
    writeln!(out, "tags: [{}]", tags.join(", ")).ok();
    writeln!(out, "author: {}", quoted(&a.author)).ok();
    writeln!(out, "source: {}", quoted(a.source)).ok();
    writeln!(out, "summary: {}", quoted(&a.summary)).ok();
    out.push_str("glossary:\n");
    for (term, definition) in &a.glossary {
        writeln!(out, "  - term: {}\n    definition: {}", quoted(term), quoted(definition)).ok();
    }
    out.push_str("timeline:\n");
    for (date, text) in &a.timeline {
        writeln!(out, "  - date: {}\n    text: {}", quoted(&date.iso()), quoted(text)).ok();
    }
    out.push_str("---\n\n");
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Layout {
    /// `content/<slug>.md`; build.py adds `bench/minimal/`'s site.toml and templates.
    Gloss,
    /// `content/posts/<slug>.md` with `bench/hugo-site/`'s config and layouts.
    Hugo,
}

struct Options {
    articles: usize,
    layout: Layout,
    out: PathBuf,
    seed: u64,
}

fn parse_args() -> Result<Options> {
    let mut args = std::env::args().skip(1);
    let (mut articles, mut layout, mut out, mut seed) = (1000, Layout::Gloss, None, 42);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--articles" => articles = value()?.parse().context("--articles: a number")?,
            "--seed" => seed = value()?.parse().context("--seed: a number")?,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--format" => {
                layout = match value()?.as_str() {
                    "gloss" => Layout::Gloss,
                    "hugo" => Layout::Hugo,
                    other => bail!("--format: gloss or hugo, not {other}"),
                }
            }
            "-h" | "--help" => {
                println!(
                    "gen_corpus --articles N --format gloss|hugo --out DIR [--seed N]\n\
                     Writes N synthetic annotated articles (see examples/gen_corpus.rs)."
                );
                std::process::exit(0);
            }
            other => bail!("unknown argument {other} (see --help)"),
        }
    }
    Ok(Options { articles, layout, out: out.context("--out DIR is required")?, seed })
}

fn main() -> Result<()> {
    let options = parse_args()?;
    let out = &options.out;
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        bail!("`{}` exists and is not empty; remove it first", out.display());
    }
    let pages = match options.layout {
        Layout::Gloss => out.join("content"),
        Layout::Hugo => {
            let skeleton = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/hugo-site");
            copy_dir(&skeleton, out)?;
            out.join("content/posts")
        }
    };
    std::fs::create_dir_all(&pages)?;
    let (mut total_words, mut total_bytes) = (0, 0);
    for index in 0..options.articles {
        let article = article(options.seed, index);
        let text = front_matter(&article) + &article.body;
        total_words += words(&article.body);
        total_bytes += text.len();
        let path = pages.join(format!("{}.md", article.slug));
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    println!(
        "{} articles, {total_words} body words (mean {}), {:.1} MB in {}",
        options.articles,
        total_words / options.articles.max(1),
        total_bytes as f64 / 1e6,
        out.display()
    );
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry?;
        let target = to.join(entry.path().strip_prefix(from)?);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}
