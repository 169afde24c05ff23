//! The public API of a Vue component from its script: `defineProps`
//! (runtime object or array, type literal, local or imported interface),
//! `withDefaults`, `defineEmits` (array, object, call signatures, named
//! tuples), `defineModel`, `defineExpose`, and the `props` / `emits` of an
//! options-API `export default` / `defineComponent`.

use std::collections::HashMap;

use swc_common::{Span, Spanned};
use swc_ecma_ast::*;

use crate::frontends::script::offset;
use crate::frontends::script::surface::{expr_key, fn_param_pat, key_name, text, type_members};
use crate::model::{
    Origin, TsDeclMember, TypeRef, VueComponent, VueEmit, VueExpose, VueModel, VueProp,
};
use crate::source::LineIndex;

struct Cx<'a> {
    src: &'a str,
    idx: &'a LineIndex<'a>,
    imports: HashMap<String, TypeRef>,
    types: HashMap<String, Vec<TsDeclMember>>,
    out: VueComponent,
    found: bool,
}

/// The types a TS type accepts: union members, sorted.
pub fn union_types(src: &str, t: &TsType) -> Vec<String> {
    let mut v: Vec<String> = match t {
        TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(u)) => {
            u.types.iter().flat_map(|t| union_types(src, t)).collect()
        }
        TsType::TsParenthesizedType(p) => union_types(src, &p.type_ann),
        _ => vec![text(src, t.span())],
    };
    v.sort();
    v.dedup();
    v
}

/// The TS type of a runtime prop type: `String` → `string`,
/// `Object as PropType<User>` → `User`.
fn runtime_types(src: &str, e: &Expr) -> Vec<String> {
    let mut v = match e {
        Expr::Ident(i) => vec![match &*i.sym {
            "String" => "string".to_string(),
            "Number" => "number".to_string(),
            "Boolean" => "boolean".to_string(),
            "Array" => "unknown[]".to_string(),
            "Object" => "object".to_string(),
            "Symbol" => "symbol".to_string(),
            "BigInt" => "bigint".to_string(),
            other => other.to_string(),
        }],
        Expr::Array(a) => a
            .elems
            .iter()
            .flatten()
            .flat_map(|e| runtime_types(src, &e.expr))
            .collect(),
        Expr::TsAs(a) => match &*a.type_ann {
            TsType::TsTypeRef(r) if matches!(&r.type_name, TsEntityName::Ident(i) if &*i.sym == "PropType") => {
                r.type_params
                    .as_ref()
                    .and_then(|p| p.params.first())
                    .map(|t| union_types(src, t))
                    .unwrap_or_default()
            }
            _ => runtime_types(src, &a.expr),
        },
        Expr::Paren(p) => runtime_types(src, &p.expr),
        _ => Vec::new(),
    };
    v.sort();
    v.dedup();
    v
}

fn obj_prop<'e>(o: &'e ObjectLit, key: &str) -> Option<&'e Expr> {
    o.props.iter().find_map(|p| match p {
        PropOrSpread::Prop(p) => match &**p {
            Prop::KeyValue(kv) if key_name(&kv.key).as_deref() == Some(key) => Some(&*kv.value),
            _ => None,
        },
        _ => None,
    })
}

fn has_key(o: &ObjectLit, key: &str) -> bool {
    o.props.iter().any(|p| match p {
        PropOrSpread::Prop(p) => match &**p {
            Prop::KeyValue(kv) => key_name(&kv.key).as_deref() == Some(key),
            Prop::Method(m) => key_name(&m.key).as_deref() == Some(key),
            Prop::Shorthand(i) => &*i.sym == key,
            _ => false,
        },
        _ => false,
    })
}

fn is_true(e: Option<&Expr>) -> bool {
    matches!(e, Some(Expr::Lit(Lit::Bool(b))) if b.value)
}

