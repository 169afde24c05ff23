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
/// findings and the JSON report.
pub fn check(root: &Path) -> (Vec<Finding>, String) {
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
