//! Joins the router operations of every Go function into endpoints:
//! follows routers passed between functions and packages, group prefixes,
//! constants declared elsewhere, mounts and routers kept in struct fields.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::go_index::{named, FuncLoc, GoIndex};
use super::paths::{self, UNKNOWN};
use crate::model::{
    Endpoint, Framework, FuncKey, GoFunc, HandlerRef, Origin, PathExpr, RouteOp, RouterExpr,
};

/// What a router value is, once resolved: a root and the prefix of the
/// groups taken under it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Root {
    New(String, u32),
    DefaultMux(String),
    Field(String, String, String),
    PkgVar(String, String),
    /// A parameter of a function nobody was seen to call with a router.
    Unbound(FuncKey, u32),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Node {
    root: Root,
    prefix: String,
    framework: Option<Framework>,
    /// Groups taken from the root (their origins), for `Use` scoping.
    chain: Vec<(String, u32)>,
    middleware: Vec<FuncKey>,
}

impl Node {
    fn root(root: Root, framework: Option<Framework>) -> Node {
        Node {
            root,
            prefix: String::new(),
            framework,
            chain: Vec::new(),
            middleware: Vec::new(),
        }
    }
}

struct RawRoute {
    pattern: String,
    node: Node,
    method: String,
    path: String,
    subtree: bool,
    handler: Option<FuncKey>,
    handler_text: String,
    middleware: Vec<FuncKey>,
    framework: Framework,
    origin: Origin,
}

struct Mount {
    sub: Root,
    parent: Node,
    prefix: String,
    strip: bool,
}

#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub struct RouteStats {
    /// Endpoints whose path has a part seam could not determine.
    pub unknown_prefix: usize,
    /// Calls passing a router to a function seam could not find.
    pub unresolved_passes: usize,
}

pub struct Resolver<'i, 'a> {
    ix: &'i GoIndex<'a>,
    routes: Vec<RawRoute>,
    mounts: Vec<Mount>,
    aliases: HashMap<Root, Vec<Node>>,
    uses: Vec<(Node, Vec<FuncKey>)>,
    done: HashSet<(FuncKey, Vec<Option<Node>>)>,
    budget: usize,
    pub stats: RouteStats,
}

const MAX_DEPTH: u32 = 24;
const MAX_INSTANCES: usize = 200_000;

impl<'i, 'a> Resolver<'i, 'a> {
    pub fn new(ix: &'i GoIndex<'a>) -> Self {
        Resolver {
            ix,
            routes: Vec::new(),
            mounts: Vec::new(),
            aliases: HashMap::new(),
            uses: Vec::new(),
            done: HashSet::new(),
            budget: MAX_INSTANCES,
            stats: RouteStats::default(),
        }
    }

    /// Evaluates every function that is not called with routers by another
    /// one, and through them the rest; returns the endpoints.
    pub fn run(mut self) -> (Vec<Endpoint>, RouteStats) {
        let mut called: HashSet<FuncKey> = HashSet::new();
        let mut entries: Vec<FuncLoc> = Vec::new();
        for (f, go, pkg) in &self.ix.files {
            for func in &go.funcs {
                for op in &func.routes {
                    let callee = match op {
                        RouteOp::Pass { callee, args, .. } => {
                            self.callee(callee, pkg, &f.path, args)
                        }
                        _ => None,
                    };
                    if let Some(c) = callee {
                        called.insert(c.key());
                    }
                }
                collect_calls(func, &mut |callee, args| {
                    if let Some(c) = self.callee(callee, pkg, &f.path, args) {
                        called.insert(c.key());
                    }
                });
            }
        }
        for (f, go, pkg) in &self.ix.files {
            for func in &go.funcs {
                if func.routes.is_empty() || func.literal_at.is_some() {
                    continue;
                }
                let loc = FuncLoc {
                    file: f,
                    go,
                    func,
                    pkg: pkg.clone(),
                };
                if !called.contains(&loc.key()) {
                    entries.push(loc);
                }
            }
        }
        // Package-level router variables are roots with a value.
        let vars: Vec<_> = self
            .ix
            .router_vars()
            .into_iter()
            .map(|(pkg, v)| {
                (
                    (pkg.to_string(), v.name.clone()),
                    v.value.clone(),
                    pkg.to_string(),
                )
            })
            .collect();
        for ((pkg, name), value, var_pkg) in vars {
            if let Some(v) = value {
                if let Some(node) = self.eval_in(&v, &var_pkg, "", &[], None, 0) {
                    self.aliases
                        .entry(Root::PkgVar(pkg, name))
                        .or_default()
                        .push(node);
                }
            }
        }
        for loc in entries {
            let n = loc.func.params.len();
            self.instantiate(loc, vec![None; n], 0);
        }
        self.finish()
    }

