//! Stage 1 of the build: read `content/` from disk into a typed [`Library`].
//!
//! Nothing here renders or writes. Every article is read and parsed independently (in parallel)
//! into [`ContentFiles`], then the library is put in order: newest first, sections, and the tag index.
//! Errors from all files are collected, so one build reports every broken file at once.
//!
//! `ContentFiles` outlives one build in watch mode: an edit re-reads only the files that changed and
//! says what changed ([`Edit`]), and the library is assembled again from the parsed files
//! (articles are shared, not copied), or patched by the cache (`pipeline::cache`).

pub mod front_matter;
mod listing;
mod yaml_depth;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::date::ArticleDate;
use crate::hash::hash_of;
use crate::slug;
use front_matter::FrontMatter;

/// One article: a Markdown file under `content/` other than `_index.md`.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file, relative to the site root (`content/politics/x.md`), for messages.
    pub file: PathBuf,
    /// Key of the section holding the article (`politics`), `None` at the top level.
    pub section: Option<String>,
    /// The last URL segment.
    pub slug: String,
    /// Site-relative URL path without leading slash: `politics/x/`.
    pub url: String,
    /// Parsed front matter.
    pub meta: FrontMatter,
    /// Markdown after the front matter.
    pub body: String,
    /// 1-based line of the file where `body` starts, for errors inside the body.
    pub body_line: usize,
    /// A hash of the whole file: equal hashes mean an unchanged article between rebuilds.
    pub source_hash: u64,
    /// A hash of the front matter's text: what listings show of the article comes from there,
    /// so a body edit leaves it unchanged.
    pub meta_hash: u64,
    /// Slugs of `meta.tags`, in order (computed once; tags are looked up by slug).
    pub tag_slugs: Vec<String>,
    /// When the article takes its place in feeds: its date; for an undated article, when it
    /// was imported (`imported_from.at`), else its file's last modification.
    pub listed_at: Option<ArticleDate>,
}

/// A folder under `content/` with its own listing page.
#[derive(Debug, Clone)]
pub struct Section {
    /// The folder path under `content/`, with `/` separators (`politics`, `world/asia`).
    pub key: String,
    /// From `_index.md`, or the folder name.
    pub title: String,
    /// From `_index.md`.
    pub description: Option<String>,
    /// Markdown body of `_index.md`, shown above the listing.
    pub body: String,
    /// Site-relative URL path: `politics/`.
    pub url: String,
    /// `_index.md`, when there is one.
    pub file: Option<PathBuf>,
}

/// A tag and the articles that carry it.
#[derive(Debug, Clone)]
pub struct Tag {
    /// The name as first written.
    pub name: String,
    /// URL slug; tags with one slug are one tag (`AI` and `ai`).
    pub slug: String,
    /// Indices into [`Library::articles`], newest first.
    pub articles: Vec<usize>,
}

/// Everything under `content/`, checked and ordered.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Articles, newest first; undated ones last. Shared with [`ContentFiles`].
    pub articles: Vec<Arc<Article>>,
    /// Sections, sorted by key.
    pub sections: Vec<Section>,
    /// Tags, sorted by name (Hangul and Latin in code point order, which is ㄱㄴㄷ for Hangul).
    pub tags: Vec<Tag>,
    /// Position in `tags` by slug.
    tag_positions: FxHashMap<String, usize>,
    /// The site glossary, `content/glossary.yaml`.
    pub site_glossary: Vec<front_matter::GlossaryEntry>,
}

/// The site glossary's file, under `content/`.
pub const GLOSSARY_FILE: &str = "glossary.yaml";

/// How to load content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Keep articles with `draft: true`.
    pub include_drafts: bool,
}

/// The parsed files under `content/`, by path. A file that failed to parse keeps its error, so
/// the library cannot be assembled until it is fixed, and fixing it re-reads only that file.
#[derive(Debug, Default)]
pub struct ContentFiles {
    files: BTreeMap<PathBuf, Result<Parsed, String>>,
    glossary: Option<Result<Vec<front_matter::GlossaryEntry>, String>>,
    /// The folders of `content/` as last listed.
    listing: listing::Listing,
}

