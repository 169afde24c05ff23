//! `--format github`: one GitHub Actions workflow command per finding, so
//! findings show as annotations without code scanning.
//!
//! `::error file=web/src/api.ts,line=7,col=21,endLine=7,endColumn=42,title=HTTP001 (unknown-route)::message`

use super::uri::SourceBase;
use super::Report;
use crate::findings::{Finding, Severity};
use crate::rules::meta;

/// Escapes a command's data (the message), as the Actions runner unescapes it.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: data escaping plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

fn line(f: &Finding, base: &SourceBase) -> String {
    let o = &f.origin;
    let title = match meta::get(&f.rule) {
        Some(m) => format!("{} ({})", f.rule, m.name),
        None => f.rule.clone(),
    };
    let mut props = vec![format!("file={}", escape_property(&base.path(&o.path)))];
    if o.line > 0 {
        let end_line = o.end_line.max(o.line);
        props.push(format!("line={}", o.line));
        props.push(format!("col={}", o.column.max(1)));
        props.push(format!("endLine={end_line}"));
        props.push(format!("endColumn={}", o.end_column.max(1)));
    }
    props.push(format!("title={}", escape_property(&title)));
    let mut message = f.message.clone();
    for r in &f.related {
        let at = format!(
            "{}:{}:{}",
            base.path(&r.origin.path),
            r.origin.line,
            r.origin.column
        );
        message.push_str(&format!("\n  related: {at}: {}", r.message));
    }
    if let Some(help) = &f.help {
        message.push_str(&format!("\n  help: {help}"));
    }
    format!(
        "::{} {}::{}\n",
        command(f.severity),
        props.join(","),
        escape_data(&message)
    )
}

/// Renders one workflow command per finding, paths relative to `base`
/// (the repository root, which is what the runner resolves `file=` against).
pub fn render(report: &Report, base: &SourceBase) -> String {
    report.findings.iter().map(|f| line(f, base)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn base() -> SourceBase {
        SourceBase {
            root_uri: "file:///repo/".into(),
            prefix: "svc/".into(),
        }
    }

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        // `%` first: an input that looks escaped stays literal.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn one_command_per_finding() {
        let origin = Origin {
            path: "web/a,b:c.ts".into(),
            line: 7,
            column: 21,
            end_line: 7,
            end_column: 42,
            start: 0,
            end: 0,
        };
        let rel = Origin {
            line: 3,
            column: 2,
            path: "server/main.go".into(),
            ..origin.clone()
        };
        let f = Finding::new(
            "HTTP001",
            Severity::Error,
            origin.clone(),
            "GET /x: no route, 100%",
        )
        .related(&rel, "closest route: GET /y");
        let note = Finding::new("SEAM004", Severity::Note, origin, "unused");
        assert_eq!(
            line(&f, &base()),
            "::error file=svc/web/a%2Cb%3Ac.ts,line=7,col=21,endLine=7,endColumn=42,title=HTTP001 (unknown-route)\
             ::GET /x: no route, 100%25%0A  related: svc/server/main.go:3:2: closest route: GET /y\n"
        );
        assert!(line(&note, &base()).starts_with("::notice file=svc/web/a%2Cb%3Ac.ts,line=7,"));
        assert!(line(&note, &base()).contains("title=SEAM004 (unused-suppression)::unused\n"));
    }
}
