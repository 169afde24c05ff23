//! HTTP011 http2-disabled-by-custom-tls: an `http.Transport` that Go never
//! lets negotiate HTTP/2.
//!
//! What disables it, from Go's `net/http/transport.go` (`Transport.protocols`
//! since Go 1.24, `onceSetNextProtoDefaults` before, same conditions since
//! Go 1.13 added `ForceAttemptHTTP2`):
//! - a set `Protocols` (Go 1.24) decides alone: never reported;
//! - a non-nil `TLSNextProto` without an `"h2"` entry turns HTTP/2 off,
//!   whatever `ForceAttemptHTTP2` says (an empty map is the documented off
//!   switch);
//! - otherwise, without `ForceAttemptHTTP2`, any of `TLSClientConfig`,
//!   `Dial`, `DialContext`, `DialTLS`, `DialTLSContext` set turns off the
//!   automatic HTTP/2 ("be conservative ... if they've specified a custom TLS
//!   config or custom dialers", issue 14275);
//! - `http2.ConfigureTransport(s)` adds `"h2"` to `TLSNextProto` and turns it
//!   back on; `http.DefaultTransport` and its `Clone()` have
//!   `ForceAttemptHTTP2: true`.
//!
//! Only TLS connections can negotiate HTTP/2: a transport with a custom TLS
//! config or TLS dialer is reported as a warning (an error when it serves a
//! reverse proxy), one with only a plain dialer as a note (a warning for a
//! proxy), since seam cannot see whether its URLs are `https`. A transport
//! whose clones choose their own protocols is a template, not a silent
//! fallback.

use super::{Context, Rule};
use crate::findings::{Finding, Severity};
use crate::link::http2::{Base, NetGraph, NetNode, NodeId, Resolved, Setting, UseKind};
use crate::model::NetKind;

pub struct Http2DisabledByCustomTls;

/// Fields that turn off the automatic HTTP/2 without `ForceAttemptHTTP2`.
const CUSTOM: &[&str] = &[
    "TLSClientConfig",
    "DialTLSContext",
    "DialTLS",
    "DialContext",
    "Dial",
];

/// Why a transport speaks HTTP/1.1 only, or `None` when it may speak HTTP/2
/// (or seam cannot tell).
enum Cause<'n> {
    /// A non-nil `TLSNextProto` without `"h2"`.
    NextProtoMap(&'n Setting),
    /// Custom TLS config or dialers without `ForceAttemptHTTP2`.
    Custom(Vec<(&'static str, &'n Setting)>),
}

fn cause(t: &NetNode) -> Option<Cause<'_>> {
    if t.field("Protocols")
        .is_some_and(|s| s.value != Resolved::Nil)
        || t.has_use(|u| *u == UseKind::ConfigureTransport).is_some()
    {
        return None;
    }
    if let Some(s) = t.field("TLSNextProto") {
        match &s.value {
            Resolved::Nil => {}
            Resolved::Map(keys) if keys.iter().all(Option::is_some) => {
                if keys.iter().any(|k| k.as_deref() == Some("h2")) {
                    return None;
                }
                return Some(Cause::NextProtoMap(s));
            }
            _ => return None,
        }
    }
    if t.has_use(|u| *u == UseKind::EnabledElsewhere).is_some() {
        return None;
    }
    let forced = match t.field("ForceAttemptHTTP2").map(|s| &s.value) {
        Some(Resolved::Bool(b)) => *b,
        Some(_) => return None,
        None => match t.base {
            Base::DefaultTransport => true,
            Base::Fresh => false,
            Base::Unknown => return None,
        },
    };
    if forced {
        return None;
    }
    let custom: Vec<_> = CUSTOM
        .iter()
        .filter_map(|&f| Some((f, t.field(f)?)))
        .filter(|(_, s)| s.value != Resolved::Nil)
        .collect();
    (!custom.is_empty()).then_some(Cause::Custom(custom))
}

impl Cause<'_> {
    fn settings(&self) -> Vec<&Setting> {
        match self {
            Cause::NextProtoMap(s) => vec![*s],
            Cause::Custom(v) => v.iter().map(|(_, s)| *s).collect(),
        }
    }

    /// Only TLS connections lose HTTP/2: a custom TLS config or TLS dialer
    /// says the transport makes them; a plain dialer does not.
    fn tls(&self) -> bool {
        match self {
            Cause::NextProtoMap(_) => true,
            Cause::Custom(v) => v
                .iter()
                .any(|(n, _)| matches!(*n, "TLSClientConfig" | "DialTLS" | "DialTLSContext")),
        }
    }
}

