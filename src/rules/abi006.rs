//! ABI006 endpoint-removed: a route, or a method of a route, the baseline
//! served is no longer served.

use super::abi::{at, report, Change};
use super::{Context, Rule};
use crate::drift::{Bump, Drift};
use crate::findings::Finding;
use crate::model::{ApiKind, ApiLang};

pub struct EndpointRemoved;

const ID: &str = "ABI006";

pub fn changes(d: &Drift) -> Vec<Change<'_>> {
    let mut out = Vec::new();
    for p in d.pairs(ApiLang::Http) {
        match (p.old, p.new) {
            (Some(o), None) => {
                let (method, path) = o.name.split_once(' ').unwrap_or(("", &o.name));
                let others: Vec<&str> = d
                    .new
                    .items
                    .iter()
                    .filter(|n| {
                        n.lang == ApiLang::Http && n.kind == ApiKind::Endpoint && n.unit == o.unit
                    })
                    .filter_map(|n| {
                        n.name
                            .split_once(' ')
                            .filter(|(_, p)| *p == path)
                            .map(|(m, _)| m)
                    })
                    .collect();
                if others.contains(&"ANY") {
                    continue;
                }
                let what = if others.is_empty() {
                    format!(
                        "{} is no longer served (it was registered at {}): clients get 404",
                        o.name,
                        at(o)
                    )
                } else {
                    format!("{path} no longer accepts {method} (it was registered at {}; now only {}): clients get 405", at(o), others.join(", "))
                };
                out.push(Change::new(ID, p, Bump::Major, what, "keep the route (it can redirect or answer 410 Gone with a message), or update every client and version the API"));
            }
            (None, Some(n)) => out.push(Change::new(
                ID,
                p,
                Bump::Minor,
                format!("{} is newly served", n.name),
                "",
            )),
            _ => {}
        }
    }
    out
}

impl Rule for EndpointRemoved {
    fn id(&self) -> &'static str {
        ID
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if let Some(d) = cx.drift {
            report(d, changes(d), out);
        }
    }
}
