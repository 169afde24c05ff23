//! The Go frontend: one `.go` file → [`GoFile`] facts, with tree-sitter-go.

mod cgo;
mod consteval;
mod cors;
mod echo_headers;
mod features;
mod frameworks;
mod handlers;
mod header_keys;
mod http2;
mod routes;
mod surface;
mod syntax;
mod tree;
mod types;

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

use tree_sitter::Parser;

use self::tree::{Node, Tree};

use self::routes::FuncWalker;
use self::syntax::{field, first_error, named_children, preorder, string_value};
use self::types::FileCtx;
use super::suppress;
use crate::model::{
    FileFacts, FileKind, Framework, GoConst, GoDirective, GoFile, GoFunc, GoImport, GoParam,
    GoRouterVar, GoTypeExpr, PathExpr, Problem, Suppression,
};
use crate::source::LineIndex;

pub use frameworks::{framework_of_import, router_type};
pub use routes::is_std;

/// Syntax tree depth past which a file is not analysed: the walkers recurse
/// once per level, and 300,000 levels (a 2 MB file of `(((`) overflow even
/// the engine's 256 MiB stack, which aborts the whole run. Real code stays
/// under a few hundred.
pub const MAX_DEPTH: usize = 10_000;

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Parses one Go file with this thread's parser.
fn parse(src: &[u8]) -> Option<tree_sitter::Tree> {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let mut p = Parser::new();
            p.set_language(&tree_sitter_go::LANGUAGE.into()).ok()?;
            *slot = Some(p);
        }
        slot.as_mut()?.parse(src, None)
    })
}

/// Parses only (the benchmark floor).
pub fn parse_only(src: &[u8]) -> bool {
    parse(src).is_some()
}

pub fn analyze(path: &str, src: &[u8]) -> FileFacts {
    let mut facts = FileFacts::new(path, FileKind::Go);
    let idx = LineIndex::new(path, src);
    let Some(tree) = parse(src).map(|ts| Tree::copy(&ts)) else {
        facts.problems.push(Problem {
            message: "the Go parser gave up on this file".into(),
            origin: idx.origin(0, 0),
        });
        return facts;
    };
    let root = tree.root_node();
    // tree-sitter parses any depth; seam's walkers recurse per level.
    let too_deep = (tree.depth() > MAX_DEPTH)
        .then(|| syntax::deeper_than(root, MAX_DEPTH))
        .flatten();
    if let Some(deep) = too_deep {
        facts.problems.push(Problem {
            message: format!(
                "nesting deeper than {MAX_DEPTH} syntax levels; the file's facts are not read"
            ),
            origin: idx.origin(deep.start_byte() as u32, deep.start_byte() as u32),
        });
        return facts;
    }
    if let Some(err) = first_error(root) {
        let what = if err.is_missing() {
            format!("expected `{}`", err.kind())
        } else {
            "unexpected input".to_string()
        };
        facts.problems.push(Problem {
            message: format!("Go syntax error: {what}; facts after this point may be incomplete"),
            origin: idx.origin(
                err.start_byte() as u32,
                err.end_byte().max(err.start_byte() + 1) as u32,
            ),
        });
    }
    let dir = path
        .rsplit_once('/')
        .map(|(d, _)| d)
        .unwrap_or("")
        .to_string();
    let mut file = GoFile {
        dir,
        is_test: path.ends_with("_test.go"),
        ..Default::default()
    };
    let imports = collect_imports(root, src, &mut file);
    let ctx = FileCtx {
        src,
        utf8: std::str::from_utf8(src).ok(),
        idx: &idx,
        imports,
    };
    let imported: Vec<Framework> = file
        .imports
        .iter()
        .filter_map(|i| framework_of_import(&i.path))
        .collect();
    for node in named_children(root) {
        match node.kind() {
            "package_clause" => {
                if let Some(n) = node.named_child(0) {
                    file.package = ctx.text(n).to_string();
                }
            }
            "function_declaration" | "method_declaration" => {
                file.funcs.push(function(&ctx, node, &imported));
            }
            "type_declaration" => ctx.type_decls(node, &mut file.types),
            "const_declaration" | "var_declaration" => {
                package_values(&ctx, node, &imported, &mut file)
            }
            _ => {}
        }
    }
    literals(&ctx, root, &mut file.funcs);
    features::collect(&ctx, root, &mut file);
    file.net = http2::extract(&ctx, root);
    file.cors = cors::extract(&ctx, root);
    file.header_keys = header_keys::extract(&ctx, root);
    let api = surface::extract(&ctx, root);
    if !api.is_empty() && !file.is_test {
        facts.surface = Some(crate::model::FileSurface {
            items: api,
            ..Default::default()
        });
    }
    comments(&ctx, root, &mut file, &mut facts.suppressions);
    facts.go = Some(file);
    facts
}

