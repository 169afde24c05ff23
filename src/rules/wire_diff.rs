//! Compares the client's and the server's wire type of one JSON body and
//! lists every disagreement with its path (`items[].owner.id`). Shared by
//! the WIRE rules; each reports the kinds it owns.

use crate::link::wire::Direction;
use crate::model::{WireField, WireType};

#[derive(Clone, Debug)]
pub enum Diff<'a> {
    /// The client reads a field the server never emits.
    Missing {
        path: String,
        client: &'a WireField,
        /// A server field with the same words in another convention
        /// (`dueAt` for `due_at`) that no client field takes.
        near: Option<&'a WireField>,
    },
    /// The names differ only in case (or the server field is an untagged Go field).
    Case {
        path: String,
        client: &'a WireField,
        server: &'a WireField,
    },
    Type {
        path: String,
        client: &'a WireField,
        server: &'a WireField,
    },
    /// The client requires a field the server may omit or send as null.
    Optional {
        path: String,
        client: &'a WireField,
        server: &'a WireField,
    },
    /// A 64-bit integer read into a JS number.
    Int64 {
        path: String,
        client: &'a WireField,
        server: &'a WireField,
    },
    /// The client sends a field the server's type does not have.
    Dropped { path: String, client: &'a WireField },
    /// The top-level shapes disagree (array vs object).
    Root {
        client: &'a WireType,
        server: &'a WireType,
    },
}

fn strip(t: &WireType) -> &WireType {
    match t {
        WireType::Nullable { inner } => strip(inner),
        other => other,
    }
}

/// Can a value of `server`'s type be read as `client`'s (or the reverse)?
/// `None` when compatible, else the pair of mismatching leaves.
fn compatible(client: &WireType, server: &WireType) -> bool {
    use WireType as W;
    match (strip(client), strip(server)) {
        (W::Unknown | W::Any, _) | (_, W::Unknown | W::Any) => true,
        (W::String | W::Literal { .. }, W::String | W::Literal { .. } | W::Bytes) => true,
        (W::Number { .. }, W::Number { .. }) => true,
        (W::Bool, W::Bool) => true,
        (W::Array { .. }, W::Array { .. }) | (W::Array { .. }, W::Bytes) => true,
        (W::Map { .. } | W::Object { .. }, W::Map { .. } | W::Object { .. }) => true,
        (W::Union { types }, s) => types.iter().any(|t| compatible(t, s)),
        (c, W::Union { types }) => types.iter().any(|t| compatible(c, t)),
        _ => false,
    }
}

#[cfg(test)]
pub fn compare<'a>(client: &'a WireType, server: &'a WireType, dir: Direction) -> Vec<Diff<'a>> {
    compare_keys(client, server, dir, true)
}

/// [`compare`] for a decoder that matches keys case-insensitively
/// (`fold`: Go's `encoding/json`) or exactly (serde).
pub fn compare_keys<'a>(
    client: &'a WireType,
    server: &'a WireType,
    dir: Direction,
    fold: bool,
) -> Vec<Diff<'a>> {
    let mut out = Vec::new();
    let (c, s) = (strip(client), strip(server));
    if !compatible(c, s) {
        out.push(Diff::Root {
            client: c,
            server: s,
        });
        return out;
    }
    walk(c, s, (dir, fold), "", &mut out, 0);
    out
}

/// The same words in another naming convention (`owner_name`, `ownerName`, `OwnerName`).
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    words(a) == words(b)
}

fn walk<'a>(
    client: &'a WireType,
    server: &'a WireType,
    (dir, fold): (Direction, bool),
    path: &str,
    out: &mut Vec<Diff<'a>>,
    depth: u32,
) {
    if depth > 16 {
        return;
    }
    match (strip(client), strip(server)) {
        (WireType::Array { elem: c }, WireType::Array { elem: s }) => {
            walk(c, s, (dir, fold), &format!("{path}[]"), out, depth + 1)
        }
        (WireType::Map { value: c }, WireType::Map { value: s }) => {
            walk(c, s, (dir, fold), &format!("{path}{{}}"), out, depth + 1)
        }
        (WireType::Object { fields: cf, .. }, WireType::Object { fields: sf, .. }) => {
            // An empty server object stands for a type already being described (recursion).
            if sf.is_empty() {
                return;
            }
            for f in cf {
                let p = if path.is_empty() {
                    f.name.clone()
                } else {
                    format!("{path}.{}", f.name)
                };
                let exact = sf.iter().find(|s| s.name == f.name);
                // A key named after the source field (no tag, no `rename`)
                // in another convention is a case mismatch too.
                let folded = sf
                    .iter()
                    .find(|s| s.name.eq_ignore_ascii_case(&f.name))
                    .or_else(|| {
                        sf.iter()
                            .find(|s| s.untagged && same_words(&s.name, &f.name))
                    });
                let cx = (dir, fold);
                match (dir, exact, folded) {
                    (_, Some(s), _) => field(f, s, cx, p, out, depth),
                    // encoding/json matches keys case-insensitively when decoding.
                    (Direction::Request, None, Some(s))
                        if fold && s.name.eq_ignore_ascii_case(&f.name) =>
                    {
                        field(f, s, cx, p, out, depth)
                    }
                    (_, None, Some(s)) => out.push(Diff::Case {
                        path: p,
                        client: f,
                        server: s,
                    }),
                    (Direction::Response, None, None) => out.push(Diff::Missing {
                        path: p,
                        client: f,
                        near: sf.iter().find(|s| {
                            same_words(&s.name, &f.name) && !cf.iter().any(|c| c.name == s.name)
                        }),
                    }),
                    (Direction::Request, None, None) => {
                        out.push(Diff::Dropped { path: p, client: f })
                    }
                }
            }
        }
        _ => {}
    }
}