/// One content file an update changed: the article it held before and holds now (`None` for
/// no article: absent, broken, or a section index). The site glossary's edits have neither.
#[derive(Debug, Clone)]
pub struct Edit {
    pub path: PathBuf,
    pub before: Option<Arc<Article>>,
    pub after: Option<Arc<Article>>,
}

impl ContentFiles {
    /// Reads every content file.
    pub fn read(config: &Config) -> Result<ContentFiles> {
        let content_dir = config.content_dir();
        if !content_dir.is_dir() {
            bail!("`{}` does not exist: a site keeps its articles there", content_dir.display());
        }
        let mut sources = ContentFiles::default();
        let files = sources.listing.markdown_files(&content_dir, &config.root)?;
        sources.read_files(config, files);
        sources.glossary = Some(read_site_glossary(config));
        Ok(sources)
    }

    /// Re-reads what changed: files, folders (walked) and paths that no longer exist (forgotten,
    /// with everything under them), and says what each changed. Paths outside `content/` are
    /// ignored.
    pub fn update(&mut self, config: &Config, changed: &[PathBuf]) -> Result<Vec<Edit>> {
        let content_dir = config.content_dir();
        let mut reread = Vec::new();
        let mut before = Vec::new();
        for path in changed {
            let Ok(relative) = path.strip_prefix(&content_dir) else { continue };
            if relative == Path::new(GLOSSARY_FILE) {
                self.glossary = Some(read_site_glossary(config));
                before.push((path.clone(), None));
                continue;
            }
            if relative.components().any(|c| is_hidden(c.as_os_str())) {
                continue;
            }
            before.push((path.clone(), self.article(path)));
            self.forget(path);
            if path.is_dir() {
                reread.extend(markdown_files(path, &config.root)?);
            } else if path.is_file() && path.extension().is_some_and(|e| e == "md") {
                reread.push(path.clone());
            }
        }
        self.read_files(config, reread);
        self.reconcile(config, &mut before)?;
        Ok(before
            .into_iter()
            .map(|(path, before)| Edit { after: self.article(&path), path, before })
            .collect())
    }

    /// The article parsed from `path`, if that is what the file holds.
    fn article(&self, path: &Path) -> Option<Arc<Article>> {
        match self.files.get(path) {
            Some(Ok(Parsed::Article(article))) => Some(Arc::clone(article)),
            _ => None,
        }
    }

    /// Makes the known files those on disk. File events are not a reliable account of what
    /// exists: a file created, renamed and deleted within a few milliseconds, or renamed to an
    /// editor's swap name and deleted (`mv c.md .c.md.swp; rm .c.md.swp`), can reach gloss as
    /// events on the last name only, so the first name's article would stay forever. Listing
    /// folders after each batch costs little: only folders whose entries changed are listed
    /// again (see `listing`). Files it finds missing are forgotten and files it finds new are
    /// read. `before` gains every file that changed this way.
    fn reconcile(
        &mut self,
        config: &Config,
        before: &mut Vec<(PathBuf, Option<Arc<Article>>)>,
    ) -> Result<()> {
        let on_disk = self.listing.markdown_files(&config.content_dir(), &config.root)?;
        // Compared as bytes: hashing and comparing paths component by component was most of a
        // rebuild's time at 10,000 articles. Both sides come from joining names read from the
        // folder to `content/`, so one file has one spelling.
        let listed: rustc_hash::FxHashSet<&[u8]> = on_disk.iter().map(|p| bytes(p)).collect();
        let vanished: Vec<PathBuf> =
            self.files.keys().filter(|path| !listed.contains(bytes(path))).cloned().collect();
        let known: rustc_hash::FxHashSet<&[u8]> = self.files.keys().map(|p| bytes(p)).collect();
        let appeared: Vec<PathBuf> =
            on_disk.iter().filter(|path| !known.contains(bytes(path))).cloned().collect();
        for path in vanished {
            before.push((path.clone(), self.article(&path)));
            self.files.remove(&path);
        }
        before.extend(appeared.iter().map(|path| (path.clone(), None)));
        self.read_files(config, appeared);
        Ok(())
    }

