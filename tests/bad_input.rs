//! Bad and hostile input never panics and never aborts the run: it becomes
//! a SEAM001 finding or a skipped file, and the other findings still come.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn seam_json(root: &Path, extra: &[&str]) -> (Value, i32) {
    seam_json_env(root, extra, &[])
}

/// [`seam_json`] with environment variables set for seam.
fn seam_json_env(root: &Path, extra: &[&str], env: &[(&str, &str)]) -> (Value, i32) {
    let out = Command::cargo_bin("seam")
        .unwrap()
        .envs(env.iter().copied())
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

fn nest(open: &str, inner: &str, close: &str, depth: usize) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

/// Writes `files` into a tree with a finding, checks it, and returns the
/// SEAM001 messages by path (and asserts the run went on).
fn seam001_of(files: &[(String, String)]) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tree_with_a_finding(d);
    for (path, text) in files {
        let p = d.join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    let (json, code) = seam_json(d, &[]);
    assert_eq!(code, 0);
    assert!(rules_at(&json).contains(&("HTTP001".to_string(), "web/a.ts".to_string())));
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "SEAM001")
        .map(|f| {
            (
                f["location"]["path"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// 20,000-deep nesting in every kind of file seam parses: no stack
/// overflow (that would abort the whole run), no quadratic walk (this test
/// took 60-100 s in a debug build when the Go frontend had one). Past the
/// nesting limits (TS/JS and Go 10,000 levels, Rust 256, JSON and TOML
/// their parsers' own) the file is a SEAM001 of its own; the rest is read.
#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 20_000;
    let files: Vec<(String, String)> = [
        (
            "web/deep.ts",
            format!("export const x = {}\n", nest("[", "1", "]", depth)),
        ),
        (
            "web/Deep.vue",
            format!(
                "<template><p/></template>\n<script setup lang=\"ts\">\nconst x = {}\n</script>\n",
                nest("[", "1", "]", depth)
            ),
        ),
        (
            "web/DeepTemplate.vue",
            format!(
                "<template>{}</template>\n",
                nest("<div>", "x", "</div>", depth)
            ),
        ),
        (
            "deep.go",
            format!("package main\n\nvar x = {}\n", nest("(", "1", ")", depth)),
        ),
        (
            "calls.go",
            format!(
                "package main\n\nfunc f() {{ _ = {} }}\n",
                nest("g(", "1", ")", depth)
            ),
        ),
        (
            "closures.go",
            format!(
                "package main\n\nvar f = {}\n",
                nest("func() {", "", "}", depth)
            ),
        ),
        (
            "deep.rs",
            format!("pub const X: i32 = {};\n", nest("(", "1", ")", depth)),
        ),
        (
            "pkg/package.json",
            format!("{{\"name\": {}}}\n", nest("[", "1", "]", depth)),
        ),
        (
            "mod/go.mod",
            format!(
                "module example.com/m\n\ngo 1.22\n\nrequire (\n{})\n",
                "(\n".repeat(depth)
            ),
        ),
        (
            "lib/Cargo.toml",
            format!("[package]\nname = {}\n", nest("[", "1", "]", depth)),
        ),
    ]
    .into_iter()
    .map(|(p, t)| (p.to_string(), t))
    .collect();
    let found = seam001_of(&files);
    for (path, _) in &files {
        let messages: Vec<&str> = found
            .iter()
            .filter(|(p, _)| p == path)
            .map(|(_, m)| m.as_str())
            .collect();
        let read = matches!(path.as_str(), "web/DeepTemplate.vue" | "mod/go.mod");
        assert_eq!(messages.is_empty(), read, "{path}: {messages:?}");
        if !read && !path.ends_with(".json") && !path.ends_with(".toml") {
            assert!(
                messages[0].contains("nesting deeper than"),
                "{path}: {messages:?}"
            );
        }
    }
}

/// Just under the nesting limits, every construct that recurses in swc or
/// in the Go walkers is read, in this debug build too (bigger frames).
#[test]
fn nesting_under_the_limit_is_read() {
    let n = 9_000;
    let ts = |name: &str, body: String| {
        (
            format!("web/{name}.ts"),
            format!("export const x = {body}\n"),
        )
    };
    let go = |name: &str, body: String| (format!("{name}.go"), format!("package main\n\n{body}\n"));
    let files = vec![
        ts("arrays", nest("[", "1", "]", n)),
        ts("parens", nest("(", "1", ")", n)),
        ts("objects", nest("{a:", "1", "}", n)),
        ts("arrows", format!("{}1", "() => ".repeat(n))),
        ts("templates", format!("`{}`", nest("${`", "x", "`}", n / 2))),
        (
            "web/types.ts".to_string(),
            format!("export type T = {}\n", nest("A<", "B", ">", n)),
        ),
        (
            "web/Deep.vue".to_string(),
            format!(
                "<script setup lang=\"ts\">\nconst x = {}\n</script>\n",
                nest("{a:", "1", "}", n)
            ),
        ),
        go("parens", format!("var x = {}", nest("(", "1", ")", n))),
        go("unary", format!("var x = {}1", "-".repeat(n))),
        go("pointers", format!("func F(x {}int) {{}}", "*".repeat(n))),
        go(
            "calls",
            format!("func f() {{ _ = {} }}", nest("g(", "1", ")", n / 2)),
        ),
        go(
            "blocks",
            format!("func f() {{ {} }}", nest("{", "", "}", n / 2)),
        ),
        go(
            "ifs",
            format!(
                "import \"net/http\"\n\nfunc h(w http.ResponseWriter, r *http.Request) {{ {} }}",
                nest("if r != nil {", "w.WriteHeader(200)", "}", n / 4)
            ),
        ),
        go(
            "closures",
            format!("var f = {}", nest("func() {", "", "}", n / 4)),
        ),
    ];
    let found = seam001_of(&files);
    assert!(found.is_empty(), "{found:?}");
}

/// At the file size limit, nesting can be 1,000,000 deep: refused before
/// any recursive code sees it.
#[test]
fn nesting_as_deep_as_the_size_limit_allows_is_refused() {
    let n = 900_000; // 1.8 MB of brackets, under the 2 MB max_file_size
    let files = vec![
        ("web/deep.ts".to_string(), nest("[", "", "]", n)),
        (
            "web/arrows.ts".to_string(),
            format!("{}1", "a=>".repeat(n / 2)),
        ),
        (
            "deep.go".to_string(),
            format!("package main\n\nvar x = {}", nest("(", "1", ")", n)),
        ),
        (
            "types.go".to_string(),
            format!("package main\n\nfunc F(x {}int) {{}}", "*".repeat(n)),
        ),
    ];
    let found = seam001_of(&files);
    for (path, _) in &files {
        assert!(
            found
                .iter()
                .any(|(p, m)| p == path && m.contains("nesting deeper than")),
            "{path}: {found:?}"
        );
    }
}

/// A 50 MB minified bundle is skipped by its size (from the directory
/// entry; it is never read) with a SEAM002 note.
#[test]
fn a_50_mb_minified_bundle_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tree_with_a_finding(d);
    let call = "fetch('/api/x').then(r=>r.json());";
    let line = call.repeat(50 * 1024 * 1024 / call.len() + 1);
    fs::write(d.join("web/app.js"), line).unwrap();
    let (json, code) = seam_json(d, &[]);
    assert_eq!(code, 0);
    let found = rules_at(&json);
    assert!(
        found.contains(&("SEAM002".to_string(), "web/app.js".to_string())),
        "{found:?}"
    );
    assert!(
        found.contains(&("HTTP001".to_string(), "web/a.ts".to_string())),
        "{found:?}"
    );
    let note = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "SEAM002")
        .unwrap();
    assert!(
        note["message"].as_str().unwrap().contains("max_file_size"),
        "{note}"
    );
}

/// Just under the size limit, one 2 MB line of minified code is read in
/// reasonable time: columns on long lines are counted from checkpoints,
/// not from the start of the line for every location.
#[test]
fn a_minified_file_under_the_limit_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tree_with_a_finding(d);
    let mut line = String::from("/*é*/");
    let mut n = 0;
    while line.len() < 1_900_000 {
        line.push_str(&format!("fetch('/api/min/{n}');"));
        n += 1;
    }
    fs::write(d.join("web/app.js"), &line).unwrap();
    let started = std::time::Instant::now();
    let (json, code) = seam_json(d, &[]);
    assert_eq!(code, 0);
    let last = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["location"]["path"] == "web/app.js")
        .map(|f| f["location"]["column"].as_u64().unwrap())
        .max();
    // `é` is one UTF-16 unit for two bytes: columns are one less than
    // byte offsets + 1 after it.
    let expected = line.rfind("fetch(").unwrap() as u64; // +1 for 1-based, -1 for é
    assert_eq!(last, Some(expected));
    // Quadratic, this took minutes (3 min for 1.9 MB in release).
    assert!(started.elapsed().as_secs() < 120, "{:?}", started.elapsed());
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

/// swc's TypeScript parser backtracks exponentially on some inputs (this
/// one, found by fuzzing, takes over a minute): the file is given up after
/// the deadline (shortened here), reported, and the run finishes.
#[test]
fn a_file_the_parser_cannot_finish_is_given_up() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    tree_with_a_finding(d);
    let slow = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hostile/swc-backtrack.ts");
    fs::create_dir_all(d.join("web/src")).unwrap();
    fs::copy(slow, d.join("web/src/slow.ts")).unwrap();
    let (json, code) = seam_json_env(d, &[], &[("SEAM_SCRIPT_DEADLINE_MS", "300")]);
    assert_eq!(code, 0);
    let findings = json["findings"].as_array().unwrap();
    let given_up: Vec<&Value> = findings
        .iter()
        .filter(|f| f["rule"] == "SEAM001" && f["location"]["path"] == "web/src/slow.ts")
        .collect();
    assert_eq!(given_up.len(), 1, "{findings:#?}");
    assert!(given_up[0]["message"]
        .as_str()
        .unwrap()
        .contains("did not finish within 0.3 s"));
    // The rest of the tree is still checked.
    assert!(
        findings.iter().any(|f| f["rule"] != "SEAM001"),
        "{findings:#?}"
    );
}
