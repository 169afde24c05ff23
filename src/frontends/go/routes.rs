//! Router operations of one function body: registrations, groups, mounts,
//! routers passed to other functions. Values are tracked flow-insensitively
//! through local variables; what crosses functions is left symbolic
//! (`RouterExpr::Param`, `FuncRef`) for `link::go_routes`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::tree::Node;

use super::frameworks::{self, MethodArg};
use super::syntax::{field, is_builtin_func, named_children, string_value, unparen};
use super::types::{named_of, FileCtx};
use crate::model::{
    Framework, FuncRef, GoParam, GoTypeExpr, HandlerRef, PathExpr, Recv, RouteOp, RouterExpr,
};

#[derive(Clone, Debug)]
enum Binding {
    Router(RouterExpr),
    Typed(GoTypeExpr),
    Path(PathExpr),
    Handler(HandlerRef),
    /// The result of a module function (`h := handlers.New(db)`).
    Result(FuncRef),
    /// A local whose value seam does not follow.
    Opaque,
}

pub struct FuncWalker<'c, 'a> {
    ctx: &'c FileCtx<'a>,
    imported: Vec<Framework>,
    env: HashMap<String, Binding>,
    /// Calls seen as the operand of a method call (not chain tops), by node id.
    chain_inner: HashSet<usize>,
    pub ops: Vec<RouteOp>,
    pub returns: Option<RouterExpr>,
}

/// A gorilla/mux route under construction along a method chain.
#[derive(Default)]
struct GorillaRoute {
    router: Option<RouterExpr>,
    path: Option<PathExpr>,
    prefix: bool,
    methods: Vec<String>,
    handler: Option<HandlerRef>,
}

impl<'c, 'a> FuncWalker<'c, 'a> {
    pub fn new(ctx: &'c FileCtx<'a>, imported: Vec<Framework>) -> Self {
        FuncWalker {
            ctx,
            imported,
            env: HashMap::default(),
            chain_inner: HashSet::default(),
            ops: Vec::new(),
            returns: None,
        }
    }

    /// Binds the receiver and parameters of the function being walked.
    pub fn bind_params(&mut self, recv: Option<(&str, GoTypeExpr)>, params: &[GoParam]) {
        if let Some((name, ty)) = recv {
            if !name.is_empty() {
                self.env.insert(name.to_string(), Binding::Typed(ty));
            }
        }
        for (i, p) in params.iter().enumerate() {
            if p.name.is_empty() || p.name == "_" {
                continue;
            }
            let b = match named_of(&p.ty).and_then(|(pkg, n)| frameworks::router_type(pkg, n)) {
                Some(fw) => Binding::Router(RouterExpr::Param {
                    index: i as u32,
                    framework: Some(fw),
                }),
                None => Binding::Typed(p.ty.clone()),
            };
            self.env.insert(p.name.clone(), b);
        }
    }

    /// Walks a node and everything under it, in document order.
    pub fn walk(&mut self, node: Node<'a>) {
        match node.kind() {
            "short_var_declaration" => {
                if let Some(r) = field(node, "right") {
                    self.walk(r);
                }
                self.bind_lists(field(node, "left"), field(node, "right"));
                return;
            }
            "var_spec" => {
                if let Some(v) = field(node, "value") {
                    self.walk(v);
                }
                self.var_spec(node);
                return;
            }
            "assignment_statement" => {
                if let Some(r) = field(node, "right") {
                    self.walk(r);
                }
                self.assignment(node);
                return;
            }
            "return_statement" => {
                if let Some(list) = node.named_child(0) {
                    if let Some(first) = list.named_child(0).or(Some(list)) {
                        if let Some(r) = self.router(first, false) {
                            self.returns = Some(r);
                        }
                    }
                }
            }
            "func_literal" => {
                let saved = self.env.clone();
                for (name, ty) in self.literal_params(node) {
                    let b = match named_of(&ty).and_then(|(p, n)| frameworks::router_type(p, n)) {
                        // A literal's own router parameter is bound where it is
                        // passed (chi `Route`); elsewhere it is unknown.
                        Some(_) => Binding::Opaque,
                        None => Binding::Typed(ty),
                    };
                    self.env.insert(name, b);
                }
                if let Some(body) = field(node, "body") {
                    self.walk(body);
                }
                self.env = saved;
                return;
            }
            "composite_literal" => self.composite_fields(node),
            "call_expression" => {
                // `a.B().C()`: only the top of a method chain is a call of
                // its own; the inner calls are parts of it.
                let top = !self.chain_inner.remove(&node.id());
                if top && self.call(node) {
                    return;
                }
                if let Some(inner) = chain_operand(node) {
                    self.chain_inner.insert(inner.id());
                }
            }
            _ => {}
        }
        for child in node.named_children() {
            self.walk(child);
        }
    }