    /// Drops `path` and, if it was a folder, everything under it. Paths order component-wise,
    /// so a folder's files follow it directly in the map.
    fn forget(&mut self, path: &Path) {
        let under: Vec<PathBuf> = self
            .files
            .range(path.to_path_buf()..)
            .map(|(file, _)| file)
            .take_while(|file| file.starts_with(path))
            .cloned()
            .collect();
        for file in under {
            self.files.remove(&file);
        }
    }

    fn read_files(&mut self, config: &Config, files: Vec<PathBuf>) {
        let content_dir = config.content_dir();
        let loaded: Vec<(PathBuf, Result<Parsed, String>)> = files
            .into_par_iter()
            .map(|path| {
                let result = load_file(config, &content_dir, &path).map_err(|e| format!("{e:#}"));
                (path, result)
            })
            .collect();
        self.files.extend(loaded);
    }

    /// Every file that could not be read, as `file:line: what is wrong`.
    pub fn errors(&self) -> Vec<String> {
        let files = self.files.values().filter_map(|r| r.as_ref().err());
        files.chain(self.glossary.iter().filter_map(|r| r.as_ref().err())).cloned().collect()
    }

    /// Puts the parsed files in order. Fails, naming every broken file, if any is broken.
    pub fn library(&self, config: &Config, options: LoadOptions) -> Result<Library> {
        let errors = self.errors();
        if !errors.is_empty() {
            bail!("{} content file(s) could not be read:\n  {}", errors.len(), errors.join("\n  "));
        }
        Ok(self.readable_library(config, options))
    }

    /// The library of the files that could be read; broken ones are left out (`gloss check`
    /// reports them and goes on checking the rest).
    pub fn readable_library(&self, config: &Config, options: LoadOptions) -> Library {
        let mut articles = Vec::new();
        let mut indexes = Vec::new();
        for result in self.files.values() {
            match result {
                Ok(Parsed::Article(article)) => articles.push(Arc::clone(article)),
                Ok(Parsed::SectionIndex(section)) => indexes.push(section.clone()),
                Err(_) => {}
            }
        }
        if !options.include_drafts {
            articles.retain(|a| !a.meta.draft);
        }
        articles.sort_by(|a, b| {
            b.meta
                .date
                .cmp(&a.meta.date)
                .then_with(|| a.meta.title.cmp(&b.meta.title))
                .then_with(|| a.file.cmp(&b.file))
        });
        let sections = collect_sections(config, &articles, indexes);
        let (tags, tag_positions) = collect_tags(&articles);
        let site_glossary = match &self.glossary {
            Some(Ok(entries)) => entries.clone(),
            _ => Vec::new(),
        };
        Library { articles, sections, tags, tag_positions, site_glossary }
    }
}

/// Whether two versions of an article sit at the same place in every list: the same sort key,
/// URL, section, tags (their slugs follow from them) and draft status. Everything else about
/// them may differ; a library holding `old` can then hold `new` in its place unchanged.
pub fn same_place(old: &Article, new: &Article) -> bool {
    old.file == new.file
        && old.url == new.url
        && old.section == new.section
        && old.meta.date == new.meta.date
        && old.meta.title == new.meta.title
        && old.meta.draft == new.meta.draft
        && old.meta.tags == new.meta.tags
}

fn read_site_glossary(config: &Config) -> Result<Vec<front_matter::GlossaryEntry>, String> {
    let file = config.content_dir().join(GLOSSARY_FILE);
    if !crate::files::stays_inside(&file, &config.root) {
        return Ok(Vec::new());
    }
    front_matter::read_glossary_file(&config.root, &file).map_err(|e| format!("{e:#}"))
}

/// What a content file holds.
#[derive(Debug)]
enum Parsed {
    Article(Arc<Article>),
    /// A section's `_index.md`.
    SectionIndex(Section),
}

/// All `.md` files, sorted, skipping hidden files, editor leftovers and links that leave the
/// site (see [`crate::files`]).
fn markdown_files(dir: &Path, root: &Path) -> Result<Vec<PathBuf>> {
    let files = crate::files::walk(dir, root, |entry| !is_hidden(entry.file_name()))?;
    Ok(files.into_iter().filter(|path| path.extension().is_some_and(|e| e == "md")).collect())
}

