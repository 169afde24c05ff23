//! How one Go file configures protocol negotiation (`model::http2`):
//! `http.Transport`, `http.Server`, `tls.Config`, reverse proxies, clients
//! and TLS listeners, the fields set on them (in literals and in later
//! statements), where they are kept (package variables, struct fields,
//! return values), and the calls that serve them or turn HTTP/2 back on.
//!
//! Locals are tracked in document order, one function at a time; function
//! literals share the enclosing function's locals. What crosses functions
//! stays symbolic for `link::http2`.

use rustc_hash::FxHashMap as HashMap;

use super::tree::Node;

use super::is_std;
use super::syntax::{field, named_children, string_value};
use super::types::{named_of, FileCtx};
use crate::model::{
    GoTypeExpr, NetBase, NetBinding, NetCall, NetCallKind, NetFacts, NetField, NetHome, NetKind,
    NetObject, NetRef, NetValue, NetWrite, PathExpr, StringListVar, StringsExpr,
};

mod eval;
mod values;

/// What a local name stands for.
#[derive(Clone, Debug)]
enum Val {
    Net(NetRef),
    Str(PathExpr),
    Strs(StringsExpr),
    /// A value of a known static type (struct fields become [`NetRef::Field`]).
    Typed(GoTypeExpr),
    Opaque,
}

/// The net/http or crypto/tls kind of a named type.
pub fn net_kind(pkg: &str, name: &str) -> Option<NetKind> {
    Some(match (pkg, name) {
        ("net/http", "Transport") => NetKind::Transport,
        ("golang.org/x/net/http2", "Transport") => NetKind::H2Transport,
        ("net/http", "Server") => NetKind::Server,
        ("crypto/tls", "Config") => NetKind::TlsConfig,
        ("net/http/httputil", "ReverseProxy") => NetKind::ReverseProxy,
        ("net/http", "Client") => NetKind::Client,
        _ => return None,
    })
}

/// Fields whose values decide the protocols, per kind.
fn tracked(kind: Option<NetKind>, name: &str) -> bool {
    let base = name.strip_suffix("[]").unwrap_or(name);
    match kind {
        Some(NetKind::Transport) => matches!(
            base,
            "TLSClientConfig"
                | "Dial"
                | "DialContext"
                | "DialTLS"
                | "DialTLSContext"
                | "TLSNextProto"
                | "ForceAttemptHTTP2"
                | "Protocols"
        ),
        Some(NetKind::Server) => matches!(base, "TLSConfig" | "TLSNextProto" | "Protocols"),
        Some(NetKind::TlsConfig) => base == "NextProtos",
        Some(NetKind::ReverseProxy) | Some(NetKind::Client) => base == "Transport",
        Some(NetKind::TlsListener) => base == "Config",
        Some(NetKind::H2Transport) => false,
        None => [
            NetKind::Transport,
            NetKind::Server,
            NetKind::TlsConfig,
            NetKind::ReverseProxy,
        ]
        .into_iter()
        .any(|k| tracked(Some(k), name)),
    }
}

/// Is a reference rooted in this function (a value built here, a
/// parameter, or a field of one)? Only such values are worth recording
/// where they flow.
fn rooted(r: &NetRef) -> bool {
    match r {
        NetRef::Local { .. } | NetRef::Param { .. } | NetRef::DefaultTransport => true,
        NetRef::Sub { base, .. } => rooted(base),
        _ => false,
    }
}

fn is_net_type(t: &GoTypeExpr) -> bool {
    named_of(t).is_some_and(|(p, _)| {
        matches!(
            p,
            "net/http" | "crypto/tls" | "golang.org/x/net/http2" | "net/http/httputil"
        )
    })
}

/// Packages one of which a file imports to build, type or serve anything
/// this module follows (`net` for listeners).
const NET_PACKAGES: &[&str] = &[
    "net/http",
    "crypto/tls",
    "golang.org/x/net/http2",
    "net/http/httputil",
    "net",
];

/// Extracts the file's facts. Function bodies are walked only in files
/// that import one of [`NET_PACKAGES`] (others cannot name a transport,
/// server, config or listener); package-level values always, for ALPN
/// lists kept in a file of constants.
pub fn extract(ctx: &FileCtx, root: Node) -> NetFacts {
    let bodies = ctx
        .imports
        .values()
        .any(|p| NET_PACKAGES.contains(&p.as_str()));
    let mut w = NetWalker {
        ctx,
        out: NetFacts::default(),
        env: HashMap::default(),
        scope: String::new(),
        returns_net: false,
        in_literal: 0,
    };
    for node in named_children(root) {
        match node.kind() {
            "function_declaration" | "method_declaration" if bodies => w.function(node),
            "var_declaration" => w.package_values(node),
            _ => {}
        }
    }
    w.out
}

