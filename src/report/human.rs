//! `--format human`: rustc-style diagnostics with miette, the source of
//! both sides of a cross-stack finding shown.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use super::Report;
use crate::findings::{Finding, Severity};
use crate::model::Origin;
use crate::rules::meta;

/// Width of rendered diagnostics: fixed, so output does not depend on the terminal.
const WIDTH: usize = 100;

#[derive(Debug)]
struct Diag {
    message: String,
    code: String,
    severity: miette::Severity,
    src: Option<NamedSource<String>>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<Diag>,
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diag {}

impl Diagnostic for Diag {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.src.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (self.src.is_some() && !self.labels.is_empty())
            .then(|| Box::new(self.labels.iter().cloned()) as Box<_>)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        (!self.related.is_empty())
            .then(|| Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)) as Box<_>)
    }
}

/// Source texts read once per file.
struct Sources<'a> {
    root: &'a Path,
    texts: HashMap<String, Option<String>>,
}

impl Sources<'_> {
    fn get(&mut self, path: &str) -> Option<String> {
        let root = self.root;
        self.texts
            .entry(path.to_string())
            .or_insert_with(|| {
                std::fs::read(root.join(path))
                    .ok()
                    // A binary (a built artefact) has no source to show.
                    .filter(|b| !b[..b.len().min(8192)].contains(&0))
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
            })
            .clone()
    }
}

fn span(o: &Origin, text_len: usize) -> (usize, usize) {
    let start = (o.start as usize).min(text_len);
    let end = (o.end as usize).clamp(start, text_len);
    (start, end - start)
}

fn label(o: &Origin, text: &str, message: Option<String>) -> LabeledSpan {
    let (start, len) = span(o, text.len());
    LabeledSpan::new(message, start, len)
}

fn severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Note => miette::Severity::Advice,
    }
}

fn diag(f: &Finding, sources: &mut Sources) -> Diag {
    let name = meta::get(&f.rule).map(|m| m.name.as_str()).unwrap_or("");
    let text = sources.get(&f.origin.path);
    let mut labels = Vec::new();
    let mut related = Vec::new();
    if let Some(t) = &text {
        labels.push(label(&f.origin, t, Some("here".into())));
    }
    for r in &f.related {
        if r.origin.path == f.origin.path {
            if let Some(t) = &text {
                labels.push(label(&r.origin, t, Some(r.message.clone())));
            }
            continue;
        }
        let rt = sources.get(&r.origin.path);
        related.push(Diag {
            message: format!("{}: {}", r.origin.display(), r.message),
            code: String::new(),
            severity: miette::Severity::Advice,
            labels: rt
                .iter()
                .map(|t| label(&r.origin, t, Some(r.message.clone())))
                .collect(),
            src: rt.map(|t| NamedSource::new(&r.origin.path, t)),
            help: None,
            related: Vec::new(),
        });
    }
    let help = f
        .help
        .clone()
        .or_else(|| meta::get(&f.rule).map(|m| m.fix.trim().to_string()));
    Diag {
        message: format!("{} ({})", f.message, f.origin.display()),
        code: format!("{}({name})", f.rule),
        severity: severity(f.severity),
        src: text.map(|t| NamedSource::new(&f.origin.path, t)),
        labels,
        help,
        related,
    }
}

/// Renders every finding and a closing summary line.
pub fn render(report: &Report, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_links(false);
    let mut sources = Sources {
        root: report.root,
        texts: HashMap::new(),
    };
    let mut out = String::new();
    for f in report.findings {
        let d = diag(f, &mut sources);
        if handler.render_report(&mut out, &d).is_err() {
            out.push_str(&format!("{}: {}\n", f.rule, f.message));
        }
        out.push('\n');
    }
    let s = &report.summary;
    out.push_str(&format!(
        "seam: {} error{}, {} warning{}, {} note{} in {} file{}\n",
        s.errors,
        plural(s.errors),
        s.warnings,
        plural(s.warnings),
        s.notes,
        plural(s.notes),
        s.files,
        plural(s.files)
    ));
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
