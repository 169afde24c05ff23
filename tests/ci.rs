//! End to end: what CI integrations rely on — fingerprints that survive
//! moved lines, findings baselines, `--changed-files`, `--path-base`, the
//! github format and `seam summary`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A scratch copy of `fixtures/ci/<name>` at `<tmp>/<name>`.
fn fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join(name);
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/ci")
            .join(name),
        &root,
    );
    (dir, root)
}

fn seam(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_seam"))
        .current_dir(cwd)
        .args(args)
        .arg("--no-cache")
        .output()
        .unwrap()
}

fn json(root: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", ".", "--format", "json"];
    args.extend_from_slice(extra);
    let out = seam(root, &args);
    let code = out.status.code().unwrap();
    let doc = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (code, doc)
}

/// `(rule, path, line, fingerprint)` of every finding.
fn prints(doc: &Value) -> Vec<(String, String, u64, String)> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["location"]["path"].as_str().unwrap().to_string(),
                f["location"]["line"].as_u64().unwrap(),
                f["fingerprint"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn prepend(path: &Path, text: &str) {
    let old = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, format!("{text}{old}")).unwrap();
}

fn append(path: &Path, text: &str) {
    let old = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, format!("{old}{text}")).unwrap();
}

const NEW_CALL: &str =
    "\nexport async function missing() {\n  return fetch(\"/api/nowhere\");\n}\n";

#[test]
fn fingerprints_survive_inserted_lines() {
    let (_d, root) = fixture("bad");
    let (_, before) = json(&root, &[]);
    let before = prints(&before);
    assert_eq!(before.len(), 1, "{before:?}");
    prepend(&root.join("web/src/api.ts"), "// one\n// two\n// three\n");
    prepend(
        &root.join("server/main.go"),
        "// Package main serves the shop.\n\n",
    );
    let (_, after) = json(&root, &[]);
    let after = prints(&after);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].2, before[0].2 + 3, "the finding moved down");
    assert_eq!(after[0].3, before[0].3, "and kept its fingerprint");
    // A different finding has a different fingerprint.
    append(&root.join("web/src/api.ts"), NEW_CALL);
    let (_, more) = json(&root, &[]);
    let more = prints(&more);
    assert_eq!(more.len(), 2);
    assert!(more.iter().any(|p| p.3 == before[0].3));
    assert_ne!(more[0].3, more[1].3);
}

