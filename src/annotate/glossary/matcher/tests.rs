use super::*;

const SEED: &str = include_str!("../../../../tests/fixtures/seed/000_e94aa386e9de23ea.txt");

/// A matcher over `(term_id, text)` pairs with the default case rule.
fn matcher(terms: &[(usize, &str)]) -> Matcher {
    Matcher::new(terms.iter().map(|&(id, text)| TermPattern::new(id, text, None)).collect())
}

/// The matches as `(term_id, matched text)`.
fn found<'t>(matcher: &Matcher, text: &'t str) -> Vec<(usize, &'t str)> {
    matcher.find_all(text).iter().map(|m| (m.term_id, &text[m.start..m.end])).collect()
}

/// The seed article's own glossary: 생각 사슬, AGI, API, plus MAI and MS.
fn seed_glossary() -> Matcher {
    matcher(&[(0, "생각 사슬"), (1, "AGI"), (2, "API"), (3, "MAI"), (4, "MS")])
}

#[test]
fn seed_sentence_finds_saengak_saseul_before_quote_and_parenthesis() {
    let text = "최근엔 'o 시리즈'처럼 '생각 사슬'(chain-of-thought) 기법을";
    let matches = seed_glossary().find_all(text);
    assert_eq!(matches.len(), 1);
    let m = matches[0];
    assert_eq!((m.term_id, &text[m.start..m.end]), (0, "생각 사슬"));
    assert_eq!(m.start, text.find("생각").unwrap());
}

#[test]
fn seed_sentence_finds_agi_and_ms_before_particle() {
    let text = "'AGI 달성 시 MS의 기술 접근권 제한' 조항";
    assert_eq!(found(&seed_glossary(), text), [(1, "AGI"), (4, "MS")]);
}

#[test]
fn seed_sentence_finds_mai_and_api() {
    let text = "MS는 연내 MAI 모델을 API 형태로 공개할";
    assert_eq!(found(&seed_glossary(), text), [(4, "MS"), (3, "MAI"), (2, "API")]);
}

#[test]
fn particles_attach_directly() {
    let glossary = seed_glossary();
    assert_eq!(found(&glossary, "AGI는"), [(1, "AGI")]);
    assert_eq!(found(&glossary, "MAI를"), [(3, "MAI")]);
    assert_eq!(found(&glossary, "생각 사슬을"), [(0, "생각 사슬")]);
    assert_eq!(found(&glossary, "생각 사슬'"), [(0, "생각 사슬")]);
    assert_eq!(found(&glossary, "AGI(Artificial General Intelligence)"), [(1, "AGI")]);
}

#[test]
fn latin_terms_need_word_boundaries() {
    let glossary = seed_glossary();
    assert_eq!(found(&glossary, "MAGIC"), []);
    assert_eq!(found(&glossary, "MAGIC AGI"), [(1, "AGI")]);
    assert_eq!(found(&glossary, "AGIs"), []);
    assert_eq!(found(&glossary, "xAGI 1AGI AGI2 _AGI AGI_"), []);
    assert_eq!(found(&glossary, "RAPID APIs"), []);
    // Punctuation and hyphens are boundaries.
    assert_eq!(
        found(&glossary, "(AGI) \"API\" AGI/API MAI-1"),
        [(1, "AGI"), (2, "API"), (1, "AGI"), (2, "API"), (3, "MAI"),]
    );
    let gpt = matcher(&[(7, "GPT")]);
    assert_eq!(found(&gpt, "'GPT-5'가 출시되자"), [(7, "GPT")]);
}

#[test]
fn latin_term_after_hangul_matches() {
    // Only ASCII letters and digits block a Latin match on the left, so "AI" in "오픈AI"
    // is found, as in "AI모델" on the right.
    let ai = matcher(&[(0, "AI")]);
    assert_eq!(found(&ai, "오픈AI"), [(0, "AI")]);
    assert_eq!(found(&ai, "MS 자체 AI모델"), [(0, "AI")]);
}

#[test]
fn longest_match_wins() {
    let glossary = matcher(&[(0, "AI"), (1, "AI 모델")]);
    assert_eq!(found(&glossary, "MS가 독자 개발한 AI 모델 MAI(마이)"), [(1, "AI 모델")]);
    assert_eq!(found(&glossary, "인공지능(AI) 시장서"), [(0, "AI")]);
    // Given in the other order, the longer term still wins.
    let glossary = matcher(&[(1, "AI 모델"), (0, "AI")]);
    assert_eq!(found(&glossary, "신규 AI 모델(MAI-1 등)"), [(1, "AI 모델")]);
}

