//! `seam summary FILE.sarif`: a Markdown summary of a SARIF log for a CI
//! job page (`$GITHUB_STEP_SUMMARY`): counts by rule and severity, then the
//! first findings with links to the lines. Reads any SARIF 2.1.0 log, so it
//! knows no rule beyond what the log's `tool.driver.rules` says.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Deserialize)]
pub struct Log {
    #[serde(default)]
    runs: Vec<Run>,
}

#[derive(Deserialize)]
struct Run {
    tool: Tool,
    #[serde(default)]
    results: Vec<SarifResult>,
}

#[derive(Deserialize)]
struct Tool {
    driver: Driver,
}

#[derive(Deserialize)]
struct Driver {
    name: String,
    #[serde(default)]
    rules: Vec<Rule>,
}

#[derive(Deserialize)]
struct Rule {
    id: String,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    #[serde(default)]
    rule_id: Option<String>,
    #[serde(default)]
    level: Option<String>,
    message: Message,
    #[serde(default)]
    locations: Vec<Location>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    text: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: Option<PhysicalLocation>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: Option<ArtifactLocation>,
    region: Option<Region>,
}

#[derive(Deserialize)]
struct ArtifactLocation {
    uri: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: Option<u32>,
}

pub fn parse(text: &str) -> Result<Log, String> {
    serde_json::from_str(text).map_err(|e| format!("not a SARIF log: {e}"))
}

const LEVELS: [&str; 3] = ["error", "warning", "note"];

fn rank(level: &str) -> usize {
    LEVELS
        .iter()
        .position(|l| *l == level)
        .unwrap_or(LEVELS.len())
}

