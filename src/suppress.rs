//! Inline suppressions: `seam-ignore RULE: reason` on the flagged line or
//! the line above, in either file of a cross-stack finding. Suppressions
//! that match nothing, or give no reason, are reported (SEAM004).

use std::collections::HashMap;

use crate::config::{Config, RuleLevel};
use crate::findings::Finding;
use crate::link::Analysis;
use crate::model::{Origin, Suppression};
use crate::rules::meta;

pub const RULE: &str = "SEAM004";

pub fn apply(analysis: &Analysis, config: &Config, findings: &mut Vec<Finding>) {
    // (path, line) → suppressions ending on that line.
    let mut by_line: HashMap<(&str, u32), Vec<&Suppression>> = HashMap::new();
    for f in &analysis.files {
        for s in &f.suppressions {
            by_line
                .entry((f.path.as_str(), s.origin.end_line))
                .or_default()
                .push(s);
        }
    }
    if by_line.is_empty() {
        return;
    }
    let mut used: HashMap<*const Suppression, bool> = HashMap::new();
    let covers = |o: &Origin, rule: &str, used: &mut HashMap<*const Suppression, bool>| -> bool {
        let mut hit = false;
        for line in [o.line, o.line.saturating_sub(1)] {
            for s in by_line.get(&(&*o.path, line)).into_iter().flatten() {
                if s.rules.iter().any(|r| r == rule) {
                    used.insert(*s as *const _, true);
                    hit = true;
                }
            }
        }
        hit
    };
    findings.retain(|f| {
        let mut hit = covers(&f.origin, &f.rule, &mut used);
        for r in &f.related {
            hit |= covers(&r.origin, &f.rule, &mut used);
        }
        !hit
    });
    if config.rule_level(RULE) == Some(RuleLevel::Off) {
        return;
    }
    let severity = match config.rule_level(RULE) {
        Some(RuleLevel::Level(s)) => s,
        _ => meta::default_severity(RULE),
    };
    for f in &analysis.files {
        for s in &f.suppressions {
            let rules = s.rules.join(", ");
            if s.rules.is_empty() {
                findings.push(
                    Finding::new(RULE, severity, s.origin.clone(), "seam-ignore names no rule")
                        .key("no-rule")
                        .help("write `seam-ignore RULE: reason`, e.g. `seam-ignore HTTP001: served by the CDN`"),
                );
            } else if !used.contains_key(&(s as *const _)) {
                findings.push(
                    Finding::new(
                        RULE,
                        severity,
                        s.origin.clone(),
                        format!("seam-ignore {rules} suppresses nothing here"),
                    )
                    .key(format!("unused {rules}"))
                    .help("remove the comment, or move it onto the flagged line or the line above"),
                );
            } else if s.reason.is_none() {
                findings.push(
                    Finding::new(
                        RULE,
                        severity,
                        s.origin.clone(),
                        format!("seam-ignore {rules} gives no reason"),
                    )
                    .key(format!("no-reason {rules}"))
                    .help(format!("say why: `seam-ignore {rules}: <reason>`")),
                );
            }
        }
    }
}
