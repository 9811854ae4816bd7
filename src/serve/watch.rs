//! Watching a site's files and turning file-system events into rebuilds.
//!
//! notify reports raw events; `notify-debouncer-full` merges the bursts editors and tools make
//! (an atomic save is a create, a write and a rename; a `git checkout` is thousands of events)
//! and tracks renames. gloss then waits for the burst to end ([`QUIET`]) and hands one batch of
//! paths to the rebuild, so a checkout touching a thousand files gives one rebuild.
//!
//! Only `content/`, `templates/` and `static/` are watched recursively, and the root itself
//! without recursion (for `site.toml`): the output folder and `target/` may be inside the root
//! and must not trigger rebuilds or cost inotify watches. A watched folder created later (a first
//! template) is picked up at the next batch.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use anyhow::{Context, Result};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::site::{Part, Site};

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
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    debouncer
        .watch(site.root(), RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch `{}`", site.root().display()))?;
    let mut ready = Some(ready);
    loop {
        for dir in watched_dirs(site) {
            if dir.is_dir() && !watched.contains(&dir) {
                debouncer
                    .watch(&dir, RecursiveMode::Recursive)
                    .with_context(|| format!("cannot watch `{}`", dir.display()))?;
                watched.insert(dir);
            }
        }
        if let Some(ready) = ready.take() {
            ready();
        }
        let Some(batch) = next_batch(&receiver, site) else { return Ok(()) };
        if !rebuild(site, batch) {
            return Ok(());
        }
    }
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
    site.part_of(path) != Part::Other
}

/// A short description of a batch for the log line: `content/a.md`, `3 files`.
pub fn describe(site: &Site, paths: &[PathBuf]) -> String {
    match paths {
        [one] => one.strip_prefix(site.root()).unwrap_or(one).display().to_string(),
        many => format!("{} files", many.len()),
    }
}
