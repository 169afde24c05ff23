//! HTTP012 alpn-without-h2: a TLS server that never offers HTTP/2.
//!
//! From Go's `net/http/server.go` and `crypto/tls`:
//! - a non-nil `Server.TLSNextProto` without `"h2"` turns HTTP/2 off (unless
//!   `http2.ConfigureServer` adds it back, or `Protocols` decides);
//! - `ServeTLS` / `ListenAndServeTLS` append `"h2"` to `TLSConfig.NextProtos`
//!   *after* the listed entries, and TLS picks the server's first protocol
//!   the client offers: a list with `"http/1.1"` and no `"h2"` negotiates
//!   HTTP/1.1 with every client (`http2.ConfigureServer` appends the same way);
//! - a listener built with `tls.Listen` / `tls.NewListener` and handed to
//!   `Serve` offers exactly its config's `NextProtos`: without `"h2"` (or
//!   unset) no client gets HTTP/2.

use super::{Context, Rule};
use crate::findings::Finding;
use crate::link::http2::{Base, NetGraph, NetNode, NodeId, Resolved, StringList, UseKind};
use crate::model::{NetKind, Origin};

pub struct AlpnWithoutH2;

/// Is the server's protocol set its own (`Protocols`) or re-enabled?
fn decided(s: &NetNode) -> bool {
    s.field("Protocols")
        .is_some_and(|p| p.value != Resolved::Nil)
}

fn configured(s: &NetNode) -> bool {
    s.has_use(|u| *u == UseKind::ConfigureServer).is_some()
}

/// Served without TLS only (every serve seam saw is `ListenAndServe`).
fn plain_only(s: &NetNode) -> bool {
    let serves: Vec<_> = s
        .uses
        .iter()
        .filter(|u| {
            matches!(
                u.kind,
                UseKind::ServeTls | UseKind::ServePlain | UseKind::ServeListener { .. }
            )
        })
        .collect();
    !serves.is_empty() && serves.iter().all(|u| u.kind == UseKind::ServePlain)
}

fn serve_sites(s: &NetNode) -> Vec<&Origin> {
    s.uses
        .iter()
        .filter(|u| matches!(u.kind, UseKind::ServeTls | UseKind::ServeListener { .. }))
        .map(|u| &u.origin)
        .collect()
}

/// The ALPN list of a config: `Some(list)` when set, `None` when unset on a
/// config seam knows whole; `Err(())` when it cannot tell.
fn next_protos(c: &NetNode) -> Result<Option<&StringList>, ()> {
    match c.field("NextProtos").map(|s| &s.value) {
        Some(Resolved::Strings(l)) => Ok(Some(l)),
        Some(Resolved::Nil) | None if c.base == Base::Fresh => Ok(None),
        _ => Err(()),
    }
}

/// Where a config reaches clients through net/http.
struct Owners<'g> {
    /// Servers with this `TLSConfig` (not decided by `Protocols`).
    servers: Vec<&'g NetNode>,
    /// Listeners with this config served by net/http, with the serve site
    /// and whether that server's `http2.ConfigureServer` adds "h2" to this
    /// very config (it does only when the config is also its `TLSConfig`).
    listeners: Vec<(&'g Origin, bool)>,
}

fn owners<'g>(g: &'g NetGraph, id: NodeId, c: &'g NetNode) -> Owners<'g> {
    let mut o = Owners {
        servers: Vec::new(),
        listeners: Vec::new(),
    };
    for u in &c.uses {
        let UseKind::TlsConfigOf { owner } = u.kind else {
            continue;
        };
        let Some(n) = g.get(owner) else { continue };
        match n.kind {
            Some(NetKind::Server) if !decided(n) && !plain_only(n) => o.servers.push(n),
            Some(NetKind::TlsListener) => {
                for s in &n.uses {
                    let UseKind::ServedBy { server } = s.kind else {
                        continue;
                    };
                    let Some(srv) = g.get(server) else { continue };
                    if decided(srv) {
                        continue;
                    }
                    let own = matches!(
                        srv.field("TLSConfig").map(|t| &t.value),
                        Some(Resolved::Nodes(ids)) if ids.contains(&id)
                    );
                    o.listeners.push((&s.origin, own && configured(srv)));
                }
            }
            _ => {}
        }
    }
    o
}

