//! `package.json`, `tsconfig.json`, npm/pnpm/yarn lockfiles, `.env`,
//! `Cargo.toml`, `Cargo.lock`. The first byte picks the file.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use seam::model::FileKind;

const FILES: &[(&str, FileKind)] = &[
    ("web/package.json", FileKind::PackageJson),
    ("web/tsconfig.json", FileKind::TsConfig),
    ("web/package-lock.json", FileKind::NpmLock),
    ("web/pnpm-lock.yaml", FileKind::NpmLock),
    ("web/yarn.lock", FileKind::NpmLock),
    ("web/.env", FileKind::Env),
    ("lib/Cargo.toml", FileKind::CargoToml),
    ("Cargo.lock", FileKind::CargoLock),
];

fuzz_target!(init: common::init(), |data: &[u8]| {
    let Some((&first, text)) = data.split_first() else {
        return;
    };
    let (path, kind) = FILES[first as usize % FILES.len()];
    common::analyze(path, kind, text);
});
