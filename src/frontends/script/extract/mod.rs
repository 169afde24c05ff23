//! Walks one parsed module: imports, exports, module-level bindings
//! (strings, clients, wrappers), HTTP calls and interceptors.

use std::collections::{HashMap, HashSet};

use swc_common::{Span, Spanned};
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

mod headers;
mod interceptors;
mod responses;
mod wrappers;

use responses::Slot;
use wrappers::{demote_params, forwards};

use super::names::{
    export_name, member_chain, member_prop, pat_bindings, prop_name, span_text, unwrap, wtf,
};
use super::parse::offset;
use crate::model::{
    Callee as CalleeFact, ClientDef, ExportTarget, Imported, Origin, Prop as PropFact, ResponseUse,
    ScriptModule, TsBinding, TsCall, TsExport, TsImport, TsType, UrlPart, Value, WrapperDef,
};
use crate::source::LineIndex;

/// Methods of axios and axios instances that send a request.
pub const AXIOS_VERBS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "head", "options", "request",
];

pub(super) struct Param {
    pub(super) name: String,
    pub(super) index: u32,
    pub(super) path: Vec<String>,
    pub(super) ty: Option<TsType>,
}

#[derive(Default)]
struct Scope {
    params: Vec<Param>,
    locals: HashMap<String, Value>,
    /// The function's declared return type.
    return_type: Option<TsType>,
    /// The function's type parameters.
    type_params: Vec<String>,
    /// Spans of the calls the function returns (through `await` / `.then`).
    returned: std::collections::HashSet<(u32, u32)>,
    /// Locals holding a call's response (`const res = await fetch(...)`).
    responses: HashMap<String, Slot>,
    /// Module-level functions collect the calls that forward their
    /// parameters: those make the function a wrapper.
    collecting: bool,
    forwarded: Vec<TsCall>,
}

pub struct Extractor<'a> {
    src: &'a str,
    idx: &'a LineIndex<'a>,
    imports: HashMap<String, TsImport>,
    module_names: HashSet<String>,
    scopes: Vec<Scope>,
    /// Recorded calls by their span.
    slots: HashMap<(u32, u32), Slot>,
    /// Inside a module-level class: `this.x` is a field of the instance.
    in_class: bool,
    /// A response whose uses are not counted here: the error branch of
    /// `if (!res.ok) throw new Error(await res.text())`.
    error_path: Option<Slot>,
    pub out: ScriptModule,
}

impl<'a> Extractor<'a> {
    pub fn new(src: &'a str, idx: &'a LineIndex<'a>) -> Self {
        Extractor {
            src,
            idx,
            imports: HashMap::new(),
            module_names: HashSet::new(),
            scopes: Vec::new(),
            slots: HashMap::new(),
            in_class: false,
            error_path: None,
            out: ScriptModule::default(),
        }
    }

