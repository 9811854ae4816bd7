//! Page bytes → text.
//!
//! Saved pages arrive as bytes in whatever encoding the site used. Older Korean sites use EUC-KR.
//! Some saved pages are UTF-8 but still say `charset=euc-kr`, because a browser or tool converted
//! the text and kept the tag. The encoding is chosen in this order, and the first rule that
//! applies wins:
//!
//! 1. **A byte order mark** (UTF-8, UTF-16LE, UTF-16BE). It is stripped from the text. A BOM is
//!    written on purpose, so it is the strongest evidence there is.
//! 2. **Valid UTF-8 is UTF-8**, whatever the page declares. Converted pages often keep their old
//!    `<meta charset=euc-kr>`. Legacy Korean text is practically never valid UTF-8, so the bytes
//!    are a better witness than the tag. A multi-byte sequence cut off at the very end still
//!    counts as UTF-8: a truncated download must not turn the whole page into mojibake.
//! 3. **A declared charset**: `<meta charset>` or `<meta http-equiv=Content-Type content=...>`
//!    in the first [`PRESCAN_LIMIT`] bytes. The scan reads raw bytes the way the HTML standard's
//!    prescan does, because the encoding is not known yet. It skips comments and other tags'
//!    attribute values.
//!    - Labels map through the WHATWG table, so `euc-kr`, `ks_c_5601-1987` and `windows-949` all
//!      give EUC-KR, which there is the windows-949 (CP949) superset. The table lacks the
//!      Windows names `cp949`, `ms949`, `x-windows-949` and `uhc`, so they are added.
//!    - A declared UTF-16 is ignored. A page that the scan can read as ASCII is not UTF-16, and
//!      the standard reads it as UTF-8, which rule 2 already rejected.
//!    - Unknown labels are ignored, and so are the `replacement` ones (such as `iso-2022-kr`):
//!      that encoding would decode the whole page to a single U+FFFD.
//! 4. **Sniffing** with chardetng, the detector Firefox uses. It is the last resort, for
//!    legacy pages that declare nothing.
//!
//! Decoding never fails: malformed sequences become U+FFFD, and [`Decoded::had_errors`] says so.
//! A legacy page that falsely declares UTF-8 therefore comes out with U+FFFD. Browsers show such
//! a page the same way, so it is rare in the wild.

use chardetng::EncodingDetector;
use encoding_rs::{
    EUC_KR, Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED,
};

/// How many leading bytes the `<meta>` scan reads. The HTML standard says 1024, but real pages
/// put long `og:` tags before the charset, so a more generous limit is used.
pub const PRESCAN_LIMIT: usize = 4096;

/// Decoded page text and how its encoding was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The page as UTF-8 text, without a byte order mark.
    pub text: String,
    /// The encoding's WHATWG name (`UTF-8`, `EUC-KR`, `UTF-16LE`, ...).
    pub encoding: &'static str,
    /// Which rule chose the encoding.
    pub how: EncodingSource,
    /// Whether malformed input was replaced with U+FFFD. This includes a sequence cut off at the
    /// end.
    pub had_errors: bool,
}

/// The rule that chose a page's encoding, in the order the rules are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte order mark at the start, which is stripped.
    Bom,
    /// The bytes are valid UTF-8. Any declaration was overruled.
    Utf8Valid,
    /// A `<meta>` charset declaration in the first [`PRESCAN_LIMIT`] bytes.
    Declared,
    /// Guessed by chardetng from the bytes.
    Sniffed,
}

/// Decodes a page. Never panics and never fails; see the module docs for the rules.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (encoding, how, body) = choose(bytes);
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    Decoded { text: text.into_owned(), encoding: encoding.name(), how, had_errors }
}

/// Picks the encoding and the bytes to decode with it (the input minus any BOM).
fn choose(bytes: &[u8]) -> (&'static Encoding, EncodingSource, &[u8]) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return (encoding, EncodingSource::Bom, bytes.get(bom_len..).unwrap_or_default());
    }
    if is_utf8_allowing_cut_tail(bytes) {
        return (UTF_8, EncodingSource::Utf8Valid, bytes);
    }
    if let Some(encoding) = declared_encoding(bytes) {
        return (encoding, EncodingSource::Declared, bytes);
    }
    let mut detector = EncodingDetector::new();
    detector.feed(bytes, true);
    (detector.guess(None, true), EncodingSource::Sniffed, bytes)
}

