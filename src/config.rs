//! `site.toml`: read as `RawConfig` (exactly what the user wrote, unknown keys rejected) and
//! checked into [`Config`] (parsed base URL, derived paths). Every later stage takes `&Config`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use url::Url;

/// The name of the configuration file at a site's root.
pub const CONFIG_FILE: &str = "site.toml";

/// `site.toml` as written. `deny_unknown_fields` turns a typo into an error naming the key.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    author: String,
    #[serde(default = "default_paginate_by")]
    paginate_by: usize,
    #[serde(default = "default_output_dir")]
    output_dir: PathBuf,
    #[serde(default)]
    cname: Option<String>,
    /// The old name of `[feeds] limit`, still read.
    #[serde(default)]
    feed_limit: Option<usize>,
    #[serde(default)]
    feeds: RawFeeds,
    #[serde(default)]
    slugs: RawSlugs,
    #[serde(default)]
    glossary: RawGlossary,
    #[serde(default)]
    timeline: RawTimeline,
    #[serde(default)]
    import: RawImport,
}

/// `[feeds]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeeds {
    #[serde(default)]
    limit: Option<usize>,
    #[serde(default)]
    tag_content: bool,
}

/// The checked `[feeds]` settings.
#[derive(Debug, Clone, Copy)]
pub struct FeedsConfig {
    /// Entries in `atom.xml` and each tag's feed, newest first; older ones of the site feed
    /// are in its archive documents.
    pub limit: usize,
    /// Tag feeds carry each article's whole body, not only its summary.
    pub tag_content: bool,
}

/// `[timeline]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTimeline {
    #[serde(default = "default_true")]
    extract: bool,
    #[serde(default = "default_true")]
    pages: bool,
    #[serde(default = "default_timeline_paginate_by")]
    paginate_by: usize,
}

/// Events on one timeline page: under 150 KB of HTML with the default theme, which a phone
/// opens at once (1,000 events made 400–550 KB pages).
fn default_timeline_paginate_by() -> usize {
    250
}

impl Default for RawTimeline {
    fn default() -> Self {
        RawTimeline { extract: true, pages: true, paginate_by: default_timeline_paginate_by() }
    }
}

/// The checked `[timeline]` settings.
#[derive(Debug, Clone, Copy)]
pub struct TimelineConfig {
    /// `gloss import` extracts dated events into `timeline:`.
    pub extract: bool,
    /// Build `/timeline/` and `/tags/<tag>/timeline/`.
    pub pages: bool,
    /// Events on one timeline page; page n is at `timeline/page/n/`.
    pub paginate_by: usize,
}

/// `[import]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImport {
    #[serde(default)]
    keep_site_name: bool,
}

/// The checked `[import]` settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportConfig {
    /// Titles declared in meta tags keep the site's name (`Title | eHow`).
    pub keep_site_name: bool,
}

/// `[glossary]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    #[serde(default = "default_true")]
    autolink: bool,
    #[serde(default)]
    link: LinkMode,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default = "default_term_paginate_by")]
    paginate_by: usize,
}

/// Articles listed on one term page: about 100 KB of HTML with the default theme.
fn default_term_paginate_by() -> usize {
    200
}

impl Default for RawGlossary {
    fn default() -> Self {
        RawGlossary {
            autolink: true,
            link: LinkMode::First,
            exclude: Vec::new(),
            paginate_by: default_term_paginate_by(),
        }
    }
}

fn default_true() -> bool {
    true
}

/// Which occurrences of a term are linked in an article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkMode {
    /// The first occurrence in each article (and in its captions, and its timeline).
    #[default]
    First,
    /// Every occurrence.
    All,
}

