//! Values of Go constant expressions, as far as syntax allows: literals,
//! `iota`, earlier constants of the file, conversions, unary and binary
//! operators on integers. What cannot be evaluated keeps its text.

use rustc_hash::FxHashMap as HashMap;

use super::tree::Node;

use super::syntax::{field, string_value, text};

#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Int(i128),
    Str(String),
    Bool(bool),
    /// A float or anything else, as normalized text.
    Text(String),
}

impl Val {
    /// The value as apidiff-like text: `1`, `"x"`, `true`.
    pub fn render(&self) -> String {
        match self {
            Val::Int(i) => i.to_string(),
            Val::Str(s) => format!("{s:?}"),
            Val::Bool(b) => b.to_string(),
            Val::Text(t) => t.clone(),
        }
    }

    /// The kind of an untyped constant of this value.
    pub fn untyped_kind(&self) -> &'static str {
        match self {
            Val::Int(_) => "untyped int",
            Val::Str(_) => "untyped string",
            Val::Bool(_) => "untyped bool",
            Val::Text(_) => "untyped",
        }
    }
}

pub struct Eval<'a> {
    pub src: &'a [u8],
    pub iota: i128,
    pub known: &'a HashMap<String, Val>,
}

fn int_literal(t: &str) -> Option<i128> {
    let t = t.replace('_', "");
    let (digits, radix) = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        (h.to_string(), 16)
    } else if let Some(b) = t.strip_prefix("0b").or_else(|| t.strip_prefix("0B")) {
        (b.to_string(), 2)
    } else if let Some(o) = t.strip_prefix("0o").or_else(|| t.strip_prefix("0O")) {
        (o.to_string(), 8)
    } else if t.len() > 1 && t.starts_with('0') {
        (t[1..].to_string(), 8)
    } else {
        (t, 10)
    };
    i128::from_str_radix(&digits, radix).ok()
}

impl Eval<'_> {
    pub fn eval(&self, node: Node) -> Val {
        self.try_eval(node, 0)
            .unwrap_or_else(|| Val::Text(normalize(text(node, self.src))))
    }

    fn try_eval(&self, node: Node, depth: u32) -> Option<Val> {
        if depth > 64 {
            return None;
        }
        let t = text(node, self.src);
        match node.kind() {
            "int_literal" => int_literal(t).map(Val::Int),
            "interpreted_string_literal" | "raw_string_literal" => {
                string_value(node, self.src).map(Val::Str)
            }
            "rune_literal" => {
                let inner = t.strip_prefix('\'')?.strip_suffix('\'')?;
                let mut c = inner.chars();
                match (c.next(), c.next()) {
                    (Some(ch), None) => Some(Val::Int(ch as i128)),
                    _ => None,
                }
            }
            "true" => Some(Val::Bool(true)),
            "false" => Some(Val::Bool(false)),
            "iota" => Some(Val::Int(self.iota)),
            "identifier" => match t {
                "iota" => Some(Val::Int(self.iota)),
                "true" => Some(Val::Bool(true)),
                "false" => Some(Val::Bool(false)),
                _ => self.known.get(t).cloned(),
            },
            "parenthesized_expression" => self.try_eval(node.named_child(0)?, depth + 1),
            "call_expression" => {
                // A conversion `T(x)`: the value of x.
                let args = field(node, "arguments")?;
                if args.named_child_count() != 1 {
                    return None;
                }
                let f = field(node, "function")?;
                if !matches!(
                    f.kind(),
                    "identifier" | "type_identifier" | "selector_expression" | "qualified_type"
                ) {
                    return None;
                }
                self.try_eval(args.named_child(0)?, depth + 1)
            }
            "unary_expression" => {
                let op = field(node, "operator").map(|o| text(o, self.src))?;
                let v = self.try_eval(field(node, "operand")?, depth + 1)?;
                match (op, v) {
                    ("-", Val::Int(i)) => Some(Val::Int(i.checked_neg()?)),
                    ("+", Val::Int(i)) => Some(Val::Int(i)),
                    ("^", Val::Int(i)) => Some(Val::Int(!i)),
                    ("!", Val::Bool(b)) => Some(Val::Bool(!b)),
                    _ => None,
                }
            }
            "binary_expression" => {
                let op = field(node, "operator").map(|o| text(o, self.src))?;
                let a = self.try_eval(field(node, "left")?, depth + 1)?;
                let b = self.try_eval(field(node, "right")?, depth + 1)?;
                match (a, b) {
                    (Val::Int(x), Val::Int(y)) => int_op(op, x, y),
                    (Val::Str(x), Val::Str(y)) if op == "+" => Some(Val::Str(x + &y)),
                    (Val::Bool(x), Val::Bool(y)) => match op {
                        "&&" => Some(Val::Bool(x && y)),
                        "||" => Some(Val::Bool(x || y)),
                        _ => None,
                    },
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

fn int_op(op: &str, x: i128, y: i128) -> Option<Val> {
    let v = match op {
        "+" => x.checked_add(y)?,
        "-" => x.checked_sub(y)?,
        "*" => x.checked_mul(y)?,
        "/" => x.checked_div(y)?,
        "%" => x.checked_rem(y)?,
        "<<" => x.checked_shl(u32::try_from(y).ok()?)?,
        ">>" => x.checked_shr(u32::try_from(y).ok()?)?,
        "&" => x & y,
        "|" => x | y,
        "^" => x ^ y,
        "&^" => x & !y,
        "==" => return Some(Val::Bool(x == y)),
        "!=" => return Some(Val::Bool(x != y)),
        "<" => return Some(Val::Bool(x < y)),
        ">" => return Some(Val::Bool(x > y)),
        "<=" => return Some(Val::Bool(x <= y)),
        ">=" => return Some(Val::Bool(x >= y)),
        _ => return None,
    };
    Some(Val::Int(v))
}

/// Whitespace collapsed to single spaces.
pub fn normalize(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_literals() {
        assert_eq!(int_literal("0x1F"), Some(31));
        assert_eq!(int_literal("1_000"), Some(1000));
        assert_eq!(int_literal("0o17"), Some(15));
        assert_eq!(int_literal("017"), Some(15));
        assert_eq!(int_literal("0b101"), Some(5));
        assert_eq!(int_literal("0"), Some(0));
    }
}
