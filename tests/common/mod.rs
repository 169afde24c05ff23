//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test binary uses a different part

use std::path::{Path, PathBuf};

use seam::config::Config;
use seam::engine;
use seam::findings::Finding;
use seam::report::{self, Report, Summary};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The config of a fixture: its seam.toml, or the default.
pub fn config_of(root: &Path) -> Config {
    let p = root.join("seam.toml");
    if p.exists() {
        Config::load(&p).expect("fixture seam.toml parses")
    } else {
        Config::default()
    }
}

/// Checks a tree the way `seam check --no-cache` does; returns the
/// findings and the JSON report. A fixture holding its git directory as
/// `dot-git/` (a repository cannot be committed inside this one) is checked
/// as a temporary copy with `dot-git/` renamed to `.git`.
pub fn check(root: &Path) -> (Vec<Finding>, String) {
    match materialize(root) {
        Some(tmp) => check_in_place(tmp.path()),
        None => check_in_place(root),
    }
}

/// A temporary copy of a fixture holding `dot-git/`, renamed to `.git`;
/// `None` for a fixture that can be checked where it is.
pub fn materialize(root: &Path) -> Option<tempfile::TempDir> {
    if !root.join("dot-git").is_dir() {
        return None;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_tree(root, tmp.path());
    std::fs::rename(tmp.path().join("dot-git"), tmp.path().join(".git")).expect("rename");
    Some(tmp)
}

/// Copies a tree; symbolic links are copied as the files they lead to.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for e in std::fs::read_dir(from).expect("read dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if std::fs::metadata(e.path()).expect("metadata").is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

fn check_in_place(root: &Path) -> (Vec<Finding>, String) {
    let config = config_of(root);
    let analysis =
        engine::analyze(root, &config, &engine::Options::default()).expect("analysis runs");
    let findings = engine::check(&analysis, &config, false);
    let summary = Summary::new(analysis.files.len(), &findings, None);
    let json = report::json::render(&Report {
        root,
        findings: &findings,
        summary,
    });
    (findings, json)
}

/// Checks `after` the way `seam check after --baseline <snapshot of
/// before>` does: the snapshot is written and read back as JSON.
pub fn check_against(before: &Path, after: &Path) -> (Vec<Finding>, String) {
    let opts = engine::Options::default();
    let old_config = config_of(before);
    let old = engine::analyze(before, &old_config, &opts).expect("analysis runs");
    let snapshot = seam::snapshot::render(&old, &old_config, before);
    let config = config_of(after);
    let analysis = engine::analyze(after, &config, &opts).expect("analysis runs");
    let drift = seam::drift::Drift {
        old: seam::model::Contract::from_json(&snapshot).expect("the snapshot reads back"),
        new: seam::drift::contract(&analysis, &config, &|p| std::fs::read(after.join(p)).ok()),
        show_additions: false,
        baseline: "seam-contract.json".into(),
    };
    let findings = engine::check_drift(&analysis, &config, false, Some(&drift));
    let summary = Summary::new(analysis.files.len(), &findings, None);
    let json = report::json::render(&Report {
        root: after,
        findings: &findings,
        summary,
    });
    (findings, json)
}

/// A fixture directory: a tree, or a `before/` + `after/` pair checked
/// against each other.
pub fn check_fixture(dir: &Path) -> (Vec<Finding>, String) {
    let (before, after) = (dir.join("before"), dir.join("after"));
    if before.is_dir() && after.is_dir() {
        check_against(&before, &after)
    } else {
        check(dir)
    }
}
