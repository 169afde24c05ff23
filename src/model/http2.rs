//! How a Go file configures net/http's protocol negotiation: transports,
//! servers, TLS configs, reverse proxies and clients, TLS listeners, and the
//! calls that serve them or turn HTTP/2 back on (HTTP011–HTTP013).
//!
//! The frontend records what one file states; values that cross functions
//! or files stay symbolic ([`NetRef`]) and `link::http2` resolves them.

use serde::{Deserialize, Serialize};

use super::{FuncRef, Origin, PathExpr};

/// The net/http configuration facts of one Go file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NetFacts {
    /// Values built in this file, indexed by [`NetRef::Local`].
    pub objects: Vec<NetObject>,
    /// Field writes on values not built in this function (a package
    /// variable, a struct field, a parameter, `srv.TLSConfig`).
    pub writes: Vec<NetWrite>,
    /// Where values are kept so that other functions reach them.
    pub bindings: Vec<NetBinding>,
    pub calls: Vec<NetCall>,
    /// Package-level `var x = []string{...}` (ALPN lists).
    pub string_lists: Vec<StringListVar>,
}

impl NetFacts {
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
            && self.writes.is_empty()
            && self.bindings.is_empty()
            && self.calls.is_empty()
            && self.string_lists.is_empty()
    }
}

/// The net/http and crypto/tls types seam follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NetKind {
    /// `net/http.Transport`.
    Transport,
    /// `golang.org/x/net/http2.Transport`: speaks HTTP/2 only.
    H2Transport,
    /// `net/http.Server`.
    Server,
    /// `crypto/tls.Config`.
    TlsConfig,
    /// `net/http/httputil.ReverseProxy`.
    ReverseProxy,
    /// `net/http.Client`.
    Client,
    /// `tls.Listen(...)` / `tls.NewListener(...)`; its `Config` field is the
    /// `tls.Config` passed.
    TlsListener,
}

impl NetKind {
    pub fn describe(self) -> &'static str {
        match self {
            NetKind::Transport => "http.Transport",
            NetKind::H2Transport => "http2.Transport",
            NetKind::Server => "http.Server",
            NetKind::TlsConfig => "tls.Config",
            NetKind::ReverseProxy => "httputil.ReverseProxy",
            NetKind::Client => "http.Client",
            NetKind::TlsListener => "TLS listener",
        }
    }
}

/// One value built in the file, with the fields set on it in this file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetObject {
    /// `None` for `x.Clone()` of a value whose type the file does not show.
    pub kind: Option<NetKind>,
    pub base: NetBase,
    /// Fields in program order (the literal's keys, then later writes).
    pub fields: Vec<NetField>,
    /// The enclosing function (`Recv.Name` for methods), `""` at package level.
    pub scope: String,
    pub origin: Origin,
}

/// What a value starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NetBase {
    /// A composite literal, `new(T)`, a zero `var`, or a constructor that
    /// sets nothing seam follows (`httputil.NewSingleHostReverseProxy`).
    Fresh,
    /// `http.DefaultTransport.(*http.Transport)` or its `Clone()`:
    /// `ForceAttemptHTTP2` is on.
    DefaultTransport,
    /// `x.Clone()`: starts with the fields of `x`.
    CloneOf { of: NetRef },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetField {
    pub name: String,
    pub value: NetValue,
    pub origin: Origin,
}

/// The value given to a field, as far as the protocol choice cares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NetValue {
    Nil,
    Bool {
        value: bool,
    },
    /// Another value seam follows (a `tls.Config`, a transport, a listener).
    Ref {
        to: NetRef,
    },
    /// A string list (`NextProtos`).
    Strings {
        list: StringsExpr,
    },
    /// A map literal or `make(map...)` (`TLSNextProto`): the keys written.
    Map {
        keys: Vec<PathExpr>,
    },
    /// Set to something seam does not follow.
    Other,
}

/// A reference to a value, as written where it is used.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NetRef {
    /// An object of this file.
    Local { index: u32 },
    /// A package-level variable: `pkg` is an import path (`""`: this package).
    PkgVar { pkg: String, name: String },
    /// A struct field (`s.transport` in a method of `Gateway`).
    Field {
        owner: Option<(String, String)>,
        field: String,
    },
    /// A parameter of a function of this file (`Recv.Name` or `Name`).
    Param { func: String, index: u32 },
    /// The result of a call. Outside the module, a wrapper: the transports
    /// among `args` (`otelhttp.NewTransport(t)`).
    Call { func: FuncRef, args: Vec<NetRef> },
    /// A field of another value: `srv.TLSConfig`.
    Sub { base: Box<NetRef>, field: String },
    /// `http.DefaultTransport`.
    DefaultTransport,
}

/// `target.field = value` where the target is not an object of this function.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetWrite {
    pub target: NetRef,
    pub field: NetField,
}

/// Where a value is kept for other functions to reach.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NetHome {
    /// A package-level variable of this file's package.
    PkgVar { name: String },
    /// A struct field.
    Field {
        owner: Option<(String, String)>,
        field: String,
    },
    /// Returned by a function of this file (`Recv.Name` or `Name`).
    Returned { func: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetBinding {
    pub home: NetHome,
    pub value: NetRef,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NetCallKind {
    /// `http2.ConfigureTransport(t)` / `http2.ConfigureTransports(t)`.
    ConfigureTransport,
    /// `http2.ConfigureServer(srv, conf)`.
    ConfigureServer,
    /// `srv.ListenAndServeTLS`, `srv.ServeTLS`, `http.ListenAndServeTLS`,
    /// `http.ServeTLS`: net/http builds the TLS listener.
    ServeTls,
    /// `srv.ListenAndServe()`: no TLS.
    ServePlain,
    /// `srv.Serve(ln)` / `http.Serve(ln, h)`: `arg` is the listener.
    ServeListener,
    /// A value passed to a function, as argument `index` (for writes the
    /// function makes on its parameter).
    Pass { callee: FuncRef, index: u32 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetCall {
    pub kind: NetCallKind,
    /// What is configured or served (the passed value for `Pass`).
    pub target: Option<NetRef>,
    /// The listener of `ServeListener`.
    pub arg: Option<NetRef>,
    pub origin: Origin,
}

/// A list of strings as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum StringsExpr {
    List {
        items: Vec<PathExpr>,
    },
    /// A package-level `[]string` variable (`pkg` `""`: this package).
    Var {
        pkg: String,
        name: String,
    },
    /// `append(base, items...)`.
    Append {
        base: Box<StringsExpr>,
        items: Vec<PathExpr>,
    },
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StringListVar {
    pub name: String,
    pub value: StringsExpr,
    pub origin: Origin,
}
