//! Bad and hostile input never panics and never aborts the run: it becomes
//! a SEAM001 finding or a skipped file, and the other findings still come.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn seam_json(root: &Path, extra: &[&str]) -> (Value, i32) {
    let out = Command::cargo_bin("seam")
        .unwrap()
        .args([
            "check",
            "--no-cache",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .args(extra)
        .arg(root)
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    (json, code)
}

fn rules_at(json: &Value) -> Vec<(String, String)> {
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

/// A tree with one real finding, so we can see the run went on.
fn tree_with_a_finding(dir: &Path) {
    fs::write(dir.join("go.mod"), "module example.com/x\n\ngo 1.22\n").unwrap();
    fs::write(
        dir.join("main.go"),
        "package main\n\nimport \"net/http\"\n\nfunc main() { http.HandleFunc(\"GET /api/a\", nil) }\n",
    )
    .unwrap();
    fs::create_dir_all(dir.join("web")).unwrap();
    fs::write(
        dir.join("web/a.ts"),
        "export const a = () => fetch('/api/b')\n",
    )
    .unwrap();
}

#[test]
fn each_bad_file_is_a_seam001_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tree_with_a_finding(d);
    fs::write(
        d.join("truncated.go"),
        "package main\n\nfunc broken( {\n\tx := \n",
    )
    .unwrap();
    fs::write(
        d.join("web/Open.vue"),
        "<template><p/></template>\n<script setup lang=\"ts\">\nconst a = 1\n",
    )
    .unwrap();
    fs::write(
        d.join("web/binary.ts"),
        [0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3],
    )
    .unwrap();
    fs::write(d.join("web/latin1.ts"), b"export const s = '\xe9t\xe9'\n").unwrap();
    fs::create_dir_all(d.join("lib/src")).unwrap();
    fs::write(d.join("lib/Cargo.toml"), "[package\nname = \"x\"\n").unwrap();
    fs::write(d.join("lib/src/lib.rs"), "pub fn broken( {\n").unwrap();
    let png = [
        0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 13, b'I', b'H', b'D', b'R',
    ];
    fs::write(d.join("web/Image.vue"), png).unwrap();
    let (json, code) = seam_json(d, &[]);
    assert_eq!(code, 0);
    let found = rules_at(&json);
    for path in [
        "truncated.go",
        "web/Open.vue",
        "web/binary.ts",
        "web/latin1.ts",
        "web/Image.vue",
        "lib/Cargo.toml",
        "lib/src/lib.rs",
    ] {
        assert!(
            found.contains(&("SEAM001".to_string(), path.to_string())),
            "no SEAM001 for {path}: {found:?}"
        );
    }
    assert!(
        found.contains(&("HTTP001".to_string(), "web/a.ts".to_string())),
        "{found:?}"
    );
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tree_with_a_finding(d);
    let depth = 20_000;
    let ts = format!(
        "export const x = {}1{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    fs::write(d.join("web/deep.ts"), ts).unwrap();
    let go = format!(
        "package main\n\nvar x = {}1{}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    fs::write(d.join("deep.go"), go).unwrap();
    let rs = format!(
        "pub const X: i32 = {}1{};\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    fs::write(d.join("deep.rs"), rs).unwrap();
    let (json, code) = seam_json(d, &[]);
    assert_eq!(code, 0);
    assert!(rules_at(&json).contains(&("HTTP001".to_string(), "web/a.ts".to_string())));
}

#[test]
fn large_files_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tree_with_a_finding(d);
    let big = "export const x = 1;\n".repeat(200_000);
    fs::write(d.join("web/bundle.js"), big).unwrap();
    let (json, _) = seam_json(d, &[]);
    assert!(rules_at(&json).contains(&("SEAM002".to_string(), "web/bundle.js".to_string())));
}

#[cfg(unix)]
#[test]
fn symlink_loops_odd_names_and_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tree_with_a_finding(d);
    std::os::unix::fs::symlink(d, d.join("web/loop")).unwrap();
    let odd = d.join("web/dir with spaces/ünïcødé");
    fs::create_dir_all(&odd).unwrap();
    fs::write(
        odd.join("call.ts"),
        "export const c = () => fetch('/api/c')\n",
    )
    .unwrap();
    let locked = d.join("web/locked.ts");
    fs::write(&locked, "export const l = 1\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let (json, code) = seam_json(d, &[]);
    assert_eq!(code, 0);
    let found = rules_at(&json);
    assert!(
        found.contains(&(
            "HTTP001".to_string(),
            "web/dir with spaces/ünïcødé/call.ts".to_string()
        )),
        "{found:?}"
    );
    // Root reads anything; elsewhere the file is skipped with a note.
    if fs::read(&locked).is_err() {
        assert!(
            found.contains(&("SEAM002".to_string(), "web/locked.ts".to_string())),
            "{found:?}"
        );
    }
}

#[test]
fn many_empty_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tree_with_a_finding(d);
    let many = d.join("web/many");
    fs::create_dir_all(&many).unwrap();
    for i in 0..100_000 {
        fs::write(many.join(format!("f{i}.ts")), "").unwrap();
    }
    let (json, code) = seam_json(d, &[]);
    assert_eq!(code, 0);
    assert_eq!(json["summary"]["files"].as_u64(), Some(100_003));
}