    fn literal_params(&self, lit: Node) -> Vec<(String, GoTypeExpr)> {
        let mut out = Vec::new();
        let Some(list) = field(lit, "parameters") else {
            return out;
        };
        for decl in named_children(list) {
            let Some(ty) = field(decl, "type") else {
                continue;
            };
            let ty = self.ctx.type_expr(ty);
            for n in decl.children_by_field_name("name") {
                out.push((self.ctx.text(n).to_string(), ty.clone()));
            }
        }
        out
    }

    fn bind_lists(&mut self, left: Option<Node<'a>>, right: Option<Node<'a>>) {
        let (Some(left), Some(right)) = (left, right) else {
            return;
        };
        let names = named_children(left);
        let values = named_children(right);
        for (i, n) in names.iter().enumerate() {
            if n.kind() != "identifier" {
                continue;
            }
            let name = self.ctx.text(*n).to_string();
            let b = if names.len() == values.len() {
                self.binding_of(values[i])
            } else {
                Binding::Opaque
            };
            self.env.insert(name, b);
        }
    }

    fn var_spec(&mut self, spec: Node<'a>) {
        let ty = field(spec, "type").map(|t| self.ctx.type_expr(t));
        let values = field(spec, "value").map(named_children).unwrap_or_default();
        let names: Vec<Node> = spec.children_by_field_name("name").collect();
        for (i, n) in names.iter().enumerate() {
            let name = self.ctx.text(*n).to_string();
            let b = match (values.get(i), &ty) {
                (Some(v), _) if names.len() == values.len() => self.binding_of(*v),
                (_, Some(t)) => {
                    match named_of(t).and_then(|(p, n)| frameworks::router_type(p, n)) {
                        Some(_) => Binding::Opaque,
                        None => Binding::Typed(t.clone()),
                    }
                }
                _ => Binding::Opaque,
            };
            self.env.insert(name, b);
        }
    }

    fn binding_of(&self, value: Node<'a>) -> Binding {
        if let (Some(offset), "call_expression") = (self.cors_of(value), value.kind()) {
            return Binding::Handler(HandlerRef::Cors { offset });
        }
        if let Some(r) = self.router(value, false) {
            return Binding::Router(r);
        }
        if let Some(ty) = self.value_type(value) {
            return Binding::Typed(ty);
        }
        if let Some(func) = self.callee_of(value) {
            return Binding::Result(func);
        }
        if value.kind() == "func_literal" {
            return Binding::Handler(HandlerRef::Func {
                func: FuncRef::Literal {
                    offset: value.start_byte() as u32,
                },
            });
        }
        match self.path(value) {
            PathExpr::Unknown => Binding::Opaque,
            p => Binding::Path(p),
        }
    }

