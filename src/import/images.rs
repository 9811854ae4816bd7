//! Images of an imported article, read back from the Markdown body the converter wrote
//! (`![alt](src "caption")`), with each caption split into the caption proper and its credit.

use std::sync::OnceLock;

use regex::Regex;

use crate::import::text::{
    built_in_regex, collapse_spaces, compile_built_in, strip_escapes_and_emphasis,
};

use crate::import::article::ImportedImage;

/// Every image of the body, in order, once each.
pub fn images_of(markdown: &str) -> Vec<ImportedImage> {
    static IMAGE: OnceLock<Regex> = OnceLock::new();
    let re = built_in_regex(
        &IMAGE,
        r#"!\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^\s)>]+)>?(?:\s+"((?:[^"\\]|\\.)*)")?\s*\)"#,
    );
    let mut images: Vec<ImportedImage> = Vec::new();
    for c in re.captures_iter(markdown) {
        let src = c[2].to_owned();
        if images.iter().any(|i| i.src == src) {
            continue;
        }
        let alt = Some(strip_escapes_and_emphasis(&c[1])).filter(|a| !a.trim().is_empty());
        let (caption, credit) = match c.get(3) {
            Some(title) => split_credit(&strip_escapes_and_emphasis(title.as_str())),
            None => (None, None),
        };
        images.push(ImportedImage { src, alt, caption, credit });
    }
    images
}

/// `… 모습. ⓒ 로이터=뉴스1 ⓒ News1 김성식 기자` → (`… 모습.`, `로이터=뉴스1 News1 김성식 기자`);
/// `…(샘 올트먼 CEO X 갈무리)` → (`…`, `샘 올트먼 CEO X 갈무리`); `… [사진 출처 = 캠프]`,
/// `… /사진=연합뉴스`, `… (AP Photo/Jane Doe)`, `… Photo: Jane Doe` likewise.
pub fn split_credit(caption: &str) -> (Option<String>, Option<String>) {
    static PATTERNS: OnceLock<Vec<Regex>> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        [
            r"^(?s)(.*?)\s*[ⓒ©]\s*(.+)$",
            r"^(?s)(.*?)\s*[\[(]\s*((?:사진|그래픽|자료|영상)\s*(?:출처|제공)?\s*[=:]\s*[^\])]+)[\])]\s*$",
            r"^(?s)(.*?)\s*[/|]\s*((?:사진|그래픽|자료)\s*(?:출처|제공)?\s*[=:]\s*.+)$",
            r"^(?s)(.*?)\s*\(([^()]*(?:갈무리|캡처|제공|출처)[^()]*)\)\s*$",
            r"^(?s)(.*?)\s*\(((?:AP|AFP|Reuters|Getty|EPA|Bloomberg)[^()]*)\)\s*$",
            r"^(?s)(.*?)\s*((?:Photo|Photograph|Credit|Image)s?\s*(?:by|:)\s*.+)$",
        ]
        .iter()
        .map(|p| compile_built_in(p))
        .collect()
    });
    let caption = collapse_spaces(caption);
    for re in patterns {
        if let Some(c) = re.captures(&caption) {
            let text = c[1].trim().to_owned();
            let credit = collapse_spaces(&c[2].replace(['ⓒ', '©'], " "));
            let credit = credit
                .trim_start_matches(|ch: char| "사진그래픽자료출처제공=: ".contains(ch))
                .trim()
                .to_owned();
            return (Some(text).filter(|t| !t.is_empty()), Some(credit).filter(|c| !c.is_empty()));
        }
    }
    (Some(caption).filter(|c| !c.is_empty()), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_are_split_from_captions() {
        assert_eq!(
            split_credit("발언하는 모습. ⓒ 로이터=뉴스1 ⓒ News1 김성식 기자"),
            (Some("발언하는 모습.".into()), Some("로이터=뉴스1 News1 김성식 기자".into()))
        );
        assert_eq!(
            split_credit(
                "사티야 나델라 MS CEO(왼쪽)과 샘 올트먼 오픈AI CEO(샘 올트먼 CEO X 갈무리)"
            ),
            (
                Some("사티야 나델라 MS CEO(왼쪽)과 샘 올트먼 오픈AI CEO".into()),
                Some("샘 올트먼 CEO X 갈무리".into())
            )
        );
        assert_eq!(
            split_credit("소년공 시절의 모습. [사진 출처 = 이재명 캠프]"),
            (Some("소년공 시절의 모습.".into()), Some("이재명 캠프".into()))
        );
        assert_eq!(
            split_credit("Protesters gather (AP Photo/Jane Doe)"),
            (Some("Protesters gather".into()), Some("AP Photo/Jane Doe".into()))
        );
        assert_eq!(split_credit("그냥 설명(왼쪽)"), (Some("그냥 설명(왼쪽)".into()), None));
    }

    #[test]
    fn images_are_read_from_markdown_once() {
        let md = "![대체](https://e.com/a.jpg \"설명 ⓒ 뉴스1\")\n\n본문 ![b](/b.png)\n\n![대체](https://e.com/a.jpg)\n";
        let images = images_of(md);
        assert_eq!(images.len(), 2);
        assert_eq!(images[0].caption.as_deref(), Some("설명"));
        assert_eq!(images[0].credit.as_deref(), Some("뉴스1"));
        assert_eq!(images[1].src, "/b.png");
    }
}
