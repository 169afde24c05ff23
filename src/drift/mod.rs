//! Drift: the exported surface of a tree ([`Contract`]), built from the
//! linked facts, and the comparison of a baseline contract with the
//! current one that the ABI / VER rules read.
//!
//! Baselines come from a snapshot file (`seam snapshot`), or from a git
//! revision read straight from the object database ([`git`]).

mod go;
mod http;
mod rust;
pub mod semver;
mod units;
mod web;

pub mod git;

use std::collections::BTreeMap;

use crate::config::Config;
use crate::link::Analysis;
use crate::model::{ApiItem, ApiKind, ApiLang, Contract, Origin, Unit, UnitKind};

pub use self::go::display as go_display;
pub use self::http::endpoint_key;
pub use self::semver::Bump;

/// Builds the contract of an analysed tree. `read` returns a file of the
/// same tree (for configured version files).
pub fn contract(a: &Analysis, config: &Config, read: &dyn Fn(&str) -> Option<Vec<u8>>) -> Contract {
    let version_files: Vec<(String, String)> = config
        .drift
        .version_files
        .iter()
        .filter_map(|p| {
            let bytes = read(p)?;
            Some((p.clone(), String::from_utf8_lossy(&bytes).into_owned()))
        })
        .collect();
    let units = units::collect(a, &version_files);
    let mut items = Vec::new();
    go::items(a, &units, &mut items);
    rust::items(a, &units, &mut items);
    web::items(a, &units, &mut items);
    http::items(a, &units, &mut items);
    let mut c = Contract {
        schema_version: crate::model::CONTRACT_SCHEMA_VERSION,
        units,
        items,
    };
    c.normalize();
    c
}

/// An item of the baseline and its counterpart in the current tree.
#[derive(Clone, Copy, Debug)]
pub struct Pair<'a> {
    pub old: Option<&'a ApiItem>,
    pub new: Option<&'a ApiItem>,
}

impl<'a> Pair<'a> {
    /// The item, current if it still exists.
    pub fn item(&self) -> &'a ApiItem {
        match (self.new, self.old) {
            (Some(n), _) => n,
            (None, Some(o)) => o,
            (None, None) => unreachable!("a pair has at least one side"),
        }
    }
}

/// Whether a unit's version change gives the bump its changes need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BumpStatus {
    Covered {
        old: String,
        new: String,
    },
    Missing {
        old: String,
        new: String,
        want: String,
    },
    /// No comparable versions (none declared, a private package, or a Go
    /// module without a version file for a minor bump).
    Unknown,
}

/// A baseline contract against the current one.
pub struct Drift {
    pub old: Contract,
    pub new: Contract,
    /// Report additions (minor bumps) as notes.
    pub show_additions: bool,
    /// What the baseline is, for messages (`seam-contract.json`, `HEAD~1`).
    pub baseline: String,
}

