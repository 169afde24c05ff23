//! `seam rules` and `seam explain`.

use super::{EXIT_OK, EXIT_USAGE};
use crate::rules::meta;

pub fn rules() -> i32 {
    let mut out = String::new();
    for m in meta::all() {
        out.push_str(&format!(
            "{:<8} {:<8} {:<34} {}\n",
            m.id,
            m.default_severity.as_str(),
            m.name,
            m.summary
        ));
    }
    print!("{out}");
    EXIT_OK
}

pub fn explain(id: &str) -> i32 {
    let Some(m) = meta::get(id) else {
        eprintln!("error: no rule `{id}` (see `seam rules`)");
        return EXIT_USAGE;
    };
    let mut out = format!(
        "{} {} ({} family, default severity {})\n\n{}\n\nWhy\n{}\n\nFix\n{}\n",
        m.id,
        m.name,
        m.family,
        m.default_severity.as_str(),
        m.summary.trim(),
        m.rationale.trim(),
        m.fix.trim()
    );
    for e in &m.example {
        out.push_str(&format!(
            "\nExamples: {} (raises it), {} (does not)\n",
            e.bad, e.good
        ));
    }
    print!("{out}");
    EXIT_OK
}
