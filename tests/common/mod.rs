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
    if root.join("dot-git").is_dir() {
        let tmp = tempfile::tempdir().expect("temp dir");
        copy_tree(root, tmp.path());
        std::fs::rename(tmp.path().join("dot-git"), tmp.path().join(".git")).expect("rename");
        return check_in_place(tmp.path());
    }
    check_in_place(root)
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
