//! Matches each resolved call to the endpoints that can serve it.

use serde::Serialize;

use super::paths;
use super::route_index::RouteIndex;
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

pub(super) fn method_ok(call: &str, endpoint: &str) -> bool {
    endpoint == "ANY" || call == endpoint || (call == "HEAD" && endpoint == "GET")
}

pub fn link(call: &HttpCall, index: &RouteIndex) -> LinkStatus {
    if call.origin_host.is_some() {
        return LinkStatus::External;
    }
    let endpoints = index.endpoints;
    let segs = &call.path.segments;
    let by_path = index.by_path(segs);
    let strong: Vec<usize> = by_path
        .iter()
        .copied()
        .filter(|&i| !index.is_weak(i))
        .collect();
    let serves_prefix = index.serves_prefix(segs);
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
            return LinkStatus::NoRoute {
                closest: index.closest(segs, call.method.as_deref()),
            };
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