/// A path's bytes, for comparing paths with one spelling cheaply.
fn bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with('#') || name.ends_with('~')
}

fn load_file(config: &Config, content_dir: &Path, path: &Path) -> Result<Parsed> {
    let display = path.strip_prefix(&config.root).unwrap_or(path).to_path_buf();
    let bytes =
        std::fs::read(path).with_context(|| format!("cannot read `{}`", display.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        anyhow::anyhow!(
            "{}:{line}: the file is not valid UTF-8; save it as UTF-8",
            display.display()
        )
    })?;
    // Text the site shows is NFC, as the web expects (a saved page's compatibility ideographs,
    // `李` as U+F9E1, or a macOS editor's decomposed Hangul, would otherwise reach every page).
    let text = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text,
        _ => unicode_normalization::UnicodeNormalization::nfc(text.as_str()).collect(),
    };
    let split = front_matter::split(&display, &text)?;
    let meta = front_matter::parse(&display, &split)?;
    let relative = path.strip_prefix(content_dir).unwrap_or(path);
    let section = section_key(relative);
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if stem == "_index" {
        let key = section.unwrap_or_default();
        return Ok(Parsed::SectionIndex(Section {
            url: section_url(&key, config.transliterate_slugs),
            title: meta.title,
            description: meta.summary,
            body: split.body.to_owned(),
            file: Some(display),
            key,
        }));
    }
    let slug = match &meta.slug {
        Some(slug) => slug::slugify(&checked_slug(slug, &display)?, config.transliterate_slugs),
        None => slug::slugify(slug::strip_date_prefix(&stem), config.transliterate_slugs),
    };
    if slug.is_empty() {
        bail!(
            "{}: the file name gives an empty slug; set `slug:` in the front matter",
            display.display()
        );
    }
    let prefix =
        section.as_deref().map(|k| section_url(k, config.transliterate_slugs)).unwrap_or_default();
    let tag_slugs =
        meta.tags.iter().map(|t| slug::slugify(t, config.transliterate_slugs)).collect();
    let url = format!("{prefix}{slug}/");
    let listed_at = meta
        .date
        .or_else(|| meta.imported_from.as_ref()?.at.as_deref().and_then(ArticleDate::parse))
        .or_else(|| modified_time(path));
    Ok(Parsed::Article(Arc::new(Article {
        listed_at,
        file: display,
        source_hash: hash_of(&text),
        meta_hash: hash_of(&split.yaml),
        tag_slugs,
        url,
        section,
        slug,
        meta,
        body: split.body.to_owned(),
        body_line: split.body_line,
    })))
}

/// A file's last modification, as a UTC time.
fn modified_time(path: &Path) -> Option<ArticleDate> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let time: chrono::DateTime<chrono::Utc> = modified.into();
    // To the second: what feeds show, and what a date written by hand would say.
    let time = chrono::Timelike::with_nanosecond(&time, 0).unwrap_or(time);
    Some(ArticleDate::Time(time.fixed_offset()))
}

/// A slug written in front matter may not leave its folder; it is then slugified like a file name.
fn checked_slug(slug: &str, file: &Path) -> Result<String> {
    let slug = slug.trim().trim_matches('/');
    if slug.is_empty()
        || slug.split('/').any(|part| part.is_empty() || part == "." || part == "..")
        || slug.contains('\\')
    {
        bail!(
            "{}: `slug: {slug}` is not a valid slug (no empty, `.` or `..` parts)",
            file.display()
        );
    }
    Ok(slug.to_owned())
}

