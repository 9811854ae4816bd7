use super::*;

#[test]
fn site_suffixes_are_stripped() {
    assert_eq!(
        strip_site_suffix("\"왜 싸우나\"... DJ 고향에서 외친 이재명 | 한국일보", &["한국일보"]),
        "\"왜 싸우나\"... DJ 고향에서 외친 이재명"
    );
    assert_eq!(
        strip_site_suffix("‘흙수저’ 소년공이 쏘아올린 정치 신화 - 매일경제", &[]),
        "‘흙수저’ 소년공이 쏘아올린 정치 신화"
    );
    assert_eq!(
        strip_site_suffix(
            "[CEO&]창의적 열정과 소통, 초일류 시험인증 기업이 간다 : 뉴스 : 동아닷컴",
            &[]
        ),
        "[CEO&]창의적 열정과 소통, 초일류 시험인증 기업이 간다"
    );
    assert_eq!(strip_site_suffix("Left - Right", &[]), "Left - Right", "equal parts are both kept");
    assert_eq!(
        strip_site_suffix("대전일보 모바일 :: 코로나19 극복 성금 기탁 줄 잇는다", &[]),
        "코로나19 극복 성금 기탁 줄 잇는다"
    );
    assert_eq!(strip_site_suffix("New Zealand - Wikipedia", &["wikipedia"]), "New Zealand");
    assert_eq!(
        strip_document_title("Lorem ipsum dolor sit amet – My website", &[]),
        "Lorem ipsum dolor sit amet"
    );
    assert_eq!(
        strip_site_suffix("How we designed Dropbox’s ATF - an async task framework", &[]),
        "How we designed Dropbox’s ATF - an async task framework"
    );
    assert_eq!(
        strip_site_suffix("Friday Facts #282 - 0.17 in sight | Factorio", &[]),
        "Friday Facts #282 - 0.17 in sight"
    );
}

#[test]
fn a_headline_mentioning_the_site_is_kept() {
    // dropbox.tech: the host label `dropbox` is a site name, the headline only mentions it.
    let title = "How we designed Dropbox’s ATF - an async task framework";
    assert_eq!(strip_site_suffix(title, &["dropbox"]), title);
    assert_eq!(
        strip_site_suffix("Dropbox Tech Blog | Our new sync engine", &["dropbox"]),
        "Our new sync engine"
    );
    assert_eq!(
        strip_site_suffix("Mozilla - Wikipedia, the free encyclopedia", &["Wikipedia"]),
        "Mozilla"
    );
}

/// The title `title` chooses for a page (not a dump) under `policy`.
fn title_of(html: &str, policy: SiteNamePolicy) -> Option<String> {
    let html = Html::parse_document(html);
    let declared = crate::import::metadata::read(&html);
    title(&html, &declared, None, policy)
}

