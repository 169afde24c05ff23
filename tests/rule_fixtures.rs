//! Every rule's `bad` fixture raises exactly its snapshot, every `good`
//! fixture raises nothing at all (every rule runs over every fixture).
//! A fixture holding `before/` and `after/` (drift rules) is checked as
//! `seam check after --baseline <snapshot of before>`.

mod common;

use std::fs;

#[test]
fn bad_fixtures_match_their_snapshots_and_good_ones_are_clean() {
    let dir = common::repo().join("fixtures/rules");
    let mut ids: Vec<String> = fs::read_dir(&dir)
        .expect("fixtures/rules exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    assert!(!ids.is_empty());
    let mut failures = Vec::new();
    for id in &ids {
        let (bad, json) = common::check_fixture(&dir.join(id).join("bad"));
        if bad.is_empty() {
            failures.push(format!("{id}/bad raises no finding"));
        }
        for f in &bad {
            if &f.rule != id {
                failures.push(format!(
                    "{id}/bad raises {} at {}: {}",
                    f.rule,
                    f.origin.display(),
                    f.message
                ));
            }
        }
        insta::with_settings!({ snapshot_path => "snapshots/rules", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("{id}_bad"), json);
        });
        let (good, _) = common::check_fixture(&dir.join(id).join("good"));
        for f in &good {
            failures.push(format!(
                "{id}/good raises {} at {}: {}",
                f.rule,
                f.origin.display(),
                f.message
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn output_is_identical_between_runs() {
    let root = common::repo().join("fixtures/rules/HTTP001/bad");
    let (_, a) = common::check(&root);
    let (_, b) = common::check(&root);
    assert_eq!(a, b);
}
