//! `gloss serve` and `gloss build --watch`: rebuild on every change.
//!
//! Three parts, each in its own module: `watch` turns file events into batches of changed
//! paths, [`crate::pipeline::Site`] turns a batch into the pages that changed, and either `http`
//! serves them from memory (`serve`) or [`crate::output::apply`] writes them (`build --watch`).
//! A failed rebuild changes nothing that is served or written: the error is printed, shown in
//! the browser, and the next save tries again.

pub mod files;
pub mod http;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use anyhow::{Context, Result};
use tokio::sync::broadcast;

use crate::pipeline::{BuildOptions, Rebuild, Site, load_config};
use files::SiteFiles;
use http::{LiveEvent, ServerState};

/// What `gloss serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The address to listen on (loopback unless the user says otherwise).
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
    /// Include drafts.
    pub drafts: bool,
}

/// Builds the site, serves it, and rebuilds on every change until interrupted.
pub fn run(root: &Path, options: &ServeOptions) -> Result<()> {
    let listener = std::net::TcpListener::bind((options.bind, options.port)).with_context(|| {
        format!(
            "cannot listen on {}:{} (is another server using the port? try --port 0 for a free one)",
            options.bind, options.port
        )
    })?;
    let address = listener.local_addr().context("cannot read the server's address")?;
    let base_path = load_config(root, &BuildOptions::default())?.base_path().to_owned();
    let site_url = format!("http://{}{base_path}", display_address(address));
    let build_options = BuildOptions {
        base_url: Some(site_url.clone()),
        drafts: options.drafts,
        progress: true,
        ..BuildOptions::default()
    };
    let mut site = Site::load(root, &build_options)?;
    let first = site.render(true)?;
    let files = SiteFiles::default().updated(&first, &site.config().static_dir())?;
    eprintln!(
        "Built {} articles into {} pages in {} ms",
        first.articles,
        first.total,
        first.elapsed.as_millis()
    );
    let (events, _) = broadcast::channel(16);
    let state = Arc::new(ServerState { files: RwLock::new(Arc::new(files)), events, base_path });
    let watcher_state = Arc::clone(&state);
    let (watching, watching_started) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("gloss-watch".into())
        .spawn(move || {
            let ready = move || {
                let _ = watching.send(());
            };
            let result = watch::watch(&mut site, ready, |site, batch| {
                rebuild_served(site, &batch, &watcher_state);
                true
            });
            if let Err(error) = result {
                eprintln!("error: {error:#}");
            }
        })
        .context("cannot start the file watcher")?;
    if watching_started.recv().is_err() {
        anyhow::bail!("the file watcher stopped before it started");
    }
    eprintln!("Serving the site at {site_url} (Ctrl+C to stop)");
    if options.open {
        open_browser(&site_url);
    }
    serve(listener, state)
}

/// `127.0.0.1:1111`, `[::1]:1111`; an unspecified address is shown as loopback, which works
/// in a browser on the same machine.
fn display_address(address: SocketAddr) -> String {
    if address.ip().is_unspecified() {
        return format!("127.0.0.1:{}", address.port());
    }
    address.to_string()
}

fn serve(listener: std::net::TcpListener, state: Arc<ServerState>) -> Result<()> {
    listener.set_nonblocking(true).context("cannot configure the server socket")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .context("cannot hand the socket to the server")?;
        axum::serve(listener, http::router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("the server stopped")
    })
}

/// One rebuild in serve mode: update the served files and tell the browsers.
fn rebuild_served(site: &mut Site, batch: &[PathBuf], state: &ServerState) {
    let what = watch::describe(site, batch);
    match site.update(batch) {
        Ok(update) => {
            let current = state.current();
            if update.is_empty() && current.error.is_none() {
                log_update(&what, &update);
                return;
            }
            match current.updated(&update, &site.config().static_dir()) {
                Ok(files) => {
                    state.replace(files);
                    log_update(&what, &update);
                    let event = if update.only_css { LiveEvent::Css } else { LiveEvent::Reload };
                    let _ = state.events.send(event);
                }
                Err(error) => report_failure(state, &what, &error),
            }
        }
        Err(error) => report_failure(state, &what, &error),
    }
}

/// Keeps serving the last good site, with the error shown over its pages.
fn report_failure(state: &ServerState, what: &str, error: &anyhow::Error) {
    let message = format!("{error:#}");
    eprintln!("[{}] {what}: rebuild failed\nerror: {message}", clock());
    let mut files = (*state.current()).clone();
    files.error = Some(message.clone());
    state.replace(files);
    let _ = state.events.send(LiveEvent::BuildError(message));
}

/// The one log line of a rebuild.
pub fn log_update(what: &str, update: &Rebuild) {
    let changes = &update.changes;
    let mut parts = vec![format!("{} of {} pages rendered", changes.pages.len(), update.total)];
    if !changes.removed.is_empty() {
        parts.push(format!("{} removed", changes.removed.len()));
    }
    if update.static_changed() {
        parts.push(format!("{} static file(s)", changes.static_paths.len()));
    }
    if update.full {
        parts.push("full rebuild".into());
    }
    eprintln!(
        "[{}] {what} changed: {} in {} ms",
        clock(),
        parts.join(", "),
        update.elapsed.as_millis()
    );
}

fn clock() -> String {
    chrono::Local::now().format("%H:%M:%S").to_string()
}

/// Asks the desktop to open `url`; a failure is only a warning.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(target_os = "windows") {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(error) = command {
        eprintln!("warning: cannot open a browser ({error}); open {url} yourself");
    }
}

/// `gloss build --watch`: build once, then apply each rebuild to the output folder.
pub fn build_and_watch(root: &Path, options: &BuildOptions) -> Result<()> {
    let started = std::time::Instant::now();
    let mut site = Site::load(root, options)?;
    let output = options.output.clone().unwrap_or_else(|| site.config().output_path());
    let config = site.config();
    let source_dirs = [config.content_dir(), config.templates_dir(), config.static_dir()];
    // The first build is a build like `gloss build`'s, written through a staging folder,
    // except that the site keeps its cache for the rebuilds.
    let staging = crate::output::Staging::create(&crate::output::Destination {
        static_dir: &config.static_dir(),
        output: &output,
        root: &config.root,
        source_dirs: &source_dirs,
    })?;
    let output = staging.output().to_path_buf();
    let first = site.render_into(&staging, options.progress)?;
    staging.finish()?;
    eprintln!(
        "Built {} articles into {} pages in `{}` ({} ms)",
        first.articles,
        first.total,
        output.display(),
        started.elapsed().as_millis()
    );
    let ready = || eprintln!("Watching for changes (Ctrl+C to stop)");
    watch::watch(&mut site, ready, |site, batch| {
        let what = watch::describe(site, &batch);
        let static_dir = site.config().static_dir();
        let result = site.update(&batch).and_then(|update| {
            crate::output::apply(&output, &update.changes, &static_dir).map(|()| update)
        });
        match result {
            Ok(update) => log_update(&what, &update),
            Err(error) => eprintln!("[{}] {what}: rebuild failed\nerror: {error:#}", clock()),
        }
        true
    })
}
