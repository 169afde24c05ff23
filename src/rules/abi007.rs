//! ABI007 ts-export-break: an export of a package's entry point removed,
//! its signature or type changed incompatibly, a member removed or made
//! required, a required member added to an exported interface.

use super::abi::{at, noun, owner, report, Change};
use super::{Context, Rule};
use crate::drift::{Bump, Drift};
use crate::findings::Finding;
use crate::model::{ApiKind, ApiLang};

pub struct TsExportBreak;

const ID: &str = "ABI007";

/// `(params, return)` of `(a, b?) => R`, split at top-level commas.
fn fn_parts(sig: &str) -> Option<(Vec<String>, String)> {
    let inner = sig.strip_prefix('(')?;
    let mut depth = 0i32;
    let mut end = None;
    let mut prev = ' ';
    for (i, c) in inner.char_indices() {
        let after = std::mem::replace(&mut prev, c);
        match c {
            '(' | '<' | '[' | '{' => depth += 1,
            ')' if depth == 0 => {
                end = Some(i);
                break;
            }
            '>' if after == '=' => {}
            ')' | '>' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    let end = end?;
    let (params, ret) = (
        &inner[..end],
        inner[end + 1..].trim().trim_start_matches("=>").trim(),
    );
    let mut out = Vec::new();
    let (mut depth, mut start, mut prev) = (0i32, 0usize, ' ');
    for (i, c) in params.char_indices() {
        let after = std::mem::replace(&mut prev, c);
        match c {
            '(' | '<' | '[' | '{' => depth += 1,
            '>' if after == '=' => {}
            ')' | '>' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(params[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    if !params[start..].trim().is_empty() {
        out.push(params[start..].trim().to_string());
    }
    Some((out, ret.to_string()))
}

/// Only optional parameters were appended and the return type is the same.
fn compatible_fn(old: &str, new: &str) -> bool {
    match (fn_parts(old), fn_parts(new)) {
        (Some((a, r1)), Some((b, r2))) => {
            r1 == r2
                && b.len() >= a.len()
                && b[..a.len()] == a[..]
                && b[a.len()..]
                    .iter()
                    .all(|p| p.ends_with('?') || p.starts_with("..."))
        }
        _ => false,
    }
}

pub fn changes(d: &Drift) -> Vec<Change<'_>> {
    let mut out = Vec::new();
    let decl_kinds = [
        ApiKind::Interface,
        ApiKind::Class,
        ApiKind::TypeAlias,
        ApiKind::Enum,
    ];
    for p in d.pairs(ApiLang::Ts) {
        let i = p.item();
        let what = format!("exported {} `{}`", noun(i.lang, i.kind), i.name);
        match (p.old, p.new) {
            (Some(o), None) => {
                if o.kind == ApiKind::Member && owner(d, false, o, &decl_kinds).is_none() {
                    continue;
                }
                // An export that changed kind (function → const) is one change.
                if o.kind != ApiKind::Member
                    && d.new
                        .items
                        .iter()
                        .any(|n| n.lang == ApiLang::Ts && n.unit == o.unit && n.name == o.name)
                {
                    out.push(Change::new(
                        ID,
                        p,
                        Bump::Major,
                        format!("{what} is no longer a {}", noun(o.lang, o.kind)),
                        "keep the export's kind",
                    ));
                    continue;
                }
                out.push(Change::new(
                    ID,
                    p,
                    Bump::Major,
                    format!(
                        "{what} was removed (it was at {}): importers fail to compile",
                        at(o)
                    ),
                    "keep exporting it (deprecated), or release a major version",
                ));
            }
            (None, Some(n)) => {
                if n.kind == ApiKind::Member {
                    match owner(d, true, n, &decl_kinds) {
                        None => continue,
                        Some(t) if t.kind == ApiKind::Interface && !n.has("optional") => {
                            out.push(Change::new(ID, p, Bump::Major, format!("{what} is a new required member: objects typed as the interface must now provide it"), "make the new member optional"));
                            continue;
                        }
                        _ => {}
                    }
                }
                if d.old
                    .items
                    .iter()
                    .any(|o| o.lang == ApiLang::Ts && o.unit == n.unit && o.name == n.name)
                {
                    continue;
                }
                out.push(Change::new(
                    ID,
                    p,
                    Bump::Minor,
                    format!("{what} was added"),
                    "",
                ));
            }
            (Some(o), Some(n)) => {
                if o.sig != n.sig && o.sig != "*" && n.sig != "*" {
                    if n.kind == ApiKind::Func && compatible_fn(&o.sig, &n.sig) {
                        out.push(Change::new(
                            ID,
                            p,
                            Bump::Minor,
                            format!("{what} gained optional parameters"),
                            "",
                        ));
                    } else {
                        out.push(Change::new(
                            ID,
                            p,
                            Bump::Major,
                            format!("{what} changed from `{}` to `{}`", o.sig, n.sig),
                            "keep the old signature (an overload) and add the new one",
                        ));
                    }
                }
                if o.has("optional") && !n.has("optional") {
                    out.push(Change::new(
                        ID,
                        p,
                        Bump::Major,
                        format!("{what} became required"),
                        "keep it optional",
                    ));
                }
            }
            (None, None) => {}
        }
    }
    out
}

impl Rule for TsExportBreak {
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
    use super::*;

    #[test]
    fn optional_parameters_appended_are_compatible() {
        assert!(compatible_fn(
            "(string) => number",
            "(string, number?) => number"
        ));
        assert!(!compatible_fn(
            "(string) => number",
            "(string, number) => number"
        ));
        assert!(!compatible_fn("(string) => number", "(string) => string"));
        assert_eq!(
            fn_parts("(Map<string, number>, (a: T) => U) => void")
                .unwrap()
                .0
                .len(),
            2
        );
    }
}
