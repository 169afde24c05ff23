//! Expressions: constructions become objects, calls to net/http, crypto/tls
//! and x/net/http2 become calls, calls to the module stay symbolic, and
//! whatever is not modelled is walked for what it contains (closures).

use super::super::tree::Node;

use super::super::is_std;
use super::super::syntax::{field, is_builtin_func, named_children};
use super::super::types::named_of;
use super::{net_kind, rooted, tracked, values, NetWalker, Val};
use crate::model::{
    FuncRef, GoTypeExpr, NetBase, NetCallKind, NetHome, NetKind, NetRef, NetValue, Recv,
};

impl<'c, 'a> NetWalker<'c, 'a> {
    /// Evaluates an expression: builds objects for constructions, records
    /// calls, and walks whatever it does not model (closures included).
    pub(super) fn eval(&mut self, node: Node<'a>) -> Val {
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

    pub(super) fn eval_or_walk(&mut self, node: Node<'a>) {
        if node.kind().ends_with("_statement") || node.kind() == "block" {
            self.walk(node);
        } else {
            self.eval(node);
        }
    }

    pub(super) fn selector(&mut self, node: Node<'a>) -> Val {
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
    pub(super) fn import_of(&self, node: Node) -> Option<&'c str> {
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
    pub(super) fn kind_of_type(&self, node: Node) -> Option<NetKind> {
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

    pub(super) fn composite(&mut self, node: Node<'a>) -> Val {
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
        // Where a literal is built: its type name, not the whole literal.
        let obj = self.new_object(Some(kind), NetBase::Fresh, ty_node.unwrap_or(node));
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
                self.set_field(&obj, &key, val, k);
            } else {
                self.eval_element(value);
            }
        }
        Val::Net(obj)
    }

    pub(super) fn eval_element(&mut self, el: Node<'a>) {
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
    pub(super) fn module_struct(&mut self, owner: Option<(String, String)>, body: Node<'a>) {
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

    pub(super) fn call_expr(&mut self, node: Node<'a>) -> Val {
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

    pub(super) fn eval_args(&mut self, args: &[Node<'a>]) -> Vec<Val> {
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
    pub(super) fn module_call(&mut self, func: FuncRef, args: Vec<Val>, at: Node) -> Val {
        let mut net_args = Vec::new();
        for (i, a) in args.into_iter().enumerate() {
            if let Val::Net(r) = a {
                // Values of this function, and struct fields (`s.listener`).
                if rooted(&r) || matches!(r, NetRef::Field { owner: Some(_), .. }) {
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

    pub(super) fn package_call(
        &mut self,
        pkg: &str,
        name: &str,
        arg_nodes: &[Node<'a>],
        at: Node,
    ) -> Val {
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

    pub(super) fn method_call(
        &mut self,
        recv: Val,
        method: &str,
        arg_nodes: &[Node<'a>],
        at: Node,
    ) -> Val {
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
