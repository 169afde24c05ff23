//! Small helpers over tree-sitter-go nodes.

use tree_sitter::Node;

use crate::model::Origin;
use crate::source::LineIndex;

/// The source text of a node (empty when not UTF-8).
pub fn text<'a>(node: Node, src: &'a [u8]) -> &'a str {
    node.utf8_text(src).unwrap_or("")
}

/// A child by field name. Field ids are looked up once: tree-sitter's own
/// lookup compares the name against every field of the grammar each time.
pub fn field<'t>(node: Node<'t>, name: &str) -> Option<Node<'t>> {
    match field_id(name) {
        Some(id) => node.child_by_field_id(id),
        None => node.child_by_field_name(name),
    }
}

fn field_id(name: &str) -> Option<u16> {
    static IDS: std::sync::OnceLock<std::collections::HashMap<String, u16>> =
        std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        let lang: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
        let mut ids = std::collections::HashMap::new();
        for id in 1..=lang.field_count() as u16 {
            if let Some(n) = lang.field_name_for_id(id) {
                ids.insert(n.to_string(), id);
            }
        }
        ids
    })
    .get(name)
    .copied()
}

/// Visits every named node under `root` (itself included) in document
/// order without allocating; `visit` returns whether to go into the node.
pub fn preorder<'t>(root: Node<'t>, mut visit: impl FnMut(Node<'t>) -> bool) {
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let descend = node.is_named() && visit(node);
        if (descend || !node.is_named()) && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == root {
                return;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
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

/// The first node (in document order) more than `max` levels below
/// `root`, found without recursion.
pub fn deeper_than(root: Node, max: usize) -> Option<Node> {
    let mut cursor = root.walk();
    let mut depth = 0;
    loop {
        if depth > max {
            return Some(cursor.node());
        }
        if cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return None;
            }
            depth -= 1;
        }
    }
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

    fn go_tree(src: &str) -> tree_sitter::Tree {
        let mut p = tree_sitter::Parser::new();
        p.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        p.parse(src, None).unwrap()
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
        let mut p = tree_sitter::Parser::new();
        p.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        let src = b"package a\n\nfunc f() { g(1) }\n\nvar x = 2\n";
        let tree = p.parse(src, None).unwrap();
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
