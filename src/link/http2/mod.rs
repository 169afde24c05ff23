//! Joins the net/http configuration facts (`model::http2`) across the files
//! of the tree: references through package variables, struct fields,
//! returned values, parameters and `Clone()` are resolved, writes made in
//! other functions are applied, and each value learns where it is used —
//! the reverse proxy or client a transport serves, the server or listener a
//! `tls.Config` belongs to, the calls that serve a server or call
//! `http2.Configure*` on it.

use std::collections::BTreeMap;

use super::go_index::{is_within, parent_dir, GoIndex};
use crate::model::{
    FileFacts, Manifest, NetCallKind, NetFacts, NetHome, NetKind, NetValue, Origin,
};

mod resolve;

/// Index of a value in [`NetGraph::nodes`].
pub type NodeId = usize;

/// Every net/http value of the tree, with its effective fields and uses.
#[derive(Clone, Debug, Default)]
pub struct NetGraph {
    pub nodes: Vec<NetNode>,
    /// Directories of the tree's Go modules, innermost first.
    modules: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct NetNode {
    /// `None` when it clones a value seam could not find.
    pub kind: Option<NetKind>,
    pub path: String,
    /// Import path of the package.
    pub pkg: String,
    /// Directory of the Go module (`go.mod`), `None` outside any module.
    pub module_dir: Option<String>,
    /// The function where it is built (`Recv.Name`), `""` at package level.
    pub scope: String,
    pub origin: Origin,
    pub base: Base,
    /// The value this one is a `Clone()` of, when seam found it.
    pub cloned_from: Option<NodeId>,
    /// The last value written to each field (inherited through `Clone()`).
    pub fields: BTreeMap<String, Setting>,
    pub uses: Vec<Use>,
}

/// What a value starts from, after following `Clone()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    Fresh,
    /// `http.DefaultTransport` or a clone of it (`ForceAttemptHTTP2` on).
    DefaultTransport,
    /// A clone of something seam could not find: its fields are unknown.
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    pub value: Resolved,
    pub origin: Origin,
}

/// A field value with its references resolved.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved {
    Nil,
    Bool(bool),
    /// The values a reference denotes (empty: not found).
    Nodes(Vec<NodeId>),
    Strings(StringList),
    /// Map keys (`None`: not a constant seam could read).
    Map(Vec<Option<String>>),
    Other,
}

/// A string list as far as it is known.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StringList {
    /// Items in order; `None` where an item is not a known constant.
    pub items: Vec<Option<String>>,
    /// No items beyond `items` (false after `append` to an unknown list).
    pub complete: bool,
}

impl StringList {
    pub fn contains(&self, s: &str) -> bool {
        self.items.iter().any(|i| i.as_deref() == Some(s))
    }

    /// Every item is known.
    pub fn known(&self) -> bool {
        self.complete && self.items.iter().all(Option::is_some)
    }

    /// `["a", "b"]`, unknown items as `?`.
    pub fn display(&self) -> String {
        let mut parts: Vec<String> = self
            .items
            .iter()
            .map(|i| match i {
                Some(s) => format!("{s:?}"),
                None => "?".into(),
            })
            .collect();
        if !self.complete {
            parts.push("...".into());
        }
        format!("[{}]", parts.join(", "))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Use {
    pub kind: UseKind,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq)]
pub enum UseKind {
    /// The transport of this reverse proxy.
    ReverseProxy { proxy: NodeId },
    /// The transport of this client.
    Client { client: NodeId },
    /// `http2.ConfigureTransport` / `ConfigureTransports` on it, or on a
    /// value of the package seam could not identify.
    ConfigureTransport,
    /// `http2.ConfigureServer` on it (or on an unidentified server of the package).
    ConfigureServer,
    /// `ForceAttemptHTTP2` or `Protocols` set on a value of the package seam
    /// could not identify.
    EnabledElsewhere,
    /// `ListenAndServeTLS` / `ServeTLS`.
    ServeTls,
    /// `ListenAndServe`.
    ServePlain,
    /// `Serve(ln)`: the listeners.
    ServeListener { listeners: Vec<NodeId> },
    /// A listener served by this server.
    ServedBy { server: NodeId },
    /// The `TLSConfig` of a server or the config of a TLS listener.
    TlsConfigOf { owner: NodeId },
    /// `Clone()`d into this node.
    ClonedBy { clone: NodeId },
}

impl NetGraph {
    /// Builds the graph (nothing to do when no Go file configures net/http).
    pub fn build(files: &[FileFacts]) -> NetGraph {
        NetGraph::build_with(files, &GoIndex::build(files))
    }

