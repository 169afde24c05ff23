//! SARIF output validated with the official tools: Microsoft's
//! Sarif.Multitool (SARIF and GitHub ingestion rules) and check-jsonschema
//! against the SARIF 2.1.0 schema shipped in the multitool package.
//!
//! The tools come from `scripts/install-sarif-tools.sh` (under `.tools/`).
//! Without them this test prints a skip message and passes, unless
//! `SEAM_REQUIRE_SARIF_TOOLS=1` (set by CI), where it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use seam::findings::{finalize, Finding};
use seam::model::Origin;
use seam::report::uri::SourceBase;
use seam::report::{sarif, Report, Summary};
use seam::rules::meta;
use serde_json::Value;

struct Tools {
    multitool: PathBuf,
    schema: PathBuf,
    check_jsonschema: PathBuf,
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tools() -> Option<Tools> {
    let tools = manifest_dir().join(".tools");
    let pkg = tools.join("sarif/node_modules/@microsoft/sarif-multitool-linux");
    let pick =
        |var: &str, default: PathBuf| std::env::var_os(var).map(PathBuf::from).unwrap_or(default);
    let t = Tools {
        multitool: pick("SEAM_SARIF_MULTITOOL", pkg.join("Sarif.Multitool")),
        schema: pick("SEAM_SARIF_SCHEMA", pkg.join("sarif-2.1.0.json")),
        check_jsonschema: pick(
            "SEAM_CHECK_JSONSCHEMA",
            tools.join("venv/bin/check-jsonschema"),
        ),
    };
    let missing: Vec<&Path> = [&t.multitool, &t.schema, &t.check_jsonschema]
        .into_iter()
        .map(PathBuf::as_path)
        .filter(|p| !p.exists())
        .collect();
    if missing.is_empty() {
        // npm 11 skips the package's postinstall, which would do this.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if let Ok(m) = std::fs::metadata(&t.multitool) {
                let mut p = m.permissions();
                p.set_mode(p.mode() | 0o100);
                let _ = std::fs::set_permissions(&t.multitool, p);
            }
        }
        return Some(t);
    }
    let msg = format!(
        "SARIF validators not found ({missing:?}); run scripts/install-sarif-tools.sh \
         (or set SEAM_SARIF_MULTITOOL, SEAM_SARIF_SCHEMA, SEAM_CHECK_JSONSCHEMA)"
    );
    if std::env::var_os("SEAM_REQUIRE_SARIF_TOOLS").is_some_and(|v| v == "1") {
        panic!("{msg}");
    }
    eprintln!("SKIPPED: {msg}");
    None
}

/// Validates SARIF files with both tools; returns the problems found
/// (errors and warnings of the multitool, any schema failure).
fn validate(t: &Tools, files: &[PathBuf], scratch: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let out = scratch.join("validation.sarif");
    let run = Command::new(&t.multitool)
        .arg("validate")
        .args(files)
        .args([
            "--rule-kind",
            "Gh;Sarif",
            "--level",
            "Error;Warning",
            "--log",
            "ForceOverwrite",
            "-o",
        ])
        .arg(&out)
        .output()
        .expect("run Sarif.Multitool");
    // It exits 0 even when it reports errors: read its log.
    let log: Value = match std::fs::read_to_string(&out).map(|s| serde_json::from_str(&s)) {
        Ok(Ok(v)) => v,
        _ => {
            return vec![format!(
                "Sarif.Multitool wrote no log (exit {:?}): {}{}",
                run.status.code(),
                String::from_utf8_lossy(&run.stdout),
                String::from_utf8_lossy(&run.stderr)
            )]
        }
    };
    for run in log["runs"].as_array().into_iter().flatten() {
        for r in run["results"].as_array().into_iter().flatten() {
            // SARIF's default level is "warning".
            let level = r["level"].as_str().unwrap_or("warning");
            if level == "error" || level == "warning" {
                problems.push(format!(
                    "multitool {level} {} in {}: {}",
                    r["ruleId"].as_str().unwrap_or("?"),
                    r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                    r["message"]["arguments"]
                ));
            }
        }
    }
    let schema = Command::new(&t.check_jsonschema)
        .arg("--schemafile")
        .arg(&t.schema)
        .args(files)
        .output()
        .expect("run check-jsonschema");
    if !schema.status.success() {
        problems.push(format!(
            "check-jsonschema: {}{}",
            String::from_utf8_lossy(&schema.stdout),
            String::from_utf8_lossy(&schema.stderr)
        ));
    }
    problems
}

/// Every fixture directory that looks like a project.
fn projects() -> Vec<PathBuf> {
    let fixtures = manifest_dir().join("fixtures");
    let mut out = Vec::new();
    let subdirs = |p: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(p)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        v.sort();
        v
    };
    for rule in subdirs(&fixtures.join("rules")) {
        out.extend(subdirs(&rule));
    }
    out.extend(subdirs(&fixtures.join("ci")));
    let demo = fixtures.join("demo");
    if demo.is_dir() {
        out.push(demo);
    }
    out
}

