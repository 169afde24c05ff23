//! `go.mod`: a line-oriented format of directives and `( )` blocks.

use crate::model::{GoDirective, GoMod, GoReplace, GoRequire, Located, Problem, Suppression};
use crate::source::LineIndex;

use super::super::suppress;

/// A token and its byte range.
#[derive(Clone, Debug)]
struct Tok<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// Splits one line into tokens (quoted strings kept whole) and its comment.
fn tokens(line: &str, base: usize) -> (Vec<Tok<'_>>, Option<(&str, usize)>) {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b[i..].starts_with(b"//") {
            return (out, Some((&line[i..], base + i)));
        }
        let start = i;
        if c == b'"' || c == b'`' {
            i += 1;
            while i < b.len() && b[i] != c {
                if c == b'"' && b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(b.len());
        } else if c == b'(' || c == b')' {
            i += 1;
        } else {
            while i < b.len()
                && !b[i].is_ascii_whitespace()
                && b[i] != b'('
                && b[i] != b')'
                // Bytes: `i` may be inside a multi-byte character here.
                && !b[i..].starts_with(b"//")
            {
                i += 1;
            }
        }
        out.push(Tok {
            text: &line[start..i],
            start: base + start,
            end: base + i,
        });
    }
    (out, None)
}

fn unquote(s: &str) -> String {
    s.trim_matches('"').trim_matches('`').to_string()
}

pub fn parse(
    path: &str,
    text: &str,
    problems: &mut Vec<Problem>,
    sups: &mut Vec<Suppression>,
) -> GoMod {
    let idx = LineIndex::new(path, text.as_bytes());
    let mut m = GoMod::default();
    let mut block: Option<String> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let base = offset;
        offset += line.len();
        let (toks, comment) = tokens(line.trim_end_matches(['\n', '\r']), base);
        if let Some((c, at)) = comment {
            if let Some((rules, reason)) = suppress::parse(c) {
                sups.push(Suppression {
                    rules,
                    reason,
                    origin: idx.origin(at as u32, (at + c.len()) as u32),
                });
            }
        }
        let indirect =
            comment.is_some_and(|(c, _)| c.trim_start_matches('/').trim().starts_with("indirect"));
        if toks.is_empty() {
            continue;
        }
        let origin = |t: &Tok| idx.origin(t.start as u32, t.end as u32);
        let (verb, args): (String, &[Tok]) = match &block {
            Some(b) => {
                if toks[0].text == ")" {
                    block = None;
                    continue;
                }
                (b.clone(), &toks[..])
            }
            None => {
                if toks.len() >= 2 && toks[1].text == "(" {
                    block = Some(toks[0].text.to_string());
                    continue;
                }
                (toks[0].text.to_string(), &toks[1..])
            }
        };
        match (verb.as_str(), args) {
            ("module", [p, ..]) => {
                m.module = Some(Located {
                    value: unquote(p.text),
                    origin: origin(p),
                })
            }
            ("go", [v, ..]) => {
                m.go = Some(Located {
                    value: v.text.to_string(),
                    origin: origin(v),
                })
            }
            ("toolchain", [v, ..]) => {
                m.toolchain = Some(Located {
                    value: v.text.to_string(),
                    origin: origin(v),
                })
            }
            ("godebug", [kv, ..]) => {
                if let Some((k, v)) = kv.text.split_once('=') {
                    m.godebug.push(GoDirective {
                        key: k.to_string(),
                        value: v.to_string(),
                        origin: origin(kv),
                    });
                }
            }
            ("require", [p, v, ..]) => m.require.push(GoRequire {
                path: unquote(p.text),
                version: v.text.to_string(),
                indirect,
                origin: idx.origin(p.start as u32, v.end as u32),
            }),
            ("replace", args) => {
                let Some(arrow) = args.iter().position(|t| t.text == "=>") else {
                    problems.push(Problem {
                        message: "replace directive without `=>`".into(),
                        // A bare `replace` has no arguments: point at it.
                        origin: origin(args.first().unwrap_or(&toks[0])),
                    });
                    continue;
                };
                let (old, new) = (&args[..arrow], &args[arrow + 1..]);
                if let (Some(o), Some(n)) = (old.first(), new.first()) {
                    m.replace.push(GoReplace {
                        old: unquote(o.text),
                        old_version: old.get(1).map(|t| t.text.to_string()),
                        new: unquote(n.text),
                        new_version: new.get(1).map(|t| t.text.to_string()),
                        origin: idx.origin(o.start as u32, new.last().unwrap_or(n).end as u32),
                    });
                }
            }
            ("module" | "go" | "toolchain" | "godebug" | "require", []) => problems.push(Problem {
                message: format!("`{verb}` directive without a value"),
                origin: origin(&toks[0]),
            }),
            _ => {}
        }
    }
    if let Some(b) = block {
        problems.push(Problem {
            message: format!("`{b} (` block is never closed"),
            origin: idx.origin(text.len() as u32, text.len() as u32),
        });
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_and_blocks() {
        let text = "module example.com/shop // main\n\ngo 1.22.0\ntoolchain go1.23.1\ngodebug (\n\thttpmuxgo121=1\n)\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgolang.org/x/net v0.20.0 // indirect\n)\nreplace example.com/lib => ../lib\n";
        let (mut p, mut s) = (Vec::new(), Vec::new());
        let m = parse("go.mod", text, &mut p, &mut s);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(m.module.as_ref().unwrap().value, "example.com/shop");
        let go = m.go.as_ref().unwrap();
        assert_eq!(
            (go.value.as_str(), go.origin.line, go.origin.column),
            ("1.22.0", 3, 4)
        );
        assert_eq!(m.toolchain.unwrap().value, "go1.23.1");
        assert_eq!(m.godebug[0].key, "httpmuxgo121");
        assert_eq!(m.require.len(), 2);
        assert!(m.require[1].indirect && !m.require[0].indirect);
        assert_eq!(m.replace[0].new, "../lib");
    }

    /// Fuzz find: a multi-byte character inside a bare token (`ҡ`, two
    /// bytes) was sliced in the middle looking for a `//` comment.
    #[test]
    fn multibyte_characters_inside_tokens() {
        let (mut p, mut s) = (Vec::new(), Vec::new());
        let m = parse(
            "go.mod",
            "module exampleҡom/x// c

go 1.22
require é.com/ü v1.0.0 // ü
",
            &mut p,
            &mut s,
        );
        assert_eq!(m.module.unwrap().value, "exampleҡom/x");
        assert_eq!(m.require[0].path, "é.com/ü");
    }

    /// Fuzz find: a `replace` with nothing after it indexed its first
    /// argument.
    #[test]
    fn bare_replace_is_a_problem() {
        let (mut p, mut s) = (Vec::new(), Vec::new());
        parse(
            "go.mod",
            "module x

replace
replace // c
",
            &mut p,
            &mut s,
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!((p[0].origin.line, p[0].origin.column), (3, 1));
        assert!(p[0].message.contains("without `=>`"), "{p:?}");
    }

    #[test]
    fn unclosed_block_is_a_problem() {
        let (mut p, mut s) = (Vec::new(), Vec::new());
        parse("go.mod", "module x\nrequire (\n a v1.0.0\n", &mut p, &mut s);
        assert_eq!(p.len(), 1);
    }
}
