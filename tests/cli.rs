//! End to end through the real binary: exit codes, messages, `init`, and builds killed midway.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::{SiteTest, snapshot_dir};

use common::run_gloss as gloss;

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn help_lists_only_working_commands_and_explains_them() {
    let output = gloss(&["--help"], Path::new("."));
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("init") && help.contains("build"), "{help}");
    assert!(help.contains("--root"), "{help}");
    let build_help = gloss(&["build", "--help"], Path::new("."));
    let text = String::from_utf8_lossy(&build_help.stdout);
    for flag in ["--output", "--base-url", "--drafts", "--root"] {
        assert!(text.contains(flag), "build --help lacks {flag}:\n{text}");
    }
}

#[test]
fn init_then_build_works_without_templates_of_ones_own() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-site");
    let init = gloss(&["init", site.to_str().unwrap()], dir.path());
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(!site.join("templates").join("base.html").exists());
    let build = gloss(&["build", "--root", site.to_str().unwrap()], dir.path());
    assert!(build.status.success(), "{}", stderr(&build));
    let page = std::fs::read_to_string(site.join("public/first-article/index.html")).unwrap();
    assert!(page.contains("<title>첫 번째 기사 · My annotated archive</title>"), "{page}");
    // A second init must not clobber the site.
    let again = gloss(&["init", site.to_str().unwrap()], dir.path());
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already holds a site"));
}

#[test]
fn broken_front_matter_exits_1_naming_file_and_line_without_panic() {
    let site = SiteTest::fixture("basic");
    site.write("content/oops.md", "---\ntitle: Oops\nsummary: one: two\n---\n");
    let output = gloss(&["build", "--root", site.root().to_str().unwrap()], site.root());
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("content/oops.md:3"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn build_flags_are_honoured() {
    let site = SiteTest::fixture("basic");
    let out = site.root().join("elsewhere");
    let output = gloss(
        &[
            "build",
            "--output",
            out.to_str().unwrap(),
            "--base-url",
            "https://u.github.io/r/",
            "--drafts",
        ],
        site.root(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("href=\"/r/css/gloss.css\""), "{home}");
    assert!(out.join("draft/index.html").exists());
    assert!(!site.root().join("public").exists());
}

#[test]
fn missing_site_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = gloss(&["build"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("site.toml"), "{}", stderr(&output));
}

/// Writes a site big enough that a build takes a noticeable time.
fn big_site(articles: usize) -> SiteTest {
    let site = SiteTest::fixture("basic");
    let paragraph =
        "빠른 갈색 여우가 게으른 개를 뛰어넘는다. The quick brown fox jumps over the lazy dog. "
            .repeat(40);
    for i in 0..articles {
        site.write(
            &format!("content/bulk/{i:05}.md"),
            &format!(
                "---\ntitle: 기사 {i}\ndate: 2024-01-{:02}\ntags: [tag{}]\n---\n\n## 제목 {i}\n\n{paragraph}\n\n{paragraph}\n",
                i % 28 + 1,
                i % 50
            ),
        );
    }
    site
}

#[test]
fn killed_builds_leave_the_previous_site_whole() {
    let site = big_site(3000);
    let root = site.root().to_str().unwrap().to_owned();
    // The shorter of two full builds (the second also replaces an existing site) sets the
    // kill times, so that most kills land while a build is still running.
    let mut full_build = Duration::MAX;
    for _ in 0..2 {
        let started = Instant::now();
        let build = gloss(&["build", "--root", &root], site.root());
        assert!(build.status.success(), "{}", stderr(&build));
        full_build = full_build.min(started.elapsed());
    }
    let mut old = snapshot_dir(&site.output());

    let mut interrupted = 0;
    for step in 1..=8u32 {
        // Each attempt would add one article, so a finished build is told apart from the old site.
        site.write(
            &format!("content/bulk/new-{step}.md"),
            &format!("---\ntitle: New {step}\ndate: 2025-12-01\n---\nnew\n"),
        );
        let delay = full_build * step / 10;
        let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
            .args(["build", "--root", &root])
            .spawn()
            .unwrap();
        std::thread::sleep(delay.max(Duration::from_millis(5)));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        let now = snapshot_dir(&site.output());
        // Whatever the moment of the kill, the output is the old site or the new one, whole.
        // (A build may be killed after its swap, while it removes the old site: then it is new.)
        if now == old {
            assert!(!finished, "step {step}: a finished build left the old site");
            interrupted += 1;
        } else {
            assert!(
                now.contains_key(&format!("bulk/new-{step}/index.html")),
                "step {step}: partial"
            );
            assert!(old.keys().all(|k| now.contains_key(k)), "step {step}: pages missing");
            old = now;
        }
    }
    assert!(
        interrupted >= 3,
        "only {interrupted} builds were killed midway; the site is too small for this machine"
    );
    // A later build cleans up after the killed ones and succeeds.
    let last = gloss(&["build", "--root", &root], site.root());
    assert!(last.status.success(), "{}", stderr(&last));
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("gloss-staging"))
        .collect();
    assert!(leftovers.is_empty(), "stale staging folders are removed");
}

#[test]
fn build_timings_list_each_stage_with_its_time() {
    let site = common::SiteTest::fixture("basic");
    let root = site.root().to_str().unwrap();
    let output = common::run_gloss(&["build", "--root", root, "--timings"], site.root());
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stages: Vec<&str> = stderr.lines().filter(|l| l.trim_start().contains(" ms  ")).collect();
    assert_eq!(stages.len(), 4, "{stderr}");
    assert!(stages[0].ends_with("read the content and templates"), "{stderr}");
    assert!(stages[3].ends_with("swap the new site in"), "{stderr}");
    for line in stages {
        let ms: f64 = line.split_whitespace().next().unwrap().parse().unwrap();
        assert!(ms >= 0.0, "{line}");
    }
    let plain = common::run_gloss(&["build", "--root", root], site.root());
    assert!(!String::from_utf8_lossy(&plain.stderr).contains(" ms  "), "timings only when asked");
}

// See: #18. `serve --port 70000` and `--bind 999.1.1.1` exited 2 while the README promised 1
// on any error. Now both conventions are stated: 2 for a wrong command line, 1 for a failure.
#[test]
fn usage_errors_exit_2_and_failures_exit_1() {
    let site = SiteTest::fixture("basic");
    let root = site.root().to_str().unwrap();
    for args in [
        vec!["serve", "--port", "70000", "--root", root],
        vec!["serve", "--bind", "999.1.1.1", "--root", root],
        vec!["build", "--no-such-flag"],
        vec!["frobnicate"],
    ] {
        let output = gloss(&args, site.root());
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains("error:"), "{args:?}: {}", stderr(&output));
    }
    let failure = gloss(&["build", "--root", "no-such-site"], site.root());
    assert_eq!(failure.status.code(), Some(1), "{}", stderr(&failure));
    let help = String::from_utf8_lossy(&gloss(&["--help"], site.root()).stdout).into_owned();
    assert!(help.contains("Exit status") && help.contains("2 "), "{help}");
}

/// Every file under `dir` with its bytes, and every folder: what a refused build must leave.
fn tree(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let bytes = e.file_type().is_file().then(|| std::fs::read(e.path()).unwrap());
            (e.path().strip_prefix(dir).unwrap().display().to_string(), bytes)
        })
        .collect()
}

