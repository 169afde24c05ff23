//! axum routers in a function body: `Router::new()` chains of `.route`,
//! `.route_service`, `.nest`, `.nest_service`, `.merge` (through `.layer`,
//! `.with_state`, ...), method routers `get(a).post(b)`, and routers bound
//! to `let` variables or returned by other functions of the crate
//! (`.nest("/api", api::routes())`). `Router` and the method-router
//! functions count when the file takes them from `axum`.

use std::collections::HashMap;

use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::Expr;

use super::rtype::segments;
use super::sig::text;
use crate::model::{Origin, RustMethodHandler, RustRouteOp, RustRouter};

/// What a file's `use` declarations bring in: local name → full path,
/// and the modules imported with `*`.
#[derive(Default)]
pub struct Uses {
    names: HashMap<String, Vec<String>>,
    globs: Vec<Vec<String>>,
}

impl Uses {
    pub fn add(&mut self, path: &[String], name: &str) {
        if name == "*" {
            self.globs
                .push(path[..path.len().saturating_sub(1)].to_vec());
        } else if name != "_" {
            self.names.insert(name.to_string(), path.to_vec());
        }
    }

    /// The `axum::...` path a written path stands for, if it is axum's.
    fn axum(&self, segs: &[String]) -> Option<Vec<String>> {
        let segs = match segs.first().map(String::as_str) {
            Some("") => &segs[1..],
            _ => segs,
        };
        let first = segs.first()?;
        if first == "axum" {
            return Some(segs.to_vec());
        }
        if let Some(full) = self.names.get(first) {
            let mut p = full.clone();
            p.extend(segs[1..].iter().cloned());
            return (p.first().map(String::as_str) == Some("axum")).then_some(p);
        }
        let g = self
            .globs
            .iter()
            .find(|g| g.first().map(String::as_str) == Some("axum"))?;
        let mut p = g.clone();
        p.extend(segs.iter().cloned());
        Some(p)
    }

    /// Does the path start with a name imported from another crate (not
    /// axum)? Its call returns no router of this crate.
    fn foreign(&self, segs: &[String]) -> bool {
        let Some(full) = segs.first().and_then(|f| self.names.get(f)) else {
            return false;
        };
        !matches!(
            full.first().map(String::as_str),
            Some("crate" | "self" | "super" | "axum")
        )
    }

    fn is_router_new(&self, segs: &[String]) -> bool {
        self.axum(segs)
            .is_some_and(|p| p.len() >= 2 && p[p.len() - 2] == "Router" && p[p.len() - 1] == "new")
    }

    /// `get` → `GET` for axum's method-router functions (`get_service` → `GET`, service).
    fn method_fn(&self, segs: &[String]) -> Option<(String, bool)> {
        let p = self.axum(segs)?;
        let last = p.last()?;
        let (m, service) = match last.strip_suffix("_service") {
            Some(m) => (m, true),
            None => (last.as_str(), false),
        };
        method_name(m).map(|m| (m, service))
    }
}

/// axum's method-router names in upper case (`any` → `ANY`).
fn method_name(m: &str) -> Option<String> {
    matches!(
        m,
        "get"
            | "post"
            | "put"
            | "delete"
            | "patch"
            | "head"
            | "options"
            | "trace"
            | "connect"
            | "any"
    )
    .then(|| m.to_ascii_uppercase())
}

/// Methods of `Router` that return the router with something added
/// around it, or the router turned into a service: seen through.
const PASSTHROUGH: &[&str] = &[
    "layer",
    "route_layer",
    "with_state",
    "fallback",
    "fallback_service",
    "method_not_allowed_fallback",
    "into_make_service",
    "into_make_service_with_connect_info",
    "into_service",
    "handle_error",
];

/// Deeper expressions than this are not followed (a guard against
/// generated code; real router chains are far shorter).
const MAX_DEPTH: u32 = 200;

