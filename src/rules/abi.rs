//! What the drift rules (ABI001–ABI008) share: a change between the
//! baseline and the current tree, the bump it requires, and how it becomes
//! a finding (location, old location, version status, key). VER003 reads
//! the same changes.

use super::meta;
use crate::drift::{baseline_origin, Bump, BumpStatus, Drift, Pair};
use crate::findings::{Finding, Severity};
use crate::model::{ApiItem, ApiKind, ApiLang};

/// One incompatible (or, for `Minor`, additive) change.
pub struct Change<'a> {
    pub rule: &'static str,
    pub pair: Pair<'a>,
    pub bump: Bump,
    /// What changed, naming the item: "Go func `catalog.New` was removed".
    pub what: String,
    /// How to fix it without the bump.
    pub fix: String,
}

impl<'a> Change<'a> {
    pub fn new(
        rule: &'static str,
        pair: Pair<'a>,
        bump: Bump,
        what: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Change {
            rule,
            pair,
            bump,
            what: what.into(),
            fix: fix.into(),
        }
    }
}

/// `path:line` of an item, or its path when the line is not known (an
/// item read from a snapshot).
pub fn at(i: &ApiItem) -> String {
    match &i.origin {
        Some(o) => o.display(),
        None => i.path.clone(),
    }
}

/// The part of a member name before the last separator (`pkg.T.F` →
/// `pkg.T`, `a::S::new` → `a::S`, `S: Clone` → `S`).
pub fn owner_of(name: &str) -> &str {
    if let Some((o, _)) = name.split_once(": ") {
        return o;
    }
    let dot = name.rfind('.');
    let colons = name.rfind("::");
    match (dot, colons) {
        (Some(d), Some(c)) if c > d => &name[..c],
        (Some(d), _) => &name[..d],
        (None, Some(c)) => &name[..c],
        (None, None) => name,
    }
}

/// The current item a member belongs to, if it still exists (and if it did
/// not exist in the baseline, `None` from `old`).
pub fn owner<'d>(d: &'d Drift, old: bool, i: &ApiItem, kinds: &[ApiKind]) -> Option<&'d ApiItem> {
    let o = owner_of(&i.name);
    kinds
        .iter()
        .find_map(|k| d.find(old, i.lang, &i.unit, *k, o))
}

fn unit_name(d: &Drift, unit: &str) -> String {
    d.unit(false, unit)
        .or_else(|| d.unit(true, unit))
        .map(|u| u.name.clone())
        .unwrap_or_else(|| unit.to_string())
}

/// The findings of a rule's changes.
pub fn report(d: &Drift, changes: Vec<Change>, out: &mut Vec<Finding>) {
    for c in changes {
        if c.bump == Bump::Minor && !d.show_additions {
            continue;
        }
        let item = c.pair.item();
        let status = d.bump_status(&item.unit, c.bump);
        let unit = unit_name(d, &item.unit);
        let (severity, tail) = match (&status, c.bump) {
            (_, Bump::Minor) => (Severity::Note, format!("an addition: needs a minor version bump of {unit}")),
            (BumpStatus::Covered { old, new }, _) => (
                Severity::Note,
                format!("requires a major version bump of {unit}, which {old} → {new} gives"),
            ),
            (BumpStatus::Missing { old, new, want }, _) => (
                meta::default_severity(c.rule),
                format!("requires a major version bump of {unit} ({old} → {new} is not one; make it {want})"),
            ),
            (BumpStatus::Unknown, _) => (meta::default_severity(c.rule), format!("requires a major version bump of {unit}")),
        };
        let mut f = Finding::new(
            c.rule,
            severity,
            d.location(&c.pair),
            format!("since {}: {}; {tail}", d.baseline, c.what),
        )
        .help(if c.fix.is_empty() {
            format!("release it in a new {} version of {unit}", c.bump)
        } else {
            c.fix
        })
        .key(format!("{} {:?} {}", item.unit, item.kind, item.name));
        if let (Some(o), Some(_)) = (c.pair.old, c.pair.new) {
            let value = o
                .value
                .as_ref()
                .map(|v| format!(" = {v}"))
                .unwrap_or_default();
            let was = if o.sig.is_empty() {
                o.flags.join(", ")
            } else {
                o.sig.clone()
            };
            f = f.related(
                &baseline_origin(o),
                format!("in the baseline: {was}{value}"),
            );
        }
        out.push(f);
    }
}

/// What a kind is called in messages.
pub fn noun(lang: ApiLang, kind: ApiKind) -> &'static str {
    match (lang, kind) {
        (ApiLang::Go, ApiKind::Func)
        | (ApiLang::Rust, ApiKind::Func)
        | (ApiLang::Ts, ApiKind::Func) => "function",
        (_, ApiKind::Method) => "method",
        (ApiLang::Go, ApiKind::Type) => "type",
        (_, ApiKind::Field) => "field",
        (_, ApiKind::Const) => "constant",
        (_, ApiKind::Var) => "variable",
        (_, ApiKind::Static) => "static",
        (ApiLang::Go, ApiKind::InterfaceMethod) => "interface method",
        (_, ApiKind::InterfaceMethod) => "trait method",
        (_, ApiKind::Embed) => "embedded interface element",
        (_, ApiKind::Struct) => "struct",
        (_, ApiKind::Enum) => "enum",
        (_, ApiKind::Variant) => "enum variant",
        (_, ApiKind::Trait) => "trait",
        (_, ApiKind::TypeAlias) => "type alias",
        (_, ApiKind::Module) => "module",
        (_, ApiKind::Macro) => "macro",
        (_, ApiKind::Impl) => "trait implementation",
        (_, ApiKind::Reexport) => "re-export",
        (_, ApiKind::Class) => "class",
        (_, ApiKind::Interface) => "interface",
        (_, ApiKind::Member) => "member",
        (_, ApiKind::Prop) => "prop",
        (_, ApiKind::Emit) => "event",
        (_, ApiKind::Model) => "v-model",
        (_, ApiKind::Expose) => "exposed member",
        (_, ApiKind::Endpoint) => "endpoint",
        (_, ApiKind::RequestField) => "request field",
        (_, ApiKind::ResponseField) => "response field",
        _ => "item",
    }
}