// See: #18. `--output "$PWD/s/nope/../../keep"` passed every check and deleted `keep/`, and
// `output_dir = "public/../content"` deleted the articles; an `--output` naming a file moved the
// file away. Each must be refused, with the disk left exactly as it was.
#[test]
fn output_guards_cannot_be_bypassed_and_refusals_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    let init = gloss(&["init", "s"], base);
    assert!(init.status.success(), "{}", stderr(&init));
    std::fs::create_dir(base.join("keep")).unwrap();
    std::fs::write(base.join("keep/thesis.txt"), "precious").unwrap();
    std::fs::write(base.join("f.txt"), "a file").unwrap();
    let through_missing = format!("{}/s/nope/../../keep", base.display());
    let before = tree(base);
    for output in [through_missing.as_str(), "f.txt", "s/content", "s", "s/public/../static", "."] {
        let run = gloss(&["build", "--root", "s", "--output", output], base);
        assert_eq!(run.status.code(), Some(1), "--output {output} was accepted");
        assert!(stderr(&run).contains("refusing"), "{output}: {}", stderr(&run));
        assert_eq!(tree(base), before, "--output {output} changed the disk");
    }
    let config = std::fs::read_to_string(base.join("s/site.toml")).unwrap();
    std::fs::write(
        base.join("s/site.toml"),
        format!("{config}\noutput_dir = \"public/../content\"\n"),
    )
    .unwrap();
    let before = tree(base);
    let run = gloss(&["build", "--root", "s"], base);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(tree(base), before);
}

// See: #18. The site (a temporary folder, 0700) and pages rewritten by `build --watch`
// (temporary files, 0600) could not be read by a web server or a teammate.
#[test]
fn output_files_get_the_permissions_of_the_users_umask() {
    use std::os::unix::fs::PermissionsExt;
    let site = SiteTest::fixture("basic");
    site.build_ok();
    let probe_dir = site.root().join("probe-dir");
    std::fs::create_dir(&probe_dir).unwrap();
    let probe_file = site.root().join("probe.txt");
    std::fs::write(&probe_file, "x").unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&site.output()), mode(&probe_dir));
    assert_eq!(mode(&site.output().join("index.html")), mode(&probe_file));
}