fn field<'a>(
    c: &'a WireField,
    s: &'a WireField,
    (dir, fold): (Direction, bool),
    path: String,
    out: &mut Vec<Diff<'a>>,
    depth: u32,
) {
    if !compatible(&c.ty, &s.ty) {
        out.push(Diff::Type {
            path,
            client: c,
            server: s,
        });
        return;
    }
    if dir == Direction::Response {
        if !c.optional
            && !c.nullable
            && (s.optional || s.nullable)
            && !matches!(strip(&c.ty), WireType::Any | WireType::Unknown)
        {
            out.push(Diff::Optional {
                path: path.clone(),
                client: c,
                server: s,
            });
        }
        if let (
            WireType::Number { .. },
            WireType::Number {
                integer: true,
                bits: Some(64),
            },
        ) = (strip(&c.ty), strip(&s.ty))
        {
            out.push(Diff::Int64 {
                path: path.clone(),
                client: c,
                server: s,
            });
        }
    }
    walk(&c.ty, &s.ty, (dir, fold), &path, out, depth + 1);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn f(name: &str, ty: WireType) -> WireField {
        WireField {
            name: name.into(),
            source_name: None,
            ty,
            optional: false,
            nullable: false,
            untagged: false,
            required: false,
            origin: Origin::default(),
        }
    }

    /// A client key the server sends in another spelling names that
    /// spelling, unless another client field already reads it.
    #[test]
    fn a_missing_key_names_the_servers_other_spelling() {
        let string = || WireType::String;
        let mut due = f("due_at", string());
        due.optional = true;
        let server = obj(vec![f("dueAt", string()), f("id", string())]);
        let near_of = |client: &WireType| -> Vec<Option<String>> {
            compare(client, &server, Direction::Response)
                .into_iter()
                .filter_map(|d| match d {
                    Diff::Missing { near, .. } => Some(near.map(|n| n.name.clone())),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            near_of(&obj(vec![due.clone()])),
            [Some("dueAt".to_string())]
        );
        assert_eq!(
            near_of(&obj(vec![due.clone(), f("dueAt", string())])),
            [None],
            "dueAt is read by its own field"
        );
        assert_eq!(near_of(&obj(vec![f("other", string())])), [None]);
    }

    fn obj(fields: Vec<WireField>) -> WireType {
        WireType::Object {
            name: "T".into(),
            fields,
        }
    }

    #[test]
    fn response_differences() {
        let client = obj(vec![
            f(
                "id",
                WireType::Number {
                    integer: false,
                    bits: None,
                },
            ),
            f("currency", WireType::String),
            f("ownerName", WireType::String),
            f(
                "tags",
                WireType::Array {
                    elem: Box::new(WireType::String),
                },
            ),
        ]);
        let mut currency = f("Currency", WireType::String);
        currency.untagged = true;
        let mut tags = f(
            "tags",
            WireType::Array {
                elem: Box::new(WireType::String),
            },
        );
        tags.optional = true;
        let server = obj(vec![
            f(
                "id",
                WireType::Number {
                    integer: true,
                    bits: Some(64),
                },
            ),
            currency,
            f("owner_name", WireType::String),
            tags,
        ]);
        let diffs = compare(&client, &server, Direction::Response);
        let kinds: Vec<&str> = diffs
            .iter()
            .map(|d| match d {
                Diff::Int64 { .. } => "int64",
                Diff::Case { .. } => "case",
                Diff::Missing { .. } => "missing",
                Diff::Optional { .. } => "optional",
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["int64", "case", "missing", "optional"]);
    }

    #[test]
    fn a_subset_reader_is_fine_and_requests_fold_case() {
        let server = obj(vec![
            f("id", WireType::String),
            f("name", WireType::String),
            f("email", WireType::String),
        ]);
        let client = obj(vec![f("name", WireType::String)]);
        assert!(compare(&client, &server, Direction::Response).is_empty());
        let sent = obj(vec![
            f("Name", WireType::String),
            f("nickname", WireType::String),
        ]);
        let diffs = compare(&sent, &server, Direction::Request);
        assert!(matches!(diffs.as_slice(), [Diff::Dropped { path, .. }] if path == "nickname"));
    }

    #[test]
    fn serde_matches_keys_exactly_and_source_names_in_another_convention_are_case_mismatches() {
        let mut derived = f("display_name", WireType::String);
        derived.untagged = true;
        let server = obj(vec![
            f("userName", WireType::String),
            derived,
            f("owner_id", WireType::String),
        ]);
        let sent = obj(vec![
            f("username", WireType::String),
            f("displayName", WireType::String),
            f("ownerId", WireType::String),
        ]);
        let kinds = |diffs: Vec<Diff>| -> Vec<String> {
            diffs
                .iter()
                .map(|d| match d {
                    Diff::Case { path, .. } => format!("case {path}"),
                    Diff::Dropped { path, .. } => format!("dropped {path}"),
                    Diff::Missing { path, .. } => format!("missing {path}"),
                    _ => "other".into(),
                })
                .collect()
        };
        // serde: `username` is not `userName`; `displayName` is the Rust field
        // `display_name` in camelCase; the tagged `owner_id` is another name.
        assert_eq!(
            kinds(compare_keys(&sent, &server, Direction::Request, false)),
            ["case username", "case displayName", "dropped ownerId"]
        );
        // encoding/json folds case when decoding.
        assert_eq!(
            kinds(compare_keys(&sent, &server, Direction::Request, true)),
            ["case displayName", "dropped ownerId"]
        );
        assert_eq!(
            kinds(compare(&sent, &server, Direction::Response)),
            ["case username", "case displayName", "missing ownerId"]
        );
    }

    #[test]
    fn nested_paths_and_types() {
        let client = WireType::Array {
            elem: Box::new(obj(vec![f("owner", obj(vec![f("id", WireType::String)]))])),
        };
        let server = WireType::Array {
            elem: Box::new(obj(vec![f(
                "owner",
                obj(vec![f(
                    "id",
                    WireType::Number {
                        integer: true,
                        bits: None,
                    },
                )]),
            )])),
        };
        let diffs = compare(&client, &server, Direction::Response);
        assert!(matches!(diffs.as_slice(), [Diff::Type { path, .. }] if path == "[].owner.id"));
    }
}

/// Findings of one WIRE rule, merged when several calls share a TS field:
/// one finding per client field, every server side as related.
#[derive(Default)]
pub struct Collector {
    by_key: std::collections::BTreeMap<(String, u32, String), crate::findings::Finding>,
}

impl Collector {
    pub fn new() -> Self {
        Collector {
            by_key: Default::default(),
        }
    }

    /// Adds a finding, or the related locations of `f` to the finding
    /// already made for the same place and key.
    pub fn add(&mut self, f: crate::findings::Finding) {
        let k = (f.origin.path.to_string(), f.origin.start, f.key.clone());
        match self.by_key.get_mut(&k) {
            Some(existing) => {
                for r in f.related {
                    if !existing.related.contains(&r) {
                        existing.related.push(r);
                    }
                }
            }
            None => {
                self.by_key.insert(k, f);
            }
        }
    }

    pub fn finish(self, out: &mut Vec<crate::findings::Finding>) {
        out.extend(self.by_key.into_values());
    }
}

/// Every difference that holds for a call on every branch of the handler
/// (a handler that answers with one type here and another there only
/// counts what all its answers share), with the pair it was found in.
pub fn diffs<'a>(a: &'a crate::link::Analysis) -> Vec<(&'a crate::link::wire::WirePair, Diff<'a>)> {
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<(usize, usize, Direction), Vec<&crate::link::wire::WirePair>> =
        BTreeMap::new();
    for p in &a.wire {
        groups
            .entry((p.call, p.endpoint, p.direction))
            .or_default()
            .push(p);
    }
    let mut out = Vec::new();
    for pairs in groups.values() {
        // A branch whose value has no known type may be the one the client gets.
        if pairs.iter().any(|p| !p.complete) {
            continue;
        }
        let per_pair: Vec<Vec<Diff>> = pairs
            .iter()
            .map(|p| {
                let fold = p.server_lang == crate::link::wire::ServerLang::Go;
                compare_keys(&p.client, &p.server, p.direction, fold)
            })
            .collect();
        let mut kept: Vec<Diff> = Vec::new();
        for (i, diffs) in per_pair.iter().enumerate() {
            for d in diffs {
                if kept.iter().any(|k| same(k, d)) {
                    continue;
                }
                // Kept unless another branch contradicts it: that branch types
                // the same place concretely and does not show the same difference.
                let contradicted = per_pair.iter().enumerate().any(|(j, other)| {
                    j != i
                        && !other.iter().any(|o| same(o, d))
                        && knows(&pairs[j].server, path_of(d))
                });
                if !contradicted {
                    kept.push(d.clone());
                    out.push((pairs[i], d.clone()));
                }
            }
        }
    }
    out
}

fn path_of<'d>(d: &'d Diff) -> &'d str {
    match d {
        Diff::Missing { path, .. }
        | Diff::Case { path, .. }
        | Diff::Type { path, .. }
        | Diff::Optional { path, .. }
        | Diff::Int64 { path, .. }
        | Diff::Dropped { path, .. } => path,
        Diff::Root { .. } => "",
    }
}

