//! Every file seam writes (`-o`, `seam snapshot -o`,
//! `--write-baseline-findings`, the facts cache) goes through
//! `cache::write_atomic`: a run killed halfway through a write leaves the
//! old file whole. The kill is real: `ulimit -f` makes the kernel stop the
//! process with SIGXFSZ as soon as a write passes 1 KiB.
#![cfg(unix)]

use seam::cache;
use seam::model::{ApiSurface, FileFacts};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn seam() -> PathBuf {
    assert_cmd::cargo::cargo_bin("seam")
}

/// A tree whose report, snapshot and findings baseline are all well over
/// the 1 KiB the limited runs may write.
fn tree(dir: &Path) {
    fs::write(dir.join("go.mod"), "module example.com/x\n\ngo 1.22\n").unwrap();
    let mut go = String::from("package main\n\nimport \"net/http\"\n\nfunc main() {\n");
    for i in 0..20 {
        go.push_str(&format!(
            "\thttp.HandleFunc(\"GET /api/served/{i}\", nil)\n"
        ));
    }
    go.push_str("}\n");
    fs::write(dir.join("main.go"), go).unwrap();
    fs::create_dir_all(dir.join("web")).unwrap();
    for i in 0..20 {
        fs::write(
            dir.join(format!("web/call{i}.ts")),
            format!("export const c{i} = () => fetch('/api/missing/{i}')\n"),
        )
        .unwrap();
    }
}

/// Runs seam with each file limited to `blocks` blocks (`ulimit -f`
/// counts 512-byte blocks in dash, 1024-byte ones in bash).
fn seam_limited(blocks: u32, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -f {blocks} && exec \"$0\" \"$@\""))
        .arg(seam())
        .args(args)
        .output()
        .unwrap()
}

fn seam_unlimited(args: &[&str]) -> Output {
    Command::new(seam()).args(args).output().unwrap()
}

/// Files in `dir` other than `keep` are seam's temporary files (a killed
/// process cannot remove its own), never anything at an output path.
fn only_temporaries_besides(dir: &Path, keep: &[&str]) {
    for e in fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            keep.contains(&name.as_str()) || name.ends_with(".seam-tmp"),
            "unexpected file {name} in {}",
            dir.display()
        );
    }
}

fn assert_killed_or_failed(out: &Output) {
    assert!(
        !out.status.success(),
        "the limited run was expected to fail: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_killed_check_leaves_the_old_report() {
    let t = tempfile::tempdir().unwrap();
    tree(t.path());
    let outdir = tempfile::tempdir().unwrap();
    let report = outdir.path().join("report.json");
    fs::write(&report, "old report\n").unwrap();
    let root = t.path().to_str().unwrap();
    let r = report.to_str().unwrap();
    let args = [
        "check",
        "--no-cache",
        "--format",
        "json",
        "--fail-on",
        "never",
        "-o",
        r,
        root,
    ];
    assert_killed_or_failed(&seam_limited(1, &args));
    assert_eq!(fs::read_to_string(&report).unwrap(), "old report\n");
    only_temporaries_besides(outdir.path(), &["report.json"]);
    // Unlimited, the same command replaces it whole.
    let out = seam_unlimited(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&fs::read(&report).unwrap()).unwrap();
    assert_eq!(json["findings"].as_array().map(Vec::len), Some(20));
}

#[test]
fn a_killed_snapshot_leaves_the_old_snapshot() {
    let t = tempfile::tempdir().unwrap();
    tree(t.path());
    let outdir = tempfile::tempdir().unwrap();
    let snap = outdir.path().join("snapshot.json");
    fs::write(&snap, "old snapshot\n").unwrap();
    let args = [
        "snapshot",
        "--no-cache",
        "-o",
        snap.to_str().unwrap(),
        t.path().to_str().unwrap(),
    ];
    assert_killed_or_failed(&seam_limited(1, &args));
    assert_eq!(fs::read_to_string(&snap).unwrap(), "old snapshot\n");
    only_temporaries_besides(outdir.path(), &["snapshot.json"]);
    let out = seam_unlimited(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = fs::read_to_string(&snap).unwrap();
    assert!(text.len() > 1024, "{text}");
    serde_json::from_str::<serde_json::Value>(&text).unwrap();
}

#[test]
fn a_killed_baseline_write_leaves_the_old_baseline() {
    let t = tempfile::tempdir().unwrap();
    tree(t.path());
    let outdir = tempfile::tempdir().unwrap();
    let base = outdir.path().join("baseline.json");
    fs::write(&base, "old baseline\n").unwrap();
    let args = [
        "check",
        "--no-cache",
        "--format",
        "json",
        "--write-baseline-findings",
        base.to_str().unwrap(),
        t.path().to_str().unwrap(),
    ];
    assert_killed_or_failed(&seam_limited(1, &args));
    assert_eq!(fs::read_to_string(&base).unwrap(), "old baseline\n");
    only_temporaries_besides(outdir.path(), &["baseline.json"]);
    let out = seam_unlimited(&args);
    assert!(out.status.code().is_some(), "{out:?}");
    let text = fs::read_to_string(&base).unwrap();
    assert!(text.len() > 1024, "{text}");
    serde_json::from_str::<serde_json::Value>(&text).unwrap();
}

/// The cache of a killed run holds whole entries or none: the next run
/// reads what is there and reports exactly what an uncached run does.
#[test]
fn a_killed_run_leaves_no_torn_cache_entry() {
    let t = tempfile::tempdir().unwrap();
    tree(t.path());
    // Small files (entries of ~300 bytes) and big ones (~8.5 KB): with 4 KiB
    // at most, the run dies writing the entry of a big one.
    for i in 0..10 {
        let mut ts = String::new();
        for j in 0..40 {
            ts.push_str(&format!(
                "export const f{j} = () => fetch('/api/big/{i}/{j}')\n"
            ));
        }
        fs::write(t.path().join(format!("web/zz_big{i}.ts")), ts).unwrap();
    }
    let root = t.path().to_str().unwrap();
    let cached = ["check", "--format", "json", "--fail-on", "never", root];
    assert_killed_or_failed(&seam_limited(8, &cached));
    let cache = t.path().join(".seam-cache");
    let mut entries = 0;
    for shard in fs::read_dir(&cache).unwrap() {
        let shard = shard.unwrap().path();
        if !shard.is_dir() {
            continue;
        }
        for e in fs::read_dir(&shard).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".seam-tmp") {
                continue;
            }
            entries += 1;
            let bytes = fs::read(&p).unwrap();
            let whole = if name.ends_with(".api.mp") {
                cache::decode::<ApiSurface>(&bytes).map(drop)
            } else {
                cache::decode::<FileFacts>(&bytes).map(drop)
            };
            whole.unwrap_or_else(|e| panic!("torn cache entry {name}: {e:?}"));
        }
    }
    // Small entries were written before a big one killed the run.
    assert!(entries > 0, "no cache entry at all");
    let warm = seam_unlimited(&cached);
    let cold = seam_unlimited(&[
        "check",
        "--no-cache",
        "--format",
        "json",
        "--fail-on",
        "never",
        root,
    ]);
    assert_eq!(
        String::from_utf8_lossy(&warm.stdout),
        String::from_utf8_lossy(&cold.stdout)
    );
}
