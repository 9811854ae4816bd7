//! Watching a site's files and turning file-system events into rebuilds.
//!
//! notify reports raw events; `notify-debouncer-full` merges the bursts editors and tools make
//! (an atomic save is a create, a write and a rename; a `git checkout` is thousands of events)
//! and tracks renames. gloss then waits for the burst to end (`QUIET`) and hands one batch of
//! paths to the rebuild, so a checkout touching a thousand files gives one rebuild.
//!
//! Only `content/`, `templates/` and `static/` are watched recursively, and the root itself
//! without recursion (for `site.toml`): the output folder and `target/` may be inside the root
//! and must not trigger rebuilds or cost inotify watches. A watched folder created later (a first
//! template) is picked up at the next batch.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use anyhow::{Context, Result};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::pipeline::{Site, SitePart};

/// How long the debouncer waits for a file's events to settle.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// How long a batch stays open for more events before the rebuild starts.
const QUIET: Duration = Duration::from_millis(25);

/// Watches the site and calls `rebuild` with each batch of changed paths, until `rebuild`
/// returns `false` or the watcher fails. `ready` is called once every folder is watched: a
/// change made after that is seen.
pub fn watch(
    site: &mut Site,
    ready: impl FnOnce(),
    mut rebuild: impl FnMut(&mut Site, Vec<PathBuf>) -> bool,
) -> Result<()> {
    let (sender, receiver) = channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, sender).context("cannot watch the site")?;
    debouncer
        .watch(site.root(), RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch `{}`", site.root().display()))?;
    let mut watched = Watched::default();
    watched.refresh(&mut debouncer, site, &[])?;
    ready();
    loop {
        let Some(mut batch) = next_batch(&receiver, site) else { return Ok(()) };
        // A folder moved away and back, or replaced by another, is watched anew and read
        // whole: the old watch followed the folder that left, and files of the same name in
        // a new folder may hold anything.
        let renewed = watched.refresh(&mut debouncer, site, &batch)?;
        batch.extend(renewed.into_iter().filter(|dir| !batch.contains(dir)).collect::<Vec<_>>());
        if !rebuild(site, batch) {
            return Ok(());
        }
    }
}

/// The folders watched recursively, with the identity (device, inode) each had when its watch
/// was set up.
#[derive(Default)]
struct Watched(BTreeMap<PathBuf, Option<(u64, u64)>>);

impl Watched {
    /// Watches each site folder that exists and is not watched yet, and watches anew each one
    /// that is another folder than before or that `batch` names itself (it was moved or
    /// replaced). Returns the folders watched anew, which must be read whole.
    fn refresh(
        &mut self,
        debouncer: &mut notify_debouncer_full::Debouncer<
            notify::RecommendedWatcher,
            notify_debouncer_full::RecommendedCache,
        >,
        site: &Site,
        batch: &[PathBuf],
    ) -> Result<Vec<PathBuf>> {
        let mut renewed = Vec::new();
        for dir in watched_dirs(site) {
            let identity = identity(&dir);
            let known = self.0.get(&dir);
            let changed = match known {
                None => identity.is_some(),
                Some(before) => *before != identity || batch.contains(&dir),
            };
            if !changed {
                continue;
            }
            if known.is_some() {
                let _ = debouncer.unwatch(&dir);
                self.0.remove(&dir);
                renewed.push(dir.clone());
            }
            if identity.is_some() && dir.is_dir() {
                debouncer
                    .watch(&dir, RecursiveMode::Recursive)
                    .with_context(|| format!("cannot watch `{}`", dir.display()))?;
                self.0.insert(dir, identity);
            }
        }
        Ok(renewed)
    }
}

/// The device and inode of a folder: what tells one folder from another put at its path.
#[cfg(unix)]
fn identity(dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).ok().filter(|m| m.is_dir()).map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(dir: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(dir).ok().filter(|m| m.is_dir()).map(|_| (0, 0))
}

fn watched_dirs(site: &Site) -> [PathBuf; 3] {
    let config = site.config();
    [config.content_dir(), config.templates_dir(), config.static_dir()]
}

/// Blocks until some site file changed, then gathers events until [`QUIET`] passes without one.
/// `None` when the watcher is gone.
fn next_batch(receiver: &Receiver<DebounceEventResult>, site: &Site) -> Option<Vec<PathBuf>> {
    let mut paths: BTreeSet<PathBuf> = BTreeSet::new();
    loop {
        let received = if paths.is_empty() {
            receiver.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            receiver.recv_timeout(QUIET)
        };
        match received {
            Ok(Ok(events)) => {
                for event in events {
                    if matches!(event.kind, EventKind::Access(_)) {
                        continue;
                    }
                    paths.extend(event.paths.iter().filter(|p| is_site_file(site, p)).cloned());
                }
            }
            Ok(Err(errors)) => {
                for error in errors {
                    eprintln!("warning: watching files: {error}");
                }
            }
            Err(RecvTimeoutError::Timeout) => return Some(paths.into_iter().collect()),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

fn is_site_file(site: &Site, path: &Path) -> bool {
    site.part_of(path) != SitePart::Other
}

/// A short description of a batch for the log line: `content/a.md`, `3 files`.
pub fn describe(site: &Site, paths: &[PathBuf]) -> String {
    match paths {
        [one] => one.strip_prefix(site.root()).unwrap_or(one).display().to_string(),
        many => format!("{} files", many.len()),
    }
}
