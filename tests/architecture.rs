//! The dependency graph of gloss's modules is one-way: each stage of the pipeline uses only the
//! stages before it and the leaf modules. This test reads every source file and fails on a
//! `crate::…` path that points up (or sideways between the commands on top), naming the file,
//! the line and the rule. See the README's design notes and issue #19.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Modules any stage may use: they depend on nothing above them.
const LEAVES: &[&str] = &["config", "error", "hash", "limits", "files", "date", "slug", "markdown"];

/// The stages, lowest first; a module may use those before it (and leaves), never after.
const LAYERS: &[&[&str]] = &[
    &["import"],
    &["content"],
    &["annotate"],
    &["render"],
    &["output"],
    &["pipeline"],
    &["serve", "check"],
    &["cli"],
    &["cmd"],
];

/// The module (first path segment under `src/`) a source file belongs to.
fn module_of(file: &Path, src: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_string_lossy().into_owned();
    Some(first.trim_end_matches(".rs").to_owned())
}

/// The rank of a module: leaves 0, then the layers from 1; `None` for the crate root.
fn rank(module: &str) -> Option<usize> {
    if LEAVES.contains(&module) {
        return Some(0);
    }
    LAYERS.iter().position(|layer| layer.contains(&module)).map(|i| i + 1)
}

/// Every `crate::<module>` a line names, also inside `crate::{a, b::c}`.
fn modules_named(line: &str) -> Vec<String> {
    let mut named = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String =
                    item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                named.push(name);
            }
        } else {
            named.push(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
        }
    }
    named.retain(|name| !name.is_empty());
    named
}

/// The source files of the crate, without test-only files.
fn sources(src: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(src)
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| p.file_name().is_some_and(|n| n != "tests.rs"))
        .collect()
}

#[test]
fn no_module_uses_a_module_above_it() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut violations = Vec::new();
    let mut edges: BTreeMap<(String, String), usize> = BTreeMap::new();
    for file in sources(&src) {
        let Some(module) = module_of(&file, &src) else { continue };
        let Some(own) = rank(&module) else { continue }; // lib.rs, main.rs: the top
        let text = std::fs::read_to_string(&file).unwrap();
        // Unit tests at the end of a file may use anything.
        let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
        for (number, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for used in modules_named(line) {
                if used == module {
                    continue;
                }
                *edges.entry((module.clone(), used.clone())).or_default() += 1;
                // Anything may use a leaf; a stage only the stages before it; a leaf no stage.
                let allowed = match rank(&used) {
                    Some(0) => true,
                    Some(theirs) => own > 0 && theirs < own,
                    None => false,
                };
                if !allowed {
                    let shown = file.strip_prefix(&src).unwrap().display();
                    violations.push(format!(
                        "src/{shown}:{}: `{module}` uses `crate::{used}`, which is not below it",
                        number + 1
                    ));
                }
            }
        }
    }
    assert!(violations.is_empty(), "dependencies pointing up:\n{}", violations.join("\n"));
    // The graph really is read: the pipeline's main edges are found.
    for (from, to) in [("pipeline", "render"), ("render", "annotate"), ("annotate", "content")] {
        assert!(edges.contains_key(&(from.into(), to.into())), "no edge {from} → {to}: {edges:?}");
    }
}

#[test]
fn every_module_has_a_place_in_the_layers() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut unplaced: Vec<String> = sources(&src)
        .iter()
        .filter_map(|f| module_of(f, &src))
        .filter(|m| rank(m).is_none() && m != "lib" && m != "main")
        .collect();
    unplaced.dedup();
    assert!(unplaced.is_empty(), "modules not in LEAVES or LAYERS: {unplaced:?}");
}

#[test]
fn the_reader_finds_grouped_and_inline_paths() {
    assert_eq!(modules_named("use crate::{config::Config, hash};"), ["config", "hash"]);
    assert_eq!(
        modules_named("let x = crate::render::view::x(crate::date::y);"),
        ["render", "date"]
    );
}