#[test]
fn json_ld_headline_equal_to_the_h1_wins_over_og_title() {
    // atlasobscura.com: `og:title` is a social-media headline, JSON-LD and <h1> agree.
    assert_eq!(title_of(r#"<title></title><meta property="og:title" content="If You Can Picture A Tarot Card, It's Because of These 3 People">
        <script type="application/ld+json">{"@type":"Article","headline":"The Deck of Cards That Made Tarot A Global Phenomenon"}</script>
        <h1 class="ArticleHeader__title">The Deck of Cards That Made Tarot A Global Phenomenon</h1>"#, SiteNamePolicy::Strip).as_deref(), Some("The Deck of Cards That Made Tarot A Global Phenomenon"));
}

#[test]
fn dump_title_is_cut_before_page_metadata() {
    assert_eq!(
        cut_at_markers(
            "오픈AI와 '경쟁적 협력' 전환한 MS, 독자 AI 'MAI' 출격대기 작성일 08-17 21 목록"
        ),
        "오픈AI와 '경쟁적 협력' 전환한 MS, 독자 AI 'MAI' 출격대기"
    );
}

#[test]
fn declared_title_wins_over_logo_h1() {
    assert_eq!(
        title_of(
            "<title>기사 제목입니다 | 신문</title><h1>기사 제목입니다</h1><h1>다른 것</h1>",
            SiteNamePolicy::Strip
        )
        .as_deref(),
        Some("기사 제목입니다")
    );
    assert_eq!(
        title_of(
            "<title>소년공이 쏘아올린 정치 신화 - 매일경제</title><h1>매일 경제</h1>",
            SiteNamePolicy::Strip
        )
        .as_deref(),
        Some("소년공이 쏘아올린 정치 신화")
    );
    assert_eq!(title_of(r#"<title>Title Element</title><meta property="og:title" content="OG"><meta property="x:title dc:title" content="Preferred title">"#, SiteNamePolicy::Strip).as_deref(), Some("Preferred title"));
}

#[test]
fn kept_titles_keep_the_declared_site_name_and_cut_the_title_element() {
    let keep = |html: &str| title_of(html, SiteNamePolicy::Keep);
    // A meta title stays as declared; the default cuts the name.
    let ehow = r#"<title>How to Build a Terrarium | eHow</title>
        <meta property="og:title" content="How to Build a Terrarium | eHow">
        <meta property="og:site_name" content="eHow">"#;
    assert_eq!(keep(ehow).as_deref(), Some("How to Build a Terrarium | eHow"));
    assert_eq!(title_of(ehow, SiteNamePolicy::Strip).as_deref(), Some("How to Build a Terrarium"));
    // `<title>` alone: cut before the last separator when three words or more remain…
    assert_eq!(
        keep("<title>Lorem ipsum dolor sit amet | Section | My site</title>").as_deref(),
        Some("Lorem ipsum dolor sit amet | Section")
    );
    // …after a colon when no heading repeats the whole title…
    assert_eq!(
        keep("<title>Outside the web: standalone WebAssembly binaries · V8</title>").as_deref(),
        Some("standalone WebAssembly binaries · V8")
    );
    assert_eq!(
        keep("<title>Outside the web: standalone binaries</title><h1>Outside the web: standalone binaries</h1>")
            .as_deref(),
        Some("Outside the web: standalone binaries")
    );
    // …and whole when the cut would leave four words or fewer.
    assert_eq!(
        keep("<title>New Zealand - Wikipedia</title>").as_deref(),
        Some("New Zealand - Wikipedia")
    );
    // Readability counts the space after a colon as a word: two words after it are kept
    // (and then, being four words or fewer, give way to the whole title).
    assert_eq!(
        keep("<title>Foo: Bar baz qux quux: Two words</title>").as_deref(),
        Some("Foo: Bar baz qux quux: Two words")
    );
}

#[test]
fn json_ld_name_stands_in_for_a_headline_that_describes() {
    // Wikipedia: `headline` is a description, `name` is the title.
    let html = r#"<title>New Zealand - Wikipedia</title><script type="application/ld+json">
        {"@type":"Article","name":"New Zealand","headline":"constitutional monarchy in Oceania"}</script>"#;
    for policy in [SiteNamePolicy::Strip, SiteNamePolicy::Keep] {
        assert_eq!(title_of(html, policy).as_deref(), Some("New Zealand"));
    }
}

#[test]
fn subtitle_keeps_its_lines() {
    let html = Html::parse_document(
        r#"<nav><p class="summary">메뉴 요약 링크 모음입니다</p></nav>
           <div class="mid_title"><div class="midtitle_text">첫째 줄<br/>둘째 줄입니다</div></div>"#,
    );
    assert_eq!(summary(&html, None).as_deref(), Some("첫째 줄\n둘째 줄입니다"));
    let hidden = Html::parse_document(
        r#"<div style="display: none"><span class="summary_txt">숨겨진 요약 안내문입니다</span></div>"#,
    );
    assert_eq!(summary(&hidden, None), None);
    let same = Html::parse_document(r#"<p class="subtitle">제목과 같은 문장</p>"#);
    assert_eq!(summary(&same, Some("제목과 같은 문장")), None);
}
