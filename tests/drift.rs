//! Snapshots, `seam diff`, `seam check --baseline` and `--baseline-rev`
//! (against a git repository the test builds with the `git` CLI; seam
//! itself reads the object database and never runs git).

mod common;

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use predicates::str::contains;

fn seam() -> Command {
    Command::cargo_bin("seam").unwrap()
}

fn snapshot(dir: &Path) -> String {
    let out = seam()
        .args(["snapshot", "--no-cache"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn findings(stdout: &[u8]) -> Vec<(String, String, String)> {
    let v: serde_json::Value = serde_json::from_slice(stdout).expect("JSON report");
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn demo_snapshot_is_byte_stable_and_free_of_volatile_data() {
    let demo = common::repo().join("fixtures/demo");
    let a = snapshot(&demo);
    let b = snapshot(&demo);
    assert_eq!(a, b);
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["schema_version"], 2);
    // Every stack of the demo is in it: Vue props, endpoints, wire fields,
    // the Rust crate's API, its C export and repr(C) layout.
    for lang in ["vue", "http", "wire", "rust", "c-export", "c-layout"] {
        assert!(
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["lang"] == lang),
            "no {lang} item in the demo snapshot"
        );
    }
    assert!(a.contains("\"name\": \"shop-pricing\""));
    // No absolute paths, lines or byte offsets.
    assert!(!a.contains(&*common::repo().to_string_lossy()));
    for key in [
        "\"line\"",
        "\"column\"",
        "\"start\"",
        "\"end\"",
        "\"origin\"",
    ] {
        assert!(!a.contains(key), "snapshot contains {key}");
    }
}

#[test]
fn diff_of_a_snapshot_against_itself_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("seam-contract.json");
    std::fs::write(&snap, snapshot(&common::repo().join("fixtures/demo"))).unwrap();
    let out = seam()
        .args(["diff", "--format", "json", "--show-additions"])
        .arg(&snap)
        .arg(&snap)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(findings(&out.stdout).is_empty());
}

#[test]
fn diff_between_snapshots_reports_breaks_and_exits_1() {
    let fx = common::repo().join("fixtures/rules/ABI008/bad");
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old.json"), dir.path().join("new.json"));
    std::fs::write(&old, snapshot(&fx.join("before"))).unwrap();
    std::fs::write(&new, snapshot(&fx.join("after"))).unwrap();
    let out = seam()
        .args(["diff", "--format", "json"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let f = findings(&out.stdout);
    assert!(f
        .iter()
        .any(|(r, _, m)| r == "ABI008" && m.contains("`util::slug`")));
    assert!(f
        .iter()
        .any(|(r, _, m)| r == "VER003" && m.contains("kv-client")));
    // A file that is not a snapshot is a usage error.
    seam()
        .arg("diff")
        .arg(fx.join("before/Cargo.toml"))
        .arg(&new)
        .assert()
        .code(2)
        .stderr(contains("not a seam snapshot"));
}

#[test]
fn check_against_a_snapshot_file() {
    let fx = common::repo().join("fixtures/rules/ABI006/bad");
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("seam-contract.json");
    std::fs::write(&snap, snapshot(&fx.join("before"))).unwrap();
    let out = seam()
        .args(["check", "--no-cache", "--format", "json", "--baseline"])
        .arg(&snap)
        .arg(fx.join("after"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let f = findings(&out.stdout);
    assert_eq!(
        f.iter().filter(|(r, _, _)| r == "ABI006").count(),
        2,
        "{f:#?}"
    );
    // With --show-additions, additions are notes.
    let out = seam()
        .args([
            "check",
            "--no-cache",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--show-additions",
            "--baseline",
        ])
        .arg(&snap)
        .arg(fx.join("before"))
        .output()
        .unwrap();
    assert!(findings(&out.stdout).is_empty());
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Process::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=seam",
            "-c",
            "user.email=seam@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "protocol.file.allow=always",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn has_git() -> bool {
    Process::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A repository with two commits: a crate at 1.0.0, then a breaking change
/// without a major bump, in a subdirectory of the work tree.
fn two_commit_repo(root: &Path) {
    let c = root.join("svc/rates");
    std::fs::create_dir_all(c.join("src")).unwrap();
    git(root, &["init", "-q"]);
    std::fs::write(
        c.join("Cargo.toml"),
        "[package]\nname = \"rates\"\nversion = \"1.0.0\"\nedition = \"2021\"\n",
    )
    .unwrap();
    std::fs::write(
        c.join("src/lib.rs"),
        "pub fn rate() -> f64 { 1.0 }\npub fn legacy() {}\n",
    )
    .unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "first"]);
    std::fs::write(
        c.join("Cargo.toml"),
        "[package]\nname = \"rates\"\nversion = \"1.1.0\"\nedition = \"2021\"\n",
    )
    .unwrap();
    std::fs::write(
        c.join("src/lib.rs"),
        "pub fn rate(at: u64) -> f64 { let _ = at; 1.0 }\n",
    )
    .unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "second"]);
}

#[test]
fn baseline_rev_reads_the_previous_commit_from_the_object_database() {
    if !has_git() {
        eprintln!("skipped: no git on PATH to build the test repository");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    two_commit_repo(root);
    // An uncommitted edit of the work tree is the current side; HEAD~1 is
    // read from git objects, whatever the work tree holds.
    let out = seam()
        .args([
            "check",
            "--no-cache",
            "--format",
            "json",
            "--baseline-rev",
            "HEAD~1",
        ])
        .arg(root.join("svc"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let f = findings(&out.stdout);
    assert!(
        f.iter().any(|(r, s, m)| r == "ABI008"
            && s == "error"
            && m.contains("`legacy`")
            && m.contains("since HEAD~1")),
        "{f:#?}"
    );
    assert!(f
        .iter()
        .any(|(r, _, m)| r == "ABI008" && m.contains("`rate` changed")));
    assert!(f
        .iter()
        .any(|(r, _, m)| r == "VER003" && m.contains("1.0.0 → 1.1.0")));
    // The same revision by hash and by branch name give the same report.
    let first = git(root, &["rev-parse", "HEAD~1"]);
    for rev in [first.as_str(), &first[..10], "main~1", "HEAD^"] {
        let again = seam()
            .args([
                "check",
                "--no-cache",
                "--format",
                "json",
                "--baseline-rev",
                rev,
            ])
            .arg(root.join("svc"))
            .output()
            .unwrap();
        assert_eq!(findings(&again.stdout).len(), f.len(), "rev {rev}");
    }
    // HEAD against itself: nothing.
    let same = seam()
        .args([
            "check",
            "--no-cache",
            "--format",
            "json",
            "--baseline-rev",
            "HEAD",
        ])
        .arg(root.join("svc"))
        .output()
        .unwrap();
    assert_eq!(same.status.code(), Some(0));
    assert!(findings(&same.stdout).is_empty());
    // Unknown revisions are usage errors.
    seam()
        .args(["check", "--no-cache", "--baseline-rev", "no-such-branch"])
        .arg(root)
        .assert()
        .code(2)
        .stderr(contains("no-such-branch"));
}

#[test]
fn baseline_rev_in_a_shallow_clone_names_the_missing_commit() {
    if !has_git() {
        eprintln!("skipped: no git on PATH to build the test repository");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let origin = dir.path().join("origin");
    std::fs::create_dir_all(&origin).unwrap();
    two_commit_repo(&origin);
    let parent = git(&origin, &["rev-parse", "HEAD~1"]);
    let url = format!("file://{}", origin.display());
    git(
        dir.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    seam()
        .args(["check", "--no-cache", "--baseline-rev", "HEAD~1"])
        .arg(dir.path().join("shallow"))
        .assert()
        .code(2)
        .stderr(contains("shallow clone"))
        .stderr(contains(parent.as_str()));
}
