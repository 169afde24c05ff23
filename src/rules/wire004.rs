//! WIRE004 optionality-mismatch: the client requires a field the server may
//! leave out (`omitempty`) or send as `null` (a pointer).

use super::wire_diff::{diffs, Collector, Diff};
use super::wire_words;
use super::{Context, Rule};
use crate::findings::Finding;

pub struct OptionalityMismatch;

impl Rule for OptionalityMismatch {
    fn id(&self) -> &'static str {
        "WIRE004"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        let mut c = Collector::new();
        for (p, d) in diffs(a) {
            let Diff::Optional {
                path,
                client,
                server,
            } = d
            else {
                continue;
            };
            let (why, fix) = if server.nullable {
                (
                    wire_words::nullable(p.server_lang),
                    format!("declare it `{}: T | null` in TS", client.name),
                )
            } else {
                let (why, drop) = wire_words::omitted(p.server_lang);
                (
                    why,
                    format!("declare it `{}?: T` in TS, or {drop}", client.name),
                )
            };
            let f = cx
                .finding(
                    self.id(),
                    &client.origin,
                    format!(
                        "`{path}` of {} is required and non-null in TS, but {} {why}",
                        p.client_type, p.server_type
                    ),
                )
                .key(client.name.clone())
                .related(
                    &server.origin,
                    format!("`{}` in {}", server.name, p.server_type),
                )
                .help(fix);
            c.add(f);
        }
        c.finish(out);
    }
}
