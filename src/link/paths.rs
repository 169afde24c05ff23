//! Route and call paths as segments, and matching between them.
//!
//! One parser reads every router syntax seam knows: `:id` and `*rest`
//! (gin, echo, axum 0.7), `{id}` and `{id:[0-9]+}` (chi, gorilla), `{id}`,
//! `{path...}` and `{$}` (net/http 1.22), `{id}` and `{*rest}` (axum 0.8);
//! `{?}` marks a part seam could not determine.

use crate::model::{RoutePath, Seg};

/// The marker seam puts where a path part is not known.
pub const UNKNOWN: &str = "{?}";

/// Parses a path (without method or host) into segments. Query strings
/// and fragments are dropped. Returns the path and whether it ended with `{$}`.
pub fn parse(path: &str) -> (RoutePath, bool) {
    // `{?}` is ours; any other `?` starts a query string.
    let masked = path.replace(UNKNOWN, "\u{1}");
    let path = masked
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .replace('\u{1}', UNKNOWN);
    let path = path.as_str();
    let mut segments = Vec::new();
    let mut exact = false;
    let trailing_slash = path.len() > 1 && path.ends_with('/');
    for raw in path.split('/') {
        if raw.is_empty() {
            continue;
        }
        if raw == "{$}" {
            exact = true;
            continue;
        }
        segments.push(segment(raw));
    }
    // `{?}` glued to text (`{?}users`) still stands for an unknown part.
    (
        RoutePath {
            segments,
            trailing_slash,
        },
        exact,
    )
}

fn segment(raw: &str) -> Seg {
    if raw == UNKNOWN || raw.contains(UNKNOWN) {
        return Seg::Unknown;
    }
    if let Some(name) = raw.strip_prefix(':') {
        return Seg::Param(name.to_string());
    }
    if let Some(name) = raw.strip_prefix('*') {
        return Seg::Rest(if name.is_empty() {
            "*".into()
        } else {
            name.to_string()
        });
    }
    if raw.starts_with('{') && raw.ends_with('}') {
        let inner = &raw[1..raw.len() - 1];
        if let Some(name) = inner.strip_suffix("...") {
            return Seg::Rest(name.to_string());
        }
        // axum 0.8: `{*rest}`.
        if let Some(name) = inner.strip_prefix('*') {
            return Seg::Rest(name.to_string());
        }
        let name = inner.split(':').next().unwrap_or(inner);
        return Seg::Param(name.to_string());
    }
    if raw.contains('{') {
        // `file-{id}.json`, a part with a parameter inside.
        return Seg::Param(raw.to_string());
    }
    Seg::Lit(raw.to_string())
}

/// Joins path strings the way routers join a group prefix and a route:
/// exactly one `/` between parts.
pub fn join(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        if p.is_empty() {
            continue;
        }
        if out.ends_with('/') && p.starts_with('/') {
            out.push_str(&p[1..]);
        } else if !out.is_empty() && !out.ends_with('/') && !p.starts_with('/') {
            out.push('/');
            out.push_str(p);
        } else {
            out.push_str(p);
        }
    }
    out
}

/// Can a request to `call` reach the route `route`? `subtree` routes also
/// match every path below them. Unknown segments on either side match
/// zero or more segments; trailing slashes are ignored (routers redirect).
pub fn matches(call: &[Seg], route: &[Seg], subtree: bool) -> bool {
    score(call, route, subtree).is_some()
}

/// How well a route matches a call, or `None` when it does not: exact
/// literal and parameter pairs count 2, a literal against a parameter 1,
/// wildcards 0. Routers prefer the most specific route, and so does seam.
pub fn score(call: &[Seg], route: &[Seg], subtree: bool) -> Option<u32> {
    let (n, m) = (call.len(), route.len());
    // Nothing that spans several segments: segments pair one to one (the
    // table below would find the same), without allocating — this runs
    // for every call against every route.
    let spans = |s: &Seg| matches!(s, Seg::Rest(_) | Seg::Unknown);
    if !route.iter().any(spans) && !call.iter().any(|s| matches!(s, Seg::Unknown)) {
        if m > n || (m < n && !subtree) {
            return None;
        }
        return call
            .iter()
            .zip(route)
            .try_fold(0, |total, (c, r)| Some(total + seg_score(c, r)?));
    }
    score_table(call, route, subtree)
}

