//! `seam inspect` and `seam check --artifact` from the command line, and
//! which binaries the walk picks up.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn bin(name: &str) -> PathBuf {
    common::repo().join("fixtures/bin").join(name)
}

fn seam() -> Command {
    Command::cargo_bin("seam").unwrap()
}

#[test]
fn inspect_prints_go_version_m_and_json() {
    let out = seam()
        .args(["inspect"])
        .arg(bin("app-go1.22-linux-amd64-vcs"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains(": go1.22.10\n\tpath\texample.com/app\n"),
        "{text}"
    );
    assert!(text.contains("\tbuild\tvcs.revision=f90319bab9f4ee5bdfd9fa7dae79cb770a7a91e0\n"));

    let out = seam()
        .args(["inspect", "--format", "json"])
        .arg(bin("plugin-greet1.1-go1.22-linux-amd64.so"))
        .arg(bin("pluginhost-go1.22-linux-amd64"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    let plugin = &json["files"][0]["images"][0];
    assert_eq!(plugin["kind"], "plugin");
    let hashes = plugin["go_package_hashes"].as_array().unwrap();
    assert_eq!(hashes[0]["package"], "example.com/greet");
    assert_eq!(hashes[0]["hash"].as_str().unwrap().len(), 16);
    assert!(!json["files"][1]["images"][0]["go_package_hashes"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn inspect_exits_2_on_each_kind_of_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let elf = fs::read(bin("app-go1.22-linux-amd64")).unwrap();
    let mut lying = elf.clone();
    let blob = (0..lying.len())
        .step_by(16)
        .find(|&i| lying[i..].starts_with(b"\xff Go buildinf:"))
        .unwrap();
    lying[blob + 32..blob + 37].copy_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f]);
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "image.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            "not an ELF, Mach-O or PE binary",
        ),
        ("truncated", &elf[..3000], "malformed ELF"),
        (
            "lying",
            &lying,
            "the Go version is said to be 4294967295 bytes long",
        ),
        ("empty", b"", "empty file"),
    ];
    for (name, bytes, reason) in cases {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let out = seam()
            .arg("inspect")
            .arg(&path)
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with("error: ") && err.contains(name) && err.contains(reason),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    seam().arg("inspect").assert().code(2);
}

/// A tree with a go.mod requiring go 1.22 and no binaries of its own.
fn tree(dir: &Path) {
    fs::write(dir.join("go.mod"), "module example.com/app\n\ngo 1.22\n").unwrap();
    fs::write(dir.join("main.go"), "package main\n\nfunc main() {}\n").unwrap();
}

fn rules_of(out: &[u8]) -> Vec<(String, String)> {
    let json: Value = serde_json::from_slice(out).unwrap();
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["location"]["path"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn check_artifact_outside_the_tree() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    let outside = bin("app-go1.21-linux-amd64");
    let out = seam()
        .args(["check", "--no-cache", "--format", "json"])
        .arg(dir.path())
        .arg("--artifact")
        .arg(&outside)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let rules = rules_of(&out);
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0].0, "VER001");
    assert!(
        rules[0].1.ends_with("fixtures/bin/app-go1.21-linux-amd64"),
        "{rules:?}"
    );

    // Missing and non-binary artefacts are usage errors.
    let text = dir.path().join("notes.txt");
    fs::write(&text, "hello").unwrap();
    for bad in [dir.path().join("missing"), text] {
        let out = seam()
            .args(["check", "--no-cache"])
            .arg(dir.path())
            .arg("--artifact")
            .arg(&bad)
            .assert()
            .code(2)
            .get_output()
            .clone();
        assert!(String::from_utf8(out.stderr)
            .unwrap()
            .contains("--artifact"));
    }
}

#[cfg(unix)]
#[test]
fn walk_finds_binaries_by_magic_exec_bit_and_config() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    tree(root);
    let exe = |p: &Path| fs::set_permissions(p, fs::Permissions::from_mode(0o755)).unwrap();
    fs::create_dir_all(root.join("build")).unwrap();
    fs::create_dir_all(root.join("dist")).unwrap();
    // An executable without an extension: read by its magic bytes.
    fs::copy(bin("app-go1.21-linux-amd64"), root.join("build/server")).unwrap();
    exe(&root.join("build/server"));
    // Not executable and no library name: never opened.
    fs::copy(bin("app-go1.21-linux-amd64"), root.join("build/server.bak")).unwrap();
    fs::set_permissions(
        root.join("build/server.bak"),
        fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    // An executable script: opened, not a binary.
    fs::write(root.join("build/run.sh"), "#!/bin/sh\nexec ./server\n").unwrap();
    exe(&root.join("build/run.sh"));
    // In a default-excluded directory.
    fs::copy(bin("app-go1.21-linux-amd64"), root.join("dist/server")).unwrap();
    exe(&root.join("dist/server"));

    let run = |root: &Path| {
        let out = seam()
            .args(["check", "--no-cache", "--format", "json"])
            .arg(root)
            .output()
            .unwrap();
        let mut r = rules_of(&out.stdout);
        r.sort();
        r
    };
    assert_eq!(
        run(root),
        vec![("VER001".to_string(), "build/server".to_string())]
    );

    // `[artifacts] paths` replaces the default and reaches into dist/.
    fs::write(
        root.join("seam.toml"),
        "[artifacts]\npaths = [\"dist/*\", \"build/server.bak\"]\n",
    )
    .unwrap();
    assert_eq!(
        run(root),
        vec![
            ("VER001".to_string(), "build/server.bak".to_string()),
            ("VER001".to_string(), "dist/server".to_string()),
        ]
    );

    // Binaries have their own size limit.
    fs::write(
        root.join("seam.toml"),
        "max_file_size = 10\n[artifacts]\nmax_size = 1000\n",
    )
    .unwrap();
    let out = seam()
        .args([
            "check",
            "--no-cache",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .arg(root)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = json.to_string();
    assert!(text.contains("[artifacts] max_size"), "{text}");
    assert!(!text.contains("\"VER001\""), "{text}");
}
