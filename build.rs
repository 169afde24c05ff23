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
}
