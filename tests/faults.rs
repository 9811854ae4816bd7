//! Faults outside gloss: an output disk that fills up or turns read-only, a swap that cannot
//! happen, and content that changes while a build reads it. Whatever happens, the previous site
//! stays whole, the error names the file, and no content file is touched.
//!
//! The disk faults are real, not simulated: each scenario runs as a shell script in a private
//! mount namespace (`unshare --map-root-user --mount`, which needs no privileges where user
//! namespaces are enabled, as on Debian), mounts a small tmpfs there, and runs the `gloss` binary
//! against it. The script copies what it sees to the test's temporary folder, where the test
//! parses it; the mounts vanish with the script.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::{SiteTest, broken_links, snapshot_dir};

/// What a scenario left behind, in the test's temporary folder.
struct Scenario {
    dir: tempfile::TempDir,
}

impl Scenario {
    /// Runs `script` with `$GLOSS`, `$SITE`, `$MNT` (an empty folder to mount on) and `$KEEP` (a
    /// folder on the normal disk for what the test should see) set.
    fn run(site: &SiteTest, script: &str) -> Scenario {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("mnt")).unwrap();
        std::fs::create_dir(dir.path().join("keep")).unwrap();
        let run_in = |namespaces: &[&str]| {
            Command::new("unshare")
                .args(namespaces)
                .args(["--", "bash", "-euo", "pipefail", "-c", script])
                .env("GLOSS", env!("CARGO_BIN_EXE_gloss"))
                .env("SITE", site.root())
                .env("MNT", dir.path().join("mnt"))
                .env("KEEP", dir.path().join("keep"))
                .output()
                .expect("run unshare (util-linux)")
        };
        // A user namespace needs no privileges; where it is refused (some container sandboxes),
        // root can still make a mount namespace alone.
        let mut run = run_in(&["--map-root-user", "--mount"]);
        if !run.status.success() && String::from_utf8_lossy(&run.stderr).contains("unshare failed")
        {
            run = run_in(&["--mount"]);
        }
        assert!(
            run.status.success(),
            "the scenario script failed (are user namespaces enabled?)\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
        Scenario { dir }
    }

    fn kept(&self, name: &str) -> PathBuf {
        self.dir.path().join("keep").join(name)
    }

