//! Built binaries (goblin + seam's Go build-info, `-X` string and export
//! readers). A panic inside goblin is caught in production (`binary::read`);
//! under libFuzzer every panic aborts, so this finds those too.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use seam::model::FileKind;

fuzz_target!(init: common::init(), |data: &[u8]| {
    let facts = common::on_big_stack(|| seam::frontends::binary::analyze("bin/app", data));
    assert_eq!(facts.kind, FileKind::Binary);
    for p in &facts.problems {
        // `origin.start` is the file offset the problem is about, and may
        // be past the end (a header pointing outside the file): the
        // reports clamp it. The message must say something.
        assert!(!p.message.is_empty() && &*p.origin.path == "bin/app", "{p:?}");
    }
    if let Some(a) = &facts.artifact {
        // What `seam inspect` prints of it.
        let _ = serde_json::to_string(a).expect("artifact serializes");
    }
});
