//! The exported API of one Go file: funcs, methods, types, struct fields,
//! interface method sets, consts (with values) and vars, with normalized
//! signatures (package qualifiers resolved to import paths, parameter names
//! dropped); cgo `//export` functions with their C signatures, and the Go
//! structs whose layout crosses into C.
//!
//! Names are relative to the package (`Product.Name`); link prefixes the
//! package directory and drops what is not importable (`main`, `internal/`).

use rustc_hash::FxHashMap as HashMap;

use super::tree::Node;

use super::consteval::{normalize, Eval, Val};
use super::syntax::{field, named_children};
use super::types::FileCtx;
use crate::model::{ApiItem, ApiKind, ApiLang, GoTypeExpr};

fn exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

/// Everything the file exports, and its cgo items.
pub fn extract(ctx: &FileCtx, root: Node) -> Vec<ApiItem> {
    let mut out = Vec::new();
    let mut known: HashMap<String, Val> = HashMap::default();
    let mut exports: Vec<(String, Node)> = Vec::new();
    let mut comments: Vec<Node> = Vec::new();
    for node in named_children(root) {
        if node.kind() == "comment" {
            comments.push(node);
            continue;
        }
        let doc = std::mem::take(&mut comments);
        match node.kind() {
            "function_declaration" | "method_declaration" => {
                for c in &doc {
                    if let Some(sym) = ctx.text(*c).strip_prefix("//export ") {
                        exports.push((sym.trim().to_string(), node));
                    }
                }
                func(ctx, node, &mut out);
            }
            "type_declaration" => {
                for spec in named_children(node) {
                    type_spec(ctx, spec, &mut out);
                }
            }
            "const_declaration" => consts(ctx, node, &mut known, &mut out),
            "var_declaration" => vars(ctx, node, &mut out),
            _ => {}
        }
    }
    if ctx.import("C") == Some("C") {
        super::cgo::items(ctx, root, &exports, &mut out);
    }
    out
}

/// A type as normalized text: `*net/http.Request`, `map[string][]T`,
/// `func(int, ...string) (T, error)`.
pub fn render(ctx: &FileCtx, node: Node) -> String {
    let r = |n: Node| render(ctx, n);
    match node.kind() {
        "type_identifier" | "identifier" | "field_identifier" => ctx.text(node).to_string(),
        "qualified_type" => {
            let pkg = field(node, "package").map(|p| ctx.text(p)).unwrap_or("");
            let name = field(node, "name").map(|n| ctx.text(n)).unwrap_or("");
            format!("{}.{name}", ctx.import(pkg).unwrap_or(pkg))
        }
        "pointer_type" => node
            .named_child(0)
            .map(|e| format!("*{}", r(e)))
            .unwrap_or_default(),
        "slice_type" => field(node, "element")
            .map(|e| format!("[]{}", r(e)))
            .unwrap_or_default(),
        "array_type" => {
            let len = field(node, "length")
                .map(|l| normalize(ctx.text(l)))
                .unwrap_or_default();
            let elem = field(node, "element").map(r).unwrap_or_default();
            format!("[{len}]{elem}")
        }
        "implicit_length_array_type" => {
            format!("[...]{}", field(node, "element").map(r).unwrap_or_default())
        }
        "map_type" => format!(
            "map[{}]{}",
            field(node, "key").map(r).unwrap_or_default(),
            field(node, "value").map(r).unwrap_or_default()
        ),
        "channel_type" => {
            let t = ctx.text(node);
            let dir = if t.starts_with("<-") {
                "<-chan "
            } else if t.trim_start_matches("chan").trim_start().starts_with("<-") {
                "chan<- "
            } else {
                "chan "
            };
            format!("{dir}{}", field(node, "value").map(r).unwrap_or_default())
        }
        "function_type" => format!("func{}", signature(ctx, node)),
        "struct_type" => {
            let fields: Vec<String> = struct_fields(ctx, node)
                .into_iter()
                .map(
                    |(name, ty, _, embedded, _)| if embedded { ty } else { format!("{name} {ty}") },
                )
                .collect();
            format!("struct{{{}}}", fields.join("; "))
        }
        "interface_type" => {
            let mut parts: Vec<String> = named_children(node)
                .into_iter()
                .filter_map(|m| match m.kind() {
                    "method_elem" => Some(format!(
                        "{}{}",
                        field(m, "name").map(|n| ctx.text(n)).unwrap_or(""),
                        signature(ctx, m)
                    )),
                    "type_elem" => Some(union(ctx, m)),
                    _ => None,
                })
                .collect();
            parts.sort();
            format!("interface{{{}}}", parts.join("; "))
        }
        "generic_type" => {
            let base = field(node, "type").map(r).unwrap_or_default();
            let args: Vec<String> = field(node, "type_arguments")
                .map(named_children)
                .unwrap_or_default()
                .into_iter()
                .map(|a| {
                    if a.kind() == "type_elem" {
                        union(ctx, a)
                    } else {
                        r(a)
                    }
                })
                .collect();
            format!("{base}[{}]", args.join(", "))
        }
        "parenthesized_type" => node.named_child(0).map(r).unwrap_or_default(),
        "negated_type" => format!("~{}", node.named_child(0).map(r).unwrap_or_default()),
        "type_elem" | "type_constraint" => union(ctx, node),
        _ => normalize(ctx.text(node)),
    }
}

