//! Facts one Rust file states about its public items, before modules are
//! joined into crates (`link` resolves `mod x;` and reachability).

use serde::{Deserialize, Serialize};

use super::{ApiItem, Origin};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RustFile {
    /// Module declarations, inline (`mod a { .. }`) and out of line (`mod a;`).
    pub mods: Vec<RustMod>,
    /// Public items (`pub`, not `pub(crate)`, not `#[doc(hidden)]`), with
    /// their members, and C-facing items whatever their visibility.
    pub items: Vec<RustItem>,
    /// `pub use` declarations.
    pub uses: Vec<RustUse>,
    /// Types, functions, routers and imports for the HTTP contract.
    #[serde(default, skip_serializing_if = "super::RustCode::is_empty")]
    pub code: super::RustCode,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RustMod {
    /// Inline module path the declaration sits in.
    pub within: Vec<String>,
    pub name: String,
    pub public: bool,
    /// `mod a;`: the module's items are in another file.
    pub out_of_line: bool,
    /// `#[path = "..."]`.
    pub path_attr: Option<String>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RustItem {
    /// Inline module path the item sits in.
    pub within: Vec<String>,
    /// For members (fields, variants, methods, impls): the type or trait
    /// they belong to, by name; link finds it.
    pub owner: Option<String>,
    /// Name relative to its module (`Price`, `Price::new`, `Price.amount`).
    pub item: ApiItem,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RustUse {
    pub within: Vec<String>,
    /// Path segments as written; the last is `*` for a glob.
    pub path: Vec<String>,
    /// The name it is exported under (`as` rename, else the last segment).
    pub name: String,
    pub origin: Origin,
}