/// The checked `[glossary]` settings.
#[derive(Debug, Clone)]
pub struct GlossaryConfig {
    /// Link terms found in text; `[[term]]` links work either way.
    pub autolink: bool,
    /// First occurrence or all.
    pub link: LinkMode,
    /// Terms (or aliases) never linked automatically.
    pub exclude: Vec<String>,
    /// Articles listed on one page of a term; page n is at `glossary/<term>/page/n/`.
    pub paginate_by: usize,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSlugs {
    #[serde(default)]
    transliterate: bool,
}

fn default_language() -> String {
    "ko".to_owned()
}
fn default_paginate_by() -> usize {
    10
}
fn default_feed_limit() -> usize {
    20
}
fn default_output_dir() -> PathBuf {
    PathBuf::from("public")
}

/// A custom domain is a bare host name: GitHub Pages reads `CNAME` as exactly that.
fn check_cname(cname: &str) -> Result<()> {
    let valid = cname.contains('.')
        && cname.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if !valid {
        bail!(
            "`cname = \"{cname}\"` is not a host name; write the domain alone, \
             like \"news.example.org\" (no https://, no path)"
        );
    }
    Ok(())
}

/// The checked site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root: the folder holding `site.toml`, `content/`, `templates/`, `static/`.
    pub root: PathBuf,
    /// Site title, shown in the header and `<title>`.
    pub title: String,
    /// Absolute base URL, always ending in `/` (`https://user.github.io/repo/`).
    pub base_url: Url,
    /// BCP 47 language tag for `<html lang>` and date formats (`ko`, `en`).
    pub language: String,
    /// One-line site description for the home page and meta tags.
    pub description: String,
    /// Default author shown in the footer.
    pub author: String,
    /// Articles per listing page (home, sections, tags).
    pub paginate_by: usize,
    /// Where `build` writes, relative to `root` unless absolute.
    pub output_dir: PathBuf,
    /// A custom domain for GitHub Pages, written to `CNAME` (`news.example.org`).
    pub cname: Option<String>,
    /// `[feeds]`.
    pub feeds: FeedsConfig,
    /// Transliterate slugs to ASCII (`한국어` → `hangugeo`) instead of keeping Hangul.
    pub transliterate_slugs: bool,
    /// `[glossary]`.
    pub glossary: GlossaryConfig,
    /// `[timeline]`.
    pub timeline: TimelineConfig,
    /// `[import]`.
    pub import: ImportConfig,
}

impl Config {
    /// Reads and checks `site.toml` under `root`.
    pub fn from_root(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        Config::parse(&text, root).with_context(|| format!("invalid `{}`", path.display()))
    }

    /// Parses the text of a `site.toml`; `root` is recorded, not read.
    pub fn parse(text: &str, root: &Path) -> Result<Config> {
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| anyhow::anyhow!(toml_message(text, &e)))?;
        let base_url = parse_base_url(&raw.base_url)?;
        if raw.paginate_by == 0 {
            bail!("`paginate_by` must be at least 1");
        }
        if raw.feeds.limit.or(raw.feed_limit) == Some(0) {
            bail!("`[feeds] limit` must be at least 1");
        }
        if raw.glossary.paginate_by == 0 {
            bail!("`[glossary] paginate_by` must be at least 1");
        }
        if raw.timeline.paginate_by == 0 {
            bail!("`[timeline] paginate_by` must be at least 1");
        }
        if raw.language.trim().is_empty() {
            bail!("`language` must not be empty (for example \"ko\" or \"en\")");
        }
        let cname = raw.cname.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
        if let Some(cname) = &cname {
            check_cname(cname)?;
        }
        Ok(Config {
            root: root.to_path_buf(),
            cname,
            feeds: FeedsConfig {
                limit: raw.feeds.limit.or(raw.feed_limit).unwrap_or_else(default_feed_limit),
                tag_content: raw.feeds.tag_content,
            },
            title: raw.title,
            base_url,
            language: raw.language,
            description: raw.description,
            author: raw.author,
            paginate_by: raw.paginate_by,
            output_dir: raw.output_dir,
            transliterate_slugs: raw.slugs.transliterate,
            glossary: GlossaryConfig {
                autolink: raw.glossary.autolink,
                link: raw.glossary.link,
                exclude: raw.glossary.exclude,
                paginate_by: raw.glossary.paginate_by,
            },
            timeline: TimelineConfig {
                extract: raw.timeline.extract,
                pages: raw.timeline.pages,
                paginate_by: raw.timeline.paginate_by,
            },
            import: ImportConfig { keep_site_name: raw.import.keep_site_name },
        })
    }

    /// Replaces the base URL (the `--base-url` flag).
    pub fn set_base_url(&mut self, base_url: &str) -> Result<()> {
        self.base_url = parse_base_url(base_url)?;
        Ok(())
    }

    /// The path part of the base URL: `/` for a user site, `/repo/` for a project site.
    pub fn base_path(&self) -> &str {
        self.base_url.path()
    }

    /// `content/` under the root.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    /// `templates/` under the root.
    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// `static/` under the root.
    pub fn static_dir(&self) -> PathBuf {
        self.root.join("static")
    }

    /// The output folder, resolved against the root.
    pub fn output_path(&self) -> PathBuf {
        self.root.join(&self.output_dir)
    }

    /// Whether the site is written in Korean (date formats, UI labels).
    pub fn is_korean(&self) -> bool {
        self.language == "ko" || self.language.starts_with("ko-")
    }
}

