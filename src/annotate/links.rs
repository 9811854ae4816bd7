//! Links between articles written as their source files: `[see](other.md)`,
//! `[see](../world/x.md#part)` (relative to the linking file) or `[see](@/world/x.md)` (relative
//! to `content/`). They are resolved to the target's URL under the base URL, so a link keeps
//! working when slugs, sections or the base path change. A link to a file that is not content
//! is an error naming the file and line, not a broken link found later.

use std::collections::HashMap;
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, Tag};
use unicode_normalization::UnicodeNormalization;

use crate::config::Config;
use crate::config::site_url;
use crate::content::Library;

/// Every content file's URL, by its path under `content/` (`world/x.md`, `world/_index.md`).
///
/// The map is built on first use: most articles link to no content file, and a rebuild after
/// an edit re-annotates one article, so building it for every rebuild of a large site (10 ms
/// for 10,000 articles) would be most of the rebuild's bookkeeping for nothing.
pub struct ContentLinks<'a> {
    urls: OnceLock<HashMap<String, String>>,
    config: &'a Config,
    library: &'a Library,
    /// `/` or `/repo/`: prefixed to site-rooted links (`/img/x.png`).
    base_path: String,
}

/// What resolving one article's links found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ResolvedLinks {
    /// (target file under `content/`, its URL path) for each resolved link, so a cached
    /// rendering can tell whether a target moved.
    pub targets: Vec<(String, String)>,
    /// Link destinations naming no content file.
    pub unresolved: Vec<String>,
}

impl<'a> ContentLinks<'a> {
    pub fn new(config: &'a Config, library: &'a Library) -> ContentLinks<'a> {
        ContentLinks {
            urls: OnceLock::new(),
            config,
            library,
            base_path: config.base_path().to_owned(),
        }
    }

    fn urls(&self) -> &HashMap<String, String> {
        self.urls.get_or_init(|| all_urls(self.config, self.library))
    }

    /// The URL path of a content file, if it is one.
    pub fn url_of(&self, file: &str) -> Option<&str> {
        self.urls().get(file).map(String::as_str)
    }
}

fn all_urls(config: &Config, library: &Library) -> HashMap<String, String> {
    let mut urls = HashMap::with_capacity(library.articles.len() + library.sections.len() + 1);
    for article in &library.articles {
        let url = site_url(&config.base_url, &article.url, false);
        urls.insert(content_path(&article.file), url);
    }
    for section in &library.sections {
        if let Some(file) = &section.file {
            urls.insert(content_path(file), site_url(&config.base_url, &section.url, false));
        }
    }
    urls.insert(String::new(), site_url(&config.base_url, "", false));
    urls
}

impl ContentLinks<'_> {
    /// Rewrites the destinations of content links in `events`, for the file `from`
    /// (`content/world/x.md`, relative to the site root).
    pub fn resolve<'e>(
        &self,
        from: &std::path::Path,
        events: Vec<Event<'e>>,
        found: &mut ResolvedLinks,
    ) -> Vec<Event<'e>> {
        let from = content_path(from);
        let folder = from.rsplit_once('/').map_or("", |(folder, _)| folder);
        events
            .into_iter()
            .map(|event| match event {
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let dest_url = match target_file(folder, &dest_url) {
                        Some((file, fragment)) => match self.urls().get(&file) {
                            Some(url) => {
                                found.targets.push((file, url.clone()));
                                CowStr::from(format!("{url}{fragment}"))
                            }
                            None => {
                                found.unresolved.push(dest_url.to_string());
                                dest_url
                            }
                        },
                        None => dest_url,
                    };
                    let dest_url = self.under_base_path(dest_url);
                    Event::Start(Tag::Link { link_type, dest_url, title, id })
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    let dest_url = self.under_base_path(dest_url);
                    Event::Start(Tag::Image { link_type, dest_url, title, id })
                }
                other => other,
            })
            .collect()
    }
}

