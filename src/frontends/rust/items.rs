//! Walks one parsed file: public items and their members, module
//! declarations, `pub use`, and the C-facing items (`#[no_mangle]` /
//! `#[export_name]` functions, `#[repr(C)]` layouts) whatever their
//! visibility.

use syn::spanned::Spanned;
use syn::{Attribute, Fields, ImplItem, Item, Meta, TraitItem};

use super::sig::{
    attr_words, c_sig, cfg_test, export_name, fn_sig, generics, has_path_attr, hidden, is_pub,
    text, type_flags,
};
use super::tidy::tidy;
use crate::model::{ApiItem, ApiKind, ApiLang, Origin, RustFile, RustItem, RustMod, RustUse};
use crate::source::LineIndex;

pub struct Extractor<'a> {
    idx: &'a LineIndex<'a>,
    base: u32,
    pub out: RustFile,
}

impl<'a> Extractor<'a> {
    pub fn new(idx: &'a LineIndex<'a>, base: u32) -> Self {
        Extractor {
            idx,
            base,
            out: RustFile::default(),
        }
    }

    fn origin<T: Spanned>(&self, node: &T) -> Origin {
        let r = node.span().byte_range();
        self.idx
            .origin(r.start as u32 + self.base, r.end as u32 + self.base)
    }

    pub fn file(&mut self, file: &syn::File) {
        self.items(&file.items, &[]);
    }

    fn push(&mut self, within: &[String], owner: Option<&str>, item: ApiItem) {
        self.out.items.push(RustItem {
            within: within.to_vec(),
            owner: owner.map(str::to_string),
            item,
        });
    }

    fn items(&mut self, items: &[Item], within: &[String]) {
        for item in items {
            self.item(item, within);
        }
    }

