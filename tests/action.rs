//! The GitHub Action's run step (`scripts/action-run.sh`), run locally with
//! a fake `GITHUB_*` environment and the built seam: it writes the SARIF
//! log, the job summary and the step outputs, and its exit code follows
//! `fail-on`.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;

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

struct Run {
    code: i32,
    summary: String,
    outputs: String,
    workspace: PathBuf,
    log: String,
    _dir: tempfile::TempDir,
}

/// Runs the action's script on a workspace holding `fixtures/ci/<fixture>`
/// under `app/`, with the given inputs.
fn run(fixture: &str, inputs: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("workspace");
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(
        &manifest.join("fixtures/ci").join(fixture),
        &workspace.join("app"),
    );
    let summary = dir.path().join("step_summary.md");
    let outputs = dir.path().join("output");
    std::fs::write(&summary, "").unwrap();
    std::fs::write(&outputs, "").unwrap();
    let mut cmd = Command::new("bash");
    cmd.arg(manifest.join("scripts/action-run.sh"));
    // Whatever CI this test runs on, its own GITHUB_* must not leak in.
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        if k.starts_with("GITHUB_") || k.starts_with("INPUT_") || k.starts_with("RUNNER_") {
            cmd.env_remove(k);
        }
    }
    cmd.current_dir(dir.path())
        .env("SEAM_BIN", env!("CARGO_BIN_EXE_seam"))
        .env("GITHUB_WORKSPACE", &workspace)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_OUTPUT", &outputs)
        .env("GITHUB_SERVER_URL", "https://github.example")
        .env("GITHUB_REPOSITORY", "acme/shop")
        .env("GITHUB_SHA", "0123abc")
        .env("INPUT_PATH", "app")
        .env("INPUT_ARGS", "--no-cache");
    for (k, v) in inputs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        summary: std::fs::read_to_string(&summary).unwrap(),
        outputs: std::fs::read_to_string(&outputs).unwrap(),
        workspace,
        log: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        _dir: dir,
    }
}

fn sarif(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn findings_fail_the_step_and_are_reported() {
    let r = run("bad", &[]);
    assert_eq!(r.code, 1, "{}", r.log);
    let doc = sarif(&r.workspace.join("seam.sarif"));
    assert_eq!(doc["version"], "2.1.0");
    let result = &doc["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "HTTP001");
    // Relative to the workspace (repository root), not to `path`.
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "app/web/src/api.ts"
    );
    assert!(
        r.summary
            .starts_with("## seam: 1 error, 0 warnings, 0 notes"),
        "{}",
        r.summary
    );
    assert!(
        r.summary.contains("| HTTP001 | UnknownRoute | 1 | 0 | 0 |"),
        "{}",
        r.summary
    );
    assert!(
        r.summary
            .contains("(https://github.example/acme/shop/blob/0123abc/app/web/src/api.ts#L8)"),
        "{}",
        r.summary
    );
    assert!(
        r.summary.contains("Failing: findings at or above `error`"),
        "{}",
        r.summary
    );
    assert_eq!(r.outputs, "exit-code=1\nsarif-file=seam.sarif\n");
}

#[test]
fn exit_code_follows_fail_on() {
    let r = run("bad", &[("INPUT_FAIL_ON", "never")]);
    assert_eq!(r.code, 0, "{}", r.log);
    assert!(r.workspace.join("seam.sarif").is_file());
    assert!(r.summary.contains("1 error"));
    assert!(!r.summary.contains("Failing"));

    let r = run("good", &[("INPUT_FAIL_ON", "note")]);
    assert_eq!(r.code, 0, "{}", r.log);
    assert!(r.summary.contains("No findings."), "{}", r.summary);
    assert_eq!(r.outputs, "exit-code=0\nsarif-file=seam.sarif\n");
}

#[test]
fn sarif_file_input_and_extra_args() {
    // A baseline of the current findings, given through `args`: passes.
    let first = run(
        "bad",
        &[(
            "INPUT_ARGS",
            "--no-cache --write-baseline-findings app/seam-baseline.json",
        )],
    );
    assert_eq!(first.code, 0, "{}", first.log);
    let baseline = first.workspace.join("app/seam-baseline.json");
    assert!(baseline.is_file());

    let dir = tempfile::tempdir().unwrap();
    let kept = dir.path().join("seam-baseline.json");
    std::fs::copy(&baseline, &kept).unwrap();
    let args = format!("--no-cache --baseline-findings {}", kept.display());
    let r = run(
        "bad",
        &[
            ("INPUT_ARGS", &args),
            ("INPUT_SARIF_FILE", "reports/seam.sarif"),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.log);
    assert!(r.workspace.join("reports/seam.sarif").is_file());
    assert_eq!(r.outputs, "exit-code=0\nsarif-file=reports/seam.sarif\n");
}

#[test]
fn usage_errors_fail_without_a_sarif_file() {
    let r = run("bad", &[("INPUT_ARGS", "--baseline-findings missing.json")]);
    assert_eq!(r.code, 2, "{}", r.log);
    assert!(
        r.log.contains("cannot read findings baseline missing.json"),
        "{}",
        r.log
    );
    assert!(!r.workspace.join("seam.sarif").exists());
    assert_eq!(
        r.outputs, "exit-code=2\n",
        "no sarif-file output, so no upload"
    );
    assert!(
        r.summary.contains("failed with exit code 2"),
        "{}",
        r.summary
    );
}
