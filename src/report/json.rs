//! `--format json`: the stable machine-readable report (schema in README).

use serde::Serialize;

use super::{Report, Summary, TOOL_NAME, TOOL_VERSION};
use crate::findings::Finding;
use crate::model::Origin;
use crate::rules::meta;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    tool: Tool,
    findings: Vec<JsonFinding<'a>>,
    summary: &'a Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    name: &'a str,
    severity: &'static str,
    message: &'a str,
    location: Location<'a>,
    related: Vec<RelatedLocation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

impl<'a> From<&'a Origin> for Location<'a> {
    fn from(o: &'a Origin) -> Self {
        Location {
            path: &o.path,
            line: o.line,
            column: o.column,
            end_line: o.end_line,
            end_column: o.end_column,
        }
    }
}

#[derive(Serialize)]
struct RelatedLocation<'a> {
    #[serde(flatten)]
    location: Location<'a>,
    message: &'a str,
}

fn finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        rule: &f.rule,
        name: meta::get(&f.rule).map(|m| m.name.as_str()).unwrap_or(""),
        severity: f.severity.as_str(),
        message: &f.message,
        location: (&f.origin).into(),
        related: f
            .related
            .iter()
            .map(|r| RelatedLocation {
                location: (&r.origin).into(),
                message: &r.message,
            })
            .collect(),
        help: f.help.as_deref(),
        fingerprint: &f.fingerprint,
    }
}

pub fn render(report: &Report) -> String {
    let doc = JsonReport {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: TOOL_NAME,
            version: TOOL_VERSION,
        },
        findings: report.findings.iter().map(finding).collect(),
        summary: &report.summary,
    };
    let mut s =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