struct NetWalker<'c, 'a> {
    ctx: &'c FileCtx<'a>,
    out: NetFacts,
    env: HashMap<String, Val>,
    /// `Recv.Name` or `Name` of the function being walked.
    scope: String,
    /// The function's first result is a net/http or crypto/tls type.
    returns_net: bool,
    /// Depth of function literals (their `return` is not the function's).
    in_literal: u32,
}

impl<'c, 'a> NetWalker<'c, 'a> {
    fn function(&mut self, node: Node<'a>) {
        self.env.clear();
        let name = field(node, "name").map(|n| self.ctx.text(n)).unwrap_or("");
        let recv = field(node, "receiver").and_then(|r| {
            let decl = named_children(r).into_iter().next()?;
            let ty = self.ctx.type_expr(field(decl, "type")?);
            let binding = field(decl, "name").map(|n| self.ctx.text(n).to_string());
            Some((binding, ty))
        });
        self.scope = match recv.as_ref().and_then(|(_, t)| named_of(t)) {
            Some((_, r)) => format!("{r}.{name}"),
            None => name.to_string(),
        };
        if let Some((Some(b), ty)) = recv {
            self.env.insert(b, Val::Typed(ty));
        }
        self.returns_net = field(node, "result").is_some_and(|r| {
            let first = if r.kind() == "parameter_list" {
                r.named_child(0).and_then(|d| field(d, "type"))
            } else {
                Some(r)
            };
            first.is_some_and(|t| is_net_type(&self.ctx.type_expr(t)))
        });
        if let Some(params) = field(node, "parameters") {
            self.bind_params(params, true);
        }
        if let Some(body) = field(node, "body") {
            self.walk(body);
        }
        self.env.clear();
    }

    /// Binds parameters; those of a net type (and listeners, round
    /// trippers) become [`NetRef::Param`] (only for declared functions,
    /// which callers can name).
    pub(super) fn bind_params(&mut self, list: Node<'a>, named_func: bool) {
        let mut index = 0u32;
        for decl in named_children(list) {
            let Some(ty) = field(decl, "type").map(|t| self.ctx.type_expr(t)) else {
                continue;
            };
            let names: Vec<Node> = decl.children_by_field_name("name").collect();
            if names.is_empty() {
                index += 1;
            }
            for n in names {
                let name = self.ctx.text(n).to_string();
                let net = named_of(&ty).is_some_and(|(p, t)| {
                    net_kind(p, t).is_some()
                        || matches!((p, t), ("net", "Listener") | ("net/http", "RoundTripper"))
                });
                let v = if net && named_func {
                    Val::Net(NetRef::Param {
                        func: self.scope.clone(),
                        index,
                    })
                } else if net {
                    Val::Opaque
                } else {
                    Val::Typed(ty.clone())
                };
                self.env.insert(name, v);
                index += 1;
            }
        }
    }

    fn package_values(&mut self, node: Node<'a>) {
        self.scope.clear();
        self.env.clear();
        self.returns_net = false;
        let mut stack = vec![node];
        let mut specs = Vec::new();
        while let Some(n) = stack.pop() {
            match n.kind() {
                "var_spec" | "const_spec" => specs.push(n),
                _ => stack.extend(named_children(n)),
            }
        }
        specs.reverse();
        for spec in specs {
            let names = spec_names(self.ctx, spec);
            let values = field(spec, "value").map(named_children).unwrap_or_default();
            if values.is_empty() && spec.kind() == "var_spec" {
                if let Some(obj) = self.zero_value(spec) {
                    for n in &names {
                        self.bind_home(NetHome::PkgVar { name: n.clone() }, obj.clone());
                    }
                }
                continue;
            }
            for (i, v) in values.iter().enumerate() {
                let name = names.get(i).filter(|_| names.len() == values.len());
                if let Some(list) = values::strings_literal(self, *v) {
                    if let Some(n) = name {
                        self.out.string_lists.push(StringListVar {
                            name: n.clone(),
                            value: list,
                            origin: self.ctx.origin(*v),
                        });
                    }
                    continue;
                }
                if let (Val::Net(r), Some(n)) = (self.eval(*v), name) {
                    self.bind_home(NetHome::PkgVar { name: n.clone() }, r);
                }
            }
        }
        self.env.clear();
    }

