//! What one Rust file says about the HTTP contract: type definitions with
//! their serde attributes, functions with their signatures, the axum
//! routers they build, and every `use`. Names are as written; `link`
//! resolves them across the crate's modules.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Origin, RustUse};

/// The wire facts of one file ([`super::RustFile::code`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RustCode {
    pub types: Vec<RustTypeDef>,
    pub fns: Vec<RustFn>,
    /// Every `use` that is not `pub` (the `pub` ones are in
    /// [`super::RustFile::uses`]).
    pub imports: Vec<RustUse>,
    /// Hand-written `impl Serialize` / `impl Deserialize` blocks.
    pub serde_impls: Vec<RustSerdeImpl>,
}

impl RustCode {
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
            && self.fns.is_empty()
            && self.imports.is_empty()
            && self.serde_impls.is_empty()
    }
}

/// A Rust type as written (paths unresolved, lifetimes dropped).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RustType {
    /// `Vec<T>`, `crate::dto::User`, `T`: the segments (`""` first for a
    /// leading `::`) and the generic type arguments of the last one.
    Path {
        path: Vec<String>,
        args: Vec<RustType>,
    },
    /// `&T`, `&mut T`.
    Ref { elem: Box<RustType> },
    /// `[T]` and `[T; N]`.
    Slice { elem: Box<RustType> },
    /// `(A, B)`; `()` is the empty tuple.
    Tuple { elems: Vec<RustType> },
    /// `impl Trait`.
    Impl { text: String },
    /// What seam does not model: `dyn Trait`, fn pointers, raw pointers,
    /// qualified paths, macros.
    Other { text: String },
}

impl RustType {
    /// A path type's last segment (`Json` for `axum::Json<T>`).
    pub fn last(&self) -> Option<&str> {
        match self {
            RustType::Path { path, .. } => path.last().map(String::as_str),
            _ => None,
        }
    }

    pub fn args(&self) -> &[RustType] {
        match self {
            RustType::Path { args, .. } => args,
            _ => &[],
        }
    }
}

impl fmt::Display for RustType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |v: &[RustType]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        match self {
            RustType::Path { path, args } => {
                f.write_str(&path.join("::"))?;
                if !args.is_empty() {
                    write!(f, "<{}>", list(args).join(", "))?;
                }
                Ok(())
            }
            RustType::Ref { elem } => write!(f, "&{elem}"),
            RustType::Slice { elem } => write!(f, "[{elem}]"),
            RustType::Tuple { elems } => write!(f, "({})", list(elems).join(", ")),
            RustType::Impl { text } | RustType::Other { text } => f.write_str(text),
        }
    }
}

/// A name that may differ by direction (`rename(serialize = "a",
/// deserialize = "b")`): `ser` for what the server writes, `de` for what
/// it reads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SerdeName {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ser: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub de: Option<String>,
}

impl SerdeName {
    pub fn is_empty(&self) -> bool {
        self.ser.is_none() && self.de.is_none()
    }
}

/// `#[serde(...)]` on a struct or an enum.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SerdeContainer {
    pub rename: SerdeName,
    /// The case rule for fields (structs) or variants (enums), as written
    /// (`camelCase`).
    pub rename_all: SerdeName,
    /// Enums: the case rule for the fields of every struct variant.
    pub rename_all_fields: SerdeName,
    /// `tag = "type"`: internally tagged (adjacently with `content`).
    pub tag: Option<String>,
    pub content: Option<String>,
    pub untagged: bool,
    pub transparent: bool,
    /// `default`: a missing field takes the container's default.
    pub default: bool,
    pub deny_unknown_fields: bool,
    /// `into = "T"`: serialized as `T`.
    pub into: Option<RustType>,
    /// `from = "T"` / `try_from = "T"`: deserialized from `T`.
    pub from: Option<RustType>,
    /// An attribute seam does not model (`remote`, an unknown rule):
    /// the shape is unknown.
    pub unknown: bool,
}

/// `#[serde(...)]` on a field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SerdeField {
    pub rename: SerdeName,
    /// `alias = "x"`: more names accepted when deserializing.
    pub aliases: Vec<String>,
    pub skip_ser: bool,
    pub skip_de: bool,
    /// `skip_serializing_if = "path"`: left out when the predicate holds.
    pub skip_serializing_if: Option<String>,
    /// `default` / `default = "path"`: may be missing when deserializing.
    pub default: bool,
    pub flatten: bool,
    /// `with`, `serialize_with`, `serde_as`, ...: written by custom code.
    pub custom_ser: bool,
    /// `with`, `deserialize_with`, `serde_as`, ...: read by custom code.
    pub custom_de: bool,
}