    fn types(&self) -> super::types::TypeCx<'_> {
        super::types::TypeCx {
            src: self.src,
            idx: self.idx,
        }
    }

    /// The declared result type of the enclosing function, when this call
    /// is what it returns (`Promise<T>` is unwrapped to `T`).
    pub(super) fn declared_return(&self, span: Span) -> Option<TsType> {
        let scope = self.scopes.last()?;
        if !scope.returned.contains(&(span.lo.0, span.hi.0)) {
            return None;
        }
        scope.return_type.clone().map(unpromise)
    }

    fn origin(&self, span: Span) -> Origin {
        self.idx.origin(offset(span.lo), offset(span.hi))
    }

    fn text(&self, span: Span) -> &'a str {
        span_text(self.src, span)
    }

    /// Extracts everything from a program.
    pub fn program(&mut self, program: &Program) {
        let items: Vec<ModuleItem> = match program {
            Program::Module(m) => m.body.clone(),
            Program::Script(s) => s.body.iter().cloned().map(ModuleItem::Stmt).collect(),
        };
        self.declare(&items);
        for item in &items {
            self.item(item);
        }
    }

    /// First pass: imports and module-level names, so that uses before the
    /// declaration resolve.
    fn declare(&mut self, items: &[ModuleItem]) {
        for item in items {
            match item {
                ModuleItem::ModuleDecl(ModuleDecl::Import(imp)) => {
                    let source = wtf(&imp.src.value);
                    for spec in &imp.specifiers {
                        let mut type_only = imp.type_only;
                        let (local, imported) = match spec {
                            ImportSpecifier::Default(d) => {
                                (d.local.sym.to_string(), Imported::Default)
                            }
                            ImportSpecifier::Namespace(n) => {
                                (n.local.sym.to_string(), Imported::Namespace)
                            }
                            ImportSpecifier::Named(n) => {
                                type_only |= n.is_type_only;
                                let name = n
                                    .imported
                                    .as_ref()
                                    .map(export_name)
                                    .unwrap_or_else(|| n.local.sym.to_string());
                                let imported = if name == "default" {
                                    Imported::Default
                                } else {
                                    Imported::Named(name)
                                };
                                (n.local.sym.to_string(), imported)
                            }
                        };
                        let imp = TsImport {
                            local: local.clone(),
                            source: source.clone(),
                            imported,
                            type_only,
                        };
                        self.out.imports.push(imp.clone());
                        // Types live in their own namespace: not a value.
                        if !type_only {
                            self.imports.insert(local, imp);
                        }
                    }
                }
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => self.declare_decl(&e.decl),
                ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(d)) => {
                    if let DefaultDecl::Fn(FnExpr { ident: Some(i), .. }) = &d.decl {
                        self.module_names.insert(i.sym.to_string());
                    }
                }
                ModuleItem::Stmt(Stmt::Decl(d)) => self.declare_decl(d),
                _ => {}
            }
        }
        // `const axios = require('axios')`
        for item in items {
            if let ModuleItem::Stmt(Stmt::Decl(Decl::Var(v))) = item {
                for d in &v.decls {
                    if let (Pat::Ident(b), Some(init)) = (&d.name, &d.init) {
                        if let Some(source) = require_source(init) {
                            let imp = TsImport {
                                local: b.id.sym.to_string(),
                                source,
                                imported: Imported::Default,
                                type_only: false,
                            };
                            self.out.imports.push(imp.clone());
                            self.imports.insert(b.id.sym.to_string(), imp);
                        }
                    }
                }
            }
        }
    }

    fn declare_decl(&mut self, d: &Decl) {
        match d {
            Decl::Var(v) => {
                for decl in &v.decls {
                    for (name, _, _) in pat_bindings(&decl.name) {
                        self.module_names.insert(name);
                    }
                }
            }
            Decl::Fn(f) => {
                self.module_names.insert(f.ident.sym.to_string());
            }
            Decl::Class(c) => {
                self.module_names.insert(c.ident.sym.to_string());
            }
            _ => {}
        }
    }

    fn item(&mut self, item: &ModuleItem) {
        match item {
            ModuleItem::ModuleDecl(decl) => match decl {
                ModuleDecl::Import(_) => {}
                ModuleDecl::ExportDecl(e) => {
                    for name in self.decl(&e.decl) {
                        self.export(&name, ExportTarget::Local { name: name.clone() });
                    }
                }
                ModuleDecl::ExportNamed(n) => {
                    let source = n.src.as_ref().map(|s| wtf(&s.value));
                    for spec in &n.specifiers {
                        let (orig, exported) = match spec {
                            ExportSpecifier::Named(s) => {
                                let orig = export_name(&s.orig);
                                let exported = s
                                    .exported
                                    .as_ref()
                                    .map(export_name)
                                    .unwrap_or_else(|| orig.clone());
                                (orig, exported)
                            }
                            ExportSpecifier::Default(d) => {
                                ("default".to_string(), d.exported.sym.to_string())
                            }
                            ExportSpecifier::Namespace(ns) => {
                                ("*".to_string(), export_name(&ns.name))
                            }
                        };
                        let target = match &source {
                            Some(source) => ExportTarget::Reexport {
                                source: source.clone(),
                                name: orig,
                            },
                            None => ExportTarget::Local { name: orig },
                        };
                        self.export(&exported, target);
                    }
                }
                ModuleDecl::ExportDefaultDecl(d) => match &d.decl {
                    DefaultDecl::Fn(f) => {
                        let name = f
                            .ident
                            .as_ref()
                            .map(|i| i.sym.to_string())
                            .unwrap_or_else(|| "default".into());
                        let value = self.function_value(&f.function);
                        self.bind(&name, value, f.function.span);
                        self.export("default", ExportTarget::Local { name });
                    }
                    other => other.visit_with(self),
                },
                ModuleDecl::ExportDefaultExpr(e) => {
                    let expr = unwrap(&e.expr);
                    if let Expr::Ident(i) = expr {
                        self.export(
                            "default",
                            ExportTarget::Local {
                                name: i.sym.to_string(),
                            },
                        );
                    } else {
                        let value = self.module_value(expr);
                        self.bind("default", value, e.span);
                        self.export(
                            "default",
                            ExportTarget::Local {
                                name: "default".into(),
                            },
                        );
                    }
                }
                ModuleDecl::ExportAll(a) => self.export(
                    "*",
                    ExportTarget::All {
                        source: wtf(&a.src.value),
                    },
                ),
                ModuleDecl::TsExportAssignment(a) => {
                    let value = self.module_value(&a.expr);
                    self.bind("default", value, a.span);
                    self.export(
                        "default",
                        ExportTarget::Local {
                            name: "default".into(),
                        },
                    );
                }
                _ => {}
            },
            ModuleItem::Stmt(Stmt::Decl(d)) => {
                self.decl(d);
            }
            ModuleItem::Stmt(s) => s.visit_with(self),
        }
    }

    fn export(&mut self, name: &str, target: ExportTarget) {
        self.out.exports.push(TsExport {
            name: name.to_string(),
            target,
        });
    }

    fn bind(&mut self, name: &str, value: Value, span: Span) {
        if matches!(value, Value::Unknown) {
            return;
        }
        let origin = self.origin(span);
        self.out.bindings.push(TsBinding {
            name: name.to_string(),
            value,
            origin,
        });
    }

    /// A module-level declaration; returns the names it declares.
    fn decl(&mut self, d: &Decl) -> Vec<String> {
        match d {
            Decl::Var(v) => {
                let mut names = Vec::new();
                for decl in &v.decls {
                    let bound = pat_bindings(&decl.name);
                    match (&decl.name, &decl.init) {
                        (Pat::Ident(b), Some(init)) => {
                            let value = if require_source(init).is_some() {
                                Value::Unknown
                            } else {
                                self.module_value(init)
                            };
                            self.bind(&b.id.sym, value, decl.span);
                        }
                        (_, Some(init)) => init.visit_with(self),
                        _ => {}
                    }
                    names.extend(bound.into_iter().map(|(n, _, _)| n));
                }
                names
            }
            Decl::Fn(f) => {
                let value = self.function_value(&f.function);
                self.bind(&f.ident.sym, value, f.function.span);
                vec![f.ident.sym.to_string()]
            }
            Decl::Class(c) => {
                let value = self.class_value(&c.class);
                self.bind(&c.ident.sym, value, c.class.span);
                vec![c.ident.sym.to_string()]
            }
            Decl::TsInterface(i) => {
                let t = self.types().interface(i);
                self.out.types.push(t);
                vec![i.id.sym.to_string()]
            }
            Decl::TsTypeAlias(a) => {
                let t = self.types().alias(a);
                self.out.types.push(t);
                vec![a.id.sym.to_string()]
            }
            // `export namespace App { export interface AppDTO {...} }`: the
            // types are kept as `App.AppDTO`.
            Decl::TsModule(m) => match (&m.id, &m.body) {
                (TsModuleName::Ident(id), Some(body)) => {
                    self.namespace(&id.sym, body);
                    vec![id.sym.to_string()]
                }
                _ => Vec::new(),
            },
            other => {
                other.visit_with(self);
                Vec::new()
            }
        }
    }

    /// The types a namespace declares, under `Ns.Name`.
    fn namespace(&mut self, prefix: &str, body: &TsNamespaceBody) {
        match body {
            TsNamespaceBody::TsNamespaceDecl(n) => {
                self.namespace(&format!("{prefix}.{}", n.id.sym), &n.body)
            }
            TsNamespaceBody::TsModuleBlock(b) => {
                for item in &b.body {
                    let decl = match item {
                        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => &e.decl,
                        ModuleItem::Stmt(Stmt::Decl(d)) => d,
                        _ => continue,
                    };
                    let mut t = match decl {
                        Decl::TsInterface(i) => self.types().interface(i),
                        Decl::TsTypeAlias(a) => self.types().alias(a),
                        Decl::TsModule(m) => {
                            if let (TsModuleName::Ident(id), Some(inner)) = (&m.id, &m.body) {
                                self.namespace(&format!("{prefix}.{}", id.sym), inner);
                            }
                            continue;
                        }
                        _ => continue,
                    };
                    t.name = format!("{prefix}.{}", t.name);
                    self.out.types.push(t);
                }
            }
        }
    }

    /// A module-level class: what the constructor stores in `this` (its
    /// parameters as `Param` values) and its methods, as possible wrappers.
    fn class_value(&mut self, c: &Class) -> Value {
        let outer = std::mem::replace(&mut self.in_class, true);
        let mut fields = Vec::new();
        let mut methods = Vec::new();
        for m in &c.body {
            match m {
                ClassMember::ClassProp(p) => {
                    if let (Some(key), Some(v)) = (prop_name(&p.key), &p.value) {
                        v.visit_with(self);
                        fields.push(PropFact {
                            key,
                            value: self.value(v),
                            origin: self.origin(p.span),
                        });
                    }
                }
                ClassMember::Constructor(ctor) => {
                    let pats: Vec<&Pat> = ctor
                        .params
                        .iter()
                        .filter_map(|p| match p {
                            ParamOrTsParamProp::Param(p) => Some(&p.pat),
                            ParamOrTsParamProp::TsParamProp(_) => None,
                        })
                        .collect();
                    let params = self.params_of(pats.into_iter());
                    self.scopes.push(Scope {
                        params,
                        collecting: true,
                        ..Default::default()
                    });
                    for stmt in ctor.body.iter().flat_map(|b| &b.stmts) {
                        stmt.visit_with(self);
                        if let Some((key, v, span)) = this_assignment(stmt) {
                            fields.push(PropFact {
                                key,
                                value: self.value(v),
                                origin: self.origin(span),
                            });
                        }
                    }
                    self.scopes.pop();
                }
                ClassMember::Method(m) if !m.is_static && m.kind == MethodKind::Method => {
                    if let Some(key) = prop_name(&m.key) {
                        let value = self.function_value(&m.function);
                        methods.push(PropFact {
                            key,
                            value,
                            origin: self.origin(m.span),
                        });
                    }
                }
                other => other.visit_with(self),
            }
        }
        self.in_class = outer;
        if fields.is_empty() && methods.iter().all(|m| matches!(m.value, Value::Unknown)) {
            return Value::Unknown;
        }
        Value::Class(Box::new(crate::model::ClassDef { fields, methods }))
    }

    /// The value of a module-level initialiser; functions are analysed as
    /// possible wrappers, everything else is visited for calls too.
    fn module_value(&mut self, e: &Expr) -> Value {
        match unwrap(e) {
            Expr::Arrow(a) => {
                let params: Vec<Param> = self.params_of(a.params.iter());
                let body = match &*a.body {
                    ArrowFunctionBody::FunctionBody(b) => Body::Block(b),
                    ArrowFunctionBody::Expr(e) => Body::Expr(e),
                };
                let scope = self.scope(
                    params,
                    a.return_type.as_deref(),
                    a.type_params.as_deref(),
                    body,
                    true,
                );
                self.wrapper_of(scope, body)
            }
            Expr::Fn(f) => self.function_value(&f.function),
            Expr::Object(o) => {
                let mut props = Vec::new();
                let mut spreads = Vec::new();
                for p in &o.props {
                    match p {
                        PropOrSpread::Spread(s) => spreads.push(self.value(&s.expr)),
                        PropOrSpread::Prop(p) => match &**p {
                            Prop::KeyValue(kv) => match self.key_of(&kv.key) {
                                Some(key) => {
                                    let value = self.module_value(&kv.value);
                                    props.push(PropFact {
                                        key,
                                        value,
                                        origin: self.origin(kv.span()),
                                    });
                                }
                                // A computed key: the object holds a name seam cannot read.
                                None => spreads.push(Value::Unknown),
                            },
                            Prop::Method(m) => {
                                if let Some(key) = prop_name(&m.key) {
                                    let value = self.function_value(&m.function);
                                    props.push(PropFact {
                                        key,
                                        value,
                                        origin: self.origin(m.span()),
                                    });
                                }
                            }
                            Prop::Shorthand(i) => props.push(PropFact {
                                key: i.sym.to_string(),
                                value: self.ident(&i.sym),
                                origin: self.origin(i.span),
                            }),
                            other => other.visit_with(self),
                        },
                    }
                }
                Value::Object { props, spreads }
            }
            other => {
                other.visit_with(self);
                self.value(other)
            }
        }
    }

    fn function_value(&mut self, f: &Function) -> Value {
        let params = self.params_of(f.params.iter().map(|p| &p.pat));
        match &f.body {
            Some(b) => {
                let scope = self.scope(
                    params,
                    f.return_type.as_deref(),
                    f.type_params.as_deref(),
                    Body::Block(b),
                    true,
                );
                self.wrapper_of(scope, Body::Block(b))
            }
            None => Value::Unknown,
        }
    }

    /// A function's scope: its parameters, declared return type and the
    /// calls it returns.
    fn scope(
        &self,
        params: Vec<Param>,
        ret: Option<&TsTypeAnn>,
        type_params: Option<&TsTypeParamDecl>,
        body: Body,
        collecting: bool,
    ) -> Scope {
        let mut returned = std::collections::HashSet::new();
        match body {
            Body::Expr(e) => returned_calls(e, &mut returned),
            Body::Block(b) => {
                let mut r = Returns {
                    found: &mut returned,
                };
                for stmt in &b.stmts {
                    stmt.visit_with(&mut r);
                }
            }
        }
        Scope {
            params,
            collecting,
            return_type: ret.map(|t| self.types().ty(&t.type_ann)),
            type_params: type_params
                .map(|p| p.params.iter().map(|t| t.name.sym.to_string()).collect())
                .unwrap_or_default(),
            returned,
            ..Default::default()
        }
    }

    fn params_of<'p>(&self, pats: impl Iterator<Item = &'p Pat>) -> Vec<Param> {
        let mut out = Vec::new();
        for (i, pat) in pats.enumerate() {
            for (name, path, ty) in pat_bindings(pat) {
                out.push(Param {
                    name,
                    index: i as u32,
                    path,
                    ty: ty.map(|t| self.types().ty(t)),
                });
            }
        }
        out
    }

    /// Walks a module-level function body; the function is a wrapper when a
    /// call in it forwards its parameters as URL or request config.
    fn wrapper_of(&mut self, scope: Scope, body: Body) -> Value {
        let names: Vec<String> = {
            let mut v: Vec<(u32, String)> = scope
                .params
                .iter()
                .map(|p| (p.index, p.name.clone()))
                .collect();
            v.dedup_by_key(|(i, _)| *i);
            v.into_iter().map(|(_, n)| n).collect()
        };
        self.scopes.push(scope);
        match body {
            Body::Block(b) => b.visit_with(self),
            Body::Expr(e) => e.visit_with(self),
        }
        let scope = self.scopes.pop().unwrap_or_default();
        match scope.forwarded.into_iter().next() {
            Some(call) => Value::Wrapper(Box::new(WrapperDef {
                params: names,
                type_params: scope.type_params,
                returns: scope.return_type.map(unpromise),
                call,
            })),
            None => Value::Unknown,
        }
    }

    fn lookup(&self, name: &str) -> Option<Value> {
        for (depth, scope) in self.scopes.iter().enumerate().rev() {
            if let Some(v) = scope.locals.get(name) {
                return Some(v.clone());
            }
            if let Some(p) = scope.params.iter().find(|p| p.name == name) {
                // Only the parameters of a module-level function matter.
                return Some(if depth == 0 && scope.collecting {
                    Value::Param {
                        index: p.index,
                        path: p.path.clone(),
                    }
                } else {
                    match &p.ty {
                        Some(ty) => Value::Typed { ty: ty.clone() },
                        None => Value::Unknown,
                    }
                });
            }
        }
        None
    }

    fn ident(&self, name: &str) -> Value {
        if let Some(v) = self.lookup(name) {
            return v;
        }
        if self.imports.contains_key(name) || self.module_names.contains(name) {
            return Value::Ref {
                name: name.to_string(),
                path: Vec::new(),
            };
        }
        Value::Unknown
    }

    fn is_axios(&self, name: &str) -> bool {
        self.lookup(name).is_none()
            && self.imports.get(name).is_some_and(|i| {
                i.source == "axios" && matches!(i.imported, Imported::Default | Imported::Namespace)
            })
    }

    /// The value of an expression in the current scope.
    pub fn value(&self, e: &Expr) -> Value {
        match unwrap(e) {
            Expr::Lit(Lit::Str(s)) => Value::Str {
                parts: vec![UrlPart::Lit(wtf(&s.value))],
            },
            Expr::Lit(Lit::Num(_)) | Expr::Lit(Lit::BigInt(_)) => Value::Number,
            Expr::Lit(Lit::Bool(_)) => Value::Bool,
            Expr::Tpl(t) => Value::Str {
                parts: self.template_parts(t),
            },
            Expr::Bin(b) if b.op == BinaryOp::Add => {
                let (l, r) = (self.value(&b.left), self.value(&b.right));
                if matches!(l, Value::Str { .. }) || matches!(r, Value::Str { .. }) {
                    let mut parts = self.parts_of(l, &b.left);
                    parts.extend(self.parts_of(r, &b.right));
                    Value::Str { parts }
                } else {
                    Value::Unknown
                }
            }
            Expr::Ident(i) => self.ident(&i.sym),
            Expr::Member(_) | Expr::OptChain(_) => self.member_value(e),
            Expr::Object(o) => {
                let mut props = Vec::new();
                let mut spreads = Vec::new();
                for p in &o.props {
                    match p {
                        PropOrSpread::Spread(s) => spreads.push(self.value(&s.expr)),
                        PropOrSpread::Prop(p) => match &**p {
                            Prop::KeyValue(kv) => match self.key_of(&kv.key) {
                                Some(key) => props.push(PropFact {
                                    key,
                                    value: self.value(&kv.value),
                                    origin: self.origin(kv.span()),
                                }),
                                // A computed key: the object holds a name seam cannot read.
                                None => spreads.push(Value::Unknown),
                            },
                            Prop::Shorthand(i) => props.push(PropFact {
                                key: i.sym.to_string(),
                                value: self.ident(&i.sym),
                                origin: self.origin(i.span),
                            }),
                            _ => {}
                        },
                    }
                }
                Value::Object { props, spreads }
            }
            Expr::New(n) => match unwrap(&n.callee) {
                Expr::Ident(i) => Value::New {
                    ctor: i.sym.to_string(),
                    args: n
                        .args
                        .iter()
                        .flatten()
                        .map(|a| self.value(&a.expr))
                        .collect(),
                },
                _ => Value::Unknown,
            },
            Expr::Call(c) => self.call_value(c),
            Expr::Array(_) => Value::Array,
            _ => Value::Unknown,
        }
    }

    fn call_value(&self, c: &CallExpr) -> Value {
        let swc_ecma_ast::Callee::Expr(callee) = &c.callee else {
            return Value::Unknown;
        };
        let Some((root, path)) = member_chain(callee) else {
            return Value::Unknown;
        };
        let Expr::Ident(root) = root else {
            return Value::Unknown;
        };
        let root_name = root.sym.to_string();
        if path.last().map(String::as_str) == Some("create") && path.len() == 1 {
            let from = if self.is_axios(&root_name) {
                CalleeFact::Axios { member: None }
            } else {
                match self.ident(&root_name) {
                    Value::Ref { name, .. } => CalleeFact::Ref {
                        name,
                        path: Vec::new(),
                    },
                    _ => return Value::Unknown,
                }
            };
            let config = c
                .args
                .first()
                .map(|a| self.value(&a.expr))
                .unwrap_or(Value::Object {
                    props: Vec::new(),
                    spreads: Vec::new(),
                });
            return Value::Client(Box::new(ClientDef {
                from,
                config,
                origin: self.origin(c.span),
            }));
        }
        let mut name = root_name;
        for p in &path {
            name.push('.');
            name.push_str(p);
        }
        Value::CallOf { callee: name }
    }

    fn member_value(&self, e: &Expr) -> Value {
        let Some((root, path)) = member_chain(e) else {
            return Value::Unknown;
        };
        match root {
            Expr::This(_) if self.in_class => Value::Ref {
                name: "this".into(),
                path,
            },
            Expr::MetaProp(m) if m.kind == MetaPropKind::ImportMeta => {
                if path.len() == 2 && path[0] == "env" {
                    return Value::Str {
                        parts: vec![UrlPart::Env(path[1].clone())],
                    };
                }
                Value::Unknown
            }
            Expr::Ident(i) => {
                if i.sym == *"process" && path.len() == 2 && path[0] == "env" {
                    return Value::Str {
                        parts: vec![UrlPart::Env(path[1].clone())],
                    };
                }
                match self.ident(&i.sym) {
                    Value::Param { index, path: mut p } => {
                        p.extend(path);
                        Value::Param { index, path: p }
                    }
                    Value::Ref { name, path: mut p } => {
                        p.extend(path);
                        Value::Ref { name, path: p }
                    }
                    Value::Object { props, .. } if path.len() == 1 => props
                        .into_iter()
                        .find(|p| p.key == path[0])
                        .map(|p| p.value)
                        .unwrap_or(Value::Unknown),
                    _ => Value::Unknown,
                }
            }
            _ => Value::Unknown,
        }
    }

    fn template_parts(&self, t: &Tpl) -> Vec<UrlPart> {
        let mut parts = Vec::new();
        for (i, q) in t.quasis.iter().enumerate() {
            let s = q
                .cooked
                .as_ref()
                .map(wtf)
                .unwrap_or_else(|| q.raw.to_string());
            if !s.is_empty() {
                parts.push(UrlPart::Lit(s));
            }
            if let Some(e) = t.exprs.get(i) {
                let v = self.value(e);
                parts.extend(self.parts_of(v, e));
            }
        }
        parts
    }

    /// A value as URL parts; what is not a string becomes a dynamic part.
    fn parts_of(&self, v: Value, e: &Expr) -> Vec<UrlPart> {
        match v {
            Value::Str { parts } => parts,
            Value::Param { index, path } => vec![UrlPart::Param { index, path }],
            Value::Ref { name, path } => vec![UrlPart::Ref { name, path }],
            _ => vec![UrlPart::Dynamic(self.text(e.span()).to_string())],
        }
    }

    /// What a call's callee is, if it may send a request.
    fn callee(&self, e: &Expr) -> Option<CalleeFact> {
        let (root, path) = member_chain(e)?;
        if let (Expr::This(_), true) = (root, self.in_class) {
            return Some(CalleeFact::Ref {
                name: "this".into(),
                path,
            });
        }
        let Expr::Ident(root) = root else { return None };
        let name = root.sym.to_string();
        if path.is_empty() && name == "fetch" && self.lookup(&name).is_none() {
            return Some(CalleeFact::Fetch);
        }
        if matches!(name.as_str(), "window" | "globalThis" | "self")
            && path == ["fetch"]
            && self.lookup(&name).is_none()
        {
            return Some(CalleeFact::Fetch);
        }
        if self.is_axios(&name) {
            return match path.as_slice() {
                [] => Some(CalleeFact::Axios { member: None }),
                [m] if AXIOS_VERBS.contains(&m.as_str()) => Some(CalleeFact::Axios {
                    member: Some(m.clone()),
                }),
                _ => None,
            };
        }
        match self.ident(&name) {
            Value::Ref { name, path: p } => Some(CalleeFact::Ref {
                name,
                path: p.into_iter().chain(path).collect(),
            }),
            Value::Param { index, path: p } => Some(CalleeFact::Param {
                index,
                path: p.into_iter().chain(path).collect(),
            }),
            _ => None,
        }
    }

    fn on_call(&mut self, c: &CallExpr) {
        let swc_ecma_ast::Callee::Expr(callee_expr) = &c.callee else {
            return;
        };
        if self.interceptor(callee_expr, c) {
            return;
        }
        let Some(callee) = self.callee(callee_expr) else {
            return;
        };
        let args: Vec<Value> = c
            .args
            .iter()
            .map(|a| {
                if a.spread.is_some() {
                    Value::Unknown
                } else {
                    self.value(&a.expr)
                }
            })
            .collect();
        if let CalleeFact::Ref { path, .. } | CalleeFact::Param { path, .. } = &callee {
            if path.last().map(String::as_str) == Some("create") {
                return;
            }
            let verb = path
                .last()
                .is_some_and(|m| AXIOS_VERBS.contains(&m.as_str()));
            let urlish = match args.first() {
                Some(Value::Str { .. }) | Some(Value::Param { .. }) => true,
                Some(Value::Object { props, .. }) => props.iter().any(|p| p.key == "url"),
                _ => false,
            };
            if !(verb || (path.is_empty() && urlish)) {
                return;
            }
        }
        let type_args: Vec<TsType> = c
            .type_args
            .as_ref()
            .map(|t| t.params.iter().map(|p| self.types().ty(p)).collect())
            .unwrap_or_default();
        let call = TsCall {
            callee,
            args,
            type_args,
            declared_return: self.declared_return(c.span),
            response: Vec::new(),
            origin: self.origin(c.span),
        };
        let forwards = forwards(
            &call,
            self.scopes
                .first()
                .map(|s| s.params.as_slice())
                .unwrap_or(&[]),
        );
        let key = (c.span.lo.0, c.span.hi.0);
        if forwards && self.scopes.first().is_some_and(|s| s.collecting) {
            if let Some(s) = self.scopes.first_mut() {
                s.forwarded.push(call);
                self.slots
                    .insert(key, Slot::Forwarded(s.forwarded.len() - 1));
            }
            return;
        }
        let params = self.scopes.first().map(|s| &s.params);
        let call = demote_params(call, params.map(Vec::as_slice).unwrap_or(&[]));
        self.out.calls.push(call);
        self.slots
            .insert(key, Slot::Module(self.out.calls.len() - 1));
    }
}

