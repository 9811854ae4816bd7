//! The preview server: axum on tokio, serving [`SiteFiles`] from memory.
//!
//! Besides the site it answers two paths of its own, outside any base path:
//! `/__gloss/events` (Server-Sent Events: `connected`, `reload`, `css`, `build-error`) and
//! `/__gloss/livereload.js`, the client that listens to them. Every HTML page gets a `<script>`
//! tag for that client as it is served; the rendered pages themselves never contain it.

use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Response, StatusCode, Uri, header};
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use super::files::{File, Lookup, SiteFiles};

/// Where the live-reload client is served.
pub const CLIENT_PATH: &str = "/__gloss/livereload.js";
/// Where browsers listen for rebuilds.
pub const EVENTS_PATH: &str = "/__gloss/events";
const CLIENT: &str = include_str!("livereload.js");

/// What connected browsers are told.
#[derive(Debug, Clone)]
pub enum LiveEvent {
    /// Pages changed: reload.
    Reload,
    /// Only stylesheets changed: swap them.
    Css,
    /// The rebuild failed: show this message over the page.
    BuildError(String),
}

impl LiveEvent {
    fn to_sse(&self) -> Event {
        match self {
            LiveEvent::Reload => Event::default().event("reload").data("reload"),
            LiveEvent::Css => Event::default().event("css").data("css"),
            LiveEvent::BuildError(message) => Event::default().event("build-error").data(message),
        }
    }
}

/// What the server shares with the rebuild thread.
pub struct ServerState {
    /// The site as served; replaced whole by each rebuild.
    pub files: RwLock<Arc<SiteFiles>>,
    /// Rebuild notifications for connected browsers.
    pub events: broadcast::Sender<LiveEvent>,
    /// The base URL's path: `/` or `/repo/`.
    pub base_path: String,
}

impl ServerState {
    /// The site as it is now.
    pub fn current(&self) -> Arc<SiteFiles> {
        match self.files.read() {
            Ok(files) => Arc::clone(&files),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Serves `files` from now on.
    pub fn replace(&self, files: SiteFiles) {
        let files = Arc::new(files);
        match self.files.write() {
            Ok(mut current) => *current = files,
            Err(poisoned) => *poisoned.into_inner() = files,
        }
    }
}

/// The router: gloss's own endpoints, then the site.
pub fn router(state: Arc<ServerState>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(CLIENT_PATH, get(client))
        .fallback(get(site_file))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(CatchPanicLayer::new())
        .with_state(state)
}

async fn events(
    State(state): State<Arc<ServerState>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let updates = BroadcastStream::new(state.events.subscribe())
        .filter_map(|event| event.ok())
        .map(|event| Ok(event.to_sse()));
    let mut first = vec![Ok(Event::default().event("connected").data("connected"))];
    if let Some(error) = &state.current().error {
        first.push(Ok(LiveEvent::BuildError(error.clone()).to_sse()));
    }
    Sse::new(tokio_stream::iter(first).chain(updates)).keep_alive(KeepAlive::default())
}

async fn client() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], CLIENT)
}

async fn site_file(State(state): State<Arc<ServerState>>, uri: Uri) -> Response<Body> {
    let Ok(path) = percent_decode_str(uri.path()).decode_utf8() else {
        return plain(StatusCode::BAD_REQUEST, "the path is not valid UTF-8");
    };
    let files = state.current();
    match files.lookup(&state.base_path, &path) {
        Lookup::Found(file, name) => respond(StatusCode::OK, file, &name).await,
        Lookup::Redirect(to) => redirect(&to),
        Lookup::NotFound => match files.not_found_page() {
            Some(page) => respond(StatusCode::NOT_FOUND, page, "404.html").await,
            None => plain(StatusCode::NOT_FOUND, "not found"),
        },
    }
}

async fn respond(status: StatusCode, file: &File, name: &str) -> Response<Body> {
    let bytes: Bytes = match file {
        File::Memory(bytes) => bytes.clone(),
        File::Disk(path) => match tokio::fs::read(path).await {
            Ok(bytes) => bytes.into(),
            // Deleted since the last scan; the rebuild that follows will drop it.
            Err(_) => return plain(StatusCode::NOT_FOUND, "not found"),
        },
    };
    let content_type = content_type(name);
    let body = if content_type.starts_with("text/html") {
        Body::from(with_client(bytes.to_vec()))
    } else {
        Body::from(bytes)
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

/// The content type of an output file, with `charset=utf-8` for text (gloss writes only UTF-8).
pub fn content_type(name: &str) -> String {
    let mime = mime_guess::from_path(name).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml" | "svg")
        || mime.suffix().is_some_and(|s| s == "xml" || s == "json");
    if textual { format!("{}; charset=utf-8", mime.essence_str()) } else { mime.to_string() }
}

/// Adds the live-reload client before `</body>` (or at the end).
fn with_client(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{CLIENT_PATH}\" defer></script>");
    let at =
        html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

/// Characters escaped in a `Location` path.
const PATH: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'<').add(b'>').add(b'?').add(b'`');

fn redirect(to: &str) -> Response<Body> {
    let location = utf8_percent_encode(to, PATH).to_string();
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn plain(status: StatusCode, message: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(message));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_types_carry_a_charset() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("css/gloss.css"), "text/css; charset=utf-8");
        assert!(content_type("js/gloss.js").ends_with("javascript; charset=utf-8"));
        assert_eq!(content_type("feed.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("photo.jpg"), "image/jpeg");
    }

    #[test]
    fn the_client_goes_before_the_closing_body_tag() {
        let html = with_client(b"<html><body><p>x</p></body></html>".to_vec());
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains(&format!("<script src=\"{CLIENT_PATH}\" defer></script></body>")));
    }
}