/// [`score`] by dynamic programming over every way the segments can pair.
fn score_table(call: &[Seg], route: &[Seg], subtree: bool) -> Option<u32> {
    let (n, m) = (call.len(), route.len());
    // best[i][j]: best score of call[..i] matched by route[..j].
    let mut best: Vec<Vec<Option<u32>>> = vec![vec![None; m + 1]; n + 1];
    best[0][0] = Some(0);
    let up = |cell: &mut Option<u32>, v: u32| {
        if cell.is_none_or(|c| v > c) {
            *cell = Some(v);
        }
    };
    for i in 0..=n {
        for j in 0..=m {
            let Some(here) = best[i][j] else { continue };
            if j < m {
                match &route[j] {
                    Seg::Rest(_) | Seg::Unknown => {
                        up(&mut best[i][j + 1], here);
                        if i < n {
                            up(&mut best[i + 1][j], here);
                        }
                    }
                    r => {
                        if i < n {
                            if let Some(s) = seg_score(&call[i], r) {
                                up(&mut best[i + 1][j + 1], here + s);
                            }
                        }
                    }
                }
            }
            if i < n && matches!(call[i], Seg::Unknown) {
                up(&mut best[i + 1][j], here);
                if j < m {
                    up(&mut best[i][j + 1], here);
                }
            }
        }
    }
    if let Some(s) = best[n][m] {
        return Some(s);
    }
    if subtree {
        return (0..=n).filter_map(|i| best[i][m]).max();
    }
    None
}

fn seg_score(call: &Seg, route: &Seg) -> Option<u32> {
    match (call, route) {
        (Seg::Lit(a), Seg::Lit(b)) => (a == b).then_some(2),
        (Seg::Param(_), Seg::Param(_)) => Some(2),
        (Seg::Param(_), Seg::Lit(_)) | (Seg::Lit(_), Seg::Param(_)) => Some(1),
        (Seg::Rest(_), _) => Some(0),
        _ => None,
    }
}

/// How far apart two paths are, to name the closest routes: edit distance
/// over segments, literal segments compared by their text.
pub fn distance(a: &[Seg], b: &[Seg]) -> usize {
    // A route behind an unknown prefix (`{?}/users`) is compared with the
    // best-fitting tail of the call.
    if let Some((Seg::Unknown, rest)) = b.split_first() {
        // The prefix absorbs the call's segments before the route's first
        // literal, where that literal appears in the call.
        let first = rest.iter().find(|s| matches!(s, Seg::Lit(_)));
        let starts: Vec<usize> = (0..a.len()).filter(|&k| Some(&a[k]) == first).collect();
        if !starts.is_empty() {
            return starts
                .into_iter()
                .map(|k| distance_plain(&a[k..], rest))
                .min()
                .unwrap_or(0);
        }
        return distance_plain(a, rest);
    }
    distance_plain(a, b)
}

fn distance_plain(a: &[Seg], b: &[Seg]) -> usize {
    // Unknown parts (a configured prefix) match anything: leave them out.
    let known = |s: &&Seg| !matches!(s, Seg::Unknown);
    let a: Vec<&Seg> = a.iter().filter(known).collect();
    let b: Vec<&Seg> = b.iter().filter(known).collect();
    edit_distance(&a, &b, |x, y| seg_cost(x, y))
}

/// What replacing one known segment with another costs in [`distance`].
fn seg_cost(x: &Seg, y: &Seg) -> usize {
    match (x, y) {
        (Seg::Lit(p), Seg::Lit(q)) => word_cost(p, q),
        (Seg::Lit(_), _) | (_, Seg::Lit(_)) => 1,
        _ => 0,
    }
}

/// What replacing one literal segment with another costs: nothing when
/// equal, 1 when they differ in case, 2 when close, else 3.
pub fn word_cost(p: &str, q: &str) -> usize {
    if p == q {
        0
    } else if p.eq_ignore_ascii_case(q) {
        1
    } else if close_words(p, q) {
        2
    } else {
        3
    }
}

/// What inserting or deleting a segment costs in [`distance`]: more than
/// any replacement.
pub const INDEL_COST: usize = 4;

