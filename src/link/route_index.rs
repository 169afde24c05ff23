//! The endpoints arranged so that a call is compared only with the routes
//! that can serve it, instead of with every route of the tree (which made
//! linking grow with calls × routes).

use std::collections::{HashMap, HashSet};

use super::paths;
use crate::model::{Endpoint, Seg};

pub struct RouteIndex<'e> {
    pub endpoints: &'e [Endpoint],
    weak: Vec<bool>,
    /// The routes by their leading literal segments.
    trie: Vec<TrieNode<'e>>,
    /// First literals of real routes with a known prefix.
    known_prefix_firsts: HashSet<&'e str>,
    /// First literals of real routes behind an unknown prefix.
    unknown_prefix_firsts: HashSet<&'e str>,
    /// Every literal segment of every real route.
    literals: HashSet<&'e str>,
    /// Real routes with a known prefix, by their number of known segments,
    /// with those segments (literals as word ids).
    by_len: Vec<Vec<(usize, Vec<Tok>)>>,
    /// Every distinct literal segment of those routes.
    words: Vec<&'e str>,
    /// Real routes behind an unknown prefix.
    unknown_prefixed: Vec<usize>,
}

/// A known route segment, for the closest-route distance.
#[derive(Clone, Copy)]
enum Tok {
    Word(u32),
    /// A parameter or wildcard.
    Open,
}

/// One literal prefix (`/api/users`) of the routes.
#[derive(Default)]
struct TrieNode<'e> {
    /// The prefix one literal segment longer.
    children: HashMap<&'e str, usize>,
    /// Routes whose literal prefix ends here: the next segment is a
    /// parameter, a wildcard, an unknown part, or the end.
    here: Vec<usize>,
}

/// An endpoint that matches almost anything does not prove a route exists:
/// static-file and catch-all handlers.
pub fn is_weak(e: &Endpoint) -> bool {
    let wildcard_only = e
        .path
        .segments
        .iter()
        .all(|s| matches!(s, Seg::Rest(_) | Seg::Unknown));
    (e.subtree
        && (e.path.segments.is_empty() || e.handler.is_none() && e.handler_text.contains('.')))
        || wildcard_only
}

fn literal(s: &Seg) -> Option<&str> {
    match s {
        Seg::Lit(l) => Some(l),
        _ => None,
    }
}

impl<'e> RouteIndex<'e> {
    pub fn new(endpoints: &'e [Endpoint]) -> Self {
        let mut ix = RouteIndex {
            endpoints,
            weak: endpoints.iter().map(is_weak).collect(),
            trie: vec![TrieNode::default()],
            known_prefix_firsts: HashSet::new(),
            unknown_prefix_firsts: HashSet::new(),
            literals: HashSet::new(),
            by_len: Vec::new(),
            words: Vec::new(),
            unknown_prefixed: Vec::new(),
        };
        let mut word_ids: HashMap<&'e str, u32> = HashMap::new();
        for (i, e) in endpoints.iter().enumerate() {
            let segs = &e.path.segments;
            ix.insert(segs, i);
            if ix.weak[i] {
                continue;
            }
            let unknown_prefix = matches!(segs.first(), Some(Seg::Unknown));
            if let Some(first) = segs.iter().find_map(literal) {
                if unknown_prefix {
                    ix.unknown_prefix_firsts.insert(first);
                } else {
                    ix.known_prefix_firsts.insert(first);
                }
            }
            ix.literals.extend(segs.iter().filter_map(literal));
            if unknown_prefix {
                ix.unknown_prefixed.push(i);
            } else {
                let shape: Vec<Tok> = segs
                    .iter()
                    .filter(|s| !matches!(s, Seg::Unknown))
                    .map(|s| match literal(s) {
                        Some(w) => Tok::Word(*word_ids.entry(w).or_insert_with(|| {
                            ix.words.push(w);
                            ix.words.len() as u32 - 1
                        })),
                        None => Tok::Open,
                    })
                    .collect();
                let n = shape.len();
                if ix.by_len.len() <= n {
                    ix.by_len.resize(n + 1, Vec::new());
                }
                ix.by_len[n].push((i, shape));
            }
        }
        ix
    }

    pub fn is_weak(&self, i: usize) -> bool {
        self.weak[i]
    }

    fn insert(&mut self, segs: &'e [Seg], route: usize) {
        let mut node = 0;
        for lit in segs.iter().map_while(literal) {
            node = match self.trie[node].children.get(lit) {
                Some(&next) => next,
                None => {
                    self.trie.push(TrieNode::default());
                    let next = self.trie.len() - 1;
                    self.trie[node].children.insert(lit, next);
                    next
                }
            };
        }
        self.trie[node].here.push(route);
    }

