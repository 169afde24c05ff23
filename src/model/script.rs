//! Facts one TS/JS module (or the script of a Vue SFC) states, before
//! imports are followed. `link::ts_calls` resolves them across modules.

use serde::{Deserialize, Serialize};

use super::Origin;

/// Methods of axios and axios instances that send a request.
pub const AXIOS_VERBS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "request",
];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScriptModule {
    pub imports: Vec<TsImport>,
    pub exports: Vec<TsExport>,
    /// Module-level names whose values matter to HTTP: strings, clients,
    /// wrappers, objects of those.
    pub bindings: Vec<TsBinding>,
    /// Calls that may send an HTTP request.
    pub calls: Vec<TsCall>,
    /// Request interceptors that add headers to a client.
    pub interceptors: Vec<Interceptor>,
    /// Headers set on a client's defaults (`client.defaults.headers.common['X'] = v`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header_defaults: Vec<HeaderDefaults>,
    /// `server.proxy` of a Vite config, `devServer.proxy` of a Vue CLI config.
    pub dev_proxy: Vec<DevProxy>,
    /// Module-level interfaces and type aliases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<crate::model::TsTypeDecl>,
    /// Framework features that need a minimum version (`defineModel`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<super::FeatureUse>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TsImport {
    pub local: String,
    pub source: String,
    pub imported: Imported,
    /// `import type { X }`: a type, never a value.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub type_only: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "kebab-case")]
pub enum Imported {
    Default,
    Named(String),
    Namespace,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TsExport {
    /// Exported name; `default` for the default export.
    pub name: String,
    pub target: ExportTarget,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ExportTarget {
    /// A module-level binding of this module.
    Local { name: String },
    /// `export { name as x } from 'source'`.
    Reexport { source: String, name: String },
    /// `export * from 'source'` (exported name `*`).
    All { source: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TsBinding {
    pub name: String,
    pub value: Value,
    pub origin: Origin,
}

/// A part of a URL as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum UrlPart {
    Lit(String),
    /// An interpolated value (`${id}`, `+ id`): a path parameter; the text
    /// is the expression as written.
    Dynamic(String),
    /// A module-level or imported binding: `API_BASE`, `urls.users`.
    Ref {
        name: String,
        path: Vec<String>,
    },
    /// `import.meta.env.X` / `process.env.X`.
    Env(String),
    /// A parameter of the enclosing wrapper function (`path`: property path).
    Param {
        index: u32,
        path: Vec<String>,
    },
}

/// The value of an expression, as much as HTTP analysis needs of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "of", rename_all = "kebab-case")]
pub enum Value {
    /// A string: literal, template, concatenation, constant reference.
    Str {
        parts: Vec<UrlPart>,
    },
    /// An object literal (spreads kept apart).
    Object {
        props: Vec<Prop>,
        spreads: Vec<Value>,
    },
    /// A parameter of the enclosing wrapper function, possibly a property of it.
    Param {
        index: u32,
        path: Vec<String>,
    },
    /// A binding (local to the module or imported) not known to be a string.
    Ref {
        name: String,
        path: Vec<String>,
    },
    /// `new Ctor(...)`: `FormData`, `URLSearchParams`, `Blob`, `Headers`, ...
    New {
        ctor: String,
        args: Vec<Value>,
    },
    /// A call whose value matters by name: `JSON.stringify`, `qs.stringify`.
    CallOf {
        callee: String,
    },
    /// `axios.create({...})` or a client defined from another one.
    Client(Box<ClientDef>),
    /// A function that forwards its parameters to an HTTP call.
    Wrapper(Box<WrapperDef>),
    /// A class whose instances may wrap a client (`this.service.get(url)`).
    Class(Box<ClassDef>),
    /// An identifier with a TS type annotation or a literal of known kind.
    Typed {
        ty: crate::model::TsType,
    },
    Number,
    Bool,
    Array,
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prop {
    pub key: String,
    pub value: Value,
    pub origin: Origin,
}

/// `axios.create(config)`, or `instance.create(config)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientDef {
    /// The client this one is created from (`axios` for `axios.create`).
    pub from: Callee,
    pub config: Value,
    pub origin: Origin,
}

/// A class: what its constructor stores in `this`, and its methods.
/// Constructor parameters appear as `Param` values in `fields`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassDef {
    pub fields: Vec<Prop>,
    pub methods: Vec<Prop>,
}

/// A function that forwards its parameters to another call: the call is a
/// template whose arguments may refer to the wrapper's parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WrapperDef {
    pub params: Vec<String>,
    /// The wrapper's own type parameters (`get<T>(url)` → `T`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub type_params: Vec<String>,
    /// Its declared result (`Promise<ResultData<T>>` → `ResultData<T>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returns: Option<crate::model::TsType>,
    pub call: TsCall,
}

/// What is called.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "of", rename_all = "kebab-case")]
pub enum Callee {
    /// The global `fetch` (also `window.fetch`, `globalThis.fetch`).
    Fetch,
    /// The default export of the `axios` package, under whatever name.
    Axios { member: Option<String> },
    /// A binding of this module or an imported one, optionally a member of it:
    /// `http.get` is `{ name: "http", path: ["get"] }`.
    Ref { name: String, path: Vec<String> },
    /// A parameter of the enclosing wrapper function (`this.instance` too).
    Param { index: u32, path: Vec<String> },
}

/// A call that may send an HTTP request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TsCall {
    pub callee: Callee,
    pub args: Vec<Value>,
    /// Generic type arguments as written (`http.get<User[]>` → `User[]`).
    pub type_args: Vec<crate::model::TsType>,
    /// The declared result of the function that returns this call's
    /// response (`(): Promise<User> => http.get(...)` → `User`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_return: Option<crate::model::TsType>,
    /// How the response is consumed, when the frontend can see it.
    pub response: Vec<ResponseUse>,
    pub origin: Origin,
}

/// How client code reads a response.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResponseUse {
    Json,
    Text,
    Blob,
    ArrayBuffer,
    FormData,
    /// axios: `response.data` is used.
    Data,
}

