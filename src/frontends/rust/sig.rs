//! Attributes (`#[repr]`, `#[doc(hidden)]`, `#[no_mangle]`, ...) and
//! normalized signatures of Rust items.

use quote::ToTokens;
use syn::{Attribute, FnArg, Meta, ReturnType, Signature};

use super::tidy::tidy;

/// Text of a syntax node, normalized.
pub fn text<T: ToTokens>(node: &T) -> String {
    tidy(&node.to_token_stream().to_string())
}

pub fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// The words inside `#[name(...)]` attributes (`repr(C, packed)` →
/// `["C", "packed"]`), also inside `#[unsafe(...)]`.
pub fn attr_words(attrs: &[Attribute], name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for a in attrs {
        if let Meta::List(l) = &a.meta {
            if l.path.is_ident(name) {
                for t in l.tokens.to_string().split(',') {
                    let t = tidy(t);
                    if !t.is_empty() {
                        out.push(t);
                    }
                }
            }
        }
    }
    out
}

pub fn has_path_attr(attrs: &[Attribute], name: &str) -> bool {
    attrs.iter().any(|a| match &a.meta {
        Meta::Path(p) => p.is_ident(name),
        // `#[unsafe(no_mangle)]`
        Meta::List(l) if l.path.is_ident("unsafe") => l.tokens.to_string().trim() == name,
        _ => false,
    })
}

pub fn hidden(attrs: &[Attribute]) -> bool {
    attr_words(attrs, "doc").iter().any(|w| w == "hidden")
}

pub fn cfg_test(attrs: &[Attribute]) -> bool {
    attr_words(attrs, "cfg").iter().any(|w| w == "test")
}

/// `#[export_name = "x"]` or `#[unsafe(export_name = "x")]`.
pub fn export_name(attrs: &[Attribute]) -> Option<String> {
    for a in attrs {
        match &a.meta {
            Meta::NameValue(nv) if nv.path.is_ident("export_name") => {
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = &nv.value
                {
                    return Some(s.value());
                }
            }
            Meta::List(l) if l.path.is_ident("unsafe") => {
                if let Ok(Meta::NameValue(nv)) = l.parse_args::<Meta>() {
                    if nv.path.is_ident("export_name") {
                        if let syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(s),
                            ..
                        }) = &nv.value
                        {
                            return Some(s.value());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// `fn<T>(&self, u32) -> R`, with qualifiers (`const unsafe extern "C"`)
/// and without parameter names.
pub fn fn_sig(sig: &Signature) -> String {
    let mut s = String::new();
    if sig.constness.is_some() {
        s.push_str("const ");
    }
    if sig.asyncness.is_some() {
        s.push_str("async ");
    }
    if matches!(sig.safety, syn::Safety::Unsafe(_)) {
        s.push_str("unsafe ");
    }
    if let Some(abi) = &sig.abi {
        let name = abi
            .name
            .as_ref()
            .map(|n| n.value())
            .unwrap_or_else(|| "C".into());
        s.push_str(&format!("extern \"{name}\" "));
    }
    s.push_str("fn");
    if !sig.generics.params.is_empty() {
        s.push_str(&text(&sig.generics));
    }
    s.push('(');
    let args: Vec<String> = sig
        .inputs
        .iter()
        .map(|a| match a {
            FnArg::Receiver(r) => text(r),
            FnArg::Typed(t) => text(&t.ty),
        })
        .chain(sig.variadic.iter().map(|_| "...".to_string()))
        .collect();
    s.push_str(&args.join(", "));
    s.push(')');
    if let ReturnType::Type(_, ty) = &sig.output {
        s.push_str(" -> ");
        s.push_str(&text(ty));
    }
    if let Some(w) = &sig.generics.where_clause {
        s.push(' ');
        s.push_str(&text(w));
    }
    s
}

/// A C signature: Rust types as written, with the `core::ffi` / `libc` /
/// `std::os::raw` prefixes of C types removed.
pub fn c_sig(sig: &Signature) -> String {
    let mut s = fn_sig(sig);
    for p in [
        "::std::os::raw::",
        "std::os::raw::",
        "::core::ffi::",
        "core::ffi::",
        "::std::ffi::",
        "std::ffi::",
        "::libc::",
        "libc::",
    ] {
        s = s.replace(p, "");
    }
    s
}

pub fn generics(g: &syn::Generics) -> String {
    if g.params.is_empty() {
        String::new()
    } else {
        text(g)
    }
}

/// `non-exhaustive` and `repr(..)` flags of a type.
pub fn type_flags(attrs: &[Attribute], repr: &[String]) -> Vec<String> {
    let mut flags: Vec<String> = repr.iter().map(|r| format!("repr({r})")).collect();
    if has_path_attr(attrs, "non_exhaustive") {
        flags.push("non-exhaustive".into());
    }
    flags
}
