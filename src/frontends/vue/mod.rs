//! The Vue frontend: a `.vue` SFC → its scripts' [`ScriptModule`] facts,
//! spans kept in the `.vue` file's coordinates.

pub mod component;
pub mod sfc;

use crate::model::{FileFacts, FileKind, Problem, ScriptModule, Suppression};
use crate::source::LineIndex;

use super::script::{analyze_block, Dialect};
use super::suppress;

pub fn analyze(path: &str, bytes: &[u8]) -> FileFacts {
    let src = match super::utf8(path, FileKind::Vue, bytes) {
        Ok(s) => s,
        Err(facts) => return *facts,
    };
    let mut facts = FileFacts::new(path, FileKind::Vue);
    let idx = LineIndex::new(path, bytes);
    let sfc = sfc::split(src);
    if let Some((at, msg)) = &sfc.error {
        facts.problems.push(Problem {
            message: msg.clone(),
            origin: idx.origin(*at as u32, *at as u32 + 1),
        });
    }
    for c in &sfc.comments {
        if let Some((rules, reason)) = suppress::parse(&c.text) {
            facts.suppressions.push(Suppression {
                rules,
                reason,
                origin: idx.origin(c.range.0 as u32, c.range.1 as u32),
            });
        }
    }
    let mut merged: Option<ScriptModule> = None;
    for block in sfc.blocks.iter().filter(|b| b.tag == "script") {
        if block.attr("src").is_some() {
            continue;
        }
        let dialect = Dialect::of_lang(block.attr("lang").flatten());
        let (start, end) = block.content;
        let Some(mut m) = analyze_block(
            src,
            &src[start..end],
            start as u32,
            dialect,
            &idx,
            &mut facts,
        ) else {
            continue;
        };
        if block.attr("setup").is_none() {
            super::script::features::keep_outside_setup(&mut m.features);
        }
        match &mut merged {
            None => merged = Some(m),
            Some(acc) => {
                acc.imports.extend(m.imports);
                acc.exports.extend(m.exports);
                acc.bindings.extend(m.bindings);
                acc.calls.extend(m.calls);
                acc.interceptors.extend(m.interceptors);
                acc.features.extend(m.features);
            }
        }
    }
    facts.script = merged;
    facts
}
