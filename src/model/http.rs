//! The HTTP contract of a tree once resolved: endpoints the servers register
//! and calls the clients make, each with its origin.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Framework, Origin};

/// One segment of a route or of a call's path.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "kebab-case")]
pub enum Seg {
    Lit(String),
    /// One segment of any value: `{id}`, `:id`, `${id}`.
    Param(String),
    /// The rest of the path, zero or more segments: `{path...}`, `*rest`.
    Rest(String),
    /// Zero or more segments seam could not determine (a prefix taken from
    /// configuration, an environment variable): shown as `{?}`.
    Unknown,
}

/// A path as a list of segments. `trailing_slash` records `/users/` as
/// written; matching ignores it, since routers redirect between the two.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RoutePath {
    pub segments: Vec<Seg>,
    pub trailing_slash: bool,
}

impl RoutePath {
    pub fn has_unknown(&self) -> bool {
        self.segments.iter().any(|s| matches!(s, Seg::Unknown))
    }

    pub fn first_literal(&self) -> Option<&str> {
        match self.segments.first() {
            Some(Seg::Lit(s)) => Some(s),
            _ => None,
        }
    }
}

impl fmt::Display for RoutePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segments.is_empty() {
            return f.write_str("/");
        }
        for s in &self.segments {
            match s {
                Seg::Lit(l) => write!(f, "/{l}")?,
                Seg::Param(p) => write!(f, "/{{{p}}}")?,
                Seg::Rest(p) => write!(f, "/{{{p}...}}")?,
                Seg::Unknown => f.write_str("/{?}")?,
            }
        }
        Ok(())
    }
}

/// A function of the Go module, by file and name, to find its facts again.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FuncKey {
    pub path: String,
    /// `Name`, `Type.Name` for methods, `func@<offset>` for literals,
    /// `cors@<offset>` for a CORS library's middleware built there.
    pub name: String,
}

impl FuncKey {
    /// The key of the CORS policy built at `offset` of `path`.
    pub fn cors(path: &str, offset: u32) -> FuncKey {
        FuncKey {
            path: path.to_string(),
            name: format!("cors@{offset}"),
        }
    }

    /// The offset of a CORS policy key.
    pub fn cors_offset(&self) -> Option<u32> {
        self.name.strip_prefix("cors@")?.parse().ok()
    }
}

/// A route a server registers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    /// `GET`, `POST`, ... or `ANY`.
    pub method: String,
    pub path: RoutePath,
    /// A prefix route (everything under `path`).
    pub subtree: bool,
    /// Host part of a Go 1.22 pattern (`example.com/x`).
    pub host: Option<String>,
    pub framework: Framework,
    /// The pattern string as registered (for net/http: method and host too).
    pub pattern: String,
    /// The handler as written at the registration (`h.CreateUser`).
    pub handler_text: String,
    /// The handler's declaration, when resolved.
    pub handler: Option<FuncKey>,
    pub middleware: Vec<FuncKey>,
    /// Directory of the Go module (`go.mod`) or, for axum, the Rust
    /// package (`Cargo.toml`) the route belongs to.
    pub module_dir: Option<String>,
    pub origin: Origin,
}

impl Endpoint {
    pub fn display(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

impl BodyEncoding {
    pub fn describe(self) -> &'static str {
        match self {
            BodyEncoding::Json => "JSON (application/json)",
            BodyEncoding::JsonText => "a JSON string without a JSON Content-Type",
            BodyEncoding::Form => "a URL-encoded form (application/x-www-form-urlencoded)",
            BodyEncoding::Multipart => "multipart/form-data (FormData)",
            BodyEncoding::Text => "text/plain",
            BodyEncoding::Binary => "binary data (Blob / File / ArrayBuffer)",
            BodyEncoding::Unknown => "an unknown encoding",
        }
    }
}

/// How a client encodes a request body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BodyEncoding {
    Json,
    /// A JSON string (`JSON.stringify`) sent with whatever Content-Type the call sets.
    JsonText,
    Form,
    Multipart,
    Text,
    Binary,
    Unknown,
}

/// A header a client sets, and where.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct HeaderUse {
    pub name: String,
    pub value: Option<String>,
    pub origin: Origin,
}

/// An HTTP call of the frontend, resolved through clients and wrappers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpCall {
    /// `GET`, `POST`, ...; `None` when it could not be determined.
    pub method: Option<String>,
    pub path: RoutePath,
    /// The URL as seam reconstructed it, for messages.
    pub url_text: String,
    /// Scheme and host of an absolute URL.
    pub origin_host: Option<String>,
    /// `fetch`, `axios`, or the client / wrapper the call goes through.
    pub client: String,
    /// How the request body is encoded on the wire (`None`: no body).
    pub body: Option<BodyEncoding>,
    /// Where the body expression is.
    pub body_origin: Option<Origin>,
    /// The Content-Type the call sets explicitly (call, instance defaults or
    /// interceptor), if any.
    pub content_type: Option<HeaderUse>,
    pub headers: Vec<HeaderUse>,
    /// `headers` are every header the code sets: no headers object, config
    /// or interceptor seam could not read (HTTP009 relies on it).
    #[serde(default)]
    pub headers_complete: bool,
    /// How the client reads the response (`None`: not seen).
    pub reads: Option<crate::model::ResponseUse>,
    /// The TS type of the request body, and the module it is written in.
    pub body_type: Option<TypeAt>,
    /// The shape of an object-literal body (`{ email, name }`): its keys.
    pub body_shape: Option<crate::model::WireType>,
    /// The TS type the client expects the response to have.
    pub response_type: Option<TypeAt>,
    /// Wrappers, clients and proxy rules the call was resolved through.
    pub via: Vec<Via>,
    pub origin: Origin,
}

/// A TS type and the module whose names it uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeAt {
    pub ty: crate::model::TsType,
    pub module: String,
    pub origin: Origin,
}

/// One step of a call's resolution: a wrapper, a client, a proxy rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Via {
    pub what: String,
    pub origin: Origin,
}

/// A call seam saw but could not resolve to a method and path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnresolvedCall {
    pub client: String,
    pub reason: String,
    pub origin: Origin,
}