/// The calls an expression returns: itself, or the call a `.then` / `.catch`
/// chain starts from.
fn returned_calls(e: &Expr, out: &mut std::collections::HashSet<(u32, u32)>) {
    // `(await http.get(u)).data`
    if let Expr::Member(m) = unwrap(e) {
        if member_prop(&m.prop).as_deref() == Some("data") {
            returned_calls(&m.obj, out);
        }
        return;
    }
    if let Expr::Call(c) = unwrap(e) {
        out.insert((c.span.lo.0, c.span.hi.0));
        if let swc_ecma_ast::Callee::Expr(callee) = &c.callee {
            if let Expr::Member(m) = unwrap(callee) {
                if matches!(
                    member_prop(&m.prop).as_deref(),
                    Some("then" | "catch" | "finally")
                ) {
                    returned_calls(&m.obj, out);
                }
            }
        }
    }
}

/// Collects the calls a function body returns, not descending into nested functions.
struct Returns<'o> {
    found: &'o mut std::collections::HashSet<(u32, u32)>,
}

impl Visit for Returns<'_> {
    fn visit_return_stmt(&mut self, r: &ReturnStmt) {
        if let Some(arg) = &r.arg {
            returned_calls(arg, self.found);
        }
    }

    fn visit_function(&mut self, _: &Function) {}

    fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
}

