//! WIRE005 int64-precision: a 64-bit integer read into a JS number.

use super::wire_diff::{diffs, Collector, Diff};
use super::wire_words;
use super::{Context, Rule};
use crate::findings::Finding;

pub struct Int64Precision;

impl Rule for Int64Precision {
    fn id(&self) -> &'static str {
        "WIRE005"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        let mut c = Collector::new();
        for (p, d) in diffs(a) {
            let Diff::Int64 {
                path,
                client,
                server,
            } = d
            else {
                continue;
            };
            let id_like = client.name.eq_ignore_ascii_case("id")
                || client.name.ends_with("Id")
                || client.name.ends_with("_id");
            let note = if id_like {
                " — IDs from a 64-bit generator (snowflake, database sequences) exceed it"
            } else {
                ""
            };
            let f = cx
                .finding(
                    self.id(),
                    &client.origin,
                    format!(
                        "`{path}` of {} is a 64-bit integer in {} but a JS number in TS: values above 2^53 lose digits{note}",
                        p.client_type, p.server_type
                    ),
                )
                .key(client.name.clone())
                .related(&server.origin, format!("`{}` is a 64-bit integer", server.source_name.as_deref().unwrap_or(&server.name)))
                .help(format!("{} and type it `string` in TS, or use a narrower type", wire_words::as_string(p.server_lang, &server.name)));
            c.add(f);
        }
        c.finish(out);
    }
}
