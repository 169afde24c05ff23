//! ABI008 rust-api-break: a modest cargo-semver-checks subset: public items
//! removed (at every path they were reachable at), function and method
//! signatures changed, struct fields removed or retyped, fields added to a
//! constructible struct, variants added to an exhaustive enum, required
//! trait items added, defaults removed, `#[non_exhaustive]` added,
//! `#[repr(C)]` removed, trait impls and derives removed.

use super::abi::{at, noun, owner, report, Change};
use super::{Context, Rule};
use crate::drift::{Bump, Drift};
use crate::findings::Finding;
use crate::model::{ApiKind, ApiLang};

pub struct RustApiBreak;

const ID: &str = "ABI008";

/// What a member can belong to (a variant owns its fields).
const OWNERS: [ApiKind; 5] = [
    ApiKind::Struct,
    ApiKind::Enum,
    ApiKind::Trait,
    ApiKind::TypeAlias,
    ApiKind::Variant,
];

pub fn changes(d: &Drift) -> Vec<Change<'_>> {
    let mut out = Vec::new();
    for p in d.pairs(ApiLang::Rust) {
        let i = p.item();
        let what = format!("public {} `{}`", noun(i.lang, i.kind), i.name);
        let member = matches!(
            i.kind,
            ApiKind::Field
                | ApiKind::Method
                | ApiKind::Variant
                | ApiKind::InterfaceMethod
                | ApiKind::Impl
        ) || (matches!(i.kind, ApiKind::Const | ApiKind::TypeAlias)
            && i.name.contains("::")
            && owner(d, true, i, &OWNERS).is_some());
        match (p.old, p.new) {
            (Some(o), None) => {
                if member && owner(d, false, o, &OWNERS).is_none() {
                    continue;
                }
                let msg = if o.kind == ApiKind::Impl {
                    format!(
                        "`{}` no longer implements `{}` (it did at {})",
                        super::abi::owner_of(&o.name),
                        o.name.split_once(": ").map(|x| x.1).unwrap_or(""),
                        at(o)
                    )
                } else {
                    format!(
                        "{what} was removed or is no longer reachable at this path (it was at {})",
                        at(o)
                    )
                };
                out.push(Change::new(ID, p, Bump::Major, msg, "restore the item (a `pub use` keeps an old path working), or release a major version"));
            }
            (None, Some(n)) => {
                let Some(t) = (if member {
                    owner(d, true, n, &OWNERS)
                } else {
                    None
                }) else {
                    if !member {
                        out.push(Change::new(
                            ID,
                            p,
                            Bump::Minor,
                            format!("{what} was added"),
                            "",
                        ));
                    }
                    continue;
                };
                let breaking = match n.kind {
                    ApiKind::Field => match t.kind {
                        ApiKind::Struct => !t.has("private-fields") && !t.has("non-exhaustive"),
                        // A field of a struct or tuple variant: the enum's
                        // constructors and exhaustive patterns break.
                        ApiKind::Variant => !t.has("non-exhaustive"),
                        _ => false,
                    },
                    ApiKind::Variant => !t.has("non-exhaustive"),
                    ApiKind::InterfaceMethod | ApiKind::Const | ApiKind::TypeAlias => {
                        t.kind == ApiKind::Trait && !n.has("provided")
                    }
                    _ => false,
                };
                if breaking {
                    let why = match n.kind {
                        ApiKind::Field => "literals and exhaustive patterns of it stop compiling",
                        ApiKind::Variant => "exhaustive `match`es on the enum stop compiling",
                        _ => "implementations of the trait outside the crate stop compiling",
                    };
                    out.push(Change::new(ID, p, Bump::Major, format!("{what} was added: {why}"), "mark the type `#[non_exhaustive]` in a major release first, or give the trait item a default"));
                } else {
                    out.push(Change::new(
                        ID,
                        p,
                        Bump::Minor,
                        format!("{what} was added"),
                        "",
                    ));
                }
            }
            (Some(o), Some(n)) => {
                if o.sig != n.sig {
                    out.push(Change::new(
                        ID,
                        p,
                        Bump::Major,
                        format!("{what} changed from `{}` to `{}`", o.sig, n.sig),
                        "keep the old signature and add the new one under another name",
                    ));
                }
                let gained = |f: &str| !o.has(f) && n.has(f);
                let lost = |f: &str| o.has(f) && !n.has(f);
                if gained("non-exhaustive") {
                    out.push(Change::new(
                        ID,
                        p,
                        Bump::Major,
                        format!("{what} became `#[non_exhaustive]`"),
                        "only add `#[non_exhaustive]` in a major release",
                    ));
                }
                if gained("private-fields") && !o.has("non-exhaustive") {
                    out.push(Change::new(ID, p, Bump::Major, format!("{what} gained a private field: it can no longer be built with a struct literal outside the crate"), "keep every field public, or add a constructor in a major release"));
                }
                for r in o.flags.iter().filter(|f| f.starts_with("repr(")) {
                    if !n.has(r) {
                        out.push(Change::new(
                            ID,
                            p,
                            Bump::Major,
                            format!("{what} lost `#[{r}]`"),
                            format!("keep `#[{r}]`"),
                        ));
                    }
                }
                if lost("provided") {
                    out.push(Change::new(ID, p, Bump::Major, format!("{what} lost its default implementation: implementors must now write it"), "keep the default body"));
                }
                if gained("unsafe") || lost("mut") || gained("mut") {
                    out.push(Change::new(
                        ID,
                        p,
                        Bump::Major,
                        format!("{what} changed safety or mutability"),
                        "keep it as it was",
                    ));
                }
                if o.value.is_some()
                    && n.value.is_some()
                    && o.value != n.value
                    && o.kind == ApiKind::Variant
                {
                    out.push(Change::new(
                        ID,
                        p,
                        Bump::Major,
                        format!(
                            "{what} changed discriminant from {} to {}",
                            o.value.as_deref().unwrap_or(""),
                            n.value.as_deref().unwrap_or("")
                        ),
                        "keep the discriminant",
                    ));
                }
            }
            (None, None) => {}
        }
    }
    out
}

impl Rule for RustApiBreak {
    fn id(&self) -> &'static str {
        ID
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if let Some(d) = cx.drift {
            report(d, changes(d), out);
        }
    }
}