fn collect_imports(root: Node, src: &[u8], file: &mut GoFile) -> HashMap<String, String> {
    let mut map = HashMap::default();
    for decl in named_children(root)
        .into_iter()
        .filter(|n| n.kind() == "import_declaration")
    {
        let mut specs = Vec::new();
        for c in named_children(decl) {
            match c.kind() {
                "import_spec" => specs.push(c),
                "import_spec_list" => specs.extend(
                    named_children(c)
                        .into_iter()
                        .filter(|s| s.kind() == "import_spec"),
                ),
                _ => {}
            }
        }
        for spec in specs {
            let Some(path) = field(spec, "path").and_then(|p| string_value(p, src)) else {
                continue;
            };
            let alias = field(spec, "name")
                .and_then(|n| n.utf8_text(src).ok())
                .map(str::to_string);
            let name = match alias.as_deref() {
                Some("_") | Some(".") => continue,
                Some(a) => a.to_string(),
                None => default_import_name(&path),
            };
            map.insert(name.clone(), path.clone());
            file.imports.push(GoImport { name, path });
        }
    }
    map
}

/// The name a package is imported under by default: its last path element,
/// skipping a `/vN` major-version suffix and a `go-` prefix (`go-chi/chi/v5` → `chi`).
pub fn default_import_name(path: &str) -> String {
    let mut parts = path.rsplit('/');
    let mut last = parts.next().unwrap_or(path);
    if last.len() > 1 && last.starts_with('v') && last[1..].chars().all(|c| c.is_ascii_digit()) {
        last = parts.next().unwrap_or(last);
    }
    let last = last.strip_prefix("go-").unwrap_or(last);
    last.trim_end_matches(".go").replace(['-', '.'], "_")
}

fn params_of(ctx: &FileCtx, list: Option<Node>) -> Vec<GoParam> {
    let mut out = Vec::new();
    let Some(list) = list else { return out };
    for decl in named_children(list) {
        let Some(ty) = field(decl, "type") else {
            continue;
        };
        let mut ty = ctx.type_expr(ty);
        if decl.kind() == "variadic_parameter_declaration" {
            ty = GoTypeExpr::Slice { elem: Box::new(ty) };
        }
        let names: Vec<Node> = decl.children_by_field_name("name").collect();
        if names.is_empty() {
            out.push(GoParam {
                name: String::new(),
                ty: ty.clone(),
            });
        }
        for n in names {
            out.push(GoParam {
                name: ctx.text(n).to_string(),
                ty: ty.clone(),
            });
        }
    }
    out
}

fn results_of(ctx: &FileCtx, result: Option<Node>) -> Vec<GoTypeExpr> {
    match result {
        None => Vec::new(),
        Some(r) if r.kind() == "parameter_list" => {
            params_of(ctx, Some(r)).into_iter().map(|p| p.ty).collect()
        }
        Some(r) => vec![ctx.type_expr(r)],
    }
}

fn function(ctx: &FileCtx, node: Node, imported: &[Framework]) -> GoFunc {
    let name = field(node, "name")
        .map(|n| ctx.text(n))
        .unwrap_or("")
        .to_string();
    let params = params_of(ctx, field(node, "parameters"));
    let results = results_of(ctx, field(node, "result"));
    let recv = field(node, "receiver").and_then(|r| params_of(ctx, Some(r)).into_iter().next());
    let recv_type = recv
        .as_ref()
        .and_then(|p| types::named_of(&p.ty).map(|(_, n)| n.to_string()));
    let mut walker = FuncWalker::new(ctx, imported.to_vec());
    let recv_binding = recv.as_ref().map(|p| (p.name.as_str(), p.ty.clone()));
    walker.bind_params(recv_binding.clone(), &params);
    let mut http = handlers::HandlerWalker::new(ctx, recv_binding, &params);
    if let Some(body) = field(node, "body") {
        walker.walk(body);
        http.walk(body);
    }
    GoFunc {
        origin: ctx.origin(field(node, "name").unwrap_or(node)),
        span: (node.start_byte() as u32, node.end_byte() as u32),
        name,
        recv: recv_type,
        literal_at: None,
        params,
        results,
        routes: walker.ops,
        returns_router: walker.returns.map(Box::new),
        http: http.out,
    }
}

