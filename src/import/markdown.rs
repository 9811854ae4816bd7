//! Article HTML → Markdown. PLACEHOLDER: being replaced by the full implementation.

/// Converts an article's HTML fragment to Markdown; relative links resolve against `base`.
pub fn html_to_markdown(html: &str, base: Option<&url::Url>) -> String {
    let _ = base;
    scraper::Html::parse_fragment(html).root_element().text().collect::<Vec<_>>().join("")
}
