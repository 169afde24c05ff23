//! Small helpers over tree-sitter-go nodes.

use tree_sitter::Node;

use crate::model::Origin;
use crate::source::LineIndex;

/// The source text of a node (empty when not UTF-8).
pub fn text<'a>(node: Node, src: &'a [u8]) -> &'a str {
    node.utf8_text(src).unwrap_or("")
}

pub fn field<'t>(node: Node<'t>, name: &str) -> Option<Node<'t>> {
    node.child_by_field_name(name)
}

pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut c = node.walk();
    node.named_children(&mut c).collect()
}

pub fn origin(node: Node, idx: &LineIndex) -> Origin {
    idx.origin(node.start_byte() as u32, node.end_byte() as u32)
}

/// The expression inside any number of parentheses (`((x))` → `x`).
pub fn unparen(mut node: Node) -> Node {
    while node.kind() == "parenthesized_expression" {
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// The value of a Go string literal (interpreted or raw), escapes decoded,
/// inside any number of parentheses.
pub fn string_value(node: Node, src: &[u8]) -> Option<String> {
    let node = unparen(node);
    match node.kind() {
        "raw_string_literal" => {
            let t = text(node, src);
            Some(
                t.trim_start_matches('`')
                    .trim_end_matches('`')
                    .replace('\r', ""),
            )
        }
        "interpreted_string_literal" => {
            let t = text(node, src);
            let inner = t
                .strip_prefix('"')?
                .strip_suffix('"')
                .unwrap_or(t.get(1..)?);
            Some(unescape(inner))
        }
        _ => None,
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('\'') => out.push('\''),
            Some('x') => {
                let h: String = it.by_ref().take(2).collect();
                if let Ok(v) = u8::from_str_radix(&h, 16) {
                    out.push(v as char);
                }
            }
            Some(u @ ('u' | 'U')) => {
                let n = if u == 'u' { 4 } else { 8 };
                let h: String = it.by_ref().take(n).collect();
                if let Some(ch) = u32::from_str_radix(&h, 16).ok().and_then(char::from_u32) {
                    out.push(ch);
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Identifiers Go predeclares: calls to them are never module functions.
pub fn is_builtin_func(name: &str) -> bool {
    matches!(
        name,
        "append"
            | "cap"
            | "clear"
            | "close"
            | "complex"
            | "copy"
            | "delete"
            | "imag"
            | "len"
            | "make"
            | "max"
            | "min"
            | "new"
            | "panic"
            | "print"
            | "println"
            | "real"
            | "recover"
    )
}

/// The innermost node kinds of a syntax error, for SEAM001: the first
/// `ERROR` or missing node in document order.
pub fn first_error(root: Node) -> Option<Node> {
    if !root.has_error() {
        return None;
    }
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            return Some(node);
        }
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes_common_sequences() {
        assert_eq!(unescape(r"a\tb\u00e9\x41\\"), "a\tbéA\\");
    }
}
