//! ABI003 repr-c-layout-change: a field of a `#[repr(C)]` struct (or of a
//! Go struct passed through cgo) was reordered, retyped, removed or added:
//! C code compiled against the old layout reads the wrong bytes.

use super::abi::{at, report, Change};
use super::{Context, Rule};
use crate::drift::{Bump, Drift};
use crate::findings::Finding;
use crate::model::ApiLang;

pub struct ReprCLayoutChange;

const ID: &str = "ABI003";

/// `(name, type)` of each field of a layout signature (`a: u32; b: f64`
/// for Rust, `A int32; B float64` for Go).
fn fields(sig: &str) -> Vec<(String, String)> {
    sig.split("; ")
        .filter(|f| !f.is_empty())
        .map(|f| match f.split_once(": ").or_else(|| f.split_once(' ')) {
            Some((n, t)) => (n.trim().to_string(), t.trim().to_string()),
            None => (String::new(), f.trim().to_string()),
        })
        .collect()
}

/// What differs between two layouts, in words.
fn describe(old: &str, new: &str) -> String {
    let (a, b) = (fields(old), fields(new));
    let mut parts = Vec::new();
    for (n, t) in &a {
        match b.iter().find(|(m, _)| m == n) {
            None => parts.push(format!("field `{n}` removed")),
            Some((_, u)) if u != t => {
                parts.push(format!("field `{n}` retyped from `{t}` to `{u}`"))
            }
            _ => {}
        }
    }
    for (n, _) in &b {
        if !a.iter().any(|(m, _)| m == n) {
            parts.push(format!("field `{n}` added"));
        }
    }
    let common_a: Vec<&String> = a
        .iter()
        .map(|(n, _)| n)
        .filter(|n| b.iter().any(|(m, _)| m == *n))
        .collect();
    let common_b: Vec<&String> = b
        .iter()
        .map(|(n, _)| n)
        .filter(|n| a.iter().any(|(m, _)| m == *n))
        .collect();
    if common_a != common_b {
        parts.push("fields reordered".into());
    }
    if parts.is_empty() {
        parts.push("layout changed".into());
    }
    parts.join(", ")
}

pub fn changes(d: &Drift) -> Vec<Change<'_>> {
    let mut out = Vec::new();
    for p in d.pairs(ApiLang::CLayout) {
        let kind = |i: &crate::model::ApiItem| {
            if i.has("cgo") {
                "Go struct passed through cgo"
            } else {
                "`#[repr(C)]` struct"
            }
        };
        match (p.old, p.new) {
            (Some(o), Some(n)) if o.sig != n.sig => out.push(Change::new(
                ID,
                p,
                Bump::Major,
                format!("the C layout of {} `{}` changed: {} (was `{{ {} }}`, now `{{ {} }}`)", kind(n), n.name, describe(&o.sig, &n.sig), o.sig, n.sig),
                "keep the layout and add a new struct (or append fields behind a size/version field that C checks), or bump the major version and rebuild every C consumer",
            )),
            (Some(o), None) => out.push(Change::new(
                ID,
                p,
                Bump::Major,
                format!("{} `{}` no longer has a C layout (removed, or no longer `#[repr(C)]`; it was at {})", kind(o), o.name, at(o)),
                "restore the struct with `#[repr(C)]`, or bump the major version",
            )),
            (None, Some(n)) => out.push(Change::new(ID, p, Bump::Minor, format!("{} `{}` was added", kind(n), n.name), "")),
            _ => {}
        }
    }
    out
}

impl Rule for ReprCLayoutChange {
    fn id(&self) -> &'static str {
        ID
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if let Some(d) = cx.drift {
            report(d, changes(d), out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn describes_layout_changes() {
        assert_eq!(
            describe("a: u32; b: f64", "b: f64; a: u32"),
            "fields reordered"
        );
        assert_eq!(
            describe("a: u32; b: f64", "a: u64; b: f64; c: u8"),
            "field `a` retyped from `u32` to `u64`, field `c` added"
        );
        assert_eq!(describe("X C.int; Y C.int", "X C.int"), "field `Y` removed");
    }
}
