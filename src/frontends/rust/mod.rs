//! The Rust frontend: one `.rs` file → its public items, module
//! declarations and `pub use` re-exports ([`RustFile`]), with syn. syn has
//! no error recovery: a file that does not parse is a problem (SEAM001)
//! and contributes nothing.

mod axum;
mod code;
mod items;
mod rtype;
mod serde_attrs;
mod sig;
mod tidy;

use crate::model::{FileFacts, FileKind, FileSurface, Problem};
use crate::source::LineIndex;

pub use tidy::tidy;

/// A syn type as the model writes it (tests build types from text).
#[cfg(test)]
pub use rtype::of as type_of;

/// Deeper delimiter nesting than this is not handed to syn, whose parser
/// recurses per level (20,000 levels overflow even a 256 MiB stack).
pub const MAX_NESTING: usize = 256;

/// The deepest nesting of `()`, `[]`, `{}` in a file's tokens, counted
/// without recursion; `None` when it does not tokenize.
fn nesting(src: &str) -> Option<usize> {
    let ts: proc_macro2::TokenStream = src.parse().ok()?;
    let mut stack = vec![ts.into_iter()];
    let mut max = 0;
    while let Some(top) = stack.last_mut() {
        match top.next() {
            Some(proc_macro2::TokenTree::Group(g)) => {
                stack.push(g.stream().into_iter());
                max = max.max(stack.len() - 1);
            }
            Some(_) => {}
            None => {
                stack.pop();
            }
        }
    }
    Some(max)
}

/// Parses only (the benchmark floor).
pub fn parse_only(bytes: &[u8]) -> bool {
    let ok = std::str::from_utf8(bytes)
        .map(|s| nesting(s).is_some_and(|d| d <= MAX_NESTING) && syn::parse_file(s).is_ok())
        .unwrap_or(false);
    proc_macro2::extra::invalidate_current_thread_spans();
    ok
}

pub fn analyze(path: &str, bytes: &[u8]) -> FileFacts {
    let src = match super::utf8(path, FileKind::Rust, bytes) {
        Ok(s) => s,
        Err(facts) => return *facts,
    };
    let mut facts = FileFacts::new(path, FileKind::Rust);
    let idx = LineIndex::new(path, bytes);
    // syn strips a byte-order mark; spans then count from after it.
    let base = if src.starts_with('\u{feff}') { 3 } else { 0 };
    if nesting(src).is_some_and(|d| d > MAX_NESTING) {
        facts.problems.push(Problem {
            message: format!(
                "nesting deeper than {MAX_NESTING} levels; the file's items are not read"
            ),
            origin: idx.origin(0, 0),
        });
        proc_macro2::extra::invalidate_current_thread_spans();
        return facts;
    }
    match syn::parse_file(src) {
        Ok(file) => {
            let mut ex = items::Extractor::new(&idx, base);
            ex.file(&file);
            ex.out.code = code::extract(&file, &idx, base);
            facts.surface = Some(FileSurface {
                rust: Some(ex.out),
                ..Default::default()
            });
        }
        Err(e) => {
            let r = e.span().byte_range();
            let (s, end) = (r.start as u32 + base, r.end.max(r.start + 1) as u32 + base);
            facts.problems.push(Problem {
                message: format!("Rust syntax error: {e}; the file's items are not read"),
                origin: idx.origin(s, end),
            });
        }
    }
    // Spans live in a per-thread source map that only grows: drop it.
    proc_macro2::extra::invalidate_current_thread_spans();
    facts
}

#[cfg(test)]
mod tests;
