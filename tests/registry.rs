//! Rules, their TOML docs and their fixtures agree, both ways.

mod common;

use std::collections::BTreeSet;

use seam::rules::{self, meta};

#[test]
fn every_toml_parses() {
    assert_eq!(
        meta::all().len(),
        meta::RULE_TOMLS.len(),
        "a rules/*.toml file does not parse into RuleMeta"
    );
    for (file_id, _) in meta::RULE_TOMLS {
        let m = meta::get(file_id).expect("parsed");
        assert_eq!(&m.id, file_id, "rules/{file_id}.toml declares id {}", m.id);
        assert!(
            !m.summary.trim().is_empty()
                && !m.rationale.trim().is_empty()
                && !m.fix.trim().is_empty()
        );
        assert!(["error", "warning", "note"].contains(&m.default_severity.as_str()));
    }
}

#[test]
fn every_rule_has_a_toml_and_every_toml_a_rule() {
    let code: BTreeSet<&str> = rules::registry()
        .iter()
        .map(|r| r.id())
        .chain(rules::PIPELINE_RULES.iter().copied())
        .collect();
    let docs: BTreeSet<&str> = meta::RULE_TOMLS.iter().map(|(id, _)| *id).collect();
    assert_eq!(code, docs);
}

#[test]
fn every_rule_has_bad_and_good_fixtures() {
    let root = common::repo();
    for m in meta::all() {
        for kind in ["bad", "good"] {
            let p = root.join("fixtures/rules").join(&m.id).join(kind);
            assert!(p.is_dir(), "missing {}", p.display());
            // A drift fixture is a `before/` + `after/` pair: both or neither.
            assert_eq!(
                p.join("before").is_dir(),
                p.join("after").is_dir(),
                "{}: a drift fixture needs both before/ and after/",
                p.display()
            );
            if m.family == "abi" || m.id == "VER003" {
                assert!(
                    p.join("before").is_dir(),
                    "{}: a drift rule's fixture is a before/ + after/ pair",
                    p.display()
                );
            }
        }
        assert!(!m.example.is_empty(), "{} lists no example", m.id);
        for e in &m.example {
            assert!(
                root.join(&e.bad).is_dir() && root.join(&e.good).is_dir(),
                "{}: example paths exist",
                m.id
            );
        }
    }
}
