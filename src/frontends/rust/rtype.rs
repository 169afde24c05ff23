//! syn types → [`RustType`]: paths with their generic type arguments,
//! references, slices and arrays, tuples, `impl Trait`; lifetimes and
//! const arguments are dropped.

use syn::ext::IdentExt;

use super::sig::text;
use crate::model::RustType;

/// Deeper types than this are `Other` (a guard; real types are shallow).
const MAX_DEPTH: u32 = 32;

pub fn of(t: &syn::Type) -> RustType {
    ty(t, 0)
}

fn ty(t: &syn::Type, depth: u32) -> RustType {
    if depth > MAX_DEPTH {
        return RustType::Other { text: text(t) };
    }
    match t {
        syn::Type::Path(p) if p.qself.is_none() => path(&p.path, depth),
        syn::Type::Reference(r) => RustType::Ref {
            elem: Box::new(ty(&r.elem, depth + 1)),
        },
        syn::Type::Slice(s) => RustType::Slice {
            elem: Box::new(ty(&s.elem, depth + 1)),
        },
        syn::Type::Array(a) => RustType::Slice {
            elem: Box::new(ty(&a.elem, depth + 1)),
        },
        syn::Type::Tuple(tu) => RustType::Tuple {
            elems: tu.elems.iter().map(|e| ty(e, depth + 1)).collect(),
        },
        syn::Type::Paren(p) => ty(&p.elem, depth + 1),
        syn::Type::Group(g) => ty(&g.elem, depth + 1),
        syn::Type::ImplTrait(_) => RustType::Impl { text: text(t) },
        other => RustType::Other { text: text(other) },
    }
}

/// A path as segments (raw identifiers unescaped), with the type
/// arguments of its last segment.
pub fn path(p: &syn::Path, depth: u32) -> RustType {
    let mut segs: Vec<String> = Vec::new();
    if p.leading_colon.is_some() {
        segs.push(String::new());
    }
    segs.extend(p.segments.iter().map(|s| s.ident.unraw().to_string()));
    let args = match p.segments.last().map(|s| &s.arguments) {
        Some(syn::PathArguments::AngleBracketed(a)) => a
            .args
            .iter()
            .filter_map(|g| match g {
                syn::GenericArgument::Type(t) => Some(ty(t, depth + 1)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    RustType::Path { path: segs, args }
}

/// The segments of a path, generic arguments left out.
pub fn segments(p: &syn::Path) -> Vec<String> {
    let mut segs: Vec<String> = Vec::new();
    if p.leading_colon.is_some() {
        segs.push(String::new());
    }
    segs.extend(p.segments.iter().map(|s| s.ident.unraw().to_string()));
    segs
}
