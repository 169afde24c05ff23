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
    /// Rust: axum.
    Axum,
}

impl Framework {
    /// The framework an import path belongs to.
    pub fn of_import(path: &str) -> Option<Framework> {
        match path {
            "net/http" => Some(Framework::NetHttp),
            "github.com/gin-gonic/gin" => Some(Framework::Gin),
            "github.com/labstack/echo"
            | "github.com/labstack/echo/v4"
            | "github.com/labstack/echo/v5" => Some(Framework::Echo),
            "github.com/go-chi/chi"
            | "github.com/go-chi/chi/v5"
            | "github.com/go-chi/chi/v4"
            | "github.com/pressly/chi" => Some(Framework::Chi),
            "github.com/gorilla/mux" => Some(Framework::GorillaMux),
            _ => None,
        }
    }

    /// Is `pkg.name` (a type; `pkg` an import path) a router type?
    pub fn router_type(pkg: &str, name: &str) -> Option<Framework> {
        let fw = Framework::of_import(pkg)?;
        let ok = match fw {
            Framework::NetHttp => name == "ServeMux",
            Framework::Gin => matches!(name, "Engine" | "RouterGroup" | "IRouter" | "IRoutes"),
            Framework::Echo => matches!(name, "Echo" | "Group"),
            Framework::Chi => matches!(name, "Router" | "Mux"),
            Framework::GorillaMux => name == "Router",
            Framework::Axum => false,
        };
        ok.then_some(fw)
    }

    pub fn name(self) -> &'static str {
        match self {
            Framework::NetHttp => "net/http",
            Framework::Gin => "gin",
            Framework::Echo => "echo",
            Framework::Chi => "chi",
            Framework::GorillaMux => "gorilla/mux",
            Framework::Axum => "axum",
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
    /// Language features that need a minimum `go` version.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<super::FeatureUse>,
    /// `go1.N` required by the file's `//go:build` line, which raises the
    /// file's language version above the module's (Go 1.21+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build_go_version: Option<String>,
    /// Transports, servers and TLS configs (HTTP/2 negotiation).
    #[serde(default, skip_serializing_if = "super::NetFacts::is_empty")]
    pub net: super::NetFacts,
    /// CORS policies built with a library (`cors.New(...)`), by where.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cors: Vec<super::CorsPolicy>,
    /// String keys `http.Header` maps are indexed with (HTTP007).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header_keys: Vec<super::HeaderKeyUse>,
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
#[serde(tag = "kind", content = "of", rename_all = "kebab-case")]
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
#[serde(tag = "kind", content = "of", rename_all = "kebab-case")]
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
#[serde(tag = "kind", content = "of", rename_all = "kebab-case")]
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
    /// A CORS library's middleware (`cors.New(cfg)`): the policy built at
    /// this byte offset of the file (`GoFile::cors`).
    Cors {
        offset: u32,
    },
    Unknown {
        text: String,
    },
}

/// One router operation inside a function body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", content = "of", rename_all = "kebab-case")]
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
    /// Byte range of the whole declaration or literal.
    pub span: (u32, u32),
    pub routes: Vec<RouteOp>,
    /// The router the function returns, when it returns one.
    pub returns_router: Option<Box<RouterExpr>>,
    /// What the function does with a request and its response.
    #[serde(default, skip_serializing_if = "HandlerBody::is_empty")]
    pub http: HandlerBody,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoParam {
    pub name: String,
    pub ty: GoTypeExpr,
}

/// A Go type as written, with package qualifiers resolved to import paths.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "of", rename_all = "kebab-case")]
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

/// What a function does with the HTTP request and response: decoding,
/// writing, headers, and calls to helpers that may do more.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HandlerBody {
    pub decodes: Vec<Decode>,
    pub writes: Vec<Write>,
    /// Explicit Content-Type checks on the request (`!= "application/json"`).
    pub content_type_checks: Vec<ContentTypeCheck>,
    /// Calls to module functions that receive the request, the response
    /// writer or the framework context (helpers, one level down).
    pub helpers: Vec<HelperCall>,
    pub header_reads: Vec<HeaderRead>,
    pub header_writes: Vec<HeaderWrite>,
}

impl HandlerBody {
    pub fn is_empty(&self) -> bool {
        self.decodes.is_empty()
            && self.writes.is_empty()
            && self.content_type_checks.is_empty()
            && self.helpers.is_empty()
            && self.header_reads.is_empty()
            && self.header_writes.is_empty()
    }
}

/// How a handler reads the request body (or the query / path).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecodeKind {
    Json,
    Xml,
    Yaml,
    /// `application/x-www-form-urlencoded` (and multipart, which the same
    /// accessors parse).
    Form,
    /// `multipart/form-data` only (`FormFile`, `MultipartReader`).
    Multipart,
    /// The binder is chosen by the request's Content-Type (gin `ShouldBind`,
    /// echo `Bind`).
    ByContentType,
    /// Query string or path parameters: no body.
    Query,
    /// The raw body (`io.ReadAll(r.Body)`, `GetRawData`).
    Raw,
}

