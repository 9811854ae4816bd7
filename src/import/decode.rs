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
mod tests;
