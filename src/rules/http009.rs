//! HTTP009 required-header-not-sent: the handler or a middleware on the
//! route rejects requests without a header (`if r.Header.Get("X") == "" {
//! http.Error(...); return }`), and a frontend call linked to it never sends
//! that header. Reported only when the call's header set is complete (no
//! headers object, config or interceptor seam could not read), and never
//! for headers the browser or a proxy adds on its own.

use std::collections::BTreeMap;

use super::fetch::{browser_sends, proxy_adds};
use super::{Context, Rule};
use crate::findings::Finding;
use crate::model::{Endpoint, HandlerBody, HeaderRead, HttpCall};

pub struct RequiredHeaderNotSent;

/// The headers a route requires, by lower-case name, with where and
/// whether the handler itself (not a middleware) checks it.
fn required<'a>(cx: &'a Context, e: &'a Endpoint) -> BTreeMap<String, (&'a HeaderRead, bool)> {
    let mut out = BTreeMap::new();
    let handler = e.handler.as_ref().and_then(|k| cx.analysis.handlers.get(k));
    for b in bodies(cx, e) {
        for r in b.header_reads.iter().filter(|r| r.required) {
            let own = handler.is_some_and(|h| std::ptr::eq(h, b));
            out.entry(r.name.to_ascii_lowercase()).or_insert((r, own));
        }
    }
    out
}

fn bodies<'a>(cx: &'a Context, e: &'a Endpoint) -> Vec<&'a HandlerBody> {
    let h = &cx.analysis.handlers;
    e.handler
        .iter()
        .chain(&e.middleware)
        .filter_map(|k| h.get(k))
        .collect()
}

/// Does the call send `name`, or does the browser send it for this call?
fn sends(call: &HttpCall, name: &str) -> bool {
    call.headers.iter().any(|h| h.name.eq_ignore_ascii_case(name))
        || browser_sends(name)
        || proxy_adds(name)
        // A body gets a Content-Type from the browser or axios.
        || (name == "content-type" && call.body.is_some())
}

/// The route answers `401` with `WWW-Authenticate`: the browser asks the
/// user and sends `Authorization` itself.
fn challenges(cx: &Context, e: &Endpoint) -> bool {
    bodies(cx, e).iter().any(|b| {
        b.header_writes
            .iter()
            .any(|w| w.name.eq_ignore_ascii_case("www-authenticate"))
    })
}

impl Rule for RequiredHeaderNotSent {
    fn id(&self) -> &'static str {
        "HTTP009"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (i, call) in cx.analysis.calls.iter().enumerate() {
            if !call.headers_complete {
                continue;
            }
            let linked = cx.linked(i);
            let Some(((first, _), rest)) = linked.split_first() else {
                continue;
            };
            for (name, (read, own)) in required(cx, first) {
                // Every route the call may reach requires it.
                if rest
                    .iter()
                    .any(|(e, _)| !required(cx, e).contains_key(&name))
                    || sends(call, &name)
                    || (name == "authorization" && linked.iter().any(|(e, _)| challenges(cx, e)))
                {
                    continue;
                }
                let method = call.method.as_deref().unwrap_or("");
                out.push(
                    cx.finding(
                        self.id(),
                        &call.origin,
                        format!(
                            "{method} {} never sends the header `{}`, but {} rejects requests without it: every such call fails",
                            call.path,
                            read.name,
                            if own {
                                format!("the handler `{}`", first.handler_text)
                            } else {
                                format!("a middleware on the route {}", first.display())
                            }
                        ),
                    )
                    .key(format!("{method} {} {name}", call.path))
                    .related(&read.origin, format!("requires `{}` here and answers with an error without it", read.name))
                    .related(&first.origin, format!("route {}", first.display()))
                    .help(format!(
                        "send `{}` from the client (on the call, the axios instance's `headers`, or a request interceptor), or make the header optional on the server",
                        read.name
                    )),
                );
            }
        }
    }
}