pub struct Ctx<'a> {
    pub uses: &'a Uses,
    pub origin: &'a dyn Fn(proc_macro2::Span, proc_macro2::Span) -> Origin,
}

/// The routers one function body builds.
#[derive(Default)]
pub struct Routers {
    /// Built and used here (served, or handed to a call seam does not follow).
    pub served: Vec<RustRouter>,
    pub returned: Option<RustRouter>,
}

struct Binding {
    name: String,
    router: RustRouter,
    /// Known to be a router (built from `Router::new()`, or used as one).
    definite: bool,
    consumed: bool,
}

struct Walk<'c, 'a> {
    cx: &'c Ctx<'a>,
    env: Vec<Binding>,
    out: Routers,
    /// The function is declared to return a `Router`.
    returns_router: bool,
    /// Inside a closure or an async block, whose `return` is its own.
    nested: u32,
    /// Expression nesting of the visit.
    depth: u32,
}

/// The routers of a function body. `returns_router`: the declared return
/// type is a `Router`, so a returned call result is one too.
pub fn routers(block: &syn::Block, returns_router: bool, cx: &Ctx) -> Routers {
    let mut w = Walk {
        cx,
        env: Vec::new(),
        out: Routers::default(),
        returns_router,
        nested: 0,
        depth: 0,
    };
    let n = block.stmts.len();
    for (i, stmt) in block.stmts.iter().enumerate() {
        if let (true, syn::Stmt::Expr(tail, None)) = (i + 1 == n, stmt) {
            w.ret(tail);
        } else {
            w.visit_stmt(stmt);
        }
    }
    for b in w.env {
        if b.definite && !b.consumed {
            w.out.served.push(b.router);
        }
    }
    w.out
}

fn lit(e: &Expr) -> Option<String> {
    match e {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        Expr::Paren(p) => lit(&p.expr),
        Expr::Group(g) => lit(&g.expr),
        _ => None,
    }
}

fn ident_of_pat(p: &syn::Pat) -> Option<String> {
    match p {
        syn::Pat::Ident(i) => Some(i.ident.to_string()),
        syn::Pat::Type(t) => ident_of_pat(&t.pat),
        _ => None,
    }
}

impl Walk<'_, '_> {
    fn ret(&mut self, e: &Expr) {
        match self.eval(e, self.returns_router) {
            Some((r, true)) => self.out.returned = Some(r),
            _ => self.visit_expr(e),
        }
    }

    /// The router an expression denotes, and whether it surely is one.
    /// `strict`: the position takes a router (`nest`'s argument), so a
    /// call of a crate function is taken as returning one.
    fn eval(&mut self, e: &Expr, strict: bool) -> Option<(RustRouter, bool)> {
        self.eval_at(e, strict, 0)
    }

