//! WIRE001 missing-field: the client reads a field the server never emits.

use super::wire_diff::{diffs, Collector, Diff};
use super::{Context, Rule};
use crate::findings::Finding;

pub struct MissingField;

impl Rule for MissingField {
    fn id(&self) -> &'static str {
        "WIRE001"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        let mut c = Collector::new();
        for (p, d) in diffs(a) {
            let Diff::Missing { path, client } = d else {
                continue;
            };
            let e = &a.endpoints[p.endpoint];
            let f = cx
                .finding(
                    self.id(),
                    &client.origin,
                    format!(
                        "`{path}` of {} is read by the client, but `{}` never emits it (the response is {})",
                        p.client_type,
                        e.handler_text,
                        p.server_type
                    ),
                )
                .key(path.clone())
                .related(&p.server_origin, format!("{} {} encodes {} here", e.method, e.path, p.server_type))
                .help(format!(
                    "remove `{path}` from the TS type, or add a field with the tag `json:\"{}\"` to {}",
                    path.rsplit('.').next().unwrap_or(&path).trim_end_matches("[]"),
                    p.server_type
                ));
            c.add(f);
        }
        c.finish(out);
    }
}
