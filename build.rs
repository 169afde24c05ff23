//! Embeds every `rules/*.toml` so the binary carries its rule docs.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let mut ids: Vec<String> = fs::read_dir("rules")
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .map(|n| n.trim_end_matches(".toml").to_string())
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    let mut out = String::from("/// `(id, toml text)` of every file under `rules/`, sorted by id.\npub static RULE_TOMLS: &[(&str, &str)] = &[\n");
    for id in &ids {
        println!("cargo:rerun-if-changed=rules/{id}.toml");
        out.push_str(&format!(
            "    ({id:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/{id}.toml\"))),\n"
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("rule_tomls.rs");
    fs::write(dest, out).expect("write rule_tomls.rs");
    println!("cargo:rustc-env=SEAM_BUILD_ID={}", build_id());
}

/// A hash of the sources, so that the facts cache never outlives the code
/// that wrote it.
fn build_id() -> String {
    println!("cargo:rerun-if-changed=src");
    let mut files = Vec::new();
    let mut stack = vec![Path::new("src").to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = fs::read_dir(&dir) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    // FNV-1a: enough to tell builds apart, no build dependency needed.
    let mut h: u64 = 0xcbf29ce484222325;
    for f in files {
        for b in f
            .to_string_lossy()
            .bytes()
            .chain(fs::read(&f).unwrap_or_default())
        {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!(
        "{}-{h:016x}",
        env::var("CARGO_PKG_VERSION").unwrap_or_default()
    )
}
