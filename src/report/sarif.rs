//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other
//! consumers. Typed structs, so the document's shape is checked by the
//! compiler; `tests/sarif.rs` validates it against the official schema.

use std::collections::BTreeMap;

use serde::Serialize;

use super::uri::{encode_path, SourceBase};
use super::{Report, INFORMATION_URI, TOOL_NAME, TOOL_VERSION};
use crate::findings::{Finding, Severity};
use crate::model::Origin;
use crate::rules::meta::{self, RuleMeta};

pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
pub const VERSION: &str = "2.1.0";
/// The uri base id every location is relative to.
pub const SRCROOT: &str = "%SRCROOT%";
/// Key of seam's line-independent fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "seam/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    /// SARIF's "friendly name" is Pascal case: `unknown-route` → `UnknownRoute`.
    name: String,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    tags: Vec<&'a str>,
    precision: &'a str,
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// CodeQL's vocabulary for `problem.severity`, which GitHub reads.
fn problem_severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "recommendation",
    }
}

fn rule(m: &RuleMeta) -> Rule<'_> {
    let (summary, rationale, fix) = (m.summary.trim(), m.rationale.trim(), m.fix.trim());
    Rule {
        id: &m.id,
        name: pascal_case(&m.name),
        short_description: Text { text: summary },
        full_description: Text { text: rationale },
        help: Help {
            text: format!("{summary}\n\n{rationale}\n\nFix: {fix}"),
            markdown: format!("{summary}\n\n**Why:** {rationale}\n\n**Fix:** {fix}"),
        },
        default_configuration: Configuration {
            level: level(m.default_severity),
        },
        properties: RuleProperties {
            tags: m.tags.iter().map(String::as_str).collect(),
            precision: &m.precision,
            problem_severity: problem_severity(m.default_severity),
        },
    }
}

fn pascal_case(name: &str) -> String {
    name.split(['-', '_', ' '])
        .flat_map(|word| {
            let mut cs = word.chars();
            cs.next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(cs)
        })
        .collect()
}

/// A valid SARIF region: lines and columns at least 1, the end not before
/// the start. `None` when the origin has no line (a whole-file fact).
fn region(o: &Origin) -> Option<Region> {
    if o.line == 0 {
        return None;
    }
    let start_column = o.column.max(1);
    let end_line = o.end_line.max(o.line);
    let end_column = if end_line == o.line {
        o.end_column.max(start_column)
    } else {
        o.end_column.max(1)
    };
    Some(Region {
        start_line: o.line,
        start_column,
        end_line,
        end_column,
    })
}

fn location(o: &Origin, base: &SourceBase, id: Option<usize>, message: Option<String>) -> Location {
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: encode_path(&base.path(&o.path)),
                uri_base_id: Some(SRCROOT),
            },
            region: region(o),
        },
        message: message.map(|text| Message { text }),
    }
}

/// SARIF messages may hold embedded links `[text](id)`; literal brackets
/// are escaped so that no text is read as one.
fn escape_brackets(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

fn result<'a>(f: &'a Finding, rules: &[RuleMeta], base: &SourceBase) -> SarifResult<'a> {
    let mut text = escape_brackets(&f.message);
    let related: Vec<Location> = f
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| location(&r.origin, base, Some(i + 1), Some(r.message.clone())))
        .collect();
    if !related.is_empty() {
        // GitHub shows related locations through links in the message.
        let links: Vec<String> = f
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| format!("[{}]({})", escape_brackets(&r.message), i + 1))
            .collect();
        text.push_str(&format!(" (see {})", links.join(", ")));
    }
    SarifResult {
        rule_id: &f.rule,
        rule_index: rules.iter().position(|m| m.id == f.rule),
        level: level(f.severity),
        message: Message { text },
        locations: [location(&f.origin, base, None, None)],
        related_locations: related,
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, f.fingerprint.as_str())]),
    }
}