#[test]
fn rejected_longest_match_falls_back_to_shorter_at_same_start() {
    // "GPT-5" is followed by a letter; "GPT" is followed by a hyphen.
    let glossary = matcher(&[(0, "GPT"), (1, "GPT-5")]);
    assert_eq!(found(&glossary, "GPT-5o"), [(0, "GPT")]);
    assert_eq!(found(&glossary, "GPT-5"), [(1, "GPT-5")]);
    // A case-sensitive longer pattern with the wrong case gives way to a shorter one.
    let glossary = Matcher::new(vec![
        TermPattern::new(0, "AI모", Some(true)),
        TermPattern::new(1, "ai", Some(false)),
    ]);
    assert_eq!(found(&glossary, "Ai모델"), [(1, "Ai")]);
    assert_eq!(found(&glossary, "AI모델"), [(0, "AI모")]);
}

#[test]
fn aliases_give_the_same_term_id() {
    let glossary = Matcher::new(vec![
        TermPattern::new(0, "생각 사슬", None),
        TermPattern::new(0, "chain-of-thought", None),
        TermPattern::new(0, "CoT", None),
        TermPattern::new(1, "AGI", None),
        TermPattern::new(1, "범용인공지능", None),
    ]);
    let text = "'생각 사슬'(chain-of-thought) 기법, CoT는 AGI(Artificial General \
                Intelligence·범용인공지능)";
    assert_eq!(
        found(&glossary, text),
        [(0, "생각 사슬"), (0, "chain-of-thought"), (0, "CoT"), (1, "AGI"), (1, "범용인공지능"),]
    );
}

#[test]
fn acronyms_are_case_sensitive_by_default() {
    let glossary = seed_glossary();
    assert_eq!(found(&glossary, "agi Agi aGI api.example.com ms"), []);
    assert_eq!(found(&glossary, "AGI"), [(1, "AGI")]);
    // An explicit setting overrides the default.
    let loose = Matcher::new(vec![TermPattern::new(1, "AGI", Some(false))]);
    assert_eq!(found(&loose, "agi Agi"), [(1, "agi"), (1, "Agi")]);
}

#[test]
fn other_latin_terms_ignore_case_unless_told() {
    let glossary = matcher(&[(0, "chain-of-thought"), (1, "OpenAI")]);
    assert_eq!(
        found(&glossary, "Chain-of-Thought, CHAIN-OF-THOUGHT, openai"),
        [(0, "Chain-of-Thought"), (0, "CHAIN-OF-THOUGHT"), (1, "openai"),]
    );
    let strict = Matcher::new(vec![TermPattern::new(0, "chain-of-thought", Some(true))]);
    assert_eq!(found(&strict, "Chain-of-Thought chain-of-thought"), [(0, "chain-of-thought")]);
}

#[test]
fn default_case_rule() {
    for acronym in ["AGI", "API", "MAI", "MS", "NASA", "ABCDE"] {
        assert!(default_case_sensitive(acronym), "{acronym}");
    }
    for other in ["A", "ABCDEF", "Ai", "GPT-5", "GPT4", "chain-of-thought", "생각 사슬", "AI 모델"]
    {
        assert!(!default_case_sensitive(other), "{other}");
    }
}

#[test]
fn exact_spelling_wins_over_case_insensitive_one() {
    let glossary = Matcher::new(vec![
        TermPattern::new(0, "agi", Some(false)),
        TermPattern::new(1, "AGI", Some(true)),
    ]);
    assert_eq!(found(&glossary, "AGI agi Agi"), [(1, "AGI"), (0, "agi"), (0, "Agi")]);
}

#[test]
fn duplicate_spellings_first_wins() {
    let glossary = matcher(&[(0, "AGI"), (1, "AGI"), (2, " AGI ")]);
    assert_eq!(found(&glossary, "AGI"), [(0, "AGI")]);
}

