//! What templates see. Each view is a `Serialize` struct borrowed from the model, so the domain
//! types stay free of template concerns and a template change never reaches the model.
//! The README's "Template variables" section documents these fields; keep the two in step.

use serde::Serialize;

use crate::config::Config;
use crate::config::site_url;
use crate::content::front_matter::{ExtraValue, Image};
use crate::content::{Article, Library, Section, Tag};
use crate::markdown::is_dangerous_url;

/// `site` in every template.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub author: &'a str,
    pub base_url: &'a str,
    /// Whether the site has timeline pages (`[timeline] pages`).
    pub timeline: bool,
}

impl<'a> SiteView<'a> {
    pub fn new(config: &'a Config) -> SiteView<'a> {
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            author: &config.author,
            base_url: config.base_url.as_str(),
            timeline: config.timeline.pages,
        }
    }
}

/// A link: `{title, path}` or `{name, path}` for tags.
#[derive(Debug, Clone, Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub path: String,
}

/// A tag as shown on articles and the tag list.
#[derive(Debug, Clone, Serialize)]
pub struct TagLink<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub path: String,
    pub count: usize,
}

impl<'a> TagLink<'a> {
    pub fn new(config: &Config, tag: &'a Tag) -> TagLink<'a> {
        TagLink {
            name: &tag.name,
            slug: &tag.slug,
            path: tag_path(config, &tag.slug),
            count: tag.articles.len(),
        }
    }
}

/// The URL path of a tag page.
pub fn tag_path(config: &Config, slug: &str) -> String {
    site_url(&config.base_url, &format!("tags/{slug}/"), false)
}

/// An image with its URL resolved for the page.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView<'a> {
    pub src: String,
    pub alt: &'a str,
    pub caption: Option<&'a str>,
    pub credit: Option<&'a str>,
}

impl<'a> ImageView<'a> {
    /// `None` for an image whose URL could run script (`javascript:`, `data:`): front matter
    /// is as untrusted as the page it was imported from.
    fn new(config: &Config, article_url: &str, image: &'a Image) -> Option<ImageView<'a>> {
        (!is_dangerous_url(&image.src)).then(|| ImageView {
            src: resolve_src(config, article_url, &image.src),
            alt: image.alt.as_deref().or(image.caption.as_deref()).unwrap_or(""),
            caption: image.caption.as_deref(),
            credit: image.credit.as_deref(),
        })
    }
}

/// A link target from front matter, or `None` when it could run script.
fn safe_url(url: Option<&str>) -> Option<&str> {
    url.filter(|u| !is_dangerous_url(u))
}

/// Makes an image URL absolute: full URLs stay, `/x` is under the base URL, `x` is next to the
/// article. Absolute URLs work in feeds and Open Graph tags as well as in pages.
pub fn resolve_src(config: &Config, article_url: &str, src: &str) -> String {
    url_characters(&resolve(config, article_url, src))
}

fn resolve(config: &Config, article_url: &str, src: &str) -> String {
    if src.contains("://") || src.starts_with("//") {
        return src.to_owned();
    }
    if src.starts_with('/') {
        // Bodies already carry site-rooted URLs under the base path (`/repo/img/x.png`).
        let base_path = config.base_path();
        if base_path != "/" && src.starts_with(base_path) {
            return format!("{}{src}", config.base_url.origin().ascii_serialization());
        }
        return site_url(&config.base_url, src, true);
    }
    let page = site_url(&config.base_url, article_url, true);
    url::Url::parse(&page)
        .and_then(|u| u.join(src))
        .map_or_else(|_| src.to_owned(), |u| u.to_string())
}

/// A URL with the characters a URL may not hold (`{`, `}`, `|`, spaces, quotes …)
/// percent-encoded, as a Markdown body's URLs are: a card must name an image exactly as its
/// article does, and `src="…}…"` is invalid HTML. Escapes already there are kept.
fn url_characters(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let _ = pulldown_cmark_escape::escape_href(&mut out, url);
    // `escape_href` also writes `&` as `&amp;` for HTML; templates escape once more.
    out.replace("&amp;", "&")
}

/// Where an article was published.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView<'a> {
    pub name: &'a str,
    pub url: Option<&'a str>,
}

/// An article in a listing (`p` in `partials/article_card.html`).
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary<'a> {
    pub title: &'a str,
    pub path: String,
    pub permalink: String,
    pub date: Option<String>,
    pub date_human: Option<String>,
    pub summary: Option<&'a str>,
    pub authors: &'a [String],
    pub source: Option<SourceView<'a>>,
    pub lead_image: Option<ImageView<'a>>,
    pub tags: Vec<TagLink<'a>>,
}

