//! VER003 insufficient-version-bump: the changes since the baseline need a
//! major (or minor) version bump of a unit — a crate, an npm package, a Go
//! module (`/vN` path, or a configured version file) — and its version did
//! not get it (semver, `0.x` included). Private packages make no promise.
//! Every ABI rule's changes count, whatever level `seam.toml` gives the rule.

use std::collections::BTreeMap;

use super::abi::Change;
use super::{abi001, abi002, abi003, abi004, abi005, abi006, abi007, abi008, Context, Rule};
use crate::drift::{Bump, BumpStatus, Drift};
use crate::findings::Finding;
use crate::model::Origin;

pub struct InsufficientVersionBump;

const ID: &str = "VER003";

type Changes = fn(&Drift) -> Vec<Change<'_>>;

const RULES: [(&str, Changes); 8] = [
    ("ABI001", abi001::changes),
    ("ABI002", abi002::changes),
    ("ABI003", abi003::changes),
    ("ABI004", abi004::changes),
    ("ABI005", abi005::changes),
    ("ABI006", abi006::changes),
    ("ABI007", abi007::changes),
    ("ABI008", abi008::changes),
];

impl Rule for InsufficientVersionBump {
    fn id(&self) -> &'static str {
        ID
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(d) = cx.drift else { return };
        // unit → changes, whatever the ABI rules' levels: the version
        // promise is about the API, not about what is reported.
        let mut by_unit: BTreeMap<String, Vec<Change>> = BTreeMap::new();
        for (_, changes) in RULES {
            for c in changes(d) {
                by_unit
                    .entry(c.pair.item().unit.clone())
                    .or_default()
                    .push(c);
            }
        }
        for (unit, changes) in by_unit {
            let Some(bump) = changes.iter().map(|c| c.bump).max() else {
                continue;
            };
            let BumpStatus::Missing { old, new, want } = d.bump_status(&unit, bump) else {
                continue;
            };
            let Some(u) = d.unit(false, &unit) else {
                continue;
            };
            let needed: Vec<&Change> = changes.iter().filter(|c| c.bump == bump).collect();
            let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
            for c in &needed {
                *per_rule.entry(c.rule).or_default() += 1;
            }
            let counts: Vec<String> = per_rule.iter().map(|(r, n)| format!("{r} ×{n}")).collect();
            let kind = if bump == Bump::Major {
                "breaking change"
            } else {
                "addition"
            };
            let (plural, verb) = if needed.len() == 1 {
                ("", "requires")
            } else {
                ("s", "require")
            };
            let origin = u
                .version_origin
                .clone()
                .unwrap_or_else(|| Origin::file(&u.version_path));
            let mut f = cx
                .finding(
                    ID,
                    &origin,
                    format!(
                        "since {}: {} {kind}{plural} {verb} a {bump} version bump of {}, and {old} → {new} is not one ({})",
                        d.baseline,
                        needed.len(),
                        u.name,
                        counts.join(", ")
                    ),
                )
                .help(format!("set the version to {want} (or undo the changes)"))
                .key(format!("{unit} {bump}"));
            for c in needed.iter().take(3) {
                f = f.related(&d.location(&c.pair), format!("{}: {}", c.rule, c.what));
            }
            out.push(f);
        }
    }
}
