//! The exported surface of a tree: what its consumers can depend on (Go
//! API, C exports and layouts, Rust public API, Vue component APIs, TS
//! exports, endpoints and their wire fields) and the versions that promise
//! compatibility. The JSON form of [`Contract`] is the snapshot / baseline.
//!
//! Snapshot rules (API-Extractor style): sorted, byte-stable, no byte
//! offsets, no line numbers, no absolute paths, no timestamps. An item
//! names the file it is declared in (`path`); its line is kept in memory
//! only (for findings about the current tree or a `--baseline-rev`), never
//! written, and drift rules never read it: items are matched by
//! `(lang, unit, kind, name)`.

use serde::{Deserialize, Serialize};

use super::Origin;

/// Version of the snapshot format written by `seam snapshot`.
pub const CONTRACT_SCHEMA_VERSION: u32 = 2;

/// The stack an item belongs to, and so the rule that compares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ApiLang {
    /// Exported Go API of an importable package (ABI001).
    Go,
    /// A C symbol: cgo `//export`, Rust `#[no_mangle] extern "C"` (ABI002).
    CExport,
    /// A struct whose memory layout crosses a C boundary (ABI003).
    CLayout,
    /// A Vue component's props, emits, models, exposed members (ABI004).
    Vue,
    /// A JSON field of a served request or response (ABI005).
    Wire,
    /// A served route and method (ABI006), with its content types (ABI005).
    Http,
    /// An export of a package's TS/JS entry point (ABI007).
    Ts,
    /// Rust public API reachable from a crate root (ABI008).
    Rust,
}

/// What an item is. One list for every stack, so the snapshot reads the same
/// everywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ApiKind {
    Func,
    Method,
    Type,
    Field,
    Const,
    Var,
    Static,
    /// A method of a Go interface or a Rust trait.
    InterfaceMethod,
    /// A type embedded in a Go interface.
    Embed,
    Struct,
    Enum,
    Variant,
    Trait,
    TypeAlias,
    Module,
    Macro,
    /// A trait implemented for a type (`impl Clone for T`, derives).
    Impl,
    /// A re-export of an item of another crate.
    Reexport,
    Class,
    Interface,
    /// A member of a TS class or interface.
    Member,
    Prop,
    Emit,
    Model,
    Expose,
    Endpoint,
    RequestField,
    ResponseField,
}

/// One item of the surface.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiItem {
    pub lang: ApiLang,
    /// The versioned unit (Go module, crate, npm package) the item belongs
    /// to: [`Unit::id`], e.g. `go:backend`.
    pub unit: String,
    pub kind: ApiKind,
    /// Qualified name, relative to the unit (`catalog.Product.Name`,
    /// `pricing::Price::new`, `src/components/Card.vue#title`).
    pub name: String,
    /// Normalized signature or type (`func(string, int) (*T, error)`).
    pub sig: String,
    /// A value that is part of the contract: a constant's value, an enum
    /// discriminant, a prop's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Facts that change compatibility: `ptr-receiver`, `sealed`,
    /// `required`, `non-exhaustive`, `repr-c`, ... sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    /// The file the item is declared in, relative to the root.
    pub path: String,
    /// Where exactly, when known: kept in per-file facts (the cache), left
    /// out of snapshots ([`Contract::snapshot_json`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

impl ApiItem {
    pub fn new(
        lang: ApiLang,
        kind: ApiKind,
        name: impl Into<String>,
        sig: impl Into<String>,
    ) -> Self {
        ApiItem {
            lang,
            unit: String::new(),
            kind,
            name: name.into(),
            sig: sig.into(),
            value: None,
            flags: Vec::new(),
            path: String::new(),
            origin: None,
        }
    }

    pub fn at(mut self, origin: &Origin) -> Self {
        self.path = origin.path.to_string();
        self.origin = Some(origin.clone());
        self
    }

    pub fn flag(mut self, flag: &str) -> Self {
        self.flags.push(flag.to_string());
        self
    }

    pub fn has(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }

    /// The identity drift rules match on (never a line).
    pub fn key(&self) -> (ApiLang, &str, ApiKind, &str) {
        (self.lang, &self.unit, self.kind, &self.name)
    }

    /// Where the item is: its exact origin, or its file.
    pub fn origin(&self) -> Origin {
        self.origin
            .clone()
            .unwrap_or_else(|| Origin::file(&self.path))
    }
}

/// What kind of package a unit is, and so how its version is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitKind {
    GoModule,
    Crate,
    Npm,
}

/// A versioned unit: the thing a version number promises compatibility for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub kind: UnitKind,
    /// Directory relative to the root (`""` for the root).
    pub dir: String,
    /// Go module path, crate name or npm package name.
    pub name: String,
    /// The declared version (`Cargo.toml`, `package.json`, a configured
    /// version file); a Go module's major version is in its path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The file that declares the version (or the module path).
    pub version_path: String,
    /// Not published (`"private": true`, `publish = false`): no consumer
    /// outside the tree, so no version promise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    /// Where the version is declared (left out of snapshots).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_origin: Option<Origin>,
}

