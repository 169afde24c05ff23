//! Matches each resolved call to the endpoints that can serve it.

use serde::Serialize;

use super::paths;
use crate::model::{Endpoint, HttpCall, Seg};

/// Where a call lands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum LinkStatus {
    /// Served by these endpoints (indices into the analysis' endpoints).
    Linked { endpoints: Vec<usize> },
    /// The path is served, but not for the call's method.
    MethodMismatch { endpoints: Vec<usize> },
    /// No route matches although the backend serves the call's prefix.
    NoRoute { closest: Vec<usize> },
    /// An absolute URL to another host.
    External,
    /// No backend in the tree serves this prefix (a third-party API, a
    /// static asset, a backend that is not in the tree).
    NoBackend,
}

/// An endpoint that matches almost anything does not prove a route exists:
/// static-file and catch-all handlers.
fn is_weak(e: &Endpoint) -> bool {
    let wildcard_only = e
        .path
        .segments
        .iter()
        .all(|s| matches!(s, Seg::Rest(_) | Seg::Unknown));
    (e.subtree
        && (e.path.segments.is_empty() || e.handler.is_none() && e.handler_text.contains('.')))
        || wildcard_only
}

fn method_ok(call: &str, endpoint: &str) -> bool {
    endpoint == "ANY" || call == endpoint || (call == "HEAD" && endpoint == "GET")
}

pub fn link(call: &HttpCall, endpoints: &[Endpoint]) -> LinkStatus {
    if call.origin_host.is_some() {
        return LinkStatus::External;
    }
    let segs = &call.path.segments;
    let by_path: Vec<usize> = (0..endpoints.len())
        .filter(|&i| paths::matches(segs, &endpoints[i].path.segments, endpoints[i].subtree))
        .collect();
    let strong: Vec<usize> = by_path
        .iter()
        .copied()
        .filter(|&i| !is_weak(&endpoints[i]))
        .collect();
    let serves_prefix = serves_prefix(segs, endpoints);
    // Weak matches count only where no real route shares the call's prefix.
    let candidates = if !strong.is_empty() || serves_prefix {
        strong
    } else {
        by_path
    };
    // Among the routes that serve the method, the most specific wins, as in
    // the routers (`/orders/export` before `/orders/:id`).
    let candidates = most_specific(segs, endpoints, candidates, call.method.as_deref());
    if candidates.is_empty() {
        if serves_prefix {
            let mut ranked: Vec<(usize, usize)> = (0..endpoints.len())
                .filter(|&i| !is_weak(&endpoints[i]))
                .map(|i| {
                    let wrong_method = call
                        .method
                        .as_deref()
                        .is_some_and(|m| !method_ok(m, &endpoints[i].method));
                    (
                        2 * paths::distance(segs, &endpoints[i].path.segments)
                            + usize::from(wrong_method),
                        i,
                    )
                })
                .collect();
            ranked.sort();
            let best = ranked.first().map(|r| r.0).unwrap_or(0);
            let closest = ranked
                .iter()
                .take_while(|r| r.0 <= best + 4)
                .take(3)
                .map(|r| r.1)
                .collect();
            return LinkStatus::NoRoute { closest };
        }
        return LinkStatus::NoBackend;
    }
    let Some(method) = &call.method else {
        return LinkStatus::Linked {
            endpoints: candidates,
        };
    };
    let ok: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| method_ok(method, &endpoints[i].method))
        .collect();
    if ok.is_empty() {
        // `POST /ssl/apply` against only `GET /ssl/:id`: the literal lands in a
        // parameter; the route the call means is missing, not its method.
        let exact = 2 * segs.len() as u32;
        let any_exact = candidates.iter().any(|&i| {
            paths::score(segs, &endpoints[i].path.segments, endpoints[i].subtree) == Some(exact)
        });
        if !any_exact
            && !segs
                .iter()
                .any(|s| matches!(s, Seg::Unknown | Seg::Param(_)))
        {
            return LinkStatus::NoRoute {
                closest: candidates,
            };
        }
        LinkStatus::MethodMismatch {
            endpoints: candidates,
        }
    } else {
        LinkStatus::Linked { endpoints: ok }
    }
}

fn most_specific(
    segs: &[Seg],
    endpoints: &[Endpoint],
    candidates: Vec<usize>,
    method: Option<&str>,
) -> Vec<usize> {
    let score = |i: usize| {
        paths::score(segs, &endpoints[i].path.segments, endpoints[i].subtree).unwrap_or(0)
    };
    let serving: Vec<usize> = match method {
        Some(m) => candidates
            .iter()
            .copied()
            .filter(|&i| method_ok(m, &endpoints[i].method))
            .collect(),
        None => candidates.clone(),
    };
    // Without a route for the method, keep every path match (HTTP002 lists them).
    if serving.is_empty() {
        return candidates;
    }
    let best = serving.iter().map(|&i| score(i)).max().unwrap_or(0);
    serving.into_iter().filter(|&i| score(i) == best).collect()
}

/// Does some real endpoint share the call's first literal segment? A call
/// that starts with an unknown part is checked by its literal segments.
fn serves_prefix(call: &[Seg], endpoints: &[Endpoint]) -> bool {
    let literals: Vec<&str> = call
        .iter()
        .filter_map(|s| match s {
            Seg::Lit(l) => Some(l.as_str()),
            _ => None,
        })
        .collect();
    let Some(first) = literals.first() else {
        return false;
    };
    let call_unknown = matches!(call.first(), Some(Seg::Unknown));
    endpoints.iter().filter(|e| !is_weak(e)).any(|e| {
        let route_unknown = matches!(e.path.segments.first(), Some(Seg::Unknown));
        let route_first = e.path.segments.iter().find_map(|s| match s {
            Seg::Lit(l) => Some(l.as_str()),
            _ => None,
        });
        match (call_unknown, route_unknown) {
            // Both prefixes known: the first literal segments must agree.
            (false, false) => route_first == Some(*first),
            // An unknown prefix on the route may stand for the call's leading
            // segments: the route's first literal must appear in the call.
            (false, true) => route_first.is_some_and(|r| literals.contains(&r)),
            // An unknown prefix on the call: its first literal must appear in the route.
            (true, _) => e
                .path
                .segments
                .iter()
                .any(|s| matches!(s, Seg::Lit(l) if l == first)),
        }
    })
}