#[test]
fn hangul_term_not_matched_inside_longer_word() {
    let glossary = matcher(&[(0, "사슬")]);
    assert_eq!(found(&glossary, "쇠사슬"), []);
    assert_eq!(found(&glossary, "쇠사슬과 사슬을"), [(0, "사슬")]);
    assert_eq!(found(&glossary, "생각 사슬"), [(0, "사슬")]);
    assert_eq!(found(&glossary, "'사슬'(chain)"), [(0, "사슬")]);
    // A jamo before it also counts as part of the word.
    assert_eq!(found(&glossary, "ㅋ사슬"), []);
}

#[test]
fn spaces_in_terms_match_one_space() {
    let glossary = matcher(&[(0, "  생각 \t 사슬 ")]);
    assert_eq!(found(&glossary, "생각 사슬"), [(0, "생각 사슬")]);
    assert_eq!(found(&glossary, "생각  사슬 생각\n사슬 생각사슬"), []);
}

#[test]
fn empty_inputs() {
    let empty = Matcher::new(Vec::new());
    assert!(empty.is_empty());
    assert_eq!(empty.find_all("AGI"), []);
    let blank = matcher(&[(0, ""), (1, "  \n")]);
    assert!(blank.is_empty());
    let glossary = seed_glossary();
    assert!(!glossary.is_empty());
    assert_eq!(glossary.find_all(""), []);
}

#[test]
fn emoji_and_combining_characters() {
    let glossary = matcher(&[(0, "AGI"), (1, "생각 사슬"), (2, "é")]);
    let text =
        "🤖AGI👍 e\u{301}AGI AGI\u{301} AGI\u{200D}🤖 👩‍👩‍👧생각 사슬🙂 \u{1100}\u{1161} é\u{301}";
    let matches = glossary.find_all(text);
    for m in &matches {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end), "{m:?}");
    }
    let words: Vec<_> = matches.iter().map(|m| (m.term_id, &text[m.start..m.end])).collect();
    // "AGI" followed by a combining mark or a joiner is not the word "AGI".
    assert_eq!(words, [(0, "AGI"), (0, "AGI"), (1, "생각 사슬")]);
    // Every prefix of the text (cut on a character boundary) is searched without panic.
    for (i, _) in text.char_indices() {
        let _ = glossary.find_all(&text[..i]);
        let _ = glossary.find_all(&text[i..]);
    }
}

#[test]
fn whole_seed_article() {
    let matches = seed_glossary().find_all(SEED);
    for pair in matches.windows(2) {
        assert!(pair[0].end <= pair[1].start);
    }
    let count = |id| matches.iter().filter(|m| m.term_id == id).count();
    assert!(count(0) >= 2, "생각 사슬");
    assert_eq!(count(1), SEED.matches("AGI").count());
    assert_eq!(count(2), SEED.matches("API").count());
    assert!(count(3) >= 3, "MAI");
}

/// The rules of the module documentation applied naively, as a reference: every pattern
/// tried at every character boundary, the longest passing one taken.
fn naive_find_all(patterns: &[TermPattern], text: &str) -> Vec<TermMatch> {
    // Of patterns with the same spelling the first wins, whatever their case rule.
    let mut seen = std::collections::HashSet::new();
    let patterns: Vec<(usize, String, bool)> = patterns
        .iter()
        .map(|p| (p.term_id, normalize_pattern(&p.text), p.case_sensitive))
        .filter(|p| !p.1.is_empty() && seen.insert(p.1.clone()))
        .collect();
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let mut best: Option<TermMatch> = None;
        for (_, pattern, _) in &patterns {
            let end = at + pattern.len();
            let Some(slice) = text.get(at..end) else { continue };
            if !slice.eq_ignore_ascii_case(pattern) || best.is_some_and(|b| b.end >= end) {
                continue;
            }
            let (first, last) = (slice.chars().next().unwrap(), slice.chars().last().unwrap());
            let before = text[..at].chars().last();
            let after = text[end..].chars().next();
            if (first.is_ascii_alphanumeric() && before.is_some_and(word))
                || (last.is_ascii_alphanumeric() && after.is_some_and(word))
                || (is_hangul(first) && before.is_some_and(is_hangul))
                || after.is_some_and(|c| is_combining_mark(c) || c == '\u{200D}')
            {
                continue;
            }
            let owner = patterns
                .iter()
                .find(|p| p.1 == slice)
                .or_else(|| patterns.iter().find(|p| !p.2 && p.1.eq_ignore_ascii_case(slice)));
            if let Some(owner) = owner {
                best = Some(TermMatch { term_id: owner.0, start: at, end });
            }
        }
        match best {
            Some(m) => {
                found.push(m);
                at = m.end;
            }
            None => at += text[at..].chars().next().unwrap().len_utf8(),
        }
    }
    found
}

