//! Module-level declarations of a TS/JS module for the exported surface:
//! functions (parameter and return types), classes (public members),
//! interfaces and object type aliases (members, optionality), type
//! aliases, consts, enums. Types are kept as their source text with
//! whitespace normalized. In a `.vue` file, the component API is read too.

use swc_common::{Span, Spanned};
use swc_ecma_ast::*;

use super::parse::offset;
use crate::model::{FileFacts, FileKind, TsDecl, TsDeclKind, TsDeclMember};
use crate::source::LineIndex;

/// Source text of a span, whitespace collapsed.
pub fn text(src: &str, span: Span) -> String {
    let (lo, hi) = (offset(span.lo) as usize, offset(span.hi) as usize);
    src.get(lo..hi)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of a type annotation (`: T` → `T`), `*` when there is none.
pub fn ann(src: &str, t: Option<&TsTypeAnn>) -> String {
    t.map(|t| text(src, t.type_ann.span()))
        .unwrap_or_else(|| "*".into())
}

pub fn key_name(k: &PropName) -> Option<String> {
    match k {
        PropName::Ident(i) => Some(i.sym.to_string()),
        PropName::Str(s) => Some(s.value.to_atom_lossy().as_str().to_string()),
        PropName::Num(n) => Some(n.value.to_string()),
        _ => None,
    }
}

pub fn expr_key(e: &Expr) -> Option<String> {
    match e {
        Expr::Ident(i) => Some(i.sym.to_string()),
        Expr::Lit(Lit::Str(s)) => Some(s.value.to_atom_lossy().as_str().to_string()),
        _ => None,
    }
}

/// `(string, number?, ...string[]) => User` of a parameter list.
fn params_sig(src: &str, pats: &[&Pat], ret: Option<&TsTypeAnn>) -> String {
    let ps: Vec<String> = pats
        .iter()
        .map(|p| match p {
            Pat::Ident(b) => {
                let q = if b.id.optional { "?" } else { "" };
                format!("{}{q}", ann(src, b.type_ann.as_deref()))
            }
            Pat::Rest(r) => format!("...{}", ann(src, r.type_ann.as_deref())),
            Pat::Assign(a) => match &*a.left {
                Pat::Ident(b) => format!("{}?", ann(src, b.type_ann.as_deref())),
                _ => "*?".into(),
            },
            Pat::Object(o) => ann(src, o.type_ann.as_deref()),
            Pat::Array(a) => ann(src, a.type_ann.as_deref()),
            _ => "*".into(),
        })
        .collect();
    format!("({}) => {}", ps.join(", "), ann(src, ret))
}

fn fn_sig(src: &str, f: &Function) -> String {
    let pats: Vec<&Pat> = f.params.iter().map(|p| &p.pat).collect();
    params_sig(src, &pats, f.return_type.as_deref())
}

/// Members of an interface body or a type literal.
pub fn type_members(src: &str, idx: &LineIndex, body: &[TsTypeElement]) -> Vec<TsDeclMember> {
    let mut out = Vec::new();
    for m in body {
        let (name, sig, optional, span) = match m {
            TsTypeElement::TsPropertySignature(p) => (
                expr_key(&p.key),
                ann(src, p.type_ann.as_deref()),
                p.optional,
                p.span,
            ),
            TsTypeElement::TsMethodSignature(m) => {
                let pats: Vec<Pat> = m.params.iter().filter_map(fn_param_pat).collect();
                let refs: Vec<&Pat> = pats.iter().collect();
                (
                    expr_key(&m.key),
                    params_sig(src, &refs, m.type_ann.as_deref()),
                    m.optional,
                    m.span,
                )
            }
            _ => continue,
        };
        if let Some(name) = name {
            out.push(TsDeclMember {
                name,
                sig,
                optional,
                origin: idx.origin(offset(span.lo), offset(span.hi)),
            });
        }
    }
    out
}

pub fn fn_param_pat(p: &TsFnParam) -> Option<Pat> {
    match p {
        TsFnParam::Ident(b) => Some(Pat::Ident(b.clone())),
        TsFnParam::Rest(r) => Some(Pat::Rest(r.clone())),
        TsFnParam::Object(o) => Some(Pat::Object(o.clone())),
        TsFnParam::Array(a) => Some(Pat::Array(a.clone())),
    }
}

struct Collector<'a> {
    src: &'a str,
    idx: &'a LineIndex<'a>,
    out: Vec<TsDecl>,
}