/// Whether `bytes` are UTF-8, except perhaps for an incomplete sequence at the very end.
fn is_utf8_allowing_cut_tail(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        // `error_len() == None`: the input ended inside a sequence that was valid so far.
        Err(error) => error.error_len().is_none(),
    }
}

/// The encoding declared by a `<meta>` tag within the first [`PRESCAN_LIMIT`] bytes.
///
/// This follows the HTML standard's "prescan a byte stream to determine its encoding", except
/// that a declared UTF-16, an unknown label or a `replacement` label is skipped and the scan goes
/// on to the next tag.
pub fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut scan = Scanner { bytes: &bytes[..bytes.len().min(PRESCAN_LIMIT)], pos: 0 };
    while let Some(&byte) = scan.peek() {
        if byte == b'<' {
            let rest = scan.rest();
            if rest.starts_with(b"<!--") {
                // The `--` of `-->` may be the one in `<!--`, as in `<!-->`.
                scan.pos = scan.pos + 2 + find(&rest[2..], b"-->")? + 2;
            } else if starts_with_ignore_case(rest, b"<meta")
                && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/')
            {
                scan.pos += 6;
                if let Some(encoding) = scan.meta()? {
                    return Some(encoding);
                }
            } else if rest.get(1).is_some_and(u8::is_ascii_alphabetic)
                || (rest.get(1) == Some(&b'/') && rest.get(2).is_some_and(u8::is_ascii_alphabetic))
            {
                // Another tag: skip its name and attributes, so that a `<meta` inside an
                // attribute value is not mistaken for a tag.
                scan.pos += rest.iter().position(|&b| is_space(b) || b == b'>')?;
                while scan.attribute()?.is_some() {}
            } else if matches!(rest.get(1), Some(b'!' | b'/' | b'?')) {
                scan.pos += rest.iter().position(|&b| b == b'>')?;
            }
        }
        scan.pos += 1;
    }
    None
}

/// A cursor over the prescan window. Methods return `None` when the window ends mid-construct,
/// which ends the scan.
struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

/// One attribute of a tag, name lowercased, value lowercased (as the standard's prescan does).
struct Attribute {
    name: Vec<u8>,
    value: Vec<u8>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<&u8> {
        self.bytes.get(self.pos)
    }

    fn rest(&self) -> &[u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    fn skip_spaces(&mut self) -> Option<u8> {
        while is_space(*self.peek()?) {
            self.pos += 1;
        }
        self.peek().copied()
    }

    /// Reads the attributes of a `<meta` tag (positioned after `<meta `) and returns its
    /// usable declared encoding, if any. The outer `None` means the window ended.
    fn meta(&mut self) -> Option<Option<&'static Encoding>> {
        let mut seen: Vec<Vec<u8>> = Vec::new();
        let mut got_pragma = false;
        // `None`: no charset yet; `Some(None)`: a charset attribute with an unknown label.
        let mut charset: Option<Option<&'static Encoding>> = None;
        let mut need_pragma: Option<bool> = None;
        while let Some(Attribute { name, value }) = self.attribute()? {
            if seen.contains(&name) {
                continue;
            }
            match name.as_slice() {
                b"http-equiv" => got_pragma |= value == b"content-type",
                b"content" if charset.is_none() => {
                    if let Some(encoding) = charset_from_content(&value) {
                        charset = Some(Some(encoding));
                        need_pragma = Some(true);
                    }
                }
                b"charset" => {
                    charset = Some(encoding_for_label(&value));
                    need_pragma = Some(false);
                }
                _ => {}
            }
            seen.push(name);
        }
        let usable = match (need_pragma, charset) {
            (Some(true), _) if !got_pragma => None,
            (Some(_), Some(Some(encoding))) => Some(encoding),
            _ => None,
        };
        Some(match usable {
            Some(encoding) if encoding == UTF_16BE || encoding == UTF_16LE => None,
            Some(encoding) if encoding == REPLACEMENT => None,
            Some(encoding) if encoding == X_USER_DEFINED => Some(WINDOWS_1252),
            other => other,
        })
    }

