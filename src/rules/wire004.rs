//! WIRE004 optionality-mismatch: the client requires a field the server may
//! leave out (`omitempty`) or send as `null` (a pointer).

use super::wire_diff::{diffs, Collector, Diff};
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
                    "may send it as null (a pointer or interface)",
                    format!("declare it `{}: T | null` in TS", client.name),
                )
            } else {
                (
                    "leaves it out when it is empty (`omitempty`)",
                    format!(
                        "declare it `{}?: T` in TS, or drop `omitempty`",
                        client.name
                    ),
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