    fn text(&self, name: &str) -> String {
        std::fs::read_to_string(self.kept(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// The exit code the script recorded in `$KEEP/<name>`.
    fn code(&self, name: &str) -> i32 {
        self.text(name).trim().parse().unwrap()
    }
}

/// Edits an article so that a finished build would differ from the previous one.
const EDIT: &str = r#"printf -- '---\ntitle: Changed after the first build\ndate: 2025-08-20\n---\nNew text.\n' > "$SITE/content/changed.md""#;

#[test]
fn a_full_disk_keeps_the_previous_site_and_names_the_file() {
    let site = SiteTest::fixture("basic");
    let content_before = snapshot_dir(&site.root().join("content"));
    // The disk is shrunk to room for one and a half sites after the first build: the next build
    // (which stages the new site while the old one is still there) runs out of space midway.
    let script = r#"
        mount -t tmpfs -o size=8m tmpfs "$MNT"
        "$GLOSS" build --root "$SITE" --output "$MNT/public"
        used=$(df -k "$MNT" | tail -1 | awk '{print $3}')
        mount -o remount,size=$((used * 3 / 2))k "$MNT"
        echo "$used" > "$KEEP/site-kib"
        cp -a "$MNT/public" "$KEEP/before"
        {EDIT}
        set +e
        "$GLOSS" build --root "$SITE" --output "$MNT/public" 2> "$KEEP/full.err"
        echo $? > "$KEEP/full.code"
        set -e
        cp -a "$MNT/public" "$KEEP/after"
        ls -A "$MNT" > "$KEEP/listing"
        df -k "$MNT" | tail -1 | awk '{print $3}' > "$KEEP/used"
        # Once there is room again, the next build goes through.
        mount -o remount,size=8m "$MNT"
        set +e
        "$GLOSS" build --root "$SITE" --output "$MNT/public" 2> "$KEEP/roomy.err"
        echo $? > "$KEEP/roomy.code"
        set -e
        cp -a "$MNT/public" "$KEEP/roomy"
        "#
    .replace("{EDIT}", EDIT);
    let scenario = Scenario::run(&site, &script);
    let site_kib: u64 = scenario.text("site-kib").trim().parse().unwrap();

    assert_eq!(scenario.code("full.code"), 1, "a build on a full disk fails with exit code 1");
    let error = scenario.text("full.err");
    assert!(error.contains("No space left on device"), "the cause is named:\n{error}");
    assert!(
        error.contains("/mnt/public/") && error.contains("was left as it was"),
        "the message names the output file, not the staging folder:\n{error}"
    );
    assert!(!error.contains("panicked"), "{error}");
    assert_eq!(
        snapshot_dir(&scenario.kept("before")),
        snapshot_dir(&scenario.kept("after")),
        "the previous site is there, byte for byte"
    );
    assert_eq!(scenario.text("listing").trim(), "public", "the staging folder is removed");
    let used: u64 = scenario.text("used").trim().parse().unwrap();
    assert!(used <= site_kib + 8, "the space the failed build took is freed ({used} KiB used)");

    assert_eq!(scenario.code("roomy.code"), 0, "{}", scenario.text("roomy.err"));
    let roomy = scenario.kept("roomy");
    assert!(roomy.join("changed/index.html").is_file(), "the new site is in place");
    assert_eq!(broken_links(&roomy, "https://example.github.io/annotated/"), Vec::<String>::new());
    let mut content_after = snapshot_dir(&site.root().join("content"));
    content_after.remove("changed.md");
    assert_eq!(content_before, content_after, "no content file was touched");
}

#[test]
fn a_read_only_output_keeps_the_previous_site() {
    let site = SiteTest::fixture("basic");
    let script = format!(
        r#"
        mount -t tmpfs -o size=8m tmpfs "$MNT"
        "$GLOSS" build --root "$SITE" --output "$MNT/public"
        cp -a "$MNT/public" "$KEEP/before"
        {EDIT}
        # The whole file system turns read-only, as a disk does after errors.
        mount -o remount,ro "$MNT"
        set +e
        "$GLOSS" build --root "$SITE" --output "$MNT/public" 2> "$KEEP/ro.err"
        echo $? > "$KEEP/ro.code"
        set -e
        cp -a "$MNT/public" "$KEEP/after-ro"
        # Only the output folder is read-only (a bind mount): the staging folder beside it can be
        # written, but the new site cannot be swapped in.
        mount -o remount,rw "$MNT"
        mount --bind "$MNT/public" "$MNT/public"
        mount -o remount,bind,ro "$MNT/public"
        set +e
        "$GLOSS" build --root "$SITE" --output "$MNT/public" 2> "$KEEP/bind.err"
        echo $? > "$KEEP/bind.code"
        set -e
        cp -a "$MNT/public" "$KEEP/after-bind"
        ls -A "$MNT" > "$KEEP/listing"
        "#
    );
    let scenario = Scenario::run(&site, &script);
    let before = snapshot_dir(&scenario.kept("before"));

    assert_eq!(scenario.code("ro.code"), 1);
    let error = scenario.text("ro.err");
    assert!(error.contains("Read-only file system"), "{error}");
    assert!(error.contains("/mnt"), "the message names the folder:\n{error}");
    assert_eq!(before, snapshot_dir(&scenario.kept("after-ro")));

    assert_eq!(scenario.code("bind.code"), 1);
    let error = scenario.text("bind.err");
    assert!(
        error.contains("cannot swap the new site into") && error.contains("/mnt/public"),
        "{error}"
    );
    assert!(!error.contains("panicked"), "{error}");
    assert_eq!(before, snapshot_dir(&scenario.kept("after-bind")));
    assert_eq!(scenario.text("listing").trim(), "public", "the staging folder is removed");
}

/// A writer that keeps changing content files (rewrites, a file that comes and goes, a rename,
/// a file that is broken for a moment) while builds run. Each build either succeeds with a
/// site whose pages all link to pages that exist, or fails with an error naming a content file;
/// the output is never half a site.
#[test]
fn content_changing_during_builds_never_gives_half_a_site() {
    let site = SiteTest::fixture("basic");
    for i in 0..200 {
        site.write(
            &format!("content/bulk/a-{i:03}.md"),
            &format!(
                "---\ntitle: Article {i}\ndate: 2025-03-{:02}\ntags: [bulk, t{}]\n---\n{}\n",
                i % 28 + 1,
                i % 7,
                "Body text for the bulk article. ".repeat(40)
            ),
        );
    }
    let content = site.root().join("content");
    let stop = AtomicBool::new(false);
    let (successes, failures) = std::thread::scope(|scope| {
        scope.spawn(|| churn(&content, &stop));
        let mut successes = 0;
        let mut failures = Vec::new();
        for _ in 0..25 {
            let run =
                common::run_gloss(&["build", "--root", site.root().to_str().unwrap()], site.root());
            let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
            assert!(!stderr.contains("panicked"), "{stderr}");
            match run.status.code() {
                Some(0) => successes += 1,
                Some(1) => failures.push(stderr),
                other => panic!("exit {other:?}: {stderr}"),
            }
            // After every build, success or not, the output is one whole site.
            let broken = broken_links(&site.output(), "https://example.github.io/annotated/");
            assert!(broken.is_empty(), "half a site: {broken:?}");
        }
        stop.store(true, Ordering::Relaxed);
        (successes, failures)
    });
    for error in &failures {
        assert!(
            error.contains("content/") && error.contains(".md"),
            "a failure names the content file:\n{error}"
        );
    }
    assert!(successes > 0, "no build succeeded: {failures:?}");
    // gloss wrote nothing under content/: every file there is the fixture's or the writer's.
    let fixture_files = snapshot_dir(&common::fixture("sites/basic/content"));
    let writer_files = ["comes-and-goes.md", "moving-a.md", "moving-b.md", "half-saved.md"];
    for (path, bytes) in snapshot_dir(&content) {
        let written_by_test = path.strip_prefix("bulk/").is_some_and(|name| {
            (name.starts_with("a-") && name.ends_with(".md")) || writer_files.contains(&name)
        });
        assert!(
            written_by_test || fixture_files.get(&path) == Some(&bytes),
            "{path} under content/ was written or changed by gloss"
        );
    }
}

/// Rewrites, renames, creates, deletes and briefly breaks content files until told to stop.
fn churn(content: &Path, stop: &AtomicBool) {
    let mut round = 0u32;
    while !stop.load(Ordering::Relaxed) {
        round += 1;
        let target = content.join(format!("bulk/a-{:03}.md", round % 200));
        let text = std::fs::read_to_string(&target).unwrap_or_default();
        // A rewrite in place, as editors without atomic saves do.
        std::fs::write(&target, text.replace("Body text", "Edited text")).ok();
        // A file that comes and goes.
        let comer = content.join("bulk/comes-and-goes.md");
        if round.is_multiple_of(2) {
            std::fs::write(&comer, "---\ntitle: Here for now\ndate: 2025-04-01\n---\nhi\n").ok();
        } else {
            std::fs::remove_file(&comer).ok();
        }
        // A rename back and forth.
        let (a, b) = (content.join("bulk/moving-a.md"), content.join("bulk/moving-b.md"));
        if a.exists() {
            std::fs::rename(&a, &b).ok();
        } else if b.exists() {
            std::fs::rename(&b, &a).ok();
        } else {
            std::fs::write(&a, "---\ntitle: Moving\ndate: 2025-04-02\n---\nmoving\n").ok();
        }
        // A file broken for a moment (half-saved front matter), then mended.
        let broken = content.join("bulk/half-saved.md");
        std::fs::write(&broken, "---\ntitle: [unclosed\n").ok();
        std::thread::sleep(Duration::from_millis(2));
        std::fs::write(&broken, "---\ntitle: Whole again\ndate: 2025-04-03\n---\nok\n").ok();
        std::thread::sleep(Duration::from_millis(3));
    }
}

/// `import --force` onto a full disk: the article it would replace stays as it was (the new text
/// goes to a temporary file first, renamed over the old one only when it is whole).
#[test]
fn import_on_a_full_disk_keeps_the_existing_article() {
    let site = SiteTest::fixture("basic");
    let seed = common::fixture("seed/000_e94aa386e9de23ea.txt");
    let script = format!(
        r#"
        mount -t tmpfs -o size=8m tmpfs "$MNT"
        "$GLOSS" import --out "$MNT/content" "{seed}"
        article=$(ls "$MNT/content")
        # The user edits the imported article; then the disk fills up.
        echo "A note the user added." >> "$MNT/content/$article"
        cp "$MNT/content/$article" "$KEEP/edited.md"
        dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null || true
        set +e
        "$GLOSS" import --force --out "$MNT/content" "{seed}" 2> "$KEEP/import.err" > "$KEEP/import.out"
        echo $? > "$KEEP/import.code"
        set -e
        cp "$MNT/content/$article" "$KEEP/after.md"
        ls -A "$MNT/content" > "$KEEP/listing"
        "#,
        seed = seed.display()
    );
    let scenario = Scenario::run(&site, &script);
    let output = scenario.text("import.err") + &scenario.text("import.out");
    assert_eq!(scenario.code("import.code"), 1, "{output}");
    assert!(output.contains("No space left on device"), "{output}");
    assert!(output.contains("000_e94aa386e9de23ea.txt"), "the input is named:\n{output}");
    assert!(!output.contains("panicked"), "{output}");
    assert_eq!(
        scenario.text("edited.md"),
        scenario.text("after.md"),
        "the user's edited article is whole"
    );
    assert_eq!(scenario.text("listing").lines().count(), 1, "no temporary file is left");
}
