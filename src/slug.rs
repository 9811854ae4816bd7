//! Slugs for URLs and heading ids, Hangul first.
//!
//! Korean readers share links with Hangul in them, and browsers show them decoded, so the default
//! keeps every letter and digit of every script: lowercased, whitespace to `-`, punctuation dropped.
//! File names are NFC-normalised first: macOS writes Hangul file names decomposed (NFD jamo), which
//! would otherwise give URLs that look identical but differ byte for byte.
//! `[slugs] transliterate = true` maps to ASCII instead (`deunicode`).

use unicode_normalization::UnicodeNormalization;

/// Makes a URL slug from free text. Returns an empty string when nothing usable is left.
pub fn slugify(text: &str, transliterate: bool) -> String {
    let normalized: String = text.nfc().collect();
    let source = if transliterate { deunicode::deunicode(&normalized) } else { normalized };
    let mut slug = String::with_capacity(source.len());
    let mut pending_dash = false;
    for c in source.chars() {
        if c.is_alphanumeric() || c == '_' {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || (transliterate && !c.is_ascii()) {
            pending_dash = true;
        } else if c == '.' || c == '/' || c == '·' {
            // Separators inside words ("v1.2", "MS·오픈AI") keep the parts apart.
            pending_dash = true;
        }
        // Other punctuation (quotes, brackets, commas) is dropped.
    }
    slug
}

/// The file stem without a leading `YYYY-MM-DD-` date, which the importer puts in file names for
/// sorting but which does not belong in the URL.
pub fn strip_date_prefix(stem: &str) -> &str {
    let bytes = stem.as_bytes();
    let is_date = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
        && matches!(bytes[10], b'-' | b'_');
    if is_date { &stem[11..] } else { stem }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_is_kept_and_spaces_become_dashes() {
        assert_eq!(slugify("생각 사슬", false), "생각-사슬");
        assert_eq!(
            slugify("오픈AI와 '경쟁적 협력' 전환한 MS", false),
            "오픈ai와-경쟁적-협력-전환한-ms"
        );
    }

    #[test]
    fn decomposed_hangul_is_normalised() {
        let nfd: String = "한국".nfd().collect();
        assert_ne!(nfd, "한국");
        assert_eq!(slugify(&nfd, false), "한국");
    }

    #[test]
    fn punctuation_is_dropped_and_dashes_collapse() {
        assert_eq!(slugify("Hello, World!  --  again?", false), "hello-world-again");
        assert_eq!(slugify("  ", false), "");
        assert_eq!(slugify("MS·오픈AI", false), "ms-오픈ai");
    }

    #[test]
    fn transliteration_gives_ascii() {
        let slug = slugify("한국 AI", true);
        assert!(slug.is_ascii(), "{slug}");
        assert!(slug.ends_with("-ai"), "{slug}");
        assert!(slug.starts_with("han"), "{slug}");
    }

    #[test]
    fn date_prefix_is_stripped_only_when_complete() {
        assert_eq!(strip_date_prefix("2025-08-17-ms-openai"), "ms-openai");
        assert_eq!(strip_date_prefix("2025-08-17"), "2025-08-17");
        assert_eq!(strip_date_prefix("2025-8-17-x"), "2025-8-17-x");
    }
}