/// Text for a Markdown table cell: no line breaks, no HTML, no table or
/// emphasis syntax.
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\r' | '\n' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A SARIF message as plain text: embedded links `[text](id)` become
/// `text`, escaped brackets and backslashes lose their backslash.
pub fn plain(message: &str) -> String {
    let cs: Vec<char> = message.chars().collect();
    let mut out = String::with_capacity(message.len());
    let mut i = 0;
    while i < cs.len() {
        match cs[i] {
            '\\' if matches!(cs.get(i + 1), Some('[' | ']' | '\\')) => {
                out.push(cs[i + 1]);
                i += 2;
            }
            '[' => match link_end(&cs, i) {
                Some((close, end)) => {
                    out.push_str(&plain(&cs[i + 1..close].iter().collect::<String>()));
                    i = end;
                }
                None => {
                    out.push('[');
                    i += 1;
                }
            },
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// For a `[` at `open` that starts an embedded link `[text](digits)`: the
/// index of its `]` and the index just past its `)`.
fn link_end(cs: &[char], open: usize) -> Option<(usize, usize)> {
    let mut i = open + 1;
    while i < cs.len() {
        match cs[i] {
            '\\' => i += 2,
            '[' => return None,
            ']' => break,
            _ => i += 1,
        }
    }
    let close = i;
    if cs.get(close + 1) != Some(&'(') {
        return None;
    }
    let digits = cs
        .get(close + 2..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    (digits > 0 && cs.get(close + 2 + digits) == Some(&')')).then_some((close, close + 3 + digits))
}

struct Row<'a> {
    level: &'a str,
    rule: &'a str,
    uri: Option<&'a str>,
    line: Option<u32>,
    message: &'a str,
}

/// Renders the summary. `link_base` (e.g. `https://github.com/o/r/blob/SHA/`)
/// turns locations into links; `top` limits the findings listed.
pub fn render(log: &Log, link_base: Option<&str>, top: usize) -> String {
    let tool = log
        .runs
        .first()
        .map(|r| r.tool.driver.name.as_str())
        .unwrap_or("seam");
    let mut names: BTreeMap<&str, &str> = BTreeMap::new();
    let mut counts: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let mut rows = Vec::new();
    for run in &log.runs {
        for r in &run.tool.driver.rules {
            names
                .entry(&r.id)
                .or_insert(r.name.as_deref().unwrap_or(""));
        }
        for res in &run.results {
            let level = res.level.as_deref().unwrap_or("warning");
            let rule = res.rule_id.as_deref().unwrap_or("?");
            if let Some(n) = counts.entry(rule).or_default().get_mut(rank(level)) {
                *n += 1;
            }
            let phys = res
                .locations
                .first()
                .and_then(|l| l.physical_location.as_ref());
            rows.push(Row {
                level,
                rule,
                uri: phys
                    .and_then(|p| p.artifact_location.as_ref())
                    .and_then(|a| a.uri.as_deref()),
                line: phys
                    .and_then(|p| p.region.as_ref())
                    .and_then(|r| r.start_line),
                message: &res.message.text,
            });
        }
    }
    let total: [usize; 3] = counts
        .values()
        .fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]]);
    let mut out = format!(
        "## {tool}: {} error{}, {} warning{}, {} note{}\n\n",
        total[0],
        plural(total[0]),
        total[1],
        plural(total[1]),
        total[2],
        plural(total[2])
    );
    if rows.is_empty() {
        out.push_str("No findings.\n");
        return out;
    }
    out.push_str(
        "| Rule | Name | Errors | Warnings | Notes |\n| --- | --- | ---: | ---: | ---: |\n",
    );
    for (rule, c) in &counts {
        let name = names.get(rule).copied().unwrap_or("");
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            cell(rule),
            cell(name),
            c[0],
            c[1],
            c[2]
        ));
    }
    // Most severe first; the log's order (path, line) within a level.
    rows.sort_by_key(|r| rank(r.level));
    out.push_str(
        "\n### Findings\n\n| Severity | Rule | Location | Message |\n| --- | --- | --- | --- |\n",
    );
    for r in rows.iter().take(top) {
        let at = match (r.uri, r.line) {
            (Some(u), Some(l)) => format!("{u}:{l}"),
            (Some(u), None) => u.to_string(),
            _ => String::new(),
        };
        let loc = match (link_base, r.uri) {
            (Some(b), Some(u)) if !u.contains("://") => {
                let anchor = r.line.map(|l| format!("#L{l}")).unwrap_or_default();
                format!("[{}]({b}{u}{anchor})", cell(&at))
            }
            _ => cell(&at),
        };
        out.push_str(&format!(
            "| {} | {} | {loc} | {} |\n",
            r.level,
            cell(r.rule),
            cell(&plain(r.message))
        ));
    }
    if rows.len() > top {
        out.push_str(&format!(
            "\n…and {} more (see the SARIF file or code scanning alerts).\n",
            rows.len() - top
        ));
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = r#"{"version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "seam", "rules": [
            {"id": "HTTP001", "name": "UnknownRoute"}, {"id": "SEAM004", "name": "UnusedSuppression"}]}},
        "results": [
            {"ruleId": "SEAM004", "level": "note", "message": {"text": "unused"},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": "web/a.ts"}, "region": {"startLine": 1}}}]},
            {"ruleId": "HTTP001", "level": "error", "message": {"text": "GET /x | <b>bold</b>\nnext"},
             "locations": [{"physicalLocation": {"artifactLocation": {"uri": "web/my%20a.ts"}, "region": {"startLine": 7}}}]},
            {"ruleId": "HTTP001", "level": "error", "message": {"text": "GET /y"}}
        ]}]}"#;

    #[test]
    fn counts_links_and_escaping() {
        let md = render(
            &parse(LOG).unwrap(),
            Some("https://github.com/o/r/blob/abc/"),
            20,
        );
        assert!(
            md.starts_with("## seam: 2 errors, 0 warnings, 1 note\n"),
            "{md}"
        );
        assert!(
            md.contains("| HTTP001 | UnknownRoute | 2 | 0 | 0 |\n"),
            "{md}"
        );
        assert!(
            md.contains("| SEAM004 | UnusedSuppression | 0 | 0 | 1 |\n"),
            "{md}"
        );
        // Errors first, then the note; the location is a link to the line.
        let err = md
            .find("[web/my%20a.ts:7](https://github.com/o/r/blob/abc/web/my%20a.ts#L7)")
            .unwrap();
        let note = md
            .find("[web/a.ts:1](https://github.com/o/r/blob/abc/web/a.ts#L1)")
            .unwrap();
        assert!(err < note);
        assert!(
            md.contains("GET /x \\| &lt;b&gt;bold&lt;/b&gt; next |"),
            "{md}"
        );
        assert!(!md.contains("more (see"));
    }

    #[test]
    fn sarif_links_become_plain_text() {
        assert_eq!(
            plain(r"no route (see [closest: GET /a](1), [b](2))"),
            "no route (see closest: GET /a, b)"
        );
        assert_eq!(
            plain(r"literal \[x\](1) and \\ and [y](z) [unclosed"),
            r"literal [x](1) and \ and [y](z) [unclosed"
        );
        assert_eq!(plain(r"[a \]b](12)"), "a ]b");
        assert_eq!(plain(r"[a](1"), "[a](1");
        assert_eq!(plain("["), "[");
        assert_eq!(plain(r"[\"), r"[\");
    }

    #[test]
    fn top_and_no_findings() {
        let md = render(&parse(LOG).unwrap(), None, 1);
        assert!(md.contains("| error | HTTP001 | web/my%20a.ts:7 |"), "{md}");
        assert!(md.contains("…and 2 more"), "{md}");
        let empty = render(
            &parse(r#"{"runs": [{"tool": {"driver": {"name": "seam"}}}]}"#).unwrap(),
            None,
            5,
        );
        assert_eq!(
            empty,
            "## seam: 0 errors, 0 warnings, 0 notes\n\nNo findings.\n"
        );
        assert!(parse("{").is_err());
        assert!(parse(r#"{"runs": [{"tool": {}}]}"#).is_err());
    }
}