    /// Every route at or below a trie node.
    fn below(&self, node: usize, out: &mut Vec<usize>) {
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            out.extend(&self.trie[n].here);
            stack.extend(self.trie[n].children.values());
        }
    }

    /// The routes that may match a call: a route's leading literal
    /// segments pair one to one with the call's first segments, so they
    /// must equal the call's literals (a call segment that is not a
    /// literal may meet any of them).
    fn candidates(&self, segs: &[Seg]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut node = 0;
        for seg in segs {
            out.extend(&self.trie[node].here);
            let Seg::Lit(lit) = seg else {
                for &child in self.trie[node].children.values() {
                    self.below(child, &mut out);
                }
                out.sort_unstable();
                return out;
            };
            match self.trie[node].children.get(lit.as_str()) {
                Some(&next) => node = next,
                None => {
                    out.sort_unstable();
                    return out;
                }
            }
        }
        out.extend(&self.trie[node].here);
        out.sort_unstable();
        out
    }

    /// The endpoints whose path matches the call's, in index order.
    pub fn by_path(&self, segs: &[Seg]) -> Vec<usize> {
        self.candidates(segs)
            .into_iter()
            .filter(|&i| {
                let e = &self.endpoints[i];
                paths::matches(segs, &e.path.segments, e.subtree)
            })
            .collect()
    }

    /// Does some real endpoint share the call's first literal segment? A
    /// call that starts with an unknown part is checked by its literal
    /// segments.
    pub fn serves_prefix(&self, call: &[Seg]) -> bool {
        let literals: Vec<&str> = call.iter().filter_map(literal).collect();
        let Some(first) = literals.first() else {
            return false;
        };
        if matches!(call.first(), Some(Seg::Unknown)) {
            // An unknown prefix on the call: its first literal must appear
            // in the route.
            return self.literals.contains(first);
        }
        // Both prefixes known: the first literal segments must agree. An
        // unknown prefix on the route may stand for the call's leading
        // segments: the route's first literal must appear in the call.
        self.known_prefix_firsts.contains(first)
            || literals
                .iter()
                .any(|l| self.unknown_prefix_firsts.contains(l))
    }

    /// Up to three real routes closest to a call no route serves, ranked by
    /// segment edit distance ([`paths::distance`]; a wrong method costs a
    /// little more).
    pub fn closest(&self, segs: &[Seg], method: Option<&str>) -> Vec<usize> {
        let wrong_method = |i: usize| {
            usize::from(
                method.is_some_and(|m| !super::matching::method_ok(m, &self.endpoints[i].method)),
            )
        };
        let mut ranked: Vec<(usize, usize)> = self
            .unknown_prefixed
            .iter()
            .map(|&i| {
                (
                    2 * paths::distance(segs, &self.endpoints[i].path.segments) + wrong_method(i),
                    i,
                )
            })
            .collect();
        // Routes with a known prefix: the same distance, with each of the
        // call's literals compared with each distinct route word once.
        let call: Vec<Option<&str>> = segs
            .iter()
            .filter(|s| !matches!(s, Seg::Unknown))
            .map(literal)
            .collect();
        let memo = std::cell::RefCell::new(vec![u8::MAX; call.len() * self.words.len()]);
        let cost = |c: &(usize, Option<&str>), t: &Tok| match (c.1, *t) {
            (Some(lit), Tok::Word(w)) => {
                let at = c.0 * self.words.len() + w as usize;
                let known = memo.borrow()[at];
                if known != u8::MAX {
                    return known as usize;
                }
                let v = paths::word_cost(lit, self.words[w as usize]);
                memo.borrow_mut()[at] = v as u8;
                v
            }
            (Some(_), Tok::Open) | (None, Tok::Word(_)) => 1,
            (None, Tok::Open) => 0,
        };
        let call: Vec<(usize, Option<&str>)> = call.into_iter().enumerate().collect();
        // A route with `k` more or fewer known segments is at least
        // `k` insertions or deletions away: going outwards from the call's
        // length, stop once no route further out can come within the cut
        // below.
        let n = call.len();
        let mut best = ranked.iter().map(|r| r.0).min();
        for d in 0.. {
            let floor = 2 * paths::INDEL_COST * d;
            if best.is_some_and(|b| floor > b + CLOSE_ENOUGH)
                || (d > n && n + d >= self.by_len.len())
            {
                break;
            }
            let lens = [n.checked_sub(d), (d > 0).then_some(n + d)];
            for len in lens.into_iter().flatten() {
                for (i, shape) in self.by_len.get(len).map(Vec::as_slice).unwrap_or(&[]) {
                    let i = *i;
                    let r = 2 * paths::edit_distance(&call, shape, cost) + wrong_method(i);
                    best = Some(best.map_or(r, |b| b.min(r)));
                    ranked.push((r, i));
                }
            }
        }
        closest_of(ranked)
    }
}

