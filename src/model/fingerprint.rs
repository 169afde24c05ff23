//! Version fingerprints of a tree besides `go.mod` and `package.json`:
//! lockfiles (which version each dependency resolved to), Cargo manifests,
//! and the checked-out git revision.

use serde::{Deserialize, Serialize};

use super::{Located, Origin};

/// Which lockfile format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LockfileKind {
    /// `package-lock.json` / `npm-shrinkwrap.json` (v1, v2, v3).
    Npm,
    /// `pnpm-lock.yaml` (v5 to v9).
    Pnpm,
    /// `yarn.lock`, classic (v1) or berry (YAML).
    Yarn,
    /// `Cargo.lock`.
    Cargo,
}

impl LockfileKind {
    /// The package ecosystem it locks.
    pub fn is_npm(self) -> bool {
        !matches!(self, LockfileKind::Cargo)
    }
}

/// A lockfile: the versions its dependencies resolved to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lockfile {
    pub kind: LockfileKind,
    pub packages: Vec<LockedPackage>,
}

/// One resolved package.
///
/// How a manifest's dependency finds its entry depends on the format:
/// `package-lock.json` and `pnpm-lock.yaml` say which directory's
/// dependency an entry is (`dir`), `yarn.lock` which ranges it satisfies
/// (`ranges`), `Cargo.lock` only names and versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedPackage {
    pub name: String,
    /// The exact version (`3.4.21`), without pnpm's peer suffix.
    pub version: String,
    /// Relative to the lockfile's directory, `/`-separated, `""` for it:
    /// the directory whose `node_modules` holds the package (npm) or the
    /// workspace importer that depends on it (pnpm).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub dir: Option<String>,
    /// Yarn: the ranges the entry resolves (`^3.3.0`, `npm:^3.3.0`).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub ranges: Vec<String>,
    pub origin: Origin,
}

/// `Cargo.toml`, as `cargo metadata` or the `toml` fallback read it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CargoManifest {
    /// `[package] name` (`None` for a virtual workspace manifest).
    pub name: Option<String>,
    /// `[package] version`; with `version.workspace = true`, the
    /// workspace's version once resolved.
    pub version: Option<Located>,
    /// `version.workspace = true` and not resolved yet.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub version_from_workspace: bool,
    pub dependencies: Vec<CargoDependency>,
    /// `[workspace]`, when this manifest is a workspace root.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub workspace: Option<CargoWorkspace>,
    /// Who read it: `cargo metadata` or the `toml` fallback.
    pub source: CargoSource,
    /// `publish = false` (or an empty registry list): never published.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub no_publish: bool,
    /// `[lib] path`, when not `src/lib.rs`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub lib_path: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CargoSource {
    #[default]
    Toml,
    CargoMetadata,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CargoWorkspace {
    pub members: Vec<String>,
    /// `[workspace.package] version`.
    pub version: Option<Located>,
    /// `[workspace.dependencies]`.
    pub dependencies: Vec<CargoDependency>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CargoDependency {
    /// The key in the manifest (the name the code uses).
    pub name: String,
    /// The crate's real name (`package = "..."`), else `name`.
    pub package: String,
    /// The version requirement; `None` for path/git dependencies without one.
    pub req: Option<String>,
    /// `dependencies`, `dev-dependencies` or `build-dependencies`
    /// (target-specific tables included).
    pub kind: String,
    /// `dep.workspace = true` (the requirement is the workspace's).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub from_workspace: bool,
    pub origin: Origin,
}

/// The revision checked out in the tree, read from `.git` without git.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GitHead {
    /// Full hex object name.
    pub revision: String,
    /// `refs/heads/main`, or `None` for a detached HEAD.
    pub reference: Option<String>,
    /// The file the revision was read from, for messages (`.git/HEAD`,
    /// `.git/refs/heads/main`, `.git/packed-refs`), relative to the root;
    /// `None` when the git directory lies above the scanned root.
    pub source: Option<String>,
}