/// Function literals nested deeper than this inside other literals are
/// not functions of their own (they are still read as part of the literals
/// around them). Each literal's walk covers the literals inside it, so
/// without a bound nested literals cost quadratic time.
const MAX_LITERAL_NESTING: u32 = 32;

/// Every function literal of the file, as its own function (handlers).
fn literals(ctx: &FileCtx, root: Node, out: &mut Vec<GoFunc>) {
    let mut stack = vec![(root, 0)];
    while let Some((node, mut nesting)) = stack.pop() {
        if node.kind() == "func_literal" {
            nesting += 1;
        }
        if node.kind() == "func_literal" && nesting <= MAX_LITERAL_NESTING {
            let params = params_of(ctx, field(node, "parameters"));
            let mut http = handlers::HandlerWalker::new(ctx, None, &params);
            if let Some(body) = field(node, "body") {
                http.walk(body);
            }
            out.push(GoFunc {
                name: format!("func@{}", node.start_byte()),
                recv: None,
                literal_at: Some(node.start_byte() as u32),
                params,
                results: results_of(ctx, field(node, "result")),
                origin: ctx.origin(node),
                span: (node.start_byte() as u32, node.end_byte() as u32),
                routes: Vec::new(),
                returns_router: None,
                http: http.out,
            });
        }
        stack.extend(node.named_children().map(|n| (n, nesting)));
    }
}

/// Package-level constants and variables: string values, routers.
fn package_values(ctx: &FileCtx, node: Node, imported: &[Framework], file: &mut GoFile) {
    let mut specs = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match n.kind() {
            "const_spec" | "var_spec" => specs.push(n),
            _ => stack.extend(named_children(n)),
        }
    }
    specs.reverse();
    let walker = FuncWalker::new(ctx, imported.to_vec());
    for spec in specs {
        let names: Vec<Node> = spec.children_by_field_name("name").collect();
        let values = field(spec, "value").map(named_children).unwrap_or_default();
        let ty = field(spec, "type").map(|t| ctx.type_expr(t));
        for (i, n) in names.iter().enumerate() {
            let name = ctx.text(*n).to_string();
            if name == "_" {
                continue;
            }
            let value = values.get(i).filter(|_| values.len() == names.len());
            if let Some(v) = value {
                if let Some(r) = walker.router(*v, false) {
                    file.router_vars.push(GoRouterVar {
                        name,
                        value: Some(r),
                        framework: None,
                    });
                    continue;
                }
                match walker.path(*v) {
                    PathExpr::Unknown => {}
                    p => file.consts.push(GoConst {
                        name,
                        value: p,
                        origin: ctx.origin(*n),
                    }),
                }
            } else if let Some(fw) = ty
                .as_ref()
                .and_then(types::named_of)
                .and_then(|(p, n)| router_type(p, n))
            {
                file.router_vars.push(GoRouterVar {
                    name,
                    value: None,
                    framework: Some(fw),
                });
            }
        }
    }
}

/// `//go:debug` directives and `seam-ignore` suppressions.
fn comments(ctx: &FileCtx, root: Node, file: &mut GoFile, sups: &mut Vec<Suppression>) {
    // Most files hold neither: skip the walk over every node.
    let has = |needle: &[u8]| memchr::memmem::find(ctx.src, needle).is_some();
    if !has(b"//go:debug") && !has(b"seam-ignore") {
        return;
    }
    preorder(root, |node| {
        if node.kind() != "comment" {
            return true;
        }
        let text = ctx.text(node);
        if let Some(rest) = text.strip_prefix("//go:debug ") {
            if let Some((k, v)) = rest.trim().split_once('=') {
                file.go_debug.push(GoDirective {
                    key: k.trim().to_string(),
                    value: v.trim().to_string(),
                    origin: ctx.origin(node),
                });
            }
        } else if let Some((rules, reason)) = suppress::parse(text) {
            sups.push(Suppression {
                rules,
                reason,
                origin: ctx.origin(node),
            });
        }
        false
    });
    file.go_debug.sort_by_key(|d| d.origin.start);
    sups.sort_by_key(|s| s.origin.start);
}

#[cfg(test)]
mod tests;
