//! WIRE002 field-case-mismatch: client and server name a field with
//! different case (often an untagged Go field, emitted under its Go name).

use super::wire_diff::{diffs, holder, Collector, Diff};
use super::wire_words;
use super::{Context, Rule};
use crate::findings::Finding;
use crate::link::wire::Direction;

pub struct FieldCaseMismatch;

impl Rule for FieldCaseMismatch {
    fn id(&self) -> &'static str {
        "WIRE002"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        let mut c = Collector::new();
        for (p, d) in diffs(a) {
            let Diff::Case {
                path,
                client,
                server,
            } = d
            else {
                continue;
            };
            let (why, help) = wire_words::case_mismatch(
                p.server_lang,
                p.direction,
                client,
                server,
                &holder(&p.server, &path),
            );
            let (verb, related, at) = match p.direction {
                Direction::Response => (
                    "read",
                    format!("emitted as `{}` from {}", server.name, p.server_type),
                    "the handler encodes it here",
                ),
                Direction::Request => (
                    "sent",
                    format!("read as `{}` into {}", server.name, p.server_type),
                    "the handler decodes it here",
                ),
            };
            let rule = if client.name.eq_ignore_ascii_case(&server.name) {
                "JSON keys are case-sensitive"
            } else {
                "JSON keys must match exactly"
            };
            let f = cx
                .finding(
                    self.id(),
                    &client.origin,
                    format!(
                        "`{path}` of {} is {verb} as `{}`, but {why}: {rule}",
                        p.client_type, client.name
                    ),
                )
                .key(client.name.clone())
                .related(&server.origin, related)
                .related(&p.server_origin, at)
                .help(help);
            c.add(f);
        }
        c.finish(out);
    }
}