/// The server's type at `path` (`data.items[]` → the element type).
pub fn type_at<'w>(server: &'w WireType, path: &str) -> Option<&'w WireType> {
    let mut cur = strip(server);
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[]") {
            let WireType::Array { elem } = cur else {
                return None;
            };
            cur = strip(elem);
            rest = r.strip_prefix('.').unwrap_or(r);
            continue;
        }
        if let Some(r) = rest.strip_prefix("{}") {
            let WireType::Map { value } = cur else {
                return None;
            };
            cur = strip(value);
            rest = r.strip_prefix('.').unwrap_or(r);
            continue;
        }
        let end = rest.find(['.', '[', '{']).unwrap_or(rest.len());
        let (name, r) = rest.split_at(end);
        let WireType::Object { fields, .. } = cur else {
            return None;
        };
        cur = strip(
            &fields
                .iter()
                .find(|f| f.name.eq_ignore_ascii_case(name))?
                .ty,
        );
        rest = r.strip_prefix('.').unwrap_or(r);
    }
    Some(cur)
}

/// The name of the server object that holds the field at `path`.
pub fn holder(server: &WireType, path: &str) -> String {
    let parent = path.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
    let parent = parent.trim_end_matches("[]");
    match type_at(server, parent) {
        Some(WireType::Object { name, .. }) if !name.is_empty() => name.clone(),
        Some(WireType::Array { elem }) => match strip(elem) {
            WireType::Object { name, .. } if !name.is_empty() => name.clone(),
            _ => "the response".into(),
        },
        _ => "the response".into(),
    }
}

