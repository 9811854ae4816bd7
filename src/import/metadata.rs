//! Article metadata from a page's machine-readable parts: JSON-LD, `<meta>` tags, `<title>`,
//! `<link rel=canonical>`. Visible-text clues (bylines, `입력 …` dates) are handled by
//! `import::body` and `import::dates`; this module only reads what the page declares.

use scraper::Html;
use serde_json::Value;

use crate::import::text::{built_in_selector, clean_text};

/// What the page declares about its article. Every field is optional: pages declare little.
#[derive(Debug, Clone, Default)]
pub struct DeclaredMeta {
    /// JSON-LD `headline`, else `<meta name="headline">`.
    pub headline: Option<String>,
    /// JSON-LD `name` of the article object: some pages (Wikipedia) give the title there and a
    /// description in `headline`.
    pub article_name: Option<String>,
    /// The best title meta tag, in Readability's order of trust: `dc:title`, `dcterm:title`,
    /// `og:title`, `weibo:*:title`, `title`, `twitter:title`, `parsely-title`.
    pub og_title: Option<String>,
    /// `<title>`.
    pub html_title: Option<String>,
    /// Published date as written.
    pub published: Option<String>,
    /// Modified date as written.
    pub modified: Option<String>,
    /// Author names (JSON-LD, `author` meta). URLs are dropped.
    pub authors: Vec<String>,
    /// `og:site_name`, JSON-LD publisher.
    pub site_name: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// `description` / `og:description`.
    pub description: Option<String>,
    /// Keywords and `article:tag`.
    pub keywords: Vec<String>,
    /// JSON-LD `articleBody`, for pages whose HTML body is empty.
    pub article_body: Option<String>,
    /// `<html lang>`.
    pub language: Option<String>,
}

/// Reads the declared metadata of a parsed page.
pub fn read(document: &Html) -> DeclaredMeta {
    let mut meta = DeclaredMeta::default();
    read_json_ld(document, &mut meta);
    let mut meta_authors = Vec::new();
    let mut titles: Vec<(usize, String)> = Vec::new();
    let metas = built_in_selector("meta");
    for element in document.select(&metas) {
        let Some(content) =
            element.value().attr("content").map(clean_text).filter(|c| !c.is_empty())
        else {
            continue;
        };
        // `<meta name="headline">`: the bare headline some Korean CMSs declare beside a
        // decorated `og:title` (`제목-정치ㅣ한국일보`); JSON-LD's, read first, still wins.
        // (Not `itemprop="headline"`: microdata headlines are often a teaser variant.)
        if element.value().attr("name").is_some_and(|n| n.eq_ignore_ascii_case("headline")) {
            set(&mut meta.headline, content.clone());
        }
        // `property` may list several names (`og:title twitter:title`); `DC.title` = `dc:title`.
        let names = [
            element.value().attr("property"),
            element.value().attr("name"),
            element.value().attr("itemprop"),
        ];
        for name in names.into_iter().flatten().flat_map(str::split_whitespace) {
            let name = name.to_ascii_lowercase();
            if let Some(rank) = TITLE_KEYS.iter().position(|k| *k == name.replace('.', ":")) {
                titles.push((rank, content.clone()));
            }
            read_meta_field(&mut meta, &mut meta_authors, &name, &content);
        }
    }
    // Among tags of equal rank the last one wins, as in Readability.
    meta.og_title = titles.into_iter().rev().min_by_key(|(rank, _)| *rank).map(|(_, title)| title);
    if meta.authors.is_empty() {
        meta.authors = meta_authors;
    }
    read_head(document, &mut meta);
    meta
}

/// Title meta names, most trusted first (the order Readability uses).
const TITLE_KEYS: &[&str] = &[
    "dc:title",
    "dcterm:title",
    "og:title",
    "weibo:article:title",
    "weibo:webpage:title",
    "title",
    "twitter:title",
    "parsely-title",
];