/// Edit distance between two sequences, with [`INDEL_COST`] per
/// insertion or deletion and `cost` per replacement.
pub fn edit_distance<X, Y>(a: &[X], b: &[Y], cost: impl Fn(&X, &Y) -> usize) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).map(|j| j * INDEL_COST).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = (i + 1) * INDEL_COST;
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + cost(x, y))
                .min(prev[j + 1] + INDEL_COST)
                .min(cur[j] + INDEL_COST);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Two words at most half their length apart in character edits.
fn close_words(p: &str, q: &str) -> bool {
    let limit = p.len().max(q.len());
    // Edits are at least the difference in length.
    let (lp, lq) = (p.chars().count(), q.chars().count());
    if lp.abs_diff(lq) * 2 > limit {
        return false;
    }
    char_distance(p, q) * 2 <= limit
}

fn char_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Vec<Seg> {
        parse(s).0.segments
    }

    #[test]
    fn one_to_one_scoring_agrees_with_the_table() {
        let seg = |k: usize| match k {
            0 => Seg::Lit("a".into()),
            1 => Seg::Lit("b".into()),
            _ => Seg::Param("id".into()),
        };
        // Every call and route of up to 3 segments over {a, b, :id}.
        let mut paths = vec![vec![]];
        for len in 1..=3u32 {
            for code in 0..3usize.pow(len) {
                paths.push(
                    (0..len as usize)
                        .map(|i| seg(code / 3usize.pow(i as u32) % 3))
                        .collect(),
                );
            }
        }
        let mut compared = 0;
        for call in &paths {
            for route in &paths {
                for subtree in [false, true] {
                    assert_eq!(
                        score(call, route, subtree),
                        score_table(call, route, subtree),
                        "{call:?} against {route:?}, subtree {subtree}"
                    );
                    compared += 1;
                }
            }
        }
        assert_eq!(compared, 40 * 40 * 2);
    }

    #[test]
    fn parses_every_syntax() {
        assert_eq!(
            p("/api/:id/*rest"),
            vec![
                Seg::Lit("api".into()),
                Seg::Param("id".into()),
                Seg::Rest("rest".into())
            ]
        );
        assert_eq!(
            p("/x/{id:[0-9]+}/{p...}"),
            vec![
                Seg::Lit("x".into()),
                Seg::Param("id".into()),
                Seg::Rest("p".into())
            ]
        );
        assert_eq!(
            p("/files/{id}/{*rest}"),
            vec![
                Seg::Lit("files".into()),
                Seg::Param("id".into()),
                Seg::Rest("rest".into())
            ]
        );
        assert!(parse("/items/{$}").1);
        assert_eq!(p("/a?x=1"), vec![Seg::Lit("a".into())]);
        assert_eq!(p("{?}/users"), vec![Seg::Unknown, Seg::Lit("users".into())]);
    }

    #[test]
    fn joins_with_one_slash() {
        assert_eq!(join(&["/api/", "/users"]), "/api/users");
        assert_eq!(join(&["/api", "users"]), "/api/users");
        assert_eq!(join(&["", "/x"]), "/x");
    }

    #[test]
    fn matching() {
        assert!(matches(&p("/api/users/7"), &p("/api/users/:id"), false));
        assert!(!matches(&p("/api/users/7/x"), &p("/api/users/:id"), false));
        assert!(matches(&p("/api/users/7/x"), &p("/api/users"), true));
        assert!(matches(
            &p("/static/a/b.css"),
            &p("/static/*filepath"),
            false
        ));
        assert!(matches(&p("{?}/users"), &p("/api/v1/users"), false));
        assert!(matches(&p("/api/v1/users"), &p("{?}/users"), false));
        assert!(!matches(&p("{?}/users"), &p("/api/v1/orders"), false));
        assert!(matches(&p("/users/{id}"), &p("/users/me"), false));
        assert!(!matches(&p("/users"), &p("/orders"), false));
    }

    #[test]
    fn the_most_specific_route_scores_highest() {
        let call = p("/orders/export");
        let lit = score(&call, &p("/orders/export"), false).unwrap();
        let param = score(&call, &p("/orders/:id"), false).unwrap();
        assert!(lit > param);
        let dynamic = p("/orders/{id}");
        assert!(
            score(&dynamic, &p("/orders/:id"), false).unwrap()
                > score(&dynamic, &p("/orders/export"), false).unwrap()
        );
    }

    #[test]
    fn closest_by_distance() {
        let call = p("/api/usres");
        assert!(distance(&call, &p("/api/users")) < distance(&call, &p("/api/orders/:id")));
    }
}
