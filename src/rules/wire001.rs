//! WIRE001 missing-field: the client reads a field the server never emits.
//! Optional TS fields are left alone (the client already expects them to be
//! absent); when most of an object's fields are missing, the TS type is
//! simply the wrong one, and one finding says so.

use std::collections::BTreeMap;

use super::wire_diff::{diffs, holder, Collector, Diff};
use super::{Context, Rule};
use crate::findings::Finding;
use crate::link::wire::WirePair;
use crate::model::WireField;

pub struct MissingField;

/// The missing fields of one object in one bound pair.
type Group<'a> = (
    &'a WirePair,
    Vec<(String, &'a WireField, Option<&'a WireField>)>,
);

/// From this many missing fields of one object on, one finding for the type.
const WRONG_TYPE: usize = 4;

impl Rule for MissingField {
    fn id(&self) -> &'static str {
        "WIRE001"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        // (pair, parent path) → missing fields of that object.
        let mut groups: BTreeMap<(usize, String), Group> = BTreeMap::new();
        for (p, d) in diffs(a) {
            let Diff::Missing { path, client, near } = d else {
                continue;
            };
            // An optional field may be absent on purpose, unless the
            // server sends it under another spelling.
            if client.optional && near.is_none() {
                continue;
            }
            let parent = path
                .rsplit_once('.')
                .map(|(p, _)| p.to_string())
                .unwrap_or_default();
            let idx = a.wire.iter().position(|w| std::ptr::eq(w, p)).unwrap_or(0);
            groups
                .entry((idx, parent))
                .or_insert((p, Vec::new()))
                .1
                .push((path, client, near));
        }
        let mut c = Collector::new();
        for ((_, parent), (p, missing)) in groups {
            let e = &a.endpoints[p.endpoint];
            if missing.len() >= WRONG_TYPE {
                let names: Vec<&str> = missing.iter().map(|(_, f, _)| f.name.as_str()).collect();
                let at = if parent.is_empty() {
                    "the response".to_string()
                } else {
                    format!("`{parent}`")
                };
                let f = cx
                    .finding(
                        self.id(),
                        &missing[0].1.origin,
                        format!(
                            "{at} of {} does not match what `{}` sends ({}): {} of its fields are never emitted ({})",
                            p.client_type,
                            e.handler_text,
                            holder(&p.server, &format!("{parent}.x")),
                            missing.len(),
                            names.join(", ")
                        ),
                    )
                    .key(format!("{parent} wrong type"))
                    .related(&p.client_origin, format!("the client expects {} here", p.client_type))
                    .related(&p.server_origin, format!("{} {} encodes {} here", e.method, e.path, p.server_type))
                    .help(format!("type the response after {} (or the part of it the code reads)", p.server_type));
                c.add(f);
                continue;
            }
            for (path, client, near) in missing {
                let field = path
                    .rsplit('.')
                    .next()
                    .unwrap_or(&path)
                    .trim_end_matches("[]")
                    .to_string();
                if let Some(near) = near {
                    let f = cx
                        .finding(
                            self.id(),
                            &client.origin,
                            format!(
                                "`{path}` of {} is read by the client, but `{}` sends `{}` in {} instead",
                                p.client_type,
                                e.handler_text,
                                near.name,
                                holder(&p.server, &path)
                            ),
                        )
                        .key(path.clone())
                        .related(&p.server_origin, format!("{} {} encodes {} here", e.method, e.path, p.server_type))
                        .help(format!(
                            "rename `{field}` to `{}` in the TS type: JSON keys match exactly in the browser",
                            near.name
                        ));
                    c.add(f);
                    continue;
                }
                let f = cx
                    .finding(
                        self.id(),
                        &client.origin,
                        format!(
                            "`{path}` of {} is read by the client, but `{}` never emits it ({} has no such field)",
                            p.client_type,
                            e.handler_text,
                            holder(&p.server, &path)
                        ),
                    )
                    .key(path.clone())
                    .related(&p.server_origin, format!("{} {} encodes {} here", e.method, e.path, p.server_type))
                    .help(format!(
                        "remove `{field}` from the TS type (or make it optional), or {}",
                        super::wire_words::add_field(p.server_lang, &field, &p.server_type)
                    ));
                c.add(f);
            }
        }
        c.finish(out);
    }
}