    fn callee(
        &self,
        r: &crate::model::FuncRef,
        pkg: &str,
        path: &str,
        args: &[Option<RouterExpr>],
    ) -> Option<FuncLoc<'a>> {
        let wanted: Vec<usize> = args
            .iter()
            .enumerate()
            .filter(|(_, a)| a.is_some())
            .map(|(i, _)| i)
            .collect();
        // Only candidates that take something router-like where routers are passed.
        let accept = |f: &GoFunc| {
            wanted.iter().all(|i| {
                f.params
                    .get(*i)
                    .and_then(|p| named(&p.ty))
                    .is_some_and(|(pk, n)| !pk.is_empty() || !super::handlers::is_predeclared(n))
            })
        };
        self.ix.resolve(r, pkg, path, &accept)
    }

    fn instantiate(&mut self, loc: FuncLoc<'a>, args: Vec<Option<Node>>, depth: u32) {
        if depth > MAX_DEPTH || self.budget == 0 {
            return;
        }
        let key = loc.key();
        if !self.done.insert((key.clone(), args.clone())) {
            return;
        }
        self.budget -= 1;
        for op in &loc.func.routes {
            self.op(&loc, &key, op, &args, depth);
        }
    }

    fn op(
        &mut self,
        loc: &FuncLoc<'a>,
        key: &FuncKey,
        op: &RouteOp,
        args: &[Option<Node>],
        depth: u32,
    ) {
        let pkg: &str = &loc.pkg;
        let path = loc.file.path.as_str();
        let eval =
            |this: &mut Self, e: &RouterExpr| this.eval_in(e, pkg, path, args, Some(key), depth);
        match op {
            RouteOp::Register {
                router,
                framework,
                method,
                path: route_path,
                handlers,
                subtree,
                origin,
            } => {
                let Some(node) = eval(self, router) else {
                    return;
                };
                let fw = node.framework.or(*framework).unwrap_or(Framework::Gin);
                let mut path_str = self.path(route_path, pkg);
                let pattern = path_str.clone();
                let mut method = method.clone();
                let mut subtree = *subtree;
                if method.is_empty() {
                    let (m, rest) = split_method(&path_str);
                    method = m.unwrap_or("ANY").to_string();
                    path_str = rest.to_string();
                    // net/http: a pattern ending in `/` serves its subtree.
                    if matches!(fw, Framework::NetHttp) && path_str.ends_with('/') {
                        subtree = true;
                    }
                    // A host before the path (`example.com/x`).
                    if !path_str.starts_with('/') && !path_str.starts_with(UNKNOWN) {
                        if let Some(i) = path_str.find('/') {
                            path_str = path_str[i..].to_string();
                        }
                    }
                }
                let (handler_ref, mw_refs): (Option<&HandlerRef>, Vec<&HandlerRef>) = match fw {
                    Framework::Echo => (handlers.first(), handlers.iter().skip(1).collect()),
                    _ => (
                        handlers.last(),
                        handlers.iter().rev().skip(1).rev().collect(),
                    ),
                };
                let (handler, handler_text, mut middleware) = match handler_ref {
                    Some(h) => self.handler(h, pkg, path),
                    None => (None, String::new(), Vec::new()),
                };
                for m in mw_refs {
                    let (k, _, more) = self.handler(m, pkg, path);
                    middleware.extend(k);
                    middleware.extend(more);
                }
                self.routes.push(RawRoute {
                    pattern,
                    node,
                    method,
                    path: path_str,
                    subtree,
                    handler,
                    handler_text,
                    middleware,
                    framework: fw,
                    origin: origin.clone(),
                });
            }
            RouteOp::Mount {
                router,
                prefix,
                sub,
                strip,
                origin: _,
            } => {
                let (Some(parent), Some(sub)) = (eval(self, router), eval(self, sub)) else {
                    return;
                };
                let mut prefix = self.path(prefix, pkg);
                if prefix.ends_with('/') && prefix.len() > 1 {
                    prefix.pop();
                }
                let sub_prefix = sub.prefix.clone();
                self.mounts.push(Mount {
                    sub: sub.root,
                    parent,
                    prefix: paths::join(&[&prefix, &sub_prefix]),
                    strip: *strip || matches!(sub.framework, Some(Framework::Chi)),
                });
            }
            RouteOp::Pass {
                callee, args: pass, ..
            } => {
                let Some(target) = self.callee(callee, pkg, path, pass) else {
                    self.stats.unresolved_passes += 1;
                    return;
                };
                let n = target.func.params.len();
                let mut bound = vec![None; n];
                for (i, a) in pass.iter().enumerate() {
                    if let (Some(a), Some(slot)) = (a, bound.get_mut(i)) {
                        *slot = eval(self, a);
                    }
                }
                // `withCORS(mux)`: a function taking and returning an
                // http.Handler wraps the router; it runs before its routes.
                if is_handler_wrapper(target.func) {
                    let key = target.key();
                    for node in bound.iter().flatten() {
                        self.uses.push((node.clone(), vec![key.clone()]));
                    }
                }
                // A variadic tail of routers is rare; extra arguments are dropped.
                self.instantiate(target, bound, depth + 1);
            }
            RouteOp::Use {
                router, middleware, ..
            } => {
                let Some(node) = eval(self, router) else {
                    return;
                };
                let mut keys = Vec::new();
                for m in middleware {
                    let (k, _, more) = self.handler(m, pkg, path);
                    keys.extend(k);
                    keys.extend(more);
                }
                self.uses.push((node, keys));
            }
            RouteOp::SetField {
                owner,
                field,
                value,
            } => {
                let Some(node) = eval(self, value) else {
                    return;
                };
                let root = if owner.1.is_empty() {
                    Root::PkgVar(pkg.to_string(), field.clone())
                } else {
                    let owner_pkg = if owner.0.is_empty() {
                        pkg.to_string()
                    } else {
                        owner.0.clone()
                    };
                    Root::Field(owner_pkg, owner.1.clone(), field.clone())
                };
                let list = self.aliases.entry(root).or_default();
                if !list.contains(&node) {
                    list.push(node);
                }
            }
        }
    }

    /// Resolves a router expression in a function's context.
    fn eval_in(
        &mut self,
        e: &RouterExpr,
        pkg: &str,
        path: &str,
        args: &[Option<Node>],
        key: Option<&FuncKey>,
        depth: u32,
    ) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        match e {
            RouterExpr::New { framework, at } => Some(Node::root(
                Root::New(at.path.to_string(), at.start),
                Some(*framework),
            )),
            RouterExpr::DefaultMux => {
                let module = self
                    .ix
                    .module_of(super::go_index::parent_dir(path))
                    .map(|m| m.dir.clone())
                    .unwrap_or_default();
                Some(Node::root(
                    Root::DefaultMux(module),
                    Some(Framework::NetHttp),
                ))
            }
            RouterExpr::Param { index, framework } => match args.get(*index as usize) {
                Some(Some(n)) => Some(n.clone()),
                _ => {
                    let key = key?.clone();
                    let mut n = Node::root(Root::Unbound(key, *index), *framework);
                    n.prefix = UNKNOWN.to_string();
                    Some(n)
                }
            },
            RouterExpr::Field {
                owner: Some((opkg, oty)),
                field,
            } => {
                let owner_pkg = if opkg.is_empty() {
                    pkg.to_string()
                } else {
                    opkg.clone()
                };
                let root = Root::Field(owner_pkg.clone(), oty.clone(), field.clone());
                let fw = self
                    .ix
                    .field_type_expr(&owner_pkg, oty, field)
                    .and_then(|(t, tpkg)| {
                        let (p, n) = named(&t)?;
                        let p = if p.is_empty() { tpkg } else { p.to_string() };
                        crate::model::Framework::router_type(&p, n)
                    });
                if fw.is_none() && !self.aliases.contains_key(&root) {
                    return None;
                }
                Some(Node::root(root, fw))
            }
            RouterExpr::Field { owner: None, .. } => None,
            RouterExpr::PkgVar { pkg: vpkg, name } => {
                let vpkg = if vpkg.is_empty() {
                    pkg.to_string()
                } else {
                    vpkg.clone()
                };
                let var = self.ix.router_var(&vpkg, name)?;
                let fw = var
                    .framework
                    .or_else(|| var.value.as_ref().and_then(|v| v.framework_hint()));
                Some(Node::root(Root::PkgVar(vpkg, name.clone()), fw))
            }
            RouterExpr::Group {
                parent,
                prefix,
                middleware,
                at,
            } => {
                let mut node = self.eval_in(parent, pkg, path, args, key, depth + 1)?;
                let p = self.path(prefix, pkg);
                node.prefix = paths::join(&[&node.prefix, &p]);
                node.chain.push((at.path.to_string(), at.start));
                for m in middleware {
                    let (k, _, more) = self.handler(m, pkg, path);
                    node.middleware.extend(k);
                    node.middleware.extend(more);
                }
                Some(node)
            }
            RouterExpr::Call {
                callee,
                args: call_args,
            } => {
                let target = self
                    .ix
                    .resolve(callee, pkg, path, &|f| f.returns_router.is_some())?;
                let ret = target.func.returns_router.clone()?;
                let n = target.func.params.len();
                let mut bound = vec![None; n];
                for (i, a) in call_args.iter().enumerate() {
                    if let (Some(a), Some(slot)) = (a, bound.get_mut(i)) {
                        *slot = self.eval_in(a, pkg, path, args, key, depth + 1);
                    }
                }
                let tkey = target.key();
                let (tpkg, tpath) = (target.pkg.clone(), target.file.path.clone());
                self.instantiate(target, bound.clone(), depth + 1);
                self.eval_in(&ret, &tpkg, &tpath, &bound, Some(&tkey), depth + 1)
            }
        }
    }

    /// A path expression as a string; unknown parts become `{?}`.
    fn path(&self, p: &PathExpr, pkg: &str) -> String {
        self.path_depth(p, pkg, 0)
    }

    fn path_depth(&self, p: &PathExpr, pkg: &str, depth: u32) -> String {
        if depth > 16 {
            return UNKNOWN.into();
        }
        match p {
            PathExpr::Lit(s) => s.clone(),
            PathExpr::Const { pkg: cpkg, name } => {
                let cpkg = if cpkg.is_empty() { pkg } else { cpkg.as_str() };
                match self.ix.constant(cpkg, name) {
                    Some((v, vpkg)) => self.path_depth(v, &vpkg, depth + 1),
                    None => UNKNOWN.into(),
                }
            }
            PathExpr::Concat(parts) => parts
                .iter()
                .map(|x| self.path_depth(x, pkg, depth + 1))
                .collect(),
            PathExpr::Unknown => UNKNOWN.into(),
        }
    }

    /// The handler a reference resolves to, its text, and the wrappers
    /// around it (middleware).
    fn handler(
        &self,
        h: &HandlerRef,
        pkg: &str,
        path: &str,
    ) -> (Option<FuncKey>, String, Vec<FuncKey>) {
        match h {
            HandlerRef::Func { func } => {
                let loc = self.ix.resolve(func, pkg, path, &|_| true);
                let text = match func {
                    crate::model::FuncRef::Func { name, .. }
                    | crate::model::FuncRef::Method { name, .. } => name.clone(),
                    crate::model::FuncRef::Literal { .. } => "func literal".into(),
                };
                (loc.map(|l| l.key()), text, Vec::new())
            }
            HandlerRef::Wrapped { wrapper, inner } => {
                let mut out = self
                    .ix
                    .resolve(wrapper, pkg, path, &|_| true)
                    .map(|l| vec![l.key()])
                    .unwrap_or_default();
                match inner.first() {
                    Some(i) => {
                        let (k, text, more) = self.handler(i, pkg, path);
                        out.extend(more);
                        (k, text, out)
                    }
                    None => (None, String::new(), out),
                }
            }
            HandlerRef::Library { name } => (None, name.clone(), Vec::new()),
            HandlerRef::Cors { offset } => (
                Some(FuncKey::cors(path, *offset)),
                "CORS middleware".into(),
                Vec::new(),
            ),
            HandlerRef::Unknown { text } => (None, text.clone(), Vec::new()),
        }
    }

    /// The prefixes a root is served under.
    fn root_prefixes(&self, root: &Root, seen: &mut Vec<Root>) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        if seen.contains(root) || seen.len() > 16 {
            out.insert(UNKNOWN.to_string());
            return out;
        }
        seen.push(root.clone());
        for node in self.aliases.get(root).into_iter().flatten() {
            for p in self.root_prefixes(&node.root, seen) {
                out.insert(paths::join(&[&p, &node.prefix]));
            }
        }
        for m in self.mounts.iter().filter(|m| &m.sub == root) {
            for p in self.root_prefixes(&m.parent.root, seen) {
                let mount = if m.strip { m.prefix.as_str() } else { "" };
                out.insert(paths::join(&[&p, &m.parent.prefix, mount]));
            }
        }
        seen.pop();
        if out.is_empty() {
            out.insert(String::new());
        }
        out
    }

    /// Middleware added to the routers a root is mounted on or stored
    /// from (`r.Use(cors)` then `r.Mount("/api", sub)`, or a whole mux wrapped).
    fn inherited_uses(&self, root: &Root, out: &mut Vec<FuncKey>, seen: &mut Vec<Root>) {
        if seen.contains(root) || seen.len() > 16 {
            return;
        }
        seen.push(root.clone());
        let parents = self.aliases.get(root).into_iter().flatten().chain(
            self.mounts
                .iter()
                .filter(|m| &m.sub == root)
                .map(|m| &m.parent),
        );
        for parent in parents {
            for (node, keys) in &self.uses {
                if node.root == parent.root && parent.chain.starts_with(&node.chain) {
                    out.extend(keys.iter().cloned());
                }
            }
            out.extend(parent.middleware.iter().cloned());
            self.inherited_uses(&parent.root, out, seen);
        }
        seen.pop();
    }

    fn finish(mut self) -> (Vec<Endpoint>, RouteStats) {
        let mut endpoints = Vec::new();
        let routes = std::mem::take(&mut self.routes);
        for r in routes {
            let mut middleware = r.node.middleware.clone();
            middleware.extend(r.middleware.iter().cloned());
            for (node, keys) in &self.uses {
                if node.root == r.node.root && r.node.chain.starts_with(&node.chain) {
                    middleware.extend(keys.iter().cloned());
                }
            }
            self.inherited_uses(&r.node.root, &mut middleware, &mut Vec::new());
            middleware.sort();
            middleware.dedup();
            for prefix in self.root_prefixes(&r.node.root, &mut Vec::new()) {
                let full = paths::join(&[&prefix, &r.node.prefix, &r.path]);
                let full = if full.is_empty() {
                    "/".to_string()
                } else {
                    full
                };
                let (path, exact) = paths::parse(&full);
                let subtree = r.subtree && !exact;
                if path.has_unknown() {
                    self.stats.unknown_prefix += 1;
                }
                let module_dir = self
                    .ix
                    .module_of(super::go_index::parent_dir(&r.origin.path))
                    .map(|m| m.dir.clone());
                endpoints.push(Endpoint {
                    method: r.method.to_ascii_uppercase(),
                    path,
                    subtree,
                    host: None,
                    framework: r.framework,
                    pattern: r.pattern.clone(),
                    handler_text: r.handler_text.clone(),
                    handler: r.handler.clone(),
                    middleware: middleware.clone(),
                    module_dir,
                    origin: r.origin.clone(),
                });
            }
        }
        endpoints.sort_by(|a, b| {
            (&a.origin.path, a.origin.start, &a.method, &a.path).cmp(&(
                &b.origin.path,
                b.origin.start,
                &b.method,
                &b.path,
            ))
        });
        endpoints.dedup_by(|a, b| a.origin == b.origin && a.method == b.method && a.path == b.path);
        (endpoints, self.stats)
    }
}

