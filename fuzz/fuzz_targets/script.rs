//! The TS/JS frontend (swc): calls, types, exports, dev-server proxies.
//! The first byte picks the file name (dialect, dev config).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use seam::model::FileKind;

const NAMES: &[&str] = &[
    "web/src/api.ts",
    "web/src/view.tsx",
    "web/src/api.js",
    "web/src/view.jsx",
    "web/vite.config.ts",
    "web/src/lib.mts",
];

fuzz_target!(init: common::init(), |data: &[u8]| {
    if let Some((path, text)) = common::pick(data, NAMES) {
        common::analyze(path, FileKind::Script, text);
    }
});