    fn eval_at(&mut self, e: &Expr, strict: bool, depth: u32) -> Option<(RustRouter, bool)> {
        if depth > MAX_DEPTH {
            return None;
        }
        let d = depth + 1;
        match e {
            Expr::Paren(p) => self.eval_at(&p.expr, strict, d),
            Expr::Group(g) => self.eval_at(&g.expr, strict, d),
            Expr::Await(a) => self.eval_at(&a.base, strict, d),
            Expr::Try(t) => self.eval_at(&t.expr, strict, d),
            Expr::Call(c) => {
                let Expr::Path(p) = &*c.func else {
                    return None;
                };
                let segs = segments(&p.path);
                if self.cx.uses.is_router_new(&segs) {
                    return Some((RustRouter::default(), true));
                }
                if segs == ["Ok"] || segs == ["Some"] {
                    return self.eval_at(c.args.first()?, strict, d);
                }
                (strict && !self.cx.uses.foreign(&segs)).then(|| {
                    let op = RustRouteOp::Call {
                        callee: segs,
                        origin: (self.cx.origin)(c.span(), c.span()),
                    };
                    (RustRouter { ops: vec![op] }, true)
                })
            }
            Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
                let name = p.path.segments[0].ident.to_string();
                let b = self.env.iter_mut().rev().find(|b| b.name == name)?;
                b.consumed = true;
                b.definite |= strict;
                Some((b.router.clone(), b.definite))
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                let building = matches!(
                    name.as_str(),
                    "route" | "route_service" | "nest" | "nest_service" | "merge"
                );
                if !building && !PASSTHROUGH.contains(&name.as_str()) {
                    return None;
                }
                let (mut r, definite) = self.eval_at(&m.receiver, strict || building, d)?;
                let origin = (self.cx.origin)(m.method.span(), m.paren_token.span.close());
                let arg = |i: usize| m.args.iter().nth(i);
                match name.as_str() {
                    "route" => {
                        let path = arg(0).and_then(lit);
                        let handlers = arg(1).map(|h| self.method_router(h)).unwrap_or_default();
                        r.ops.push(RustRouteOp::Route {
                            path,
                            handlers,
                            origin,
                        });
                    }
                    "route_service" | "nest_service" => r.ops.push(RustRouteOp::Service {
                        path: arg(0).and_then(lit),
                        subtree: name == "nest_service",
                        text: arg(1).map(text).unwrap_or_default(),
                        origin,
                    }),
                    "nest" => {
                        let prefix = arg(0).and_then(lit);
                        if let Some((sub, _)) = arg(1).and_then(|a| self.eval_at(a, true, d)) {
                            r.ops.push(RustRouteOp::Nest {
                                prefix,
                                router: sub,
                                origin,
                            });
                        }
                    }
                    "merge" => {
                        if let Some((sub, _)) = arg(0).and_then(|a| self.eval_at(a, true, d)) {
                            r.ops.push(RustRouteOp::Merge { router: sub });
                        }
                    }
                    _ => {}
                }
                Some((r, definite || building))
            }
            _ => None,
        }
    }

    /// `get(a).post(b)`, `axum::routing::get(a)`, `on(MethodFilter::GET, a)`,
    /// `get_service(svc)`; anything else is one handler for any method.
    fn method_router(&self, e: &Expr) -> Vec<RustMethodHandler> {
        let mut out = Vec::new();
        if !self.methods(e, &mut out, 0) {
            out = vec![self.handler("ANY", e, false)];
        }
        out
    }

    fn methods(&self, e: &Expr, out: &mut Vec<RustMethodHandler>, depth: u32) -> bool {
        if depth > 32 {
            return false;
        }
        match e {
            Expr::Paren(p) => self.methods(&p.expr, out, depth + 1),
            Expr::Call(c) => {
                let Expr::Path(p) = &*c.func else {
                    return false;
                };
                let segs = segments(&p.path);
                if let Some((m, service)) = self.cx.uses.method_fn(&segs) {
                    if let Some(h) = c.args.first() {
                        out.push(self.handler(&m, h, service));
                    }
                    return true;
                }
                let is_on = self
                    .cx
                    .uses
                    .axum(&segs)
                    .is_some_and(|p| p.last().is_some_and(|l| l == "on" || l == "on_service"));
                if is_on {
                    if let (Some(f), Some(h)) = (c.args.first(), c.args.iter().nth(1)) {
                        let service = segs.last().is_some_and(|l| l == "on_service");
                        for m in filter_methods(f) {
                            out.push(self.handler(&m, h, service));
                        }
                    }
                    return true;
                }
                false
            }
            Expr::MethodCall(m) => {
                let name = m.method.to_string();
                let (base, service) = match name.strip_suffix("_service") {
                    Some(b) => (b, true),
                    None => (name.as_str(), false),
                };
                if let Some(method) = method_name(base) {
                    if !self.methods(&m.receiver, out, depth + 1) {
                        return false;
                    }
                    if let Some(h) = m.args.first() {
                        out.push(self.handler(&method, h, service));
                    }
                    return true;
                }
                if base == "on" {
                    if !self.methods(&m.receiver, out, depth + 1) {
                        return false;
                    }
                    if let (Some(f), Some(h)) = (m.args.first(), m.args.iter().nth(1)) {
                        for method in filter_methods(f) {
                            out.push(self.handler(&method, h, service));
                        }
                    }
                    return true;
                }
                // `.layer(..)`, `.with_state(..)`, `.fallback(..)` on a method router.
                PASSTHROUGH.contains(&name.as_str()) && self.methods(&m.receiver, out, depth + 1)
            }
            _ => false,
        }
    }

    fn handler(&self, method: &str, e: &Expr, service: bool) -> RustMethodHandler {
        let path = match (service, e) {
            (false, Expr::Path(p)) if p.qself.is_none() => Some(segments(&p.path)),
            _ => None,
        };
        RustMethodHandler {
            method: method.to_string(),
            path,
            text: text(e),
            origin: (self.cx.origin)(e.span(), e.span()),
        }
    }

    fn bind(&mut self, name: String, e: &Expr) -> bool {
        let maybe_call = matches!(e, Expr::Call(_));
        match self.eval(e, false) {
            Some((router, definite)) => {
                self.env.push(Binding {
                    name,
                    router,
                    definite,
                    consumed: false,
                });
                true
            }
            // `let api = api::routes();`: a router once it is used as one.
            None if maybe_call => match self.eval(e, true) {
                Some((router, _)) => {
                    self.env.push(Binding {
                        name,
                        router,
                        definite: false,
                        consumed: false,
                    });
                    // The call's arguments may hold routers too.
                    syn::visit::visit_expr(self, e);
                    true
                }
                None => false,
            },
            None => false,
        }
    }
}