#[derive(Clone, Copy)]
enum Body<'b> {
    Block(&'b FunctionBody),
    Expr(&'b Expr),
}

/// `Promise<T>` → `T`.
fn unpromise(t: TsType) -> TsType {
    match t {
        TsType::Ref { name, mut args } if name == "Promise" && args.len() == 1 => {
            args.pop().unwrap_or(TsType::keyword("unknown"))
        }
        other => other,
    }
}

/// `this.x = value;` in a constructor.
fn this_assignment(stmt: &Stmt) -> Option<(String, &Expr, Span)> {
    let Stmt::Expr(e) = stmt else { return None };
    let Expr::Assign(a) = &*e.expr else {
        return None;
    };
    let AssignTarget::Simple(SimpleAssignTarget::Member(m)) = &a.left else {
        return None;
    };
    if !matches!(&*m.obj, Expr::This(_)) {
        return None;
    }
    Some((member_prop(&m.prop)?, &a.right, a.span))
}

/// `require('x')` → `x`.
fn require_source(e: &Expr) -> Option<String> {
    let Expr::Call(c) = unwrap(e) else {
        return None;
    };
    let swc_ecma_ast::Callee::Expr(callee) = &c.callee else {
        return None;
    };
    let Expr::Ident(i) = &**callee else {
        return None;
    };
    if i.sym != *"require" {
        return None;
    }
    match c.args.first().map(|a| unwrap(&a.expr)) {
        Some(Expr::Lit(Lit::Str(s))) => Some(wtf(&s.value)),
        _ => None,
    }
}

impl Visit for Extractor<'_> {
    fn visit_if_stmt(&mut self, i: &IfStmt) {
        i.test.visit_with(self);
        let branch = self.error_branch(&i.test);
        let saved = self.error_path;
        if let Some((slot, true)) = branch {
            self.error_path = Some(slot);
        }
        i.cons.visit_with(self);
        self.error_path = saved;
        if let Some((slot, false)) = branch {
            self.error_path = Some(slot);
        }
        i.alt.visit_with(self);
        self.error_path = saved;
    }

    fn visit_call_expr(&mut self, c: &CallExpr) {
        self.on_call(c);
        c.visit_children_with(self);
        self.response_use(c);
        self.header_call(c);
    }

    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        a.visit_children_with(self);
        self.header_assignment(a);
    }

    fn visit_member_expr(&mut self, m: &MemberExpr) {
        m.visit_children_with(self);
        // `res.data`, `(await http.get(u)).data`.
        if member_prop(&m.prop).as_deref() == Some("data") {
            if let Some(slot) = self.slot_of(&m.obj) {
                self.add_use(slot, ResponseUse::Data);
            }
        }
    }

    fn visit_arrow_expr(&mut self, a: &ArrowExpr) {
        let params = self.params_of(a.params.iter());
        let body = match &*a.body {
            ArrowFunctionBody::FunctionBody(b) => Body::Block(b),
            ArrowFunctionBody::Expr(e) => Body::Expr(e),
        };
        let scope = self.scope(
            params,
            a.return_type.as_deref(),
            a.type_params.as_deref(),
            body,
            false,
        );
        self.scopes.push(scope);
        a.body.visit_with(self);
        self.scopes.pop();
    }

    fn visit_function(&mut self, f: &Function) {
        let params = self.params_of(f.params.iter().map(|p| &p.pat));
        let scope = match &f.body {
            Some(b) => self.scope(
                params,
                f.return_type.as_deref(),
                f.type_params.as_deref(),
                Body::Block(b),
                false,
            ),
            None => Scope {
                params,
                ..Default::default()
            },
        };
        self.scopes.push(scope);
        f.body.visit_with(self);
        self.scopes.pop();
    }

    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        d.init.visit_with(self);
        if self.scopes.is_empty() {
            return;
        }
        if let Some(slot) = d.init.as_deref().and_then(|i| self.slot_of(i)) {
            match &d.name {
                Pat::Ident(b) => {
                    if let Some(scope) = self.scopes.last_mut() {
                        scope.responses.insert(b.id.sym.to_string(), slot);
                    }
                }
                // `const { data } = await http.get(...)`
                Pat::Object(_) => {
                    for (_, path, _) in pat_bindings(&d.name) {
                        if let Some(u) = path.first().and_then(|k| ResponseUse::of_member(k)) {
                            self.add_use(slot, u);
                        }
                    }
                }
                _ => {}
            }
            return;
        }
        if let (Pat::Ident(b), Some(init)) = (&d.name, &d.init) {
            let v = self.value(init);
            if let Some(scope) = self.scopes.last_mut() {
                scope.locals.insert(b.id.sym.to_string(), v);
            }
        }
    }
}