/// `politics/x.md` → `Some("politics")`; `x.md` → `None`.
fn section_key(relative: &Path) -> Option<String> {
    let parent = relative.parent()?;
    let parts: Vec<String> =
        parent.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// `world/아시아 뉴스` → `world/아시아-뉴스/`.
fn section_url(key: &str, transliterate: bool) -> String {
    if key.is_empty() {
        return String::new();
    }
    key.split('/').map(|part| format!("{}/", slug::slugify(part, transliterate))).collect()
}

fn collect_sections(
    config: &Config,
    articles: &[Arc<Article>],
    indexes: Vec<Section>,
) -> Vec<Section> {
    let mut sections: BTreeMap<String, Section> =
        indexes.into_iter().filter(|s| !s.key.is_empty()).map(|s| (s.key.clone(), s)).collect();
    for key in articles.iter().filter_map(|a| a.section.as_deref()) {
        // Every ancestor folder is a section too, so `world/asia` implies `world`.
        let mut prefix = String::new();
        for part in key.split('/') {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            sections.entry(prefix.clone()).or_insert_with(|| Section {
                key: prefix.clone(),
                title: part.to_owned(),
                description: None,
                body: String::new(),
                url: section_url(&prefix, config.transliterate_slugs),
                file: None,
            });
        }
    }
    sections.into_values().collect()
}

fn collect_tags(articles: &[Arc<Article>]) -> (Vec<Tag>, FxHashMap<String, usize>) {
    let mut tags: Vec<Tag> = Vec::new();
    let mut by_slug: FxHashMap<&str, usize> = FxHashMap::default();
    for (index, article) in articles.iter().enumerate() {
        for (name, slug) in article.meta.tags.iter().zip(&article.tag_slugs) {
            if slug.is_empty() {
                continue;
            }
            let position = *by_slug.entry(slug.as_str()).or_insert_with(|| {
                tags.push(Tag {
                    name: name.trim().to_owned(),
                    slug: slug.clone(),
                    articles: Vec::new(),
                });
                tags.len() - 1
            });
            let tag = &mut tags[position];
            if tag.articles.last() != Some(&index) {
                tag.articles.push(index);
            }
        }
    }
    // By name; two tags with one name (slugs differ only by transliteration) by slug.
    tags.sort_by_cached_key(|t| (sort_key(&t.name), t.slug.clone()));
    let positions = tags.iter().enumerate().map(|(i, t)| (t.slug.clone(), i)).collect();
    (tags, positions)
}

/// Hangul before Latin, each in its own alphabetical order, case-insensitively: the order of a
/// Korean book index. Code point order already gives ㄱㄴㄷ order within Hangul syllables.
pub fn sort_key(text: &str) -> (u8, String) {
    let lower = text.to_lowercase();
    let group = match lower.chars().next() {
        Some(c)
            if ('\u{AC00}'..='\u{D7A3}').contains(&c) || ('\u{3131}'..='\u{318E}').contains(&c) =>
        {
            0
        }
        Some(c) if c.is_ascii_alphabetic() => 1,
        Some(c) if c.is_ascii_digit() => 2,
        _ => 3,
    };
    (group, lower)
}

impl Library {
    /// The tag with this slug.
    pub fn tag(&self, slug: &str) -> Option<&Tag> {
        self.tag_positions.get(slug).map(|&i| &self.tags[i])
    }

    /// The section with this key.
    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// Indices of the articles in a section and its sub-sections, newest first.
    pub fn articles_in_section(&self, key: &str) -> Vec<usize> {
        let nested = format!("{key}/");
        self.articles
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                a.section.as_deref().is_some_and(|s| s == key || s.starts_with(&nested))
            })
            .map(|(i, _)| i)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_index_order_puts_hangul_first() {
        let mut names = vec!["b", "나", "A", "가", "1"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, vec!["가", "나", "A", "b", "1"]);
    }

    #[test]
    fn section_urls_are_slugged_per_part() {
        assert_eq!(section_url("world/아시아 뉴스", false), "world/아시아-뉴스/");
        assert_eq!(section_key(Path::new("a/b/x.md")).as_deref(), Some("a/b"));
        assert_eq!(section_key(Path::new("x.md")), None);
    }

    #[test]
    fn slugs_may_not_escape() {
        assert!(checked_slug("../etc", Path::new("a.md")).is_err());
        assert!(checked_slug("a/../../b", Path::new("a.md")).is_err());
        assert_eq!(checked_slug("/ok/", Path::new("a.md")).unwrap(), "ok");
    }
}
