//! swc parsing of a TS/JS source (a whole file or one SFC block), with
//! spans kept as byte offsets of the file.

use swc_common::comments::{Comment, SingleThreadedComments};
use swc_common::{BytePos, Spanned};
use swc_ecma_ast::{EsVersion, Program};
use swc_ecma_parser::{lexer::Lexer, EsSyntax, Parser, StringInput, Syntax, TsSyntax};

/// The dialect a source is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Ts,
    Tsx,
    Js,
}

impl Dialect {
    /// From a file name (`.ts`, `.tsx`, `.js`, ...).
    pub fn of_path(path: &str) -> Dialect {
        let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        match ext {
            "ts" | "mts" | "cts" => Dialect::Ts,
            "tsx" => Dialect::Tsx,
            _ => Dialect::Js,
        }
    }

    /// From an SFC `<script lang="...">`.
    pub fn of_lang(lang: Option<&str>) -> Dialect {
        match lang {
            Some("ts") => Dialect::Ts,
            Some("tsx") => Dialect::Tsx,
            _ => Dialect::Js,
        }
    }
}

pub struct Parsed {
    pub program: Program,
    pub comments: Vec<Comment>,
    /// Errors the parser recovered from: (byte offset, message).
    pub recovered: Vec<(u32, String)>,
}

/// Parses `src`, which starts at byte `base` of its file.
/// `Err((offset, message))` when the parser could not produce a tree.
pub fn parse(src: &str, base: u32, dialect: Dialect) -> Result<Parsed, (u32, String)> {
    if let Some(at) = super::depth::too_deep(src, super::depth::MAX_DEPTH) {
        return Err((
            base + at as u32,
            format!(
                "{} {} levels; the file is not read",
                super::depth::TOO_DEEP,
                super::depth::MAX_DEPTH
            ),
        ));
    }
    let syntax = match dialect {
        Dialect::Ts | Dialect::Tsx => Syntax::Typescript(TsSyntax {
            tsx: dialect == Dialect::Tsx,
            decorators: true,
            ..Default::default()
        }),
        Dialect::Js => Syntax::Es(EsSyntax {
            jsx: true,
            decorators: true,
            ..Default::default()
        }),
    };
    let comments = SingleThreadedComments::default();
    let start = BytePos(base + 1);
    let end = BytePos(base + 1 + src.len() as u32);
    let input = StringInput::new(src, start, end);
    let (program, recovered) = {
        let lexer = Lexer::new(syntax, EsVersion::latest(), input, Some(&comments));
        let mut parser = Parser::new_from(lexer);
        let program = parser.parse_program();
        let recovered: Vec<(u32, String)> = parser
            .take_errors()
            .into_iter()
            .map(|e| (offset(e.span().lo), e.kind().msg().to_string()))
            .collect();
        (program, recovered)
    };
    let program = program.map_err(|e| (offset(e.span().lo), e.kind().msg().to_string()))?;
    let (leading, trailing) = comments.borrow_all();
    let mut all: Vec<Comment> = leading
        .values()
        .chain(trailing.values())
        .flat_map(|list| list.iter().cloned())
        .collect();
    all.sort_by_key(|c| c.span.lo);
    all.dedup_by_key(|c| c.span.lo);
    Ok(Parsed {
        program,
        comments: all,
        recovered,
    })
}

/// The file byte offset of a swc position (positions start at 1).
pub fn offset(pos: BytePos) -> u32 {
    pos.0.saturating_sub(1)
}