#[test]
fn findings_baseline_reports_only_new_findings() {
    let (_d, root) = fixture("bad");
    let base = root.join("seam-baseline.json");
    let (code, doc) = json(&root, &["--write-baseline-findings", "seam-baseline.json"]);
    assert_eq!(code, 0, "the written findings are the baseline");
    assert_eq!(doc["findings"].as_array().unwrap().len(), 0);
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(written["schema_version"], 1);
    let entries = written["findings"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["rule"], "HTTP001");
    assert_eq!(entries[0]["path"], "web/src/api.ts");
    assert!(entries[0]["message"]
        .as_str()
        .unwrap()
        .contains("/api/profile"));

    let (code, doc) = json(&root, &[]);
    assert_eq!(
        (code, doc["findings"].as_array().unwrap().len()),
        (1, 1),
        "without the baseline"
    );
    prepend(&root.join("web/src/api.ts"), "// moved\n// down\n");
    let (code, doc) = json(&root, &["--baseline-findings", "seam-baseline.json"]);
    assert_eq!(
        (code, doc["findings"].as_array().unwrap().len()),
        (0, 0),
        "moved lines stay baselined"
    );
    assert_eq!(doc["summary"]["findings"], 0);

    append(&root.join("web/src/api.ts"), NEW_CALL);
    let (code, doc) = json(&root, &["--baseline-findings", "seam-baseline.json"]);
    assert_eq!(code, 1);
    let f = prints(&doc);
    assert_eq!(f.len(), 1);
    assert_ne!(f[0].3, entries[0]["fingerprint"].as_str().unwrap());
    assert!(doc["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("/api/nowhere"));

    // Writing is deterministic.
    let first = std::fs::read(&base).unwrap();
    seam(
        &root,
        &["check", ".", "--write-baseline-findings", "again.json"],
    );
    seam(
        &root,
        &["check", ".", "--write-baseline-findings", "again2.json"],
    );
    assert_eq!(
        std::fs::read(root.join("again.json")).unwrap(),
        std::fs::read(root.join("again2.json")).unwrap()
    );
    assert_ne!(
        first,
        std::fs::read(root.join("again.json")).unwrap(),
        "now two findings"
    );
}

#[test]
fn missing_or_corrupt_baseline_is_a_usage_error() {
    let (_d, root) = fixture("good");
    let out = seam(&root, &["check", ".", "--baseline-findings", "nope.json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read findings baseline nope.json"),
        "{err}"
    );
    std::fs::write(
        root.join("bad.json"),
        "{\"schema_version\": 1, \"findings\": 3}",
    )
    .unwrap();
    let out = seam(&root, &["check", ".", "--baseline-findings", "bad.json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json is not a seam baseline"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn changed_files_keep_findings_touching_them() {
    let (_d, root) = fixture("bad");
    // The finding is in web/src/api.ts, its related locations in server/main.go.
    for (files, expect) in [
        (vec!["web/src/api.ts"], 1),
        (vec!["server/main.go"], 1),
        (vec!["go.mod", "web/package.json"], 0),
    ] {
        let mut extra = vec!["--changed-files"];
        extra.extend(files.iter().copied());
        let (code, doc) = json(&root, &extra);
        assert_eq!(
            doc["findings"].as_array().unwrap().len(),
            expect,
            "{files:?}"
        );
        assert_eq!(code, expect as i32, "{files:?}");
    }
    // Paths are taken relative to the working directory, as pre-commit passes them.
    let out = seam(
        &root.join("web"),
        &[
            "check",
            "..",
            "--format",
            "json",
            "--changed-files",
            "src/api.ts",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn github_format_and_path_base() {
    let (dir, root) = fixture("bad");
    let out = seam(&root, &["check", ".", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(
        lines[0].starts_with(
            "::error file=web/src/api.ts,line=8,col=21,endLine=8,endColumn=42,title=HTTP001 (unknown-route)::GET /api/profile"
        ),
        "{text}"
    );
    assert!(lines[0].contains("%0A  related: server/main.go:7:2: closest route: GET /api/users"));

    let base = dir.path().to_str().unwrap();
    let out = seam(
        &root,
        &["check", ".", "--format", "github", "--path-base", base],
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("::error file=bad/web/src/api.ts,line=8,")
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("related: bad/server/main.go:7:2"));

    let out = seam(
        &root,
        &["check", ".", "--format", "sarif", "--path-base", base],
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &doc["runs"][0];
    assert_eq!(
        run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "bad/web/src/api.ts"
    );
    let srcroot = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    let canonical = std::fs::canonicalize(dir.path()).unwrap();
    assert_eq!(srcroot, format!("file://{}/", canonical.display()));

    // A base that is not an ancestor is refused before any work.
    let out = seam(
        &root,
        &["check", ".", "--format", "sarif", "--path-base", "web"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--path-base"));
}

#[test]
fn sarif_is_byte_identical_between_runs_and_summarises() {
    let (_d, root) = fixture("bad");
    let a = seam(&root, &["check", ".", "--format", "sarif", "-o", "a.sarif"]);
    let b = seam(&root, &["check", ".", "--format", "sarif", "-o", "b.sarif"]);
    assert_eq!((a.status.code(), b.status.code()), (Some(1), Some(1)));
    let a = std::fs::read(root.join("a.sarif")).unwrap();
    assert_eq!(a, std::fs::read(root.join("b.sarif")).unwrap());

    let out = seam_plain(
        &root,
        &[
            "summary",
            "a.sarif",
            "--link-base",
            "https://example.test/blob/abc/",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with("## seam: 1 error, 0 warnings, 0 notes"),
        "{md}"
    );
    assert!(
        md.contains("| HTTP001 | UnknownRoute | 1 | 0 | 0 |"),
        "{md}"
    );
    assert!(
        md.contains("[web/src/api.ts:8](https://example.test/blob/abc/web/src/api.ts#L8)"),
        "{md}"
    );
    std::fs::write(root.join("junk.sarif"), "not json").unwrap();
    assert_eq!(
        seam_plain(&root, &["summary", "junk.sarif"]).status.code(),
        Some(2)
    );
    assert_eq!(
        seam_plain(&root, &["summary", "missing.sarif"])
            .status
            .code(),
        Some(2)
    );
}

fn seam_plain(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_seam"))
        .current_dir(cwd)
        .args(args)
        .output()
        .unwrap()
}
