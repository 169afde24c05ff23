//! Walks one parsed file for the HTTP contract ([`RustCode`]): every
//! struct, enum and type alias with its serde attributes, every function
//! and method with its signature and the axum routers it builds, private
//! `use` declarations, and hand-written serde impls. `#[cfg(test)]` items
//! are left out.

use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Fields, Item};

use super::axum::{self, Uses};
use super::sig::{cfg_test, is_pub};
use super::{rtype, serde_attrs};
use crate::model::{
    Origin, RustCode, RustField, RustFn, RustSerdeImpl, RustShape, RustType, RustTypeBody,
    RustTypeDef, RustTyped, RustUse, RustVariant,
};
use crate::source::LineIndex;

pub struct Walker<'a> {
    idx: &'a LineIndex<'a>,
    base: u32,
    uses: Uses,
    pub out: RustCode,
}

/// The wire facts of a parsed file.
pub fn extract(file: &syn::File, idx: &LineIndex, base: u32) -> RustCode {
    let mut w = Walker {
        idx,
        base,
        uses: Uses::default(),
        out: RustCode::default(),
    };
    let mut all = Vec::new();
    collect_uses(&file.items, &[], &mut all);
    for (_, path, name, _, _) in &all {
        w.uses.add(path, name);
    }
    for (within, path, name, public, span) in all {
        if !public {
            let origin = w.origin_of(span, span);
            w.out.imports.push(RustUse {
                within,
                path,
                name,
                origin,
            });
        }
    }
    w.items(&file.items, &[]);
    w.out
}

type UseEntry = (Vec<String>, Vec<String>, String, bool, proc_macro2::Span);

/// Every `use` of the file, inline modules included: (module, path, name,
/// public, span). The last path segment is `*` for a glob.
fn collect_uses(items: &[Item], within: &[String], out: &mut Vec<UseEntry>) {
    fn tree(
        t: &syn::UseTree,
        prefix: &mut Vec<String>,
        at: (&[String], bool, proc_macro2::Span),
        out: &mut Vec<UseEntry>,
    ) {
        let (within, public, span) = at;
        let mut push = |path: Vec<String>, name: String| {
            out.push((within.to_vec(), path, name, public, span));
        };
        match t {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.unraw().to_string());
                tree(&p.tree, prefix, at, out);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let name = n.ident.unraw().to_string();
                let mut path = prefix.clone();
                if name == "self" {
                    push(path.clone(), prefix.last().cloned().unwrap_or_default());
                } else {
                    path.push(name.clone());
                    push(path, name);
                }
            }
            syn::UseTree::Rename(r) => {
                let mut path = prefix.clone();
                path.push(r.ident.unraw().to_string());
                push(path, r.rename.unraw().to_string());
            }
            syn::UseTree::Glob(_) => {
                let mut path = prefix.clone();
                path.push("*".into());
                push(path, "*".into());
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    tree(t, prefix, at, out);
                }
            }
        }
    }
    for item in items {
        match item {
            Item::Use(u) if !cfg_test(&u.attrs) => {
                let mut prefix = Vec::new();
                if u.leading_colon.is_some() {
                    prefix.push(String::new());
                }
                tree(
                    &u.tree,
                    &mut prefix,
                    (within, is_pub(&u.vis), u.span()),
                    out,
                );
            }
            Item::Mod(m) if !cfg_test(&m.attrs) => {
                if let Some((_, inner)) = &m.content {
                    let mut w = within.to_vec();
                    w.push(m.ident.unraw().to_string());
                    collect_uses(inner, &w, out);
                }
            }
            _ => {}
        }
    }
}

fn type_params(g: &syn::Generics) -> Vec<String> {
    g.type_params().map(|p| p.ident.to_string()).collect()
}

