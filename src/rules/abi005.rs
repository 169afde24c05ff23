//! ABI005 wire-schema-break: a served response field removed, renamed or
//! retyped, a request field made required or no longer read, a response
//! content type removed, the request body decoded differently. Fields come
//! from the Go types handlers write and decode (`drift::http`).

use super::abi::{report, Change};
use super::{Context, Rule};
use crate::drift::{Bump, Drift};
use crate::findings::Finding;
use crate::model::{ApiKind, ApiLang};

pub struct WireSchemaBreak;

const ID: &str = "ABI005";

/// `GET /x` and `response.a.b` of a wire item's name.
fn split(name: &str) -> (&str, &str) {
    let (ep, rest) = name.rsplit_once(' ').unwrap_or(("", name));
    (ep, rest)
}

pub fn changes(d: &Drift) -> Vec<Change<'_>> {
    let mut out = Vec::new();
    for p in d.pairs(ApiLang::Wire) {
        let (ep, field) = split(&p.item().name);
        // Fields of an endpoint that is gone are ABI006's.
        if d.find(false, ApiLang::Http, &p.item().unit, ApiKind::Endpoint, ep)
            .is_none()
        {
            continue;
        }
        let response = p.item().kind == ApiKind::ResponseField;
        // A new field of the same type next to a removed one: a rename.
        let renamed = |o: &crate::model::ApiItem| {
            let parent = field.rsplit_once('.').map(|(a, _)| a).unwrap_or("");
            d.new.items.iter().find(|n| {
                n.lang == ApiLang::Wire
                    && n.kind == o.kind
                    && n.unit == o.unit
                    && n.sig == o.sig
                    && split(&n.name).0 == ep
                    && split(&n.name)
                        .1
                        .rsplit_once('.')
                        .map(|(a, _)| a)
                        .unwrap_or("")
                        == parent
                    && d.find(true, ApiLang::Wire, &n.unit, n.kind, &n.name)
                        .is_none()
            })
        };
        let gone = |o: &crate::model::ApiItem| match renamed(o) {
            Some(n) => format!(" (renamed to `{}`?)", split(&n.name).1),
            None => String::new(),
        };
        match (p.old, p.new) {
            (Some(o), None) if response => out.push(Change::new(ID, p, Bump::Major, format!("{ep} no longer sends `{field}` (`{}`){}: clients reading it get undefined", o.sig, gone(o)), "keep sending the field (deprecated), or version the endpoint")),
            (Some(o), None) => out.push(Change::new(ID, p, Bump::Major, format!("{ep} no longer reads `{field}` (`{}`){}: what clients send there is silently dropped", o.sig, gone(o)), "keep reading the field, or version the endpoint")),
            (Some(o), Some(n)) => {
                if o.sig != n.sig {
                    out.push(Change::new(ID, p, Bump::Major, format!("{ep} `{field}` changed type from `{}` to `{}` on the wire", o.sig, n.sig), "keep the field's type and add a new field"));
                }
                if response && !o.has("omitempty") && n.has("omitempty") {
                    out.push(Change::new(ID, p, Bump::Major, format!("{ep} may now leave out `{field}` (omitempty)"), "keep sending the field"));
                }
                if !response && !o.has("required") && n.has("required") {
                    out.push(Change::new(ID, p, Bump::Major, format!("{ep} now requires `{field}`: clients that leave it out get an error"), "keep the field optional with a server-side default"));
                }
            }
            (None, Some(n)) if !response && n.has("required") && d.find(true, ApiLang::Http, &n.unit, ApiKind::Endpoint, ep).is_some() => {
                out.push(Change::new(ID, p, Bump::Major, format!("{ep} now requires a new field `{field}`: existing clients do not send it"), "make the field optional"));
            }
            (None, Some(_)) => out.push(Change::new(ID, p, Bump::Minor, format!("{ep} gained `{field}`"), "")),
            (None, None) => {}
        }
    }
    for p in d.pairs(ApiLang::Http) {
        let (Some(o), Some(n)) = (p.old, p.new) else {
            continue;
        };
        let flags = |i: &crate::model::ApiItem, prefix: &str| -> Vec<String> {
            i.flags
                .iter()
                .filter_map(|f| f.strip_prefix(prefix).map(str::to_string))
                .collect()
        };
        let (op, np) = (flags(o, "produces:"), flags(n, "produces:"));
        for ct in op.iter().filter(|c| !np.contains(c)) {
            if np.is_empty() {
                continue;
            }
            out.push(Change::new(
                ID,
                p,
                Bump::Major,
                format!(
                    "{} no longer responds with {ct} (now {})",
                    n.name,
                    np.join(", ")
                ),
                "keep serving the old content type (content negotiation), or version the endpoint",
            ));
        }
        let (or, nr) = (flags(o, "reads:"), flags(n, "reads:"));
        if !or.is_empty()
            && !nr.is_empty()
            && !or
                .iter()
                .any(|r| nr.contains(r) || nr.iter().any(|x| x == "any"))
        {
            out.push(Change::new(
                ID,
                p,
                Bump::Major,
                format!(
                    "{} now decodes the request body as {} instead of {}",
                    n.name,
                    nr.join(", "),
                    or.join(", ")
                ),
                "accept the old encoding too",
            ));
        }
    }
    out
}

impl Rule for WireSchemaBreak {
    fn id(&self) -> &'static str {
        ID
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if let Some(d) = cx.drift {
            report(d, changes(d), out);
        }
    }
}