impl Drift {
    /// Items of `lang` paired by `(unit, kind, name)`, in key order.
    pub fn pairs(&self, lang: ApiLang) -> Vec<Pair<'_>> {
        let mut map: BTreeMap<(&str, ApiKind, &str), Pair> = BTreeMap::new();
        for i in self.old.items.iter().filter(|i| i.lang == lang) {
            map.insert(
                (&i.unit, i.kind, &i.name),
                Pair {
                    old: Some(i),
                    new: None,
                },
            );
        }
        for i in self.new.items.iter().filter(|i| i.lang == lang) {
            map.entry((&i.unit, i.kind, &i.name))
                .or_insert(Pair {
                    old: None,
                    new: None,
                })
                .new = Some(i);
        }
        map.into_values().collect()
    }

    /// The current item with this key, else the baseline one.
    pub fn find(
        &self,
        old: bool,
        lang: ApiLang,
        unit: &str,
        kind: ApiKind,
        name: &str,
    ) -> Option<&ApiItem> {
        let c = if old { &self.old } else { &self.new };
        c.items
            .iter()
            .find(|i| i.lang == lang && i.unit == unit && i.kind == kind && i.name == name)
    }

    pub fn unit(&self, old: bool, id: &str) -> Option<&Unit> {
        if old { &self.old } else { &self.new }.unit(id)
    }

    /// Does the version change of a unit give `bump`?
    pub fn bump_status(&self, unit: &str, bump: Bump) -> BumpStatus {
        let (Some(o), Some(n)) = (self.unit(true, unit), self.unit(false, unit)) else {
            return BumpStatus::Unknown;
        };
        if n.private {
            return BumpStatus::Unknown;
        }
        if let (Some(ov), Some(nv)) = (&o.version, &n.version) {
            let (Some(a), Some(b)) = (semver::parse(ov), semver::parse(nv)) else {
                return BumpStatus::Unknown;
            };
            return if semver::covers(&a, &b, bump) {
                BumpStatus::Covered {
                    old: ov.clone(),
                    new: nv.clone(),
                }
            } else {
                BumpStatus::Missing {
                    old: ov.clone(),
                    new: nv.clone(),
                    want: semver::next(&a, bump).to_string(),
                }
            };
        }
        if n.kind == UnitKind::GoModule && bump == Bump::Major {
            let (a, b) = (semver::go_major(&o.name), semver::go_major(&n.name));
            let show = |path: &str| format!("module path {path}");
            return if b > a {
                BumpStatus::Covered {
                    old: show(&o.name),
                    new: show(&n.name),
                }
            } else {
                let base = o.name.strip_suffix(&format!("/v{a}")).unwrap_or(&o.name);
                BumpStatus::Missing {
                    old: show(&o.name),
                    new: show(&n.name),
                    want: format!("{base}/v{}", a.saturating_add(1)),
                }
            };
        }
        BumpStatus::Unknown
    }

    /// Where a finding about a pair goes: the current item, else the
    /// baseline one, its path marked `baseline:` (the file may not exist
    /// any more, or hold other code at that line).
    pub fn location(&self, p: &Pair) -> Origin {
        match (p.new, p.old) {
            (Some(n), _) => n.origin(),
            (None, Some(o)) => baseline_origin(o),
            (None, None) => Origin::default(),
        }
    }
}

/// A baseline item's origin, path prefixed `baseline:`.
pub fn baseline_origin(o: &ApiItem) -> Origin {
    let mut origin = o.origin();
    origin.path = format!("baseline:{}", origin.path).into();
    origin
}

/// Analyses a tree given as in-memory files (a git revision), with the
/// walk's rules: known kinds, default excluded directories, include /
/// exclude globs, size limit.
pub fn analyze_blobs(files: Vec<git::Blob>, config: &Config) -> Result<Analysis, String> {
    use rayon::prelude::*;
    let include = crate::walk::globset(&config.include)?;
    let exclude = crate::walk::globset(&config.exclude)?;
    let selected: Vec<(String, crate::model::FileKind, Vec<u8>)> = files
        .into_iter()
        .filter(|(p, _)| {
            let mut dirs = p.split('/').collect::<Vec<_>>();
            dirs.pop();
            !dirs
                .iter()
                .any(|d| crate::walk::DEFAULT_EXCLUDED_DIRS.contains(d))
                && include.as_ref().is_none_or(|g| g.is_match(p))
                && !exclude.as_ref().is_some_and(|g| g.is_match(p))
        })
        .filter_map(|(p, b)| crate::walk::classify(&p).map(|k| (p, k, b)))
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(256 << 20)
        .build()
        .map_err(|e| e.to_string())?;
    let facts = pool.install(|| {
        selected
            .par_iter()
            .map(|(p, k, b)| crate::engine::analyze_contained(p, *k, b))
            .collect::<Vec<_>>()
    });
    Ok(crate::link::link(facts, config))
}

/// Whether the walk would read a file of this path and size.
pub fn wanted(path: &str, size: u64, config: &Config) -> bool {
    size <= config.max_file_size() && crate::walk::classify(path).is_some()
        || config.drift.version_files.iter().any(|v| v == path)
}