impl Walker<'_> {
    fn origin_of(&self, a: proc_macro2::Span, b: proc_macro2::Span) -> Origin {
        let (s, e) = (a.byte_range().start, b.byte_range().end);
        self.idx
            .origin(s as u32 + self.base, e.max(s) as u32 + self.base)
    }

    fn origin<T: Spanned>(&self, node: &T) -> Origin {
        let s = node.span();
        self.origin_of(s, s)
    }

    fn items(&mut self, items: &[Item], within: &[String]) {
        for item in items {
            self.item(item, within);
        }
    }

    fn item(&mut self, item: &Item, within: &[String]) {
        match item {
            Item::Mod(m) if !cfg_test(&m.attrs) => {
                if let Some((_, inner)) = &m.content {
                    let mut w = within.to_vec();
                    w.push(m.ident.unraw().to_string());
                    self.items(inner, &w);
                }
            }
            Item::Struct(s) if !cfg_test(&s.attrs) => {
                let (shape, fields) = self.fields(&s.fields);
                self.push_type(
                    within,
                    &s.ident,
                    &s.generics,
                    &s.attrs,
                    RustTypeBody::Struct { shape, fields },
                );
            }
            Item::Enum(e) if !cfg_test(&e.attrs) => {
                let variants = e
                    .variants
                    .iter()
                    .map(|v| {
                        let (shape, fields) = self.fields(&v.fields);
                        RustVariant {
                            name: v.ident.unraw().to_string(),
                            shape,
                            fields,
                            serde: serde_attrs::variant(&v.attrs),
                            origin: self.origin(&v.ident),
                        }
                    })
                    .collect();
                self.push_type(
                    within,
                    &e.ident,
                    &e.generics,
                    &e.attrs,
                    RustTypeBody::Enum { variants },
                );
            }
            Item::Type(t) if !cfg_test(&t.attrs) => {
                let ty = rtype::of(&t.ty);
                self.push_type(
                    within,
                    &t.ident,
                    &t.generics,
                    &t.attrs,
                    RustTypeBody::Alias { ty },
                );
            }
            Item::Fn(f) if !cfg_test(&f.attrs) => {
                self.func(within, None, &f.sig, &f.block);
            }
            Item::Impl(imp) if !cfg_test(&imp.attrs) => self.impl_block(imp, within),
            _ => {}
        }
    }

    fn push_type(
        &mut self,
        within: &[String],
        ident: &syn::Ident,
        generics: &syn::Generics,
        attrs: &[syn::Attribute],
        body: RustTypeBody,
    ) {
        let (serialize, deserialize) = serde_attrs::derives(attrs);
        self.out.types.push(RustTypeDef {
            within: within.to_vec(),
            name: ident.unraw().to_string(),
            params: type_params(generics),
            body,
            serde: serde_attrs::container(attrs),
            serialize,
            deserialize,
            origin: self.origin(ident),
        });
    }

    fn fields(&self, fields: &Fields) -> (RustShape, Vec<RustField>) {
        let shape = match fields {
            Fields::Named(_) => RustShape::Named,
            Fields::Unnamed(_) => RustShape::Tuple,
            Fields::Unit => RustShape::Unit,
        };
        let list = fields
            .iter()
            .map(|f| RustField {
                name: f.ident.as_ref().map(|i| i.unraw().to_string()),
                ty: rtype::of(&f.ty),
                serde: serde_attrs::field(&f.attrs),
                origin: match &f.ident {
                    Some(i) => self.origin_of(i.span(), f.ty.span()),
                    None => self.origin(&f.ty),
                },
            })
            .collect();
        (shape, list)
    }

    fn impl_block(&mut self, imp: &syn::ItemImpl, within: &[String]) {
        let self_ty = rtype::of(&imp.self_ty);
        if let Some((path, _)) = &imp.trait_ {
            let tr = path.segments.last().map(|s| s.ident.to_string());
            if let Some(tr @ ("Serialize" | "Deserialize")) = tr.as_deref() {
                self.out.serde_impls.push(RustSerdeImpl {
                    within: within.to_vec(),
                    self_ty,
                    serialize: tr == "Serialize",
                });
            }
            return;
        }
        let owner = self_ty.last().map(str::to_string);
        for ii in &imp.items {
            if let syn::ImplItem::Fn(f) = ii {
                if !cfg_test(&f.attrs) {
                    self.func(within, owner.clone(), &f.sig, &f.block);
                }
            }
        }
    }

    fn func(
        &mut self,
        within: &[String],
        owner: Option<String>,
        sig: &syn::Signature,
        block: &syn::Block,
    ) {
        let params = sig
            .inputs
            .iter()
            .filter_map(|a| match a {
                syn::FnArg::Typed(t) => Some(RustTyped {
                    ty: rtype::of(&t.ty),
                    origin: self.origin(&t.ty),
                }),
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        let ret = match &sig.output {
            syn::ReturnType::Type(_, t) => Some(RustTyped {
                ty: rtype::of(t),
                origin: self.origin(&**t),
            }),
            syn::ReturnType::Default => None,
        };
        let returns_router = ret.as_ref().is_some_and(|r| names_router(&r.ty));
        let origin_fn = |a: proc_macro2::Span, b: proc_macro2::Span| self.origin_of(a, b);
        let cx = axum::Ctx {
            uses: &self.uses,
            origin: &origin_fn,
        };
        let r = axum::routers(block, returns_router, &cx);
        let f = RustFn {
            within: within.to_vec(),
            owner,
            name: sig.ident.unraw().to_string(),
            is_async: sig.asyncness.is_some(),
            params,
            ret,
            routers: r.served,
            returns_router: r.returned,
            origin: self.origin(&sig.ident),
        };
        self.out.fns.push(f);
    }
}

/// `Router`, `Router<S>`, `axum::Router`, `Result<Router, E>`.
fn names_router(t: &RustType) -> bool {
    match t.last() {
        Some("Router") => true,
        Some("Result") => t.args().first().is_some_and(names_router),
        _ => false,
    }
}

#[cfg(test)]
#[path = "code_tests.rs"]
mod tests;
