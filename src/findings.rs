//! Findings: what rules report and reporters render.

use serde::{Deserialize, Serialize};

use crate::model::Origin;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "note" => Some(Severity::Note),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A place in the tree, with a message for related locations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub origin: Origin,
    pub message: String,
}

/// One finding of one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub origin: Origin,
    pub related: Vec<Related>,
    /// A fix specific to this finding (the rule's general fix is in its TOML).
    pub help: Option<String>,
    /// What identifies the finding without line numbers (`POST /api/users`):
    /// the base of its fingerprint, stable when unrelated lines move.
    pub key: String,
    /// Set by the pipeline once all findings are known.
    pub fingerprint: String,
}

impl Finding {
    pub fn new(rule: &str, severity: Severity, origin: Origin, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.to_string(),
            severity,
            message: message.into(),
            origin,
            related: Vec::new(),
            help: None,
            key: String::new(),
            fingerprint: String::new(),
        }
    }

    pub fn related(mut self, origin: &Origin, message: impl Into<String>) -> Self {
        self.related.push(Related {
            origin: origin.clone(),
            message: message.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = key.into();
        self
    }

    fn sort_key(&self) -> (&str, u32, u32, &str, &str, &str) {
        (
            &self.origin.path,
            self.origin.line,
            self.origin.column,
            &self.rule,
            &self.key,
            &self.message,
        )
    }
}

/// Sorts findings (path, line, column, rule, then content), removes exact
/// duplicates and gives each a fingerprint: a hash of rule, path, key and
/// the occurrence index of that triple, so inserting lines elsewhere in the
/// file leaves it unchanged.
pub fn finalize(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.related == b.related);
    let mut seen: std::collections::HashMap<(String, String, String), u32> = Default::default();
    for f in findings.iter_mut() {
        let key = if f.key.is_empty() {
            f.message.clone()
        } else {
            f.key.clone()
        };
        let n = seen
            .entry((f.rule.clone(), f.origin.path.to_string(), key.clone()))
            .or_insert(0);
        let mut h = blake3::Hasher::new();
        for part in [f.rule.as_str(), &*f.origin.path, key.as_str()] {
            h.update(part.as_bytes());
            h.update(&[0]);
        }
        h.update(&n.to_le_bytes());
        *n += 1;
        f.fingerprint = h.finalize().to_hex()[..32].to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &str, line: u32) -> Origin {
        Origin {
            path: path.into(),
            line,
            column: 1,
            end_line: line,
            end_column: 2,
            start: 0,
            end: 1,
        }
    }

    #[test]
    fn sorted_and_fingerprints_ignore_lines() {
        let mut a = vec![
            Finding::new("HTTP001", Severity::Error, at("b.ts", 3), "x").key("GET /a"),
            Finding::new("HTTP001", Severity::Error, at("a.ts", 9), "y").key("GET /b"),
        ];
        finalize(&mut a);
        assert_eq!(&*a[0].origin.path, "a.ts");
        let mut b = vec![
            Finding::new("HTTP001", Severity::Error, at("b.ts", 30), "x").key("GET /a"),
            Finding::new("HTTP001", Severity::Error, at("a.ts", 90), "y").key("GET /b"),
        ];
        finalize(&mut b);
        assert_eq!(a[0].fingerprint, b[0].fingerprint);
        assert_eq!(a[1].fingerprint, b[1].fingerprint);
        assert_ne!(a[0].fingerprint, a[1].fingerprint);
    }

    #[test]
    fn repeated_keys_get_distinct_fingerprints() {
        let mut v = vec![
            Finding::new("HTTP001", Severity::Error, at("a.ts", 1), "x").key("GET /a"),
            Finding::new("HTTP001", Severity::Error, at("a.ts", 5), "x").key("GET /a"),
        ];
        finalize(&mut v);
        assert_ne!(v[0].fingerprint, v[1].fingerprint);
    }
}
