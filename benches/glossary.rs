//! Glossary matching cost per text against glossaries of 5, 500 and 5,000 terms.
//!
//! The text is about 10 KB of the seed article's Korean and English prose (its HTML tags
//! stripped, repeated). The glossaries are generated deterministically: Hangul words, Latin
//! acronyms and Latin words, plus the seed article's three real terms (생각 사슬, AGI, API).
//! Each matcher is built once, outside the timed loop, as the site build does. A control,
//! `5000-absent`, leaves out the generated terms that occur in the text: it finds exactly what
//! the 5-term glossary finds, so it shows the cost of the glossary's size alone, while the
//! generated 5,000-term glossary also finds more matches (common Korean words among its terms).
//!
//! Run: `cargo bench --bench glossary -- --warm-up-time 1 --measurement-time 3`

use std::collections::HashSet;
use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gloss::annotate::glossary::matcher::{Matcher, TermPattern};

const SEED: &str = include_str!("../tests/fixtures/seed/000_e94aa386e9de23ea.txt");
const TEXT_BYTES: usize = 10_000;
const SIZES: [usize; 3] = [5, 500, 5_000];

/// The seed's text without tags, repeated to at least `TEXT_BYTES` bytes.
fn article_text() -> String {
    let mut prose = String::new();
    let mut in_tag = false;
    for c in SEED.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                prose.push(' ');
            }
            _ if !in_tag => prose.push(c),
            _ => {}
        }
    }
    let prose = prose.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut text = String::new();
    while text.len() < TEXT_BYTES {
        text.push_str(&prose);
        text.push('\n');
    }
    text
}

/// `size` terms: the three real ones, then generated Hangul words, acronyms and Latin words.
/// With `absent_from`, generated terms that occur in that text (ignoring ASCII case) are left
/// out, so only the real terms match.
fn glossary(size: usize, absent_from: Option<&str>) -> Vec<TermPattern> {
    const SYLLABLES: &[char] = &[
        '가', '간', '개', '경', '계', '고', '공', '관', '구', '국', '기', '나', '내', '다', '대',
        '도', '동', '드', '라', '량', '로', '리', '마', '모', '무', '문', '미', '바', '반', '발',
        '방', '보', '부', '사', '산', '상', '서', '선', '성', '세', '소', '수', '스', '시', '식',
        '신', '아', '안', '양', '어', '업', '연', '영', '오', '용', '원', '위', '유', '의', '이',
        '인', '자', '장', '전', '정', '제', '조', '주', '지', '진', '차', '처', '체', '최', '추',
        '카', '크', '타', '테', '토', '트', '파', '포', '프', '하', '한', '해', '협', '화', '회',
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut patterns: Vec<TermPattern> = ["생각 사슬", "AGI", "API"]
        .iter()
        .enumerate()
        .map(|(id, text)| TermPattern::new(id, *text, None))
        .collect();
    let mut seen: HashSet<String> = patterns.iter().map(|p| p.text.to_ascii_lowercase()).collect();
    while patterns.len() < size {
        let text: String = match next(4) {
            0 | 1 => (0..2 + next(3)).map(|_| SYLLABLES[next(SYLLABLES.len())]).collect(),
            2 => (0..2 + next(4)).map(|_| (b'A' + next(26) as u8) as char).collect(),
            _ => (0..4 + next(7)).map(|_| (b'a' + next(26) as u8) as char).collect(),
        };
        let folded = text.to_ascii_lowercase();
        if absent_from.is_some_and(|other| other.to_ascii_lowercase().contains(&folded)) {
            continue;
        }
        if seen.insert(folded) {
            patterns.push(TermPattern::new(patterns.len(), text, None));
        }
    }
    patterns
}

fn find_all(c: &mut Criterion) {
    let text = article_text();
    let mut group = c.benchmark_group("glossary/find_all");
    group.throughput(Throughput::Bytes(text.len() as u64));
    // The last one is a control: 5,000 terms of which only the three real ones occur in the
    // text, so it finds exactly what the 5-term glossary finds.
    let glossaries = SIZES
        .iter()
        .map(|&size| (size.to_string(), glossary(size, None)))
        .chain([("5000-absent".to_string(), glossary(5_000, Some(&text)))]);
    for (name, patterns) in glossaries {
        let matcher = Matcher::new(patterns);
        eprintln!(
            "glossary {name}: {} matches in a text of {} bytes",
            matcher.find_all(&text).len(),
            text.len()
        );
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| matcher.find_all(black_box(text)))
        });
    }
    group.finish();
}

/// For comparison, one substring search per term (no case folding, no rules: a lower bound on
/// the cost of searching term by term), which grows with the number of terms.
fn per_term_scan(c: &mut Criterion) {
    let text = article_text();
    let mut group = c.benchmark_group("glossary/per_term_scan");
    group.throughput(Throughput::Bytes(text.len() as u64));
    for size in [5, 5_000] {
        let terms: Vec<String> = glossary(size, None).into_iter().map(|p| p.text).collect();
        group.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, text| {
            b.iter(|| {
                terms
                    .iter()
                    .map(|term| black_box(text).matches(term.as_str()).count())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("glossary/build");
    for size in SIZES {
        let patterns = glossary(size, None);
        group.bench_with_input(BenchmarkId::from_parameter(size), &patterns, |b, patterns| {
            b.iter(|| Matcher::new(black_box(patterns.clone())))
        });
    }
    group.finish();
}

/// The whole per-article cost as a build pays it: Markdown parsing, term linking with
/// tooltips, and HTML output, for the same article with glossaries of 5 and 5,000 terms.
fn render_article(c: &mut Criterion) {
    use gloss::annotate::glossary::Glossary;
    use gloss::annotate::glossary::link::Linker;
    use gloss::config::{GlossaryConfig, LinkMode};
    use gloss::content::front_matter::GlossaryEntry;
    let markdown: String = article_text().split(". ").collect::<Vec<_>>().join(".\n\n");
    let mut group = c.benchmark_group("glossary/render_article");
    group.throughput(Throughput::Bytes(markdown.len() as u64));
    let config = GlossaryConfig {
        autolink: true,
        link: LinkMode::First,
        exclude: Vec::new(),
        paginate_by: 200,
    };
    let text = article_text();
    for (name, size, absent) in
        [("5", 5, None), ("5000", 5_000, None), ("5000-absent", 5_000, Some(text.as_str()))]
    {
        let entries: Vec<GlossaryEntry> = glossary(size, absent)
            .into_iter()
            .map(|p| GlossaryEntry {
                term: p.text,
                definition: "정의.".into(),
                aliases: Vec::new(),
                case_sensitive: None,
            })
            .collect();
        let terms = Glossary::build(&entries, &[], &config, false);
        group.bench_with_input(BenchmarkId::from_parameter(name), &markdown, |b, markdown| {
            b.iter(|| {
                let mut linker = Linker::new(&terms, None, "/glossary/", "b", false, true);
                gloss::markdown::render_annotated(black_box(markdown), &mut linker).html.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, find_all, per_term_scan, build, render_article);
criterion_main!(benches);
