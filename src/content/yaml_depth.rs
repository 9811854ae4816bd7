//! A bound on YAML flow nesting (`[[[…`, `{a: {b: …`), checked before the YAML parser runs.
//!
//! libyaml, under `serde_yaml`, keeps a "simple key" per open flow collection and looks at all
//! of them for every token, so `extra: ` followed by N `[` costs time quadratic in N: 100,000
//! took 24 s, a megabyte over a minute, before serde's recursion limit refused it. Under `gloss
//! serve` one such save stalled the next rebuild as long. No front matter or glossary needs more
//! than a few levels, so the text is scanned once, in linear time, and refused past
//! [`MAX_FLOW_DEPTH`] with the line where the limit is crossed.
//!
//! The scan knows just enough YAML to count only the brackets that open collections: not those
//! in quoted strings, comments, block scalars (`|`, `>`) or inside a plain value (`title: a[b`).

/// Deeper flow collections are refused. serde_yaml refuses 128 levels anyway, later and slower.
pub(super) const MAX_FLOW_DEPTH: usize = 64;

/// The 1-based line (of `yaml`) where flow nesting first exceeds [`MAX_FLOW_DEPTH`], if it does.
pub(super) fn too_deep_at(yaml: &str) -> Option<usize> {
    let mut scan = Scan::default();
    for (index, line) in yaml.split('\n').enumerate() {
        if scan.line(line) {
            return Some(index + 1);
        }
    }
    None
}

#[derive(Default)]
struct Scan {
    depth: usize,
    /// Inside a quoted scalar that continues on the next line: its quote character.
    quote: Option<u8>,
    /// Inside a block scalar: lines indented more than this are its text.
    block_indent: Option<usize>,
}

impl Scan {
    /// Scans one line; `true` when the nesting limit is crossed on it.
    fn line(&mut self, line: &str) -> bool {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|b| **b == b' ').count();
        if let Some(block) = self.block_indent {
            if bytes[indent..].iter().all(u8::is_ascii_whitespace) || indent > block {
                return false;
            }
            self.block_indent = None;
        }
        let mut at = 0;
        // Whether a value may start here: only there does `[` open a collection at depth 0.
        let mut value_start = true;
        while at < bytes.len() {
            if let Some(quote) = self.quote {
                at = skip_quoted(bytes, at, quote, &mut self.quote);
                value_start = false;
                continue;
            }
            let byte = bytes[at];
            let after_space = at == 0 || matches!(bytes[at - 1], b' ' | b'\t');
            match byte {
                b' ' | b'\t' => {}
                b'#' if after_space => return false,
                b'"' | b'\'' if value_start || self.depth > 0 => {
                    self.quote = Some(byte);
                    at += 1;
                    continue;
                }
                b'[' | b'{' if value_start || self.depth > 0 => {
                    self.depth += 1;
                    if self.depth > MAX_FLOW_DEPTH {
                        return true;
                    }
                    value_start = true;
                }
                b']' | b'}' if self.depth > 0 => {
                    self.depth -= 1;
                    value_start = false;
                }
                b',' if self.depth > 0 => value_start = true,
                b':' | b'-' | b'?' if is_indicator(bytes, at) => value_start = true,
                b'|' | b'>' if value_start && self.depth == 0 => {
                    self.block_indent = Some(indent);
                    return false;
                }
                _ => value_start = false,
            }
            at += 1;
        }
        false
    }
}

/// Whether `:`, `-` or `?` at `at` is an indicator (followed by a space or the line's end),
/// not part of a word (`a:b`, `x-y`).
fn is_indicator(bytes: &[u8], at: usize) -> bool {
    bytes.get(at + 1).is_none_or(|b| matches!(b, b' ' | b'\t'))
}

/// Skips inside a quoted scalar from `at`; clears `open` at its closing quote. Returns the
/// position after the closing quote, or the line's end.
fn skip_quoted(bytes: &[u8], mut at: usize, quote: u8, open: &mut Option<u8>) -> usize {
    while at < bytes.len() {
        let byte = bytes[at];
        if quote == b'"' && byte == b'\\' {
            at += 2;
            continue;
        }
        if byte == quote {
            // `''` inside a single-quoted scalar is an escaped quote.
            if quote == b'\'' && bytes.get(at + 1) == Some(&b'\'') {
                at += 2;
                continue;
            }
            *open = None;
            return at + 1;
        }
        at += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_nesting_is_found_on_its_line() {
        let deep = format!("title: t\nextra: {}\n", "[".repeat(100));
        assert_eq!(too_deep_at(&deep), Some(2));
        let braces = format!("title: t\nextra:\n  a: {}", "{b: ".repeat(65));
        assert_eq!(too_deep_at(&braces), Some(3));
        assert_eq!(too_deep_at(&format!("a: {}", "[".repeat(MAX_FLOW_DEPTH))), None);
    }

    #[test]
    fn brackets_that_open_nothing_are_not_counted() {
        let many = "[".repeat(200);
        for yaml in [
            format!("title: \"{many}\""),
            format!("title: '{many} it''s'"),
            format!("title: a{many}"),
            format!("# {many}\ntitle: t"),
            format!("summary: |\n  {many}\n  more\ntitle: t"),
            format!("title: \"multi\n  line {many}\""),
            format!("tags: [a, \"{many}\", b]"),
        ] {
            assert_eq!(too_deep_at(&yaml), None, "{yaml}");
        }
    }

    #[test]
    fn ordinary_front_matter_passes() {
        let yaml = "title: \"A: b\"\ntags: [a, b]\nimages:\n  - src: x.jpg\n    alt: '[1]'\nextra: {a: [1, {b: 2}]}\n";
        assert_eq!(too_deep_at(yaml), None);
    }
}
