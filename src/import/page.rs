//! What kind of input a page is. Full HTML pages are parsed as they are. Text dumps (a saved
//! portal page: title and page metadata as text, then the article's HTML, then page junk as
//! text) are cut into their leading text, which carries the title and date, and their HTML part;
//! the trailing text (related links, comments) is dropped with the text outside the HTML.

/// An input ready for parsing.
#[derive(Debug, Clone)]
pub struct Page {
    /// A complete HTML document.
    pub html: String,
    /// For a text dump, the plain text before its HTML: title, date, page chrome.
    pub lead_text: Option<String>,
}

impl Page {
    /// Classifies decoded input text.
    pub fn from_text(text: &str) -> Page {
        if looks_like_document(text) {
            return Page { html: text.to_owned(), lead_text: None };
        }
        let Some(first_tag) = find_first_tag(text) else {
            // No HTML at all: a plain text file, one paragraph per line.
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            let lead = lines.next().map(str::to_owned);
            let body: String = lines.map(|l| format!("<p>{}</p>\n", escape(l))).collect();
            return Page {
                html: format!("<html><body><article>{body}</article></body></html>"),
                lead_text: lead,
            };
        };
        let last_tag_end = text.rfind('>').map_or(text.len(), |i| i + 1);
        let lead = text[..first_tag].trim();
        let html = &text[first_tag..last_tag_end.max(first_tag)];
        Page {
            html: format!("<html><head></head><body>{html}</body></html>"),
            lead_text: (!lead.is_empty()).then(|| lead.to_owned()),
        }
    }
}

fn looks_like_document(text: &str) -> bool {
    let head: String =
        text.trim_start().chars().take(2048).collect::<String>().to_ascii_lowercase();
    head.starts_with('<')
        && (head.contains("<html")
            || head.contains("<!doctype")
            || head.contains("<head")
            || head.contains("<body"))
        || head.contains("<html")
}

/// The byte offset of the first thing that looks like an HTML tag (`<letter` or `</` or `<!`).
fn find_first_tag(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(1)).find(|&i| {
        bytes[i] == b'<'
            && (bytes[i + 1].is_ascii_alphabetic() || bytes[i + 1] == b'/' || bytes[i + 1] == b'!')
    })
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_dump_keeps_its_lead_text_and_html_but_not_its_trailing_junk() {
        let page = Page::from_text(
            "기사 제목 작성일 08-17 21 목록 <div><p>본문</p></div> 관련자료 댓글 0",
        );
        assert_eq!(page.lead_text.as_deref(), Some("기사 제목 작성일 08-17 21 목록"));
        assert!(page.html.contains("<p>본문</p>"));
        assert!(!page.html.contains("관련자료"));
    }

    #[test]
    fn a_full_page_is_kept_whole() {
        let page = Page::from_text(
            "<!DOCTYPE html><html><head><title>t</title></head><body>x</body></html>",
        );
        assert!(page.lead_text.is_none());
        assert!(page.html.contains("<title>t</title>"));
    }

    #[test]
    fn plain_text_becomes_paragraphs() {
        let page = Page::from_text("제목\n\n첫 문단 <아님\n둘째 문단\n");
        assert_eq!(page.lead_text.as_deref(), Some("제목"));
        assert!(page.html.contains("<p>첫 문단 &lt;아님</p>"), "{}", page.html);
    }
}