impl ResponseUse {
    /// From a method or property name used on a response.
    pub fn of_member(name: &str) -> Option<ResponseUse> {
        Some(match name {
            "json" => ResponseUse::Json,
            "text" => ResponseUse::Text,
            "blob" => ResponseUse::Blob,
            "arrayBuffer" => ResponseUse::ArrayBuffer,
            "formData" => ResponseUse::FormData,
            "data" => ResponseUse::Data,
            _ => return None,
        })
    }
}

/// `client.interceptors.request.use(fn)` / `.response.use(fn)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interceptor {
    pub client: Callee,
    /// A request interceptor: the headers it sets.
    pub headers: Vec<Prop>,
    /// A response interceptor that hands `response.data` on: callers
    /// receive the parsed body.
    pub unwraps_data: bool,
    /// A request interceptor that may set headers seam cannot name (a
    /// computed key, a headers object from elsewhere, a function passed by
    /// name).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub opaque: bool,
    pub origin: Origin,
}

/// `client.defaults.headers.common['X'] = v`, `axios.defaults.headers.post = {...}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeaderDefaults {
    pub client: Callee,
    /// `headers.post`: only requests of this method (upper case); `None`:
    /// every request (`common`, or the headers object itself).
    pub method: Option<String>,
    pub headers: Vec<Prop>,
    /// A write seam cannot name (a computed key, an object from elsewhere).
    pub opaque: bool,
    pub origin: Origin,
}

/// One dev-server proxy rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DevProxy {
    /// The context the rule matches (`/api`).
    pub context: String,
    /// A prefix the rewrite replaces, and what replaces it.
    pub rewrite: Option<(String, String)>,
    pub origin: Origin,
}
