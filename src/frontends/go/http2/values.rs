//! Field values as the protocol choice sees them: booleans, nil, references
//! to other values, string lists (`NextProtos`) and map keys (`TLSNextProto`).

use super::super::tree::Node;

use super::super::syntax::{field, named_children, string_value, unparen};
use super::{NetWalker, Val};
use crate::model::{NetValue, PathExpr, StringsExpr};

/// The value written to field `name`.
pub(super) fn field_value<'a>(w: &mut NetWalker<'_, 'a>, name: &str, node: Node<'a>) -> NetValue {
    let text = w.ctx.text(node);
    if text == "nil" {
        return NetValue::Nil;
    }
    match name {
        "ForceAttemptHTTP2" => match text {
            "true" => NetValue::Bool { value: true },
            "false" => NetValue::Bool { value: false },
            _ => {
                w.eval(node);
                NetValue::Other
            }
        },
        "NextProtos" => NetValue::Strings {
            list: strings_expr(w, node),
        },
        "TLSNextProto" => map_value(w, node),
        "TLSClientConfig" | "TLSConfig" | "Transport" | "Config" => match w.eval(node) {
            Val::Net(r) => NetValue::Ref { to: r },
            _ => NetValue::Other,
        },
        _ => {
            w.eval(node);
            NetValue::Other
        }
    }
}

/// `map[string]func(...){"h2": f}` or `make(map[...]...)`.
fn map_value<'a>(w: &mut NetWalker<'_, 'a>, node: Node<'a>) -> NetValue {
    match node.kind() {
        "composite_literal" if field(node, "type").is_some_and(|t| t.kind() == "map_type") => {
            let mut keys = Vec::new();
            for el in field(node, "body").map(named_children).unwrap_or_default() {
                if el.kind() != "keyed_element" {
                    continue;
                }
                if let Some(k) = field(el, "key") {
                    let k = k.named_child(0).unwrap_or(k);
                    keys.push(str_expr(w, k));
                }
                if let Some(v) = field(el, "value") {
                    w.eval_element(v);
                }
            }
            NetValue::Map { keys }
        }
        "call_expression"
            if field(node, "function").is_some_and(|f| w.ctx.text(f) == "make")
                && !w.env.contains_key("make") =>
        {
            NetValue::Map { keys: Vec::new() }
        }
        _ => {
            w.eval(node);
            NetValue::Other
        }
    }
}

/// A string-valued expression: literals, constants, `+`.
pub(super) fn str_expr(w: &NetWalker, node: Node) -> PathExpr {
    // Parentheses first: `string_value` looks through them too, and doing
    // both per level is quadratic in the nesting depth.
    let node = unparen(node);
    if let Some(s) = string_value(node, w.ctx.src) {
        return PathExpr::Lit(s);
    }
    match node.kind() {
        "identifier" => {
            let name = w.ctx.text(node);
            match w.env.get(name) {
                Some(Val::Str(p)) => p.clone(),
                Some(_) => PathExpr::Unknown,
                None => PathExpr::Const {
                    pkg: String::new(),
                    name: name.to_string(),
                },
            }
        }
        "selector_expression" => match (field(node, "operand"), field(node, "field")) {
            (Some(o), Some(f)) => match w.import_of(o) {
                Some(pkg) => PathExpr::Const {
                    pkg: pkg.to_string(),
                    name: w.ctx.text(f).to_string(),
                },
                None => PathExpr::Unknown,
            },
            _ => PathExpr::Unknown,
        },
        "binary_expression" => {
            let op = field(node, "operator").map(|o| w.ctx.text(o));
            match (op, field(node, "left"), field(node, "right")) {
                (Some("+"), Some(l), Some(r)) => {
                    let mut parts = Vec::new();
                    for p in [str_expr(w, l), str_expr(w, r)] {
                        match p {
                            PathExpr::Concat(v) => parts.extend(v),
                            other => parts.push(other),
                        }
                    }
                    PathExpr::Concat(parts)
                }
                _ => PathExpr::Unknown,
            }
        }
        _ => PathExpr::Unknown,
    }
}

/// A list of strings where one is expected (`NextProtos: ...`).
pub(super) fn strings_expr(w: &NetWalker, node: Node) -> StringsExpr {
    if let Some(s) = strings_literal(w, node) {
        return s;
    }
    match node.kind() {
        "identifier" => {
            let name = w.ctx.text(node);
            match w.env.get(name) {
                Some(Val::Strs(s)) => s.clone(),
                Some(_) => StringsExpr::Unknown,
                None => StringsExpr::Var {
                    pkg: String::new(),
                    name: name.to_string(),
                },
            }
        }
        "selector_expression" => match (field(node, "operand"), field(node, "field")) {
            (Some(o), Some(f)) => match w.import_of(o) {
                Some(pkg) => StringsExpr::Var {
                    pkg: pkg.to_string(),
                    name: w.ctx.text(f).to_string(),
                },
                None => StringsExpr::Unknown,
            },
            _ => StringsExpr::Unknown,
        },
        "parenthesized_expression" => match node.named_child(0) {
            Some(x) => strings_expr(w, x),
            None => StringsExpr::Unknown,
        },
        _ => StringsExpr::Unknown,
    }
}

/// `[]string{...}` or `append(list, items...)`; `None` when the node is
/// plainly not a string list.
pub(super) fn strings_literal(w: &NetWalker, node: Node) -> Option<StringsExpr> {
    match node.kind() {
        "composite_literal" => {
            let ty = field(node, "type")?;
            if ty.kind() != "slice_type"
                || field(ty, "element").map(|e| w.ctx.text(e)) != Some("string")
            {
                return None;
            }
            let items = field(node, "body")
                .map(named_children)
                .unwrap_or_default()
                .into_iter()
                .map(|el| match el.named_child(0) {
                    Some(x) if el.kind() == "literal_element" => str_expr(w, x),
                    _ => PathExpr::Unknown,
                })
                .collect();
            Some(StringsExpr::List { items })
        }
        "call_expression" => {
            let f = field(node, "function")?;
            if w.ctx.text(f) != "append" || w.env.contains_key("append") {
                return None;
            }
            let args = field(node, "arguments").map(named_children)?;
            let (first, rest) = args.split_first()?;
            let base = strings_expr(w, *first);
            let listy =
                |b: &StringsExpr| !matches!(b, StringsExpr::Var { .. } | StringsExpr::Unknown);
            if !listy(&base) {
                return None;
            }
            let items = rest
                .iter()
                .map(|a| {
                    if a.kind() == "variadic_argument" {
                        PathExpr::Unknown
                    } else {
                        str_expr(w, *a)
                    }
                })
                .collect();
            Some(StringsExpr::Append {
                base: Box::new(base),
                items,
            })
        }
        _ => None,
    }
}
