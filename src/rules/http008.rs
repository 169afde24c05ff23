//! HTTP008 missing-vary: a handler chooses its response by a request header
//! (`Accept-Language`, `Accept`, `Authorization`, a custom one) and marks
//! it cacheable (`Cache-Control: public` or a positive `max-age` /
//! `s-maxage`, without `private`, `no-store` or `no-cache`), but neither it,
//! its helpers nor the middleware on its route send `Vary` for that header:
//! a CDN or proxy serves one user's variant to everyone.

use std::collections::BTreeSet;

use super::{Context, Rule};
use crate::findings::Finding;
use crate::model::{header_list, HandlerBody, HeaderWrite};

pub struct MissingVary;

/// Request headers whose value does not select the representation: request
/// framing, conditional and range requests (caches handle those), tracing
/// and forwarding data.
fn varies(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    !(n.starts_with("if-")
        || n.starts_with("x-forwarded-")
        || matches!(
            n.as_str(),
            "content-type"
                | "content-length"
                | "content-encoding"
                | "range"
                | "cache-control"
                | "pragma"
                | "user-agent"
                | "referer"
                | "x-request-id"
                | "x-correlation-id"
                | "traceparent"
                | "tracestate"
                | "x-real-ip"
                | "forwarded"
                | "via"
        ))
}

/// Is a `Cache-Control` value one a shared cache stores?
fn cacheable(value: &str) -> bool {
    let mut public = false;
    let mut lifetime = false;
    for d in header_list(value) {
        let d = d.to_ascii_lowercase();
        let (k, v) = d.split_once('=').unwrap_or((d.as_str(), ""));
        match k.trim() {
            "private" | "no-store" | "no-cache" => return false,
            "public" => public = true,
            "max-age" | "s-maxage" => {
                lifetime |= v
                    .trim()
                    .trim_matches('"')
                    .parse::<u64>()
                    .is_ok_and(|n| n > 0)
            }
            _ => {}
        }
    }
    public || lifetime
}

fn is(w: &HeaderWrite, name: &str) -> bool {
    w.name.eq_ignore_ascii_case(name)
}

impl Rule for MissingVary {
    fn id(&self) -> &'static str {
        "HTTP008"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        let mut seen = BTreeSet::new();
        for e in &a.endpoints {
            let Some(body) = e.handler.as_ref().and_then(|k| a.handlers.get(k)) else {
                continue;
            };
            let middleware: Vec<&HandlerBody> = e
                .middleware
                .iter()
                .filter_map(|k| a.handlers.get(k))
                .collect();
            let writes = || {
                body.header_writes
                    .iter()
                    .chain(middleware.iter().flat_map(|m| &m.header_writes))
            };
            let Some(cache) = writes()
                .find(|w| is(w, "Cache-Control") && w.value.as_deref().is_some_and(cacheable))
            else {
                continue;
            };
            let vary: Vec<&HeaderWrite> = writes().filter(|w| is(w, "Vary")).collect();
            // A computed Vary value may list anything.
            if vary.iter().any(|w| w.value.is_none()) {
                continue;
            }
            let listed: Vec<&str> = vary
                .iter()
                .flat_map(|w| header_list(w.value.as_deref().unwrap_or("")))
                .collect();
            if listed.contains(&"*") {
                continue;
            }
            for r in &body.header_reads {
                if !varies(&r.name)
                    || listed.iter().any(|v| v.eq_ignore_ascii_case(&r.name))
                    || !seen.insert((r.origin.path.clone(), r.origin.start))
                {
                    continue;
                }
                let cc = cache.value.as_deref().unwrap_or("");
                let vary_text = if listed.is_empty() {
                    "no Vary header".to_string()
                } else {
                    format!("`Vary: {}`", listed.join(", "))
                };
                let private = if r.name.eq_ignore_ascii_case("authorization") {
                    ", or mark the response `private`"
                } else {
                    ""
                };
                out.push(
                    cx.finding(
                        self.id(),
                        &r.origin,
                        format!(
                            "the handler `{}` of {} reads the request header `{}` and answers with `Cache-Control: {cc}`, but sends {vary_text}: a shared cache stores one variant and serves it to every client, whatever their `{}`",
                            e.handler_text,
                            e.display(),
                            r.name,
                            r.name
                        ),
                    )
                    .key(format!("{} {}", e.handler_text, r.name.to_ascii_lowercase()))
                    .related(&cache.origin, format!("the response is cacheable: `Cache-Control: {cc}`"))
                    .related(&e.origin, format!("route {}", e.display()))
                    .help(format!(
                        "add `{}` to the response's Vary header (`w.Header().Add(\"Vary\", \"{}\")`, in the handler or a middleware on the route){private}",
                        r.name, r.name
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cacheable_values() {
        assert!(cacheable("public, max-age=3600"));
        assert!(cacheable("max-age=60"));
        assert!(cacheable("s-maxage=60, stale-while-revalidate=30"));
        assert!(cacheable("public"));
        assert!(!cacheable("private, max-age=60"));
        assert!(!cacheable("no-store"));
        assert!(!cacheable("public, no-cache"));
        assert!(!cacheable("max-age=0"));
        assert!(!cacheable("must-revalidate"));
    }

    #[test]
    fn conditional_and_tracing_headers_do_not_vary() {
        assert!(varies("Accept-Language"));
        assert!(varies("X-Tenant"));
        assert!(!varies("If-None-Match"));
        assert!(!varies("X-Request-ID"));
    }
}
