//! How one Go file configures protocol negotiation (`model::http2`):
//! `http.Transport`, `http.Server`, `tls.Config`, reverse proxies, clients
//! and TLS listeners, the fields set on them (in literals and in later
//! statements), where they are kept (package variables, struct fields,
//! return values), and the calls that serve them or turn HTTP/2 back on.
//!
//! Locals are tracked in document order, one function at a time; function
//! literals share the enclosing function's locals. What crosses functions
//! stays symbolic for `link::http2`.

use std::collections::HashMap;

use tree_sitter::Node;

use super::is_std;
use super::syntax::{field, is_builtin_func, named_children, string_value};
use super::types::{named_of, FileCtx};
use crate::model::{
    FuncRef, GoTypeExpr, NetBase, NetBinding, NetCall, NetCallKind, NetFacts, NetField, NetHome,
    NetKind, NetObject, NetRef, NetValue, NetWrite, PathExpr, Recv, StringListVar, StringsExpr,
};

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

/// Extracts the file's facts.
pub fn extract(ctx: &FileCtx, root: Node) -> NetFacts {
    let mut w = NetWalker {
        ctx,
        out: NetFacts::default(),
        env: HashMap::new(),
        scope: String::new(),
        returns_net: false,
        in_literal: 0,
    };
    for node in named_children(root) {
        match node.kind() {
            "function_declaration" | "method_declaration" => w.function(node),
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

    /// Binds parameters; those of a net type become [`NetRef::Param`]
    /// (only for declared functions, which callers can name).
    fn bind_params(&mut self, list: Node<'a>, named_func: bool) {
        let mut index = 0u32;
        for decl in named_children(list) {
            let Some(ty) = field(decl, "type").map(|t| self.ctx.type_expr(t)) else {
                continue;
            };
            let mut c = decl.walk();
            let names: Vec<Node> = decl.children_by_field_name("name", &mut c).collect();
            if names.is_empty() {
                index += 1;
            }
            for n in names {
                let name = self.ctx.text(n).to_string();
                let net = named_of(&ty).and_then(|(p, t)| net_kind(p, t)).is_some();
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
    fn zero_value(&mut self, spec: Node<'a>) -> Option<NetRef> {
        let ty = self.ctx.type_expr(field(spec, "type")?);
        let GoTypeExpr::Named { pkg, name, .. } = &ty else {
            return None;
        };
        let kind = net_kind(pkg, name)?;
        Some(self.new_object(Some(kind), NetBase::Fresh, spec))
    }

    fn bind_home(&mut self, home: NetHome, value: NetRef) {
        self.out.bindings.push(NetBinding { home, value });
    }

    fn new_object(&mut self, kind: Option<NetKind>, base: NetBase, at: Node) -> NetRef {
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
    fn set_field(&mut self, target: &NetRef, name: &str, value: NetValue, at: Node) {
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

    fn call(&mut self, kind: NetCallKind, target: Option<NetRef>, arg: Option<NetRef>, at: Node) {
        self.out.calls.push(NetCall {
            kind,
            target,
            arg,
            origin: self.ctx.origin(at),
        });
    }

    /// Walks statements (and the expressions in them) in document order.
    fn walk(&mut self, node: Node<'a>) {
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

    fn walk_children(&mut self, node: Node<'a>) {
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
                    if self.env.contains_key(&name) {
                        self.env.insert(name, val);
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
    let mut c = spec.walk();
    let names: Vec<Node> = spec.children_by_field_name("name", &mut c).collect();
    names.into_iter().map(|n| ctx.text(n).to_string()).collect()
}

impl<'c, 'a> NetWalker<'c, 'a> {
    /// Evaluates an expression: builds objects for constructions, records
    /// calls, and walks whatever it does not model (closures included).
    fn eval(&mut self, node: Node<'a>) -> Val {
        match node.kind() {
            "parenthesized_expression" => match node.named_child(0) {
                Some(inner) => self.eval(inner),
                None => Val::Opaque,
            },
            "unary_expression" => {
                let op = field(node, "operator").map(|o| self.ctx.text(o));
                match (op, field(node, "operand")) {
                    (Some("&") | Some("*"), Some(x)) => self.eval(x),
                    (_, Some(x)) => {
                        self.eval(x);
                        Val::Opaque
                    }
                    _ => Val::Opaque,
                }
            }
            "identifier" => {
                let name = self.ctx.text(node);
                match self.env.get(name) {
                    Some(v) => v.clone(),
                    None if matches!(name, "nil" | "true" | "false" | "iota") => Val::Opaque,
                    None if self.ctx.import(name).is_some() => Val::Opaque,
                    None => Val::Net(NetRef::PkgVar {
                        pkg: String::new(),
                        name: name.to_string(),
                    }),
                }
            }
            "selector_expression" => self.selector(node),
            "type_assertion_expression" => match field(node, "operand") {
                Some(x) => self.eval(x),
                None => Val::Opaque,
            },
            "composite_literal" => self.composite(node),
            "call_expression" => self.call_expr(node),
            "func_literal" => {
                let saved = self.env.clone();
                if let Some(p) = field(node, "parameters") {
                    self.bind_params(p, false);
                }
                self.in_literal += 1;
                if let Some(body) = field(node, "body") {
                    self.walk(body);
                }
                self.in_literal -= 1;
                self.env = saved;
                Val::Opaque
            }
            _ => {
                for c in named_children(node) {
                    self.eval_or_walk(c);
                }
                Val::Opaque
            }
        }
    }

    fn eval_or_walk(&mut self, node: Node<'a>) {
        if node.kind().ends_with("_statement") || node.kind() == "block" {
            self.walk(node);
        } else {
            self.eval(node);
        }
    }

    fn selector(&mut self, node: Node<'a>) -> Val {
        let (Some(x), Some(f)) = (field(node, "operand"), field(node, "field")) else {
            return Val::Opaque;
        };
        let name = self.ctx.text(f).to_string();
        if let Some(pkg) = self.import_of(x) {
            if pkg == "net/http" && name == "DefaultTransport" {
                return Val::Net(NetRef::DefaultTransport);
            }
            if is_std(pkg) {
                return Val::Opaque;
            }
            return Val::Net(NetRef::PkgVar {
                pkg: pkg.to_string(),
                name,
            });
        }
        match self.eval(x) {
            Val::Net(r) => Val::Net(NetRef::Sub {
                base: Box::new(r),
                field: name,
            }),
            Val::Typed(t) => match named_of(&t) {
                Some((p, n)) if p.is_empty() || !is_std(p) => Val::Net(NetRef::Field {
                    owner: Some((p.to_string(), n.to_string())),
                    field: name,
                }),
                _ => Val::Opaque,
            },
            _ => Val::Opaque,
        }
    }

    /// The import path an identifier names, when it is not shadowed.
    fn import_of(&self, node: Node) -> Option<&'c str> {
        if node.kind() != "identifier" {
            return None;
        }
        let name = self.ctx.text(node);
        if self.env.contains_key(name) {
            return None;
        }
        self.ctx.imports.get(name).map(String::as_str)
    }

    /// The net kind a composite literal's or `new`'s type names.
    fn kind_of_type(&self, node: Node) -> Option<NetKind> {
        let ty = match node.kind() {
            "selector_expression" => {
                let pkg = self.import_of(field(node, "operand")?)?;
                GoTypeExpr::Named {
                    pkg: pkg.to_string(),
                    name: self.ctx.text(field(node, "field")?).to_string(),
                    args: Vec::new(),
                }
            }
            _ => self.ctx.type_expr(node),
        };
        let (p, n) = named_of(&ty)?;
        net_kind(p, n)
    }

    fn composite(&mut self, node: Node<'a>) -> Val {
        let ty_node = field(node, "type");
        let kind = ty_node.and_then(|t| self.kind_of_type(t));
        let body = field(node, "body");
        let Some(kind) = kind else {
            let owner = ty_node
                .map(|t| self.ctx.type_expr(t))
                .and_then(|t| match t {
                    GoTypeExpr::Named { pkg, name, .. } if pkg.is_empty() || !is_std(&pkg) => {
                        Some((pkg, name))
                    }
                    _ => None,
                });
            if let Some(body) = body {
                self.module_struct(owner, body);
            }
            return match ty_node.map(|t| self.ctx.type_expr(t)) {
                Some(t @ GoTypeExpr::Named { .. }) => Val::Typed(t),
                _ => Val::Opaque,
            };
        };
        let obj = self.new_object(Some(kind), NetBase::Fresh, node);
        let Some(body) = body else {
            return Val::Net(obj);
        };
        for el in named_children(body) {
            if el.kind() != "keyed_element" {
                self.eval_element(el);
                continue;
            }
            let (Some(k), Some(v)) = (field(el, "key"), field(el, "value")) else {
                continue;
            };
            let key = self.ctx.text(k).trim().to_string();
            let value = v.named_child(0).unwrap_or(v);
            if tracked(Some(kind), &key) {
                let val = values::field_value(self, &key, value);
                self.set_field(&obj, &key, val, el);
            } else {
                self.eval_element(value);
            }
        }
        Val::Net(obj)
    }

    fn eval_element(&mut self, el: Node<'a>) {
        let inner = if el.kind() == "literal_element" {
            el.named_child(0)
        } else {
            Some(el)
        };
        if let Some(x) = inner {
            if x.kind() == "literal_value" {
                for c in named_children(x) {
                    self.eval_element(c);
                }
            } else {
                self.eval(x);
            }
        }
    }

    /// `&Gateway{transport: t}`: net values kept in fields of a module type.
    fn module_struct(&mut self, owner: Option<(String, String)>, body: Node<'a>) {
        for el in named_children(body) {
            if el.kind() != "keyed_element" {
                self.eval_element(el);
                continue;
            }
            let (Some(k), Some(v)) = (field(el, "key"), field(el, "value")) else {
                continue;
            };
            let value = v.named_child(0).unwrap_or(v);
            if value.kind() == "literal_value" {
                self.eval_element(v);
                continue;
            }
            if let (Val::Net(r), Some(o)) = (self.eval(value), owner.as_ref()) {
                if rooted(&r) || matches!(r, NetRef::Call { .. }) {
                    let field = self.ctx.text(k).trim().to_string();
                    self.bind_home(
                        NetHome::Field {
                            owner: Some(o.clone()),
                            field,
                        },
                        r,
                    );
                }
            }
        }
    }

    fn call_expr(&mut self, node: Node<'a>) -> Val {
        let Some(f) = field(node, "function") else {
            return Val::Opaque;
        };
        let arg_nodes = field(node, "arguments")
            .map(named_children)
            .unwrap_or_default();
        match f.kind() {
            "identifier" => {
                let name = self.ctx.text(f);
                if name == "new" {
                    if let Some(kind) = arg_nodes.first().and_then(|a| self.kind_of_type(*a)) {
                        return Val::Net(self.new_object(Some(kind), NetBase::Fresh, node));
                    }
                }
                let args = self.eval_args(&arg_nodes);
                if is_builtin_func(name) || self.env.contains_key(name) {
                    return Val::Opaque;
                }
                let func = FuncRef::Func {
                    pkg: String::new(),
                    name: name.to_string(),
                };
                self.module_call(func, args, node)
            }
            "selector_expression" => {
                let (Some(x), Some(m)) = (field(f, "operand"), field(f, "field")) else {
                    return Val::Opaque;
                };
                let method = self.ctx.text(m);
                if let Some(pkg) = self.import_of(x) {
                    return self.package_call(pkg, method, &arg_nodes, node);
                }
                let recv = self.eval(x);
                self.method_call(recv, method, &arg_nodes, node)
            }
            _ => {
                self.eval(f);
                self.eval_args(&arg_nodes);
                Val::Opaque
            }
        }
    }

    fn eval_args(&mut self, args: &[Node<'a>]) -> Vec<Val> {
        args.iter()
            .map(|a| {
                if a.kind() == "variadic_argument" {
                    if let Some(x) = a.named_child(0) {
                        self.eval(x);
                    }
                    Val::Opaque
                } else {
                    self.eval(*a)
                }
            })
            .collect()
    }

    /// A call to a function of the module (or of another module): passes
    /// of net values are recorded; the result stays symbolic.
    fn module_call(&mut self, func: FuncRef, args: Vec<Val>, at: Node) -> Val {
        let mut net_args = Vec::new();
        for (i, a) in args.into_iter().enumerate() {
            if let Val::Net(r) = a {
                if rooted(&r) {
                    self.call(
                        NetCallKind::Pass {
                            callee: func.clone(),
                            index: i as u32,
                        },
                        Some(r.clone()),
                        None,
                        at,
                    );
                }
                net_args.push(r);
            }
        }
        Val::Net(NetRef::Call {
            func,
            args: net_args,
        })
    }

    fn package_call(&mut self, pkg: &str, name: &str, arg_nodes: &[Node<'a>], at: Node) -> Val {
        let args = self.eval_args(arg_nodes);
        let net = |i: usize| match args.get(i) {
            Some(Val::Net(r)) => Some(r.clone()),
            _ => None,
        };
        match (pkg, name) {
            ("golang.org/x/net/http2", "ConfigureTransport" | "ConfigureTransports") => {
                self.call(NetCallKind::ConfigureTransport, net(0), None, at);
                Val::Opaque
            }
            ("golang.org/x/net/http2", "ConfigureServer") => {
                self.call(NetCallKind::ConfigureServer, net(0), None, at);
                Val::Opaque
            }
            ("crypto/tls", "Listen" | "NewListener") => {
                let cfg = if name == "Listen" { 2 } else { 1 };
                let ln = self.new_object(Some(NetKind::TlsListener), NetBase::Fresh, at);
                let value = match (net(cfg), arg_nodes.get(cfg)) {
                    (Some(r), _) => NetValue::Ref { to: r },
                    (None, Some(n)) if self.ctx.text(*n) == "nil" => NetValue::Nil,
                    _ => NetValue::Other,
                };
                self.set_field(&ln, "Config", value, at);
                Val::Net(ln)
            }
            ("net/http/httputil", "NewSingleHostReverseProxy") => {
                Val::Net(self.new_object(Some(NetKind::ReverseProxy), NetBase::Fresh, at))
            }
            ("net/http", "ListenAndServeTLS" | "ServeTLS" | "Serve") => {
                // The package functions serve with a zero `http.Server`.
                let srv = self.new_object(Some(NetKind::Server), NetBase::Fresh, at);
                if name == "Serve" {
                    self.call(NetCallKind::ServeListener, Some(srv), net(0), at);
                } else {
                    self.call(NetCallKind::ServeTls, Some(srv), None, at);
                }
                Val::Opaque
            }
            _ if is_std(pkg) => Val::Opaque,
            _ => {
                let func = FuncRef::Func {
                    pkg: pkg.to_string(),
                    name: name.to_string(),
                };
                self.module_call(func, args, at)
            }
        }
    }

    fn method_call(&mut self, recv: Val, method: &str, arg_nodes: &[Node<'a>], at: Node) -> Val {
        let args = self.eval_args(arg_nodes);
        let net = |i: usize| match args.get(i) {
            Some(Val::Net(r)) => Some(r.clone()),
            _ => None,
        };
        match (&recv, method) {
            (Val::Net(r), "Clone") if arg_nodes.is_empty() => {
                let (kind, base) = match r {
                    NetRef::DefaultTransport => {
                        (Some(NetKind::Transport), NetBase::DefaultTransport)
                    }
                    NetRef::Local { index } => (
                        self.out.objects.get(*index as usize).and_then(|o| o.kind),
                        NetBase::CloneOf { of: r.clone() },
                    ),
                    NetRef::Field { owner: None, .. } => return Val::Opaque,
                    _ => (None, NetBase::CloneOf { of: r.clone() }),
                };
                Val::Net(self.new_object(kind, base, at))
            }
            (Val::Net(r), "ListenAndServeTLS" | "ServeTLS") => {
                self.call(NetCallKind::ServeTls, Some(r.clone()), None, at);
                Val::Opaque
            }
            (Val::Net(r), "ListenAndServe") if arg_nodes.is_empty() => {
                self.call(NetCallKind::ServePlain, Some(r.clone()), None, at);
                Val::Opaque
            }
            (Val::Net(r), "Serve") if arg_nodes.len() == 1 => {
                if let Some(ln) = net(0) {
                    self.call(NetCallKind::ServeListener, Some(r.clone()), Some(ln), at);
                }
                Val::Opaque
            }
            (Val::Typed(t), _) => {
                let recv = match named_of(t) {
                    Some((p, n)) if p.is_empty() || !is_std(p) => Recv::Type {
                        pkg: p.to_string(),
                        name: n.to_string(),
                    },
                    _ => return Val::Opaque,
                };
                let func = FuncRef::Method {
                    recv,
                    name: method.to_string(),
                };
                self.module_call(func, args, at)
            }
            _ => Val::Opaque,
        }
    }
}

#[cfg(test)]
mod tests;