    /// [`NetGraph::build`] with the Go index already built over `files`.
    pub fn build_with(files: &[FileFacts], ix: &GoIndex) -> NetGraph {
        let mut modules: Vec<String> = files
            .iter()
            .filter(|f| matches!(f.manifest, Some(Manifest::GoMod(_))))
            .map(|f| parent_dir(&f.path).to_string())
            .collect();
        modules.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let any = files
            .iter()
            .filter_map(|f| f.go.as_ref())
            .any(|g| !g.is_test && !g.net.is_empty());
        if !any {
            return NetGraph {
                nodes: Vec::new(),
                modules,
            };
        }
        let inputs: Vec<Input> = files
            .iter()
            .filter_map(|f| {
                let go = f.go.as_ref()?;
                if go.is_test || go.net.is_empty() {
                    return None;
                }
                Some(Input {
                    path: f.path.clone(),
                    pkg: ix.pkg_of_file(&f.path).to_string(),
                    module_dir: ix.module_of(parent_dir(&f.path)).map(|m| m.dir.clone()),
                    facts: &go.net,
                })
            })
            .collect();
        let r = resolve::Resolver::new(ix, &inputs);
        NetGraph {
            nodes: r.nodes(),
            modules,
        }
    }

    /// The directory of the Go module a file belongs to.
    pub fn module_of(&self, path: &str) -> Option<&str> {
        let dir = parent_dir(path);
        self.modules
            .iter()
            .find(|m| is_within(dir, m))
            .map(String::as_str)
    }

    pub fn get(&self, id: NodeId) -> Option<&NetNode> {
        self.nodes.get(id)
    }

    /// The nodes of a kind, in tree order.
    pub fn of_kind(&self, kind: NetKind) -> impl Iterator<Item = (NodeId, &NetNode)> {
        self.nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.kind == Some(kind))
    }
}

impl NetNode {
    pub fn field(&self, name: &str) -> Option<&Setting> {
        self.fields.get(name)
    }

    /// The nodes of this one's clone family: what it clones, what clones
    /// it, transitively (itself excluded).
    pub fn clone_family(&self, g: &NetGraph, me: NodeId) -> Vec<NodeId> {
        let mut seen = vec![me];
        let mut todo = vec![me];
        while let Some(n) = todo.pop() {
            let Some(node) = g.get(n) else { continue };
            let next = node
                .cloned_from
                .into_iter()
                .chain(node.uses.iter().filter_map(|u| match u.kind {
                    UseKind::ClonedBy { clone } => Some(clone),
                    _ => None,
                }));
            for m in next {
                if !seen.contains(&m) && seen.len() < 64 {
                    seen.push(m);
                    todo.push(m);
                }
            }
        }
        seen.retain(|&m| m != me);
        seen.sort_unstable();
        seen
    }

    pub fn has_use(&self, pred: impl Fn(&UseKind) -> bool) -> Option<&Use> {
        self.uses.iter().find(|u| pred(&u.kind))
    }

    /// Where it is built, for messages: ``in `Name` `` or `at package level`.
    pub fn scope_display(&self) -> String {
        if self.scope.is_empty() {
            "at package level".into()
        } else {
            format!("in `{}`", self.scope)
        }
    }
}

/// One file's facts with where the file sits.
pub(super) struct Input<'f> {
    pub path: String,
    pub pkg: String,
    pub module_dir: Option<String>,
    pub facts: &'f NetFacts,
}

/// Constants of other modules that ALPN lists name.
fn external_const(pkg: &str, name: &str) -> Option<&'static str> {
    match (pkg, name) {
        ("golang.org/x/net/http2", "NextProtoTLS") => Some("h2"),
        ("golang.org/x/crypto/acme", "ALPNProto") => Some("acme-tls/1"),
        _ => None,
    }
}

/// Which [`NetHome`] a reference reads, in the package `pkg`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum HomeKey {
    PkgVar(String, String),
    Field(String, String, String),
    /// A field whose owner type is not known: by package and field name.
    AnyField(String, String),
    Returned(String, String),
}

fn home_keys(home: &NetHome, pkg: &str, path: &str) -> Vec<HomeKey> {
    let q = |p: &str| if p.is_empty() { pkg } else { p }.to_string();
    match home {
        NetHome::PkgVar { name } => vec![HomeKey::PkgVar(pkg.to_string(), name.clone())],
        NetHome::Field { owner, field } => {
            let mut v = vec![HomeKey::AnyField(pkg.to_string(), field.clone())];
            if let Some((p, t)) = owner {
                v.push(HomeKey::Field(q(p), t.clone(), field.clone()));
            }
            v
        }
        NetHome::Returned { func } => vec![HomeKey::Returned(path.to_string(), func.clone())],
    }
}

/// Is `v` a write that turns HTTP/2 on whatever the target?
fn enables(name: &str, v: &NetValue) -> bool {
    match name {
        "ForceAttemptHTTP2" => matches!(v, NetValue::Bool { value: true }),
        "Protocols" => !matches!(v, NetValue::Nil),
        _ => false,
    }
}

/// The kinds a `Configure*` call or an enabling write applies to.
fn enabled_kinds(kind: &NetCallKind) -> Option<(NetKind, UseKind)> {
    match kind {
        NetCallKind::ConfigureTransport => Some((NetKind::Transport, UseKind::ConfigureTransport)),
        NetCallKind::ConfigureServer => Some((NetKind::Server, UseKind::ConfigureServer)),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
