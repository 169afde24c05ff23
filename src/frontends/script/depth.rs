//! How deep a TS/JS source nests, estimated before swc sees it: swc's
//! parser recurses once or more per level, and 100,000 levels (`[[[`,
//! `(((`, `{{{`, `A<A<`, `()=>()=>`; a 200 KB file) overflow even the
//! engine's 256 MiB stack, which aborts the whole run.

/// Nesting past which a source is not parsed. swc survives 50,000 levels
/// of every construct measured, in release builds, on the engine's stack;
/// real code stays under a few hundred.
pub const MAX_DEPTH: usize = 10_000;

/// How the problem starts (the caller reports it as it is, not as a
/// syntax error).
pub const TOO_DEEP: &str = "nesting deeper than";

/// What one level is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    /// `(`, `[`, `{` or `${`, closed by this byte.
    Bracket(u8),
    /// `<`: a type argument list, or a comparison that nothing closes
    /// (dropped at the next `,`, `;` or enclosing bracket close).
    Angle,
    /// `=>`: the body of an arrow function, up to the next `,`, `;` or
    /// enclosing bracket close.
    Arrow,
    /// Inside a template literal, between its backquotes.
    Template,
}

/// The byte offset where the nesting first passes `max`, or `None`.
///
/// An estimate meant to err on the deep side: strings, comments, regular
/// expressions and template literals are skipped the way a JS lexer does,
/// with the usual rule for `/` (a regex where an expression may start);
/// every `<` counts until something closes it or ends its list. A source
/// with at most `max` openers in all cannot nest deeper and is not scanned.
pub fn too_deep(src: &str, max: usize) -> Option<usize> {
    let b = src.as_bytes();
    let openers = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            matches!(c, b'(' | b'[' | b'{' | b'<') || (c == b'>' && i > 0 && b[i - 1] == b'=')
        })
        .count();
    if openers <= max {
        return None;
    }
    let mut stack: Vec<Level> = Vec::new();
    // Whether a `/` here would start a regular expression.
    let mut regex_ok = true;
    let mut i = 0;
    while i < b.len() {
        if stack.len() > max {
            return Some(i.saturating_sub(1));
        }
        if stack.last() == Some(&Level::Template) {
            match b[i] {
                b'\\' => i += 2,
                b'`' => {
                    stack.pop();
                    regex_ok = false;
                    i += 1;
                }
                b'$' if b.get(i + 1) == Some(&b'{') => {
                    stack.push(Level::Bracket(b'}'));
                    regex_ok = true;
                    i += 2;
                }
                _ => i += 1,
            }
            continue;
        }
        let c = b[i];
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = line_end(b, i);
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = b[i + 2..]
                    .windows(2)
                    .position(|w| w == b"*/")
                    .map_or(b.len(), |p| i + 2 + p + 2);
                continue;
            }
            b'/' if regex_ok => {
                i = regex_end(b, i + 1);
                regex_ok = false;
                continue;
            }
            b'\'' | b'"' => {
                i = string_end(b, i + 1, c);
                regex_ok = false;
                continue;
            }
            b'`' => stack.push(Level::Template),
            b'(' => stack.push(Level::Bracket(b')')),
            b'[' => stack.push(Level::Bracket(b']')),
            b'{' => stack.push(Level::Bracket(b'}')),
            b')' | b']' | b'}' => {
                while let Some(l) = stack.pop() {
                    if matches!(l, Level::Bracket(_)) {
                        break;
                    }
                }
            }
            b'<' => stack.push(Level::Angle),
            b'>' if i > 0 && b[i - 1] == b'=' => stack.push(Level::Arrow),
            b'>' if stack.last() == Some(&Level::Angle) => {
                stack.pop();
            }
            b',' | b';' => {
                while matches!(stack.last(), Some(Level::Angle | Level::Arrow)) {
                    stack.pop();
                }
            }
            _ => {}
        }
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80 {
            let start = i;
            while i < b.len()
                && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'_' | b'$') || b[i] >= 0x80)
            {
                i += 1;
            }
            regex_ok = matches!(
                &src.as_bytes()[start..i],
                b"return"
                    | b"typeof"
                    | b"instanceof"
                    | b"in"
                    | b"of"
                    | b"new"
                    | b"delete"
                    | b"void"
                    | b"throw"
                    | b"case"
                    | b"do"
                    | b"else"
                    | b"yield"
                    | b"await"
            );
            continue;
        }
        if !c.is_ascii_whitespace() {
            regex_ok = !matches!(c, b')' | b']');
        }
        i += 1;
    }
    (stack.len() > max).then(|| b.len().saturating_sub(1))
}

fn line_end(b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| from + p)
}

/// After the closing quote (or at the end of the line: strings do not
/// span lines, and a stray quote in JSX text must not hide the file).
fn string_end(b: &[u8], mut i: usize, quote: u8) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// After a regular expression's closing `/` and flags (or at the end of
/// the line).
fn regex_end(b: &[u8], mut i: usize) -> usize {
    let mut class = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            b'[' => {
                class = true;
                i += 1;
            }
            b']' => {
                class = false;
                i += 1;
            }
            b'/' if !class => {
                i += 1;
                while i < b.len() && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                return i;
            }
            _ => i += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nest(open: &str, inner: &str, close: &str, n: usize) -> String {
        format!(
            "export const x = {}{inner}{}\n",
            open.repeat(n),
            close.repeat(n)
        )
    }

    #[test]
    fn deep_constructs_are_found() {
        // (opener, closer, levels counted per nesting: a template literal
        // and its `${` are two)
        for (open, close, per) in [
            ("[", "]", 1),
            ("(", ")", 1),
            ("{a:", "}", 1),
            ("A<", ">", 1),
            ("() => ", "", 2),
            ("a => ", "", 1),
            ("`${", "}`", 2),
        ] {
            let src = nest(open, "1", close, 200);
            let at = too_deep(&src, 100).unwrap_or_else(|| panic!("{open}"));
            let before = src[..at].matches(open.trim()).count();
            assert!(before * per >= 100 && before <= 101, "{open}: {before}");
            let shallow = nest(open, "1", close, 90 / per);
            assert_eq!(too_deep(&shallow, 100), None, "{open}");
        }
    }

    #[test]
    fn wide_code_is_not_deep() {
        // Many siblings, comparisons and arrows, each closed or ended.
        let mut src = String::new();
        for i in 0..500 {
            src.push_str(&format!(
                "export const f{i} = (a: Array<number>) => a.filter((x) => x < {i} && x > 1).map(y => [y, {{ y }}]);\n"
            ));
        }
        assert_eq!(too_deep(&src, 100), None);
    }

    #[test]
    fn brackets_in_strings_comments_and_regexes_do_not_count() {
        let body = "'(((' + \"[[[\" + `{{{ ${ '(' } <<<` // ((((\n/* [[[[ */ x = /[(]{2}\\(/g.test(s) ? a / b : c;\n";
        let src = body.repeat(100);
        assert_eq!(too_deep(&src, 10), None);
        // A closing bracket in a string does not close a real one either.
        let tricky = format!(
            "export const x = {}1{}\n",
            "[']',".repeat(200),
            "]".repeat(200)
        );
        assert!(too_deep(&tricky, 100).is_some());
    }

    #[test]
    fn few_openers_are_not_scanned() {
        // 50 openers: deeper than 10 is possible, 100 is not.
        let src = nest("[", "1", "]", 50);
        assert_eq!(too_deep(&src, 100), None);
        assert!(too_deep(&src, 10).is_some());
    }
}
