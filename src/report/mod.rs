//! Reporters: render findings. They know findings and rule metadata, never
//! a rule's logic.

pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod uri;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::findings::{Finding, Severity};
use crate::link::LinkStats;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub by_rule: BTreeMap<String, usize>,
    /// Link statistics, with `--stats`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<LinkStats>,
}

impl Summary {
    pub fn new(files: usize, findings: &[Finding], links: Option<LinkStats>) -> Self {
        let mut s = Summary {
            files,
            findings: findings.len(),
            links,
            ..Default::default()
        };
        for f in findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Note => s.notes += 1,
            }
            *s.by_rule.entry(f.rule.clone()).or_default() += 1;
        }
        s
    }
}

/// What a reporter renders.
pub struct Report<'a> {
    /// The scanned root: paths in findings are relative to it.
    pub root: &'a Path,
    pub findings: &'a [Finding],
    pub summary: Summary,
}

pub const TOOL_NAME: &str = "seam";
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
pub const INFORMATION_URI: &str = "https://github.com/seam-lint/seam";
