//! Facts one Go file states, before anything is resolved across files.
//!
//! The Go frontend fills these from one file alone; `link::go_routes` joins
//! them across the module (imports, call sites, constants) into endpoints.

use serde::{Deserialize, Serialize};

use super::Origin;

/// Web frameworks whose routers seam follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Framework {
    NetHttp,
    Gin,
    Echo,
    Chi,
    GorillaMux,
}

impl Framework {
    pub fn name(self) -> &'static str {
        match self {
            Framework::NetHttp => "net/http",
            Framework::Gin => "gin",
            Framework::Echo => "echo",
            Framework::Chi => "chi",
            Framework::GorillaMux => "gorilla/mux",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GoFile {
    pub package: String,
    /// Directory of the file relative to the scanned root (`""` for the root).
    pub dir: String,
    /// `_test.go`: not part of the served contract.
    pub is_test: bool,
    pub imports: Vec<GoImport>,
    /// Package-level string constants and variables initialised with strings.
    pub consts: Vec<GoConst>,
    pub funcs: Vec<GoFunc>,
    pub types: Vec<GoTypeDecl>,
    /// Package-level `var x = <router>` declarations.
    pub router_vars: Vec<GoRouterVar>,
    /// `//go:debug key=value` directives.
    pub go_debug: Vec<GoDirective>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoImport {
    /// The name the file uses (explicit alias or last path element).
    pub name: String,
    pub path: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoConst {
    pub name: String,
    pub value: PathExpr,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoDirective {
    pub key: String,
    pub value: String,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoRouterVar {
    pub name: String,
    /// The initial value; `None` for `var r *gin.Engine` set elsewhere.
    pub value: Option<RouterExpr>,
    /// The framework of a declared router type.
    pub framework: Option<Framework>,
}

/// A reference to a function or method of the module, as written at a call site.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum FuncRef {
    /// `name(...)` or `pkg.name(...)`; `pkg` is an import path, `""` for the
    /// file's own package.
    Func { pkg: String, name: String },
    /// `x.name(...)`: a method, with what the frontend knows of `x`.
    Method { recv: Recv, name: String },
    /// A function literal in this file, by the byte offset where it starts.
    Literal { offset: u32 },
}

/// What a method's receiver is known to be.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Recv {
    /// A value of this named type (`pkg` an import path, `""`: same package).
    Type { pkg: String, name: String },
    /// The result of calling this function (`h := handlers.New(db)`).
    ResultOf { func: Box<FuncRef> },
    /// A field of a value of a named type (`s.users` in a method of `Server`).
    Field {
        pkg: String,
        owner: String,
        field: String,
    },
    /// Not known: resolved by a unique method name in the module.
    Unknown,
}

/// A string-valued expression that builds a route path.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum PathExpr {
    Lit(String),
    /// A constant: `pkg` is an import path (`""`: same package).
    Const {
        pkg: String,
        name: String,
    },
    Concat(Vec<PathExpr>),
    /// Not a constant (a config value, a function result).
    Unknown,
}

/// The symbolic value of an expression that denotes a router.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RouterExpr {
    /// `gin.New()`, `echo.New()`, `chi.NewRouter()`, `mux.NewRouter()`,
    /// `http.NewServeMux()`, ...: a root, identified by where it is created.
    New { framework: Framework, at: Origin },
    /// `http.DefaultServeMux`, and the package-level `http.Handle*` functions.
    DefaultMux,
    /// The function's parameter at this index.
    Param {
        index: u32,
        framework: Option<Framework>,
    },
    /// A struct field holding a router: `s.router`, with the holder's type.
    Field {
        owner: Option<(String, String)>,
        field: String,
    },
    /// A package-level variable: `pkg` is an import path (`""`: same package).
    PkgVar { pkg: String, name: String },
    /// A sub-router with a path prefix (gin/echo `Group`, chi `Route`,
    /// gorilla `PathPrefix(...).Subrouter()`); `middleware` given with it.
    Group {
        parent: Box<RouterExpr>,
        prefix: PathExpr,
        middleware: Vec<HandlerRef>,
        at: Origin,
    },
    /// The router a function returns.
    Call {
        callee: FuncRef,
        args: Vec<Option<RouterExpr>>,
    },
}

impl RouterExpr {
    pub fn framework_hint(&self) -> Option<Framework> {
        match self {
            RouterExpr::New { framework, .. } => Some(*framework),
            RouterExpr::DefaultMux => Some(Framework::NetHttp),
            RouterExpr::Param { framework, .. } => *framework,
            RouterExpr::Group { parent, .. } => parent.framework_hint(),
            _ => None,
        }
    }
}

/// What serves a route: a named function, a method, a literal, or a wrapper
/// call around another handler (`withAuth(h.List)`, `http.StripPrefix`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum HandlerRef {
    Func {
        func: FuncRef,
    },
    Wrapped {
        wrapper: FuncRef,
        inner: Vec<HandlerRef>,
    },
    /// `http.FileServer`, `http.NotFoundHandler()`, ...: served by the library.
    Library {
        name: String,
    },
    Unknown {
        text: String,
    },
}

/// One router operation inside a function body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum RouteOp {
    /// A route registration. `method` is `ANY` for method-less registrations;
    /// for net/http the method may sit in the pattern instead (`"GET /x"`).
    /// `handlers` are the arguments after the path: the handler and its
    /// middleware, in the order written (gin puts the handler last, echo first).
    Register {
        router: RouterExpr,
        /// The framework, when the file makes it certain.
        framework: Option<Framework>,
        method: String,
        path: PathExpr,
        handlers: Vec<HandlerRef>,
        /// A prefix route: everything under `path` (gorilla `PathPrefix`,
        /// chi `Mount` of a plain handler, echo `Static`).
        subtree: bool,
        origin: Origin,
    },
    /// `sub` serves requests under `prefix` of `router` (`chi.Mount`,
    /// `mux.Handle("/api/", sub)`). With `strip`, the sub-router sees paths
    /// with the prefix removed (`http.StripPrefix`, chi `Mount`).
    Mount {
        router: RouterExpr,
        prefix: PathExpr,
        sub: RouterExpr,
        strip: bool,
        origin: Origin,
    },
    /// A call to a module function that receives routers as arguments.
    Pass {
        callee: FuncRef,
        args: Vec<Option<RouterExpr>>,
        origin: Origin,
    },
    /// Middleware added to a router (`Use`).
    Use {
        router: RouterExpr,
        middleware: Vec<HandlerRef>,
        origin: Origin,
    },
    /// `x.field = <router>` or `&T{field: <router>}`.
    SetField {
        owner: (String, String),
        field: String,
        value: RouterExpr,
    },
}

