//! Small helpers over Go syntax nodes.

use super::tree::Node;

use crate::model::Origin;
use crate::source::LineIndex;

/// The source text of a node (empty when not UTF-8).
pub fn text<'a>(node: Node, src: &'a [u8]) -> &'a str {
    node.utf8_text(src).unwrap_or("")
}

/// A child by field name.
pub fn field<'t>(node: Node<'t>, name: &str) -> Option<Node<'t>> {
    node.child_by_field_name(name)
}

/// Visits every named node under `root` (itself included) in document
/// order without allocating; `visit` returns whether to go into the node.
pub fn preorder<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>) -> bool) {
    // Children are stored next to each other and know their parent, so
    // the walk needs no stack: down to the first child, else on to the
    // next sibling of the nearest node (up to `root`) that has one.
    let mut node = root;
    loop {
        if !node.is_named() || visit(node) {
            if let Some(first) = node.child(0) {
                node = first;
                continue;
            }
        }
        loop {
            if node == root {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(p) => node = p,
                None => return,
            }
        }
    }
}

pub fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    node.named_children().collect()
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

/// The first node (in document order) more than `max` levels below
/// `root`, found without recursion.
pub fn deeper_than(root: Node, max: usize) -> Option<Node> {
    let mut stack = vec![(root, 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth > max {
            return Some(node);
        }
        let at = stack.len();
        stack.extend(node.children().map(|c| (c, depth + 1)));
        stack[at..].reverse();
    }
    None
}

/// The innermost node kinds of a syntax error, for SEAM001: the first
/// `ERROR` or missing node in document order.
pub fn first_error(root: Node) -> Option<Node> {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.is_error() || node.is_missing() {
            return Some(node);
        }
        if node.has_error() {
            let at = stack.len();
            stack.extend(node.children());
            stack[at..].reverse();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tree::Tree;
    use super::*;

    fn go_tree(src: &str) -> Tree {
        let mut p = tree_sitter::Parser::new();
        p.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        Tree::copy(&p.parse(src, None).unwrap())
    }

    #[test]
    fn depth_is_measured_without_recursion() {
        let src = format!(
            "package p\n\nvar x = {}1{}\n",
            "(".repeat(50),
            ")".repeat(50)
        );
        let tree = go_tree(&src);
        // source_file (0) > var_declaration > var_spec > expression_list (3)
        // > 50 parenthesized_expression (4..=53) > int_literal (54).
        assert!(deeper_than(tree.root_node(), 54).is_none());
        assert!(deeper_than(tree.root_node(), 53).is_some());
        // The first node past the limit in document order: the `(` token
        // (31) of the 27th parenthesized_expression (30).
        let deep = deeper_than(tree.root_node(), 30).unwrap();
        assert_eq!(deep.kind(), "(");
        assert_eq!(deep.start_byte(), src.find('(').unwrap() + 26);
        // Siblings do not add up: wide is not deep.
        let wide = format!("package p\n\nvar x = []int{{{}}}\n", "1, ".repeat(5000));
        assert!(deeper_than(go_tree(&wide).root_node(), 10).is_none());
    }

    #[test]
    fn preorder_visits_named_nodes_in_order_and_can_skip() {
        let tree = go_tree("package a\n\nfunc f() { g(1) }\n\nvar x = 2\n");
        let mut kinds = Vec::new();
        preorder(tree.root_node(), |n| {
            kinds.push(n.kind());
            n.kind() != "function_declaration"
        });
        assert_eq!(kinds.first(), Some(&"source_file"));
        assert!(kinds.contains(&"function_declaration"));
        assert!(
            !kinds.contains(&"call_expression"),
            "skipped the function's body: {kinds:?}"
        );
        assert!(
            kinds.contains(&"int_literal"),
            "went on after it: {kinds:?}"
        );
        let field_name = tree
            .root_node()
            .named_child(1)
            .and_then(|f| field(f, "name"))
            .map(|n| n.kind());
        assert_eq!(field_name, Some("identifier"));
    }

    #[test]
    fn unescapes_common_sequences() {
        assert_eq!(unescape(r"a\tb\u00e9\x41\\"), "a\tbéA\\");
    }
}
