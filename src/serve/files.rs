//! The served site, in memory: rendered pages as bytes, static files by their path on disk.
//!
//! A rebuild makes a new [`SiteFiles`] from the previous one plus the update and swaps it in
//! whole, so a request sees either the old site or the new one, never half of a rebuild.
//! Requests are answered by looking their path up in this map, never by joining it to a folder:
//! a path that tries `..` or an absolute path simply names no entry.

use anyhow::Result;
use axum::body::Bytes;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::output::builtin_static;
use crate::pipeline::Rebuild;

/// One servable file.
#[derive(Debug, Clone, PartialEq)]
pub enum File {
    /// A rendered page or a built-in theme file (cheap to clone into a response).
    Memory(Bytes),
    /// A file of the site's `static/` folder, read when requested.
    Disk(PathBuf),
}

/// Every file of the site, by output path (`politics/x/index.html`, `css/gloss.css`).
#[derive(Debug, Clone, Default)]
pub struct SiteFiles {
    pages: HashMap<String, File>,
    statics: HashMap<String, File>,
    /// The last rebuild's error, shown over every page until a rebuild succeeds.
    pub error: Option<String>,
}

/// What a request path resolves to.
#[derive(Debug, PartialEq)]
pub enum Lookup<'a> {
    /// The file, and the output path it was found under (for its content type).
    Found(&'a File, String),
    /// A folder asked for without its trailing slash: redirect here, as GitHub Pages does.
    Redirect(String),
    NotFound,
}

impl SiteFiles {
    /// The site after `update`: changed pages replaced, removed ones dropped, `static/` rescanned
    /// when it changed.
    pub fn updated(&self, update: &Rebuild, static_dir: &Path) -> Result<SiteFiles> {
        let mut next = self.clone();
        for path in &update.changes.removed {
            next.pages.remove(path);
        }
        for page in &update.changes.pages {
            next.pages.insert(page.path.clone(), File::Memory(Bytes::from(page.html.clone())));
        }
        if update.static_changed() || update.full || self.statics.is_empty() {
            next.statics = scan_static(static_dir)?;
        }
        next.error = None;
        Ok(next)
    }

    fn get(&self, path: &str) -> Option<&File> {
        self.pages.get(path).or_else(|| self.statics.get(path))
    }

    /// Resolves a request path (percent-decoded) under the site's base path (`/` or `/repo/`).
    pub fn lookup(&self, base_path: &str, request: &str) -> Lookup<'_> {
        // `/repo` and, for a project site, `/` lead to the site's home page.
        if format!("{request}/") == base_path || (request == "/" && base_path != "/") {
            return Lookup::Redirect(base_path.to_owned());
        }
        let Some(relative) = request.strip_prefix(base_path) else { return Lookup::NotFound };
        if relative.split('/').any(|part| part == ".." || part == ".") || relative.contains('\\') {
            return Lookup::NotFound;
        }
        let path = if relative.is_empty() || relative.ends_with('/') {
            format!("{relative}index.html")
        } else {
            relative.to_owned()
        };
        if let Some(file) = self.get(&path) {
            return Lookup::Found(file, path);
        }
        if !relative.is_empty() && self.get(&format!("{relative}/index.html")).is_some() {
            return Lookup::Redirect(format!("{base_path}{relative}/"));
        }
        Lookup::NotFound
    }

    /// The site's 404 page.
    pub fn not_found_page(&self) -> Option<&File> {
        self.pages.get("404.html")
    }
}

/// The built-in theme files, then the site's `static/` over them.
fn scan_static(static_dir: &Path) -> Result<HashMap<String, File>> {
    let mut files: HashMap<String, File> = builtin_static()
        .iter()
        .map(|(path, bytes)| ((*path).to_owned(), File::Memory(Bytes::from_static(bytes))))
        .collect();
    if !static_dir.is_dir() {
        return Ok(files);
    }
    // `static/` is always directly under the site root.
    let root = static_dir.parent().unwrap_or(static_dir);
    for path in crate::files::walk(static_dir, root, |_| true)? {
        let relative = path.strip_prefix(static_dir).unwrap_or(&path);
        let key: Vec<String> =
            relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        files.insert(key.join("/"), File::Disk(path));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::RenderedPage;

    fn site() -> SiteFiles {
        let page = |path: &str| RenderedPage {
            path: path.to_owned(),
            html: format!("<p>{path}</p>"),
            origin: String::new(),
        };
        let update = Rebuild {
            changes: crate::output::Changes {
                pages: vec![page("index.html"), page("a/index.html"), page("404.html")],
                ..Default::default()
            },
            ..Rebuild::default()
        };
        SiteFiles::default().updated(&update, Path::new("/nonexistent")).unwrap()
    }

    fn found(lookup: Lookup<'_>) -> Option<String> {
        match lookup {
            Lookup::Found(_, path) => Some(path),
            _ => None,
        }
    }

    #[test]
    fn pages_resolve_under_the_base_path() {
        let files = site();
        assert_eq!(found(files.lookup("/repo/", "/repo/")).as_deref(), Some("index.html"));
        assert_eq!(found(files.lookup("/repo/", "/repo/a/")).as_deref(), Some("a/index.html"));
        assert_eq!(
            found(files.lookup("/repo/", "/repo/css/gloss.css")).as_deref(),
            Some("css/gloss.css")
        );
        assert_eq!(files.lookup("/repo/", "/repo"), Lookup::Redirect("/repo/".into()));
        assert_eq!(files.lookup("/repo/", "/"), Lookup::Redirect("/repo/".into()));
        assert_eq!(files.lookup("/repo/", "/repo/a"), Lookup::Redirect("/repo/a/".into()));
        assert_eq!(files.lookup("/repo/", "/a/"), Lookup::NotFound);
        assert_eq!(found(files.lookup("/", "/a/index.html")).as_deref(), Some("a/index.html"));
    }

    #[test]
    fn traversal_names_nothing() {
        let files = site();
        for path in
            ["/../etc/passwd", "/a/../index.html", "/./index.html", "/a\\..\\x", "//etc/passwd"]
        {
            assert_eq!(files.lookup("/", path), Lookup::NotFound, "{path}");
        }
    }

    #[test]
    fn an_update_replaces_and_removes_pages() {
        let files = site();
        let update = Rebuild {
            changes: crate::output::Changes {
                pages: vec![RenderedPage {
                    path: "b/index.html".into(),
                    html: "b".into(),
                    origin: String::new(),
                }],
                removed: vec!["a/index.html".into()],
                ..Default::default()
            },
            ..Rebuild::default()
        };
        let next = files.updated(&update, Path::new("/nonexistent")).unwrap();
        assert_eq!(next.lookup("/", "/a/"), Lookup::NotFound);
        assert!(found(next.lookup("/", "/b/")).is_some());
        assert!(found(files.lookup("/", "/a/")).is_some(), "the old site is untouched");
    }
}