impl DecodeKind {
    /// What the handler does, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            DecodeKind::Json => "decodes JSON",
            DecodeKind::Xml => "decodes XML",
            DecodeKind::Yaml => "decodes YAML",
            DecodeKind::Form => "reads form fields (URL-encoded or multipart)",
            DecodeKind::Multipart => "reads a multipart/form-data upload",
            DecodeKind::ByContentType => "picks its decoder from the request's Content-Type",
            DecodeKind::Query => "reads the query string or path",
            DecodeKind::Raw => "reads the raw body",
        }
    }

    /// Does this decoder read the request body?
    pub fn reads_body(self) -> bool {
        !matches!(self, DecodeKind::Query)
    }
}

/// A value seen at a decode or a write: its static type when the frontend
/// can tell, or a parameter of the function (for helpers).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "of", rename_all = "kebab-case")]
pub enum ValueRef {
    Type {
        ty: GoTypeExpr,
    },
    /// A struct literal whose fields hold values of their own
    /// (`Response{Data: data}`): an `any` field then has the value's type.
    Struct {
        ty: GoTypeExpr,
        fields: Vec<(String, ValueRef)>,
    },
    Param {
        index: u32,
    },
    /// The `index`-th result of a call (`list, err := svc.Page(req)`),
    /// typed once link finds the function.
    Result {
        callee: FuncRef,
        index: u32,
    },
    /// A field of a value (`h.products`), typed once link finds the struct.
    Field {
        base: Box<ValueRef>,
        field: String,
    },
    /// An element of a slice, array or map value (`for _, p := range items`).
    Elem {
        base: Box<ValueRef>,
    },
    /// A Rust type (an axum handler's `Json<T>`), with the module its
    /// names resolve in.
    Rust {
        ty: super::RustType,
        scope: super::RustScope,
    },
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decode {
    pub kind: DecodeKind,
    pub target: ValueRef,
    pub origin: Origin,
}

/// What a response write puts on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "kebab-case")]
pub enum Payload {
    Json,
    Text,
    Html,
    Xml,
    Yaml,
    /// Bytes with a declared content type (`c.Data(200, "text/csv", b)`).
    Typed(String),
    File,
    Redirect,
    NoContent,
    Stream,
    /// Bytes written without a Content-Type: Go sniffs it.
    Sniffed,
    /// The content type comes from a parameter (`c.Data(200, ct, b)` in a helper).
    ParamType(u32),
}

impl Payload {
    /// The payload a declared content type stands for.
    pub fn of_content_type(ct: &str) -> Payload {
        let media = ct
            .split(';')
            .next()
            .unwrap_or(ct)
            .trim()
            .to_ascii_lowercase();
        match media.as_str() {
            m if m == "application/json" || m.ends_with("+json") => Payload::Json,
            "text/plain" => Payload::Text,
            "text/html" => Payload::Html,
            "application/xml" | "text/xml" => Payload::Xml,
            "application/yaml" | "application/x-yaml" | "text/yaml" => Payload::Yaml,
            _ => Payload::Typed(media),
        }
    }

    /// A short name for messages: `JSON`, `text/plain`, `text/csv`, a file.
    pub fn describe(&self) -> String {
        match self {
            Payload::Json => "JSON".into(),
            Payload::Text => "text/plain".into(),
            Payload::Html => "HTML".into(),
            Payload::Xml => "XML".into(),
            Payload::Yaml => "YAML".into(),
            Payload::Typed(t) => t.clone(),
            Payload::File => "a file".into(),
            Payload::Redirect => "a redirect".into(),
            Payload::NoContent => "no body".into(),
            Payload::Stream => "a stream".into(),
            Payload::Sniffed => "bytes without a Content-Type (sniffed by Go)".into(),
            Payload::ParamType(_) => "bytes of a content type given by the caller".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Write {
    pub payload: Payload,
    /// The Content-Type set on the response before this write, if any.
    pub content_type: Option<String>,
    /// The status code when it is a constant.
    pub status: Option<u16>,
    /// A status from a parameter of the function (helpers).
    pub status_param: Option<u32>,
    /// An error response (`http.Error`, a 4xx/5xx status).
    pub error: bool,
    pub value: ValueRef,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContentTypeCheck {
    /// The media type the handler requires.
    pub expects: String,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelperCall {
    pub callee: FuncRef,
    /// What each argument is, to put in for the helper's parameters.
    pub args: Vec<HelperArg>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "of", rename_all = "kebab-case")]
pub enum HelperArg {
    /// The request, response writer or framework context.
    Http,
    Value {
        value: ValueRef,
    },
    Status {
        code: u16,
    },
    Str {
        value: String,
    },
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeaderRead {
    /// The header name as written in the code.
    pub name: String,
    /// The handler answers with an error status when the header is missing.
    pub required: bool,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeaderWrite {
    pub name: String,
    pub value: Option<String>,
    pub origin: Origin,
}
