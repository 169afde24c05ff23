//! cgo: `//export` functions with the C signature cgo generates for them,
//! and the Go structs whose layout C sees (a struct of a cgo file with a
//! `C.` field, or one an exported function takes or returns).

use super::tree::Node;

use super::surface::{layout_fields, render};
use super::syntax::{field, named_children};
use super::types::FileCtx;
use crate::model::{ApiItem, ApiKind, ApiLang};

/// The C type cgo uses for a Go type in an exported function.
pub fn c_type(ctx: &FileCtx, node: Node) -> String {
    match node.kind() {
        "qualified_type" => {
            let pkg = field(node, "package").map(|p| ctx.text(p)).unwrap_or("");
            let name = field(node, "name").map(|n| ctx.text(n)).unwrap_or("");
            match (pkg, name) {
                ("C", n) => n
                    .strip_prefix("struct_")
                    .map(|s| format!("struct {s}"))
                    .unwrap_or_else(|| n.to_string()),
                ("unsafe", "Pointer") => "void*".into(),
                _ => render(ctx, node),
            }
        }
        "pointer_type" => node
            .named_child(0)
            .map(|e| format!("{}*", c_type(ctx, e)))
            .unwrap_or_default(),
        "slice_type" => "GoSlice".into(),
        "map_type" => "GoMap".into(),
        "channel_type" => "GoChan".into(),
        "interface_type" => "GoInterface".into(),
        "type_identifier" | "identifier" => {
            let t = ctx.text(node);
            match t {
                "int" => "GoInt".into(),
                "uint" => "GoUint".into(),
                "int8" | "int16" | "int32" | "int64" | "uint8" | "uint16" | "uint32" | "uint64"
                | "uintptr" | "float32" | "float64" | "complex64" | "complex128" | "string" => {
                    let mut c = t.chars();
                    let first = c.next().map(|c| c.to_ascii_uppercase()).unwrap_or('?');
                    format!("Go{first}{}", c.as_str())
                }
                "byte" => "GoUint8".into(),
                "rune" => "GoInt32".into(),
                "bool" => "GoUint8".into(),
                "error" | "any" => "GoInterface".into(),
                other => other.to_string(),
            }
        }
        _ => render(ctx, node),
    }
}

fn c_types(ctx: &FileCtx, list: Option<Node>) -> Vec<String> {
    let mut out = Vec::new();
    for decl in list.map(named_children).unwrap_or_default() {
        let Some(ty) = field(decl, "type") else {
            continue;
        };
        let t = c_type(ctx, ty);
        let n = decl.children_by_field_name("name").count().max(1);
        out.extend(std::iter::repeat_n(t, n));
    }
    out
}

/// `GoInt Add(GoInt, GoInt)`; several results become cgo's return struct.
fn c_signature(ctx: &FileCtx, sym: &str, func: Node) -> String {
    let params = c_types(ctx, field(func, "parameters"));
    let results = match field(func, "result") {
        None => Vec::new(),
        Some(r) if r.kind() == "parameter_list" => c_types(ctx, Some(r)),
        Some(r) => vec![c_type(ctx, r)],
    };
    let ret = match results.len() {
        0 => "void".to_string(),
        1 => results[0].clone(),
        _ => format!(
            "struct {{ {} }}",
            results
                .iter()
                .enumerate()
                .map(|(i, t)| format!("{t} r{i};"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    };
    let params = if params.is_empty() {
        "void".to_string()
    } else {
        params.join(", ")
    };
    format!("{ret} {sym}({params})")
}

/// Named types an exported function takes or returns (behind pointers).
fn signature_types<'s>(ctx: &FileCtx<'s>, func: Node) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<Node> = ["parameters", "result"]
        .iter()
        .filter_map(|f| field(func, f))
        .collect();
    while let Some(n) = stack.pop() {
        if n.kind() == "type_identifier" {
            out.push(ctx.text(n).to_string());
        }
        stack.extend(named_children(n));
    }
    out
}

pub fn items(ctx: &FileCtx, root: Node, exports: &[(String, Node)], out: &mut Vec<ApiItem>) {
    let mut passed: Vec<String> = Vec::new();
    for (sym, func) in exports {
        let name_node = field(*func, "name").unwrap_or(*func);
        out.push(
            ApiItem::new(
                ApiLang::CExport,
                ApiKind::Func,
                sym.clone(),
                c_signature(ctx, sym, *func),
            )
            .at(&ctx.origin(name_node))
            .flag("cgo"),
        );
        passed.extend(signature_types(ctx, *func));
    }
    for decl in named_children(root)
        .into_iter()
        .filter(|n| n.kind() == "type_declaration")
    {
        for spec in named_children(decl)
            .into_iter()
            .filter(|s| s.kind() == "type_spec")
        {
            let (Some(name_node), Some(ty)) = (field(spec, "name"), field(spec, "type")) else {
                continue;
            };
            if ty.kind() != "struct_type" {
                continue;
            }
            let name = ctx.text(name_node);
            let fields = layout_fields(ctx, ty);
            let has_c = fields.iter().any(|(_, t)| t.starts_with("C."));
            if !has_c && !passed.iter().any(|p| p == name) {
                continue;
            }
            let layout: Vec<String> = fields.iter().map(|(n, t)| format!("{n} {t}")).collect();
            out.push(
                ApiItem::new(ApiLang::CLayout, ApiKind::Struct, name, layout.join("; "))
                    .at(&ctx.origin(name_node))
                    .flag("cgo"),
            );
        }
    }
}