/// `A | B` of a type element or constraint.
fn union(ctx: &FileCtx, node: Node) -> String {
    named_children(node)
        .into_iter()
        .map(|t| render(ctx, t))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Parameter types of a parameter list, names dropped (`a, b int` → two).
pub fn param_types(ctx: &FileCtx, list: Option<Node>) -> Vec<String> {
    let mut out = Vec::new();
    for decl in list.map(named_children).unwrap_or_default() {
        let Some(ty) = field(decl, "type") else {
            continue;
        };
        let mut t = render(ctx, ty);
        if decl.kind() == "variadic_parameter_declaration" {
            t = format!("...{t}");
        }
        let n = decl.children_by_field_name("name").count().max(1);
        out.extend(std::iter::repeat_n(t, n));
    }
    out
}

/// `(int, string) (T, error)` of a function, method or function type.
pub fn signature(ctx: &FileCtx, node: Node) -> String {
    let params = param_types(ctx, field(node, "parameters"));
    let results = match field(node, "result") {
        None => Vec::new(),
        Some(r) if r.kind() == "parameter_list" => param_types(ctx, Some(r)),
        Some(r) => vec![render(ctx, r)],
    };
    let res = match results.len() {
        0 => String::new(),
        1 => format!(" {}", results[0]),
        _ => format!(" ({})", results.join(", ")),
    };
    format!("({}){res}", params.join(", "))
}

fn type_params(ctx: &FileCtx, node: Node) -> String {
    let Some(list) = field(node, "type_parameters") else {
        return String::new();
    };
    let parts: Vec<String> = named_children(list)
        .into_iter()
        .map(|d| {
            let names: Vec<&str> = d
                .children_by_field_name("name")
                .map(|n| ctx.text(n))
                .collect();
            let constraint = field(d, "type").map(|t| render(ctx, t)).unwrap_or_default();
            format!("{} {constraint}", names.join(", "))
        })
        .collect();
    format!("[{}]", parts.join(", "))
}

fn func(ctx: &FileCtx, node: Node, out: &mut Vec<ApiItem>) {
    let Some(name_node) = field(node, "name") else {
        return;
    };
    let name = ctx.text(name_node);
    if !exported(name) {
        return;
    }
    let sig = format!("func{}{}", type_params(ctx, node), signature(ctx, node));
    if node.kind() == "function_declaration" {
        out.push(ApiItem::new(ApiLang::Go, ApiKind::Func, name, sig).at(&ctx.origin(name_node)));
        return;
    }
    let Some(recv) = field(node, "receiver")
        .and_then(|r| named_children(r).into_iter().next())
        .and_then(|d| field(d, "type"))
    else {
        return;
    };
    let (ptr, base) = match recv.kind() {
        "pointer_type" => (true, recv.named_child(0)),
        _ => (false, Some(recv)),
    };
    let base = base.map(|b| {
        if b.kind() == "generic_type" {
            field(b, "type").unwrap_or(b)
        } else {
            b
        }
    });
    let Some(recv_name) = base.map(|b| ctx.text(b)) else {
        return;
    };
    if !exported(recv_name) {
        return;
    }
    let mut it = ApiItem::new(
        ApiLang::Go,
        ApiKind::Method,
        format!("{recv_name}.{name}"),
        sig,
    )
    .at(&ctx.origin(name_node));
    if ptr {
        it.flags.push("ptr-receiver".into());
    }
    out.push(it);
}

/// `(name, type, tag, embedded, node)` of each field of a struct type.
fn struct_fields<'t>(
    ctx: &FileCtx,
    node: Node<'t>,
) -> Vec<(String, String, Option<String>, bool, Node<'t>)> {
    let mut out = Vec::new();
    let Some(list) = named_children(node)
        .into_iter()
        .find(|c| c.kind() == "field_declaration_list")
    else {
        return out;
    };
    for decl in named_children(list)
        .into_iter()
        .filter(|d| d.kind() == "field_declaration")
    {
        let Some(ty) = field(decl, "type") else {
            continue;
        };
        let rendered = render(ctx, ty);
        let tag = field(decl, "tag").and_then(|t| super::syntax::string_value(t, ctx.src));
        let names: Vec<Node> = decl.children_by_field_name("name").collect();
        if names.is_empty() {
            // `*T` embedded: the `*` is a token of the declaration.
            let rendered =
                if ctx.text(decl).trim_start().starts_with('*') && !rendered.starts_with('*') {
                    format!("*{rendered}")
                } else {
                    rendered
                };
            let name = super::types::embedded_name(&ctx.type_expr(ty)).unwrap_or_default();
            out.push((name, rendered, tag, true, decl));
            continue;
        }
        for n in names {
            out.push((
                ctx.text(n).to_string(),
                rendered.clone(),
                tag.clone(),
                false,
                n,
            ));
        }
    }
    out
}

