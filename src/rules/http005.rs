//! HTTP005 missing-request-content-type: a JSON string body is sent without
//! a JSON Content-Type to a handler that decides by Content-Type.

use super::{Context, Rule};
use crate::findings::Finding;
use crate::model::{BodyEncoding, DecodeKind};

pub struct MissingRequestContentType;

impl Rule for MissingRequestContentType {
    fn id(&self) -> &'static str {
        "HTTP005"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (i, call) in cx.analysis.calls.iter().enumerate() {
            if call.body != Some(BodyEncoding::JsonText) {
                continue;
            }
            let mut related = Vec::new();
            for (e, body) in cx.linked(i) {
                let Some(body) = body else { continue };
                let by_ct: Vec<_> = body
                    .decodes
                    .iter()
                    .filter(|d| d.kind == DecodeKind::ByContentType)
                    .collect();
                for d in &by_ct {
                    related.push((
                        d.origin.clone(),
                        format!("`{}` {}", e.handler_text, d.kind.describe()),
                    ));
                }
                for c in &body.content_type_checks {
                    related.push((
                        c.origin.clone(),
                        format!("the handler requires Content-Type {}", c.expects),
                    ));
                }
                if !by_ct.is_empty() || !body.content_type_checks.is_empty() {
                    related.push((e.origin.clone(), format!("route {}", e.display())));
                }
            }
            if related.is_empty() {
                continue;
            }
            let method = call.method.as_deref().unwrap_or("");
            let sent_as = match &call.content_type {
                Some(h) => format!("with Content-Type `{}`", h.value.as_deref().unwrap_or("?")),
                None if call.client == "fetch" => {
                    "without a Content-Type, so fetch labels it text/plain;charset=UTF-8".to_string()
                }
                None => "without a Content-Type, so it goes out as text/plain (axios 1.x) or as a URL-encoded form (axios 0.x)".to_string(),
            };
            let mut f = cx
                .finding(
                    self.id(),
                    &call.origin,
                    format!("{method} {} sends a JSON string {sent_as}; the handler will not decode it as JSON", call.path),
                )
                .key(format!("{method} {}", call.path));
            for (o, m) in related {
                f = f.related(&o, m);
            }
            out.push(f.help("set `Content-Type: application/json` on the request (or send a plain object with axios)"));
        }
    }
}
