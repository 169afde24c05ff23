//! The TS/JS frontend: one module (a file, or an SFC script block) →
//! [`ScriptModule`] facts, with swc.

mod depth;
mod devproxy;
mod extract;
pub mod features;
mod names;
mod parse;
pub mod surface;
mod types;

pub use parse::{offset, parse, Dialect, Parsed};

use crate::model::{FileFacts, FileKind, Problem, ScriptModule, Suppression};
use crate::source::LineIndex;

use super::suppress;

pub fn analyze(path: &str, bytes: &[u8]) -> FileFacts {
    let src = match super::utf8(path, FileKind::Script, bytes) {
        Ok(s) => s,
        Err(facts) => return *facts,
    };
    let mut facts = FileFacts::new(path, FileKind::Script);
    let idx = LineIndex::new(path, bytes);
    let module = analyze_block(src, src, 0, Dialect::of_path(path), &idx, &mut facts);
    if let Some(mut m) = module {
        features::keep_outside_setup(&mut m.features);
        if devproxy::is_dev_config(path) {
            if let Ok(parsed) = parse(src, 0, Dialect::of_path(path)) {
                m.dev_proxy = devproxy::extract(&parsed.program, &idx);
            }
        }
        facts.script = Some(m);
    }
    facts
}

/// Parses and extracts one block of `file_text` (`block` starts at byte
/// `base`). Parse problems and suppressions go into `facts`.
pub fn analyze_block(
    file_text: &str,
    block: &str,
    base: u32,
    dialect: Dialect,
    idx: &LineIndex,
    facts: &mut FileFacts,
) -> Option<ScriptModule> {
    let parsed = match parse(block, base, dialect) {
        Ok(p) => p,
        Err((at, msg)) => {
            let message = if msg.starts_with(depth::TOO_DEEP) {
                msg
            } else {
                format!("syntax error: {msg}")
            };
            facts.problems.push(Problem {
                message,
                origin: idx.origin(at, at + 1),
            });
            return None;
        }
    };
    // Recovered errors still lose meaning (merge-conflict markers, stray
    // tokens): report the first.
    if let Some((at, msg)) = parsed.recovered.first() {
        facts.problems.push(Problem {
            message: format!("syntax error: {msg}"),
            origin: idx.origin(*at, at + 1),
        });
    }
    for c in &parsed.comments {
        if let Some((rules, reason)) = suppress::parse(&c.text) {
            facts.suppressions.push(Suppression {
                rules,
                reason,
                origin: idx.origin(offset(c.span.lo), offset(c.span.hi)),
            });
        }
    }
    surface::collect(&parsed.program, file_text, idx, facts);
    let mut ex = extract::Extractor::new(file_text, idx);
    ex.program(&parsed.program);
    ex.out.features = features::collect(&parsed.program, idx);
    Some(ex.out)
}
