//! Endpoints of the surface, with what they produce and read, and the
//! JSON fields of their request and response types.
//!
//! An endpoint is `METHOD /path` with parameter names left out
//! (`GET /items/{}`: renaming `{id}` breaks no client); its flags say which
//! content types it responds with (`produces:application/json`) and how it
//! reads the body (`reads:json`).
//!
//! Wire fields: the JSON fields of the Go types a handler writes as JSON
//! (`<endpoint> response.<field>`) or decodes (`<endpoint> request.<field>`),
//! named by encoding/json rules (tag name, `-`, `omitempty`, embedded
//! structs promoted), typed by their Go type. EXTENSION POINT: when the
//! shared `WireType` lands, [`wire_type`] is the one function to replace
//! so the `sig` of wire items becomes the WireType (and TS / Rust serde
//! types can feed the same items).

use std::collections::BTreeSet;

use super::go::relativize;
use super::units::{id, unit_of};
use crate::link::{Analysis, GoIndex};
use crate::model::{
    ApiItem, ApiKind, ApiLang, DecodeKind, Endpoint, GoTypeExpr, Payload, Seg, Unit, UnitKind,
    ValueRef,
};

/// `GET /items/{}`: the key of an endpoint.
pub fn endpoint_key(e: &Endpoint) -> String {
    let mut p = String::new();
    for s in &e.path.segments {
        p.push('/');
        match s {
            Seg::Lit(l) => p.push_str(l),
            Seg::Param(_) => p.push_str("{}"),
            Seg::Rest(_) => p.push_str("{...}"),
            Seg::Unknown => p.push_str("{?}"),
        }
    }
    if p.is_empty() {
        p.push('/');
    }
    if e.subtree && !p.ends_with('/') {
        p.push_str("/...");
    }
    match &e.host {
        Some(h) => format!("{} {h}{p}", e.method),
        None => format!("{} {p}", e.method),
    }
}

/// The wire type of a Go type: today its Go spelling, module-relative.
pub fn wire_type(t: &GoTypeExpr, module: &str) -> String {
    relativize(&go_type(t), module)
}

fn go_type(t: &GoTypeExpr) -> String {
    match t {
        GoTypeExpr::Named { pkg, name, args } => {
            let base = if pkg.is_empty() {
                name.clone()
            } else {
                format!("{pkg}.{name}")
            };
            if args.is_empty() {
                base
            } else {
                format!(
                    "{base}[{}]",
                    args.iter().map(go_type).collect::<Vec<_>>().join(", ")
                )
            }
        }
        GoTypeExpr::Pointer { elem } => format!("*{}", go_type(elem)),
        GoTypeExpr::Slice { elem } => format!("[]{}", go_type(elem)),
        GoTypeExpr::Array { len, elem } => format!("[{len}]{}", go_type(elem)),
        GoTypeExpr::Map { key, value } => format!("map[{}]{}", go_type(key), go_type(value)),
        GoTypeExpr::Struct { .. } => "struct{...}".into(),
        GoTypeExpr::Interface { empty, .. } => {
            if *empty {
                "any".into()
            } else {
                "interface{...}".into()
            }
        }
        GoTypeExpr::Func { text } | GoTypeExpr::Chan { text } | GoTypeExpr::Other { text } => {
            text.clone()
        }
    }
}

/// `(json name, omitempty)` of a field, `None` when encoding/json skips it.
fn json_name(name: &str, tag: Option<&str>) -> Option<(String, bool)> {
    if !name.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let json = tag.and_then(|t| tag_value(t, "json"));
    match json {
        Some("-") => None,
        Some(v) => {
            let mut parts = v.split(',');
            let n = parts.next().unwrap_or("");
            let omit = parts.any(|p| p == "omitempty" || p == "omitzero");
            Some((
                if n.is_empty() {
                    name.to_string()
                } else {
                    n.to_string()
                },
                omit,
            ))
        }
        None => Some((name.to_string(), false)),
    }
}

/// The value of `key:"..."` in a struct tag.
fn tag_value<'t>(tag: &'t str, key: &str) -> Option<&'t str> {
    let at = tag.find(&format!("{key}:\""))?;
    let rest = &tag[at + key.len() + 2..];
    rest.split('"').next()
}

struct Fields<'a, 'i> {
    ix: &'i GoIndex<'a>,
    module: String,
    out: Vec<(String, String, Vec<String>)>,
    seen: BTreeSet<(String, String)>,
}