/// Every field of a struct type in order, `(name, type)`, embedded ones by
/// type: its memory layout.
pub fn layout_fields(ctx: &FileCtx, node: Node) -> Vec<(String, String)> {
    struct_fields(ctx, node)
        .into_iter()
        .map(|(n, t, _, embedded, _)| if embedded { (String::new(), t) } else { (n, t) })
        .collect()
}

/// A struct is not comparable when a field is a slice, map or func.
fn comparable(ctx: &FileCtx, node: Node) -> bool {
    let Some(list) = named_children(node)
        .into_iter()
        .find(|c| c.kind() == "field_declaration_list")
    else {
        return true;
    };
    named_children(list).into_iter().all(|d| {
        !field(d, "type").is_some_and(|t| {
            matches!(
                ctx.type_expr(t),
                GoTypeExpr::Slice { .. } | GoTypeExpr::Map { .. } | GoTypeExpr::Func { .. }
            )
        })
    })
}

fn type_spec(ctx: &FileCtx, spec: Node, out: &mut Vec<ApiItem>) {
    let alias = match spec.kind() {
        "type_spec" => false,
        "type_alias" => true,
        _ => return,
    };
    let (Some(name_node), Some(ty)) = (field(spec, "name"), field(spec, "type")) else {
        return;
    };
    let name = ctx.text(name_node);
    if !exported(name) {
        return;
    }
    let tp = type_params(ctx, spec);
    let origin = ctx.origin(name_node);
    let body = if alias {
        format!("= {}", render(ctx, ty))
    } else {
        match ty.kind() {
            "struct_type" => "struct".to_string(),
            "interface_type" => "interface".to_string(),
            _ => render(ctx, ty),
        }
    };
    let mut it = ApiItem::new(ApiLang::Go, ApiKind::Type, name, format!("{tp}{body}")).at(&origin);
    if alias {
        out.push(it);
        return;
    }
    match ty.kind() {
        "struct_type" => {
            if !comparable(ctx, ty) {
                it.flags.push("noncomparable".into());
            }
            out.push(it);
            for (fname, fty, _, embedded, n) in struct_fields(ctx, ty) {
                if !exported(&fname) {
                    continue;
                }
                let mut f =
                    ApiItem::new(ApiLang::Go, ApiKind::Field, format!("{name}.{fname}"), fty)
                        .at(&ctx.origin(n));
                if embedded {
                    f.flags.push("embedded".into());
                }
                out.push(f);
            }
        }
        "interface_type" => {
            let mut members = Vec::new();
            for m in named_children(ty) {
                match m.kind() {
                    "method_elem" => {
                        let Some(n) = field(m, "name") else { continue };
                        let mname = ctx.text(n);
                        if !exported(mname) {
                            it.flags.push("sealed".into());
                            continue;
                        }
                        members.push(
                            ApiItem::new(
                                ApiLang::Go,
                                ApiKind::InterfaceMethod,
                                format!("{name}.{mname}"),
                                format!("func{}", signature(ctx, m)),
                            )
                            .at(&ctx.origin(n)),
                        );
                    }
                    "type_elem" => {
                        let u = union(ctx, m);
                        if named_children(m).len() > 1 || u.starts_with('~') {
                            it.flags.push("constraint".into());
                        }
                        members.push(
                            ApiItem::new(
                                ApiLang::Go,
                                ApiKind::Embed,
                                format!("{name}.{u}"),
                                u.clone(),
                            )
                            .at(&ctx.origin(m)),
                        );
                    }
                    _ => {}
                }
            }
            out.push(it);
            out.extend(members);
        }
        _ => out.push(it),
    }
}

