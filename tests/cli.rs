//! The command line: exit codes, config errors, formats, rule docs.

mod common;

use assert_cmd::Command;
use predicates::str::contains;

fn seam() -> Command {
    Command::cargo_bin("seam").unwrap()
}

#[test]
fn exit_codes_follow_fail_on() {
    let bad = common::repo().join("fixtures/rules/HTTP001/bad");
    seam()
        .args(["check", "--no-cache"])
        .arg(&bad)
        .assert()
        .code(1);
    seam()
        .args(["check", "--no-cache", "--fail-on", "never"])
        .arg(&bad)
        .assert()
        .code(0);
    let good = common::repo().join("fixtures/rules/HTTP001/good");
    seam()
        .args(["check", "--no-cache"])
        .arg(&good)
        .assert()
        .code(0);
    // A note does not fail the default threshold, but fails --fail-on note.
    let note = common::repo().join("fixtures/rules/SEAM002/bad");
    seam()
        .args(["check", "--no-cache"])
        .arg(&note)
        .assert()
        .code(0);
    seam()
        .args(["check", "--no-cache", "--fail-on", "note"])
        .arg(&note)
        .assert()
        .code(1);
}

#[test]
fn usage_errors_exit_2() {
    seam().args(["check", "/no/such/dir"]).assert().code(2);
    seam().args(["check", "--format", "yaml"]).assert().code(2);
    seam().args(["explain", "NOPE001"]).assert().code(2);
}

#[test]
fn config_errors_point_into_the_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("seam.toml"),
        "[rules]\nHTTP001 = \"loud\"\n",
    )
    .unwrap();
    seam()
        .args(["check", "--no-cache", "--color", "never"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("not a level"))
        .stderr(contains("HTTP001 = \"loud\""));
}

#[test]
fn rule_severity_and_off_from_config() {
    let dir = tempfile::tempdir().unwrap();
    let src = common::repo().join("fixtures/rules/HTTP002/bad");
    copy_dir(&src, dir.path());
    std::fs::write(
        dir.path().join("seam.toml"),
        "[rules]\nHTTP002 = \"warning\"\n",
    )
    .unwrap();
    let out = seam()
        .args(["check", "--no-cache", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings do not fail by default"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["severity"] == "warning"));
    std::fs::write(dir.path().join("seam.toml"), "[rules]\nHTTP002 = \"off\"\n").unwrap();
    let out = seam()
        .args(["check", "--no-cache", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn json_report_follows_the_documented_schema() {
    let bad = common::repo().join("fixtures/rules/HTTP002/bad");
    let out = seam()
        .args(["check", "--no-cache", "--format", "json"])
        .arg(&bad)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["tool"]["name"], "seam");
    let f = &json["findings"][0];
    for key in [
        "rule",
        "name",
        "severity",
        "message",
        "location",
        "related",
        "fingerprint",
    ] {
        assert!(!f[key].is_null(), "missing {key}");
    }
    for key in ["path", "line", "column", "end_line", "end_column"] {
        assert!(!f["location"][key].is_null(), "missing location.{key}");
        assert!(!f["related"][0][key].is_null(), "missing related.{key}");
    }
    assert!(f["related"][0]["message"].is_string());
    assert_eq!(json["summary"]["errors"], 2);
}

#[test]
fn human_output_shows_both_sides() {
    let bad = common::repo().join("fixtures/rules/HTTP002/bad");
    seam()
        .args(["check", "--no-cache", "--color", "never"])
        .arg(&bad)
        .assert()
        .stdout(contains("HTTP002(method-mismatch)"))
        .stdout(contains("web/src/api/orders.ts"))
        .stdout(contains("server/orders/routes.go"))
        .stdout(contains("r.Put(\"/\", h.replace)"));
}

#[test]
fn output_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let bad = common::repo().join("fixtures/rules/HTTP001/bad");
    seam()
        .args(["check", "--no-cache", "--format", "json", "-o"])
        .arg(&out)
        .arg(&bad)
        .assert()
        .code(1);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("\"HTTP001\""));
}

#[test]
fn rules_and_explain() {
    seam()
        .arg("rules")
        .assert()
        .success()
        .stdout(contains("HTTP001"))
        .stdout(contains("unknown-route"));
    seam()
        .args(["explain", "http002"])
        .assert()
        .success()
        .stdout(contains("method-mismatch"))
        .stdout(contains("Fix"));
}

#[test]
fn stats_report_link_counts() {
    let good = common::repo().join("fixtures/rules/HTTP001/good");
    seam()
        .args(["check", "--no-cache", "--stats"])
        .arg(&good)
        .assert()
        .stderr(contains("calls: 6 found, 4 linked"));
}

#[test]
fn cache_is_used_and_self_ignoring() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &common::repo().join("fixtures/rules/HTTP001/bad"),
        dir.path(),
    );
    let run = || {
        seam()
            .args(["check", "--format", "json"])
            .arg(dir.path())
            .output()
            .unwrap()
    };
    let a = run();
    assert!(dir.path().join(".seam-cache/.gitignore").exists());
    let b = run();
    assert_eq!(a.stdout, b.stdout, "cached run gives the same report");
}

/// A check without a baseline caches the API surface beside the facts
/// without holding it; a snapshot from that cache is the uncached one.
#[test]
fn a_snapshot_from_a_checks_cache_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::repo().join("fixtures/demo"), dir.path());
    let _ = std::fs::remove_dir_all(dir.path().join(".seam-cache"));
    seam()
        .args(["check", "--fail-on", "never"])
        .arg(dir.path())
        .assert()
        .success();
    let snapshot = |extra: &[&str]| {
        let out = seam()
            .arg("snapshot")
            .args(extra)
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        out.stdout
    };
    let warm = snapshot(&[]);
    let cold = snapshot(&["--no-cache"]);
    assert!(
        String::from_utf8_lossy(&cold).contains("\"items\""),
        "the demo has an API surface"
    );
    assert_eq!(
        String::from_utf8_lossy(&warm),
        String::from_utf8_lossy(&cold)
    );
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for e in walk(from) {
        let rel = e.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&e, &dest).unwrap();
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
