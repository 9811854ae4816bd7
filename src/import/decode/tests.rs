use super::*;

const HANKOOKILBO: &[u8] =
    include_bytes!("../../../tests/fixtures/import/encoding/hankookilbo-2026-01-29.euc-kr.html");
const MK_NO_CHARSET: &[u8] =
    include_bytes!("../../../tests/fixtures/import/encoding/mk-2025-05-27.no-charset.euc-kr.html");
const DONGA_KS_C: &[u8] =
    include_bytes!("../../../tests/fixtures/import/encoding/donga-2013.ks_c_5601-1987.html");
const NEWSTAPA_UTF16: &[u8] =
    include_bytes!("../../../tests/fixtures/import/encoding/naver-newstapa-607.utf-16le-bom.html");
const DAEJONILBO: &[u8] =
    include_bytes!("../../../tests/fixtures/import/encoding/daejonilbo-mobile.html");

/// Decodes and checks the outcome, the absence of U+FFFD, and the known sentences.
fn assert_decodes(
    bytes: &[u8],
    encoding: &str,
    how: EncodingSource,
    sentences: &[&str],
) -> Decoded {
    let decoded = decode(bytes);
    assert_eq!((decoded.encoding, decoded.how), (encoding, how));
    assert!(!decoded.had_errors);
    assert!(!decoded.text.contains('\u{FFFD}'), "U+FFFD in the decoded text");
    assert!(!decoded.text.starts_with('\u{FEFF}'), "BOM left in the text");
    for sentence in sentences {
        assert!(decoded.text.contains(sentence), "missing: {sentence}");
    }
    decoded
}

fn declared_name(html: &str) -> Option<&'static str> {
    declared_encoding(html.as_bytes()).map(Encoding::name)
}

