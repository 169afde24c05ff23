//! HTTP004 response-type-mismatch: the client parses the response as JSON
//! while the handler answers with text, CSV, HTML or a file (error); or it
//! reads a blob or text where the handler sends JSON (warning).

use super::{Context, Rule};
use crate::findings::{Finding, Severity};
use crate::model::{HandlerBody, Payload, ResponseUse, Write};

pub struct ResponseTypeMismatch;

/// The writes of a successful answer: no error status, no redirects.
fn success_writes(h: &HandlerBody) -> Vec<&Write> {
    h.writes
        .iter()
        .filter(|w| !w.error && !matches!(w.payload, Payload::Redirect))
        .collect()
}

/// Is the payload certainly not JSON?
fn not_json(p: &Payload) -> bool {
    !matches!(
        p,
        Payload::Json | Payload::Sniffed | Payload::ParamType(_) | Payload::NoContent
    )
}

impl Rule for ResponseTypeMismatch {
    fn id(&self) -> &'static str {
        "HTTP004"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (i, call) in cx.analysis.calls.iter().enumerate() {
            let Some(reads) = &call.reads else { continue };
            let linked = cx.linked(i);
            let judged: Vec<_> = linked
                .iter()
                .filter_map(|(e, h)| {
                    let w = success_writes((*h)?);
                    (!w.is_empty()).then_some((e, w))
                })
                .collect();
            if judged.is_empty() {
                continue;
            }
            let method = call.method.as_deref().unwrap_or("");
            let (finding, sev) = match reads {
                ResponseUse::Json | ResponseUse::Data => {
                    if !judged
                        .iter()
                        .all(|(_, ws)| ws.iter().all(|w| not_json(&w.payload)))
                    {
                        continue;
                    }
                    let sends = describe(&judged[0].1);
                    (
                        format!(
                            "{method} {} is read as JSON, but the handler `{}` answers with {sends}",
                            call.path, judged[0].0.handler_text
                        ),
                        Severity::Error,
                    )
                }
                ResponseUse::Blob | ResponseUse::Text | ResponseUse::ArrayBuffer => {
                    // A JSON file offered for download (Content-Disposition) is read as a blob on purpose.
                    let download = linked.iter().any(|(_, h)| {
                        h.is_some_and(|h| {
                            h.header_writes
                                .iter()
                                .any(|w| w.name.eq_ignore_ascii_case("content-disposition"))
                        })
                    });
                    if download
                        || !judged
                            .iter()
                            .all(|(_, ws)| ws.iter().all(|w| w.payload == Payload::Json))
                    {
                        continue;
                    }
                    (
                        format!(
                            "{method} {} is read as {}, but the handler `{}` answers with JSON",
                            call.path,
                            match reads {
                                ResponseUse::Blob => "a blob",
                                ResponseUse::Text => "text",
                                _ => "an ArrayBuffer",
                            },
                            judged[0].0.handler_text
                        ),
                        Severity::Warning,
                    )
                }
                ResponseUse::FormData => continue,
            };
            let mut f = Finding::new(self.id(), sev, call.origin.clone(), finding)
                .key(format!("{method} {} {reads:?}", call.path));
            for (e, ws) in &judged {
                for w in ws {
                    f = f.related(
                        &w.origin,
                        format!("the handler writes {} here", w.payload.describe()),
                    );
                }
                f = f.related(&e.origin, format!("route {}", e.display()));
            }
            let help = if sev == Severity::Error {
                "read the body the way the server writes it (res.text() / responseType: 'blob'), or answer with JSON on the server (c.JSON / json.NewEncoder)"
            } else {
                "parse the response as JSON (res.json(), axios' default), or send the file or text the client expects"
            };
            out.push(f.help(help));
        }
    }
}

fn describe(ws: &[&Write]) -> String {
    let mut kinds: Vec<String> = ws.iter().map(|w| w.payload.describe()).collect();
    kinds.sort();
    kinds.dedup();
    kinds.join(" or ")
}