    /// `var srv http.Server`: a zero value of a net type is a fresh object.
    pub(super) fn zero_value(&mut self, spec: Node<'a>) -> Option<NetRef> {
        let ty = self.ctx.type_expr(field(spec, "type")?);
        let GoTypeExpr::Named { pkg, name, .. } = &ty else {
            return None;
        };
        let kind = net_kind(pkg, name)?;
        Some(self.new_object(Some(kind), NetBase::Fresh, spec))
    }

    pub(super) fn bind_home(&mut self, home: NetHome, value: NetRef) {
        self.out.bindings.push(NetBinding { home, value });
    }

    pub(super) fn new_object(&mut self, kind: Option<NetKind>, base: NetBase, at: Node) -> NetRef {
        let index = self.out.objects.len() as u32;
        self.out.objects.push(NetObject {
            kind,
            base,
            fields: Vec::new(),
            scope: self.scope.clone(),
            origin: self.ctx.origin(at),
        });
        NetRef::Local { index }
    }

    /// Records `target.name = value`.
    pub(super) fn set_field(&mut self, target: &NetRef, name: &str, value: NetValue, at: Node) {
        let field = NetField {
            name: name.to_string(),
            value,
            origin: self.ctx.origin(at),
        };
        if let NetRef::Local { index } = target {
            if let Some(obj) = self.out.objects.get_mut(*index as usize) {
                if tracked(obj.kind, name) {
                    obj.fields.push(field);
                }
                return;
            }
        }
        if tracked(None, name) {
            self.out.writes.push(NetWrite {
                target: target.clone(),
                field,
            });
        }
    }

    pub(super) fn call(
        &mut self,
        kind: NetCallKind,
        target: Option<NetRef>,
        arg: Option<NetRef>,
        at: Node,
    ) {
        self.out.calls.push(NetCall {
            kind,
            target,
            arg,
            origin: self.ctx.origin(at),
        });
    }

    /// Walks statements (and the expressions in them) in document order.
    pub(super) fn walk(&mut self, node: Node<'a>) {
        match node.kind() {
            "short_var_declaration" => self.bind_lists(node, true),
            "assignment_statement" => self.assignment(node),
            "var_spec" => self.var_spec(node),
            "const_spec" => {
                let names = spec_names(self.ctx, node);
                let values = field(node, "value").map(named_children).unwrap_or_default();
                for (n, v) in names.into_iter().zip(values) {
                    let s = values::str_expr(self, v);
                    self.env.insert(n, Val::Str(s));
                }
            }
            "return_statement" => {
                let Some(list) = node.named_child(0) else {
                    return;
                };
                let first = if list.kind() == "expression_list" {
                    named_children(list)
                } else {
                    vec![list]
                };
                for (i, e) in first.into_iter().enumerate() {
                    let v = self.eval(e);
                    if let (0, Val::Net(r), 0) = (i, v, self.in_literal) {
                        if rooted(&r) || self.returns_net {
                            let func = self.scope.clone();
                            self.bind_home(NetHome::Returned { func }, r);
                        }
                    }
                }
            }
            "call_expression"
            | "composite_literal"
            | "func_literal"
            | "unary_expression"
            | "selector_expression"
            | "type_assertion_expression"
            | "parenthesized_expression"
            | "binary_expression"
            | "index_expression" => {
                self.eval(node);
            }
            _ => self.walk_children(node),
        }
    }

    pub(super) fn walk_children(&mut self, node: Node<'a>) {
        for c in named_children(node) {
            self.walk(c);
        }
    }

    /// `a, b := x, y` (`define`) or `var a, b = x, y`.
    fn bind_lists(&mut self, node: Node<'a>, _define: bool) {
        let (Some(left), Some(right)) = (field(node, "left"), field(node, "right")) else {
            return;
        };
        let names = named_children(left);
        let values = named_children(right);
        let vals: Vec<Val> = values.iter().map(|v| self.value_of(*v)).collect();
        for (i, n) in names.iter().enumerate() {
            if n.kind() != "identifier" {
                continue;
            }
            let v = if vals.len() == names.len() {
                vals[i].clone()
            } else if i == 0 && vals.len() == 1 {
                // `ln, err := tls.Listen(...)`
                vals[0].clone()
            } else {
                Val::Opaque
            };
            self.env.insert(self.ctx.text(*n).to_string(), v);
        }
    }