impl<'a> ArticleSummary<'a> {
    pub fn new(
        config: &Config,
        library: &'a Library,
        article: &'a Article,
        body_images: &[String],
    ) -> Self {
        let korean = config.is_korean();
        let meta = &article.meta;
        let lead_image =
            meta.images.iter().find_map(|i| ImageView::new(config, &article.url, i)).or_else(
                || {
                    body_images.iter().find(|src| !src.is_empty() && !is_dangerous_url(src)).map(
                        |src| ImageView {
                            src: resolve_src(config, &article.url, src),
                            alt: "",
                            caption: None,
                            credit: None,
                        },
                    )
                },
            );
        ArticleSummary {
            title: &meta.title,
            path: site_url(&config.base_url, &article.url, false),
            permalink: site_url(&config.base_url, &article.url, true),
            date: meta.date.map(|d| d.to_iso()),
            date_human: meta.date.map(|d| d.to_human(korean)),
            summary: meta.summary.as_deref(),
            authors: &meta.authors,
            source: meta
                .source
                .as_ref()
                .map(|s| SourceView { name: &s.name, url: safe_url(s.url.as_deref()) }),
            lead_image,
            tags: tags_of(config, library, article),
        }
    }
}

fn tags_of<'a>(config: &Config, library: &'a Library, article: &Article) -> Vec<TagLink<'a>> {
    let mut seen = Vec::new();
    for slug in &article.tag_slugs {
        if let Some(tag) = library.tag(slug)
            && !seen.iter().any(|t: &TagLink<'_>| t.slug == tag.slug)
        {
            seen.push(TagLink::new(config, tag));
        }
    }
    seen
}

/// A timeline entry of an article.
#[derive(Debug, Clone, Serialize)]
pub struct EventView<'a> {
    pub date: String,
    pub date_human: String,
    pub end: Option<String>,
    pub end_human: Option<String>,
    pub text: &'a str,
    /// `text` as HTML with glossary terms linked.
    pub text_html: &'a str,
    pub approx: bool,
}

/// A glossary entry of an article.
#[derive(Debug, Clone, Serialize)]
pub struct GlossaryView<'a> {
    pub term: &'a str,
    pub definition: &'a str,
    pub aliases: &'a [String],
}

/// A term as an article's term box shows it (`page.terms`).
#[derive(Debug, Serialize)]
pub struct TermRef<'a> {
    pub name: &'a str,
    pub path: String,
    pub definition: String,
}

/// `page` in `article.html`.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    #[serde(flatten)]
    pub summary: ArticleSummary<'a>,
    pub content: &'a str,
    pub updated: Option<String>,
    pub updated_human: Option<String>,
    pub date_time_human: Option<String>,
    pub dateline: Option<&'a str>,
    pub copyright: Option<&'a str>,
    pub images: Vec<ImageView<'a>>,
    pub gallery: Vec<ImageView<'a>>,
    pub glossary: Vec<GlossaryView<'a>>,
    pub terms: Vec<TermRef<'a>>,
    pub timeline: Vec<EventView<'a>>,
    pub section: Option<Link<'a>>,
    pub earlier: Option<Link<'a>>,
    pub later: Option<Link<'a>>,
    pub extra: &'a std::collections::BTreeMap<String, ExtraValue>,
    pub file: String,
    /// `NewsArticle` structured data (schema.org JSON-LD), ready for a `<script>` element.
    pub json_ld: String,
}

/// Inputs for an [`ArticleView`] beyond the article itself.
pub struct ArticleParts<'a> {
    pub content: &'a str,
    pub body_images: &'a [String],
    pub earlier: Option<&'a Article>,
    pub later: Option<&'a Article>,
    pub terms: Vec<TermRef<'a>>,
    pub timeline_html: &'a [String],
}

impl<'a> ArticleView<'a> {
    pub fn new(
        config: &Config,
        library: &'a Library,
        article: &'a Article,
        parts: ArticleParts<'a>,
    ) -> Self {
        let korean = config.is_korean();
        let meta = &article.meta;
        let shown: Vec<(ImageView<'a>, &Image)> = meta
            .images
            .iter()
            .filter_map(|i| ImageView::new(config, &article.url, i).map(|view| (view, i)))
            .collect();
        // Images already placed in the body are not repeated above it.
        let gallery = shown
            .iter()
            .filter(|(view, image)| {
                !parts
                    .body_images
                    .iter()
                    .any(|b| *b == image.src || resolve_src(config, &article.url, b) == view.src)
            })
            .map(|(view, _)| view.clone())
            .collect();
        let images: Vec<ImageView<'a>> = shown.into_iter().map(|(view, _)| view).collect();
        let link = |a: &'a Article| Link {
            title: &a.meta.title,
            path: site_url(&config.base_url, &a.url, false),
        };
        let summary = ArticleSummary::new(config, library, article, parts.body_images);
        let section_view = article
            .section
            .as_deref()
            .and_then(|key| library.section(key))
            .map(|s| section_link(config, s));
        let json_ld = news_article(config, article, &summary, &images, section_view.as_ref());
        ArticleView {
            json_ld,
            summary,
            content: parts.content,
            updated: meta.updated.map(|d| d.to_iso()),
            updated_human: meta.updated.map(|d| d.to_human(korean)),
            date_time_human: meta.date.map(|d| d.to_human_with_time(korean)),
            dateline: meta.dateline.as_deref(),
            copyright: meta.copyright.as_deref(),
            images,
            gallery,
            glossary: meta
                .glossary
                .iter()
                .map(|g| GlossaryView {
                    term: &g.term,
                    definition: &g.definition,
                    aliases: &g.aliases,
                })
                .collect(),
            timeline: meta
                .timeline
                .iter()
                .zip(parts.timeline_html)
                .map(|(e, html)| EventView {
                    date: e.date.to_iso(),
                    date_human: e.date.to_human(korean),
                    end: e.end.map(|d| d.to_iso()),
                    end_human: e.end.map(|d| d.to_human(korean)),
                    text: &e.text,
                    text_html: html,
                    approx: e.approx,
                })
                .collect(),
            terms: parts.terms,
            section: section_view,
            earlier: parts.earlier.map(link),
            later: parts.later.map(link),
            extra: &meta.extra,
            file: article.file.display().to_string(),
        }
    }
}

