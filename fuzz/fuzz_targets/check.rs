//! A whole small tree through link, rules and the reports: the cross-file
//! code that no per-file `catch_unwind` protects (a panic there ends the
//! run). The input is split at 0xFF bytes (never in UTF-8 text) into the
//! files below, in order; missing ones are absent.
#![no_main]

mod common;

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use seam::config::Config;
use seam::model::FileKind;
use seam::report::{self, uri::SourceBase, Report, Summary};

pub const FILES: &[(&str, FileKind)] = &[
    ("server/go.mod", FileKind::GoMod),
    ("server/main.go", FileKind::Go),
    ("server/handlers.go", FileKind::Go),
    ("web/src/api.ts", FileKind::Script),
    ("web/src/Comp.vue", FileKind::Vue),
    ("web/package.json", FileKind::PackageJson),
    ("web/vite.config.ts", FileKind::Script),
];

fuzz_target!(init: common::init(), |data: &[u8]| {
    let mut parts = data.split(|&b| b == 0xff);
    let mut facts = Vec::new();
    for ((path, kind), bytes) in FILES.iter().zip(parts.by_ref()) {
        if !bytes.is_empty() {
            facts.push(common::analyze(path, *kind, bytes));
        }
    }
    // What is left is seam.toml.
    let config = parts
        .next()
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|t| Config::parse("seam.toml", t).ok())
        .unwrap_or_default();
    let n = facts.len();
    let findings = common::on_big_stack(|| {
        let analysis = seam::link::link(facts, &config);
        seam::engine::check(&analysis, &config, true)
    });
    let root = Path::new("/nonexistent/seam-fuzz");
    let report = Report {
        root,
        findings: &findings,
        summary: Summary::new(n, &findings, None),
    };
    let json = report::json::render(&report);
    serde_json::from_str::<serde_json::Value>(&json).expect("the JSON report parses");
    let sarif = report::sarif::render(&report, &SourceBase::at(root));
    serde_json::from_str::<serde_json::Value>(&sarif).expect("the SARIF report parses");
    let _ = report::github::render(&report, &SourceBase::at(root));
});