/// A function, method or function literal of the file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GoFunc {
    pub name: String,
    /// Receiver type name without `*`, for methods.
    pub recv: Option<String>,
    /// For function literals: the byte offset where the literal starts.
    pub literal_at: Option<u32>,
    pub params: Vec<GoParam>,
    pub results: Vec<GoTypeExpr>,
    pub origin: Origin,
    pub routes: Vec<RouteOp>,
    /// The router the function returns, when it returns one.
    pub returns_router: Option<RouterExpr>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoParam {
    pub name: String,
    pub ty: GoTypeExpr,
}

/// A Go type as written, with package qualifiers resolved to import paths.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum GoTypeExpr {
    /// A named type: `pkg` is an import path (`""`: same package or predeclared).
    Named {
        pkg: String,
        name: String,
        args: Vec<GoTypeExpr>,
    },
    Pointer {
        elem: Box<GoTypeExpr>,
    },
    Slice {
        elem: Box<GoTypeExpr>,
    },
    Array {
        len: String,
        elem: Box<GoTypeExpr>,
    },
    Map {
        key: Box<GoTypeExpr>,
        value: Box<GoTypeExpr>,
    },
    Struct {
        fields: Vec<GoField>,
    },
    Interface {
        methods: Vec<String>,
        empty: bool,
    },
    Func {
        text: String,
    },
    Chan {
        text: String,
    },
    Other {
        text: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct GoField {
    /// Field name; for an embedded field, the type's name.
    pub name: String,
    pub ty: GoTypeExpr,
    pub tag: Option<String>,
    pub embedded: bool,
    pub origin: Origin,
}

/// A `type` declaration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoTypeDecl {
    pub name: String,
    pub alias: bool,
    pub type_params: Vec<String>,
    pub ty: GoTypeExpr,
    pub origin: Origin,
}