/// How much further than the closest a route may be and still be named.
const CLOSE_ENOUGH: usize = 4;

/// The (up to three) routes named as closest, from (rank, route) pairs that
/// include every route within [`CLOSE_ENOUGH`] of the best.
fn closest_of(mut ranked: Vec<(usize, usize)>) -> Vec<usize> {
    ranked.sort();
    let best = ranked.first().map(|r| r.0).unwrap_or(0);
    ranked
        .iter()
        .take_while(|r| r.0 <= best + CLOSE_ENOUGH)
        .take(3)
        .map(|r| r.1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Framework, Origin, RoutePath};

    fn seg(k: usize) -> Seg {
        match k {
            0 => Seg::Lit("api".into()),
            1 => Seg::Lit("users".into()),
            2 => Seg::Lit("Users".into()),
            3 => Seg::Lit("user".into()),
            4 => Seg::Param("id".into()),
            5 => Seg::Rest("rest".into()),
            _ => Seg::Unknown,
        }
    }

    /// Every path of up to `len` segments over the alphabet above.
    fn paths_upto(len: usize) -> Vec<Vec<Seg>> {
        let mut out = vec![Vec::new()];
        let mut layer = vec![Vec::new()];
        for _ in 0..len {
            let mut next = Vec::new();
            for p in &layer {
                for k in 0..7 {
                    let mut q: Vec<Seg> = p.clone();
                    q.push(seg(k));
                    next.push(q);
                }
            }
            out.extend(next.iter().cloned());
            layer = next;
        }
        out
    }

    fn endpoint(segments: Vec<Seg>, subtree: bool, method: &str) -> Endpoint {
        Endpoint {
            method: method.into(),
            path: RoutePath {
                segments,
                trailing_slash: false,
            },
            subtree,
            host: None,
            framework: Framework::NetHttp,
            pattern: String::new(),
            handler_text: "h".into(),
            handler: None,
            middleware: Vec::new(),
            module_dir: None,
            origin: Origin::default(),
        }
    }

    /// The definitions the index replaces: every route, one by one.
    fn serves_prefix_by_scan(call: &[Seg], endpoints: &[Endpoint]) -> bool {
        let literals: Vec<&str> = call.iter().filter_map(literal).collect();
        let Some(first) = literals.first() else {
            return false;
        };
        let call_unknown = matches!(call.first(), Some(Seg::Unknown));
        endpoints.iter().filter(|e| !is_weak(e)).any(|e| {
            let route_unknown = matches!(e.path.segments.first(), Some(Seg::Unknown));
            let route_first = e.path.segments.iter().find_map(literal);
            match (call_unknown, route_unknown) {
                (false, false) => route_first == Some(*first),
                (false, true) => route_first.is_some_and(|r| literals.contains(&r)),
                (true, _) => e.path.segments.iter().any(|s| literal(s) == Some(first)),
            }
        })
    }

    fn closest_by_scan(segs: &[Seg], method: &str, endpoints: &[Endpoint]) -> Vec<usize> {
        let ranked: Vec<(usize, usize)> = (0..endpoints.len())
            .filter(|&i| !is_weak(&endpoints[i]))
            .map(|i| {
                let wrong = !super::super::matching::method_ok(method, &endpoints[i].method);
                (
                    2 * paths::distance(segs, &endpoints[i].path.segments) + usize::from(wrong),
                    i,
                )
            })
            .collect();
        closest_of(ranked)
    }

    #[test]
    fn the_index_answers_as_a_scan_of_every_route_would() {
        let all = paths_upto(3);
        // A varied route table: every fourth path, alternately a subtree
        // and with another method.
        let endpoints: Vec<Endpoint> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 4 == 1)
            .map(|(i, p)| {
                endpoint(
                    p.clone(),
                    i % 3 == 0,
                    if i % 2 == 0 { "GET" } else { "POST" },
                )
            })
            .collect();
        let ix = RouteIndex::new(&endpoints);
        let mut linked = 0;
        for call in &all {
            let by_scan: Vec<usize> = (0..endpoints.len())
                .filter(|&i| {
                    paths::matches(call, &endpoints[i].path.segments, endpoints[i].subtree)
                })
                .collect();
            assert_eq!(ix.by_path(call), by_scan, "call {call:?}");
            linked += usize::from(by_scan.iter().any(|&i| !is_weak(&endpoints[i])));
            assert_eq!(
                ix.serves_prefix(call),
                serves_prefix_by_scan(call, &endpoints),
                "call {call:?}"
            );
            assert_eq!(
                ix.closest(call, Some("GET")),
                closest_by_scan(call, "GET", &endpoints),
                "call {call:?}"
            );
        }
        // Some calls meet a real route and some do not: both were tried.
        assert!(
            linked > 0 && linked < all.len(),
            "{linked} of {}",
            all.len()
        );
    }
}
