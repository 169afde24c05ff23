use crate::config::Config;
use crate::drift::{analyze_blobs, contract};
use crate::model::ApiLang;

fn surface(files: &[(&str, &str)]) -> Vec<String> {
    let blobs = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
        .collect();
    let a = analyze_blobs(blobs, &Config::default()).unwrap();
    let c = contract(&a, &Config::default(), &|_| None);
    c.items
        .iter()
        .filter(|i| matches!(i.lang, ApiLang::Rust | ApiLang::CExport | ApiLang::CLayout))
        .map(|i| format!("{} {:?} {}", i.unit, i.kind, i.name))
        .collect()
}

#[test]
fn reachable_items_across_module_files() {
    let got = surface(&[
        ("pricing/Cargo.toml", "[package]\nname = \"pricing\"\nversion = \"0.1.0\"\n"),
        (
            "pricing/src/lib.rs",
            "pub mod money;\nmod internal;\npub use internal::Engine;\npub use internal::helpers::*;\npub use serde::Serialize;\n",
        ),
        ("pricing/src/money.rs", "pub struct Cents(pub i64);\nimpl Cents { pub fn zero() -> Self { Cents(0) } }\npub mod fx;\n"),
        ("pricing/src/money/fx.rs", "pub fn rate() -> f64 { 1.0 }\n"),
        ("pricing/src/internal/mod.rs", "pub struct Engine;\npub fn not_reexported() {}\npub mod helpers { pub fn help() {} }\n#[no_mangle]\npub extern \"C\" fn engine_new() {}\n"),
    ]);
    // engine_new is `pub` in a private module: a C export, not Rust API.
    let want = [
        "crate:pricing Func engine_new",
        "crate:pricing Struct Engine",
        "crate:pricing Func help",
        "crate:pricing Reexport Serialize",
        "crate:pricing Struct money::Cents",
        "crate:pricing Field money::Cents.0",
        "crate:pricing Method money::Cents::zero",
        "crate:pricing Func money::fx::rate",
        "crate:pricing Module money",
        "crate:pricing Module money::fx",
    ];
    let mut got_sorted = got.clone();
    got_sorted.sort();
    let mut want_sorted: Vec<String> = want.iter().map(|s| s.to_string()).collect();
    want_sorted.sort();
    assert_eq!(got_sorted, want_sorted, "{got:#?}");
}