/// One `<meta name=… content=…>` pair, name lowercased.
fn read_meta_field(
    meta: &mut DeclaredMeta,
    meta_authors: &mut Vec<String>,
    name: &str,
    content: &str,
) {
    let content = content.to_owned();
    match name {
        "article:published_time"
        | "og:article:published_time"
        | "datepublished"
        | "pubdate"
        | "publishdate"
        | "date"
        | "dc.date"
        | "dc:date"
        | "dc.date.issued"
        | "article.published"
        | "sailthru.date"
        | "parsely-pub-date"
        | "publish-date"
        | "article_date_original"
        | "cxenseparse:recs:publishtime" => set(&mut meta.published, content),
        "article:modified_time" | "og:updated_time" | "datemodified" | "last-modified" => {
            set(&mut meta.modified, content)
        }
        "author" | "article:author" | "byl" | "dc.creator" | "dc:creator" | "sailthru.author"
        | "parsely-author" => add_authors(meta_authors, &content),
        "og:site_name" | "application-name" => set(&mut meta.site_name, content),
        "og:url" => set(&mut meta.url, content),
        "description" | "og:description" | "twitter:description" => {
            set(&mut meta.description, content)
        }
        "keywords" | "news_keywords" | "article:tag" => add_keywords(&mut meta.keywords, &content),
        _ => {}
    }
}

/// `<title>`, the canonical link and `<html lang>`.
fn read_head(document: &Html, meta: &mut DeclaredMeta) {
    if let Some(title) = document.select(&built_in_selector("head title, title")).next() {
        let text = clean_text(&title.text().collect::<String>());
        if !text.is_empty() {
            meta.html_title = Some(text);
        }
    }
    let canonical = document
        .select(&built_in_selector("link[rel=canonical]"))
        .next()
        .and_then(|e| e.value().attr("href"));
    if let Some(href) = canonical.filter(|h| h.starts_with("http")) {
        meta.url = Some(href.trim().to_owned());
    }
    if let Some(lang) =
        document.select(&built_in_selector("html")).next().and_then(|e| e.value().attr("lang"))
    {
        meta.language = Some(lang.trim().to_ascii_lowercase());
    }
}

/// Keeps the first value found: JSON-LD is read first and is the most specific.
fn set(slot: &mut Option<String>, value: String) {
    if slot.is_none() {
        *slot = Some(value);
    }
}

fn add_authors(authors: &mut Vec<String>, value: &str) {
    if value.contains("://") || value.trim_start().starts_with("www.") {
        return;
    }
    for name in value.split([',', ';', '/', '|']).map(str::trim) {
        let looks_like_name = !name.is_empty()
            && !name.contains("://")
            && !name.contains('@')
            && !name.starts_with("www.")
            && name.chars().count() <= 40;
        if looks_like_name && !authors.iter().any(|a| a == name) {
            authors.push(name.to_owned());
        }
    }
}

fn add_keywords(keywords: &mut Vec<String>, value: &str) {
    for word in
        value.split([',', ';']).map(str::trim).filter(|w| !w.is_empty() && w.chars().count() <= 30)
    {
        if !keywords.iter().any(|k| k.eq_ignore_ascii_case(word)) {
            keywords.push(word.to_owned());
        }
    }
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "OpinionNewsArticle",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "LiveBlogPosting",
];

/// The JSON of a JSON-LD script: without a trailing `;`, and without the `<![CDATA[ … ]]>`
/// wrapper some CMSs put around it (inside `<script>` that is plain text, not markup).
fn json_ld_text(script: &str) -> &str {
    let text = script.trim();
    let text = match text.strip_prefix("<![CDATA[") {
        Some(inner) => inner.trim_end().strip_suffix("]]>").unwrap_or(inner),
        None => text,
    };
    text.trim().trim_end_matches(';')
}

fn read_json_ld(document: &Html, meta: &mut DeclaredMeta) {
    for script in document.select(&built_in_selector("script[type='application/ld+json']")) {
        let text: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(json_ld_text(&text)) else {
            continue;
        };
        let mut objects = Vec::new();
        collect_objects(&value, &mut objects, 0);
        for object in objects.into_iter().filter(|o| is_article(o)) {
            if let Some(h) = string_of(object.get("headline")) {
                set(&mut meta.headline, h);
            }
            if let Some(n) = string_of(object.get("name")) {
                set(&mut meta.article_name, n);
            }
            if let Some(d) = string_of(object.get("datePublished")) {
                set(&mut meta.published, d);
            }
            if let Some(d) = string_of(object.get("dateModified")) {
                set(&mut meta.modified, d);
            }
            if meta.authors.is_empty() {
                for name in names_of(object.get("author")) {
                    add_authors(&mut meta.authors, &name);
                }
            }
            if let Some(p) = names_of(object.get("publisher")).into_iter().next() {
                set(&mut meta.site_name, p);
            }
            if let Some(d) = string_of(object.get("description")) {
                set(&mut meta.description, d);
            }
            // The body keeps its markup and line breaks: no whitespace collapsing.
            let raw_body = object
                .get("articleBody")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|b| !b.is_empty());
            if let Some(body) = raw_body.map(str::to_owned) {
                set(&mut meta.article_body, body);
            }
            match object.get("keywords") {
                Some(Value::String(k)) => add_keywords(&mut meta.keywords, k),
                Some(Value::Array(list)) => list
                    .iter()
                    .filter_map(Value::as_str)
                    .for_each(|k| add_keywords(&mut meta.keywords, k)),
                _ => {}
            }
        }
    }
}

