//! `cargo metadata --no-deps --offline --locked` over the tree's Cargo
//! workspaces: package versions and dependency requirements with workspace
//! inheritance resolved the way cargo resolves it. Facts read by the `toml`
//! fallback (the frontend) stay where cargo is missing or fails.
//!
//! Cargo runs from a neutral working directory (the system temp dir), so
//! neither a `rust-toolchain.toml` nor a `.cargo/config.toml` of the scanned
//! tree is consulted (rustup and cargo look those up from the working
//! directory), and with `RUSTUP_AUTO_INSTALL=0` no toolchain is fetched.
//! `--no-deps` resolves nothing and runs no build script.

use std::collections::BTreeMap;
use std::path::Path;

use cargo_metadata::{DependencyKind, MetadataCommand};

use crate::model::{CargoManifest, CargoSource, FileFacts, Located, Manifest};

/// Runs cargo once per top-level manifest and updates the `Cargo.toml`
/// facts it covers. Returns how many manifests cargo read.
pub fn apply_metadata(root: &Path, files: &mut [FileFacts]) -> usize {
    let mut manifests: Vec<String> = files
        .iter()
        .filter(|f| matches!(f.manifest, Some(Manifest::Cargo(_))))
        .map(|f| f.path.clone())
        .collect();
    // Outer manifests first: a workspace root covers its members.
    manifests.sort_by_key(|m| (m.matches('/').count(), m.clone()));
    let mut updates: BTreeMap<String, cargo_metadata::Package> = BTreeMap::new();
    let mut covered: Vec<String> = Vec::new();
    for m in &manifests {
        if covered.contains(m) {
            continue;
        }
        let Ok(meta) = run(&root.join(m)) else {
            continue;
        };
        let Ok(root_abs) = root.canonicalize() else {
            continue;
        };
        for p in meta.packages {
            let Ok(rel) = p.manifest_path.as_std_path().strip_prefix(&root_abs) else {
                continue;
            };
            let rel = crate::walk::relative(rel, Path::new(""));
            covered.push(rel.clone());
            updates.insert(rel, p);
        }
        covered.push(m.clone());
    }
    let mut n = 0;
    for f in files.iter_mut() {
        let (Some(Manifest::Cargo(c)), Some(p)) = (&mut f.manifest, updates.get(&f.path)) else {
            continue;
        };
        merge(c, p, &f.path);
        n += 1;
    }
    n
}

fn run(manifest: &Path) -> Result<cargo_metadata::Metadata, cargo_metadata::Error> {
    MetadataCommand::new()
        .manifest_path(manifest)
        .current_dir(std::env::temp_dir())
        .no_deps()
        .other_options(vec!["--offline".to_string(), "--locked".to_string()])
        .env("RUSTUP_AUTO_INSTALL", "0")
        .env("CARGO_NET_OFFLINE", "true")
        .exec()
}

/// Cargo's view wins for versions and requirements; origins stay those of
/// the `toml` reading.
fn merge(c: &mut CargoManifest, p: &cargo_metadata::Package, path: &str) {
    c.name = Some(p.name.to_string());
    let version = p.version.to_string();
    c.version = Some(match c.version.take() {
        Some(l) => Located {
            value: version,
            ..l
        },
        None => Located {
            value: version,
            origin: crate::model::Origin::file(path),
        },
    });
    c.version_from_workspace = false;
    for d in &mut c.dependencies {
        let kind = match d.kind.as_str() {
            "dev-dependencies" => DependencyKind::Development,
            "build-dependencies" => DependencyKind::Build,
            _ => DependencyKind::Normal,
        };
        let found = p
            .dependencies
            .iter()
            .find(|m| m.kind == kind && m.rename.as_deref().unwrap_or(m.name.as_str()) == d.name);
        if let Some(m) = found {
            d.package = m.name.clone();
            d.req = Some(m.req.to_string());
            d.from_workspace = false;
        }
    }
    c.source = CargoSource::CargoMetadata;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FileKind;

    fn facts(root: &Path, files: &[(&str, &str)]) -> Vec<FileFacts> {
        files
            .iter()
            .map(|(p, text)| {
                let abs = root.join(p);
                std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
                std::fs::write(&abs, text).unwrap();
                crate::frontends::analyze(p, FileKind::CargoToml, text.as_bytes())
            })
            .collect()
    }

    fn cargo(f: &FileFacts) -> &CargoManifest {
        match &f.manifest {
            Some(Manifest::Cargo(c)) => c,
            _ => panic!("not a Cargo manifest"),
        }
    }

    #[test]
    fn metadata_resolves_workspace_inheritance_or_the_toml_reading_stays() {
        let have_cargo = std::process::Command::new("cargo")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        let t = tempfile::tempdir().unwrap();
        let mut files = facts(
            t.path(),
            &[
                ("Cargo.toml", "[workspace]\nmembers = [\"core\"]\nresolver = \"2\"\n[workspace.package]\nversion = \"0.3.1\"\n[workspace.dependencies]\nserde = \"1.0.190\"\n"),
                ("core/Cargo.toml", "[package]\nname = \"core\"\nversion.workspace = true\nedition = \"2021\"\n[dependencies]\nserde = { workspace = true }\n"),
            ],
        );
        std::fs::create_dir_all(t.path().join("core/src")).unwrap();
        std::fs::write(t.path().join("core/src/lib.rs"), "").unwrap();
        let n = apply_metadata(t.path(), &mut files);
        let core = cargo(&files[1]);
        if have_cargo {
            assert_eq!(n, 1, "cargo metadata read the member");
            assert_eq!(core.source, CargoSource::CargoMetadata);
            assert_eq!(core.version.as_ref().unwrap().value, "0.3.1");
            assert_eq!(core.dependencies[0].req.as_deref(), Some("^1.0.190"));
        }

        // A manifest cargo rejects keeps the toml reading.
        let t = tempfile::tempdir().unwrap();
        let mut files = facts(t.path(), &[("Cargo.toml", "[package]\nname = \"x\"\nversion = \"1.0.0\"\n[dependencies]\nserde = { workspace = true }\n")]);
        assert_eq!(apply_metadata(t.path(), &mut files), 0);
        let c = cargo(&files[0]);
        assert_eq!(
            (c.source, c.version.as_ref().unwrap().value.as_str()),
            (CargoSource::Toml, "1.0.0")
        );
    }
}