impl Rule for AlpnWithoutH2 {
    fn id(&self) -> &'static str {
        "HTTP012"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let g = &cx.analysis.net;
        for (_, s) in g.of_kind(NetKind::Server) {
            if decided(s) || configured(s) || plain_only(s) {
                continue;
            }
            let Some(tnp) = s.field("TLSNextProto") else {
                continue;
            };
            let Resolved::Map(keys) = &tnp.value else {
                continue;
            };
            if keys.iter().any(|k| k.as_deref().is_none_or(|k| k == "h2")) {
                continue;
            }
            let mut f = cx
                .finding(
                    self.id(),
                    &tnp.origin,
                    format!(
                        "the http.Server built {} sets TLSNextProto to a non-nil map without an \"h2\" entry, so net/http never offers HTTP/2 on it: clients negotiate HTTP/1.1 only",
                        s.scope_display()
                    ),
                )
                .key(format!("server in {}: TLSNextProto", s.scope));
            for site in serve_sites(s) {
                f = f.related(site, "the server is served over TLS here");
            }
            out.push(f.help("leave TLSNextProto nil (or call http2.ConfigureServer) unless HTTP/1.1 is intended; if it is, say so with `// seam-ignore HTTP012: <reason>`"));
        }
        for (id, c) in g.of_kind(NetKind::TlsConfig) {
            let Ok(list) = next_protos(c) else { continue };
            if list.is_some_and(|l| l.contains("h2")) {
                continue;
            }
            let o = owners(g, id, c);
            let h1_first = list.is_some_and(|l| l.known() && l.contains("http/1.1"));
            // `ConfigureServer` appends "h2" after "http/1.1": no help then.
            let listeners: Vec<&Origin> = o
                .listeners
                .iter()
                .filter(|(_, conf)| h1_first || !*conf)
                .map(|(at, _)| *at)
                .collect();
            let shown = list.map(StringList::display);
            let mut sites: Vec<(&Origin, &str)> = Vec::new();
            let what = if h1_first && !o.servers.is_empty() {
                for s in &o.servers {
                    sites.push((&s.origin, "the http.Server with this TLSConfig"));
                    for site in serve_sites(s) {
                        sites.push((
                            site,
                            "served here; net/http appends \"h2\" after the listed protocols",
                        ));
                    }
                }
                format!(
                    "sets NextProtos {} with \"http/1.1\" but without \"h2\": net/http appends \"h2\" after the listed protocols and TLS picks the server's first protocol the client offers, so clients negotiate HTTP/1.1 only",
                    shown.clone().unwrap_or_default()
                )
            } else if !listeners.is_empty() && list.is_none_or(StringList::known) {
                let listed = match &shown {
                    Some(l) => format!("sets NextProtos {l} without \"h2\""),
                    None => "does not set NextProtos, so it offers no ALPN protocol,".to_string(),
                };
                format!(
                    "{listed} and its TLS listener is handed to net/http's Serve, which offers exactly that list (it adds \"h2\" only to listeners it builds itself): clients negotiate HTTP/1.1 only"
                )
            } else {
                continue;
            };
            for at in listeners {
                sites.push((at, "a TLS listener with this config is served here"));
            }
            let at = c
                .field("NextProtos")
                .map(|s| &s.origin)
                .unwrap_or(&c.origin);
            let mut f = cx
                .finding(
                    self.id(),
                    at,
                    format!("the tls.Config built {} {what}", c.scope_display()),
                )
                .key(format!("tls.Config in {}: NextProtos", c.scope));
            if at != &c.origin {
                f = f.related(&c.origin, "the tls.Config is built here");
            }
            for (o, m) in sites {
                f = f.related(o, m);
            }
            out.push(f.help("put \"h2\" first: `NextProtos: []string{\"h2\", \"http/1.1\"}` (or leave NextProtos unset and serve with ListenAndServeTLS / ServeTLS)"));
        }
    }
}