#[test]
fn euc_kr_declared_by_meta_charset() {
    let decoded = assert_decodes(
        HANKOOKILBO,
        "EUC-KR",
        EncodingSource::Declared,
        &[
            "장동혁, 한동훈 제명했지만…",
            "장동혁(맨 앞) 국민의힘 대표가 29일 국회 예결위 회의장에서 열린 의원총회에서 \
             국기에 경례하고 있다.",
        ],
    );
    assert!(decoded.text.contains(r#"<meta charSet="euc-kr"/>"#));
}

#[test]
fn euc_kr_declared_by_http_equiv_ks_c_5601_1987() {
    let decoded = assert_decodes(
        DONGA_KS_C,
        "EUC-KR",
        EncodingSource::Declared,
        &[
            "창의적 열정과 소통, 초일류 시험인증 기업이 간다",
            "14년째 세계 각국의 통신·안전·전파 규격 시험과 인증 한 우물만 파고 있는",
        ],
    );
    assert!(decoded.text.contains("charset=ks_c_5601-1987"));
}

#[test]
fn euc_kr_without_declaration_is_sniffed() {
    assert_decodes(
        MK_NO_CHARSET,
        "EUC-KR",
        EncodingSource::Sniffed,
        &[
            "“전국소년체육대회 2연패 달성해 행복…올해는 꼭 태극마크 달래요”",
            "손제이는 최종 라운드에서 3언더파 69타를 기록, 합계 5언더파 139타로 동타의 \
             김주원을 카운트 백 방식으로 따돌리고 정상에 올랐다.",
        ],
    );
}

#[test]
fn utf16le_bom_wins_over_meta_and_is_stripped() {
    let decoded = assert_decodes(
        NEWSTAPA_UTF16,
        "UTF-16LE",
        EncodingSource::Bom,
        &["한국은 자국 아이를 해외로 가장 오래, 가장 많이 입양 보낸 국가입니다."],
    );
    assert!(decoded.text.starts_with("<!doctype html>"));
    assert!(decoded.text.contains(r#"<meta charset="utf-8">"#));
}

#[test]
fn utf8_bytes_declaring_euc_kr_are_utf8() {
    let decoded = assert_decodes(
        DAEJONILBO,
        "UTF-8",
        EncodingSource::Utf8Valid,
        &["세종시와 세종사회복지공동모금회는 4일 시청 접견실에서 코로나19 극복 지원 \
           특별모금 성금 전달식을 개최했다."],
    );
    assert!(decoded.text.contains("charset=euc-kr"));
    assert_eq!(declared_encoding(DAEJONILBO), Some(EUC_KR), "the page does declare EUC-KR");
}

#[test]
fn utf8_cut_inside_a_character_is_still_utf8() {
    let sentence = "세종시와 세종사회복지공동모금회는";
    let text = std::str::from_utf8(DAEJONILBO).expect("the fixture is UTF-8");
    let start = text.find(sentence).expect("the fixture has the sentence");
    // Two bytes into the three-byte `세`.
    let decoded = decode(&DAEJONILBO[..start + 2]);
    assert_eq!((decoded.encoding, decoded.how), ("UTF-8", EncodingSource::Utf8Valid));
    assert!(decoded.had_errors);
    assert!(decoded.text.ends_with("\u{FFFD}"));
    assert!(decoded.text.contains("코로나19 극복 성금 기탁 줄 잇는다"));
}

#[test]
fn utf8_bom_is_stripped_and_beats_declaration() {
    let decoded = decode("\u{FEFF}<meta charset=euc-kr><p>기사 본문</p>".as_bytes());
    assert_eq!((decoded.encoding, decoded.how), ("UTF-8", EncodingSource::Bom));
    assert_eq!(decoded.text, "<meta charset=euc-kr><p>기사 본문</p>");
}

#[test]
fn utf16be_bom() {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend("<p>한국어</p>".encode_utf16().flat_map(u16::to_be_bytes));
    let decoded = decode(&bytes);
    assert_eq!((decoded.encoding, decoded.how), ("UTF-16BE", EncodingSource::Bom));
    assert_eq!(decoded.text, "<p>한국어</p>");
}

#[test]
fn odd_length_utf16_ends_in_replacement() {
    let decoded = decode(&[0xFF, 0xFE, b'a', 0, b'b']);
    assert_eq!(decoded.text, "a\u{FFFD}");
    assert!(decoded.had_errors);
}

#[test]
fn euc_kr_label_covers_cp949_extension_syllables() {
    // 똠, 뷁 and 햏 are not in KS X 1001; only the CP949 (UHC) extension has them.
    let body = "<p>똠방각하 뷁 햏자</p>";
    let (legacy, _, unmappable) = EUC_KR.encode(body);
    assert!(!unmappable);
    for label in ["euc-kr", "ks_c_5601-1987", "windows-949", "cp949", "MS949", "x-windows-949"] {
        let mut page = format!("<meta charset={label}>").into_bytes();
        page.extend_from_slice(&legacy);
        let decoded = decode(&page);
        assert_eq!((decoded.encoding, decoded.how), ("EUC-KR", EncodingSource::Declared));
        assert!(decoded.text.ends_with(body), "{label}: {}", decoded.text);
        assert!(!decoded.had_errors);
    }
}

#[test]
fn ascii_only_page_is_utf8_whatever_it_declares() {
    let decoded = decode(b"<meta charset=euc-kr><p>&#xD55C;</p>");
    assert_eq!((decoded.encoding, decoded.how), ("UTF-8", EncodingSource::Utf8Valid));
}

#[test]
fn legacy_bytes_falsely_declaring_utf8_keep_the_declaration() {
    let (legacy, _, _) = EUC_KR.encode("<meta charset=utf-8><p>한국어 기사</p>");
    let decoded = decode(&legacy);
    assert_eq!((decoded.encoding, decoded.how), ("UTF-8", EncodingSource::Declared));
    assert!(decoded.had_errors);
    assert!(decoded.text.contains('\u{FFFD}'));
}

#[test]
fn declared_utf16_is_ignored_and_the_page_sniffed() {
    let mut page = b"<meta charset=utf-16le>".to_vec();
    page.extend_from_slice(&MK_NO_CHARSET[..8192]);
    let decoded = decode(&page);
    assert_eq!((decoded.encoding, decoded.how), ("EUC-KR", EncodingSource::Sniffed));
}

#[test]
fn meta_charset_forms() {
    assert_eq!(declared_name("<meta charset=euc-kr>"), Some("EUC-KR"));
    assert_eq!(declared_name("<META CHARSET='EUC-KR'>"), Some("EUC-KR"));
    assert_eq!(declared_name(r#"<meta charset=" cp949 ">"#), Some("EUC-KR"));
    assert_eq!(declared_name("<meta/charset=euc-kr>"), Some("EUC-KR"));
    // As in the standard, an unquoted value runs up to a space or `>`, so `/` is part of it.
    assert_eq!(declared_name("<meta charset=euc-kr/>"), None);
    assert_eq!(declared_name("<meta charset = euc-kr >"), Some("EUC-KR"));
    assert_eq!(declared_name("<meta charset=x-user-defined>"), Some("windows-1252"));
    assert_eq!(declared_name("<meta charset=shift_jis>"), Some("Shift_JIS"));
}

#[test]
fn meta_http_equiv_forms() {
    let forms = [
        r#"<meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987">"#,
        r#"<meta content="text/html;charset=ks_c_5601-1987" http-equiv="content-type">"#,
        "<meta http-equiv='CONTENT-TYPE' content='text/html; charset = \"euc-kr\"'>",
        "<meta http-equiv=content-type content=text/html;charset=euc-kr>",
        r#"<meta http-equiv="Content-Type" content="text/html; foo; Charset=EUC-KR; x=y">"#,
    ];
    for form in forms {
        assert_eq!(declared_name(form), Some("EUC-KR"), "{form}");
    }
    // `content` alone is not a declaration (it could be `<meta name=... content=...>`).
    assert_eq!(declared_name(r#"<meta name="x" content="charset=euc-kr">"#), None);
    // `charset` inside `content` needs `=`; the word may come again later.
    assert_eq!(
        declared_name(r#"<meta http-equiv=content-type content="charset; charset=euc-kr">"#),
        Some("EUC-KR")
    );
}

#[test]
fn meta_scan_skips_what_is_not_a_declaration() {
    // Comments, including the short `<!-->` form.
    assert_eq!(declared_name("<!-- <meta charset=big5> --><meta charset=euc-kr>"), Some("EUC-KR"));
    assert_eq!(declared_name("<!--><meta charset=euc-kr>"), Some("EUC-KR"));
    // A `<meta` inside another tag's attribute value.
    assert_eq!(
        declared_name(r#"<div title="<meta charset=big5>"><meta charset=euc-kr>"#),
        Some("EUC-KR")
    );
    // Not a meta tag.
    assert_eq!(declared_name("<metadata charset=big5><meta charset=euc-kr>"), Some("EUC-KR"));
    // Unknown, UTF-16 and replacement labels are skipped; the next tag counts.
    for skipped in ["no-such-charset", "utf-16", "utf-16be", "iso-2022-kr", ""] {
        let html = format!("<meta charset={skipped}><meta charset=euc-kr>");
        assert_eq!(declared_name(&html), Some("EUC-KR"), "{skipped}");
    }
    // Duplicate attributes: the first wins.
    assert_eq!(declared_name("<meta charset=euc-kr charset=big5>"), Some("EUC-KR"));
    // A bad `charset` blocks a later `content` in the same tag.
    assert_eq!(
        declared_name("<meta charset=bogus http-equiv=content-type content='charset=big5'>"),
        None
    );
}

#[test]
fn meta_scan_reads_only_the_prescan_window() {
    let padding = " ".repeat(PRESCAN_LIMIT - "<meta charset=euc-kr>".len());
    assert_eq!(declared_name(&format!("{padding}<meta charset=euc-kr>")), Some("EUC-KR"));
    assert_eq!(declared_name(&format!("{padding} <meta charset=euc-kr>")), None);
    // A tag that the window cuts off is no declaration.
    assert_eq!(declared_name(&format!("{padding}<meta charset=euc-kr")), None);
}

#[test]
fn truncated_markup_does_not_panic() {
    let cases = [
        "<",
        "<!",
        "<!-",
        "<!--",
        "<!-- -",
        "</",
        "</a",
        "<?",
        "<a",
        "<a b",
        "<a b=",
        "<a b='",
        "<meta",
        "<meta ",
        "<meta charset",
        "<meta charset=",
        "<meta charset=\"euc",
        "<meta http-equiv=content-type content='charset=\"euc-kr",
        "<meta content=charset",
        "<meta content=charset=",
        "<meta content='charset='",
        "<meta/",
        "<meta =x>",
    ];
    for case in cases {
        assert_eq!(declared_name(case), None, "{case}");
        let mut page = case.as_bytes().to_vec();
        page.push(0xB0); // Makes the page invalid UTF-8, so the scan runs.
        let _ = decode(&page);
    }
}

#[test]
fn empty_input() {
    let decoded = decode(b"");
    assert_eq!(decoded.text, "");
    assert_eq!((decoded.encoding, decoded.how), ("UTF-8", EncodingSource::Utf8Valid));
    assert!(!decoded.had_errors);
}

#[test]
fn garbage_does_not_panic() {
    // A xorshift generator gives the same "random" bytes on every run.
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state.to_le_bytes()[0]
    };
    for len in [1, 2, 3, 7, 100, 4095, 4096, 4097, 70_000] {
        let bytes: Vec<u8> = (0..len).map(|_| next()).collect();
        let _ = decode(&bytes);
        // Garbage behind a real declaration and behind each BOM.
        for prefix in [&b"<meta charset=euc-kr>"[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"] {
            let mut page = prefix.to_vec();
            page.extend_from_slice(&bytes);
            let _ = decode(&page);
        }
    }
    for byte in [0x00, 0x80, 0xA1, 0xFE, 0xFF] {
        let _ = decode(&[byte; 5000]);
    }
}

#[test]
fn large_inputs() {
    // About 1.8 MB each: a long UTF-8 page and a long EUC-KR page with no declaration.
    let utf8 = String::from_utf8_lossy(DAEJONILBO).repeat(40);
    assert_eq!(decode(utf8.as_bytes()).text.len(), utf8.len());
    let legacy = MK_NO_CHARSET.repeat(30);
    let decoded = decode(&legacy);
    assert_eq!((decoded.encoding, decoded.how), ("EUC-KR", EncodingSource::Sniffed));
    assert!(!decoded.had_errors);
}