    /// The standard's "get an attribute". `Some(None)` means the tag ended (`>`); `None` means
    /// the window ended first.
    fn attribute(&mut self) -> Option<Option<Attribute>> {
        let mut byte = *self.peek()?;
        while byte == b'/' || is_space(byte) {
            self.pos += 1;
            byte = *self.peek()?;
        }
        if byte == b'>' {
            return Some(None);
        }
        let mut name = Vec::new();
        loop {
            let byte = *self.peek()?;
            match byte {
                b'=' if !name.is_empty() => {
                    self.pos += 1;
                    break;
                }
                b'/' | b'>' => return Some(Some(Attribute { name, value: Vec::new() })),
                _ if is_space(byte) => {
                    if self.skip_spaces()? != b'=' {
                        return Some(Some(Attribute { name, value: Vec::new() }));
                    }
                    self.pos += 1;
                    break;
                }
                _ => name.push(byte.to_ascii_lowercase()),
            }
            self.pos += 1;
        }
        let mut value = Vec::new();
        match self.skip_spaces()? {
            quote @ (b'"' | b'\'') => loop {
                self.pos += 1;
                let byte = *self.peek()?;
                if byte == quote {
                    self.pos += 1;
                    return Some(Some(Attribute { name, value }));
                }
                value.push(byte.to_ascii_lowercase());
            },
            b'>' => return Some(Some(Attribute { name, value })),
            _ => {}
        }
        loop {
            let byte = *self.peek()?;
            if is_space(byte) || byte == b'>' {
                return Some(Some(Attribute { name, value }));
            }
            value.push(byte.to_ascii_lowercase());
            self.pos += 1;
        }
    }
}

/// The standard's "extract a character encoding from a meta element": the encoding named by
/// `charset=` in a `content` value such as `text/html; charset=ks_c_5601-1987`.
fn charset_from_content(content: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    loop {
        pos += find_ignore_case(content.get(pos..)?, b"charset")? + b"charset".len();
        while content.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        if content.get(pos) != Some(&b'=') {
            continue;
        }
        pos += 1;
        while content.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        let rest = content.get(pos..)?;
        let label = match *rest.first()? {
            quote @ (b'"' | b'\'') => {
                let inner = rest.get(1..)?;
                &inner[..inner.iter().position(|&b| b == quote)?]
            }
            _ => {
                let end = rest.iter().position(|&b| is_space(b) || b == b';').unwrap_or(rest.len());
                &rest[..end]
            }
        };
        return encoding_for_label(label);
    }
}

/// An encoding label: the WHATWG table, plus the Windows names of code page 949.
fn encoding_for_label(label: &[u8]) -> Option<&'static Encoding> {
    Encoding::for_label(label).or_else(|| {
        let label = label.trim_ascii();
        let cp949 = [&b"cp949"[..], b"ms949", b"x-windows-949", b"uhc"];
        cp949.iter().any(|alias| label.eq_ignore_ascii_case(alias)).then_some(EUC_KR)
    })
}

/// ASCII whitespace as HTML defines it (no vertical tab).
fn is_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HANKOOKILBO: &[u8] =
        include_bytes!("../../tests/fixtures/import/encoding/hankookilbo-2026-01-29.euc-kr.html");
    const MK_NO_CHARSET: &[u8] =
        include_bytes!("../../tests/fixtures/import/encoding/mk-2025-05-27.no-charset.euc-kr.html");
    const DONGA_KS_C: &[u8] =
        include_bytes!("../../tests/fixtures/import/encoding/donga-2013.ks_c_5601-1987.html");
    const NEWSTAPA_UTF16: &[u8] =
        include_bytes!("../../tests/fixtures/import/encoding/naver-newstapa-607.utf-16le-bom.html");
    const DAEJONILBO: &[u8] =
        include_bytes!("../../tests/fixtures/import/encoding/daejonilbo-mobile.html");

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
        for label in ["euc-kr", "ks_c_5601-1987", "windows-949", "cp949", "MS949", "x-windows-949"]
        {
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
        assert_eq!(
            declared_name("<!-- <meta charset=big5> --><meta charset=euc-kr>"),
            Some("EUC-KR")
        );
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
            for prefix in [&b"<meta charset=euc-kr>"[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"]
            {
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
}
