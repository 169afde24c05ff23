//! Manifests and configuration files the analysis needs: `go.mod`,
//! `package.json`, `.env` files, `tsconfig.json` paths.

use serde::{Deserialize, Serialize};

use super::{GoDirective, Origin};

/// Adjacently tagged: `Lockfile` has a `kind` field of its own, which an
/// internal `kind` tag would duplicate (and the JSON would not read back).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "kebab-case")]
pub enum Manifest {
    GoMod(GoMod),
    PackageJson(PackageJson),
    Env(EnvFile),
    TsConfig(TsConfig),
    Lockfile(super::Lockfile),
    Cargo(super::CargoManifest),
}

/// A value with the place it is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located {
    pub value: String,
    pub origin: Origin,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GoMod {
    pub module: Option<Located>,
    /// The `go` directive (`1.22`, `1.22.0`).
    pub go: Option<Located>,
    /// The `toolchain` directive (`go1.23.1`).
    pub toolchain: Option<Located>,
    pub godebug: Vec<GoDirective>,
    pub require: Vec<GoRequire>,
    pub replace: Vec<GoReplace>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoRequire {
    pub path: String,
    pub version: String,
    pub indirect: bool,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoReplace {
    pub old: String,
    pub old_version: Option<String>,
    pub new: String,
    pub new_version: Option<String>,
    pub origin: Origin,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PackageJson {
    pub name: Option<String>,
    pub version: Option<Located>,
    /// dependencies, devDependencies and peerDependencies, name → range.
    pub dependencies: Vec<(String, Located)>,
    /// `"private": true`: never published.
    #[serde(default)]
    pub private: bool,
    /// Entry points: every path in `exports`, `main`, `module`, `types`,
    /// `typings`, as written (`./dist/index.js`).
    #[serde(default)]
    pub entries: Vec<String>,
}

/// `KEY=VALUE` lines of a `.env` file (Vite's `import.meta.env`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EnvFile {
    /// The mode a `.env.<mode>` file applies to (`None` for `.env`).
    pub mode: Option<String>,
    pub vars: Vec<(String, String)>,
}

/// `compilerOptions.baseUrl` and `paths` of a tsconfig / jsconfig.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TsConfig {
    pub base_url: Option<String>,
    /// Pattern (`@/*`) → targets (`src/*`), relative to the config's directory.
    pub paths: Vec<(String, Vec<String>)>,
}
