//! The Vue frontend: SFC blocks, script extraction, component API.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use seam::model::FileKind;

fuzz_target!(init: common::init(), |data: &[u8]| {
    common::analyze("web/src/Comp.vue", FileKind::Vue, data);
});
