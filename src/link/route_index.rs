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
    /// Real routes with a known prefix, by their number of known segments.
    by_len: Vec<Vec<usize>>,
    /// Real routes behind an unknown prefix.
    unknown_prefixed: Vec<usize>,
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

fn known_len(segs: &[Seg]) -> usize {
    segs.iter().filter(|s| !matches!(s, Seg::Unknown)).count()
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
            unknown_prefixed: Vec::new(),
        };
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
                let n = known_len(segs);
                if ix.by_len.len() <= n {
                    ix.by_len.resize(n + 1, Vec::new());
                }
                ix.by_len[n].push(i);
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
    /// segment edit distance (a wrong method costs a little more).
    pub fn closest(&self, segs: &[Seg], method: Option<&str>) -> Vec<usize> {
        let rank = |i: usize| {
            let e = &self.endpoints[i];
            let wrong_method = method.is_some_and(|m| !super::matching::method_ok(m, &e.method));
            (
                2 * paths::distance(segs, &e.path.segments) + usize::from(wrong_method),
                i,
            )
        };
        let mut ranked: Vec<(usize, usize)> =
            self.unknown_prefixed.iter().map(|&i| rank(i)).collect();
        // A route with `k` more or fewer known segments is at least `4 k`
        // edits away (an insertion or deletion costs 4): going outwards
        // from the call's length, stop once no route further out can come
        // within the cut below.
        let n = known_len(segs);
        let mut best = ranked.iter().map(|r| r.0).min();
        for d in 0.. {
            if best.is_some_and(|b| 2 * 4 * d > b + 4) || (d > n && n + d >= self.by_len.len()) {
                break;
            }
            let lens = [n.checked_sub(d), (d > 0).then_some(n + d)];
            for len in lens.into_iter().flatten() {
                for &i in self.by_len.get(len).map(Vec::as_slice).unwrap_or(&[]) {
                    let r = rank(i);
                    best = Some(best.map_or(r.0, |b| b.min(r.0)));
                    ranked.push(r);
                }
            }
        }
        ranked.sort();
        let best = ranked.first().map(|r| r.0).unwrap_or(0);
        ranked
            .iter()
            .take_while(|r| r.0 <= best + 4)
            .take(3)
            .map(|r| r.1)
            .collect()
    }
}