/// `MethodFilter::GET`, `MethodFilter::GET.or(MethodFilter::POST)`.
fn filter_methods(e: &Expr) -> Vec<String> {
    match e {
        Expr::Path(p) => p
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string().to_ascii_uppercase())
            .into_iter()
            .collect(),
        Expr::MethodCall(m) if m.method == "or" => {
            let mut v = filter_methods(&m.receiver);
            if let Some(a) = m.args.first() {
                v.extend(filter_methods(a));
            }
            v
        }
        _ => vec!["ANY".into()],
    }
}

impl<'ast> Visit<'ast> for Walk<'_, '_> {
    fn visit_item(&mut self, _: &'ast syn::Item) {}

    fn visit_macro(&mut self, _: &'ast syn::Macro) {}

    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let (Some(name), Some(init)) = (ident_of_pat(&l.pat), &l.init) {
            if self.bind(name, &init.expr) {
                return;
            }
        }
        syn::visit::visit_local(self, l);
    }

    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        if let Expr::Path(p) = &*a.left {
            if let Some(id) = p.path.get_ident() {
                if self.bind(id.to_string(), &a.right) {
                    return;
                }
            }
        }
        syn::visit::visit_expr_assign(self, a);
    }

    fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
        match &r.expr {
            Some(e) if self.nested == 0 => self.ret(e),
            _ => syn::visit::visit_expr_return(self, r),
        }
    }

    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        self.nested += 1;
        syn::visit::visit_expr_closure(self, c);
        self.nested -= 1;
    }

    fn visit_expr_async(&mut self, a: &'ast syn::ExprAsync) {
        self.nested += 1;
        syn::visit::visit_expr_async(self, a);
        self.nested -= 1;
    }

    fn visit_expr(&mut self, e: &'ast Expr) {
        if self.depth > MAX_DEPTH {
            return;
        }
        match self.eval(e, false) {
            Some((r, true)) => self.out.served.push(r),
            _ => {
                self.depth += 1;
                syn::visit::visit_expr(self, e);
                self.depth -= 1;
            }
        }
    }
}
