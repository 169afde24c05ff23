//! ABI001 go-api-break: exported Go API removed or changed incompatibly,
//! following golang.org/x/exp/apidiff's rules where syntax can tell:
//! removals, changed types of funcs / vars / consts / fields / methods,
//! changed const values, a method moved to a pointer receiver, a method
//! added to an interface that can be implemented outside its package, a
//! struct that is no longer comparable.

use super::abi::{at, noun, owner, report, Change};
use super::{Context, Rule};
use crate::drift::{go_display, Bump, Drift};
use crate::findings::Finding;
use crate::model::{ApiKind, ApiLang};

pub struct GoApiBreak;

const ID: &str = "ABI001";

pub fn changes(d: &Drift) -> Vec<Change<'_>> {
    let mut out = Vec::new();
    for p in d.pairs(ApiLang::Go) {
        let i = p.item();
        let module = d
            .unit(false, &i.unit)
            .or_else(|| d.unit(true, &i.unit))
            .map(|u| u.name.as_str())
            .unwrap_or("");
        let what = format!(
            "Go {} `{}`",
            noun(i.lang, i.kind),
            go_display(module, &i.name)
        );
        let member = matches!(
            i.kind,
            ApiKind::Field | ApiKind::Method | ApiKind::InterfaceMethod | ApiKind::Embed
        );
        match (p.old, p.new) {
            (Some(o), None) => {
                // A member of a removed type is reported with the type.
                if member && owner(d, false, o, &[ApiKind::Type]).is_none() {
                    continue;
                }
                out.push(Change::new(ID, p, Bump::Major, format!("{what} was removed (it was at {})", at(o)), format!("restore `{}` (a deprecated wrapper keeps callers building), or release a new major version", o.name)));
            }
            (None, Some(n)) => {
                let iface = matches!(n.kind, ApiKind::InterfaceMethod | ApiKind::Embed);
                match owner(d, true, n, &[ApiKind::Type]) {
                    Some(t) if iface && !t.has("sealed") && !t.has("constraint") => out.push(Change::new(
                        ID,
                        p,
                        Bump::Major,
                        format!("{what} was added to an interface other packages can implement: their types no longer satisfy it"),
                        "add the method to a new interface (and type-assert for it), or release a new major version",
                    )),
                    None if member => {}
                    _ => out.push(Change::new(ID, p, Bump::Minor, format!("{what} was added"), "")),
                }
            }
            (Some(o), Some(n)) => {
                if o.sig != n.sig && o.sig != "?" && n.sig != "?" {
                    out.push(Change::new(
                        ID,
                        p,
                        Bump::Major,
                        format!("{what} changed from `{}` to `{}`", o.sig, n.sig),
                        format!(
                            "keep `{}` as it was and add the new form under a new name",
                            o.name
                        ),
                    ));
                }
                if let (Some(a), Some(b)) = (&o.value, &n.value) {
                    if a != b {
                        out.push(Change::new(
                            ID,
                            p,
                            Bump::Major,
                            format!("{what} changed value from {a} to {b}"),
                            "keep the value, or add a new constant",
                        ));
                    }
                }
                if !o.has("ptr-receiver") && n.has("ptr-receiver") {
                    out.push(Change::new(ID, p, Bump::Major, format!("{what} now has a pointer receiver: values of the type no longer have it in their method set"), "keep the value receiver"));
                }
                if !o.has("noncomparable") && n.has("noncomparable") {
                    out.push(Change::new(ID, p, Bump::Major, format!("{what} is no longer comparable (a slice, map or func field was added): `==` and map keys of it stop compiling"), "keep the struct comparable (a pointer to the new field's type is comparable)"));
                }
                if !o.has("sealed") && n.has("sealed") {
                    out.push(Change::new(ID, p, Bump::Major, format!("{what} gained an unexported method: other packages can no longer implement it"), "keep the interface implementable"));
                }
            }
            (None, None) => {}
        }
    }
    out
}

impl Rule for GoApiBreak {
    fn id(&self) -> &'static str {
        ID
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if let Some(d) = cx.drift {
            report(d, changes(d), out);
        }
    }
}
