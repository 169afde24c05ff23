//! Rule metadata and docs, from the embedded `rules/*.toml`.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::findings::Severity;

include!(concat!(env!("OUT_DIR"), "/rule_tomls.rs"));

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeta {
    pub id: String,
    pub name: String,
    pub family: String,
    pub default_severity: Severity,
    pub summary: String,
    pub rationale: String,
    pub fix: String,
    /// How sure a finding of this rule is: `very-high`, `high`, `medium`, `low`.
    #[serde(default = "default_precision")]
    pub precision: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Hidden unless asked for (`--stats` or `seam.toml`).
    #[serde(default)]
    pub hidden_by_default: bool,
    #[serde(default)]
    pub example: Vec<Example>,
}

fn default_precision() -> String {
    "high".into()
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub bad: String,
    pub good: String,
}

/// Every rule's metadata, sorted by id. A TOML that does not parse is a
/// build defect, caught by the registry test; here it is skipped.
pub fn all() -> &'static [RuleMeta] {
    static ALL: OnceLock<Vec<RuleMeta>> = OnceLock::new();
    ALL.get_or_init(|| {
        RULE_TOMLS
            .iter()
            .filter_map(|(_, text)| toml::from_str::<RuleMeta>(text).ok())
            .collect()
    })
}

pub fn get(id: &str) -> Option<&'static RuleMeta> {
    all().iter().find(|m| m.id.eq_ignore_ascii_case(id))
}

/// The default severity of a rule (`warning` for an unknown id).
pub fn default_severity(id: &str) -> Severity {
    get(id)
        .map(|m| m.default_severity)
        .unwrap_or(Severity::Warning)
}