/// An article as schema.org's `NewsArticle`, for search engines and link previews: headline,
/// dates, authors as `Person`s, the outlet as publisher, images, language, and the original
/// article it is based on.
fn news_article(
    config: &Config,
    article: &Article,
    summary: &ArticleSummary<'_>,
    images: &[ImageView<'_>],
    section: Option<&Link<'_>>,
) -> String {
    let meta = &article.meta;
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": meta.title,
        "url": summary.permalink,
        "mainEntityOfPage": summary.permalink,
        "inLanguage": config.language,
    });
    let fields = [
        ("datePublished", meta.date.map(|d| serde_json::json!(d.to_iso()))),
        ("dateModified", meta.updated.or(meta.date).map(|d| serde_json::json!(d.to_iso()))),
        ("description", meta.summary.as_ref().map(|s| serde_json::json!(s))),
        (
            "author",
            (!meta.authors.is_empty()).then(|| {
                let people: Vec<_> = meta
                    .authors
                    .iter()
                    .map(|name| serde_json::json!({"@type": "Person", "name": name}))
                    .collect();
                serde_json::json!(people)
            }),
        ),
        (
            "publisher",
            Some(serde_json::json!({
                "@type": "Organization",
                "name": meta.source.as_ref().map_or(config.title.as_str(), |s| s.name.as_str()),
            })),
        ),
        (
            "image",
            (!images.is_empty())
                .then(|| serde_json::json!(images.iter().map(|i| &i.src).collect::<Vec<_>>())),
        ),
        ("isBasedOn", summary.source.as_ref().and_then(|s| s.url).map(|u| serde_json::json!(u))),
        ("keywords", (!meta.tags.is_empty()).then(|| serde_json::json!(meta.tags))),
        ("articleSection", section.map(|s| serde_json::json!(s.title))),
    ];
    if let Some(object) = value.as_object_mut() {
        for (key, field) in fields {
            if let Some(field) = field {
                object.insert(key.to_owned(), field);
            }
        }
    }
    script_json(&value)
}

/// JSON for the inside of a `<script>` element: `<`, `>` and `&` escaped, so no text in it can
/// close the element or open a comment, whatever the data holds.
pub fn script_json(value: &serde_json::Value) -> String {
    let json = value.to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// A section in the navigation.
pub fn section_link<'a>(config: &Config, section: &'a Section) -> Link<'a> {
    Link { title: &section.title, path: site_url(&config.base_url, &section.url, false) }
}

/// `section` in `section.html`.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub path: String,
    pub content: String,
}

/// Where page `current` of `total` is among its siblings: `paginator` on timeline pages, and
/// the navigation part of a listing's [`Paginator`], so one `pagination.html` partial serves
/// both.
#[derive(Debug, Serialize)]
pub struct PageNav {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl PageNav {
    /// Page `current` of `total` of the paginated pages at `url`.
    pub fn new(config: &Config, url: &str, current: usize, total: usize) -> PageNav {
        let link = |n: usize| site_url(&config.base_url, &page_url(url, n), false);
        PageNav {
            current,
            total,
            previous: (current > 1).then(|| link(current - 1)),
            next: (current < total).then(|| link(current + 1)),
        }
    }
}

/// Page `n` of the paginated pages at `url`: page 1 is `url` itself, page n `url/page/n/`.
pub fn page_url(url: &str, n: usize) -> String {
    if n == 1 { url.to_owned() } else { format!("{url}page/{n}/") }
}

/// `paginator` in listings.
#[derive(Debug, Serialize)]
pub struct Paginator<'a, T: Serialize> {
    pub pages: &'a [T],
    #[serde(flatten)]
    pub nav: PageNav,
}
