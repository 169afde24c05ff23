//! What an axum handler does with the request and the response, read from
//! its signature: the body extractor among its parameters (`Json<T>`,
//! `Form<T>`, `Multipart`, `String` / `Bytes`, `Query<T>`) and the body
//! its return type produces (`Json<T>`, `(StatusCode, Json<T>)`,
//! `Result<Json<T>, E>`, `Html<_>`, `String`, `&'static str`,
//! `StatusCode`, `Redirect`). `impl IntoResponse` and the crate's own
//! response types say nothing certain: no write.

use std::collections::BTreeMap;

use super::rust_index::{Ns, RustIndex, Target};
use crate::model::{
    ContentTypeCheck, Decode, DecodeKind, Endpoint, Framework, FuncKey, HandlerBody, Origin,
    Payload, RustType, ValueRef, Write,
};

const MAX_DEPTH: u32 = 8;

/// The bodies of every axum endpoint's handler.
pub fn bodies(ix: &RustIndex, endpoints: &[Endpoint]) -> BTreeMap<FuncKey, HandlerBody> {
    let mut out = BTreeMap::new();
    for e in endpoints.iter().filter(|e| e.framework == Framework::Axum) {
        let Some(key) = &e.handler else { continue };
        if out.contains_key(key) {
            continue;
        }
        if let Some((k, f)) = ix.by_key(key) {
            let cx = Sig {
                ix,
                k,
                module: &f.module,
            };
            let mut body = HandlerBody::default();
            for p in &f.f.params {
                cx.extractor(&p.ty, &p.origin, &mut body, 0);
            }
            match &f.f.ret {
                Some(r) => cx.writes(&r.ty, &r.origin, &mut body.writes, 0),
                None => body
                    .writes
                    .push(write(Payload::NoContent, ValueRef::Unknown, &f.f.origin)),
            }
            out.insert(key.clone(), body);
        }
    }
    out
}

fn write(payload: Payload, value: ValueRef, origin: &Origin) -> Write {
    Write {
        payload,
        content_type: None,
        status: None,
        status_param: None,
        error: false,
        value,
        origin: origin.clone(),
    }
}

struct Sig<'s, 'i, 'a> {
    ix: &'i RustIndex<'a>,
    k: usize,
    module: &'s [String],
}

impl Sig<'_, '_, '_> {
    /// The path a type names outside the crate (`["axum", "Json"]`), if it does.
    fn external(&self, t: &RustType) -> Option<Vec<String>> {
        let RustType::Path { path, .. } = t else {
            return None;
        };
        match self.ix.resolve(self.k, self.module, path, Ns::Type)? {
            Target::External(p) => Some(p),
            _ => None,
        }
    }

    /// An axum (or axum-extra) item's name.
    fn axum(&self, t: &RustType) -> Option<String> {
        let p = self.external(t)?;
        matches!(p.first().map(String::as_str), Some("axum" | "axum_extra"))
            .then(|| p.last().cloned())
            .flatten()
    }

    fn value(&self, t: Option<&RustType>) -> ValueRef {
        match t {
            Some(ty) => ValueRef::Rust {
                ty: ty.clone(),
                scope: self.ix.scope(self.k, self.module),
            },
            None => ValueRef::Unknown,
        }
    }

    fn extractor(&self, t: &RustType, origin: &Origin, body: &mut HandlerBody, depth: u32) {
        if depth > MAX_DEPTH {
            return;
        }
        let arg0 = t.args().first();
        let decode = |kind, target| Decode {
            kind,
            target,
            origin: origin.clone(),
        };
        if let Some(name) = self.axum(t) {
            match name.as_str() {
                "Json" => {
                    body.decodes
                        .push(decode(DecodeKind::Json, self.value(arg0)));
                    // axum's `Json` rejects a body without a JSON Content-Type.
                    body.content_type_checks.push(ContentTypeCheck {
                        expects: "application/json".into(),
                        origin: origin.clone(),
                    });
                }
                "Form" | "RawForm" => body
                    .decodes
                    .push(decode(DecodeKind::Form, self.value(arg0))),
                "Multipart" => body
                    .decodes
                    .push(decode(DecodeKind::Multipart, ValueRef::Unknown)),
                "Query" | "RawQuery" => body
                    .decodes
                    .push(decode(DecodeKind::Query, self.value(arg0))),
                "Bytes" => body
                    .decodes
                    .push(decode(DecodeKind::Raw, ValueRef::Unknown)),
                "WithRejection" => {
                    if let Some(a) = arg0 {
                        self.extractor(a, origin, body, depth + 1);
                    }
                }
                _ => {}
            }
            return;
        }
        match self
            .external(t)
            .as_deref()
            .and_then(|p| p.last())
            .map(String::as_str)
        {
            Some("String" | "Bytes") => body
                .decodes
                .push(decode(DecodeKind::Raw, ValueRef::Unknown)),
            // `Option<Json<T>>`, `Result<Json<T>, JsonRejection>`.
            Some("Option" | "Result") => {
                if let Some(a) = arg0 {
                    self.extractor(a, origin, body, depth + 1);
                }
            }
            _ => {}
        }
    }

    fn writes(&self, t: &RustType, origin: &Origin, out: &mut Vec<Write>, depth: u32) {
        if depth > MAX_DEPTH {
            return;
        }
        let arg0 = t.args().first();
        match t {
            RustType::Ref { elem } => {
                if elem.last() == Some("str") {
                    out.push(write(Payload::Text, ValueRef::Unknown, origin));
                }
                return;
            }
            RustType::Tuple { elems } => {
                match elems.last() {
                    // `(StatusCode, HeaderMap, Json<T>)`: the last part is the body.
                    Some(last) => self.writes(last, origin, out, depth + 1),
                    None => out.push(write(Payload::NoContent, ValueRef::Unknown, origin)),
                }
                return;
            }
            _ => {}
        }
        let Some(p) = self.external(t) else { return };
        let axum = matches!(p.first().map(String::as_str), Some("axum" | "axum_extra"));
        let payload = match (axum, p.last().map(String::as_str)) {
            (_, Some("Result")) => {
                if let Some(a) = arg0 {
                    self.writes(a, origin, out, depth + 1);
                }
                return;
            }
            (true, Some("Json")) => {
                out.push(write(Payload::Json, self.value(arg0), origin));
                return;
            }
            (true, Some("Html")) => Payload::Html,
            (true, Some("Redirect")) => Payload::Redirect,
            (true, Some("Sse")) => Payload::Stream,
            (_, Some("String" | "str" | "Cow")) => Payload::Text,
            (_, Some("StatusCode")) => Payload::NoContent,
            (_, Some("Bytes")) => Payload::Typed("application/octet-stream".into()),
            (_, Some("Vec")) if arg0.and_then(RustType::last) == Some("u8") => {
                Payload::Typed("application/octet-stream".into())
            }
            _ => return,
        };
        out.push(write(payload, ValueRef::Unknown, origin));
    }
}