    fn item(&mut self, item: &Item, within: &[String]) {
        let attrs: &[Attribute] = match item {
            Item::Const(i) => &i.attrs,
            Item::Enum(i) => &i.attrs,
            Item::Fn(i) => &i.attrs,
            Item::Impl(i) => &i.attrs,
            Item::Macro(i) => &i.attrs,
            Item::Mod(i) => &i.attrs,
            Item::Static(i) => &i.attrs,
            Item::Struct(i) => &i.attrs,
            Item::Trait(i) => &i.attrs,
            Item::Type(i) => &i.attrs,
            Item::Union(i) => &i.attrs,
            Item::Use(i) => &i.attrs,
            _ => return,
        };
        if cfg_test(attrs) {
            return;
        }
        let public = !hidden(attrs);
        match item {
            Item::Mod(m) => {
                let path_attr = attrs.iter().find_map(|a| match &a.meta {
                    Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) => Some(s.value()),
                        _ => None,
                    },
                    _ => None,
                });
                self.out.mods.push(RustMod {
                    within: within.to_vec(),
                    name: m.ident.to_string(),
                    public: public && is_pub(&m.vis),
                    out_of_line: m.content.is_none(),
                    path_attr,
                    origin: self.origin(&m.ident),
                });
                if let Some((_, inner)) = &m.content {
                    let mut w = within.to_vec();
                    w.push(m.ident.to_string());
                    self.items(inner, &w);
                }
            }
            Item::Fn(f) => {
                let symbol = export_name(attrs)
                    .or_else(|| has_path_attr(attrs, "no_mangle").then(|| f.sig.ident.to_string()));
                if let Some(sym) = symbol {
                    let o = self.origin(&f.sig.ident);
                    let it =
                        ApiItem::new(ApiLang::CExport, ApiKind::Func, sym, c_sig(&f.sig)).at(&o);
                    self.push(within, None, it);
                }
                if public && is_pub(&f.vis) {
                    let o = self.origin(&f.sig.ident);
                    let it = ApiItem::new(
                        ApiLang::Rust,
                        ApiKind::Func,
                        f.sig.ident.to_string(),
                        fn_sig(&f.sig),
                    )
                    .at(&o);
                    self.push(within, None, it);
                }
            }
            Item::Struct(s) => {
                let name = s.ident.to_string();
                let repr = attr_words(attrs, "repr");
                if repr.iter().any(|r| r == "C") {
                    self.layout(within, &name, &s.fields, &s.ident);
                }
                if !(public && is_pub(&s.vis)) {
                    return;
                }
                let shape = match &s.fields {
                    Fields::Named(_) => "struct {..}",
                    Fields::Unnamed(_) => "struct (..)",
                    Fields::Unit => "struct",
                };
                let mut it = ApiItem::new(
                    ApiLang::Rust,
                    ApiKind::Struct,
                    &name,
                    format!("{shape}{}", generics(&s.generics)),
                )
                .at(&self.origin(&s.ident));
                it.flags = type_flags(attrs, &repr);
                if s.fields.iter().any(|f| !is_pub(&f.vis) || hidden(&f.attrs)) {
                    it.flags.push("private-fields".into());
                }
                self.push(within, None, it);
                self.fields(within, &name, &format!("{name}."), &s.fields, false);
                let o = self.origin(&s.ident);
                self.derives(within, &name, attrs, &o);
            }
            Item::Union(u) => {
                let name = u.ident.to_string();
                let repr = attr_words(attrs, "repr");
                let fields = Fields::Named(u.fields.clone());
                if repr.iter().any(|r| r == "C") {
                    self.layout(within, &name, &fields, &u.ident);
                }
                if public && is_pub(&u.vis) {
                    let mut it = ApiItem::new(ApiLang::Rust, ApiKind::Struct, &name, "union {..}")
                        .at(&self.origin(&u.ident));
                    it.flags = type_flags(attrs, &repr);
                    self.push(within, None, it);
                    self.fields(within, &name, &format!("{name}."), &fields, false);
                }
            }
            Item::Enum(e) => {
                if !(public && is_pub(&e.vis)) {
                    return;
                }
                let name = e.ident.to_string();
                let repr = attr_words(attrs, "repr");
                let mut it = ApiItem::new(
                    ApiLang::Rust,
                    ApiKind::Enum,
                    &name,
                    format!("enum{}", generics(&e.generics)),
                )
                .at(&self.origin(&e.ident));
                it.flags = type_flags(attrs, &repr);
                self.push(within, None, it);
                for v in &e.variants {
                    if hidden(&v.attrs) {
                        continue;
                    }
                    let vname = format!("{name}::{}", v.ident);
                    let shape = match &v.fields {
                        Fields::Named(_) => "{..}",
                        Fields::Unnamed(_) => "(..)",
                        Fields::Unit => "",
                    };
                    let mut vi = ApiItem::new(ApiLang::Rust, ApiKind::Variant, &vname, shape)
                        .at(&self.origin(&v.ident));
                    vi.value = v.discriminant.as_ref().map(|(_, e)| text(e));
                    if has_path_attr(&v.attrs, "non_exhaustive") {
                        vi.flags.push("non-exhaustive".into());
                    }
                    self.push(within, Some(&name), vi);
                    self.fields(within, &name, &format!("{vname}."), &v.fields, true);
                }
                let o = self.origin(&e.ident);
                self.derives(within, &name, attrs, &o);
            }
            Item::Trait(t) => {
                if !(public && is_pub(&t.vis)) {
                    return;
                }
                let name = t.ident.to_string();
                let mut sig = format!("trait{}", generics(&t.generics));
                if !t.supertraits.is_empty() {
                    sig.push_str(": ");
                    sig.push_str(&text(&t.supertraits));
                }
                let mut it = ApiItem::new(ApiLang::Rust, ApiKind::Trait, &name, sig)
                    .at(&self.origin(&t.ident));
                if t.unsafety.is_some() {
                    it.flags.push("unsafe".into());
                }
                self.push(within, None, it);
                for ti in &t.items {
                    let (kind, iname, sig, provided, o, a) = match ti {
                        TraitItem::Fn(f) => (
                            ApiKind::InterfaceMethod,
                            f.sig.ident.to_string(),
                            fn_sig(&f.sig),
                            f.default.is_some(),
                            self.origin(&f.sig.ident),
                            &f.attrs,
                        ),
                        TraitItem::Const(c) => (
                            ApiKind::Const,
                            c.ident.to_string(),
                            text(&c.ty),
                            c.default.is_some(),
                            self.origin(&c.ident),
                            &c.attrs,
                        ),
                        TraitItem::Type(ty) => (
                            ApiKind::TypeAlias,
                            ty.ident.to_string(),
                            text(&ty.bounds),
                            ty.default.is_some(),
                            self.origin(&ty.ident),
                            &ty.attrs,
                        ),
                        _ => continue,
                    };
                    // A hidden item with no default must still be implemented.
                    if hidden(a) && provided {
                        continue;
                    }
                    let mut mi =
                        ApiItem::new(ApiLang::Rust, kind, format!("{name}::{iname}"), sig).at(&o);
                    if provided {
                        mi.flags.push("provided".into());
                    }
                    self.push(within, Some(&name), mi);
                }
            }
            Item::Impl(imp) => self.impl_block(imp, within, public),
            Item::Const(c) if public && is_pub(&c.vis) => {
                let mut it = ApiItem::new(
                    ApiLang::Rust,
                    ApiKind::Const,
                    c.ident.to_string(),
                    text(&c.ty),
                )
                .at(&self.origin(&c.ident));
                it.value = Some(text(&c.expr));
                self.push(within, None, it);
            }
            Item::Static(s) if public && is_pub(&s.vis) => {
                let mut it = ApiItem::new(
                    ApiLang::Rust,
                    ApiKind::Static,
                    s.ident.to_string(),
                    text(&s.ty),
                )
                .at(&self.origin(&s.ident));
                if matches!(s.mutability, syn::StaticMutability::Mut(_)) {
                    it.flags.push("mut".into());
                }
                self.push(within, None, it);
            }
            Item::Type(t) if public && is_pub(&t.vis) => {
                let it = ApiItem::new(
                    ApiLang::Rust,
                    ApiKind::TypeAlias,
                    t.ident.to_string(),
                    format!("type{} = {}", generics(&t.generics), text(&t.ty)),
                )
                .at(&self.origin(&t.ident));
                self.push(within, None, it);
            }
            Item::Macro(m) if has_path_attr(attrs, "macro_export") && public => {
                if let Some(id) = &m.ident {
                    // `#[macro_export]` puts the macro at the crate root.
                    let it = ApiItem::new(
                        ApiLang::Rust,
                        ApiKind::Macro,
                        format!("{id}!"),
                        "macro_rules!",
                    )
                    .at(&self.origin(id))
                    .flag("crate-root");
                    self.push(within, None, it);
                }
            }
            Item::Use(u) if public && is_pub(&u.vis) => {
                let mut prefix = Vec::new();
                if u.leading_colon.is_some() {
                    prefix.push(String::new());
                }
                let o = self.origin(&u.tree);
                self.uses(&u.tree, &mut prefix, within, &o);
            }
            _ => {}
        }
    }

    fn uses(
        &mut self,
        tree: &syn::UseTree,
        prefix: &mut Vec<String>,
        within: &[String],
        o: &Origin,
    ) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.uses(&p.tree, prefix, within, o);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let name = n.ident.to_string();
                let mut path = prefix.clone();
                path.push(name.clone());
                // `pub use a::{self}` re-exports `a`.
                let name = if name == "self" {
                    prefix.last().cloned().unwrap_or_default()
                } else {
                    name
                };
                if name != "_" {
                    self.out.uses.push(RustUse {
                        within: within.to_vec(),
                        path,
                        name,
                        origin: o.clone(),
                    });
                }
            }
            syn::UseTree::Rename(r) => {
                let mut path = prefix.clone();
                path.push(r.ident.to_string());
                let name = r.rename.to_string();
                if name != "_" {
                    self.out.uses.push(RustUse {
                        within: within.to_vec(),
                        path,
                        name,
                        origin: o.clone(),
                    });
                }
            }
            syn::UseTree::Glob(_) => {
                let mut path = prefix.clone();
                path.push("*".into());
                self.out.uses.push(RustUse {
                    within: within.to_vec(),
                    path,
                    name: "*".into(),
                    origin: o.clone(),
                });
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.uses(t, prefix, within, o);
                }
            }
        }
    }

    /// Public fields as `Owner.name` / `Owner.0` items (every field of an
    /// enum variant is public).
    fn fields(&mut self, within: &[String], owner: &str, prefix: &str, fields: &Fields, all: bool) {
        for (i, f) in fields.iter().enumerate() {
            if !(all || is_pub(&f.vis)) || hidden(&f.attrs) {
                continue;
            }
            let fname = f
                .ident
                .as_ref()
                .map(|i| i.to_string())
                .unwrap_or_else(|| i.to_string());
            let o = f
                .ident
                .as_ref()
                .map(|i| self.origin(i))
                .unwrap_or_else(|| self.origin(&f.ty));
            let it = ApiItem::new(
                ApiLang::Rust,
                ApiKind::Field,
                format!("{prefix}{fname}"),
                text(&f.ty),
            )
            .at(&o);
            self.push(within, Some(owner), it);
        }
    }

    /// `#[derive(Clone, Debug)]` as `Owner: Clone` impl items.
    /// Located at the type's name, where a removal is reported.
    fn derives(&mut self, within: &[String], owner: &str, attrs: &[Attribute], o: &Origin) {
        for a in attrs {
            let Meta::List(l) = &a.meta else { continue };
            if !l.path.is_ident("derive") {
                continue;
            }
            let o = o.clone();
            for d in l.tokens.to_string().split(',') {
                let d = tidy(d);
                let d = d.rsplit("::").next().unwrap_or(&d).to_string();
                if d.is_empty() {
                    continue;
                }
                let it = ApiItem::new(
                    ApiLang::Rust,
                    ApiKind::Impl,
                    format!("{owner}: {d}"),
                    "impl",
                )
                .flag("derive")
                .at(&o);
                self.push(within, Some(owner), it);
            }
        }
    }

    /// A `#[repr(C)]` layout: every field, in order, whatever its visibility.
    fn layout(&mut self, within: &[String], name: &str, fields: &Fields, ident: &syn::Ident) {
        let parts: Vec<String> = fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let n = f
                    .ident
                    .as_ref()
                    .map(|i| i.to_string())
                    .unwrap_or_else(|| i.to_string());
                format!("{n}: {}", text(&f.ty))
            })
            .collect();
        let it = ApiItem::new(ApiLang::CLayout, ApiKind::Struct, name, parts.join("; "))
            .at(&self.origin(ident));
        self.push(within, None, it);
    }

    fn impl_block(&mut self, imp: &syn::ItemImpl, within: &[String], public: bool) {
        let syn::Type::Path(tp) = &*imp.self_ty else {
            return;
        };
        let Some(owner) = tp.path.segments.last().map(|s| s.ident.to_string()) else {
            return;
        };
        if let Some((path, _)) = &imp.trait_ {
            if !public {
                return;
            }
            let tr = path.segments.last().map(text).unwrap_or_default();
            let it = ApiItem::new(
                ApiLang::Rust,
                ApiKind::Impl,
                format!("{owner}: {tr}"),
                "impl",
            )
            .at(&self.origin(&imp.self_ty));
            self.push(within, Some(&owner), it);
            return;
        }
        for ii in &imp.items {
            match ii {
                ImplItem::Fn(f) => {
                    let symbol = export_name(&f.attrs).or_else(|| {
                        has_path_attr(&f.attrs, "no_mangle").then(|| f.sig.ident.to_string())
                    });
                    if let Some(sym) = symbol {
                        let it = ApiItem::new(ApiLang::CExport, ApiKind::Func, sym, c_sig(&f.sig))
                            .at(&self.origin(&f.sig.ident));
                        self.push(within, None, it);
                    }
                    if !public || !is_pub(&f.vis) || hidden(&f.attrs) {
                        continue;
                    }
                    let it = ApiItem::new(
                        ApiLang::Rust,
                        ApiKind::Method,
                        format!("{owner}::{}", f.sig.ident),
                        fn_sig(&f.sig),
                    )
                    .at(&self.origin(&f.sig.ident));
                    self.push(within, Some(&owner), it);
                }
                ImplItem::Const(c) if public && is_pub(&c.vis) && !hidden(&c.attrs) => {
                    let it = ApiItem::new(
                        ApiLang::Rust,
                        ApiKind::Const,
                        format!("{owner}::{}", c.ident),
                        text(&c.ty),
                    )
                    .at(&self.origin(&c.ident));
                    self.push(within, Some(&owner), it);
                }
                _ => {}
            }
        }
    }
}
