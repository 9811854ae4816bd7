//! Walking the site's own folders (`content/`, `templates/`, `static/`) without leaving the site.
//!
//! Symlinks are followed, so a site can share a folder between its parts. But a link pointing
//! outside the site (`static/key -> ~/.ssh/id_ed25519`, `content/x.md -> /etc/passwd`) would
//! publish its builder's files: a cloned site repository must not be able to do that. Such links
//! are skipped with a warning naming the link and its target. The walked folder itself may be a
//! link (a `content/` kept elsewhere); links inside it may point anywhere inside the site or
//! inside that folder.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The files under `dir`, in no particular order, with links leaving the site skipped and
/// reported.
/// `descend` decides, for each entry below `dir`, whether to keep it (and walk into it).
pub fn walk(
    dir: &Path,
    root: &Path,
    descend: impl Fn(&walkdir::DirEntry) -> bool,
) -> Result<Vec<PathBuf>> {
    let allowed = Allowed::new(dir, root);
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir).follow_links(true);
    let entries = walker.into_iter().filter_entry(|entry| {
        entry.depth() == 0
            || (descend(entry) && (!entry.path_is_symlink() || allowed.admits(entry.path(), root)))
    });
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot walk `{}`", dir.display()))?;
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// One folder's entries: its files and its subfolders, with links leaving the site skipped
/// and reported, and entries `keep` refuses left out.
pub fn list(
    dir: &Path,
    root: &Path,
    keep: impl Fn(&std::ffi::OsStr) -> bool,
) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let allowed = Allowed::new(dir, root);
    let (mut files, mut folders) = (Vec::new(), Vec::new());
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot list `{}`", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list `{}`", dir.display()))?;
        let name = entry.file_name();
        if !keep(&name) {
            continue;
        }
        let path = entry.path();
        let mut kind =
            entry.file_type().with_context(|| format!("cannot read `{}`", path.display()))?;
        if kind.is_symlink() {
            if !allowed.admits(&path, root) {
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(target) => kind = target.file_type(),
                Err(_) => continue, // A dangling link names nothing to read.
            }
        }
        if kind.is_dir() {
            folders.push(path);
        } else if kind.is_file() {
            files.push(path);
        }
    }
    Ok((files, folders))
}

/// Whether a file the site names directly (`content/glossary.yaml`) stays inside the site; a
/// link leaving it is reported and treated as absent.
pub fn stays_inside(path: &Path, root: &Path) -> bool {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    !is_link || Allowed::new(path.parent().unwrap_or(root), root).admits(path, root)
}

/// Where links may point: the site root and the walked folder, both resolved.
struct Allowed {
    root: Option<PathBuf>,
    dir: Option<PathBuf>,
}

impl Allowed {
    fn new(dir: &Path, root: &Path) -> Allowed {
        Allowed { root: root.canonicalize().ok(), dir: dir.canonicalize().ok() }
    }

    /// Whether the link at `path` may be read: its target is inside the site.
    fn admits(&self, path: &Path, root: &Path) -> bool {
        let Ok(target) = path.canonicalize() else {
            return true; // A dangling link: the walk reports it as an error of its own.
        };
        let inside = [&self.root, &self.dir]
            .into_iter()
            .flatten()
            .any(|allowed| target.starts_with(allowed));
        if !inside {
            let shown = path.strip_prefix(root).unwrap_or(path);
            eprintln!(
                "warning: skipped `{}`: it links to `{}`, outside the site",
                shown.display(),
                target.display()
            );
        }
        inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_leaving_the_site_are_skipped_and_others_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("static/css")).unwrap();
        std::fs::write(root.join("static/css/a.css"), "a").unwrap();
        std::fs::write(root.join("shared.txt"), "shared").unwrap();
        let link = |target: &Path, name: &str| {
            std::os::unix::fs::symlink(target, root.join("static").join(name)).unwrap()
        };
        link(&outside.path().join("secret.txt"), "secret.txt");
        link(outside.path(), "dir");
        link(&root.join("shared.txt"), "shared.txt");
        let files = walk(&root.join("static"), root, |_| true).unwrap();
        let mut names: Vec<String> = files
            .iter()
            .map(|f| f.strip_prefix(root.join("static")).unwrap().display().to_string())
            .collect();
        names.sort();
        assert_eq!(names, ["css/a.css", "shared.txt"]);
    }
}
