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
    for d in &mut body.decodes {
        resolve_value(ix, loc, &mut d.target);
    }
    for w in &mut body.writes {
        resolve_value(ix, loc, &mut w.value);
    }
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
        // The caller's arguments mean what they mean in the caller.
        let mut args = h.args.clone();
        for a in &mut args {
            if let HelperArg::Value { value } = a {
                resolve_value(ix, loc, value);
            }
        }
        let mut sub = body_of(ix, &callee, depth + 1);
        bind(&mut sub, &args);
        merge(&mut body, sub);
    }
    body
}

/// Makes a value mean the same wherever the facts travel: types get the
/// function's package, call results the declared result type of the callee.
fn resolve_value(ix: &GoIndex, loc: &FuncLoc, v: &mut ValueRef) {
    match v {
        ValueRef::Type { ty } => qualify(ty, &loc.pkg),
        ValueRef::Struct { ty, fields } => {
            qualify(ty, &loc.pkg);
            fields
                .iter_mut()
                .for_each(|(_, f)| resolve_value(ix, loc, f));
        }
        ValueRef::Result { callee, index } => {
            let i = *index as usize;
            let found = ix
                .resolve(callee, &loc.pkg, &loc.file.path, &|f| f.results.len() > i)
                .and_then(|f| {
                    let mut ty = f.func.results.get(i)?.clone();
                    qualify(&mut ty, &f.pkg);
                    Some(ty)
                });
            *v = match found {
                Some(ty) => ValueRef::Type { ty },
                None => ValueRef::Unknown,
            };
        }
        ValueRef::Field { base, field } => {
            resolve_value(ix, loc, base);
            let found = match &**base {
                ValueRef::Type { ty } => named_type(ty).and_then(|(pkg, name)| {
                    let (mut t, tpkg) = ix.field_type_expr(&pkg, &name, field)?;
                    qualify(&mut t, &tpkg);
                    Some(t)
                }),
                _ => None,
            };
            *v = found
                .map(|ty| ValueRef::Type { ty })
                .unwrap_or(ValueRef::Unknown);
        }
        ValueRef::Elem { base } => {
            resolve_value(ix, loc, base);
            let found = match &**base {
                ValueRef::Type { ty } => elem_type(ix, ty),
                _ => None,
            };
            *v = found
                .map(|ty| ValueRef::Type { ty })
                .unwrap_or(ValueRef::Unknown);
        }
        _ => {}
    }
}

/// The named type behind pointers: `(pkg, name)`.
fn named_type(t: &GoTypeExpr) -> Option<(String, String)> {
    match t {
        GoTypeExpr::Named { pkg, name, .. } => Some((pkg.clone(), name.clone())),
        GoTypeExpr::Pointer { elem } => named_type(elem),
        _ => None,
    }
}

/// The element type of a slice, array or map (through named types).
fn elem_type(ix: &GoIndex, t: &GoTypeExpr) -> Option<GoTypeExpr> {
    match t {
        GoTypeExpr::Slice { elem } | GoTypeExpr::Array { elem, .. } => Some((**elem).clone()),
        GoTypeExpr::Map { value, .. } => Some((**value).clone()),
        GoTypeExpr::Pointer { elem } => elem_type(ix, elem),
        GoTypeExpr::Named { pkg, name, .. } => {
            let (decl, dpkg) = ix.type_decl(pkg, name)?;
            let mut e = elem_type(ix, &decl.ty)?;
            qualify(&mut e, &dpkg);
            Some(e)
        }
        _ => None,
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
    fn value(v: &ValueRef, args: &[HelperArg]) -> ValueRef {
        match v {
            ValueRef::Param { index } => match args.get(*index as usize) {
                Some(HelperArg::Value { value }) => value.clone(),
                _ => ValueRef::Unknown,
            },
            ValueRef::Struct { ty, fields } => ValueRef::Struct {
                ty: ty.clone(),
                fields: fields
                    .iter()
                    .map(|(k, f)| (k.clone(), value(f, args)))
                    .collect(),
            },
            other => other.clone(),
        }
    }
    let value = |v: &ValueRef| value(v, args);
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