impl ContentLinks<'_> {
    /// A site-rooted URL (`/img/x.png`) names a file of the site, so it lives under the base
    /// path: `/repo/img/x.png` on a project site. Other URLs are left alone.
    fn under_base_path<'e>(&self, dest: CowStr<'e>) -> CowStr<'e> {
        if self.base_path == "/"
            || !dest.starts_with('/')
            || dest.starts_with("//")
            || dest.starts_with(self.base_path.as_str())
        {
            return dest;
        }
        CowStr::from(format!("{}{}", self.base_path, &dest[1..]))
    }
}

/// `content/world/x.md` → `world/x.md`, NFC-normalised like the files gloss reads.
fn content_path(file: &std::path::Path) -> String {
    let parts: Vec<String> = file
        .components()
        .skip(1)
        .map(|c| c.as_os_str().to_string_lossy().nfc().collect())
        .collect();
    parts.join("/")
}

/// For a link destination that names a Markdown file, the file under `content/` and the
/// fragment (`#part` or empty). `None` for every other link (web pages, anchors, images).
fn target_file(folder: &str, dest: &str) -> Option<(String, String)> {
    let (path, fragment) = match dest.find('#') {
        Some(at) => (&dest[..at], &dest[at..]),
        None => (dest, ""),
    };
    let path = path.split('?').next().unwrap_or(path);
    let rooted = path.strip_prefix("@/");
    if rooted.is_none() && (path.contains("://") || path.starts_with('/') || !path.ends_with(".md"))
    {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(rooted.unwrap_or(path)).decode_utf8_lossy();
    let mut parts: Vec<&str> = match rooted {
        Some(_) => Vec::new(),
        None => folder.split('/').filter(|p| !p.is_empty()).collect(),
    };
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            // Leaving `content/` names no content: the empty path never matches a file.
            ".." => {
                if parts.pop().is_none() {
                    return Some((String::from("\u{0}outside"), fragment.to_owned()));
                }
            }
            part => parts.push(part),
        }
    }
    let file: String = parts.join("/").nfc().collect();
    Some((file, fragment.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_rooted_urls_go_under_the_base_path() {
        let config = Config::parse(
            "title = \"t\"\nbase_url = \"https://x.org/repo/\"",
            std::path::Path::new("."),
        )
        .unwrap();
        let library = Library::default();
        let links = ContentLinks::new(&config, &library);
        let rooted = |dest: &'static str| links.under_base_path(CowStr::Borrowed(dest)).to_string();
        assert_eq!(rooted("/img/a.png"), "/repo/img/a.png");
        assert_eq!(rooted("/repo/img/a.png"), "/repo/img/a.png");
        assert_eq!(rooted("//cdn.example/a.png"), "//cdn.example/a.png");
        assert_eq!(rooted("img/a.png"), "img/a.png");
        assert_eq!(rooted("https://x.org/a"), "https://x.org/a");
    }

    #[test]
    fn content_paths_resolve_relative_to_the_linking_file() {
        let file = |folder, dest| target_file(folder, dest).map(|(f, frag)| format!("{f}{frag}"));
        assert_eq!(file("world", "x.md").as_deref(), Some("world/x.md"));
        assert_eq!(file("world", "./x.md#part").as_deref(), Some("world/x.md#part"));
        assert_eq!(file("world", "../y.md").as_deref(), Some("y.md"));
        assert_eq!(file("world", "@/에세이/첫.md").as_deref(), Some("에세이/첫.md"));
        assert_eq!(file("", "%EC%B2%AB.md").as_deref(), Some("첫.md"));
        assert_eq!(file("", "https://x.org/a.md"), None);
        assert_eq!(file("", "/a.md"), None);
        assert_eq!(file("", "#anchor"), None);
        assert_eq!(file("", "photo.png"), None);
        assert!(file("", "../../etc.md").is_some_and(|f| f.starts_with('\u{0}')));
    }
}