fn collect_objects<'a>(
    value: &'a Value,
    out: &mut Vec<&'a serde_json::Map<String, Value>>,
    depth: usize,
) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| collect_objects(v, out, depth + 1)),
        Value::Object(map) => {
            out.push(map);
            if let Some(graph) = map.get("@graph") {
                collect_objects(graph, out, depth + 1);
            }
            if let Some(main) = map.get("mainEntity") {
                collect_objects(main, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn is_article(object: &serde_json::Map<String, Value>) -> bool {
    match object.get("@type") {
        Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
        Some(Value::Array(types)) => {
            types.iter().filter_map(Value::as_str).any(|t| ARTICLE_TYPES.contains(&t))
        }
        _ => false,
    }
}

fn string_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(clean_text(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(|v| string_of(Some(v))),
        _ => None,
    }
}

fn names_of(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![clean_text(s)],
        Some(Value::Object(o)) => string_of(o.get("name")).into_iter().collect(),
        Some(Value::Array(items)) => items.iter().flat_map(|v| names_of(Some(v))).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_and_meta_are_read() {
        let html = Html::parse_document(
            r#"<html lang="ko"><head><title>제목 | 신문</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
              {"@type":"NewsArticle","headline":"진짜 제목","datePublished":"2025-06-04T02:37:08+09:00",
               "author":[{"@type":"Person","name":"배윤경"},{"name":"이상현"}],"publisher":{"name":"매일경제"},
               "keywords":["대선","이재명"]}]}</script>
            <meta property="og:title" content="OG 제목">
            <meta name="author" content="https://facebook.com/x">
            <meta property="article:published_time" content="2020-01-01">
            <meta name="description" content="&amp;#039;통합&amp;#039;을 외쳤다">
            <link rel="canonical" href="https://www.mk.co.kr/news/1">
            </head><body></body></html>"#,
        );
        let meta = read(&html);
        assert_eq!(meta.headline.as_deref(), Some("진짜 제목"));
        assert_eq!(meta.og_title.as_deref(), Some("OG 제목"));
        assert_eq!(meta.html_title.as_deref(), Some("제목 | 신문"));
        assert_eq!(meta.published.as_deref(), Some("2025-06-04T02:37:08+09:00"), "JSON-LD wins");
        assert_eq!(meta.authors, vec!["배윤경", "이상현"]);
        assert_eq!(meta.site_name.as_deref(), Some("매일경제"));
        assert_eq!(meta.keywords, vec!["대선", "이재명"]);
        assert_eq!(meta.description.as_deref(), Some("'통합'을 외쳤다"));
        assert_eq!(meta.url.as_deref(), Some("https://www.mk.co.kr/news/1"));
        assert_eq!(meta.language.as_deref(), Some("ko"));
    }

    #[test]
    fn json_ld_in_cdata_is_read() {
        // As on theverge.com and vox.com.
        let html = Html::parse_document(
            "<script type=\"application/ld+json\">\n        <![CDATA[\n        {\"@context\":\"http://schema.org/\",\"@type\":\"NewsArticle\",\"headline\":\"Apple’s Vision Pro hands-on\"}\n        ]]>\n        </script>",
        );
        assert_eq!(read(&html).headline.as_deref(), Some("Apple’s Vision Pro hands-on"));
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let html = Html::parse_document(
            r#"<script type="application/ld+json">{"@type": "NewsArticle", </script>"#,
        );
        assert!(read(&html).headline.is_none());
    }
}
