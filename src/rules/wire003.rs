//! WIRE003 field-type-mismatch: string vs number, array vs object, ...

use super::wire_diff::{diffs, shown, Collector, Diff};
use super::wire_words;
use super::{Context, Rule};
use crate::findings::Finding;
use crate::link::wire::Direction;

pub struct FieldTypeMismatch;

impl Rule for FieldTypeMismatch {
    fn id(&self) -> &'static str {
        "WIRE003"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        let mut c = Collector::new();
        for (p, d) in diffs(a) {
            let (path, client_ty, server_ty, origin, server_origin) = match d {
                Diff::Type {
                    path,
                    client,
                    server,
                } => (
                    path,
                    client.ty.describe(),
                    server.ty.describe(),
                    client.origin.clone(),
                    server.origin.clone(),
                ),
                Diff::Root { client, server } => (
                    String::new(),
                    client.describe(),
                    server.describe(),
                    p.client_origin.clone(),
                    p.server_origin.clone(),
                ),
                _ => continue,
            };
            let (sends, reads) = match p.direction {
                Direction::Response => (
                    format!("the server sends {server_ty}"),
                    format!("the client expects {client_ty}"),
                ),
                Direction::Request => (
                    format!("the client sends {client_ty}"),
                    format!("the server decodes {server_ty}"),
                ),
            };
            let f = cx
                .finding(
                    self.id(),
                    &origin,
                    format!(
                        "`{}` of {}: {sends}, {reads} ({})",
                        shown(&path),
                        p.client_type,
                        p.server_type
                    ),
                )
                .key(format!("{path} {:?}", p.direction))
                .related(
                    &server_origin,
                    format!("{} in {}", server_ty, p.server_type),
                )
                .related(&p.server_origin, "the handler encodes or decodes it here")
                .help(format!(
                    "make the TS type and the {} type agree on this field's JSON type",
                    wire_words::lang(p.server_lang)
                ));
            c.add(f);
        }
        c.finish(out);
    }
}
