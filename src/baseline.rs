//! Findings baselines: adopt seam on a tree with existing findings by
//! recording their fingerprints (`--write-baseline-findings FILE`) and
//! reporting only new ones afterwards (`--baseline-findings FILE`).
//! Fingerprints do not contain line numbers, so a baseline survives edits
//! that move the findings.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::findings::Finding;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub schema_version: u32,
    pub tool: String,
    pub findings: Vec<Entry>,
}

/// One baselined finding. Only the fingerprint is matched; rule, path and
/// message are there for the reader of the file (and its diffs).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read findings baseline {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("findings baseline {path} is not a seam baseline: {message}")]
    Parse { path: String, message: String },
    #[error("findings baseline {path} has schema_version {found}; this seam reads version {SCHEMA_VERSION}")]
    Version { path: String, found: u32 },
    #[error("cannot write findings baseline {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

impl Baseline {
    /// The baseline of these findings, sorted by path, rule, fingerprint.
    pub fn of(findings: &[Finding]) -> Self {
        let mut entries: Vec<Entry> = findings
            .iter()
            .map(|f| Entry {
                path: f.origin.path.to_string(),
                rule: f.rule.clone(),
                fingerprint: f.fingerprint.clone(),
                message: f.message.clone(),
            })
            .collect();
        entries.sort();
        entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        Baseline {
            schema_version: SCHEMA_VERSION,
            tool: format!("seam {}", env!("CARGO_PKG_VERSION")),
            findings: entries,
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        crate::cache::write_atomic(path, self.to_json().as_bytes()).map_err(|source| {
            BaselineError::Write {
                path: path.display().to_string(),
                source,
            }
        })
    }

    pub fn parse(text: &str, path: &str) -> Result<Self, BaselineError> {
        // The version first, so that a future format gets a clear message.
        #[derive(Deserialize)]
        struct Head {
            schema_version: u32,
        }
        let parse_err = |e: serde_json::Error| BaselineError::Parse {
            path: path.to_string(),
            message: e.to_string(),
        };
        let head: Head = serde_json::from_str(text).map_err(parse_err)?;
        if head.schema_version != SCHEMA_VERSION {
            return Err(BaselineError::Version {
                path: path.to_string(),
                found: head.schema_version,
            });
        }
        serde_json::from_str(text).map_err(parse_err)
    }

    pub fn read(path: &Path) -> Result<Self, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|source| BaselineError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Drops the findings whose fingerprint is in the baseline; returns how
    /// many were dropped.
    pub fn filter(&self, findings: &mut Vec<Finding>) -> usize {
        let known: BTreeSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let before = findings.len();
        findings.retain(|f| !known.contains(f.fingerprint.as_str()));
        before - findings.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::{finalize, Severity};
    use crate::model::Origin;

    fn finding(path: &str, line: u32, key: &str) -> Finding {
        let o = Origin {
            path: path.into(),
            line,
            column: 1,
            end_line: line,
            end_column: 5,
            start: 0,
            end: 4,
        };
        Finding::new(
            "HTTP001",
            Severity::Error,
            o,
            format!("{key} matches no route"),
        )
        .key(key)
    }

    #[test]
    fn roundtrip_sorted_and_filters_moved_findings() {
        let mut old = vec![
            finding("web/b.ts", 3, "GET /b"),
            finding("web/a.ts", 9, "GET /a"),
        ];
        finalize(&mut old);
        let b = Baseline::of(&old);
        assert_eq!(
            b.findings
                .iter()
                .map(|e| e.path.as_str())
                .collect::<Vec<_>>(),
            ["web/a.ts", "web/b.ts"]
        );
        let back = Baseline::parse(&b.to_json(), "b.json").unwrap();
        assert_eq!(back, b);

        // Same findings on other lines, plus a new one.
        let mut new = vec![
            finding("web/b.ts", 30, "GET /b"),
            finding("web/a.ts", 90, "GET /a"),
            finding("web/a.ts", 1, "GET /c"),
        ];
        finalize(&mut new);
        assert_eq!(back.filter(&mut new), 2);
        assert_eq!(new.len(), 1);
        assert!(new[0].message.starts_with("GET /c"));
    }

    #[test]
    fn corrupt_or_foreign_files_are_errors() {
        assert!(matches!(
            Baseline::parse("{ nope", "x"),
            Err(BaselineError::Parse { .. })
        ));
        assert!(matches!(
            Baseline::parse("[]", "x"),
            Err(BaselineError::Parse { .. })
        ));
        assert!(matches!(
            Baseline::parse(r#"{"schema_version": 7, "findings": []}"#, "x"),
            Err(BaselineError::Version { found: 7, .. })
        ));
        assert!(matches!(
            Baseline::parse(
                r#"{"schema_version": 1, "tool": "seam", "findings": [{"path": "a"}]}"#,
                "x"
            ),
            Err(BaselineError::Parse { .. })
        ));
        let missing = Baseline::read(Path::new("/nonexistent/seam-baseline.json"));
        assert!(matches!(missing, Err(BaselineError::Read { .. })));
    }
}
