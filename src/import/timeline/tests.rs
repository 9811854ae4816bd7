use super::*;
use crate::import::text::collapse_spaces;
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
    let page = include_str!("../../../tests/fixtures/seed/000_e94aa386e9de23ea.txt");
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
    let borrowed: Vec<(EventSource, &str)> = blocks.iter().map(|(s, t)| (*s, t.as_str())).collect();
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
    let caption = "마이크로소프트는 2024년 3월 MS 술레이만을 소비자 부문 AI 사업 총괄로 영입했다.";
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
    assert_eq!(dates("MS는 지난 3월 술래이만을 영입했다.", on), vec![PartialDate::Month(2025, 3)]);
    assert_eq!(dates("새 약관은 오는 9월 1일 시행된다.", on), vec![day(2025, 9, 1)]);
    assert_eq!(dates("MS는 오는 10월 MAI를 공개한다.", on), vec![PartialDate::Month(2025, 10)]);
    // Reports look back further than ahead: in August, January is this year's (`1~3월`), and
    // so is December.
    assert_eq!(dates("1~3월 MS 클라우드 실적이 개선됐다.", on), vec![PartialDate::Month(2025, 1)]);
    assert_eq!(dates("Trump held a press conference on Jan. 21.", on), vec![day(2025, 1, 21)]);
    assert_eq!(dates("MS는 12월 MAI를 공개한다.", on), vec![PartialDate::Month(2025, 12)]);
    // In January, December is last year's.
    let january = published(2025, 1, 5);
    assert_eq!(dates("양사는 12월 3일 협상을 재개했다.", january), vec![day(2024, 12, 3)]);
    assert_eq!(dates("양사는 12월 협상을 재개했다.", january), vec![PartialDate::Month(2024, 12)]);
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
    let paragraph = "샘 올트먼 오픈AI CEO가 21일(현지시간) 기자회견을 지켜 보고 있다. 2025.01.22";
    assert_eq!(dates(paragraph, seed_day()), vec![day(2025, 1, 21)]);
    // A date inside the sentence is an event, not the reference.
    let inside = "사진은 2023년 10월12일 뉴욕서 열린 언론 행사에서 발언하는 모습. ⓒ 로이터=뉴스1";
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
    let filler =
        "MS 내부에선 MAI를 자사 플랫폼 전반에 연계하는 테스트 등 수직통합 전략도 추진하고 있으며, ";
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
