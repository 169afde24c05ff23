//! Link: joins the per-file facts of the whole tree. Go route operations
//! become endpoints, frontend calls are resolved through clients and
//! wrappers, and each call is matched to the endpoints that serve it.

mod client;
pub mod cors;
mod go_index;
mod go_routes;
mod handlers;
pub mod http2;
mod matching;
pub mod paths;
mod route_index;
mod rust_handlers;
pub mod rust_index;
mod rust_routes;
mod ts_calls;
mod ts_headers;
mod ts_index;
pub mod versions;
pub mod wire;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

pub use go_index::{GoIndex, GoModule};
pub use matching::LinkStatus;
pub use ts_index::TsIndex;

use crate::config::Config;
use crate::model::{Endpoint, FileFacts, FuncKey, HandlerBody, HttpCall, UnresolvedCall};

/// Counts `seam check --stats` prints.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LinkStats {
    pub files: usize,
    pub endpoints: usize,
    pub endpoints_with_unknown_prefix: usize,
    pub calls: usize,
    pub linked: usize,
    pub method_mismatch: usize,
    pub no_route: usize,
    pub external: usize,
    pub no_backend: usize,
    pub unresolved: usize,
    /// Unresolved calls by reason.
    pub unresolved_reasons: BTreeMap<String, usize>,
    /// Routers passed to functions seam could not find.
    pub unresolved_router_passes: usize,
    /// Linked calls whose request body has a type on both ends.
    pub typed_requests: usize,
    /// Linked calls whose response has a type on both ends.
    pub typed_responses: usize,
}

/// Everything rules read: the facts of every file and what link made of them.
pub struct Analysis {
    pub files: Vec<FileFacts>,
    pub endpoints: Vec<Endpoint>,
    /// What each endpoint's handler and middleware do, helpers included.
    pub handlers: BTreeMap<FuncKey, HandlerBody>,
    pub calls: Vec<HttpCall>,
    /// Per call (same index): where it lands.
    pub links: Vec<LinkStatus>,
    /// JSON bodies with a type on both ends.
    pub wire: Vec<wire::WirePair>,
    pub unresolved: Vec<UnresolvedCall>,
    /// Files the walk left out, with the reason.
    pub skipped: Vec<crate::walk::Skipped>,
    /// Transports, servers and TLS configs of the Go code (HTTP011–HTTP013).
    pub net: http2::NetGraph,
    pub stats: LinkStats,
    /// Versions joined across manifests, lockfiles and git.
    pub versions: versions::Versions,
}

impl Analysis {
    pub fn file(&self, path: &str) -> Option<&FileFacts> {
        self.files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.files[i])
    }
}

pub fn link(mut files: Vec<FileFacts>, config: &Config) -> Analysis {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let go = GoIndex::build(&files);
    let ts = TsIndex::build(&files);
    let rust = rust_index::RustIndex::build(&files);
    let (mut endpoints, route_stats) = go_routes::Resolver::new(&go).run();
    let rust_endpoints = rust_routes::endpoints(&rust);
    let rust_unknown = rust_endpoints
        .iter()
        .filter(|e| e.path.has_unknown())
        .count();
    endpoints.extend(rust_endpoints);
    let mut handlers = handlers::effective(&go, &endpoints);
    handlers.extend(rust_handlers::bodies(&rust, &endpoints));
    let mut calls = Vec::new();
    let mut unresolved = Vec::new();
    let resolver = ts_calls::CallResolver::new(&ts, config);
    for f in &files {
        let Some(m) = &f.script else { continue };
        for call in &m.calls {
            match resolver.resolve(&f.path, call) {
                ts_calls::Outcome::Http(c) => calls.push(*c),
                ts_calls::Outcome::Unresolved(u) => unresolved.push(u),
                ts_calls::Outcome::NotHttp => {}
            }
        }
    }
    let net = http2::NetGraph::build_with(&files, &go);
    let routes = route_index::RouteIndex::new(&endpoints);
    let links: Vec<LinkStatus> = calls
        .par_iter()
        .map(|c| matching::link(c, &routes))
        .collect();
    drop(routes);
    let wire = wire::bind(&go, &rust, &ts, &endpoints, &handlers, &calls, &links);
    drop(resolver);
    drop(rust);
    drop(go);
    drop(ts);
    let mut stats = LinkStats {
        files: files.len(),
        endpoints: endpoints.len(),
        endpoints_with_unknown_prefix: route_stats.unknown_prefix + rust_unknown,
        calls: calls.len() + unresolved.len(),
        unresolved: unresolved.len(),
        unresolved_router_passes: route_stats.unresolved_passes,
        ..Default::default()
    };
    for l in &links {
        match l {
            LinkStatus::Linked { .. } => stats.linked += 1,
            LinkStatus::MethodMismatch { .. } => stats.method_mismatch += 1,
            LinkStatus::NoRoute { .. } => stats.no_route += 1,
            LinkStatus::External => stats.external += 1,
            LinkStatus::NoBackend => stats.no_backend += 1,
        }
    }
    let mut typed: std::collections::BTreeSet<(usize, wire::Direction)> = Default::default();
    for p in &wire {
        typed.insert((p.call, p.direction));
    }
    stats.typed_requests = typed
        .iter()
        .filter(|(_, d)| *d == wire::Direction::Request)
        .count();
    stats.typed_responses = typed
        .iter()
        .filter(|(_, d)| *d == wire::Direction::Response)
        .count();
    for u in &unresolved {
        *stats
            .unresolved_reasons
            .entry(u.reason.clone())
            .or_default() += 1;
    }
    let versions = versions::build(&files);
    Analysis {
        versions,
        files,
        endpoints,
        handlers,
        calls,
        links,
        wire,
        unresolved,
        skipped: Vec::new(),
        net,
        stats,
    }
}
