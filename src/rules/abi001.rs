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

/// apidiff's compatible changes of a defined type's underlying type: a
/// basic numeric type widened within its kind and signedness, and a
/// channel's direction removed.
fn compatible_type_change(old: &str, new: &str) -> bool {
    const WIDER: &[&[&str]] = &[
        &["int8", "int16", "int32", "int", "int64"],
        &["uint8", "uint16", "uint32", "uint", "uint64"],
        &["float32", "float64"],
        &["complex64", "complex128"],
    ];
    let rank = |t: &str| {
        WIDER
            .iter()
            .enumerate()
            .find_map(|(k, l)| l.iter().position(|x| *x == t).map(|p| (k, p)))
    };
    if let (Some((k1, p1)), Some((k2, p2))) = (rank(old), rank(new)) {
        return k1 == k2 && p2 >= p1;
    }
    let elem = |t: &str| {
        t.strip_prefix("<-chan ")
            .or_else(|| t.strip_prefix("chan<- "))
            .map(str::to_string)
    };
    elem(old).is_some_and(|e| new.strip_prefix("chan ") == Some(e.as_str()))
}

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
                // A func that became a variable of the same func type is
                // called the same way.
                if o.kind == ApiKind::Func
                    && d.find(false, ApiLang::Go, &o.unit, ApiKind::Var, &o.name)
                        .is_some_and(|v| v.sig == o.sig)
                {
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
                let widened = n.kind == ApiKind::Type
                    && o.sig != n.sig
                    && compatible_type_change(&o.sig, &n.sig);
                if widened {
                    out.push(Change::new(
                        ID,
                        p,
                        Bump::Minor,
                        format!("{what} changed compatibly from `{}` to `{}`", o.sig, n.sig),
                        "",
                    ));
                }
                if o.sig != n.sig && o.sig != "?" && n.sig != "?" && !widened {
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

#[cfg(test)]
mod tests {
    use super::compatible_type_change as ok;

    #[test]
    fn apidiff_compatible_underlying_changes() {
        assert!(ok("int32", "int64") && ok("uint", "uint64") && ok("float32", "float64"));
        assert!(!ok("int32", "int16") && !ok("int", "uint") && !ok("int", "float64"));
        assert!(ok("<-chan int", "chan int") && !ok("chan int", "<-chan int"));
    }
}
