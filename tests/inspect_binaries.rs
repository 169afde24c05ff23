//! `seam::inspect::inspect` over the committed binaries in `fixtures/bin`:
//! the human output agrees line for line with the recorded `go version -m`,
//! the JSON carries every field, bad files are errors naming the file.

mod go_version_m;

use std::fs;
use std::path::{Path, PathBuf};

use seam::inspect::{inspect, InspectError};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/bin");

/// `(binary, recorded go version -m text)` for every recorded fixture.
fn recorded() -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = fs::read_dir(FIXTURES)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let name = path
                .file_name()?
                .to_str()?
                .strip_suffix(".go-version-m.txt")?
                .to_string();
            Some((
                Path::new(FIXTURES).join(name),
                fs::read_to_string(&path).unwrap(),
            ))
        })
        .collect();
    out.sort();
    assert!(
        out.len() >= 10,
        "expected the recorded fixtures, found {}",
        out.len()
    );
    out
}

fn run(paths: &[PathBuf], json: bool) -> Result<String, InspectError> {
    let mut out = Vec::new();
    inspect(paths, json, &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

/// The recorded text names the file as `go version -m` was given it (its
/// bare name); inspect names it as given here.
fn relabel(recorded: &str, path: &Path) -> String {
    let name = path.file_name().unwrap().to_str().unwrap();
    let rest = recorded
        .strip_prefix(name)
        .expect("recorded text starts with the file name");
    format!("{}{rest}", path.display())
}

#[test]
fn human_output_starts_with_what_go_version_m_prints() {
    for (path, recorded) in recorded() {
        let out = run(std::slice::from_ref(&path), false).unwrap();
        let expected = relabel(&recorded, &path);
        assert!(
            out.starts_with(&expected),
            "{}:\n{out}\nexpected:\n{expected}",
            path.display()
        );
        // Everything after the Go block is seam's own, indented two spaces.
        let own = &out[expected.len()..];
        assert!(own.lines().all(|l| l.starts_with("  ")), "{own}");
        assert!(
            own.contains("  format\t") && own.contains("  kind\t"),
            "{own}"
        );
    }
}

#[test]
fn json_carries_every_go_field() {
    let recorded = recorded();
    let paths: Vec<PathBuf> = recorded.iter().map(|(p, _)| p.clone()).collect();
    let report: Value = serde_json::from_str(&run(&paths, true).unwrap()).unwrap();
    assert_eq!(report["schema_version"], 1);
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), recorded.len());
    for (file, (path, text)) in files.iter().zip(&recorded) {
        assert_eq!(file["path"], path.display().to_string());
        let expected = go_version_m::parse(text);
        assert_eq!(
            Some(expected.file.as_str()),
            path.file_name().unwrap().to_str()
        );
        let images = file["images"].as_array().unwrap();
        assert_eq!(images.len(), 1);
        go_version_m::assert_json_matches(&images[0]["go"], &expected, &expected.file);
    }
}

#[test]
fn json_carries_format_kind_strings_and_exports() {
    let names = [
        "app-go1.22-linux-amd64-xversion",
        "cshared-go1.22-linux-amd64.so",
        "libseam_fixture_rustlib.so",
        "app-go1.22-windows-amd64.exe",
    ];
    let paths: Vec<PathBuf> = names.iter().map(|n| Path::new(FIXTURES).join(n)).collect();
    let report: Value = serde_json::from_str(&run(&paths, true).unwrap()).unwrap();
    let image = |i: usize| report["files"][i]["images"][0].clone();

    assert_eq!(report["files"][0]["format"], "elf");
    assert_eq!(image(0)["kind"], "executable");
    assert_eq!(
        image(0)["go_strings"],
        serde_json::json!([
            {"name": "main.commit", "value": "0123abc", "injected": true},
            {"name": "main.version", "value": "1.2.3", "injected": true},
        ])
    );

    assert_eq!(image(1)["kind"], "c-shared");
    let exports = image(1)["exports"].as_array().unwrap().clone();
    for name in ["SeamAdd", "SeamVersion"] {
        assert!(
            exports.contains(&serde_json::json!({"name": name, "kind": "function"})),
            "{name}"
        );
    }

    assert_eq!(image(2)["kind"], "shared-library");
    assert_eq!(image(2).get("go"), None);
    assert_eq!(
        image(2)["exports"],
        serde_json::json!([
            {"name": "seam_rust_add", "kind": "function"},
            {"name": "seam_rust_strlen", "kind": "function"},
        ])
    );

    assert_eq!(report["files"][3]["format"], "pe");
    assert_eq!(
        (image(3)["arch"].as_str(), image(3)["bits"].as_u64()),
        (Some("amd64"), Some(64))
    );
}

/// Writes `bytes` to a file named `name` in `dir`.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn bad_files_are_errors_that_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let elf = fs::read(Path::new(FIXTURES).join("app-go1.22-linux-amd64")).unwrap();
    let mut lying = elf.clone();
    let blob = (0..lying.len())
        .step_by(16)
        .find(|&i| lying[i..].starts_with(b"\xff Go buildinf:"))
        .unwrap();
    lying[blob + 32..blob + 37].copy_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f]);

    let cases = [
        (
            write(
                dir.path(),
                "image.png",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
            ),
            "not an ELF, Mach-O or PE binary",
        ),
        (write(dir.path(), "empty", b""), "empty file"),
        (
            write(dir.path(), "truncated", &elf[..3000]),
            "malformed ELF",
        ),
        (
            write(dir.path(), "lying", &lying),
            "the Go version is said to be 4294967295 bytes long",
        ),
        (dir.path().join("missing"), "cannot read"),
    ];
    for (path, reason) in &cases {
        let err = run(std::slice::from_ref(path), false).unwrap_err();
        let message = err.to_string();
        assert!(
            message.starts_with(&path.display().to_string()),
            "{message}"
        );
        assert!(message.contains(reason), "{message}");
    }

    // Several bad files: one error listing each; nothing written, even for
    // the good file among them.
    let mut paths: Vec<PathBuf> = cases.iter().map(|(p, _)| p.clone()).collect();
    paths.insert(0, Path::new(FIXTURES).join("app-go1.22-linux-amd64"));
    let mut out = Vec::new();
    match inspect(&paths, true, &mut out) {
        Err(InspectError::Several(errors)) => assert_eq!(errors.len(), cases.len()),
        other => panic!("{other:?}"),
    }
    assert!(out.is_empty());
}