/// A field of a struct or of an enum variant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RustField {
    /// The name (raw identifiers unescaped); `None` in a tuple struct.
    pub name: Option<String>,
    pub ty: RustType,
    pub serde: SerdeField,
    pub origin: Origin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RustShape {
    /// `struct S;`, `Variant`.
    Unit,
    /// `struct S(A, B);`, `Variant(A)`.
    Tuple,
    /// `struct S { a: A }`, `Variant { a: A }`.
    Named,
}

/// `#[serde(...)]` on an enum variant.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SerdeVariant {
    pub rename: SerdeName,
    pub aliases: Vec<String>,
    /// The case rule for the fields of a struct variant.
    pub rename_all: SerdeName,
    pub skip_ser: bool,
    pub skip_de: bool,
    /// `#[serde(other)]`: any unknown tag.
    pub other: bool,
    /// `#[serde(untagged)]` on a variant (serde 1.0.181+).
    pub untagged: bool,
    pub custom_ser: bool,
    pub custom_de: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RustVariant {
    pub name: String,
    pub shape: RustShape,
    pub fields: Vec<RustField>,
    pub serde: SerdeVariant,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RustTypeBody {
    Struct {
        shape: RustShape,
        fields: Vec<RustField>,
    },
    Enum {
        variants: Vec<RustVariant>,
    },
    /// `type A = B;`
    Alias {
        ty: RustType,
    },
}

/// How a type gets its serde implementation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SerdeImpl {
    /// Not derived here (it may be implemented by hand elsewhere:
    /// [`RustSerdeImpl`]).
    #[default]
    None,
    Derive,
}

/// A struct, enum or type alias of the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RustTypeDef {
    /// Inline module path the item sits in.
    pub within: Vec<String>,
    pub name: String,
    /// Type parameters, in order (lifetimes and consts left out).
    pub params: Vec<String>,
    pub body: RustTypeBody,
    pub serde: SerdeContainer,
    pub serialize: SerdeImpl,
    pub deserialize: SerdeImpl,
    pub origin: Origin,
}

/// `impl Serialize for T` (or `Deserialize`) written by hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RustSerdeImpl {
    pub within: Vec<String>,
    pub self_ty: RustType,
    /// `Serialize` or `Deserialize`.
    pub serialize: bool,
}

/// A function or method of the file, with its signature and the routers
/// its body builds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RustFn {
    pub within: Vec<String>,
    /// The type of the `impl` block a method sits in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    pub name: String,
    pub is_async: bool,
    /// Parameter types, the receiver left out.
    pub params: Vec<RustTyped>,
    /// The return type (`None`: `()`).
    pub ret: Option<RustTyped>,
    /// Routers built here and served, not returned (`axum::serve(l, app)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routers: Vec<RustRouter>,
    /// The router the function returns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returns_router: Option<RustRouter>,
    pub origin: Origin,
}

/// A type written in a signature, and where.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RustTyped {
    pub ty: RustType,
    pub origin: Origin,
}

/// An axum `Router` value: what was added to it, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RustRouter {
    pub ops: Vec<RustRouteOp>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum RustRouteOp {
    /// `.route("/users/:id", get(show).put(update))`; `path` is `None`
    /// when it is not a literal.
    Route {
        path: Option<String>,
        handlers: Vec<RustMethodHandler>,
        origin: Origin,
    },
    /// `.route_service(path, svc)` (`subtree`: `.nest_service`).
    Service {
        path: Option<String>,
        subtree: bool,
        text: String,
        origin: Origin,
    },
    /// `.nest("/api", sub)`.
    Nest {
        prefix: Option<String>,
        router: RustRouter,
        origin: Origin,
    },
    /// `.merge(other)`.
    Merge { router: RustRouter },
    /// The router another function returns (`api::routes()`), by path.
    Call { callee: Vec<String>, origin: Origin },
}

/// One method of a method router (`get(show)`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RustMethodHandler {
    /// `GET`, `POST`, ... or `ANY`.
    pub method: String,
    /// The handler function's path (`handlers::users::show`), when it is
    /// one (not a closure or a service).
    pub path: Option<Vec<String>>,
    /// The handler as written.
    pub text: String,
    pub origin: Origin,
}

/// Where the names of a Rust type resolve: a module of a crate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RustScope {
    /// The crate's root file (`api/src/main.rs`).
    pub krate: String,
    /// The module path inside the crate (`["handlers", "users"]`).
    pub module: Vec<String>,
}
