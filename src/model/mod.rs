//! The model: facts about a tree, with no knowledge of any parser.

mod artifact;
mod compact;
mod component;
mod cors;
mod feature;
mod fingerprint;
mod go;
mod goversion;
mod headers;
mod http;
mod http2;
mod manifest;
mod origin;
mod rust;
mod rust_code;
mod script;
mod surface;
mod wire;

pub use artifact::*;
pub use component::*;
pub use cors::*;
pub use feature::*;
pub use fingerprint::*;
pub use go::*;
pub use goversion::{GoRelease, GoVersion};
pub use headers::*;
pub use http::*;
pub use http2::*;
pub use manifest::*;
pub use origin::{with_shared_path, Origin};
pub use rust::*;
pub use rust_code::*;
pub use script::*;
pub use surface::*;
pub use wire::*;

use serde::{Deserialize, Serialize};

/// Version of the snapshot (contract JSON) format.
pub const SCHEMA_VERSION: u32 = 1;

/// What a file is, decided from its name (and magic bytes for binaries).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    Go,
    Script,
    Vue,
    GoMod,
    PackageJson,
    Env,
    TsConfig,
    Binary,
    /// `package-lock.json`, `npm-shrinkwrap.json`, `pnpm-lock.yaml`, `yarn.lock`.
    NpmLock,
    CargoToml,
    CargoLock,
    Rust,
}

/// A file seam could not read as its kind (SEAM001).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub message: String,
    pub origin: Origin,
}

/// `seam-ignore RULE[, RULE]: reason` in a comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    pub rules: Vec<String>,
    pub reason: Option<String>,
    pub origin: Origin,
}

/// Everything one frontend learned from one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileFacts {
    pub path: String,
    pub kind: FileKind,
    pub problems: Vec<Problem>,
    pub suppressions: Vec<Suppression>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub go: Option<GoFile>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub script: Option<ScriptModule>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub manifest: Option<Manifest>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub artifact: Option<Artifact>,
    /// What the file adds to the exported surface (drift rules).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub surface: Option<FileSurface>,
}

impl FileFacts {
    pub fn new(path: &str, kind: FileKind) -> Self {
        FileFacts {
            path: path.to_string(),
            kind,
            problems: Vec::new(),
            suppressions: Vec::new(),
            go: None,
            script: None,
            manifest: None,
            artifact: None,
            surface: None,
        }
    }
}
