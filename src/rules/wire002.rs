//! WIRE002 field-case-mismatch: client and server name a field with
//! different case (often an untagged Go field, emitted under its Go name).

use super::wire_diff::{diffs, Collector, Diff};
use super::{Context, Rule};
use crate::findings::Finding;

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
            let why = if server.untagged {
                format!(
                    "the Go field `{}` has no json tag, so it is emitted as `{}`",
                    server.source_name.as_deref().unwrap_or(&server.name),
                    server.name
                )
            } else {
                format!("the server's tag says `{}`", server.name)
            };
            let help = if server.untagged {
                format!(
                    "add the tag `json:\"{}\"` to the Go field `{}`",
                    client.name,
                    server.source_name.as_deref().unwrap_or(&server.name)
                )
            } else {
                format!(
                    "use `{}` in the TS type, or change the tag to `json:\"{}\"`",
                    server.name, client.name
                )
            };
            let f = cx
                .finding(
                    self.id(),
                    &client.origin,
                    format!(
                        "`{path}` of {} is read as `{}`, but {why}: JSON keys are case-sensitive",
                        p.client_type, client.name
                    ),
                )
                .key(client.name.clone())
                .related(
                    &server.origin,
                    format!("emitted as `{}` from {}", server.name, p.server_type),
                )
                .related(&p.server_origin, "the handler encodes it here")
                .help(help);
            c.add(f);
        }
        c.finish(out);
    }
}
