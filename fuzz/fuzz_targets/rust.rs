//! The Rust frontend (syn): public API, `extern "C"`, `#[repr(C)]`.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use seam::model::FileKind;

fuzz_target!(init: common::init(), |data: &[u8]| {
    common::analyze("lib/src/lib.rs", FileKind::Rust, data);
});
