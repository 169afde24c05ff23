//! Endpoints of the surface, with what they produce and read, and the
//! JSON fields of their request and response types.
//!
//! An endpoint is `METHOD /path` with parameter names left out
//! (`GET /items/{}`: renaming `{id}` breaks no client); its flags say which
//! content types it responds with (`produces:application/json`) and how it
//! reads the body (`reads:json`).
//!
//! Wire fields: the JSON fields of the Go values a handler writes as JSON
//! (`<endpoint> response.<field>`) or decodes (`<endpoint> request.<field>`),
//! as the shared wire-type mapping (`link::wire`) sees them: tag names,
//! `-`, `omitempty`, embedded structs promoted, `any` fields filled from the
//! struct literal, typed by their JSON type.

use super::units::{id, unit_of};
use crate::link::wire::Direction;
use crate::link::{Analysis, GoIndex};
use crate::model::{
    ApiItem, ApiKind, ApiLang, DecodeKind, Endpoint, Framework, Payload, Seg, Unit, UnitKind,
    WireType,
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

/// A stable spelling of a wire type for snapshots (`int64`, `array<string>`).
fn token(t: &WireType) -> String {
    match t {
        WireType::String => "string".into(),
        WireType::Number {
            integer: true,
            bits: Some(b),
        } => format!("int{b}"),
        WireType::Number {
            integer: true,
            bits: None,
        } => "integer".into(),
        WireType::Number { .. } => "number".into(),
        WireType::Bool => "bool".into(),
        WireType::Bytes => "bytes".into(),
        WireType::Array { elem } => format!("array<{}>", token(elem)),
        WireType::Map { value } => format!("map<{}>", token(value)),
        WireType::Object { name, .. } if name.is_empty() => "object".into(),
        WireType::Object { name, .. } => name.clone(),
        WireType::Nullable { inner } => token(inner),
        WireType::Union { types } => types.iter().map(token).collect::<Vec<_>>().join("|"),
        WireType::Literal { value } => value.clone(),
        WireType::Any => "any".into(),
        WireType::Unknown => "unknown".into(),
    }
}

/// The fields of a wire type as `(path, type, flags)`, nested objects
/// flattened (`items[].owner.id`), three levels deep.
fn flatten(t: &WireType, prefix: &str, depth: u32, out: &mut Vec<(String, String, Vec<String>)>) {
    if depth > 3 {
        return;
    }
    match t {
        WireType::Nullable { inner } => flatten(inner, prefix, depth, out),
        WireType::Array { elem } => flatten(elem, &format!("{prefix}[]"), depth, out),
        WireType::Object { fields, .. } => {
            for f in fields {
                let path = if prefix.is_empty() {
                    f.name.clone()
                } else {
                    format!("{prefix}.{}", f.name)
                };
                let mut flags = Vec::new();
                if f.optional {
                    flags.push("omitempty".to_string());
                }
                if f.required {
                    flags.push("required".to_string());
                }
                out.push((path.clone(), token(&f.ty), flags));
                flatten(&f.ty, &path, depth + 1, out);
            }
        }
        _ => {}
    }
}

pub fn items(a: &Analysis, units: &[Unit], out: &mut Vec<ApiItem>) {
    let ix = GoIndex::build(&a.files);
    let rix = crate::link::rust_index::RustIndex::build(&a.files);
    let wire = |v, dir| crate::link::wire::value_wire(&ix, &rix, v, dir);
    for e in &a.endpoints {
        let dir = e.module_dir.clone().unwrap_or_default();
        // axum routes belong to their crate, the others to their Go module.
        let (kind, manifest) = match e.framework {
            Framework::Axum => (UnitKind::Crate, "Cargo.toml"),
            _ => (UnitKind::GoModule, "go.mod"),
        };
        let Some(u) = unit_of(
            units,
            kind,
            format!("{dir}/{manifest}").trim_start_matches('/'),
        ) else {
            continue;
        };
        let key = endpoint_key(e);
        let mut ep = ApiItem::new(ApiLang::Http, ApiKind::Endpoint, &key, "").at(&e.origin);
        ep.unit = id(u);
        let body = e.handler.as_ref().and_then(|k| a.handlers.get(k));
        let mut response = Vec::new();
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
            if ct == Payload::Json {
                flatten(&wire(&w.value, Direction::Response), "", 0, &mut response);
            }
        }
        let mut request = Vec::new();
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
            flatten(&wire(&d.target, Direction::Request), "", 0, &mut request);
        }
        response.sort();
        response.dedup();
        request.sort();
        request.dedup();
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
    use crate::model::{Origin, WireField};

    #[test]
    fn flattens_nested_fields_with_flags() {
        let f = |name: &str, ty: WireType, optional: bool| WireField {
            name: name.into(),
            source_name: None,
            ty,
            optional,
            nullable: false,
            untagged: false,
            required: false,
            origin: Origin::default(),
        };
        let owner = WireType::Object {
            name: "Owner".into(),
            fields: vec![f(
                "id",
                WireType::Number {
                    integer: true,
                    bits: Some(64),
                },
                false,
            )],
        };
        let t = WireType::Array {
            elem: Box::new(WireType::Object {
                name: "Item".into(),
                fields: vec![f("owner", owner, true)],
            }),
        };
        let mut out = Vec::new();
        flatten(&t, "", 0, &mut out);
        assert_eq!(
            out,
            vec![
                (
                    "[].owner".to_string(),
                    "Owner".to_string(),
                    vec!["omitempty".to_string()]
                ),
                ("[].owner.id".to_string(), "int64".to_string(), vec![]),
            ]
        );
    }
}
