//! ABI004 vue-component-api-break: a component's prop removed or renamed,
//! its type narrowed, made required or its default removed; an event no
//! longer emitted or its payload changed; a `defineModel` removed, renamed
//! or retyped; an exposed member removed.

use super::abi::{at, report, Change};
use super::{Context, Rule};
use crate::drift::{Bump, Drift, Pair};
use crate::findings::Finding;
use crate::model::{ApiItem, ApiKind, ApiLang};

pub struct VueComponentApiBreak;

const ID: &str = "ABI004";

fn parts(name: &str) -> (&str, &str) {
    name.rsplit_once('#').unwrap_or(("", name))
}

fn types(sig: &str) -> Vec<&str> {
    if sig.is_empty() {
        Vec::new()
    } else {
        sig.split(" | ").collect()
    }
}

/// A new-only item of the same component and kind with the same signature:
/// the likely new name of a removed one.
fn renamed<'a>(d: &'a Drift, o: &ApiItem) -> Option<&'a ApiItem> {
    let (file, _) = parts(&o.name);
    d.new.items.iter().find(|n| {
        n.lang == ApiLang::Vue
            && n.kind == o.kind
            && n.unit == o.unit
            && parts(&n.name).0 == file
            && n.sig == o.sig
            && d.find(true, ApiLang::Vue, &n.unit, n.kind, &n.name)
                .is_none()
    })
}

fn changed<'a>(p: Pair<'a>, o: &ApiItem, n: &ApiItem, out: &mut Vec<Change<'a>>) {
    let (file, name) = parts(&n.name);
    let what = |s: &str| format!("component {file}: {s}");
    let mut push = |msg: String, fix: &str| out.push(Change::new(ID, p, Bump::Major, msg, fix));
    match n.kind {
        ApiKind::Prop => {
            let (a, b) = (types(&o.sig), types(&n.sig));
            if a != b && !b.is_empty() && (a.is_empty() || !a.iter().all(|t| b.contains(t))) {
                let narrowed = !a.is_empty() && b.iter().all(|t| a.contains(t));
                let how = if narrowed { "narrowed" } else { "changed" };
                let was = if o.sig.is_empty() { "any" } else { &o.sig };
                push(
                    what(&format!("the type of prop `{name}` {how} from `{was}` to `{}`: parents passing the other types break", n.sig)),
                    "accept the old types too (a union), or add a new prop",
                );
            }
            if !o.has("required") && n.has("required") {
                push(
                    what(&format!(
                        "prop `{name}` became required: parents that leave it out now fail"
                    )),
                    "keep it optional with a default",
                );
            }
            if o.has("default") && !n.has("default") && !n.has("required") {
                push(what(&format!("prop `{name}` lost its default: parents that leave it out now pass `undefined`")), "restore the default (withDefaults or `default:`)");
            }
        }
        ApiKind::Emit if o.sig != "*" && n.sig != "*" && o.sig != n.sig => {
            push(what(&format!("the payload of event `{name}` changed from `{}` to `{}`: listeners read the wrong arguments", o.sig, n.sig)), "emit a new event with the new payload and keep the old one");
        }
        ApiKind::Model => {
            if o.sig != n.sig && !n.sig.is_empty() {
                push(
                    what(&format!(
                        "`v-model:{name}` changed type from `{}` to `{}`",
                        if o.sig.is_empty() { "any" } else { &o.sig },
                        n.sig
                    )),
                    "keep the model's type, or add a new model",
                );
            }
            if !o.has("required") && n.has("required") {
                push(
                    what(&format!("`v-model:{name}` became required")),
                    "keep it optional",
                );
            }
        }
        _ => {}
    }
}

pub fn changes(d: &Drift) -> Vec<Change<'_>> {
    let mut out = Vec::new();
    for p in d.pairs(ApiLang::Vue) {
        match (p.old, p.new) {
            (Some(o), None) => {
                let (file, name) = parts(&o.name);
                let thing = match o.kind {
                    ApiKind::Prop => format!("prop `{name}`"),
                    ApiKind::Emit => format!("event `{name}`"),
                    ApiKind::Model => format!("`v-model:{name}`"),
                    _ => format!("exposed member `{name}`"),
                };
                let gone = match renamed(d, o) {
                    Some(n) => format!("was renamed to `{}`", parts(&n.name).1),
                    None => "was removed".to_string(),
                };
                let effect = match o.kind {
                    ApiKind::Prop => "parents passing it are silently ignored",
                    ApiKind::Emit => "parent listeners never fire",
                    ApiKind::Model => "parents binding it lose two-way binding",
                    _ => "parents calling it through a template ref break",
                };
                out.push(Change::new(ID, p, Bump::Major, format!("component {file}: {thing} {gone} (it was at {}): {effect}", at(o)), "keep the old name as an alias (deprecated) or update every parent, and release a major version"));
            }
            (None, Some(n)) => {
                let (file, name) = parts(&n.name);
                if n.kind == ApiKind::Prop
                    && n.has("required")
                    && d.find(true, ApiLang::Vue, &n.unit, ApiKind::Prop, &n.name)
                        .is_none()
                {
                    let renamed_from = d.old.items.iter().any(|o| {
                        o.kind == ApiKind::Prop
                            && o.unit == n.unit
                            && parts(&o.name).0 == file
                            && o.sig == n.sig
                            && d.find(false, ApiLang::Vue, &o.unit, o.kind, &o.name)
                                .is_none()
                    });
                    if !renamed_from {
                        out.push(Change::new(ID, p, Bump::Major, format!("component {file} has a new required prop `{name}`: parents that do not pass it break"), "make the new prop optional with a default"));
                    }
                    continue;
                }
                out.push(Change::new(
                    ID,
                    p,
                    Bump::Minor,
                    format!("component {file} gained `{name}`"),
                    "",
                ));
            }
            (Some(o), Some(n)) => changed(p, o, n, &mut out),
            (None, None) => {}
        }
    }
    out
}

impl Rule for VueComponentApiBreak {
    fn id(&self) -> &'static str {
        ID
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if let Some(d) = cx.drift {
            report(d, changes(d), out);
        }
    }
}
