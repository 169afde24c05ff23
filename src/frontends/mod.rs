//! Frontends: one pure function per input kind, `(path, bytes) -> FileFacts`,
//! with no I/O of their own.

pub mod binary;
pub mod go;
pub mod manifest;
pub mod rust;
pub mod script;
pub mod suppress;
pub mod vue;

use crate::model::{FileFacts, FileKind, Problem};
use crate::source::LineIndex;

/// Analyses one file of a known kind.
pub fn analyze(path: &str, kind: FileKind, bytes: &[u8]) -> FileFacts {
    match kind {
        FileKind::Go => go::analyze(path, bytes),
        FileKind::Script => script::analyze(path, bytes),
        FileKind::Vue => vue::analyze(path, bytes),
        FileKind::GoMod
        | FileKind::PackageJson
        | FileKind::Env
        | FileKind::TsConfig
        | FileKind::NpmLock
        | FileKind::CargoToml
        | FileKind::CargoLock => manifest::analyze(path, kind, bytes),
        FileKind::Rust => rust::analyze(path, bytes),
        FileKind::Binary => binary::analyze(path, bytes),
    }
}

/// Text files must be UTF-8; a file that is not is reported, not guessed at.
/// Returns the text or the facts carrying the problem.
pub fn utf8<'a>(path: &str, kind: FileKind, bytes: &'a [u8]) -> Result<&'a str, Box<FileFacts>> {
    if bytes.contains(&0) {
        let mut facts = FileFacts::new(path, kind);
        facts.problems.push(Problem {
            message: "binary content (a NUL byte) in a text source file".into(),
            origin: LineIndex::new(path, bytes).origin(0, 0),
        });
        return Err(Box::new(facts));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let mut facts = FileFacts::new(path, kind);
        let at = e.valid_up_to() as u32;
        facts.problems.push(Problem {
            message: "not valid UTF-8".into(),
            origin: LineIndex::new(path, bytes).origin(at, at + 1),
        });
        Box::new(facts)
    })
}

/// Parses a file and nothing more (the benchmark floor). True when it parsed.
pub fn parse_only(path: &str, kind: FileKind, bytes: &[u8]) -> bool {
    match kind {
        FileKind::Go => go::parse_only(bytes),
        FileKind::Script => std::str::from_utf8(bytes)
            .map(|s| script::parse(s, 0, script::Dialect::of_path(path)).is_ok())
            .unwrap_or(false),
        FileKind::Vue => std::str::from_utf8(bytes)
            .map(|s| {
                vue::sfc::split(s)
                    .blocks
                    .iter()
                    .filter(|b| b.tag == "script")
                    .all(|b| {
                        let dialect = script::Dialect::of_lang(b.attr("lang").flatten());
                        script::parse(&s[b.content.0..b.content.1], b.content.0 as u32, dialect)
                            .is_ok()
                    })
            })
            .unwrap_or(false),
        FileKind::Rust => rust::parse_only(bytes),
        _ => true,
    }
}
