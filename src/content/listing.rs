//! Which Markdown files `content/` holds, listed folder by folder and remembered, so that a
//! rebuild lists again only the folders whose entries changed.
//!
//! `gloss serve` checks after every batch of file events that the files it knows are the files
//! on disk (events can miss a file created, renamed and deleted within milliseconds). Listing
//! 10,000 articles took 6 ms of a 30 ms rebuild. But a folder's modification time changes when
//! an entry in it is created, deleted or renamed, and not when a file in it is edited: a folder
//! whose device, inode and modification time are those seen at its last listing still holds the
//! same names. File times are coarse (a few milliseconds on Linux, two seconds on FAT), so a
//! folder changed less than two seconds before it was listed is listed again next time, as git
//! does with its index ("racy" entries).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, bail};
use rustc_hash::FxHashMap;

/// How long after a folder's last change its listing is trusted.
const SETTLED: Duration = Duration::from_secs(2);

/// The folders of `content/` as last listed.
#[derive(Debug, Default)]
pub(super) struct Listing(FxHashMap<PathBuf, Folder>);

#[derive(Debug)]
struct Folder {
    /// Device, inode and modification time when listed, if the listing can be trusted later.
    stamp: Option<Stamp>,
    markdown: Vec<PathBuf>,
    folders: Vec<PathBuf>,
}

type Stamp = (u64, u64, SystemTime);

impl Listing {
    /// Every Markdown file under `dir` (hidden files and editor leftovers left out, links
    /// leaving the site skipped), listing only folders that changed since the last call.
    pub(super) fn markdown_files(&mut self, dir: &Path, root: &Path) -> Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        let mut listed = FxHashMap::default();
        // Each folder with the identities of the folders above it, to refuse symlink loops.
        let mut pending: Vec<(PathBuf, Vec<(u64, u64)>)> = vec![(dir.to_path_buf(), Vec::new())];
        while let Some((folder, mut above)) = pending.pop() {
            let meta = std::fs::metadata(&folder)
                .with_context(|| format!("cannot read `{}`", shown(&folder, root)))?;
            let (device, inode, modified) = stamp_of(&meta);
            if above.contains(&(device, inode)) {
                bail!(
                    "`{}` links back to a folder above it (a symlink loop)",
                    shown(&folder, root)
                );
            }
            above.push((device, inode));
            let entry = match self.0.remove(&folder) {
                Some(known) if known.stamp == Some((device, inode, modified)) => known,
                _ => list(&folder, root, (device, inode, modified))?,
            };
            files.extend(entry.markdown.iter().cloned());
            pending.extend(entry.folders.iter().map(|f| (f.clone(), above.clone())));
            listed.insert(folder, entry);
        }
        self.0 = listed;
        Ok(files)
    }
}

fn list(folder: &Path, root: &Path, stamp: Stamp) -> Result<Folder> {
    let (files, folders) = crate::files::list(folder, root, |name| !super::is_hidden(name))?;
    let markdown = files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")).collect();
    let settled = SystemTime::now().duration_since(stamp.2).is_ok_and(|age| age > SETTLED);
    Ok(Folder { stamp: settled.then_some(stamp), markdown, folders })
}

#[cfg(unix)]
fn stamp_of(meta: &std::fs::Metadata) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino(), meta.modified().unwrap_or(SystemTime::UNIX_EPOCH))
}

#[cfg(not(unix))]
fn stamp_of(meta: &std::fs::Metadata) -> Stamp {
    // Without inodes a folder cannot be told from another put in its place: never trusted.
    (0, 0, meta.modified().unwrap_or(SystemTime::UNIX_EPOCH))
}

/// A path as messages show it: relative to the site root.
fn shown(path: &Path, root: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(files: &[PathBuf], dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            files.iter().map(|f| f.strip_prefix(dir).unwrap().display().to_string()).collect();
        names.sort();
        names
    }

    #[test]
    fn changed_folders_are_listed_again_and_settled_ones_remembered() {
        let site = tempfile::tempdir().unwrap();
        let content = site.path().join("content");
        std::fs::create_dir_all(content.join("world")).unwrap();
        std::fs::write(content.join("a.md"), "").unwrap();
        std::fs::write(content.join("world/b.md"), "").unwrap();
        std::fs::write(content.join(".c.md.swp"), "").unwrap();
        let mut listing = Listing::default();
        let first = listing.markdown_files(&content, site.path()).unwrap();
        assert_eq!(names(&first, &content), ["a.md", "world/b.md"]);
        // Just changed: not trusted, so a new file is seen at once.
        std::fs::write(content.join("world/d.md"), "").unwrap();
        std::fs::remove_file(content.join("a.md")).unwrap();
        let second = listing.markdown_files(&content, site.path()).unwrap();
        assert_eq!(names(&second, &content), ["world/b.md", "world/d.md"]);
        // A settled folder's listing is kept: pretend one was listed long after it changed.
        let world = content.join("world");
        let meta = std::fs::metadata(&world).unwrap();
        let folder = listing.0.get_mut(&world).unwrap();
        folder.stamp = Some(stamp_of(&meta));
        folder.markdown.push(world.join("remembered.md"));
        let third = listing.markdown_files(&content, site.path()).unwrap();
        assert!(names(&third, &content).contains(&"world/remembered.md".to_owned()));
    }

    #[test]
    fn a_symlink_loop_is_refused() {
        let site = tempfile::tempdir().unwrap();
        let content = site.path().join("content");
        std::fs::create_dir_all(content.join("world")).unwrap();
        std::os::unix::fs::symlink("..", content.join("world/loop")).unwrap();
        let error = Listing::default().markdown_files(&content, site.path()).unwrap_err();
        assert!(format!("{error:#}").contains("content/world/loop"), "{error:#}");
    }
}
