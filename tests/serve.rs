//! `gloss serve` and `gloss build --watch`, run as a user runs them: the binary on a free port,
//! files edited on disk, pages fetched over HTTP.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::SiteTest;

/// A running `gloss serve`; killed when dropped.
struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/annotated/`
    url: String,
    /// `127.0.0.1:PORT`
    address: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(site: &SiteTest) -> Server {
        Server::start_with(site, &["serve", "--port", "0"])
    }

    fn start_with(site: &SiteTest, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
            .args(args)
            .arg("--root")
            .arg(site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gloss serve");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(String::new()));
        let (sender, receiver) = std::sync::mpsc::channel();
        let writer = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("Serving the site at ") {
                    let _ = sender.send(url.split(' ').next().unwrap_or("").to_owned());
                } else if line.starts_with("Watching for changes") {
                    let _ = sender.send(String::new());
                }
                writer.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let url = receiver
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("gloss serve did not start:\n{}", log.lock().unwrap()));
        let address = url.trim_start_matches("http://").split('/').next().unwrap_or("").to_owned();
        Server { child, url, address, log }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// GET a path (relative to the server root) and return (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .new_agent();
        let mut response =
            agent.get(&format!("http://{}{path}", self.address)).call().expect("request");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap_or_default())
    }

    /// Polls `path` until `check` accepts its body or `deadline` passes; returns the time taken.
    fn wait_for(&self, path: &str, deadline: Duration, check: impl Fn(&str) -> bool) -> Duration {
        let started = Instant::now();
        loop {
            let (_, body) = self.get(path);
            if check(&body) {
                return started.elapsed();
            }
            if started.elapsed() > deadline {
                panic!("`{path}` did not change within {deadline:?}; log:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn wait_for_log(&self, text: &str) {
        let started = Instant::now();
        while !self.log().contains(text) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "no `{text}` in log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends a raw request line, so the path reaches the server exactly as written.
fn raw_get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("connect");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
}

/// An open Server-Sent Events connection; `next_event` reads the next `event:` name.
struct Events(BufReader<TcpStream>);

impl Events {
    fn connect(address: &str) -> Events {
        let mut stream = TcpStream::connect(address).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "GET /__gloss/events HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
        let mut events = Events(BufReader::new(stream));
        assert_eq!(events.next_event().0, "connected");
        events
    }

    /// (event name, data lines joined).
    fn next_event(&mut self) -> (String, String) {
        let mut name = String::new();
        let mut data = Vec::new();
        loop {
            let mut line = String::new();
            let read = self.0.read_line(&mut line).expect("read an event before the timeout");
            assert!(read > 0, "the event stream closed");
            let line = line.trim_end();
            if let Some(value) = line.strip_prefix("event: ") {
                name = value.to_owned();
            } else if let Some(value) = line.strip_prefix("data: ") {
                data.push(value.to_owned());
            } else if line.is_empty() && !name.is_empty() {
                return (name, data.join("\n"));
            }
        }
    }
}

const ARTICLE: &str = "content/2025-08-17-ms-openai.md";

fn retitle(site: &SiteTest, title: &str) {
    let path = site.root().join(ARTICLE);
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("\ntitle:").unwrap() + 1;
    let end = start + text[start..].find('\n').unwrap();
    let text = format!("{}title: \"{title}\"{}", &text[..start], &text[end..]);
    std::fs::write(path, text).unwrap();
}

#[test]
fn an_edit_is_served_within_a_second() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site);
    assert!(server.url.ends_with("/annotated/"), "served under the base path: {}", server.url);
    let (status, home) = server.get("/annotated/");
    assert_eq!(status, 200);
    assert!(home.contains("competitive cooperation"));
    retitle(&site, "A title edited while serving");
    let took = server.wait_for("/annotated/ms-openai/", Duration::from_secs(1), |body| {
        body.contains("A title edited while serving")
    });
    eprintln!("edit served after {took:?}");
    // Pages listing it follow, in the same rebuild.
    assert!(server.get("/annotated/").1.contains("A title edited while serving"));
    server.wait_for_log(&format!("{ARTICLE} changed:"));
}

#[test]
fn new_articles_appear_and_deleted_ones_disappear() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site);
    site.write(
        "content/2026-01-01-fresh.md",
        "---\ntitle: \"A fresh article\"\ndate: 2026-01-01\n---\nNew.\n",
    );
    server.wait_for("/annotated/", Duration::from_secs(5), |b| b.contains("A fresh article"));
    assert_eq!(server.get("/annotated/fresh/").0, 200);
    std::fs::remove_file(site.root().join("content/2026-01-01-fresh.md")).unwrap();
    server.wait_for("/annotated/", Duration::from_secs(5), |b| !b.contains("A fresh article"));
    let (status, body) = server.get("/annotated/fresh/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the site's own 404 page");
}

#[test]
fn renamed_articles_move_their_page() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site);
    let from = site.root().join(ARTICLE);
    std::fs::rename(&from, site.root().join("content/2025-08-17-renamed.md")).unwrap();
    server.wait_for("/annotated/renamed/", Duration::from_secs(5), |b| {
        b.contains("competitive cooperation")
    });
    assert_eq!(server.get("/annotated/ms-openai/").0, 404);
}

#[test]
fn a_broken_file_keeps_the_last_good_site_and_the_fix_recovers() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site);
    let mut events = Events::connect(&server.address);
    let path = site.root().join(ARTICLE);
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, good.replacen("title:", "title: [unclosed", 1)).unwrap();
    let (name, message) = events.next_event();
    assert_eq!(name, "build-error");
    assert!(message.contains(ARTICLE), "the error names the file: {message}");
    assert!(message.contains(":2:") || message.contains(":3:"), "and the line: {message}");
    server.wait_for_log("rebuild failed");
    // The server is up and serves the last good pages.
    let (status, page) = server.get("/annotated/ms-openai/");
    assert_eq!(status, 200);
    assert!(page.contains("competitive cooperation"));
    // A browser connecting now learns about the error at once.
    let mut late = Events::connect(&server.address);
    assert_eq!(late.next_event().0, "build-error");
    std::fs::write(
        &path,
        good.replacen("title:", "title: \"Fixed after the error\"\nx_old_title:", 1),
    )
    .unwrap();
    assert_eq!(events.next_event().0, "reload");
    server.wait_for("/annotated/ms-openai/", Duration::from_secs(5), |b| {
        b.contains("Fixed after the error")
    });
}

#[test]
fn live_reload_reaches_a_connected_client_and_css_is_swapped_without_reload() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site);
    let mut events = Events::connect(&server.address);
    retitle(&site, "Reload me");
    assert_eq!(events.next_event().0, "reload");
    site.write("static/extra.css", "body { color: red }\n");
    assert_eq!(events.next_event().0, "css");
    let (status, css) = server.get("/annotated/extra.css");
    assert_eq!((status, css.as_str()), (200, "body { color: red }\n"));
}

#[test]
fn the_client_script_is_injected_only_when_serving() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site);
    let (_, page) = server.get("/annotated/ms-openai/");
    assert!(page.contains("<script src=\"/__gloss/livereload.js\" defer></script></body>"));
    let (status, script) = server.get("/__gloss/livereload.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));
    drop(server);
    site.build_ok();
    for file in common::html_files(&site.output()) {
        let html = std::fs::read_to_string(site.output().join(&file)).unwrap();
        assert!(!html.contains("__gloss"), "{} has the live-reload client", file.display());
    }
}

#[test]
fn paths_cannot_escape_the_site() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site);
    for path in [
        "/../../../../etc/passwd",
        "/annotated/../../../etc/passwd",
        "/annotated/%2e%2e/%2e%2e/etc/passwd",
        "/annotated/..%2f..%2f..%2fetc%2fpasswd",
        "/annotated/css/..%5c..%5csite.toml",
        "/annotated/../site.toml",
        "//etc/passwd",
    ] {
        let response = raw_get(&server.address, path);
        let status = response.split(' ').nth(1).unwrap_or("");
        assert!(
            status == "404" || status == "400",
            "{path}: {}",
            response.lines().next().unwrap_or("")
        );
        assert!(!response.contains("root:x:0"), "{path} leaked /etc/passwd");
        assert!(!response.contains("base_url"), "{path} leaked site.toml");
    }
}

#[test]
fn responses_carry_content_types_and_the_root_leads_to_the_base_path() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site);
    let head = raw_get(&server.address, "/annotated/css/gloss.css").to_lowercase();
    assert!(head.contains("content-type: text/css; charset=utf-8"), "{head}");
    let head = raw_get(&server.address, "/annotated/").to_lowercase();
    assert!(head.contains("content-type: text/html; charset=utf-8"));
    let head = raw_get(&server.address, "/");
    assert!(head.starts_with("HTTP/1.1 301"), "{head}");
    assert!(head.to_lowercase().contains("location: /annotated/"));
    let head = raw_get(&server.address, "/annotated/ms-openai");
    assert!(head.to_lowercase().contains("location: /annotated/ms-openai/"), "{head}");
}

#[test]
fn a_template_change_rebuilds_everything() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site);
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>Custom missing page</p>{% endblock %}",
    );
    server.wait_for("/annotated/nothing-here/", Duration::from_secs(5), |b| {
        b.contains("Custom missing page")
    });
    server.wait_for_log("full rebuild");
}

#[test]
fn editor_files_are_ignored_and_a_burst_of_changes_is_one_rebuild() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site);
    site.write("content/.2025-08-17-ms-openai.md.swp", "binary swap data");
    site.write("content/2025-08-17-ms-openai.md~", "backup");
    site.write("content/4913", "");
    // A checkout-like burst: many new articles at once.
    for i in 0..300 {
        site.write(
            &format!("content/burst/2024-01-{:02}-burst-{i}.md", i % 28 + 1),
            &format!(
                "---\ntitle: \"Burst {i}\"\ndate: 2024-01-{:02}\n---\nText {i}.\n",
                i % 28 + 1
            ),
        );
    }
    server.wait_for("/annotated/burst/", Duration::from_secs(10), |b| b.contains("Burst"));
    std::thread::sleep(Duration::from_millis(500));
    let log = server.log();
    let rebuilds = log.lines().filter(|l| l.contains(" changed: ")).count();
    assert_eq!(rebuilds, 1, "one rebuild for the burst, none for editor files:\n{log}");
    // Files written into the new folder before it was watched are found by walking it.
    for i in 0..300 {
        assert_eq!(server.get(&format!("/annotated/burst/burst-{i}/")).0, 200, "burst {i}");
    }
}

#[test]
fn build_watch_rewrites_changed_pages_in_the_output() {
    let site = SiteTest::fixture("basic");
    let server = Server::start_with(&site, &["build", "--watch"]);
    let _ = &server.url;
    let page = site.output().join("ms-openai/index.html");
    assert!(std::fs::read_to_string(&page).unwrap().contains("competitive cooperation"));
    retitle(&site, "Watched title");
    let started = Instant::now();
    while !std::fs::read_to_string(&page).unwrap_or_default().contains("Watched title") {
        assert!(started.elapsed() < Duration::from_secs(5), "not rewritten:\n{}", server.log());
        std::thread::sleep(Duration::from_millis(10));
    }
    std::fs::remove_file(site.root().join(ARTICLE)).unwrap();
    while page.exists() {
        assert!(started.elapsed() < Duration::from_secs(10), "not removed:\n{}", server.log());
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        !std::fs::read_to_string(site.output().join("index.html")).unwrap().contains("__gloss")
    );
}

/// Hashes of every file under `dir`, to prove a command left them alone.
fn fingerprint_tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn the_server_keeps_answering_whole_pages_under_load_while_rebuilding() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site);
    let address = server.address.clone();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let clients: Vec<_> = (0..8)
        .map(|_| {
            let address = address.clone();
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut answered = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) || answered < 200 {
                    let response = raw_get(&address, "/annotated/ms-openai/");
                    assert!(
                        response.starts_with("HTTP/1.1 200"),
                        "{}",
                        response.lines().next().unwrap_or("")
                    );
                    let body = &response[response.find("\r\n\r\n").unwrap() + 4..];
                    // A whole page: the document ends, and its title is one of the two versions.
                    assert!(body.trim_end().ends_with("</html>"), "a truncated page was served");
                    let title = body
                        .split("<title>")
                        .nth(1)
                        .and_then(|t| t.split("</title>").next())
                        .unwrap();
                    assert!(
                        title.starts_with("MS and OpenAI") || title.starts_with("Under load"),
                        "unexpected title {title}"
                    );
                    answered += 1;
                }
                answered
            })
        })
        .collect();
    for round in 0..20 {
        let title = if round % 2 == 0 { "Under load {round}" } else { "MS and OpenAI, again" };
        retitle(&site, &title.replace("{round}", &round.to_string()));
        std::thread::sleep(Duration::from_millis(60));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let answered: usize = clients.into_iter().map(|c| c.join().expect("a client failed")).sum();
    assert!(answered >= 1600, "{answered} requests answered");
    let rebuilds = server.log().lines().filter(|l| l.contains(" changed: ")).count();
    assert!(rebuilds >= 5, "rebuilds happened during the load:\n{}", server.log());
}

#[test]
fn build_serve_and_check_never_touch_content() {
    let site = SiteTest::fixture("basic");
    let before = fingerprint_tree(&site.root().join("content"));
    site.build_ok();
    let run = common::run_gloss(&["check", "--root", site.root().to_str().unwrap()], site.root());
    assert!(run.status.success());
    {
        let server = Server::start(&site);
        let _ = server.get("/annotated/");
        let server = Server::start_with(&site, &["build", "--watch"]);
        drop(server);
    }
    assert_eq!(fingerprint_tree(&site.root().join("content")), before);
}

/// Waits up to `deadline` for `settled` to hold, retrying; the last failure's message if not.
fn settles(deadline: Duration, mut settled: impl FnMut() -> Result<(), String>) {
    let started = Instant::now();
    loop {
        match settled() {
            Ok(()) => return,
            Err(message) if started.elapsed() > deadline => panic!("{message}"),
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// A fresh `gloss build` of the site as it is now, with `base_url`, in a temporary folder.
fn fresh_build(
    site: &SiteTest,
    base_url: Option<&str>,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    let copy = SiteTest::copy_of(site.root());
    let options = gloss::BuildOptions {
        base_url: base_url.map(str::to_owned),
        ..gloss::BuildOptions::default()
    };
    gloss::build(copy.root(), &options).expect("a fresh build");
    common::snapshot_dir(&copy.output())
}

/// One round of the file churn editors and tools make, with gaps of 0–20 ms: an article
/// created, renamed and deleted; another created to stay; the previous round's one deleted
/// through an editor's swap-file rename; one renamed to stay. Returns the names that must be
/// gone afterwards.
fn churn(site: &SiteTest, round: usize, gap: &mut impl FnMut() -> Duration) -> Vec<String> {
    let content = site.root().join("content");
    let article = |title: &str| format!("---\ntitle: \"{title}\"\ndate: 2026-01-02\n---\nChurn.\n");
    let mut gone = Vec::new();
    std::fs::write(content.join(format!("brief-{round}.md")), article("Brief")).unwrap();
    std::thread::sleep(gap());
    std::fs::rename(
        content.join(format!("brief-{round}.md")),
        content.join(format!("moved-{round}.md")),
    )
    .unwrap();
    std::thread::sleep(gap());
    std::fs::remove_file(content.join(format!("moved-{round}.md"))).unwrap();
    gone.extend([format!("brief-{round}"), format!("moved-{round}")]);
    std::fs::write(content.join(format!("stay-{round}.md")), article(&format!("Stay {round}")))
        .unwrap();
    if round > 0 {
        let previous = content.join(format!("stay-{}.md", round - 1));
        let swap = content.join(format!(".stay-{}.md.swp", round - 1));
        std::fs::rename(&previous, &swap).unwrap();
        std::thread::sleep(gap());
        std::fs::remove_file(&swap).unwrap();
        gone.push(format!("stay-{}", round - 1));
    }
    std::fs::write(content.join(format!("draft-name-{round}.md")), article("Renamed")).unwrap();
    std::thread::sleep(gap());
    std::fs::rename(
        content.join(format!("draft-name-{round}.md")),
        content.join(format!("final-name-{round}.md")),
    )
    .unwrap();
    gone.push(format!("draft-name-{round}"));
    gone
}

/// The page as built, from a served page: without the live-reload client serve adds.
fn without_client(body: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(body) else { return body.to_vec() };
    text.replace("<script src=\"/__gloss/livereload.js\" defer></script>", "").into_bytes()
}

// See: #18. Articles created, renamed and deleted within ~20 ms kept their pages: `/a/` answered
// 200 until a restart, listings linked it, `public/a/` stayed on disk.
#[test]
fn churned_articles_leave_serve_and_build_watch_equal_to_a_fresh_build() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site);
    let watcher = Server::start_with(&site, &["build", "--watch"]);
    let mut seed = 0x9e37_79b9_u32;
    let mut gap = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        Duration::from_millis(u64::from(seed % 21))
    };
    let base = server.url.clone();
    for round in 0..20 {
        let gone = churn(&site, round, &mut gap);
        let served = fresh_build(&site, Some(&base));
        settles(Duration::from_secs(15), || {
            for (path, expected) in served.iter().filter(|(p, _)| *p != ".gloss-output") {
                let url = format!("/annotated/{}", path.trim_end_matches("index.html"));
                let agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .max_redirects(0)
                    .build()
                    .new_agent();
                let mut response = agent
                    .get(&format!("http://{}{url}", server.address))
                    .call()
                    .map_err(|e| e.to_string())?;
                let body = response.body_mut().read_to_vec().unwrap_or_default();
                if without_client(&body) != *expected {
                    return Err(format!(
                        "round {round}: serve's `{url}` differs from a fresh build"
                    ));
                }
            }
            for name in &gone {
                if server.get(&format!("/annotated/{name}/")).0 != 404 {
                    return Err(format!("round {round}: serve still answers `/annotated/{name}/`"));
                }
            }
            Ok(())
        });
        let written = fresh_build(&site, None);
        settles(Duration::from_secs(15), || {
            let output = common::snapshot_dir(&site.output());
            if output == written {
                return Ok(());
            }
            let differ: Vec<&String> = output
                .keys()
                .chain(written.keys())
                .filter(|k| output.get(*k) != written.get(*k))
                .collect();
            Err(format!(
                "round {round}: build --watch's output differs: {differ:?}\n{}",
                watcher.log()
            ))
        });
    }
}

// See: #18. After `mv content content.old; mv content.old content` (or another folder swapped
// in, as sync tools and `git worktree` setups do), changes were never rebuilt again.
#[test]
fn the_watcher_follows_a_content_folder_moved_away_and_back_or_replaced() {
    let site = SiteTest::fixture("basic");
    let server = Server::start(&site);
    let content = site.root().join("content");
    let aside = site.root().join("content.old");
    std::fs::rename(&content, &aside).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    std::fs::rename(&aside, &content).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    retitle(&site, "Edited after the folder came back");
    server.wait_for("/annotated/ms-openai/", Duration::from_secs(5), |body| {
        body.contains("Edited after the folder came back")
    });
    // A different folder put in its place: its articles are served, and edits in it seen.
    let replacement = site.root().join("content.new");
    common::copy_dir(&content, &replacement);
    std::fs::write(
        replacement.join("2026-02-02-swapped.md"),
        "---\ntitle: \"From the swapped folder\"\ndate: 2026-02-02\n---\nSwapped.\n",
    )
    .unwrap();
    std::fs::rename(&content, &aside).unwrap();
    std::fs::rename(&replacement, &content).unwrap();
    server
        .wait_for("/annotated/", Duration::from_secs(5), |b| b.contains("From the swapped folder"));
    std::thread::sleep(Duration::from_millis(300));
    retitle(&site, "Edited in the swapped folder");
    server.wait_for("/annotated/ms-openai/", Duration::from_secs(5), |body| {
        body.contains("Edited in the swapped folder")
    });
}
