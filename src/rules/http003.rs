//! HTTP003 request-encoding-mismatch: the client encodes the body in a way
//! the handler does not decode (JSON to a form reader, FormData to a JSON
//! binder, ...).

use super::{Context, Rule};
use crate::findings::Finding;
use crate::model::{BodyEncoding, DecodeKind, HandlerBody};

pub struct RequestEncodingMismatch;

/// Does a decoder read a body sent this way?
fn accepts(kind: DecodeKind, enc: BodyEncoding) -> bool {
    use BodyEncoding as B;
    match kind {
        DecodeKind::Json => matches!(enc, B::Json | B::JsonText),
        DecodeKind::Form => matches!(enc, B::Form | B::Multipart),
        DecodeKind::Multipart => enc == B::Multipart,
        // A JSON string without a JSON Content-Type is HTTP005's case.
        DecodeKind::ByContentType => matches!(enc, B::Json | B::JsonText | B::Form | B::Multipart),
        DecodeKind::Xml | DecodeKind::Yaml => false,
        DecodeKind::Raw | DecodeKind::Query => true,
    }
}

/// The decoders of a handler that read the body (the raw read is dropped
/// when the body is decoded further).
pub fn body_decoders(h: &HandlerBody) -> Vec<&crate::model::Decode> {
    let typed: Vec<_> = h
        .decodes
        .iter()
        .filter(|d| d.kind.reads_body() && d.kind != DecodeKind::Raw)
        .collect();
    if typed.is_empty() {
        h.decodes
            .iter()
            .filter(|d| d.kind == DecodeKind::Raw)
            .collect()
    } else {
        typed
    }
}

impl Rule for RequestEncodingMismatch {
    fn id(&self) -> &'static str {
        "HTTP003"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (i, call) in cx.analysis.calls.iter().enumerate() {
            let Some(enc) = call.body else { continue };
            if !matches!(
                enc,
                BodyEncoding::Json
                    | BodyEncoding::JsonText
                    | BodyEncoding::Form
                    | BodyEncoding::Multipart
            ) {
                continue;
            }
            let linked = cx.linked(i);
            let mut judged = Vec::new();
            for (e, body) in &linked {
                let Some(body) = body else { continue };
                let decoders = body_decoders(body);
                if decoders.is_empty() {
                    continue;
                }
                judged.push((e, decoders));
            }
            if judged.is_empty()
                || judged
                    .iter()
                    .any(|(_, ds)| ds.iter().any(|d| accepts(d.kind, enc)))
            {
                continue;
            }
            let (e, ds) = &judged[0];
            let d = ds[0];
            let method = call.method.as_deref().unwrap_or("");
            let mut f = cx
                .finding(
                    self.id(),
                    &call.origin,
                    format!(
                        "{method} {} sends {}, but the handler `{}` {}",
                        call.path,
                        enc.describe(),
                        e.handler_text,
                        d.kind.describe()
                    ),
                )
                .key(format!("{method} {} {enc:?}", call.path));
            for (e, ds) in &judged {
                for d in ds {
                    f = f.related(&d.origin, format!("the handler {} here", d.kind.describe()));
                }
                f = f.related(&e.origin, format!("route {}", e.display()));
            }
            let fix = match d.kind {
                DecodeKind::Json => "send JSON from the client (a plain object with axios, or JSON.stringify with a Content-Type: application/json header), or decode the form on the server".to_string(),
                DecodeKind::Form => "send the fields as a form (URLSearchParams or FormData), or decode JSON on the server (json.NewDecoder / ShouldBindJSON)".to_string(),
                DecodeKind::Multipart => "send a FormData body, or read the fields the way the client sends them on the server".to_string(),
                _ => format!("make the client's encoding and the handler's decoder agree ({} vs {})", enc.describe(), d.kind.describe()),
            };
            out.push(f.help(fix));
        }
    }
}