fn origin(path: &str, line: u32, column: u32, end_column: u32) -> Origin {
    Origin {
        path: path.into(),
        line,
        column,
        end_line: line,
        end_column,
        start: 0,
        end: 0,
    }
}

/// One finding of every rule, at its default severity, with related
/// locations, awkward paths and messages, plus a whole-file finding.
fn synthetic() -> String {
    let mut findings = Vec::new();
    for (i, m) in meta::all().iter().enumerate() {
        let line = i as u32 + 1;
        let f = Finding::new(
            &m.id,
            m.default_severity,
            origin(
                &format!("web/src/dir with space/[{}]#1.ts", m.id),
                line,
                3,
                40,
            ),
            format!(
                "{} [x](1) 100% \"quoted\" ünïcode\nsecond line",
                m.summary.trim()
            ),
        )
        .key(format!("key {i}"))
        .related(
            &origin("server/main.go", line + 10, 2, 30),
            "the other side",
        )
        .related(&origin("server/routes.go", line, 1, 1), "and another: a, b");
        findings.push(f);
    }
    findings.push(Finding::new(
        "SEAM002",
        meta::default_severity("SEAM002"),
        Origin::file("bin/big.wasm"),
        "skipped",
    ));
    finalize(&mut findings);
    let report = Report {
        root: Path::new("/work/repo"),
        findings: &findings,
        summary: Summary::new(findings.len(), &findings, None),
    };
    sarif::render(&report, &SourceBase::at(Path::new("/work/repo with space")))
}

#[test]
fn sarif_output_validates() {
    let Some(t) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let synthetic_file = dir.path().join("synthetic.sarif");
    std::fs::write(&synthetic_file, synthetic()).unwrap();
    files.push(synthetic_file);
    let projects = projects();
    assert!(!projects.is_empty(), "no fixture projects found");
    for (i, p) in projects.iter().enumerate() {
        let out = dir.path().join(format!("project-{i}.sarif"));
        let copy = common::materialize(p);
        let status = Command::new(env!("CARGO_BIN_EXE_seam"))
            .arg("check")
            .arg(copy.as_ref().map_or(p.as_path(), |t| t.path()))
            .args([
                "--format",
                "sarif",
                "--fail-on",
                "never",
                "--no-cache",
                "-o",
            ])
            .arg(&out)
            .status()
            .unwrap();
        assert!(
            status.success(),
            "seam check {} failed: {status}",
            p.display()
        );
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(doc["version"], "2.1.0");
        files.push(out);
    }
    let problems = validate(&t, &files, dir.path());
    assert!(
        problems.is_empty(),
        "SARIF problems:\n{}",
        problems.join("\n")
    );
    eprintln!(
        "validated {} SARIF files ({} fixture projects + synthetic)",
        files.len(),
        projects.len()
    );
}

/// The validation above can fail: broken documents are caught, by each tool.
#[test]
fn broken_sarif_is_caught() {
    let Some(t) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let good: Value = serde_json::from_str(&synthetic()).unwrap();

    // Schema-invalid: a result without a message, a line 0.
    let mut schema_broken = good.clone();
    let r = &mut schema_broken["runs"][0]["results"][0];
    r.as_object_mut().unwrap().remove("message");
    r["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    let f1 = dir.path().join("schema-broken.sarif");
    std::fs::write(&f1, schema_broken.to_string()).unwrap();
    let p = validate(&t, std::slice::from_ref(&f1), dir.path());
    assert!(p.iter().any(|p| p.contains("JSON1002")), "{p:?}");
    assert!(p.iter().any(|p| p.starts_with("check-jsonschema")), "{p:?}");

    // Schema-valid but against SARIF's rules: an absolute URI with a uriBaseId.
    let mut rule_broken = good.clone();
    rule_broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"] = "file:///abs/web/a.ts".into();
    let f2 = dir.path().join("rule-broken.sarif");
    std::fs::write(&f2, rule_broken.to_string()).unwrap();
    let p = validate(&t, std::slice::from_ref(&f2), dir.path());
    assert!(p.iter().any(|p| p.contains("SARIF1004")), "{p:?}");

    // Schema-valid for the multitool's first pass, caught by the schema: a
    // wrong version string.
    let mut version_broken = good;
    version_broken["version"] = "0.1.0".into();
    let f3 = dir.path().join("version-broken.sarif");
    std::fs::write(&f3, version_broken.to_string()).unwrap();
    let p = validate(&t, std::slice::from_ref(&f3), dir.path());
    assert!(!p.is_empty(), "a SARIF log with version 0.1.0 passed");
}