impl Unit {
    /// `go:backend`, `crate:pricing`, `npm:web` (`.` for the root): what
    /// items name as their unit.
    pub fn id(&self) -> String {
        unit_id(self.kind, &self.dir)
    }
}

/// The id of the unit of `kind` in `dir`.
pub fn unit_id(kind: UnitKind, dir: &str) -> String {
    let k = match kind {
        UnitKind::GoModule => "go",
        UnitKind::Crate => "crate",
        UnitKind::Npm => "npm",
    };
    let d = if dir.is_empty() { "." } else { dir };
    format!("{k}:{d}")
}

/// The exported surface of a tree: the snapshot / baseline format.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub schema_version: u32,
    pub units: Vec<Unit>,
    pub items: Vec<ApiItem>,
}

impl Contract {
    /// Sorts and removes duplicate keys, so the JSON form is byte-stable.
    pub fn normalize(&mut self) {
        self.schema_version = CONTRACT_SCHEMA_VERSION;
        for i in &mut self.items {
            i.flags.sort();
            i.flags.dedup();
        }
        self.items.sort_by(|a, b| {
            a.key()
                .cmp(&b.key())
                .then_with(|| a.path.cmp(&b.path))
                .then_with(|| a.sig.cmp(&b.sig))
        });
        self.items.dedup_by(|a, b| a.key() == b.key());
        self.units
            .sort_by(|a, b| a.dir.cmp(&b.dir).then(a.kind.cmp(&b.kind)));
        self.units
            .dedup_by(|a, b| a.dir == b.dir && a.kind == b.kind);
    }

    /// The unit of an item (`ApiItem::unit` is a [`Unit::id`]).
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id() == id)
    }

    /// The snapshot: pretty JSON without lines or byte offsets, ending in
    /// a newline.
    pub fn snapshot_json(&self) -> String {
        let mut c = self.clone();
        c.normalize();
        for i in &mut c.items {
            i.origin = None;
        }
        for u in &mut c.units {
            u.version_origin = None;
        }
        let mut out = serde_json::to_string_pretty(&c).unwrap_or_default();
        out.push('\n');
        out
    }

    /// Reads a snapshot written by `seam snapshot`.
    pub fn from_json(text: &str) -> Result<Contract, String> {
        #[derive(Deserialize)]
        struct Version {
            schema_version: Option<u32>,
        }
        let v: Version =
            serde_json::from_str(text).map_err(|e| format!("not a seam snapshot: {e}"))?;
        match v.schema_version {
            Some(CONTRACT_SCHEMA_VERSION) => {}
            Some(n) => {
                return Err(format!(
                    "snapshot schema_version {n} is not supported (this seam reads {CONTRACT_SCHEMA_VERSION}); regenerate it with `seam snapshot`"
                ))
            }
            None => return Err("not a seam snapshot: no schema_version".into()),
        }
        let mut c: Contract =
            serde_json::from_str(text).map_err(|e| format!("not a seam snapshot: {e}"))?;
        c.normalize();
        Ok(c)
    }
}

/// What one file contributes to the surface, before link qualifies names
/// and assigns units.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FileSurface {
    /// Items named relative to their package (Go: `Product.Name`), or
    /// final (C exports by symbol name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ApiItem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust: Option<super::RustFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vue: Option<super::VueComponent>,
    /// Declarations of a TS/JS module (exported or not), for entry points
    /// and for imported prop types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ts: Vec<super::TsDecl>,
}

impl FileSurface {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.rust.is_none() && self.vue.is_none() && self.ts.is_empty()
    }
}

/// The part of a file's surface that only drift and snapshots read: Go
/// and C items, a Vue component's contract, TS declarations. (The Rust
/// part stays with the file: linking reads it for serde types and axum.)
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApiSurface {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ApiItem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vue: Option<super::VueComponent>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ts: Vec<super::TsDecl>,
}

impl super::FileFacts {
    /// Moves the drift-only part of the surface out of the facts.
    pub fn take_api_surface(&mut self) -> ApiSurface {
        let Some(s) = &mut self.surface else {
            return ApiSurface::default();
        };
        let api = ApiSurface {
            items: std::mem::take(&mut s.items),
            vue: s.vue.take(),
            ts: std::mem::take(&mut s.ts),
        };
        if s.is_empty() {
            self.surface = None;
        }
        api
    }

    /// Puts back what [`Self::take_api_surface`] took.
    pub fn restore_api_surface(&mut self, api: ApiSurface) {
        if api.items.is_empty() && api.vue.is_none() && api.ts.is_empty() {
            return;
        }
        let s = self.surface.get_or_insert_with(FileSurface::default);
        s.items = api.items;
        s.vue = api.vue;
        s.ts = api.ts;
    }
}
