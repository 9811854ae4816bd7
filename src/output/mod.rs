//! Stage 4: rendered pages and static files onto disk, all or nothing.
//!
//! The site is written into a staging folder beside the output (same file system, so the final
//! step is a rename), then swapped in. On Linux the swap is one `renameat2(RENAME_EXCHANGE)`
//! call: at every instant the output path holds either the old site or the new one, whole, even if
//! the process is killed. Elsewhere two renames leave a window of microseconds without an output.
//! The old site ends up in the staging folder, which is then deleted, so files of deleted articles
//! never linger. A failed build drops the staging folder and leaves the old site untouched.

mod guard;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::render::{RenderedPage, Sink};
pub use guard::{MARKER_FILE, resolve};

/// A file of the built-in theme: its path under the output, and its contents.
pub type ThemeFile = (&'static str, std::borrow::Cow<'static, [u8]>);

/// The built-in theme's files as a site gets them: the stylesheet minified (a quarter of its
/// bytes are comments and indentation, which a reader's browser does not need).
pub fn builtin_static() -> &'static [ThemeFile] {
    static FILES: std::sync::LazyLock<Vec<ThemeFile>> = std::sync::LazyLock::new(|| {
        BUILTIN_STATIC.iter().map(|&(path, bytes)| (path, minified(path, bytes))).collect()
    });
    &FILES
}

/// A stylesheet minified; other files, and a stylesheet the minifier cannot read, as they are.
fn minified(path: &str, bytes: &'static [u8]) -> std::borrow::Cow<'static, [u8]> {
    let css = path.ends_with(".css").then(|| std::str::from_utf8(bytes).ok()).flatten();
    match css.map(minifier::css::minify) {
        Some(Ok(small)) => std::borrow::Cow::Owned(small.to_string().into_bytes()),
        _ => std::borrow::Cow::Borrowed(bytes),
    }
}

/// Files of the built-in theme under `static/`, as written: (path under the output, contents).
pub const BUILTIN_STATIC: &[(&str, &[u8])] = &[
    ("css/gloss.css", include_bytes!("../../static/css/gloss.css")),
    ("js/gloss.js", include_bytes!("../../static/js/gloss.js")),
    ("favicon.svg", include_bytes!("../../static/favicon.svg")),
];

/// Where a site is written, and what it must stay clear of.
pub struct Destination<'a> {
    /// The site's `static/` folder, copied over the built-in theme files.
    pub static_dir: &'a Path,
    /// The folder to replace.
    pub output: &'a Path,
    /// The site root: the output may be inside it but must not be it or contain it.
    pub root: &'a Path,
    /// `content/`, `templates/`, `static/`: the output may neither be inside them nor hold them.
    pub source_dirs: &'a [PathBuf],
}

/// What one rebuild of `gloss build --watch` or `gloss serve` changes: pages rendered and
/// removed, files of `static/` changed.
#[derive(Debug, Default)]
pub struct Changes {
    /// Pages rendered: all on the first build, afterwards only the changed ones.
    pub pages: Vec<RenderedPage>,
    /// Output paths of pages that no longer exist.
    pub removed: Vec<String>,
    /// Files of `static/` that changed (written, created or deleted), absolute.
    pub static_paths: Vec<PathBuf>,
}

/// A staging folder beside the output, being filled. [`Staging::finish`] completes it and swaps
/// it in; dropping it unfinished (a failed build) deletes it and leaves the output as it was.
/// Pages can be written while they are rendered, so a build never holds the whole site in
/// memory.
pub struct Staging {
    dir: tempfile::TempDir,
    output: PathBuf,
    static_dir: PathBuf,
    root: PathBuf,
}

impl Staging {
    /// Checks that the output may be replaced and creates the staging folder beside it.
    pub fn create(plan: &Destination<'_>) -> Result<Staging> {
        let protected = guard::Protected { root: plan.root, sources: plan.source_dirs };
        let output = guard::checked_output(plan.output, &protected)?;
        let parent = output.parent().context("the output folder has no parent folder")?;
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
        let name = output
            .file_name()
            .context("the output folder has no name")?
            .to_string_lossy()
            .into_owned();
        remove_stale_staging(parent, &name);
        // Once swapped in, this is the site: readable as the user's umask allows.
        let dir = shared_with_umask(tempfile::Builder::new().prefix(&staging_prefix(&name)), 0o777)
            .tempdir_in(parent)
            .with_context(|| {
                format!(
                    "cannot create a staging folder in `{}`; the site in `{}` was left as it was",
                    parent.display(),
                    output.display()
                )
            })?;
        Ok(Staging {
            dir,
            output,
            static_dir: plan.static_dir.to_path_buf(),
            root: plan.root.to_path_buf(),
        })
    }