impl Fields<'_, '_> {
    /// Walks the JSON fields of `t` (written in package `pkg`) under `prefix`.
    fn walk(&mut self, t: &GoTypeExpr, pkg: &str, prefix: &str, depth: u32) {
        if depth > 3 {
            return;
        }
        match t {
            GoTypeExpr::Pointer { elem } => self.walk(elem, pkg, prefix, depth),
            GoTypeExpr::Slice { elem } | GoTypeExpr::Array { elem, .. } => {
                self.walk(elem, pkg, &format!("{prefix}[]"), depth)
            }
            GoTypeExpr::Named { pkg: p, name, .. } => {
                let p = if p.is_empty() {
                    pkg.to_string()
                } else {
                    p.clone()
                };
                if !self.seen.insert((p.clone(), name.clone())) {
                    return;
                }
                if let Some((decl, dpkg)) = self.ix.type_decl(&p, name) {
                    let ty = decl.ty.clone();
                    self.walk(&ty, &dpkg, prefix, depth);
                }
                self.seen.remove(&(p, name.clone()));
            }
            GoTypeExpr::Struct { fields } => {
                for f in fields {
                    if f.embedded
                        && f.tag
                            .as_deref()
                            .and_then(|t| tag_value(t, "json"))
                            .is_none()
                    {
                        self.walk(&f.ty, pkg, prefix, depth);
                        continue;
                    }
                    let Some((name, omit)) = json_name(&f.name, f.tag.as_deref()) else {
                        continue;
                    };
                    let path = if prefix.is_empty() {
                        name
                    } else {
                        format!("{prefix}.{name}")
                    };
                    let mut flags = Vec::new();
                    if omit {
                        flags.push("omitempty".to_string());
                    }
                    let tag = f.tag.as_deref().unwrap_or("");
                    if ["binding", "validate"].iter().any(|k| {
                        tag_value(tag, k).is_some_and(|v| v.split(',').any(|p| p == "required"))
                    }) {
                        flags.push("required".to_string());
                    }
                    let qualified = qualify(&f.ty, pkg);
                    self.out
                        .push((path.clone(), wire_type(&qualified, &self.module), flags));
                    self.walk(&f.ty, pkg, &path, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// Same-package names qualified with the package they are written in.
fn qualify(t: &GoTypeExpr, pkg: &str) -> GoTypeExpr {
    match t {
        GoTypeExpr::Named { pkg: p, name, args } => GoTypeExpr::Named {
            pkg: if p.is_empty() && name.chars().next().is_some_and(char::is_uppercase) {
                pkg.to_string()
            } else {
                p.clone()
            },
            name: name.clone(),
            args: args.iter().map(|a| qualify(a, pkg)).collect(),
        },
        GoTypeExpr::Pointer { elem } => GoTypeExpr::Pointer {
            elem: Box::new(qualify(elem, pkg)),
        },
        GoTypeExpr::Slice { elem } => GoTypeExpr::Slice {
            elem: Box::new(qualify(elem, pkg)),
        },
        GoTypeExpr::Map { key, value } => GoTypeExpr::Map {
            key: Box::new(qualify(key, pkg)),
            value: Box::new(qualify(value, pkg)),
        },
        other => other.clone(),
    }
}

pub fn items(a: &Analysis, units: &[Unit], out: &mut Vec<ApiItem>) {
    let ix = GoIndex::build(&a.files);
    for e in &a.endpoints {
        let dir = e.module_dir.clone().unwrap_or_default();
        let Some(u) = unit_of(
            units,
            UnitKind::GoModule,
            format!("{dir}/go.mod").trim_start_matches('/'),
        ) else {
            continue;
        };
        let key = endpoint_key(e);
        let mut ep = ApiItem::new(ApiLang::Http, ApiKind::Endpoint, &key, "").at(&e.origin);
        ep.unit = id(u);
        let body = e.handler.as_ref().and_then(|k| a.handlers.get(k));
        let pkg = e
            .handler
            .as_ref()
            .map(|k| ix.pkg_of_file(&k.path).to_string())
            .unwrap_or_default();
        let mut fields = Fields {
            ix: &ix,
            module: u.name.clone(),
            out: Vec::new(),
            seen: BTreeSet::new(),
        };
        for w in body.map(|b| b.writes.as_slice()).unwrap_or(&[]) {
            if w.error || w.status.is_some_and(|s| s >= 400) {
                continue;
            }
            let ct = match (&w.content_type, &w.payload) {
                (Some(ct), _) => Payload::of_content_type(ct),
                (None, p) => p.clone(),
            };
            let media = match &ct {
                Payload::Json => Some("application/json".to_string()),
                Payload::Text => Some("text/plain".into()),
                Payload::Html => Some("text/html".into()),
                Payload::Xml => Some("application/xml".into()),
                Payload::Yaml => Some("application/yaml".into()),
                Payload::Typed(t) => Some(t.clone()),
                _ => None,
            };
            if let Some(m) = media {
                ep.flags.push(format!("produces:{m}"));
            }
            if let (Payload::Json, ValueRef::Type { ty }) = (&ct, &w.value) {
                fields.walk(ty, &pkg, "", 0);
            }
        }
        let response = std::mem::take(&mut fields.out);
        for d in body.map(|b| b.decodes.as_slice()).unwrap_or(&[]) {
            let r = match d.kind {
                DecodeKind::Json => "json",
                DecodeKind::Xml => "xml",
                DecodeKind::Yaml => "yaml",
                DecodeKind::Form => "form",
                DecodeKind::Multipart => "multipart",
                DecodeKind::ByContentType => "any",
                DecodeKind::Query | DecodeKind::Raw => continue,
            };
            ep.flags.push(format!("reads:{r}"));
            if let ValueRef::Type { ty } = &d.target {
                fields.walk(ty, &pkg, "", 0);
            }
        }
        let request = std::mem::take(&mut fields.out);
        for (list, kind, side) in [
            (response, ApiKind::ResponseField, "response"),
            (request, ApiKind::RequestField, "request"),
        ] {
            for (path, ty, flags) in list {
                let mut it = ApiItem::new(ApiLang::Wire, kind, format!("{key} {side}.{path}"), ty)
                    .at(&e.origin);
                it.unit = id(u);
                it.flags = flags;
                out.push(it);
            }
        }
        out.push(ep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_names_follow_encoding_json() {
        assert_eq!(
            json_name("UserID", Some(r#"json:"user_id,omitempty""#)),
            Some(("user_id".into(), true))
        );
        assert_eq!(json_name("Name", None), Some(("Name".into(), false)));
        assert_eq!(json_name("Secret", Some(r#"json:"-""#)), None);
        assert_eq!(json_name("internal", None), None);
        assert_eq!(
            tag_value(r#"json:"a" binding:"required,min=1""#, "binding"),
            Some("required,min=1")
        );
    }
}
