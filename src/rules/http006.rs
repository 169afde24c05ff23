//! HTTP006 header-not-allowed-by-cors: a call to a route behind a CORS
//! policy sends a header that is neither CORS-safelisted nor allowed by the
//! policy, so the browser's preflight fails and the request is never sent.
//! A route with a policy is taken as served cross-origin; a same-origin app
//! without one raises nothing. axios sends object bodies with an implicit
//! `Content-Type: application/json`, which needs allowing too.

use std::collections::BTreeMap;

use super::fetch::{is_forbidden, is_safelisted};
use super::{Context, Rule};
use crate::findings::Finding;
use crate::link::cors::policies;
use crate::model::{Allows, BodyEncoding, CorsPolicy, HeaderUse, HttpCall};

pub struct HeaderNotAllowedByCors;

/// The headers a call puts on the wire that the page's code controls, with
/// axios' implicit JSON Content-Type.
fn sent(call: &HttpCall) -> Vec<(HeaderUse, bool)> {
    let mut v: Vec<(HeaderUse, bool)> = call.headers.iter().map(|h| (h.clone(), false)).collect();
    if call.body == Some(BodyEncoding::Json) && call.content_type.is_none() {
        v.push((
            HeaderUse {
                name: "Content-Type".into(),
                value: Some("application/json".into()),
                origin: call
                    .body_origin
                    .clone()
                    .unwrap_or_else(|| call.origin.clone()),
            },
            true,
        ));
    }
    v
}

/// One header set in one place, blocked for the calls that send it.
struct Blocked<'a> {
    header: HeaderUse,
    implicit: bool,
    calls: Vec<&'a HttpCall>,
    policies: Vec<CorsPolicy>,
}

impl Rule for HeaderNotAllowedByCors {
    fn id(&self) -> &'static str {
        "HTTP006"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut blocked: BTreeMap<(String, u32, String), Blocked> = BTreeMap::new();
        for (i, call) in cx.analysis.calls.iter().enumerate() {
            let ps: Vec<CorsPolicy> = cx
                .linked(i)
                .into_iter()
                .flat_map(|(e, _)| policies(cx.analysis, e))
                .collect();
            if ps.is_empty() {
                continue;
            }
            for (h, implicit) in sent(call) {
                if is_forbidden(&h.name) || is_safelisted(&h.name, h.value.as_deref()) {
                    continue;
                }
                if ps.iter().any(|p| p.allows(&h.name) != Allows::No) {
                    continue;
                }
                let key = (
                    h.origin.path.to_string(),
                    h.origin.start,
                    h.name.to_ascii_lowercase(),
                );
                let b = blocked.entry(key).or_insert_with(|| Blocked {
                    header: h.clone(),
                    implicit,
                    calls: Vec::new(),
                    policies: Vec::new(),
                });
                b.calls.push(call);
                for p in &ps {
                    if !b.policies.contains(p) {
                        b.policies.push(p.clone());
                    }
                }
            }
        }
        for b in blocked.into_values() {
            out.push(finding(cx, self.id(), b));
        }
    }
}

fn finding(cx: &Context, id: &str, b: Blocked) -> Finding {
    let h = &b.header;
    let first = b.calls[0];
    let method = first.method.as_deref().unwrap_or("");
    let on_call = b.calls.len() == 1
        && h.origin.path == first.origin.path
        && h.origin.start >= first.origin.start
        && h.origin.end <= first.origin.end;
    let what = if b.implicit {
        format!(
            "{method} {} sends its object body as JSON, so axios adds `Content-Type: application/json`, which is not a CORS-safelisted Content-Type",
            first.path
        )
    } else if on_call {
        format!("{method} {} sends the header `{}`", first.path, h.name)
    } else {
        format!(
            "`{}` is set here (a wrapper, instance default or interceptor) on {} request(s) to routes behind a CORS policy (first: {method} {})",
            h.name,
            b.calls.len(),
            first.path
        )
    };
    let p = &b.policies[0];
    let message = format!(
        "{what}, but the CORS policy ({}) allows {}: the browser's preflight fails and the request is never sent",
        p.library.name(),
        p.describe_headers()
    );
    let mut f = cx.finding(id, &h.origin, message).key(format!(
        "{} {}",
        h.name.to_ascii_lowercase(),
        p.library.name()
    ));
    for p in &b.policies {
        let default = if p.default_headers {
            " (its default list)"
        } else {
            ""
        };
        f = f.related(
            &p.origin,
            format!(
                "CORS policy: allowed headers {}{default}",
                p.describe_headers()
            ),
        );
    }
    for c in b.calls.iter().take(3) {
        if c.origin != h.origin && !on_call {
            f = f.related(
                &c.origin,
                format!("{} {} sends it", c.method.as_deref().unwrap_or(""), c.path),
            );
        }
    }
    let name = if b.implicit {
        "Content-Type"
    } else {
        h.name.as_str()
    };
    f.help(format!(
        "add `{name}` to the policy's allowed headers ({}), or stop sending it from the client",
        fix_hint(p, name)
    ))
}

/// Where the list lives, per library.
fn fix_hint(p: &CorsPolicy, name: &str) -> String {
    use crate::model::CorsLibrary as L;
    match p.library {
        L::RsCors | L::GoChiCors => format!("`AllowedHeaders: []string{{..., \"{name}\"}}`"),
        L::GinContrib => format!("`config.AddAllowHeaders(\"{name}\")` or `AllowHeaders`"),
        L::Echo => {
            format!("`AllowHeaders: []string{{..., \"{name}\"}}` of `middleware.CORSConfig`")
        }
        L::HandWritten => "the `Access-Control-Allow-Headers` value it writes".to_string(),
    }
}
