//! Which folder a build may replace.
//!
//! A build deletes whatever is at its output path (the old site goes with the staging folder),
//! so the path is resolved exactly as the file system will resolve it before anything is
//! checked: made absolute, each existing part followed through its symlinks, `.` and `..`
//! applied. A `..` after a part that does not exist is applied lexically, as a user reading the
//! path would (`public/nope/../../keep` is `keep`): checking the text and then writing through
//! the file system once let such a path slip past every check and delete `keep`.
//!
//! Then gloss refuses anything that is not a folder it owns: a file, the site root or a folder
//! above it, a folder holding or inside `content/`, `templates/` or `static/`, and a non-empty
//! folder without gloss's marker. Nothing is created before the checks pass, so a refusal
//! leaves the disk as it was.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};

/// A file name written into every output folder, so gloss knows the folder is its own to replace.
pub const MARKER_FILE: &str = ".gloss-output";

/// `path` resolved as the file system would, for a path that may not exist yet: absolute (from
/// `cwd`), symlinks of existing parts followed, no `.` or `..` left. `..` after a part that does
/// not exist removes that part (the kernel would refuse the path instead; a user means this).
pub fn resolve(path: &Path, cwd: &Path) -> PathBuf {
    let absolute = if path.is_absolute() { path.to_path_buf() } else { cwd.join(path) };
    let mut resolved = PathBuf::new();
    // Whether `resolved` exists, so its parent is the real one and not a lexical guess.
    let mut exists = true;
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => {
                resolved.push(component.as_os_str());
                exists = true;
            }
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
                if !exists {
                    exists = std::fs::symlink_metadata(&resolved).is_ok();
                }
            }
            Component::Normal(name) => {
                let next = resolved.join(name);
                if !exists {
                    resolved = next;
                    continue;
                }
                match std::fs::symlink_metadata(&next) {
                    Ok(meta) if meta.file_type().is_symlink() => match next.canonicalize() {
                        Ok(target) => resolved = target,
                        // A dangling link: writing there would replace the link itself.
                        Err(_) => {
                            resolved = next;
                            exists = false;
                        }
                    },
                    Ok(_) => resolved = next,
                    Err(_) => {
                        resolved = next;
                        exists = false;
                    }
                }
            }
        }
    }
    resolved
}

/// The folders an output must stay clear of.
pub(crate) struct Protected<'a> {
    /// The site root: the output may be inside it, never it or above it.
    pub(crate) root: &'a Path,
    /// `content/`, `templates/`, `static/`: the output may neither be inside them nor hold them.
    pub(crate) sources: &'a [PathBuf],
}

/// Resolves `output` and checks that a build may replace it. Returns the resolved path, which
/// is the one to write: checking one path and writing another is how checks get bypassed.
pub(crate) fn checked_output(output: &Path, protected: &Protected<'_>) -> Result<PathBuf> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let resolved = resolve(output, &cwd);
    let refuse = |why: String| {
        anyhow::anyhow!("refusing to write the site to `{}`: {why}", output.display())
    };
    if resolved.parent().is_none() {
        return Err(refuse("it is the root of the file system".into()));
    }
    let root = resolve(protected.root, &cwd);
    if root.starts_with(&resolved) {
        return Err(refuse(format!("it would replace the site `{}`", protected.root.display())));
    }
    for source in protected.sources {
        let source_real = resolve(source, &cwd);
        if source_real.starts_with(&resolved) || resolved.starts_with(&source_real) {
            return Err(refuse(format!("it would replace `{}`", source.display())));
        }
    }
    match std::fs::metadata(&resolved) {
        Ok(meta) if !meta.is_dir() => {
            return Err(refuse(format!(
                "`{}` is a file, not a folder; choose a folder for the site",
                resolved.display()
            )));
        }
        Ok(_) => check_owned(&resolved, output)?,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => {
            return Err(error).with_context(|| format!("cannot read `{}`", resolved.display()));
        }
    }
    Ok(resolved)
}

/// An existing folder may be replaced when it is empty or carries gloss's marker.
fn check_owned(folder: &Path, as_given: &Path) -> Result<()> {
    if folder.join(MARKER_FILE).is_file() {
        return Ok(());
    }
    let mut entries =
        std::fs::read_dir(folder).with_context(|| format!("cannot read `{}`", folder.display()))?;
    if entries.next().is_some() {
        bail!(
            "refusing to replace `{}`: it is not empty and was not written by gloss \
             (no `{MARKER_FILE}` in it); remove it or choose another --output",
            as_given.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_dot_after_a_missing_folder_is_applied_to_the_text() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        std::fs::create_dir(base.join("s")).unwrap();
        assert_eq!(resolve(Path::new("s/nope/../../keep"), &base), base.join("keep"));
        assert_eq!(resolve(Path::new("./s/./x"), &base), base.join("s/x"));
        assert_eq!(resolve(Path::new("s/.."), &base), base);
    }

    #[test]
    fn symlinks_of_existing_parts_are_followed() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(base.join("a/b")).unwrap();
        std::os::unix::fs::symlink(base.join("a/b"), base.join("link")).unwrap();
        // `link/..` is `a`, as the kernel sees it, not `base` as the text suggests.
        assert_eq!(resolve(Path::new("link/.."), &base), base.join("a"));
        assert_eq!(resolve(Path::new("link/new"), &base), base.join("a/b/new"));
    }
}
