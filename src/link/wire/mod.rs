//! Binds types to both ends of each linked call: the TS type the client
//! sends or expects, and the Go type the handler decodes or encodes, both
//! mapped into [`WireType`].

mod go;
mod rust;
mod serde_case;
mod ts;

use serde::Serialize;

pub use go::{json_tag, tag_value};

/// The wire type of a handler's value, Go or Rust, read (`Request`) or
/// written (`Response`); see [`go_value`].
pub fn value_wire(go: &GoIndex, rust: &RustIndex, v: &ValueRef, dir: Direction) -> WireType {
    match v {
        ValueRef::Rust { .. } => rust::RustWire { ix: rust }.of_value(v, dir).0,
        _ => go_value(go, v).0,
    }
}

/// The serde `rename_all` rule that names the Rust field `ident` `key`
/// (`camelCase` for `created_at` → `createdAt`), if one does.
pub fn rename_all_for(ident: &str, key: &str) -> Option<&'static str> {
    serde_case::for_field(ident, key)
}

/// The wire type of a Go value a handler encodes or decodes, and whether it
/// is complete (see [`go::GoWire::of_value`]).
pub fn go_value(ix: &GoIndex, v: &ValueRef) -> (WireType, bool) {
    go::GoWire { ix }.of_value(v)
}

use super::go_index::GoIndex;
use super::rust_index::RustIndex;
use super::ts_index::TsIndex;
use super::LinkStatus;
use crate::model::{
    DecodeKind, Endpoint, FuncKey, HandlerBody, HttpCall, Origin, Payload, ValueRef, WireType,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// The client sends, the server decodes.
    Request,
    /// The server encodes, the client reads.
    Response,
}

/// The language of the server's type, for how findings word the fix
/// (`json` tags or serde attributes) and how keys match on decoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServerLang {
    /// `encoding/json`: keys match case-insensitively when decoding.
    Go,
    /// serde: keys match exactly.
    Rust,
}

/// The two ends of one JSON body.
#[derive(Clone, Debug, Serialize)]
pub struct WirePair {
    pub call: usize,
    pub endpoint: usize,
    pub direction: Direction,
    /// The client's type as written (`User[]`), for messages.
    pub client_type: String,
    pub client: WireType,
    pub client_origin: Origin,
    /// The server's type as written (`[]users.User`).
    pub server_type: String,
    pub server: WireType,
    /// The decode or write in the handler.
    pub server_origin: Origin,
    /// False when part of the server's value has no known type (an `any`
    /// field filled from an untyped value): no difference is then certain.
    pub complete: bool,
    pub server_lang: ServerLang,
}

#[allow(clippy::too_many_arguments)]
pub fn bind(
    go: &GoIndex,
    rust: &RustIndex,
    ts: &TsIndex,
    endpoints: &[Endpoint],
    handlers: &std::collections::BTreeMap<FuncKey, HandlerBody>,
    calls: &[HttpCall],
    links: &[LinkStatus],
) -> Vec<WirePair> {
    let gw = go::GoWire { ix: go };
    let rw = rust::RustWire { ix: rust };
    let tw = ts::TsWire { ix: ts };
    let mut out = Vec::new();
    for (ci, (call, link)) in calls.iter().zip(links).enumerate() {
        let LinkStatus::Linked { endpoints: linked } = link else {
            continue;
        };
        let response = call.response_type.as_ref().and_then(|t| {
            let module = ts.module_key(&t.module)?;
            Some((t.ty.to_string(), tw.of(&t.ty, module), t.origin.clone()))
        });
        let request = match (&call.body_type, &call.body_shape) {
            (Some(t), _) => ts
                .module_key(&t.module)
                .map(|m| (t.ty.to_string(), tw.of(&t.ty, m), t.origin.clone())),
            (None, Some(shape)) => Some((
                "object literal".to_string(),
                shape.clone(),
                call.origin.clone(),
            )),
            _ => None,
        };
        for &ei in linked {
            let e = &endpoints[ei];
            let Some(h) = e.handler.as_ref().and_then(|k| handlers.get(k)) else {
                continue;
            };
            let server_lang = match e.framework {
                crate::model::Framework::Axum => ServerLang::Rust,
                _ => ServerLang::Go,
            };
            if let Some((ty, wire, origin)) = &response {
                for w in h
                    .writes
                    .iter()
                    .filter(|w| !w.error && w.payload == Payload::Json)
                {
                    // Every success branch counts: an untyped one stands as
                    // `unknown`, so that no branch-specific difference is reported.
                    let (server_type, (server, complete)) = match (&w.value, type_of(&w.value)) {
                        (ValueRef::Rust { ty, .. }, _) => {
                            (ty.to_string(), rw.of_value(&w.value, Direction::Response))
                        }
                        (_, Some(gty)) => (go_display(gty), gw.of_value(&w.value)),
                        _ => ("an untyped value".to_string(), (WireType::Unknown, false)),
                    };
                    out.push(WirePair {
                        call: ci,
                        endpoint: ei,
                        direction: Direction::Response,
                        client_type: ty.clone(),
                        client: wire.clone(),
                        client_origin: origin.clone(),
                        server_type,
                        server,
                        server_origin: w.origin.clone(),
                        complete,
                        server_lang,
                    });
                }
            }
            if let Some((ty, wire, origin)) = &request {
                for d in h
                    .decodes
                    .iter()
                    .filter(|d| matches!(d.kind, DecodeKind::Json | DecodeKind::ByContentType))
                {
                    let (server_type, server) = match (&d.target, type_of(&d.target)) {
                        (ValueRef::Rust { ty, .. }, _) => {
                            (ty.to_string(), rw.of_value(&d.target, Direction::Request).0)
                        }
                        (_, Some(gty)) => (go_display(gty), gw.of_value(&d.target).0),
                        _ => continue,
                    };
                    out.push(WirePair {
                        call: ci,
                        endpoint: ei,
                        direction: Direction::Request,
                        client_type: ty.clone(),
                        client: wire.clone(),
                        client_origin: origin.clone(),
                        server_type,
                        server,
                        server_origin: d.origin.clone(),
                        complete: true,
                        server_lang,
                    });
                }
            }
        }
    }
    out
}

fn type_of(v: &ValueRef) -> Option<&crate::model::GoTypeExpr> {
    match v {
        ValueRef::Type { ty } | ValueRef::Struct { ty, .. } => Some(ty),
        _ => None,
    }
}

fn go_display(t: &crate::model::GoTypeExpr) -> String {
    use crate::model::GoTypeExpr as G;
    match t {
        G::Named { pkg, name, .. } => match pkg.rsplit('/').next() {
            Some(last) if !pkg.is_empty() => format!("{last}.{name}"),
            _ => name.clone(),
        },
        G::Pointer { elem } => format!("*{}", go_display(elem)),
        G::Slice { elem } => format!("[]{}", go_display(elem)),
        G::Array { len, elem } => format!("[{len}]{}", go_display(elem)),
        G::Map { key, value } => format!("map[{}]{}", go_display(key), go_display(value)),
        G::Struct { .. } => "struct{...}".into(),
        G::Interface { .. } => "interface{}".into(),
        G::Func { text } | G::Chan { text } | G::Other { text } => text.clone(),
    }
}