/// Takes an `http.Handler` and returns one: middleware wrapping a router.
fn is_handler_wrapper(f: &GoFunc) -> bool {
    let is_handler = |t: &crate::model::GoTypeExpr| {
        named(t).is_some_and(|(p, n)| p == "net/http" && matches!(n, "Handler" | "HandlerFunc"))
    };
    f.routes.is_empty()
        && f.params.iter().any(|p| is_handler(&p.ty))
        && f.results.first().is_some_and(is_handler)
}

/// `GET /x` → (`GET`, `/x`); host parts are left for the caller.
fn split_method(pattern: &str) -> (Option<&str>, &str) {
    let trimmed = pattern.trim_start();
    if let Some((m, rest)) = trimmed.split_once([' ', '\t']) {
        if !m.is_empty() && m.chars().all(|c| c.is_ascii_uppercase()) {
            return (Some(m), rest.trim_start());
        }
    }
    (None, trimmed)
}

/// Calls a function makes to routers' producers (for the called set).
fn collect_calls(func: &GoFunc, f: &mut dyn FnMut(&crate::model::FuncRef, &[Option<RouterExpr>])) {
    fn walk(e: &RouterExpr, f: &mut dyn FnMut(&crate::model::FuncRef, &[Option<RouterExpr>])) {
        match e {
            RouterExpr::Call { callee, args } => {
                f(callee, args);
                for a in args.iter().flatten() {
                    walk(a, f);
                }
            }
            RouterExpr::Group { parent, .. } => walk(parent, f),
            _ => {}
        }
    }
    for op in &func.routes {
        match op {
            RouteOp::Register { router, .. } | RouteOp::Use { router, .. } => walk(router, f),
            RouteOp::Mount { router, sub, .. } => {
                walk(router, f);
                walk(sub, f);
            }
            RouteOp::Pass { args, .. } => args.iter().flatten().for_each(|a| walk(a, f)),
            RouteOp::SetField { value, .. } => walk(value, f),
        }
    }
}
