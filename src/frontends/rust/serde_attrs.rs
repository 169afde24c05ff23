//! `#[serde(...)]` attributes of containers, fields and variants, and the
//! `Serialize` / `Deserialize` derives, read with syn's nested-meta parser
//! (also inside `#[cfg_attr(pred, ...)]`). An attribute seam does not
//! model makes the shape unknown rather than guessed.

use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::{Attribute, Meta, MetaList, Token};

use super::rtype;
use crate::model::{SerdeContainer, SerdeField, SerdeImpl, SerdeName, SerdeVariant};

/// The `#[serde(...)]` lists among `attrs`, `cfg_attr` ones included.
fn lists(attrs: &[Attribute], name: &str) -> Vec<MetaList> {
    let mut out = Vec::new();
    for a in attrs {
        match &a.meta {
            Meta::List(l) if l.path.is_ident(name) => out.push(l.clone()),
            Meta::List(l) if l.path.is_ident("cfg_attr") => {
                let Ok(metas) = l.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                else {
                    continue;
                };
                for m in metas.into_iter().skip(1) {
                    if let Meta::List(inner) = m {
                        if inner.path.is_ident(name) {
                            out.push(inner);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Which of `Serialize` / `Deserialize` the attributes derive.
pub fn derives(attrs: &[Attribute]) -> (SerdeImpl, SerdeImpl) {
    let (mut ser, mut de) = (SerdeImpl::None, SerdeImpl::None);
    for l in lists(attrs, "derive") {
        let Ok(paths) = l.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
        else {
            continue;
        };
        for p in paths {
            match p.segments.last().map(|s| s.ident.to_string()).as_deref() {
                Some("Serialize") => ser = SerdeImpl::Derive,
                Some("Deserialize") => de = SerdeImpl::Derive,
                _ => {}
            }
        }
    }
    (ser, de)
}

fn lit_str(meta: &ParseNestedMeta) -> syn::Result<String> {
    let s: syn::LitStr = meta.value()?.parse()?;
    Ok(s.value())
}

/// `key = "x"` (both directions) or `key(serialize = "a", deserialize = "b")`.
fn name(meta: &ParseNestedMeta) -> syn::Result<SerdeName> {
    if meta.input.peek(Token![=]) {
        let v = lit_str(meta)?;
        return Ok(SerdeName {
            ser: Some(v.clone()),
            de: Some(v),
        });
    }
    let mut out = SerdeName::default();
    meta.parse_nested_meta(|m| {
        if m.path.is_ident("serialize") {
            out.ser = Some(lit_str(&m)?);
        } else if m.path.is_ident("deserialize") {
            out.de = Some(lit_str(&m)?);
        } else {
            skip(&m)?;
        }
        Ok(())
    })?;
    Ok(out)
}

/// Consumes whatever follows a key seam does not read.
fn skip(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<proc_macro2::TokenTree>()?;
    }
    Ok(())
}

/// `default` or `default = "path"`.
fn flag_or_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    }
    Ok(())
}

fn type_value(meta: &ParseNestedMeta) -> syn::Result<Option<crate::model::RustType>> {
    let s = lit_str(meta)?;
    Ok(syn::parse_str::<syn::Type>(&s).ok().map(|t| rtype::of(&t)))
}

pub fn container(attrs: &[Attribute]) -> SerdeContainer {
    let mut c = SerdeContainer::default();
    for l in lists(attrs, "serde") {
        let r = l.parse_nested_meta(|m| {
            let key = m
                .path
                .get_ident()
                .map(|i| i.to_string())
                .unwrap_or_default();
            match key.as_str() {
                "rename" => c.rename = name(&m)?,
                "rename_all" => c.rename_all = name(&m)?,
                "rename_all_fields" => c.rename_all_fields = name(&m)?,
                "tag" => c.tag = Some(lit_str(&m)?),
                "content" => c.content = Some(lit_str(&m)?),
                "untagged" => c.untagged = true,
                "transparent" => c.transparent = true,
                "default" => {
                    c.default = true;
                    flag_or_value(&m)?;
                }
                "deny_unknown_fields" => c.deny_unknown_fields = true,
                "into" => c.into = type_value(&m)?.or(Some(unknown_type())),
                "from" | "try_from" => c.from = type_value(&m)?.or(Some(unknown_type())),
                "remote" => {
                    c.unknown = true;
                    skip(&m)?;
                }
                _ => skip(&m)?,
            }
            Ok(())
        });
        if r.is_err() {
            c.unknown = true;
        }
    }
    c
}

fn unknown_type() -> crate::model::RustType {
    crate::model::RustType::Other { text: "?".into() }
}

/// Field and variant keys both understand.
enum Common {
    Rename(SerdeName),
    Alias(String),
    Skip,
    SkipSer,
    SkipDe,
    /// `with`: both directions by custom code.
    With,
    SerWith,
    DeWith,
}

fn common(key: &str, m: &ParseNestedMeta) -> syn::Result<Option<Common>> {
    Ok(Some(match key {
        "rename" => Common::Rename(name(m)?),
        "alias" => Common::Alias(lit_str(m)?),
        "skip" => Common::Skip,
        "skip_serializing" => Common::SkipSer,
        "skip_deserializing" => Common::SkipDe,
        "with" => {
            skip(m)?;
            Common::With
        }
        "serialize_with" => {
            skip(m)?;
            Common::SerWith
        }
        "deserialize_with" => {
            skip(m)?;
            Common::DeWith
        }
        _ => return Ok(None),
    }))
}

pub fn field(attrs: &[Attribute]) -> SerdeField {
    let mut f = SerdeField::default();
    for l in lists(attrs, "serde") {
        let r = l.parse_nested_meta(|m| {
            let key = m
                .path
                .get_ident()
                .map(|i| i.to_string())
                .unwrap_or_default();
            match common(&key, &m)? {
                Some(Common::Rename(n)) => f.rename = n,
                Some(Common::Alias(a)) => f.aliases.push(a),
                Some(Common::Skip) => (f.skip_ser, f.skip_de) = (true, true),
                Some(Common::SkipSer) => f.skip_ser = true,
                Some(Common::SkipDe) => f.skip_de = true,
                Some(Common::With) => (f.custom_ser, f.custom_de) = (true, true),
                Some(Common::SerWith) => f.custom_ser = true,
                Some(Common::DeWith) => f.custom_de = true,
                None => match key.as_str() {
                    "skip_serializing_if" => f.skip_serializing_if = Some(lit_str(&m)?),
                    "default" => {
                        f.default = true;
                        flag_or_value(&m)?;
                    }
                    "flatten" => f.flatten = true,
                    _ => skip(&m)?,
                },
            }
            Ok(())
        });
        if r.is_err() {
            (f.custom_ser, f.custom_de) = (true, true);
        }
    }
    // serde_with: `#[serde_as(as = "DisplayFromStr")]` changes the wire form.
    if !lists(attrs, "serde_as").is_empty() {
        (f.custom_ser, f.custom_de) = (true, true);
    }
    f
}

pub fn variant(attrs: &[Attribute]) -> SerdeVariant {
    let mut v = SerdeVariant::default();
    for l in lists(attrs, "serde") {
        let r = l.parse_nested_meta(|m| {
            let key = m
                .path
                .get_ident()
                .map(|i| i.to_string())
                .unwrap_or_default();
            match common(&key, &m)? {
                Some(Common::Rename(n)) => v.rename = n,
                Some(Common::Alias(a)) => v.aliases.push(a),
                Some(Common::Skip) => (v.skip_ser, v.skip_de) = (true, true),
                Some(Common::SkipSer) => v.skip_ser = true,
                Some(Common::SkipDe) => v.skip_de = true,
                Some(Common::With) => (v.custom_ser, v.custom_de) = (true, true),
                Some(Common::SerWith) => v.custom_ser = true,
                Some(Common::DeWith) => v.custom_de = true,
                None => match key.as_str() {
                    "rename_all" => v.rename_all = name(&m)?,
                    "other" => v.other = true,
                    "untagged" => v.untagged = true,
                    _ => skip(&m)?,
                },
            }
            Ok(())
        });
        if r.is_err() {
            (v.custom_ser, v.custom_de) = (true, true);
        }
    }
    v
}
