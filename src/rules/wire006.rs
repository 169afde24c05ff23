//! WIRE006 dropped-request-field: the client sends a field the server's
//! request type does not have, so the decoder silently drops it.

use super::wire_diff::{diffs, Collector, Diff};
use super::wire_words;
use super::{Context, Rule};
use crate::findings::Finding;

pub struct DroppedRequestField;

impl Rule for DroppedRequestField {
    fn id(&self) -> &'static str {
        "WIRE006"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        let mut c = Collector::new();
        for (p, d) in diffs(a) {
            let Diff::Dropped { path, client } = d else {
                continue;
            };
            let e = &a.endpoints[p.endpoint];
            let f = cx
                .finding(
                    self.id(),
                    &client.origin,
                    format!(
                        "`{path}` is sent to {} {}, but {} has no such field: the decoder drops it",
                        e.method, e.path, p.server_type
                    ),
                )
                .key(client.name.clone())
                .related(
                    &p.server_origin,
                    format!("`{}` decodes into {} here", e.handler_text, p.server_type),
                )
                .help(format!(
                    "add `{path}` to {} ({}), or stop sending it",
                    p.server_type,
                    wire_words::named_how(p.server_lang)
                ));
            c.add(f);
        }
        c.finish(out);
    }
}