    /// Writes one rendered page into the staging folder.
    pub fn write_page(&self, page: &RenderedPage) -> Result<()> {
        self.write(Path::new(&page.path), page.html.as_bytes())
    }

    /// The output folder the site will be swapped into (resolved, see `guard`).
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Writes one file into the staging folder. Errors name the file as it would be in the output
    /// (`public/x/index.html`, not the staging folder's random name) and say that the site there
    /// was left as it was: the usual causes are a full disk and a read-only file system.
    fn write(&self, relative: &Path, bytes: &[u8]) -> Result<()> {
        write_file(&self.dir.path().join(relative), bytes).with_context(|| {
            format!(
                "cannot write `{}`; the site in `{}` was left as it was",
                self.output.join(relative).display(),
                self.output.display()
            )
        })
    }

    /// Adds the theme's and the site's static files and the marker, then swaps the folder in.
    pub fn finish(self) -> Result<()> {
        let dir = self.dir.path();
        for (path, bytes) in builtin_static() {
            self.write(Path::new(path), bytes)?;
        }
        copy_static(&self.static_dir, &self.root, dir).with_context(|| {
            format!(
                "cannot copy static files; the site in `{}` was left as it was",
                self.output.display()
            )
        })?;
        self.write(
            Path::new(MARKER_FILE),
            b"This folder is written by gloss and replaced on every build.\n",
        )?;
        swap_in(dir, &self.output)?;
        // The staging folder now holds the previous site (or nothing) and is removed on drop.
        Ok(())
    }
}

fn staging_prefix(output_name: &str) -> String {
    format!(".{output_name}.gloss-staging-")
}

/// Asks for `mode` less the user's umask, what `mkdir` and an editor give. tempfile's defaults
/// (0600 files, 0700 folders) are meant for secrets: a site written with them could not be read
/// by a web server or a teammate.
#[cfg(unix)]
fn shared_with_umask<'a, 'b>(
    builder: &'b mut tempfile::Builder<'a, 'a>,
    mode: u32,
) -> &'b mut tempfile::Builder<'a, 'a> {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn shared_with_umask<'a, 'b>(
    builder: &'b mut tempfile::Builder<'a, 'a>,
    _mode: u32,
) -> &'b mut tempfile::Builder<'a, 'a> {
    builder
}

/// Staging folders of builds that were killed are removed before the next build.
fn remove_stale_staging(parent: &Path, output_name: &str) {
    let prefix = staging_prefix(output_name);
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("cannot write `{}`", path.display()))
}

/// Copies `static/` as it is, keeping its folder structure (links leaving the site skipped, see
/// [`crate::files`]).
fn copy_static(static_dir: &Path, root: &Path, dir: &Path) -> Result<()> {
    if !static_dir.is_dir() {
        return Ok(());
    }
    for source in crate::files::walk(static_dir, root, |_| true)? {
        let relative = source.strip_prefix(static_dir).unwrap_or(&source);
        let target = dir.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        std::fs::copy(&source, &target)
            .with_context(|| format!("cannot copy `{}`", source.display()))?;
    }
    Ok(())
}

/// Applies one rebuild of `gloss build --watch` to an output folder written by [`write`]:
/// changed pages are replaced one by one (each through a temporary file and a rename, so no
/// page is ever half-written), removed pages deleted, changed static files copied or deleted.
pub fn apply(output: &Path, update: &Changes, static_dir: &Path) -> Result<()> {
    if !output.join(MARKER_FILE).exists() {
        bail!("`{}` was not written by gloss; run `gloss build` first", output.display());
    }
    update
        .pages
        .par_iter()
        .try_for_each(|page| replace_file(&output.join(&page.path), page.html.as_bytes()))?;
    for path in &update.removed {
        remove_file(output, &output.join(path))?;
    }
    for source in &update.static_paths {
        let Ok(relative) = source.strip_prefix(static_dir) else { continue };
        let target = output.join(relative);
        let root = static_dir.parent().unwrap_or(static_dir);
        if !source.exists() || !crate::files::stays_inside(source, root) {
            remove_file(output, &target)?;
        } else if source.is_file() {
            let bytes = std::fs::read(source)
                .with_context(|| format!("cannot read `{}`", source.display()))?;
            replace_file(&target, &bytes)?;
        }
    }
    Ok(())
}