impl Collector<'_> {
    fn push(
        &mut self,
        name: String,
        exported: bool,
        kind: TsDeclKind,
        sig: String,
        members: Vec<TsDeclMember>,
        span: Span,
    ) {
        self.out.push(TsDecl {
            name,
            exported,
            kind,
            sig,
            members,
            origin: self.idx.origin(offset(span.lo), offset(span.hi)),
        });
    }

    fn class(&mut self, name: String, exported: bool, c: &Class, span: Span) {
        let mut members = Vec::new();
        for m in &c.body {
            let (key, sig, optional, mspan, access) = match m {
                ClassMember::Constructor(k) => {
                    let pats: Vec<Pat> = k
                        .params
                        .iter()
                        .filter_map(|p| match p {
                            ParamOrTsParamProp::Param(p) => Some(p.pat.clone()),
                            ParamOrTsParamProp::TsParamProp(_) => None,
                        })
                        .collect();
                    let refs: Vec<&Pat> = pats.iter().collect();
                    (
                        Some("constructor".to_string()),
                        params_sig(self.src, &refs, None),
                        false,
                        k.span,
                        k.accessibility,
                    )
                }
                ClassMember::Method(m) => {
                    let st = if m.is_static { "static " } else { "" };
                    (
                        key_name(&m.key),
                        format!("{st}{}", fn_sig(self.src, &m.function)),
                        m.is_optional,
                        m.span,
                        m.accessibility,
                    )
                }
                ClassMember::ClassProp(p) => {
                    let st = if p.is_static { "static " } else { "" };
                    (
                        key_name(&p.key),
                        format!("{st}{}", ann(self.src, p.type_ann.as_deref())),
                        p.is_optional,
                        p.span,
                        p.accessibility,
                    )
                }
                _ => continue,
            };
            if access == Some(Accessibility::Private) {
                continue;
            }
            if let Some(key) = key {
                members.push(TsDeclMember {
                    name: key,
                    sig,
                    optional,
                    origin: self.idx.origin(offset(mspan.lo), offset(mspan.hi)),
                });
            }
        }
        let sig = c
            .super_class
            .as_ref()
            .map(|s| format!("extends {}", text(self.src, s.span())))
            .unwrap_or_default();
        self.push(name, exported, TsDeclKind::Class, sig, members, span);
    }

    fn decl(&mut self, d: &Decl, exported: bool) {
        let src = self.src;
        match d {
            Decl::Fn(f) => self.push(
                f.ident.sym.to_string(),
                exported,
                TsDeclKind::Function,
                fn_sig(src, &f.function),
                Vec::new(),
                f.ident.span,
            ),
            Decl::Class(c) => self.class(c.ident.sym.to_string(), exported, &c.class, c.ident.span),
            Decl::Var(v) => {
                for d in &v.decls {
                    let Pat::Ident(b) = &d.name else { continue };
                    let name = b.id.sym.to_string();
                    let init = d.init.as_deref();
                    let (kind, sig) = match (b.type_ann.as_deref(), init) {
                        (Some(t), _) => (TsDeclKind::Const, ann(src, Some(t))),
                        (None, Some(Expr::Arrow(a))) => {
                            let pats: Vec<&Pat> = a.params.iter().collect();
                            (
                                TsDeclKind::Function,
                                params_sig(src, &pats, a.return_type.as_deref()),
                            )
                        }
                        (None, Some(Expr::Fn(f))) => {
                            (TsDeclKind::Function, fn_sig(src, &f.function))
                        }
                        _ => (TsDeclKind::Const, "*".into()),
                    };
                    self.push(name, exported, kind, sig, Vec::new(), b.id.span);
                }
            }
            Decl::TsInterface(i) => {
                let sig = i
                    .extends
                    .iter()
                    .map(|e| text(src, e.span))
                    .collect::<Vec<_>>()
                    .join(", ");
                let members = type_members(src, self.idx, &i.body.body);
                self.push(
                    i.id.sym.to_string(),
                    exported,
                    TsDeclKind::Interface,
                    sig,
                    members,
                    i.id.span,
                );
            }
            Decl::TsTypeAlias(t) => {
                let members = match &*t.type_ann {
                    TsType::TsTypeLit(l) => type_members(src, self.idx, &l.members),
                    _ => Vec::new(),
                };
                self.push(
                    t.id.sym.to_string(),
                    exported,
                    TsDeclKind::TypeAlias,
                    text(src, t.type_ann.span()),
                    members,
                    t.id.span,
                );
            }
            Decl::TsEnum(e) => {
                let members = e
                    .members
                    .iter()
                    .map(|m| TsDeclMember {
                        name: match &m.id {
                            TsEnumMemberId::Ident(i) => i.sym.to_string(),
                            TsEnumMemberId::Str(s) => s.value.to_atom_lossy().as_str().to_string(),
                        },
                        sig: m
                            .init
                            .as_ref()
                            .map(|i| text(src, i.span()))
                            .unwrap_or_default(),
                        optional: false,
                        origin: self.idx.origin(offset(m.span.lo), offset(m.span.hi)),
                    })
                    .collect();
                self.push(
                    e.id.sym.to_string(),
                    exported,
                    TsDeclKind::Enum,
                    String::new(),
                    members,
                    e.id.span,
                );
            }
            _ => {}
        }
    }
}

/// Adds the module's declarations (and, in a `.vue` file, the component
/// API) to the file's surface facts.
pub fn collect(program: &Program, src: &str, idx: &LineIndex, facts: &mut FileFacts) {
    let mut c = Collector {
        src,
        idx,
        out: Vec::new(),
    };
    {
        for item in crate::frontends::vue::component::module_items(program).iter() {
            match item {
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => c.decl(&e.decl, true),
                ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(d)) => match &d.decl {
                    DefaultDecl::Fn(f) => c.push(
                        "default".into(),
                        true,
                        TsDeclKind::Function,
                        fn_sig(src, &f.function),
                        Vec::new(),
                        d.span,
                    ),
                    DefaultDecl::Class(k) => c.class("default".into(), true, &k.class, d.span),
                    DefaultDecl::TsInterfaceDecl(i) => c.decl(&Decl::TsInterface(i.clone()), true),
                },
                ModuleItem::Stmt(Stmt::Decl(d)) => c.decl(d, false),
                _ => {}
            }
        }
    }
    let component = (facts.kind == FileKind::Vue)
        .then(|| crate::frontends::vue::component::extract(program, src, idx))
        .flatten();
    if c.out.is_empty() && component.is_none() {
        return;
    }
    let s = facts.surface.get_or_insert_with(Default::default);
    s.ts.extend(c.out);
    if let Some(comp) = component {
        match &mut s.vue {
            None => s.vue = Some(comp),
            Some(acc) => {
                acc.props.extend(comp.props);
                acc.emits.extend(comp.emits);
                acc.models.extend(comp.models);
                acc.exposes.extend(comp.exposes);
                acc.defaults.extend(comp.defaults);
                if acc.props_type.is_none() {
                    acc.props_type = comp.props_type;
                }
            }
        }
    }
}