/// `(key, value, span)` of an object literal's properties.
fn entries(o: &ObjectLit) -> Vec<(String, Option<&Expr>, Span)> {
    o.props
        .iter()
        .filter_map(|p| match p {
            PropOrSpread::Prop(p) => match &**p {
                Prop::KeyValue(kv) => key_name(&kv.key).map(|k| (k, Some(&*kv.value), kv.span())),
                Prop::Shorthand(i) => Some((i.sym.to_string(), None, i.span)),
                Prop::Method(m) => key_name(&m.key).map(|k| (k, None, m.span())),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

impl Cx<'_> {
    fn origin(&self, span: Span) -> Origin {
        self.idx.origin(offset(span.lo), offset(span.hi))
    }

    fn callee(c: &CallExpr) -> Option<&str> {
        match &c.callee {
            Callee::Expr(e) => match &**e {
                Expr::Ident(i) => Some(&i.sym),
                _ => None,
            },
            _ => None,
        }
    }

    fn type_arg(c: &CallExpr) -> Option<&TsType> {
        c.type_args
            .as_ref()
            .and_then(|t| t.params.first())
            .map(|t| &**t)
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Call(c) => self.call(c),
            Expr::Await(a) => self.expr(&a.arg),
            Expr::Paren(p) => self.expr(&p.expr),
            Expr::TsAs(a) => self.expr(&a.expr),
            _ => {}
        }
    }

    fn call(&mut self, c: &CallExpr) {
        let arg = |i: usize| c.args.get(i).map(|a| &*a.expr);
        match Self::callee(c) {
            Some("defineProps") => {
                self.found = true;
                if let Some(t) = Self::type_arg(c) {
                    self.type_props(t);
                } else if let Some(a) = arg(0) {
                    self.runtime_props(a);
                }
            }
            Some("withDefaults") => {
                if let Some(Expr::Call(inner)) = arg(0) {
                    self.call(inner);
                }
                if let Some(Expr::Object(o)) = arg(1) {
                    let keys: Vec<String> = entries(o).into_iter().map(|(k, _, _)| k).collect();
                    for p in &mut self.out.props {
                        if keys.contains(&p.name) {
                            p.default = true;
                        }
                    }
                    self.out.defaults.extend(keys);
                }
            }
            Some("defineEmits") => {
                self.found = true;
                if let Some(t) = Self::type_arg(c) {
                    self.type_emits(t);
                } else if let Some(a) = arg(0) {
                    self.runtime_emits(a);
                }
            }
            Some("defineModel") => {
                self.found = true;
                let (name, opts) = match arg(0) {
                    Some(Expr::Lit(Lit::Str(s))) => {
                        (s.value.to_atom_lossy().as_str().to_string(), arg(1))
                    }
                    _ => ("modelValue".to_string(), arg(0)),
                };
                let opts = match opts {
                    Some(Expr::Object(o)) => Some(o),
                    _ => None,
                };
                let mut types = Self::type_arg(c)
                    .map(|t| union_types(self.src, t))
                    .unwrap_or_default();
                if types.is_empty() {
                    if let Some(t) = opts.and_then(|o| obj_prop(o, "type")) {
                        types = runtime_types(self.src, t);
                    }
                }
                self.out.models.push(VueModel {
                    name,
                    types,
                    required: opts.is_some_and(|o| is_true(obj_prop(o, "required"))),
                    origin: self.origin(c.span),
                });
            }
            Some("defineExpose") => {
                self.found = true;
                if let Some(Expr::Object(o)) = arg(0) {
                    for (k, _, span) in entries(o) {
                        let origin = self.origin(span);
                        self.out.exposes.push(VueExpose { name: k, origin });
                    }
                }
            }
            Some("defineComponent") => {
                if let Some(Expr::Object(o)) = arg(0) {
                    self.options(o);
                }
            }
            _ => {}
        }
    }

    /// An options-API component object: its `props` and `emits`.
    fn options(&mut self, o: &ObjectLit) {
        if let Some(p) = obj_prop(o, "props") {
            self.found = true;
            self.runtime_props(p);
        }
        if let Some(e) = obj_prop(o, "emits") {
            self.found = true;
            self.runtime_emits(e);
        }
        if let Some(Expr::Array(a)) = obj_prop(o, "expose") {
            self.found = true;
            for e in a.elems.iter().flatten() {
                if let Some(k) = expr_key(&e.expr) {
                    let origin = self.origin(e.expr.span());
                    self.out.exposes.push(VueExpose { name: k, origin });
                }
            }
        }
    }

    fn runtime_props(&mut self, e: &Expr) {
        match e {
            Expr::Array(a) => {
                for e in a.elems.iter().flatten() {
                    if let Expr::Lit(Lit::Str(s)) = &*e.expr {
                        self.out.props.push(VueProp {
                            name: s.value.to_atom_lossy().as_str().to_string(),
                            types: Vec::new(),
                            required: false,
                            default: false,
                            origin: self.origin(s.span),
                        });
                    }
                }
            }
            Expr::Object(o) => {
                for (name, value, span) in entries(o) {
                    let (types, required, default) = match value {
                        Some(Expr::Object(spec)) => (
                            obj_prop(spec, "type")
                                .map(|t| runtime_types(self.src, t))
                                .unwrap_or_default(),
                            is_true(obj_prop(spec, "required")),
                            has_key(spec, "default"),
                        ),
                        Some(t) => (runtime_types(self.src, t), false, false),
                        None => (Vec::new(), false, false),
                    };
                    let origin = self.origin(span);
                    self.out.props.push(VueProp {
                        name,
                        types,
                        required,
                        default,
                        origin,
                    });
                }
            }
            _ => {}
        }
    }

    fn members_of(&mut self, t: &TsType) -> Option<Vec<TsDeclMember>> {
        match t {
            TsType::TsTypeLit(l) => Some(type_members(self.src, self.idx, &l.members)),
            TsType::TsTypeRef(r) => {
                let TsEntityName::Ident(i) = &r.type_name else {
                    return None;
                };
                if let Some(m) = self.types.get(&*i.sym) {
                    return Some(m.clone());
                }
                self.out.props_type = self.imports.get(&*i.sym).cloned();
                None
            }
            _ => None,
        }
    }

    fn type_props(&mut self, t: &TsType) {
        let Some(members) = self.members_of(t) else {
            return;
        };
        for m in members {
            self.out.props.push(VueProp::from_member(&m));
        }
    }

    fn type_emits(&mut self, t: &TsType) {
        let TsType::TsTypeLit(l) = t else {
            if let Some(members) = self.members_of(t) {
                for m in members {
                    self.out.emits.push(VueEmit {
                        name: m.name,
                        payload: Some(m.sig),
                        origin: m.origin,
                    });
                }
            }
            return;
        };
        for m in &l.members {
            match m {
                // `(e: 'change', id: number): void`
                TsTypeElement::TsCallSignatureDecl(c) => {
                    let pats: Vec<Pat> = c.params.iter().filter_map(fn_param_pat).collect();
                    let Some(Pat::Ident(first)) = pats.first() else {
                        continue;
                    };
                    let Some(TsType::TsLitType(TsLitType {
                        lit: TsLit::Str(name),
                        ..
                    })) = first.type_ann.as_ref().map(|a| &*a.type_ann)
                    else {
                        continue;
                    };
                    let rest: Vec<String> = pats[1..]
                        .iter()
                        .map(|p| match p {
                            Pat::Ident(b) => b
                                .type_ann
                                .as_ref()
                                .map(|a| text(self.src, a.type_ann.span()))
                                .unwrap_or_else(|| "*".into()),
                            Pat::Rest(r) => format!(
                                "...{}",
                                r.type_ann
                                    .as_ref()
                                    .map(|a| text(self.src, a.type_ann.span()))
                                    .unwrap_or_default()
                            ),
                            _ => "*".into(),
                        })
                        .collect();
                    self.out.emits.push(VueEmit {
                        name: name.value.to_atom_lossy().as_str().to_string(),
                        payload: Some(format!("[{}]", rest.join(", "))),
                        origin: self.origin(c.span),
                    });
                }
                // `change: [id: number]`
                TsTypeElement::TsPropertySignature(p) => {
                    let Some(name) = expr_key(&p.key) else {
                        continue;
                    };
                    let payload = p.type_ann.as_ref().map(|a| match &*a.type_ann {
                        TsType::TsTupleType(tt) => format!(
                            "[{}]",
                            tt.elem_types
                                .iter()
                                .map(|e| text(self.src, e.ty.span()))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        other => text(self.src, other.span()),
                    });
                    self.out.emits.push(VueEmit {
                        name,
                        payload,
                        origin: self.origin(p.span),
                    });
                }
                _ => {}
            }
        }
    }

    fn runtime_emits(&mut self, e: &Expr) {
        match e {
            Expr::Array(a) => {
                for e in a.elems.iter().flatten() {
                    if let Expr::Lit(Lit::Str(s)) = &*e.expr {
                        self.out.emits.push(VueEmit {
                            name: s.value.to_atom_lossy().as_str().to_string(),
                            payload: None,
                            origin: self.origin(s.span),
                        });
                    }
                }
            }
            Expr::Object(o) => {
                for (name, value, span) in entries(o) {
                    // A validator's typed parameters are the payload.
                    let payload = match value {
                        Some(Expr::Arrow(a))
                            if a.params
                                .iter()
                                .any(|p| matches!(p, Pat::Ident(b) if b.type_ann.is_some())) =>
                        {
                            Some(format!(
                                "[{}]",
                                a.params
                                    .iter()
                                    .map(|p| match p {
                                        Pat::Ident(b) => b
                                            .type_ann
                                            .as_ref()
                                            .map(|t| text(self.src, t.type_ann.span()))
                                            .unwrap_or_else(|| "*".into()),
                                        _ => "*".into(),
                                    })
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ))
                        }
                        _ => None,
                    };
                    let origin = self.origin(span);
                    self.out.emits.push(VueEmit {
                        name,
                        payload,
                        origin,
                    });
                }
            }
            _ => {}
        }
    }
}

/// The items of a module, or the statements of a script (a script block
/// without imports or exports parses as a script).
pub fn module_items(program: &Program) -> std::borrow::Cow<'_, [ModuleItem]> {
    match program {
        Program::Module(m) => std::borrow::Cow::Borrowed(&m.body),
        Program::Script(s) => {
            std::borrow::Cow::Owned(s.body.iter().cloned().map(ModuleItem::Stmt).collect())
        }
    }
}

/// The component API a script declares, if it declares any.
pub fn extract(program: &Program, src: &str, idx: &LineIndex) -> Option<VueComponent> {
    let body = module_items(program);
    let mut cx = Cx {
        src,
        idx,
        imports: HashMap::new(),
        types: HashMap::new(),
        out: VueComponent::default(),
        found: false,
    };
    for item in body.iter() {
        match item {
            ModuleItem::ModuleDecl(ModuleDecl::Import(imp)) => {
                let source = imp.src.value.to_atom_lossy().as_str().to_string();
                for s in &imp.specifiers {
                    if let ImportSpecifier::Named(n) = s {
                        let name = match &n.imported {
                            Some(ModuleExportName::Ident(i)) => i.sym.to_string(),
                            Some(ModuleExportName::Str(s)) => {
                                s.value.to_atom_lossy().as_str().to_string()
                            }
                            None => n.local.sym.to_string(),
                        };
                        cx.imports.insert(
                            n.local.sym.to_string(),
                            TypeRef {
                                source: source.clone(),
                                name,
                            },
                        );
                    }
                }
            }
            ModuleItem::Stmt(Stmt::Decl(Decl::TsInterface(i)))
            | ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                decl: Decl::TsInterface(i),
                ..
            })) => {
                let members = type_members(src, idx, &i.body.body);
                cx.types.insert(i.id.sym.to_string(), members);
            }
            ModuleItem::Stmt(Stmt::Decl(Decl::TsTypeAlias(t)))
            | ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                decl: Decl::TsTypeAlias(t),
                ..
            })) => {
                if let TsType::TsTypeLit(l) = &*t.type_ann {
                    let members = type_members(src, idx, &l.members);
                    cx.types.insert(t.id.sym.to_string(), members);
                }
            }
            _ => {}
        }
    }
    for item in body.iter() {
        match item {
            ModuleItem::Stmt(Stmt::Expr(e)) => cx.expr(&e.expr),
            ModuleItem::Stmt(Stmt::Decl(Decl::Var(v))) => {
                for d in &v.decls {
                    if let Some(init) = &d.init {
                        cx.expr(init);
                    }
                }
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(e)) => match &*e.expr {
                Expr::Object(o) => cx.options(o),
                other => cx.expr(other),
            },
            _ => {}
        }
    }
    cx.out.origin = idx.origin(0, 0);
    cx.found.then_some(cx.out)
}

#[cfg(test)]
#[path = "component_tests.rs"]
mod tests;
