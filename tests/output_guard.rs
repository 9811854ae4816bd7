//! Property test of the output guard: whatever path `--output` names (through folders that do
//! not exist, `..`, symlinks, files), a build either writes a gloss site there or refuses and
//! leaves the disk exactly as it was; it never deletes or moves a file it did not write.
//! See: #18.

mod common;

use std::path::{Path, PathBuf};

use proptest::prelude::*;

/// The parts a generated path is made of: folders that exist, hold precious files, are the
/// site's sources, are links to them, are files, do not exist.
/// `..` and a missing folder come several times, so that paths climbing out of folders that
/// do not exist (`nope/../keep`, the path that once deleted `keep/`) come often.
const PARTS: &[&str] = &[
    "..",
    "..",
    "..",
    ".",
    "nope",
    "nope",
    "new",
    "keep",
    "site",
    "content",
    "static",
    "templates",
    "public",
    "f.txt",
    "empty",
    "old-site",
    "link-keep",
    "link-content",
    "link-site",
    "dangling",
];

/// A playground: a site, a folder and a file that must survive, an empty folder, a previous
/// gloss output, and links to each.
fn playground() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    common::copy_dir(&common::fixture("sites/basic"), &base.join("site"));
    std::fs::create_dir_all(base.join("site/static")).unwrap();
    std::fs::create_dir_all(base.join("site/templates")).unwrap();
    std::fs::create_dir(base.join("keep")).unwrap();
    std::fs::write(base.join("keep/thesis.txt"), "precious").unwrap();
    std::fs::write(base.join("f.txt"), "a file").unwrap();
    std::fs::create_dir(base.join("empty")).unwrap();
    std::fs::create_dir(base.join("old-site")).unwrap();
    std::fs::write(base.join("old-site/.gloss-output"), "").unwrap();
    std::fs::write(base.join("old-site/index.html"), "old").unwrap();
    let link = |target: &str, name: &str| {
        std::os::unix::fs::symlink(base.join(target), base.join(name)).unwrap()
    };
    link("keep", "link-keep");
    link("site/content", "link-content");
    link("site", "link-site");
    link("nowhere", "dangling");
    dir
}

/// Every path under `dir` (links not followed) with the bytes of each file.
fn tree(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let bytes = e.file_type().is_file().then(|| std::fs::read(e.path()).unwrap());
            (e.path().to_path_buf(), bytes)
        })
        .collect()
}

/// The site's sources and a file beside it: a build must leave them exactly as they are.
fn sources(base: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut files = Vec::new();
    for part in ["site/content", "site/static", "site/templates", "site/site.toml", "f.txt"] {
        files.extend(tree(&base.join(part)));
    }
    files
}

/// Whether every file of `before` is still there with the same bytes (new ones may be added:
/// a site written into a new folder inside `keep/` harms nothing).
fn all_still_there(before: &[(PathBuf, Option<Vec<u8>>)]) -> bool {
    before.iter().all(|(path, bytes)| match bytes {
        Some(bytes) => std::fs::read(path).is_ok_and(|now| now == *bytes),
        None => path.is_dir(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn a_build_writes_a_gloss_site_or_changes_nothing(
        parts in proptest::collection::vec(proptest::sample::select(PARTS), 1..6)
    ) {
        let dir = playground();
        let base = dir.path().canonicalize().unwrap();
        let output = base.join(parts.join("/"));
        let before = tree(&base);
        let sources_before = sources(&base);
        let kept = tree(&base.join("keep"));
        let options = gloss::BuildOptions { output: Some(output.clone()), ..Default::default() };
        match gloss::build(&base.join("site"), &options) {
            Err(_) => prop_assert_eq!(tree(&base), before, "a refused build changed the disk"),
            Ok(report) => {
                let written = gloss::output::resolve(&report.output, &base);
                prop_assert!(written.join(".gloss-output").is_file(), "no marker in {:?}", written);
                prop_assert!(written.join("index.html").is_file());
                prop_assert_eq!(sources(&base), sources_before, "{:?} touched a source", output);
                prop_assert!(all_still_there(&kept), "{:?} deleted a file of keep/", output);
            }
        }
    }
}