/// Does the code choose this transport's protocols itself?
fn explicit(t: &NetNode) -> bool {
    t.field("Protocols")
        .is_some_and(|s| s.value != Resolved::Nil)
        || t.field("ForceAttemptHTTP2")
            .is_some_and(|s| s.value == Resolved::Bool(true))
        || t.has_use(|u| matches!(u, UseKind::ConfigureTransport | UseKind::EnabledElsewhere))
            .is_some()
}

/// Not a silent fallback, or reported elsewhere: a template whose clones
/// choose their protocols (`Protocols` on each clone), or a clone whose
/// cause is all inherited from a base that is reported itself.
fn covered(g: &NetGraph, id: NodeId, t: &NetNode, c: &Cause) -> bool {
    if t.clone_family(g, id)
        .iter()
        .any(|&m| g.get(m).is_some_and(explicit))
    {
        return true;
    }
    let Some(base) = t.cloned_from.and_then(|b| g.get(b)) else {
        return false;
    };
    cause(base).is_some()
        && c.settings()
            .iter()
            .all(|s| base.fields.values().any(|b| b.origin == s.origin))
}

impl Rule for Http2DisabledByCustomTls {
    fn id(&self) -> &'static str {
        "HTTP011"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let g = &cx.analysis.net;
        for (id, t) in g.of_kind(NetKind::Transport) {
            let Some(cause) = cause(t) else { continue };
            if covered(g, id, t, &cause) {
                continue;
            }
            let tls = cause.tls();
            let proxies: Vec<_> = t
                .uses
                .iter()
                .filter(|u| matches!(u.kind, UseKind::ReverseProxy { .. }))
                .collect();
            let clients: Vec<_> = t
                .uses
                .iter()
                .filter(|u| matches!(u.kind, UseKind::Client { .. }))
                .collect();
            let proxy_scope = proxies.first().and_then(|u| match u.kind {
                UseKind::ReverseProxy { proxy } => g.get(proxy).map(|p| p.scope_display()),
                _ => None,
            });
            let effect = match (proxy_scope, tls) {
                (Some(scope), true) => format!(
                    "; it is the transport of the reverse proxy built {scope}, which then opens one HTTP/1.1 connection to the upstream per in-flight request"
                ),
                (Some(scope), false) => format!(
                    "; it is the transport of the reverse proxy built {scope}: with an HTTPS upstream it opens one HTTP/1.1 connection per in-flight request"
                ),
                (None, true) => ": every request goes over HTTP/1.1, one connection per in-flight request".to_string(),
                (None, false) => ": its HTTPS requests go over HTTP/1.1, one connection per in-flight request (plain HTTP and unix sockets are not affected)".to_string(),
            };
            let Some(primary) = cause.settings().first().copied() else {
                continue;
            };
            let (what, key, help) = match &cause {
                Cause::NextProtoMap(_) => (
                    "sets TLSNextProto to a non-nil map without an \"h2\" entry (the documented way to turn HTTP/2 off; ForceAttemptHTTP2 does not override it)".to_string(),
                    "TLSNextProto".to_string(),
                    "leave TLSNextProto nil (or call http2.ConfigureTransport(t)) unless HTTP/1.1 is intended; if it is, say so with `// seam-ignore HTTP011: <reason>`",
                ),
                Cause::Custom(fields) => {
                    let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
                    (
                        format!("sets {} without ForceAttemptHTTP2, so Go does not attempt HTTP/2 on it", names.join(" and ")),
                        names.join(","),
                        "set `ForceAttemptHTTP2: true` (or start from `http.DefaultTransport.(*http.Transport).Clone()`, or call `http2.ConfigureTransport(t)`); with Go 1.24+, `Protocols` states the protocols explicitly",
                    )
                }
            };
            let mut f = cx
                .finding(
                    self.id(),
                    &primary.origin,
                    format!(
                        "the http.Transport built {} {what}{effect}",
                        t.scope_display()
                    ),
                )
                .key(format!("transport in {}: {key}", t.scope));
            // A custom TLS setup proves HTTPS; a plain dialer only may.
            f.severity = match (proxies.is_empty(), tls) {
                (false, true) => Severity::Error,
                (true, false) => Severity::Note,
                _ => Severity::Warning,
            };
            if t.origin != primary.origin {
                f = f.related(&t.origin, "the transport is built here");
            }
            if let Cause::Custom(fields) = &cause {
                for (n, s) in fields.iter().skip(1) {
                    f = f.related(&s.origin, format!("{n} is set here too"));
                }
            }
            for p in &proxies {
                f = f.related(
                    &p.origin,
                    "the reverse proxy that sends its upstream requests through this transport",
                );
            }
            for c in clients.iter().take(3) {
                f = f.related(&c.origin, "an http.Client that uses this transport");
            }
            out.push(f.help(help));
        }
    }
}