    /// The static type of a value expression, where it is plain to see.
    fn value_type(&self, v: Node) -> Option<GoTypeExpr> {
        match v.kind() {
            "composite_literal" => field(v, "type").map(|t| self.ctx.type_expr(t)),
            "unary_expression" => {
                let inner = field(v, "operand")?;
                let t = self.value_type(inner)?;
                Some(GoTypeExpr::Pointer { elem: Box::new(t) })
            }
            "call_expression" => {
                let f = field(v, "function")?;
                if self.ctx.text(f) == "new" {
                    let arg = field(v, "arguments")?.named_child(0)?;
                    return Some(GoTypeExpr::Pointer {
                        elem: Box::new(self.ctx.type_expr(arg)),
                    });
                }
                None
            }
            "identifier" => match self.env.get(self.ctx.text(v)) {
                Some(Binding::Typed(t)) => Some(t.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    fn assignment(&mut self, node: Node<'a>) {
        let op = node
            .child_by_field_name("operator")
            .map(|o| self.ctx.text(o))
            .unwrap_or("=");
        if op != "=" {
            return;
        }
        let (Some(left), Some(right)) = (field(node, "left"), field(node, "right")) else {
            return;
        };
        let names = named_children(left);
        let values = named_children(right);
        if names.len() != values.len() {
            return;
        }
        for (n, v) in names.into_iter().zip(values) {
            match n.kind() {
                "identifier" => {
                    let name = self.ctx.text(n).to_string();
                    let b = self.binding_of(v);
                    if let Some(slot) = self.env.get_mut(&name) {
                        *slot = b;
                    } else if let Binding::Router(value) = b {
                        // A package-level variable set here.
                        self.ops.push(RouteOp::SetField {
                            owner: (String::new(), String::new()),
                            field: name,
                            value,
                        });
                    }
                }
                "selector_expression" => {
                    let Some(value) = self.router(v, false) else {
                        continue;
                    };
                    if let Some(RouterExpr::Field {
                        owner: Some(owner),
                        field,
                    }) = self.router(n, true)
                    {
                        self.ops.push(RouteOp::SetField {
                            owner,
                            field,
                            value,
                        });
                    }
                }
                _ => {}
            }
        }
    }

    /// `&Server{router: r}`: routers stored in struct fields.
    fn composite_fields(&mut self, lit: Node<'a>) {
        let Some(GoTypeExpr::Named { pkg, name, .. }) =
            field(lit, "type").map(|t| self.ctx.type_expr(t))
        else {
            return;
        };
        let Some(body) = field(lit, "body") else {
            return;
        };
        for el in named_children(body) {
            if el.kind() != "keyed_element" {
                continue;
            }
            let (Some(k), Some(v)) = (el.named_child(0), el.named_child(1)) else {
                continue;
            };
            let key = self.ctx.text(k).trim().to_string();
            let value = v.named_child(0).unwrap_or(v);
            if let Some(r) = self.router(value, false) {
                self.ops.push(RouteOp::SetField {
                    owner: (pkg.clone(), name.clone()),
                    field: key,
                    value: r,
                });
            }
        }
    }

    /// A router-valued expression. `loose` also accepts package-level
    /// identifiers and fields whose type is unknown here (checked by link).
    pub fn router(&self, node: Node<'a>, loose: bool) -> Option<RouterExpr> {
        match node.kind() {
            "parenthesized_expression" => self.router(node.named_child(0)?, loose),
            "unary_expression" => self.router(field(node, "operand")?, loose),
            "identifier" => {
                let name = self.ctx.text(node);
                match self.env.get(name) {
                    Some(Binding::Router(r)) => Some(r.clone()),
                    Some(_) => None,
                    None if self.ctx.import(name).is_some() => None,
                    None => Some(RouterExpr::PkgVar {
                        pkg: String::new(),
                        name: name.to_string(),
                    })
                    .filter(|_| loose),
                }
            }
            "selector_expression" => {
                let operand = field(node, "operand")?;
                let name = self.ctx.text(field(node, "field")?).to_string();
                if operand.kind() == "identifier" {
                    let o = self.ctx.text(operand);
                    if !self.env.contains_key(o) {
                        if let Some(pkg) = self.ctx.import(o) {
                            if pkg == "net/http" && name == "DefaultServeMux" {
                                return Some(RouterExpr::DefaultMux);
                            }
                            if frameworks::framework_of_import(pkg).is_some() {
                                return None;
                            }
                            return Some(RouterExpr::PkgVar {
                                pkg: pkg.to_string(),
                                name,
                            })
                            .filter(|_| loose);
                        }
                    }
                    if let Some(Binding::Typed(t)) = self.env.get(o) {
                        let owner = named_of(t).map(|(p, n)| (p.to_string(), n.to_string()));
                        return Some(RouterExpr::Field { owner, field: name }).filter(|_| loose);
                    }
                }
                None
            }
            "call_expression" => self.router_call(node, loose),
            _ => None,
        }
    }

    fn router_call(&self, call: Node<'a>, loose: bool) -> Option<RouterExpr> {
        let f = field(call, "function")?;
        let args = field(call, "arguments")
            .map(named_children)
            .unwrap_or_default();
        match f.kind() {
            "selector_expression" => {
                let operand = field(f, "operand")?;
                let name = self.ctx.text(field(f, "field")?);
                if let Some(pkg) = self.pkg_of(operand) {
                    if let Some(fw) = frameworks::constructor(pkg, name) {
                        return Some(RouterExpr::New {
                            framework: fw,
                            at: self.ctx.origin(call),
                        });
                    }
                    if frameworks::framework_of_import(pkg).is_some() || is_std(pkg) || !loose {
                        return None;
                    }
                    return Some(RouterExpr::Call {
                        callee: FuncRef::Func {
                            pkg: pkg.to_string(),
                            name: name.to_string(),
                        },
                        args: self.router_args(&args),
                    });
                }
                if name == "Subrouter" {
                    let route = self.gorilla(operand)?;
                    return Some(RouterExpr::Group {
                        parent: Box::new(route.router?),
                        prefix: route.path.unwrap_or(PathExpr::Lit(String::new())),
                        middleware: Vec::new(),
                        at: self.ctx.origin(call),
                    });
                }
                let Some(parent) = self.router(operand, true) else {
                    // `users.Routes()`: a module method returning a router.
                    // (`loose` is checked first: the arguments are routers
                    // too, and nested calls must not be walked per level.)
                    if !loose {
                        return None;
                    }
                    return Some(RouterExpr::Call {
                        callee: FuncRef::Method {
                            recv: self.recv_of(operand),
                            name: name.to_string(),
                        },
                        args: self.router_args(&args),
                    });
                };
                let fw = self.framework_of(&parent, name)?;
                // gin's `Use` returns the group itself: `g.Group("x").Use(mw)`.
                if fw == Framework::Gin && name == "Use" {
                    return Some(RouterExpr::Group {
                        parent: Box::new(parent),
                        prefix: PathExpr::Lit(String::new()),
                        middleware: args.iter().map(|a| self.handler(*a)).collect(),
                        at: self.ctx.origin(call),
                    });
                }
                if !frameworks::is_group(fw, name) {
                    return None;
                }
                let (prefix, mw_from) = match (fw, name) {
                    (Framework::Chi, "Group") => (PathExpr::Lit(String::new()), usize::MAX),
                    (Framework::Chi, "With") => (PathExpr::Lit(String::new()), 0),
                    (Framework::Chi, "Route") => (self.path(*args.first()?), usize::MAX),
                    _ => (self.path(*args.first()?), 1),
                };
                let middleware = args
                    .iter()
                    .skip(mw_from)
                    .map(|a| self.handler(*a))
                    .collect();
                Some(RouterExpr::Group {
                    parent: Box::new(parent),
                    prefix,
                    middleware,
                    at: self.ctx.origin(call),
                })
            }
            "identifier" => {
                let name = self.ctx.text(f);
                if is_builtin_func(name) || self.env.contains_key(name) || !loose {
                    return None;
                }
                Some(RouterExpr::Call {
                    callee: FuncRef::Func {
                        pkg: String::new(),
                        name: name.to_string(),
                    },
                    args: self.router_args(&args),
                })
            }
            _ => None,
        }
    }

    fn router_args(&self, args: &[Node<'a>]) -> Vec<Option<RouterExpr>> {
        args.iter().map(|a| self.router(*a, false)).collect()
    }

    /// The import path an identifier names, unless a local shadows it.
    fn pkg_of(&self, node: Node) -> Option<&'c str> {
        if node.kind() != "identifier" {
            return None;
        }
        let name = self.ctx.text(node);
        if self.env.contains_key(name) {
            return None;
        }
        self.ctx.imports.get(name).map(String::as_str)
    }

    fn framework_of(&self, r: &RouterExpr, method: &str) -> Option<Framework> {
        r.framework_hint()
            .or_else(|| frameworks::guess(&self.imported, method))
    }

    /// A path-valued expression.
    pub fn path(&self, node: Node) -> PathExpr {
        // Parentheses first: `string_value` looks through them too, and
        // doing both per level is quadratic in the nesting depth.
        let node = unparen(node);
        if let Some(s) = string_value(node, self.ctx.src) {
            return PathExpr::Lit(s);
        }
        match node.kind() {
            "identifier" => {
                let name = self.ctx.text(node);
                match self.env.get(name) {
                    Some(Binding::Path(p)) => p.clone(),
                    Some(_) => PathExpr::Unknown,
                    None => PathExpr::Const {
                        pkg: String::new(),
                        name: name.to_string(),
                    },
                }
            }
            "selector_expression" => {
                let (Some(o), Some(f)) = (field(node, "operand"), field(node, "field")) else {
                    return PathExpr::Unknown;
                };
                match self.pkg_of(o) {
                    Some(pkg) => PathExpr::Const {
                        pkg: pkg.to_string(),
                        name: self.ctx.text(f).to_string(),
                    },
                    None => PathExpr::Unknown,
                }
            }
            "binary_expression" => {
                let op = field(node, "operator").map(|o| self.ctx.text(o));
                match (op, field(node, "left"), field(node, "right")) {
                    (Some("+"), Some(l), Some(r)) => {
                        let mut parts = Vec::new();
                        for p in [self.path(l), self.path(r)] {
                            match p {
                                PathExpr::Concat(v) => parts.extend(v),
                                other => parts.push(other),
                            }
                        }
                        PathExpr::Concat(parts)
                    }
                    _ => PathExpr::Unknown,
                }
            }
            _ => PathExpr::Unknown,
        }
    }

    /// What a handler argument refers to.
    pub fn handler(&self, node: Node) -> HandlerRef {
        let unknown = || HandlerRef::Unknown {
            text: self.ctx.text(node).chars().take(80).collect(),
        };
        match node.kind() {
            "func_literal" => HandlerRef::Func {
                func: FuncRef::Literal {
                    offset: node.start_byte() as u32,
                },
            },
            "parenthesized_expression" | "unary_expression" => node
                .named_child(0)
                .map(|n| self.handler(field(node, "operand").unwrap_or(n)))
                .unwrap_or_else(unknown),
            "identifier" => {
                let name = self.ctx.text(node);
                match self.env.get(name) {
                    Some(Binding::Handler(h)) => h.clone(),
                    Some(_) => unknown(),
                    None => HandlerRef::Func {
                        func: FuncRef::Func {
                            pkg: String::new(),
                            name: name.to_string(),
                        },
                    },
                }
            }
            "selector_expression" => {
                let (Some(o), Some(f)) = (field(node, "operand"), field(node, "field")) else {
                    return unknown();
                };
                let name = self.ctx.text(f).to_string();
                // `c.Handler` of a CORS policy (`r.Use(c.Handler)`).
                if let (true, Some(offset)) = (
                    matches!(name.as_str(), "Handler" | "HandlerFunc"),
                    self.cors_of(o),
                ) {
                    return HandlerRef::Cors { offset };
                }
                if let Some(pkg) = self.pkg_of(o) {
                    return HandlerRef::Func {
                        func: FuncRef::Func {
                            pkg: pkg.to_string(),
                            name,
                        },
                    };
                }
                HandlerRef::Func {
                    func: FuncRef::Method {
                        recv: self.recv_of(o),
                        name,
                    },
                }
            }
            "call_expression" => self.handler_call(node).unwrap_or_else(unknown),
            _ => unknown(),
        }
    }

    fn handler_call(&self, call: Node) -> Option<HandlerRef> {
        let f = field(call, "function")?;
        let args = field(call, "arguments")
            .map(named_children)
            .unwrap_or_default();
        if f.kind() == "selector_expression" {
            let operand = field(f, "operand")?;
            let name = self.ctx.text(field(f, "field")?);
            if let Some(pkg) = self.pkg_of(operand) {
                if super::cors::constructor(pkg, name) {
                    return Some(HandlerRef::Cors {
                        offset: call.start_byte() as u32,
                    });
                }
                match (frameworks::framework_of_import(pkg), name) {
                    (Some(Framework::NetHttp), "HandlerFunc")
                    | (Some(Framework::Gin), "WrapF" | "WrapH")
                    | (Some(Framework::Echo), "WrapHandler") => {
                        return Some(self.handler(*args.first()?))
                    }
                    (
                        Some(Framework::NetHttp),
                        "StripPrefix" | "TimeoutHandler" | "MaxBytesHandler",
                    ) => {
                        let inner = args.get(if name == "StripPrefix" { 1 } else { 0 })?;
                        return Some(HandlerRef::Wrapped {
                            wrapper: FuncRef::Func {
                                pkg: pkg.to_string(),
                                name: name.to_string(),
                            },
                            inner: vec![self.handler(*inner)],
                        });
                    }
                    (Some(_), _) => {
                        return Some(HandlerRef::Library {
                            name: format!("{}.{}", self.ctx.text(operand), name),
                        })
                    }
                    (None, _) if is_std(pkg) => {
                        return Some(HandlerRef::Library {
                            name: format!("{}.{}", self.ctx.text(operand), name),
                        })
                    }
                    _ => {}
                }
            }
        }
        // `withAuth(h.List)` or `h.List()` returning a handler.
        let wrapper = match self.handler(f) {
            HandlerRef::Func { func } => func,
            _ => return None,
        };
        let inner: Vec<HandlerRef> = args
            .iter()
            .filter(|a| {
                matches!(
                    a.kind(),
                    "identifier" | "selector_expression" | "func_literal" | "call_expression"
                )
            })
            .map(|a| self.handler(*a))
            .filter(|h| matches!(h, HandlerRef::Func { .. } | HandlerRef::Wrapped { .. }))
            .collect();
        if inner.is_empty() {
            Some(HandlerRef::Func { func: wrapper })
        } else {
            Some(HandlerRef::Wrapped { wrapper, inner })
        }
    }

    /// What is known of a method call's receiver expression.
    fn recv_of(&self, operand: Node) -> Recv {
        match operand.kind() {
            "identifier" => match self.env.get(self.ctx.text(operand)) {
                Some(Binding::Typed(t)) => named_of(t)
                    .map(|(pkg, name)| Recv::Type {
                        pkg: pkg.to_string(),
                        name: name.to_string(),
                    })
                    .unwrap_or(Recv::Unknown),
                Some(Binding::Result(f)) => Recv::ResultOf {
                    func: Box::new(f.clone()),
                },
                _ => Recv::Unknown,
            },
            "selector_expression" => {
                let (Some(o), Some(f)) = (field(operand, "operand"), field(operand, "field"))
                else {
                    return Recv::Unknown;
                };
                match self.recv_of(o) {
                    Recv::Type { pkg, name } => Recv::Field {
                        pkg,
                        owner: name,
                        field: self.ctx.text(f).to_string(),
                    },
                    _ => Recv::Unknown,
                }
            }
            "parenthesized_expression" => operand
                .named_child(0)
                .map(|n| self.recv_of(n))
                .unwrap_or(Recv::Unknown),
            _ => match self.value_type(operand).as_ref().and_then(named_of) {
                Some((pkg, name)) => Recv::Type {
                    pkg: pkg.to_string(),
                    name: name.to_string(),
                },
                None => match self.callee_of(operand) {
                    Some(func) => Recv::ResultOf {
                        func: Box::new(func),
                    },
                    None => Recv::Unknown,
                },
            },
        }
    }

    /// The module function a call expression calls, if it is a plain call.
    fn callee_of(&self, value: Node) -> Option<FuncRef> {
        if value.kind() != "call_expression" {
            return None;
        }
        let f = field(value, "function")?;
        match f.kind() {
            "identifier" => {
                let name = self.ctx.text(f);
                (!is_builtin_func(name) && !self.env.contains_key(name)).then(|| FuncRef::Func {
                    pkg: String::new(),
                    name: name.to_string(),
                })
            }
            "selector_expression" => {
                let operand = field(f, "operand")?;
                let name = self.ctx.text(field(f, "field")?).to_string();
                match self.pkg_of(operand) {
                    Some(pkg) if is_std(pkg) || frameworks::framework_of_import(pkg).is_some() => {
                        None
                    }
                    Some(pkg) => Some(FuncRef::Func {
                        pkg: pkg.to_string(),
                        name,
                    }),
                    None => Some(FuncRef::Method {
                        recv: self.recv_of(operand),
                        name,
                    }),
                }
            }
            _ => None,
        }
    }

    fn method_value(&self, node: Node) -> Option<String> {
        if let Some(s) = string_value(node, self.ctx.src) {
            return Some(s.to_ascii_uppercase());
        }
        if node.kind() == "selector_expression" {
            let pkg = self.pkg_of(field(node, "operand")?)?;
            let name = self.ctx.text(field(node, "field")?);
            return frameworks::method_const(pkg, name).map(str::to_string);
        }
        None
    }

    /// Handles a call at the top of a method chain. Returns true when it
    /// walked the call's arguments itself.
    fn call(&mut self, call: Node<'a>) -> bool {
        let Some(f) = field(call, "function") else {
            return false;
        };
        let args = field(call, "arguments")
            .map(named_children)
            .unwrap_or_default();
        let origin = self.ctx.origin(call);
        if f.kind() == "selector_expression" {
            let (Some(operand), Some(name_node)) = (field(f, "operand"), field(f, "field")) else {
                return false;
            };
            let name = self.ctx.text(name_node);
            // Package-level functions: net/http's default mux, module functions.
            if let Some(pkg) = self.pkg_of(operand) {
                if pkg == "net/http" && matches!(name, "Handle" | "HandleFunc") {
                    self.register(
                        RouterExpr::DefaultMux,
                        Framework::NetHttp,
                        name,
                        &args,
                        origin,
                    );
                } else if frameworks::framework_of_import(pkg).is_none() && !is_std(pkg) {
                    self.pass(
                        FuncRef::Func {
                            pkg: pkg.to_string(),
                            name: name.to_string(),
                        },
                        &args,
                        origin,
                    );
                }
                return false;
            }
            // A gorilla/mux chain ending here.
            if let Some(route) = self.gorilla(call) {
                if let (Some(router), Some(path), Some(handler)) =
                    (route.router, route.path, route.handler)
                {
                    let methods = if route.methods.is_empty() {
                        vec!["ANY".to_string()]
                    } else {
                        route.methods
                    };
                    for method in methods {
                        self.ops.push(RouteOp::Register {
                            router: router.clone(),
                            framework: Some(Framework::GorillaMux),
                            method,
                            path: path.clone(),
                            handlers: vec![handler.clone()],
                            subtree: route.prefix,
                            origin: origin.clone(),
                        });
                    }
                }
                return false;
            }
            // `c.Handler(mux)`, `cors.Default().Handler(mux)`: a CORS policy
            // wrapping a whole router.
            if matches!(name, "Handler" | "HandlerFunc") {
                if let Some(offset) = self.cors_of(operand) {
                    self.wrap(offset, &args, origin);
                    return false;
                }
            }
            if let Some(router) = self.router(operand, true) {
                let Some(fw) = self.framework_of(&router, name) else {
                    return false;
                };
                if frameworks::is_use(fw, name) {
                    let middleware = args.iter().map(|a| self.handler(*a)).collect();
                    self.ops.push(RouteOp::Use {
                        router,
                        middleware,
                        origin,
                    });
                    return false;
                }
                if fw == Framework::Chi && matches!(name, "Route" | "Group") {
                    return self.chi_group(call, router, name, &args);
                }
                if fw == Framework::Chi && name == "Mount" {
                    self.mount(router, &args, true, origin);
                    return false;
                }
                self.register(router, fw, name, &args, origin);
                return false;
            }
            // A method of some value: a module method receiving routers?
            self.pass(
                FuncRef::Method {
                    recv: self.recv_of(operand),
                    name: name.to_string(),
                },
                &args,
                origin,
            );
            return false;
        }
        // `corsMiddleware(mux)`, `cors.Handler(opts)(mux)` (go-chi/cors).
        if let Some(offset) = self.cors_of(f) {
            self.wrap(offset, &args, origin);
            return false;
        }
        if f.kind() == "identifier" {
            let name = self.ctx.text(f);
            if !is_builtin_func(name) && !self.env.contains_key(name) {
                self.pass(
                    FuncRef::Func {
                        pkg: String::new(),
                        name: name.to_string(),
                    },
                    &args,
                    origin,
                );
            }
        }
        false
    }

    /// The CORS policy an expression denotes: a library constructor call
    /// (`cors.New(opts)`) or a local bound to one; its byte offset.
    fn cors_of(&self, node: Node) -> Option<u32> {
        match node.kind() {
            "parenthesized_expression" => self.cors_of(node.named_child(0)?),
            "identifier" => match self.env.get(self.ctx.text(node)) {
                Some(Binding::Handler(HandlerRef::Cors { offset })) => Some(*offset),
                _ => None,
            },
            "call_expression" => {
                let f = field(node, "function")?;
                if f.kind() != "selector_expression" {
                    return None;
                }
                let pkg = self.pkg_of(field(f, "operand")?)?;
                super::cors::constructor(pkg, self.ctx.text(field(f, "field")?))
                    .then_some(node.start_byte() as u32)
            }
            _ => None,
        }
    }

    /// A CORS policy wrapping the router passed as the first argument: it
    /// runs before every route of that router, like `Use`.
    fn wrap(&mut self, offset: u32, args: &[Node<'a>], origin: crate::model::Origin) {
        if let Some(router) = args.first().and_then(|a| self.router(*a, false)) {
            self.ops.push(RouteOp::Use {
                router,
                middleware: vec![HandlerRef::Cors { offset }],
                origin,
            });
        }
    }

    fn pass(&mut self, callee: FuncRef, args: &[Node<'a>], origin: crate::model::Origin) {
        let routers: Vec<Option<RouterExpr>> =
            args.iter().map(|a| self.router(*a, false)).collect();
        if routers.iter().any(Option::is_some) {
            self.ops.push(RouteOp::Pass {
                callee,
                args: routers,
                origin,
            });
        }
    }

    fn register(
        &mut self,
        router: RouterExpr,
        fw: Framework,
        name: &str,
        args: &[Node<'a>],
        origin: crate::model::Origin,
    ) {
        let Some(verb) = frameworks::registration(fw, name) else {
            return;
        };
        let Some(path_node) = args.get(verb.path_arg) else {
            return;
        };
        let path = self.path(*path_node);
        let methods: Vec<String> = match verb.method {
            MethodArg::Fixed(m) => vec![m.to_string()],
            MethodArg::Pattern => vec![String::new()],
            MethodArg::Arg0 => match args.first().and_then(|a| self.method_value(*a)) {
                Some(m) => vec![m],
                None => vec!["ANY".to_string()],
            },
            MethodArg::List0 => args
                .first()
                .and_then(|a| field(*a, "body"))
                .map(|body| {
                    named_children(body)
                        .into_iter()
                        .filter_map(|el| self.method_value(el.named_child(0).unwrap_or(el)))
                        .collect()
                })
                .unwrap_or_default(),
        };
        let handler_args = &args[(verb.path_arg + 1).min(args.len())..];
        // `mux.Handle("/api/", sub)` where `sub` is itself a router: a mount.
        if matches!(fw, Framework::NetHttp) && name == "Handle" {
            if let Some(h) = handler_args.first() {
                if let Some((sub, strip)) = self.sub_router(*h) {
                    self.ops.push(RouteOp::Mount {
                        router,
                        prefix: path,
                        sub,
                        strip,
                        origin,
                    });
                    return;
                }
            }
        }
        let handlers: Vec<HandlerRef> = if verb.library {
            vec![HandlerRef::Library {
                name: format!("{}.{}", fw.name(), name),
            }]
        } else {
            handler_args.iter().map(|a| self.handler(*a)).collect()
        };
        for method in methods {
            self.ops.push(RouteOp::Register {
                router: router.clone(),
                framework: Some(fw).filter(|_| router.framework_hint().is_some()),
                method,
                path: path.clone(),
                handlers: handlers.clone(),
                subtree: verb.subtree,
                origin: origin.clone(),
            });
        }
    }

    /// A handler argument that is a router (optionally behind `StripPrefix`).
    fn sub_router(&self, node: Node<'a>) -> Option<(RouterExpr, bool)> {
        if let Some(r) = self.router(node, false) {
            return Some((r, false));
        }
        if node.kind() == "call_expression" {
            let f = field(node, "function")?;
            if f.kind() == "selector_expression"
                && self.pkg_of(field(f, "operand")?) == Some("net/http")
                && self.ctx.text(field(f, "field")?) == "StripPrefix"
            {
                let args = named_children(field(node, "arguments")?);
                let r = self.router(*args.get(1)?, false)?;
                return Some((r, true));
            }
        }
        None
    }

    fn mount(
        &mut self,
        router: RouterExpr,
        args: &[Node<'a>],
        strip: bool,
        origin: crate::model::Origin,
    ) {
        let (Some(p), Some(h)) = (args.first(), args.get(1)) else {
            return;
        };
        let prefix = self.path(*p);
        if let Some(sub) = self.router(*h, true) {
            self.ops.push(RouteOp::Mount {
                router,
                prefix,
                sub,
                strip,
                origin,
            });
        } else {
            self.ops.push(RouteOp::Register {
                router,
                framework: Some(Framework::Chi),
                method: "ANY".into(),
                path: prefix,
                handlers: vec![self.handler(*h)],
                subtree: true,
                origin,
            });
        }
    }

    /// chi `r.Route("/x", func(r chi.Router) {...})` and `r.Group(func(r chi.Router) {...})`:
    /// walks the literal with its parameter bound to the sub-router.
    fn chi_group(
        &mut self,
        call: Node<'a>,
        parent: RouterExpr,
        name: &str,
        args: &[Node<'a>],
    ) -> bool {
        let (prefix, lit) = match name {
            "Route" => (args.first().map(|a| self.path(*a)), args.get(1)),
            _ => (Some(PathExpr::Lit(String::new())), args.first()),
        };
        let (Some(prefix), Some(lit)) = (prefix, lit) else {
            return false;
        };
        let group = RouterExpr::Group {
            parent: Box::new(parent),
            prefix,
            middleware: Vec::new(),
            at: self.ctx.origin(call),
        };
        if lit.kind() != "func_literal" {
            // A named function receives the sub-router.
            if let HandlerRef::Func { func } = self.handler(*lit) {
                self.ops.push(RouteOp::Pass {
                    callee: func,
                    args: vec![Some(group)],
                    origin: self.ctx.origin(call),
                });
            }
            return false;
        }
        let saved = self.env.clone();
        if let Some((pname, _)) = self.literal_params(*lit).into_iter().next() {
            self.env.insert(pname, Binding::Router(group));
        }
        if let Some(body) = field(*lit, "body") {
            self.walk(body);
        }
        self.env = saved;
        true
    }

    /// Interprets a gorilla/mux route-builder chain ending at `node`.
    fn gorilla(&self, node: Node<'a>) -> Option<GorillaRoute> {
        if node.kind() != "call_expression" {
            return None;
        }
        let f = field(node, "function")?;
        if f.kind() != "selector_expression" {
            return None;
        }
        let operand = field(f, "operand")?;
        let name = self.ctx.text(field(f, "field")?);
        let args = field(node, "arguments")
            .map(named_children)
            .unwrap_or_default();
        let mut route = match self.gorilla(operand) {
            Some(r) => r,
            None => {
                let router = self.router(operand, true)?;
                let fw = router.framework_hint().or_else(|| {
                    self.imported
                        .contains(&Framework::GorillaMux)
                        .then_some(Framework::GorillaMux)
                })?;
                if fw != Framework::GorillaMux {
                    return None;
                }
                GorillaRoute {
                    router: Some(router),
                    ..Default::default()
                }
            }
        };
        match name {
            "HandleFunc" | "Handle" => {
                route.path = Some(self.path(*args.first()?));
                route.handler = Some(self.handler(*args.get(1)?));
            }
            "Path" => route.path = Some(self.path(*args.first()?)),
            "PathPrefix" => {
                route.path = Some(self.path(*args.first()?));
                route.prefix = true;
            }
            "Methods" => route
                .methods
                .extend(args.iter().filter_map(|a| self.method_value(*a))),
            "HandlerFunc" | "Handler" => route.handler = Some(self.handler(*args.first()?)),
            "NewRoute" | "Name" | "Queries" | "Headers" | "Schemes" | "Host" | "MatcherFunc"
            | "HeadersRegexp" => {}
            _ => return None,
        }
        Some(route)
    }
}

/// Is this call the outermost of a method chain (`a.B().C()` is handled at `C`)?
/// The call a method call is made on: `a.B()` in `a.B().C()`. Found from
/// the outer call down, because `Node::parent` walks from the root and is
/// O(depth): asking it of every call is quadratic in nested calls.
fn chain_operand(call: Node) -> Option<Node> {
    let f = field(call, "function")?;
    if f.kind() != "selector_expression" {
        return None;
    }
    field(f, "operand").filter(|o| o.kind() == "call_expression")
}

/// Standard-library packages never hold module code.
pub fn is_std(path: &str) -> bool {
    !path.split('/').next().unwrap_or("").contains('.')
}
