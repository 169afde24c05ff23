//! axum routers → endpoints: the routers each crate serves are expanded
//! through `.nest` prefixes, `.merge`, and routers returned by other
//! functions of the crate (across modules, and from a binary into its
//! package's library), with each handler resolved to its `async fn`.
//!
//! The routers served are those built and used inside a function, and
//! those returned by a function no other router takes in
//! (`pub fn app() -> Router` called from a test or another crate).

use std::collections::HashSet;

use super::paths::{self, UNKNOWN};
use super::rust_index::{FnLoc, RustIndex};
use crate::model::{Endpoint, FuncKey, RustRouteOp, RustRouter};

const MAX_DEPTH: u32 = 16;

pub fn endpoints(ix: &RustIndex) -> Vec<Endpoint> {
    let mut out = Vec::new();
    for (k, c) in ix.crates.iter().enumerate() {
        // Functions whose router another router takes in.
        let mut taken: HashSet<FuncKey> = HashSet::new();
        for f in &c.fns {
            let routers = f.f.routers.iter().chain(&f.f.returns_router);
            for r in routers {
                calls(r, &mut |callee| {
                    if let Some((_, g)) = ix.resolve_fn(k, &f.module, callee) {
                        taken.insert(g.key());
                    }
                });
            }
        }
        for f in &c.fns {
            let mut x = Expand {
                ix,
                out: &mut out,
                stack: Vec::new(),
            };
            for r in &f.f.routers {
                x.router(k, f, r, "", 0);
            }
            if let Some(r) = &f.f.returns_router {
                if !taken.contains(&f.key()) {
                    x.router(k, f, r, "", 0);
                }
            }
        }
    }
    out.sort_by(|a, b| {
        (&a.origin.path, a.origin.start, &a.method, &a.path).cmp(&(
            &b.origin.path,
            b.origin.start,
            &b.method,
            &b.path,
        ))
    });
    out.dedup_by(|a, b| a.origin == b.origin && a.method == b.method && a.path == b.path);
    out
}

/// Every `Call` op of a router, nested ones included.
fn calls(r: &RustRouter, f: &mut dyn FnMut(&[String])) {
    for op in &r.ops {
        match op {
            RustRouteOp::Call { callee, .. } => f(callee),
            RustRouteOp::Nest { router, .. } | RustRouteOp::Merge { router } => calls(router, f),
            _ => {}
        }
    }
}

struct Expand<'x, 'i, 'a> {
    ix: &'i RustIndex<'a>,
    out: &'x mut Vec<Endpoint>,
    /// Functions whose routers are being expanded (cycles).
    stack: Vec<FuncKey>,
}

impl Expand<'_, '_, '_> {
    /// Adds the endpoints of `r`, built in function `f` of crate `k`,
    /// served under `prefix`.
    fn router(&mut self, k: usize, f: &FnLoc, r: &RustRouter, prefix: &str, depth: u32) {
        if depth > MAX_DEPTH {
            return;
        }
        // A router built on the result of a call seam cannot follow (another
        // crate's function) is not known to be an axum router.
        if let Some(RustRouteOp::Call { callee, .. }) = r.ops.first() {
            let found = self.ix.resolve_fn(k, &f.module, callee);
            if found.is_none_or(|(_, g)| g.f.returns_router.is_none()) {
                return;
            }
        }
        let dir = self.ix.crates[k].dir.clone();
        for op in &r.ops {
            match op {
                RustRouteOp::Route {
                    path,
                    handlers,
                    origin,
                } => {
                    let pattern = path.clone().unwrap_or_else(|| UNKNOWN.to_string());
                    let full = full_path(prefix, &pattern);
                    for h in handlers {
                        let handler = h
                            .path
                            .as_ref()
                            .and_then(|p| self.ix.resolve_fn(k, &f.module, p))
                            .map(|(_, g)| g.key());
                        self.push(
                            &full, &h.method, false, &pattern, &h.text, handler, &dir, origin,
                        );
                    }
                }
                RustRouteOp::Service {
                    path,
                    subtree,
                    text,
                    origin,
                } => {
                    let pattern = path.clone().unwrap_or_else(|| UNKNOWN.to_string());
                    let full = full_path(prefix, &pattern);
                    self.push(&full, "ANY", *subtree, &pattern, text, None, &dir, origin);
                }
                RustRouteOp::Nest {
                    prefix: p, router, ..
                } => {
                    let p = p.clone().unwrap_or_else(|| UNKNOWN.to_string());
                    let sub = paths::join(&[prefix, &p]);
                    self.router(k, f, router, &sub, depth + 1);
                }
                RustRouteOp::Merge { router } => self.router(k, f, router, prefix, depth + 1),
                RustRouteOp::Call { callee, .. } => {
                    let Some((gk, g)) = self.ix.resolve_fn(k, &f.module, callee) else {
                        continue;
                    };
                    let key = g.key();
                    let Some(sub) = &g.f.returns_router else {
                        continue;
                    };
                    if self.stack.contains(&key) {
                        continue;
                    }
                    self.stack.push(key);
                    self.router(gk, g, sub, prefix, depth + 1);
                    self.stack.pop();
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        full: &str,
        method: &str,
        subtree: bool,
        pattern: &str,
        text: &str,
        handler: Option<FuncKey>,
        dir: &str,
        origin: &crate::model::Origin,
    ) {
        let (path, _) = paths::parse(full);
        self.out.push(Endpoint {
            method: method.to_ascii_uppercase(),
            path,
            subtree,
            host: None,
            framework: crate::model::Framework::Axum,
            pattern: pattern.to_string(),
            handler_text: text.to_string(),
            handler,
            middleware: Vec::new(),
            module_dir: Some(dir.to_string()),
            origin: origin.clone(),
        });
    }
}

fn full_path(prefix: &str, path: &str) -> String {
    let full = paths::join(&[prefix, path]);
    if full.is_empty() {
        "/".to_string()
    } else {
        full
    }
}

#[cfg(test)]
#[path = "rust_routes_tests.rs"]
mod tests;
