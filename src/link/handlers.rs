//! The effective behaviour of each handler: its own decodes and writes,
//! plus those of the helpers it hands the exchange to (a few levels down),
//! with the helpers' parameters replaced by the caller's arguments. A
//! handler factory (`func (h *H) list() http.HandlerFunc { return func(w, r) {...} }`)
//! is read through the function it returns.

use std::collections::BTreeMap;

use super::go_index::{FuncLoc, GoIndex};
use crate::model::{Endpoint, FuncKey, GoTypeExpr, HandlerBody, HelperArg, Payload, ValueRef};

const MAX_DEPTH: u32 = 3;

/// Effective bodies of every endpoint's handler and middleware.
pub fn effective(ix: &GoIndex, endpoints: &[Endpoint]) -> BTreeMap<FuncKey, HandlerBody> {
    let mut out = BTreeMap::new();
    for e in endpoints {
        for key in e.handler.iter().chain(&e.middleware) {
            if out.contains_key(key) {
                continue;
            }
            if let Some(loc) = ix.by_key(key) {
                out.insert(key.clone(), body_of(ix, &loc, 0));
            }
        }
    }
    out
}

fn body_of(ix: &GoIndex, loc: &FuncLoc, depth: u32) -> HandlerBody {
    let mut body = loc.func.http.clone();
    qualify_body(&mut body, &loc.pkg);
    if body.decodes.is_empty() && body.writes.is_empty() && loc.func.literal_at.is_none() {
        for lit in ix.literals_within(loc) {
            merge(&mut body, body_of(ix, &lit, depth + 1));
        }
    }
    if depth >= MAX_DEPTH {
        return body;
    }
    for h in &loc.func.http.helpers {
        let Some(callee) = ix.resolve(&h.callee, &loc.pkg, &loc.file.path, &|_| true) else {
            continue;
        };
        let mut sub = body_of(ix, &callee, depth + 1);
        bind(&mut sub, &h.args);
        merge(&mut body, sub);
    }
    body
}

/// Types written in a function name their package by import path only when
/// imported; qualify the rest with the function's own package, so that
/// they mean the same wherever the facts travel.
fn qualify_body(body: &mut HandlerBody, pkg: &str) {
    for d in &mut body.decodes {
        if let ValueRef::Type { ty } = &mut d.target {
            qualify(ty, pkg);
        }
    }
    for w in &mut body.writes {
        if let ValueRef::Type { ty } = &mut w.value {
            qualify(ty, pkg);
        }
    }
}

fn qualify(t: &mut GoTypeExpr, pkg: &str) {
    match t {
        GoTypeExpr::Named { pkg: p, name, args } => {
            if p.is_empty() && !is_predeclared(name) {
                *p = pkg.to_string();
            }
            args.iter_mut().for_each(|a| qualify(a, pkg));
        }
        GoTypeExpr::Pointer { elem }
        | GoTypeExpr::Slice { elem }
        | GoTypeExpr::Array { elem, .. } => qualify(elem, pkg),
        GoTypeExpr::Map { key, value } => {
            qualify(key, pkg);
            qualify(value, pkg);
        }
        GoTypeExpr::Struct { fields } => fields.iter_mut().for_each(|f| qualify(&mut f.ty, pkg)),
        _ => {}
    }
}

/// Go's predeclared type names.
pub fn is_predeclared(name: &str) -> bool {
    matches!(
        name,
        "string"
            | "bool"
            | "int"
            | "int8"
            | "int16"
            | "int32"
            | "int64"
            | "uint"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "uintptr"
            | "float32"
            | "float64"
            | "complex64"
            | "complex128"
            | "byte"
            | "rune"
            | "error"
            | "any"
    )
}

fn merge(into: &mut HandlerBody, from: HandlerBody) {
    into.decodes.extend(from.decodes);
    into.writes.extend(from.writes);
    into.content_type_checks.extend(from.content_type_checks);
    into.header_reads.extend(from.header_reads);
    into.header_writes.extend(from.header_writes);
}

/// Puts the caller's arguments in for a helper's parameters.
fn bind(body: &mut HandlerBody, args: &[HelperArg]) {
    let value = |v: &ValueRef| match v {
        ValueRef::Param { index } => match args.get(*index as usize) {
            Some(HelperArg::Value { value }) => value.clone(),
            _ => ValueRef::Unknown,
        },
        other => other.clone(),
    };
    for d in &mut body.decodes {
        d.target = value(&d.target);
    }
    for w in &mut body.writes {
        w.value = value(&w.value);
        if let Some(i) = w.status_param.take() {
            if let Some(HelperArg::Status { code }) = args.get(i as usize) {
                w.status = Some(*code);
                w.error = *code >= 400;
            }
        }
        if let Payload::ParamType(i) = w.payload {
            w.payload = match args.get(i as usize) {
                Some(HelperArg::Str { value }) => Payload::of_content_type(value),
                _ => Payload::Sniffed,
            };
        }
    }
}
