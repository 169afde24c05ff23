//! ABI002 c-export-break: a C symbol (cgo `//export`, Rust `#[no_mangle]` /
//! `#[export_name]` function) was removed or its C signature changed.

use super::abi::{at, report, Change};
use super::{Context, Rule};
use crate::drift::{Bump, Drift};
use crate::findings::Finding;
use crate::model::ApiLang;

pub struct CExportBreak;

const ID: &str = "ABI002";

fn origin_of(i: &crate::model::ApiItem) -> &'static str {
    if i.has("cgo") {
        "cgo `//export`"
    } else {
        "Rust `#[no_mangle]`"
    }
}

pub fn changes(d: &Drift) -> Vec<Change<'_>> {
    let mut out = Vec::new();
    for p in d.pairs(ApiLang::CExport) {
        match (p.old, p.new) {
            (Some(o), None) => out.push(Change::new(
                ID,
                p,
                Bump::Major,
                format!("C symbol `{}` ({}, `{}`) is no longer exported (it was at {}): programs linked against the library fail to load or resolve it", o.name, origin_of(o), o.sig, at(o)),
                format!("keep exporting `{}` (a thin wrapper around the new function), or bump the library's major version and soname", o.name),
            )),
            (Some(o), Some(n)) if o.sig != n.sig => out.push(Change::new(
                ID,
                p,
                Bump::Major,
                format!("C symbol `{}` changed signature from `{}` to `{}`: existing callers pass the old arguments", n.name, o.sig, n.sig),
                format!("export the new signature under a new symbol and keep `{}` as it was", n.name),
            )),
            (None, Some(n)) => out.push(Change::new(ID, p, Bump::Minor, format!("C symbol `{}` was added", n.name), "")),
            _ => {}
        }
    }
    out
}

impl Rule for CExportBreak {
    fn id(&self) -> &'static str {
        ID
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if let Some(d) = cx.drift {
            report(d, changes(d), out);
        }
    }
}