fn consts(ctx: &FileCtx, decl: Node, known: &mut HashMap<String, Val>, out: &mut Vec<ApiItem>) {
    let mut last_values: Vec<Node> = Vec::new();
    let mut last_type: Option<Node> = None;
    for (iota, spec) in named_children(decl)
        .into_iter()
        .filter(|s| s.kind() == "const_spec")
        .enumerate()
    {
        if let Some(v) = field(spec, "value") {
            last_values = named_children(v);
            last_type = field(spec, "type");
        }
        let names: Vec<Node> = spec
            .children_by_field_name("name")
            .filter(|n| n.kind() == "identifier")
            .collect();
        for (i, n) in names.iter().enumerate() {
            let name = ctx.text(*n).to_string();
            let val = last_values.get(i).map(|v| {
                Eval {
                    src: ctx.src,
                    iota: iota as i128,
                    known,
                }
                .eval(*v)
            });
            if let Some(v) = &val {
                known.insert(name.clone(), v.clone());
            }
            if !exported(&name) {
                continue;
            }
            let ty = last_type.map(|t| render(ctx, t)).unwrap_or_else(|| {
                val.as_ref()
                    .map(|v| v.untyped_kind())
                    .unwrap_or("untyped")
                    .to_string()
            });
            let mut it = ApiItem::new(ApiLang::Go, ApiKind::Const, &name, ty).at(&ctx.origin(*n));
            it.value = val.map(|v| v.render());
            out.push(it);
        }
    }
}

fn vars(ctx: &FileCtx, decl: Node, out: &mut Vec<ApiItem>) {
    let mut specs = Vec::new();
    for c in named_children(decl) {
        match c.kind() {
            "var_spec" => specs.push(c),
            "var_spec_list" => specs.extend(
                named_children(c)
                    .into_iter()
                    .filter(|s| s.kind() == "var_spec"),
            ),
            _ => {}
        }
    }
    for spec in specs {
        let ty = field(spec, "type").map(|t| render(ctx, t));
        let values = field(spec, "value").map(named_children).unwrap_or_default();
        let names: Vec<Node> = spec.children_by_field_name("name").collect();
        for (i, n) in names.iter().enumerate() {
            let name = ctx.text(*n);
            if !exported(name) {
                continue;
            }
            let sig = ty
                .clone()
                .or_else(|| {
                    values
                        .get(i)
                        .filter(|_| values.len() == names.len())
                        .and_then(|v| infer(ctx, *v))
                })
                .unwrap_or_else(|| "?".into());
            out.push(ApiItem::new(ApiLang::Go, ApiKind::Var, name, sig).at(&ctx.origin(*n)));
        }
    }
}

/// The type of a variable's initial value, when syntax tells it.
fn infer(ctx: &FileCtx, v: Node) -> Option<String> {
    match v.kind() {
        "composite_literal" => field(v, "type").map(|t| render(ctx, t)),
        "unary_expression" if field(v, "operator").map(|o| ctx.text(o)) == Some("&") => {
            let inner = field(v, "operand")?;
            (inner.kind() == "composite_literal")
                .then(|| format!("*{}", infer(ctx, inner).unwrap_or_default()))
        }
        "interpreted_string_literal" | "raw_string_literal" => Some("string".into()),
        "int_literal" => Some("int".into()),
        "float_literal" => Some("float64".into()),
        "rune_literal" => Some("rune".into()),
        "true" | "false" => Some("bool".into()),
        "call_expression" => {
            let f = field(v, "function")?;
            match ctx.text(f) {
                "errors.New" | "fmt.Errorf" => Some("error".into()),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
#[path = "surface_tests.rs"]
mod tests;
