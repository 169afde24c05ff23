//! The `go.mod` parser.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use seam::model::FileKind;

fuzz_target!(init: common::init(), |data: &[u8]| {
    common::analyze("server/go.mod", FileKind::GoMod, data);
});
