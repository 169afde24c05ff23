//! Small helpers over swc nodes: names, strings, spans.

use swc_atoms::Wtf8Atom;
use swc_common::Span;
use swc_ecma_ast::{Expr, MemberProp, ModuleExportName, Pat, PropName};

use super::parse::offset;

/// A swc WTF-8 string as Rust text (lone surrogates replaced).
pub fn wtf(s: &Wtf8Atom) -> String {
    s.to_atom_lossy().as_str().to_string()
}

pub fn export_name(n: &ModuleExportName) -> String {
    match n {
        ModuleExportName::Ident(i) => i.sym.to_string(),
        ModuleExportName::Str(s) => wtf(&s.value),
    }
}

pub fn prop_name(p: &PropName) -> Option<String> {
    match p {
        PropName::Ident(i) => Some(i.sym.to_string()),
        PropName::Str(s) => Some(wtf(&s.value)),
        PropName::Num(n) => Some(n.value.to_string()),
        _ => None,
    }
}

pub fn member_prop(p: &MemberProp) -> Option<String> {
    match p {
        MemberProp::Ident(i) => Some(i.sym.to_string()),
        MemberProp::Computed(c) => match &*c.expr {
            Expr::Lit(swc_ecma_ast::Lit::Str(s)) => Some(wtf(&s.value)),
            _ => None,
        },
        MemberProp::PrivateName(_) => None,
    }
}

/// Strips parentheses and TS-only wrappers that do not change a value.
pub fn unwrap(e: &Expr) -> &Expr {
    match e {
        Expr::Paren(p) => unwrap(&p.expr),
        Expr::TsAs(a) => unwrap(&a.expr),
        Expr::TsSatisfies(s) => unwrap(&s.expr),
        Expr::TsNonNull(n) => unwrap(&n.expr),
        Expr::TsConstAssertion(c) => unwrap(&c.expr),
        Expr::TsTypeAssertion(t) => unwrap(&t.expr),
        Expr::TsInstantiation(t) => unwrap(&t.expr),
        Expr::Await(a) => unwrap(&a.arg),
        _ => e,
    }
}

/// `a.b.c` → (`a`'s expression, [`b`, `c`]); computed string keys count.
pub fn member_chain(e: &Expr) -> Option<(&Expr, Vec<String>)> {
    let mut path = Vec::new();
    let mut cur = unwrap(e);
    loop {
        match cur {
            Expr::Member(m) => {
                path.push(member_prop(&m.prop)?);
                cur = unwrap(&m.obj);
            }
            Expr::OptChain(o) => match &*o.base {
                swc_ecma_ast::OptChainBase::Member(m) => {
                    path.push(member_prop(&m.prop)?);
                    cur = unwrap(&m.obj);
                }
                _ => return None,
            },
            _ => break,
        }
    }
    path.reverse();
    Some((cur, path))
}

/// Names a parameter pattern binds, with the property path for destructuring.
pub fn pat_bindings(p: &Pat) -> Vec<(String, Vec<String>, Option<&swc_ecma_ast::TsType>)> {
    match p {
        Pat::Ident(b) => vec![(
            b.id.sym.to_string(),
            Vec::new(),
            b.type_ann.as_ref().map(|t| &*t.type_ann),
        )],
        Pat::Assign(a) => pat_bindings(&a.left),
        Pat::Rest(r) => pat_bindings(&r.arg),
        Pat::Object(o) => {
            let mut out = Vec::new();
            for prop in &o.props {
                match prop {
                    swc_ecma_ast::ObjectPatProp::KeyValue(kv) => {
                        if let Some(key) = prop_name(&kv.key) {
                            for (n, mut path, ty) in pat_bindings(&kv.value) {
                                path.insert(0, key.clone());
                                out.push((n, path, ty));
                            }
                        }
                    }
                    swc_ecma_ast::ObjectPatProp::Assign(a) => {
                        out.push((
                            a.key.id.sym.to_string(),
                            vec![a.key.id.sym.to_string()],
                            None,
                        ));
                    }
                    swc_ecma_ast::ObjectPatProp::Rest(_) => {}
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// The source text under a span (`src` is the whole file).
pub fn span_text(src: &str, span: Span) -> &str {
    let (lo, hi) = (offset(span.lo) as usize, offset(span.hi) as usize);
    src.get(lo..hi).unwrap_or("")
}
