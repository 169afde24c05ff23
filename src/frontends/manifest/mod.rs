//! Manifests and configuration files: `go.mod`, `package.json`, `.env`,
//! `tsconfig.json`.

mod cargo;
mod env;
mod gomod;
mod json;
mod lockfiles;
mod yaml;
mod yarn_v1;

use crate::model::{FileFacts, FileKind, Manifest};

pub use gomod::parse as parse_go_mod;

pub fn analyze(path: &str, kind: FileKind, bytes: &[u8]) -> FileFacts {
    let text = match super::utf8(path, kind, bytes) {
        Ok(t) => t,
        Err(facts) => return *facts,
    };
    let mut facts = FileFacts::new(path, kind);
    let manifest = match kind {
        FileKind::GoMod => Manifest::GoMod(gomod::parse(
            path,
            text,
            &mut facts.problems,
            &mut facts.suppressions,
        )),
        FileKind::PackageJson => {
            Manifest::PackageJson(json::package_json(path, text, &mut facts.problems))
        }
        FileKind::TsConfig => Manifest::TsConfig(json::tsconfig(path, text, &mut facts.problems)),
        FileKind::Env => Manifest::Env(env::parse(path, text)),
        FileKind::NpmLock => Manifest::Lockfile(lockfiles::parse(path, text, &mut facts.problems)),
        FileKind::CargoToml => Manifest::Cargo(cargo::manifest(path, text, &mut facts.problems)),
        FileKind::CargoLock => Manifest::Lockfile(cargo::lock(path, text, &mut facts.problems)),
        _ => return facts,
    };
    facts.manifest = Some(manifest);
    facts
}