impl Sink for Staging {
    fn page(&self, page: RenderedPage) -> Result<()> {
        self.write_page(&page)
    }
}

/// Writes `path` through a temporary file beside it and a rename.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let parent = path.parent().context("an output file has no folder")?;
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create `{}`", parent.display()))?;
    let mut temporary = shared_with_umask(&mut tempfile::Builder::new(), 0o666)
        .tempfile_in(parent)
        .with_context(|| format!("cannot write in `{}`", parent.display()))?;
    std::io::Write::write_all(&mut temporary, bytes)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    temporary.persist(path).with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}

/// Deletes an output file and the folders it leaves empty, up to the output folder.
fn remove_file(output: &Path, path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => {
            return Err(error).with_context(|| format!("cannot remove `{}`", path.display()));
        }
    }
    let mut folder = path.parent();
    while let Some(dir) = folder {
        if dir == output || std::fs::remove_dir(dir).is_err() {
            break;
        }
        folder = dir.parent();
    }
    Ok(())
}

/// Puts `staging` at `output`; afterwards `staging` holds the previous output, if any.
fn swap_in(staging: &Path, output: &Path) -> Result<()> {
    if !output.exists() {
        std::fs::rename(staging, output)
            .with_context(|| format!("cannot move the new site to `{}`", output.display()))?;
        // Leave an empty folder where `staging` was, so its cleanup has something to remove.
        let _ = std::fs::create_dir(staging);
        return Ok(());
    }
    match exchange(staging, output) {
        Ok(()) => return Ok(()),
        Err(error) if !exchange_is_unsupported(&error) => {
            return Err(error).with_context(|| {
                format!(
                    "cannot swap the new site into `{}`; it was left as it was",
                    output.display()
                )
            });
        }
        Err(_) => {}
    }
    // No atomic exchange here (an old kernel, a file system without it, another OS): two renames.
    let old = staging.with_extension("old");
    std::fs::rename(output, &old)
        .with_context(|| format!("cannot move the old site away from `{}`", output.display()))?;
    if let Err(error) = std::fs::rename(staging, output) {
        let _ = std::fs::rename(&old, output);
        return Err(error)
            .with_context(|| format!("cannot move the new site to `{}`", output.display()));
    }
    std::fs::rename(&old, staging).with_context(|| format!("cannot clean up `{}`", old.display()))
}

/// Whether an exchange failed only because the kernel or file system cannot do it (then two
/// renames do the job); any other failure (a read-only or busy folder) is the user's to see.
#[cfg(target_os = "linux")]
fn exchange_is_unsupported(error: &std::io::Error) -> bool {
    use rustix::io::Errno;
    let code = error.raw_os_error();
    code == Some(Errno::INVAL.raw_os_error()) || code == Some(Errno::NOSYS.raw_os_error())
}

#[cfg(not(target_os = "linux"))]
fn exchange_is_unsupported(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::Unsupported
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    // See: #24. Lighthouse flagged the theme's stylesheet as unminified.
    #[test]
    fn the_theme_stylesheet_is_minified_and_keeps_its_rules() {
        let (_, css) = builtin_static().iter().find(|(p, _)| *p == "css/gloss.css").unwrap();
        let css = std::str::from_utf8(css).unwrap();
        let source = std::str::from_utf8(BUILTIN_STATIC[0].1).unwrap();
        assert!(css.len() * 10 < source.len() * 8, "{} of {} bytes", css.len(), source.len());
        assert!(!css.contains("/*") && !css.contains("\n  "), "comments and indentation go");
        for kept in [".term-tip", "prefers-color-scheme:dark", "--link:", ".timeline-event"] {
            assert!(css.contains(kept), "{kept}");
        }
        let js = builtin_static().iter().find(|(p, _)| *p == "js/gloss.js").unwrap();
        assert_eq!(&js.1[..], BUILTIN_STATIC[1].1, "scripts are written as they are");
    }
}