/// Joins a site path to the base URL. Paths are site-relative; a leading `/` is ignored so that
/// `url(path="/tags/")` still honours a project-site base path. Full URLs pass through.
pub fn site_url(base_url: &Url, path: &str, absolute: bool) -> String {
    if path.contains("://") || path.starts_with("//") {
        return path.to_owned();
    }
    let path = path.trim_start_matches('/');
    if absolute {
        format!("{}{}", base_url.as_str(), path)
    } else {
        format!("{}{}", base_url.path(), path)
    }
}

/// Parses a base URL and gives it the trailing slash that URL joining relies on.
fn parse_base_url(text: &str) -> Result<Url> {
    let mut url = Url::parse(text.trim())
        .with_context(|| format!("`base_url` is not an absolute URL: `{text}`"))?;
    if !matches!(url.scheme(), "http" | "https") {
        bail!("`base_url` must start with http:// or https://, got `{text}`");
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.set_query(None);
    url.set_fragment(None);
    Ok(url)
}

/// Formats a TOML error as `line N: message`, naming the offending key.
fn toml_message(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim().to_owned();
    match error.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(text, Path::new("."))
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let config = parse("title = \"t\"\nbase_url = \"https://example.com\"").unwrap();
        assert_eq!(config.base_url.as_str(), "https://example.com/");
        assert_eq!(config.base_path(), "/");
        assert_eq!(config.language, "ko");
        assert_eq!(config.paginate_by, 10);
    }

    #[test]
    fn project_site_base_path_gets_trailing_slash() {
        let config = parse("title = \"t\"\nbase_url = \"https://u.github.io/repo\"").unwrap();
        assert_eq!(config.base_path(), "/repo/");
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let error =
            parse("title = \"t\"\nbase_url = \"https://e.com/\"\ntitel = \"x\"\n").unwrap_err();
        let message = format!("{error:#}");
        assert!(message.contains("titel"), "{message}");
        assert!(message.contains("line 3"), "{message}");
    }

    #[test]
    fn unknown_key_in_a_section_is_named() {
        let error =
            parse("title = \"t\"\nbase_url = \"https://e.com/\"\n[slugs]\ntranslit = true\n")
                .unwrap_err();
        assert!(format!("{error:#}").contains("translit"));
    }

    #[test]
    fn glossary_section_is_read_and_checked() {
        let config = parse("title = \"t\"\nbase_url = \"https://e.com/\"\n[glossary]\nlink = \"all\"\nexclude = [\"AI\"]\n").unwrap();
        assert_eq!(config.glossary.link, LinkMode::All);
        assert_eq!(config.glossary.exclude, vec!["AI"]);
        assert!(config.glossary.autolink);
        assert!(
            parse("title = \"t\"\nbase_url = \"https://e.com/\"\n[glossary]\nlink = \"some\"\n")
                .is_err()
        );
    }

    #[test]
    fn urls_honour_the_base_path() {
        let base = url::Url::parse("https://u.github.io/repo/").unwrap();
        assert_eq!(site_url(&base, "tags/", false), "/repo/tags/");
        assert_eq!(site_url(&base, "/tags/", false), "/repo/tags/");
        assert_eq!(site_url(&base, "", true), "https://u.github.io/repo/");
        assert_eq!(site_url(&base, "https://x.org/a", false), "https://x.org/a");
    }

    #[test]
    fn relative_base_url_is_rejected() {
        assert!(parse("title = \"t\"\nbase_url = \"/repo/\"").is_err());
    }
}