    fn var_spec(&mut self, spec: Node<'a>) {
        let names = spec_names(self.ctx, spec);
        let values = field(spec, "value").map(named_children).unwrap_or_default();
        if values.is_empty() {
            let v = match self.zero_value(spec) {
                Some(r) => Val::Net(r),
                None => match field(spec, "type") {
                    Some(t) => Val::Typed(self.ctx.type_expr(t)),
                    None => Val::Opaque,
                },
            };
            for n in names {
                self.env.insert(n, v.clone());
            }
            return;
        }
        let vals: Vec<Val> = values.iter().map(|v| self.value_of(*v)).collect();
        for (i, n) in names.into_iter().enumerate() {
            let v = match vals.get(i) {
                Some(v) if vals.len() > 1 || i == 0 => v.clone(),
                _ => Val::Opaque,
            };
            self.env.insert(n, v);
        }
    }

    fn assignment(&mut self, node: Node<'a>) {
        let op = field(node, "operator")
            .map(|o| self.ctx.text(o))
            .unwrap_or("=");
        let (Some(left), Some(right)) = (field(node, "left"), field(node, "right")) else {
            return;
        };
        if op != "=" {
            self.walk(right);
            return;
        }
        let names = named_children(left);
        let values = named_children(right);
        if names.len() != values.len() {
            self.walk(right);
            if let Some(first) = names.first().filter(|n| n.kind() == "identifier") {
                self.env
                    .insert(self.ctx.text(*first).to_string(), Val::Opaque);
            }
            return;
        }
        for (n, v) in names.into_iter().zip(values) {
            match n.kind() {
                "identifier" => {
                    let name = self.ctx.text(n).to_string();
                    let val = self.value_of(v);
                    if let Some(slot) = self.env.get_mut(&name) {
                        *slot = val;
                    } else if let Val::Net(r) = val {
                        if rooted(&r) || matches!(r, NetRef::Call { .. }) {
                            self.bind_home(NetHome::PkgVar { name }, r);
                        }
                    }
                }
                "selector_expression" => self.field_assignment(n, v),
                "index_expression" => self.map_key_assignment(n, v),
                _ => {
                    self.eval(v);
                }
            }
        }
    }

    /// `x.F = v`: a field write, or a value kept in a struct field.
    fn field_assignment(&mut self, lhs: Node<'a>, rhs: Node<'a>) {
        let (Some(operand), Some(f)) = (field(lhs, "operand"), field(lhs, "field")) else {
            return;
        };
        let name = self.ctx.text(f).to_string();
        let target = self.eval(operand);
        match target {
            Val::Net(t) => {
                let value = values::field_value(self, &name, rhs);
                self.set_field(&t, &name, value, lhs);
            }
            Val::Typed(ty) => {
                let v = self.eval(rhs);
                let Val::Net(r) = v else { return };
                if !(rooted(&r) || matches!(r, NetRef::Call { .. })) {
                    return;
                }
                let owner = named_of(&ty)
                    .filter(|(p, _)| p.is_empty() || !is_std(p))
                    .map(|(p, n)| (p.to_string(), n.to_string()));
                self.bind_home(NetHome::Field { owner, field: name }, r);
            }
            _ => {
                self.eval(rhs);
            }
        }
    }

    /// `srv.TLSNextProto["h2"] = fn`: a key added to a map field.
    fn map_key_assignment(&mut self, lhs: Node<'a>, rhs: Node<'a>) {
        self.eval(rhs);
        let (Some(operand), Some(key)) = (field(lhs, "operand"), field(lhs, "index")) else {
            return;
        };
        if operand.kind() != "selector_expression" {
            return;
        }
        let (Some(x), Some(f)) = (field(operand, "operand"), field(operand, "field")) else {
            return;
        };
        let name = self.ctx.text(f);
        if name != "TLSNextProto" {
            return;
        }
        if let Val::Net(t) = self.eval(x) {
            let k = values::str_expr(self, key);
            self.set_field(&t, "TLSNextProto[]", NetValue::Map { keys: vec![k] }, lhs);
        }
    }

    /// A value for a local: string and string-list forms first (no side
    /// effects), else [`Self::eval`].
    fn value_of(&mut self, node: Node<'a>) -> Val {
        if let Some(list) = values::strings_literal(self, node) {
            return Val::Strs(list);
        }
        if string_value(node, self.ctx.src).is_some() {
            return Val::Str(values::str_expr(self, node));
        }
        self.eval(node)
    }
}

/// The names a `var_spec` / `const_spec` declares.
fn spec_names(ctx: &FileCtx, spec: Node) -> Vec<String> {
    let names: Vec<Node> = spec.children_by_field_name("name").collect();
    names.into_iter().map(|n| ctx.text(n).to_string()).collect()
}

#[cfg(test)]
mod tests;
