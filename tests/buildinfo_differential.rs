//! Differential test: builds fresh binaries with every Go toolchain it is
//! given, for linux/amd64, darwin/arm64 and windows/amd64, and checks that
//! `seam::inspect` says what that toolchain's `go version -m` says — the
//! human output line for line, the JSON field by field — and that `-X`
//! strings are read back from each format's symbol table.
//!
//! Toolchains: `SEAM_GO_BINS` (paths to `go` separated by `:`, as printed by
//! `fixtures/bin/install-go.sh`), else `go` on `PATH`. With neither, the test
//! prints that it was skipped and passes. The Go build cache is
//! `$SEAM_GOCACHE` (default: `seam-gocache` in the temp dir) so reruns are
//! quick.

mod go_version_m;

use std::env;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const TARGETS: &[(&str, &str, &str)] = &[
    ("linux", "amd64", "elf"),
    ("darwin", "arm64", "macho"),
    ("windows", "amd64", "pe"),
];

const MAIN_GO: &str = r#"package main

import "example.com/dep"

var (
	version = "dev"
	commit  string
)

func main() { println(dep.Name(), version, commit) }
"#;

fn toolchains() -> Vec<PathBuf> {
    if let Some(list) = env::var_os("SEAM_GO_BINS") {
        return env::split_paths(&list)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
    }
    let on_path = Command::new("go").arg("version").output();
    if on_path.is_ok_and(|o| o.status.success()) {
        vec![PathBuf::from("go")]
    } else {
        Vec::new()
    }
}

/// Runs `cmd`, panicking with its output when it fails; returns stdout.
fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A main module with a directory-replaced dependency, in a git checkout
/// when git is there (so builds record `vcs.*`).
fn write_sources(root: &Path) -> PathBuf {
    let app = root.join("src/app");
    let dep = root.join("src/dep");
    fs::create_dir_all(&app).unwrap();
    fs::create_dir_all(&dep).unwrap();
    let go_mod = "module example.com/app\n\ngo 1.21\n\nrequire example.com/dep v1.4.0\n\nreplace example.com/dep => ../dep\n";
    fs::write(app.join("go.mod"), go_mod).unwrap();
    fs::write(app.join("main.go"), MAIN_GO).unwrap();
    fs::write(dep.join("go.mod"), "module example.com/dep\n\ngo 1.21\n").unwrap();
    fs::write(
        dep.join("dep.go"),
        "package dep\n\nfunc Name() string { return \"dep\" }\n",
    )
    .unwrap();
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(root.join("src"))
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let committed = git(&["init", "-q"])
        && git(&["add", "."])
        && git(&[
            "-c",
            "user.name=seam",
            "-c",
            "user.email=seam@example.com",
            "commit",
            "-q",
            "-m",
            "x",
        ]);
    if !committed {
        println!("note: no git; builds carry no vcs.* settings");
    }
    app
}

fn go_command(go: &Path, root: &Path) -> Command {
    let cache = env::var_os("SEAM_GOCACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| env::temp_dir().join("seam-gocache"));
    let mut cmd = Command::new(go);
    cmd.env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .env("GOSUMDB", "off")
        .env("GOFLAGS", "-mod=mod -modcacherw")
        .env("GOWORK", "off")
        .env("GOTELEMETRY", "off")
        .env("CGO_ENABLED", "0")
        .env("GOPATH", root.join("gopath"))
        .env("GOMODCACHE", root.join("gomodcache"))
        .env("GOCACHE", cache);
    cmd
}

/// The JSON report of one file.
fn inspect_json(path: &Path) -> Value {
    let mut out = Vec::new();
    seam::inspect::inspect(&[path.to_path_buf()], true, &mut out)
        .unwrap_or_else(|e| panic!("seam inspect: {e}"));
    let report: Value = serde_json::from_slice(&out).unwrap();
    report["files"][0].clone()
}

fn inspect_human(path: &Path) -> String {
    let mut out = Vec::new();
    seam::inspect::inspect(&[path.to_path_buf()], false, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn seam_agrees_with_go_version_m_on_fresh_builds() {
    let toolchains = toolchains();
    if toolchains.is_empty() {
        // Straight to stderr: the test harness would swallow println!.
        let _ = writeln!(
            std::io::stderr(),
            "buildinfo_differential: skipped, no Go toolchain (set SEAM_GO_BINS, see fixtures/bin/install-go.sh, or put go on PATH)"
        );
        return;
    }
    if toolchains.len() < 3 {
        println!(
            "note: {} Go toolchain(s); CI compares three",
            toolchains.len()
        );
    }
    let root = tempfile::tempdir().unwrap();
    let app = write_sources(root.path());
    let bin = root.path().join("bin");
    let mut compared = 0;
    for go in &toolchains {
        let version = run(
            go_command(go, root.path()).arg("env").arg("GOVERSION"),
            "go env GOVERSION",
        );
        let version = version.trim();
        for &(goos, goarch, format) in TARGETS {
            // Symbol table kept and -ldflags recorded; then stripped and trimmed.
            let variants: [(&str, &[&str]); 2] = [
                (
                    "x",
                    &[
                        "-tags=seamtest",
                        "-ldflags=-X main.version=1.2.3 -X 'main.commit=a b'",
                    ],
                ),
                (
                    "stripped",
                    &["-trimpath", "-buildvcs=false", "-ldflags=-s -w"],
                ),
            ];
            for (variant, flags) in variants {
                let ext = if goos == "windows" { ".exe" } else { "" };
                let out = bin.join(format!("{version}-{goos}-{goarch}-{variant}{ext}"));
                let what = format!("{version} {goos}/{goarch} {variant}");
                run(
                    go_command(go, root.path())
                        .current_dir(&app)
                        .env("GOOS", goos)
                        .env("GOARCH", goarch)
                        .arg("build")
                        .args(flags)
                        .arg("-o")
                        .arg(&out)
                        .arg("."),
                    &format!("go build ({what})"),
                );
                let go_text = run(
                    go_command(go, root.path())
                        .arg("version")
                        .arg("-m")
                        .arg(&out),
                    "go version -m",
                );

                let human = inspect_human(&out);
                assert!(
                    human.starts_with(&go_text),
                    "{what}: seam printed\n{human}\ngo printed\n{go_text}"
                );

                let file = inspect_json(&out);
                assert_eq!(file["format"], format, "{what}");
                let image = &file["images"][0];
                assert_eq!(image["arch"], goarch, "{what}");
                let expected = go_version_m::parse(&go_text);
                assert_eq!(expected.file, out.display().to_string());
                go_version_m::assert_json_matches(&image["go"], &expected, &what);

                let strings = image.get("go_strings").cloned().unwrap_or(Value::Null);
                if variant == "x" {
                    let expected = serde_json::json!([
                        {"name": "main.commit", "value": "a b", "injected": true},
                        {"name": "main.version", "value": "1.2.3", "injected": true},
                    ]);
                    assert_eq!(strings, expected, "{what}");
                } else if strings != Value::Null {
                    // Some linkers keep a Mach-O symbol table under -s (go1.21
                    // does); then the defaults in the source are read back.
                    let defaults = serde_json::json!([
                        {"name": "main.commit", "value": "", "injected": false},
                        {"name": "main.version", "value": "dev", "injected": false},
                    ]);
                    assert_eq!((goos, &strings), ("darwin", &defaults), "{what}");
                }
                compared += 1;
            }
        }
    }
    println!(
        "compared {compared} fresh binaries from {} Go toolchain(s)",
        toolchains.len()
    );
}