/// Does the server type say something definite at `path` (a concrete type,
/// not `any` or unknown, reached through concrete objects and arrays)?
fn knows(server: &WireType, path: &str) -> bool {
    let mut cur = strip(server);
    let mut rest = path;
    loop {
        if matches!(cur, WireType::Any | WireType::Unknown) {
            return false;
        }
        if rest.is_empty() {
            return true;
        }
        if let Some(r) = rest.strip_prefix("[]") {
            let WireType::Array { elem } = cur else {
                return false;
            };
            cur = strip(elem);
            rest = r.strip_prefix('.').unwrap_or(r);
            continue;
        }
        if let Some(r) = rest.strip_prefix("{}") {
            let WireType::Map { value } = cur else {
                return false;
            };
            cur = strip(value);
            rest = r.strip_prefix('.').unwrap_or(r);
            continue;
        }
        let end = rest.find(['.', '[', '{']).unwrap_or(rest.len());
        let (name, r) = rest.split_at(end);
        let WireType::Object { fields, .. } = cur else {
            return false;
        };
        let Some(f) = fields.iter().find(|f| f.name.eq_ignore_ascii_case(name)) else {
            // A concrete object without the field: definite (it is absent).
            return true;
        };
        cur = strip(&f.ty);
        rest = r.strip_prefix('.').unwrap_or(r);
    }
}

/// The same kind of difference at the same path.
fn same(a: &Diff, b: &Diff) -> bool {
    let key = |d: &Diff| -> (u8, String) {
        match d {
            Diff::Missing { path, .. } => (0, path.clone()),
            Diff::Case { path, .. } => (1, path.clone()),
            Diff::Type { path, .. } => (2, path.clone()),
            Diff::Optional { path, .. } => (3, path.clone()),
            Diff::Int64 { path, .. } => (4, path.clone()),
            Diff::Dropped { path, .. } => (5, path.clone()),
            Diff::Root { .. } => (6, String::new()),
        }
    };
    key(a) == key(b)
}

/// `items[].owner.id` as the message names it (the top level is `(body)`).
pub fn shown(path: &str) -> &str {
    if path.is_empty() {
        "(body)"
    } else {
        path
    }
}