/// Renders the report as SARIF, paths relative to `base`.
pub fn render(report: &Report, base: &SourceBase) -> String {
    let rules = meta::all();
    let doc = Log {
        schema: SCHEMA_URI,
        version: VERSION,
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: TOOL_NAME,
                    version: TOOL_VERSION,
                    semantic_version: TOOL_VERSION,
                    information_uri: INFORMATION_URI,
                    rules: rules.iter().map(rule).collect(),
                },
            },
            original_uri_base_ids: BTreeMap::from([(
                SRCROOT,
                ArtifactLocation {
                    uri: base.root_uri.clone(),
                    uri_base_id: None,
                },
            )]),
            column_kind: "utf16CodeUnits",
            results: report
                .findings
                .iter()
                .map(|f| result(f, rules, base))
                .collect(),
        }],
    };
    let mut s =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::Value;

    use super::*;
    use crate::findings::finalize;
    use crate::report::Summary;

    fn at(path: &str, line: u32, column: u32, end_column: u32) -> Origin {
        Origin {
            path: path.into(),
            line,
            column,
            end_line: line,
            end_column,
            start: 0,
            end: 0,
        }
    }

    fn sarif(findings: &[Finding]) -> Value {
        let report = Report {
            root: Path::new("/repo"),
            findings,
            summary: Summary::new(1, findings, None),
        };
        let base = SourceBase {
            root_uri: "file:///repo/".into(),
            prefix: String::new(),
        };
        serde_json::from_str(&render(&report, &base)).unwrap()
    }

    /// The bad fixture's two findings; `shift` moves them down (lines
    /// inserted above them).
    fn findings(shift: u32) -> Vec<Finding> {
        let go = at("server/main.go", 7 + shift, 2, 45);
        let mut v = vec![
            Finding::new(
                "HTTP002",
                Severity::Error,
                at("web/src/api.ts", 12 + shift, 10, 77),
                "PUT /api/orders is not served",
            )
            .key("PUT /api/orders")
            .related(&go, "registered here as POST /api/orders"),
            Finding::new(
                "HTTP001",
                Severity::Error,
                at("web/src dir/api [v2].ts", 7 + shift, 21, 42),
                "GET /x matches no route",
            )
            .key("GET /x")
            .related(&go, "closest route: GET /api/users")
            .related(
                &at("server/main.go", 8 + shift, 2, 49),
                "closest route: POST /api/orders",
            ),
            Finding::new(
                "SEAM004",
                Severity::Note,
                at("web/src/api.ts", 1 + shift, 1, 30),
                "seam-ignore HTTP001 suppresses nothing here",
            )
            .key("unused HTTP001"),
        ];
        finalize(&mut v);
        v
    }

    #[test]
    fn log_run_and_rules() {
        let doc = sarif(&findings(0));
        assert_eq!(doc["version"], "2.1.0");
        assert_eq!(doc["$schema"], SCHEMA_URI);
        let run = &doc["runs"][0];
        assert_eq!(run["columnKind"], "utf16CodeUnits");
        assert_eq!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            "file:///repo/"
        );
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "seam");
        assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));
        let rules = driver["rules"].as_array().unwrap();
        assert_eq!(rules.len(), meta::all().len());
        for (r, m) in rules.iter().zip(meta::all()) {
            assert_eq!(r["id"], m.id.as_str());
            assert_eq!(r["shortDescription"]["text"], m.summary.trim());
            assert_eq!(
                r["defaultConfiguration"]["level"],
                level(m.default_severity)
            );
            assert_eq!(r["properties"]["precision"], m.precision.as_str());
            assert_eq!(
                r["properties"]["tags"].as_array().unwrap().len(),
                m.tags.len()
            );
            assert!(r["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains(m.fix.trim()));
            let name = r["name"].as_str().unwrap();
            assert!(
                name.chars().next().unwrap().is_ascii_uppercase() && !name.contains('-'),
                "{name}"
            );
        }
        let http001 = rules.iter().find(|r| r["id"] == "HTTP001").unwrap();
        assert_eq!(http001["name"], "UnknownRoute");
        let seam004 = rules.iter().find(|r| r["id"] == "SEAM004").unwrap();
        assert_eq!(seam004["properties"]["problem.severity"], "recommendation");
    }

    #[test]
    fn results_locations_and_related() {
        let doc = sarif(&findings(0));
        let rules = doc["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .clone();
        let results = doc["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 3);
        for r in results {
            let i = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], r["ruleId"]);
        }
        let r = results.iter().find(|r| r["ruleId"] == "HTTP001").unwrap();
        assert_eq!(r["level"], "error");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"]["uri"],
            "web/src%20dir/api%20%5Bv2%5D.ts"
        );
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert_eq!(
            loc["region"],
            serde_json::json!({"startLine": 7, "startColumn": 21, "endLine": 7, "endColumn": 42})
        );
        let related = r["relatedLocations"].as_array().unwrap();
        assert_eq!(related.len(), 2);
        assert_eq!(related[0]["id"], 1);
        assert_eq!(related[1]["id"], 2);
        assert_eq!(
            related[1]["message"]["text"],
            "closest route: POST /api/orders"
        );
        assert_eq!(related[1]["physicalLocation"]["region"]["startLine"], 8);
        assert_eq!(
            r["message"]["text"],
            "GET /x matches no route (see [closest route: GET /api/users](1), [closest route: POST /api/orders](2))"
        );
        // No related locations: no key, no "see".
        let n = results.iter().find(|r| r["ruleId"] == "SEAM004").unwrap();
        assert_eq!(n["level"], "note");
        assert!(n.get("relatedLocations").is_none());
        assert_eq!(
            n["message"]["text"],
            "seam-ignore HTTP001 suppresses nothing here"
        );
    }

    #[test]
    fn fingerprints_ignore_inserted_lines() {
        let prints = |doc: &Value| -> Vec<(String, String)> {
            doc["runs"][0]["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["ruleId"].as_str().unwrap().to_string(),
                        r["partialFingerprints"][FINGERPRINT_KEY]
                            .as_str()
                            .unwrap()
                            .to_string(),
                    )
                })
                .collect()
        };
        let before = prints(&sarif(&findings(0)));
        let after = prints(&sarif(&findings(25)));
        assert_eq!(before, after);
        // ... while the lines did move, and every finding has its own print.
        assert_ne!(sarif(&findings(0)), sarif(&findings(25)));
        let mut distinct: Vec<&String> = before.iter().map(|(_, p)| p).collect();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 3);
        assert!(before.iter().all(|(_, p)| p.len() == 32));
    }

    #[test]
    fn regions_are_always_valid() {
        let mut o = at("a.ts", 3, 0, 0);
        assert_eq!(
            region(&o),
            Some(Region {
                start_line: 3,
                start_column: 1,
                end_line: 3,
                end_column: 1
            })
        );
        o.end_line = 1; // end before start
        o.end_column = 9;
        assert_eq!(region(&o).map(|r| (r.end_line, r.end_column)), Some((3, 9)));
        o.end_line = 5;
        o.end_column = 0;
        assert_eq!(region(&o).map(|r| (r.end_line, r.end_column)), Some((5, 1)));
        o.line = 0;
        assert_eq!(region(&o), None);
    }

    #[test]
    fn brackets_in_messages_are_not_links() {
        assert_eq!(escape_brackets(r"a [b](1) \c"), r"a \[b\](1) \\c");
        assert_eq!(
            pascal_case("request-encoding-mismatch"),
            "RequestEncodingMismatch"
        );
        assert_eq!(pascal_case("http2-off"), "Http2Off");
    }

    #[test]
    fn output_is_deterministic() {
        let f = findings(0);
        assert_eq!(sarif(&f), sarif(&f));
        let report = Report {
            root: Path::new("/repo"),
            findings: &f,
            summary: Summary::new(1, &f, None),
        };
        let base = SourceBase::at(Path::new("/"));
        assert_eq!(render(&report, &base), render(&report, &base));
    }
}
