//! The Go frontend (tree-sitter-go): routes, handlers, types, surface.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use seam::model::FileKind;

const NAMES: &[&str] = &["server/main.go", "server/main_test.go"];

fuzz_target!(init: common::init(), |data: &[u8]| {
    if let Some((path, text)) = common::pick(data, NAMES) {
        common::analyze(path, FileKind::Go, text);
    }
});
