//! The README's rule table is generated from `rules/*.toml`; this test fails
//! when it is stale (`SEAM_BLESS=1 cargo test --test readme` rewrites it).

mod common;

use seam::rules::meta;

fn table() -> String {
    let mut out = String::from("| id | name | severity | summary |\n| --- | --- | --- | --- |\n");
    for m in meta::all() {
        out.push_str(&format!(
            "| [{id}](rules/{id}.toml) | {} | {} | {} |\n",
            m.name,
            m.default_severity.as_str(),
            m.summary.trim().replace('|', "\\|"),
            id = m.id
        ));
    }
    out
}

#[test]
fn readme_rule_table_is_current() {
    let path = common::repo().join("README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = text.find(start).expect("start marker") + start.len();
    let b = text.find(end).expect("end marker");
    let want = table();
    if text[a..b] != want {
        if std::env::var_os("SEAM_BLESS").is_some() {
            std::fs::write(&path, format!("{}{}{}", &text[..a], want, &text[b..])).unwrap();
        } else {
            panic!("README rule table is stale; run SEAM_BLESS=1 cargo test --test readme");
        }
    }
}

#[test]
fn readme_names_the_demo_and_test_commands() {
    let text = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    assert!(text.contains("cargo run --release -- check fixtures/demo"));
    assert!(text.contains("cargo test --locked"));
    let ci = std::fs::read_to_string(common::repo().join(".ci/run")).unwrap();
    assert!(
        ci.contains("cargo test --locked"),
        ".ci/run runs the README's test command"
    );
}