/// A small xorshift generator: `next(n)` is in `0..n`.
fn rng(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    }
}

#[test]
fn agrees_with_naive_reference_on_random_texts() {
    // Small alphabets, so that terms overlap, nest and touch each other often.
    const PIECES: &[&str] = &[
        "사", "슬", "쇠", "생각", " ", " ", "-", "'", "(", "_", "A", "a", "G", "g", "I", "i", "5",
        "는", "을", "ㅋ", "\u{301}", "\u{200D}", "🤖", "é", "\n", "AI", "모델",
    ];
    const TERMS: &[&str] = &[
        "사슬",
        "생각 사슬",
        "쇠사슬",
        "AGI",
        "agi",
        "AI",
        "AI 모델",
        "AI모",
        "GI",
        "A",
        "a-5",
        "I5",
        "_A",
        "'사",
        "생각",
        "사",
        "ㅋ사",
        "é",
        "모델을",
        "G-",
    ];
    let mut next = rng(0x1234_5678_9ABC_DEF1);
    for _ in 0..300 {
        let patterns: Vec<TermPattern> = (0..1 + next(8))
            .map(|_| {
                let case = [None, Some(true), Some(false)][next(3)];
                TermPattern::new(next(5), TERMS[next(TERMS.len())], case)
            })
            .collect();
        let matcher = Matcher::new(patterns.clone());
        for _ in 0..30 {
            let text: String = (0..next(24)).map(|_| PIECES[next(PIECES.len())]).collect();
            assert_eq!(
                matcher.find_all(&text),
                naive_find_all(&patterns, &text),
                "{patterns:?} in {text:?}"
            );
        }
    }
}

/// A deterministic generator of glossary-like terms: Hangul words, acronyms, Latin words.
fn generated_terms(count: usize) -> Vec<String> {
    const SYLLABLES: &[char] = &[
        '가', '나', '다', '라', '마', '바', '사', '아', '자', '차', '카', '타', '파', '하', '강',
        '경', '공', '국', '기', '대', '동', '리', '명', '무', '문', '민', '산', '선', '성', '수',
    ];
    let mut next = rng(0x9E37_79B9_7F4A_7C15);
    let mut seen = std::collections::HashSet::new();
    let mut terms = Vec::new();
    while terms.len() < count {
        let term: String = match next(3) {
            0 => (0..3 + next(2)).map(|_| SYLLABLES[next(SYLLABLES.len())]).collect(),
            1 => (0..4 + next(2)).map(|_| (b'A' + next(26) as u8) as char).collect(),
            _ => (0..6 + next(5)).map(|_| (b'a' + next(26) as u8) as char).collect(),
        };
        if seen.insert(term.to_ascii_lowercase()) {
            terms.push(term);
        }
    }
    terms
}

#[test]
fn five_thousand_terms_find_the_same_matches() {
    let mut patterns: Vec<TermPattern> = ["생각 사슬", "AGI", "API", "MAI", "MS"]
        .iter()
        .enumerate()
        .map(|(id, text)| TermPattern::new(id, *text, None))
        .collect();
    let extra = generated_terms(5_000);
    patterns.extend(extra.iter().enumerate().map(|(i, t)| TermPattern::new(100 + i, t, None)));
    let big = Matcher::new(patterns);
    let small = seed_glossary();
    for text in [
        "최근엔 'o 시리즈'처럼 '생각 사슬'(chain-of-thought) 기법을",
        "'AGI 달성 시 MS의 기술 접근권 제한' 조항",
        "MS는 연내 MAI 모델을 API 형태로 공개할",
    ] {
        assert_eq!(found(&big, text), found(&small, text), "{text}");
    }
    // A generated term is found too, with its own id.
    let term = &extra[4_321];
    let text = format!("앞 {term}은 뒤");
    assert_eq!(found(&big, &text), [(4_421, term.as_str())]);
}
