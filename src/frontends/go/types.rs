//! Go type expressions and `type` declarations, with package qualifiers
//! resolved to import paths.

use rustc_hash::FxHashMap as HashMap;

use super::tree::Node;

use super::syntax::{field, named_children, origin, string_value, text};
use crate::model::{GoField, GoTypeDecl, GoTypeExpr, Origin};
use crate::source::LineIndex;

/// What every extractor of one file shares.
pub struct FileCtx<'a> {
    pub src: &'a [u8],
    /// `src` as text when all of it is UTF-8 (nodes' text is then sliced
    /// out of it instead of checked node by node).
    pub utf8: Option<&'a str>,
    pub idx: &'a LineIndex<'a>,
    /// Import name → import path.
    pub imports: HashMap<String, String>,
}

impl<'a> FileCtx<'a> {
    pub fn text(&self, node: Node) -> &'a str {
        match self.utf8 {
            // Off a character boundary the bytes are not UTF-8 either.
            Some(all) => all.get(node.start_byte()..node.end_byte()).unwrap_or(""),
            None => text(node, self.src),
        }
    }

    pub fn origin(&self, node: Node) -> Origin {
        origin(node, self.idx)
    }

    /// The import path a package name refers to in this file.
    pub fn import(&self, name: &str) -> Option<&str> {
        self.imports.get(name).map(String::as_str)
    }

    /// The type a type node denotes.
    pub fn type_expr(&self, node: Node) -> GoTypeExpr {
        match node.kind() {
            "type_identifier" | "identifier" => GoTypeExpr::Named {
                pkg: String::new(),
                name: self.text(node).to_string(),
                args: Vec::new(),
            },
            "qualified_type" => {
                let pkg = field(node, "package").map(|p| self.text(p)).unwrap_or("");
                let name = field(node, "name").map(|n| self.text(n)).unwrap_or("");
                GoTypeExpr::Named {
                    pkg: self.import(pkg).unwrap_or(pkg).to_string(),
                    name: name.to_string(),
                    args: Vec::new(),
                }
            }
            "generic_type" => {
                let base = field(node, "type").map(|t| self.type_expr(t));
                let args = field(node, "type_arguments")
                    .map(|a| {
                        named_children(a)
                            .into_iter()
                            .map(|t| {
                                // type_arguments wrap each in type_elem
                                match t.named_child(0) {
                                    Some(inner) if t.kind() == "type_elem" => self.type_expr(inner),
                                    _ => self.type_expr(t),
                                }
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                match base {
                    Some(GoTypeExpr::Named { pkg, name, .. }) => {
                        GoTypeExpr::Named { pkg, name, args }
                    }
                    _ => self.other(node),
                }
            }
            "pointer_type" => match node.named_child(0) {
                Some(e) => GoTypeExpr::Pointer {
                    elem: Box::new(self.type_expr(e)),
                },
                None => self.other(node),
            },
            "slice_type" => match field(node, "element") {
                Some(e) => GoTypeExpr::Slice {
                    elem: Box::new(self.type_expr(e)),
                },
                None => self.other(node),
            },
            "array_type" | "implicit_length_array_type" => match field(node, "element") {
                Some(e) => GoTypeExpr::Array {
                    len: field(node, "length")
                        .map(|l| self.text(l))
                        .unwrap_or("...")
                        .to_string(),
                    elem: Box::new(self.type_expr(e)),
                },
                None => self.other(node),
            },
            "map_type" => match (field(node, "key"), field(node, "value")) {
                (Some(k), Some(v)) => GoTypeExpr::Map {
                    key: Box::new(self.type_expr(k)),
                    value: Box::new(self.type_expr(v)),
                },
                _ => self.other(node),
            },
            "struct_type" => GoTypeExpr::Struct {
                fields: self.struct_fields(node),
            },
            "interface_type" => {
                let methods: Vec<String> = named_children(node)
                    .into_iter()
                    .filter(|c| c.kind() == "method_elem")
                    .map(|m| {
                        self.text(m)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect();
                let empty = named_children(node).is_empty();
                GoTypeExpr::Interface { methods, empty }
            }
            "parenthesized_type" => match node.named_child(0) {
                Some(t) => self.type_expr(t),
                None => self.other(node),
            },
            "function_type" => GoTypeExpr::Func {
                text: self.text(node).to_string(),
            },
            "channel_type" => GoTypeExpr::Chan {
                text: self.text(node).to_string(),
            },
            _ => self.other(node),
        }
    }

    fn other(&self, node: Node) -> GoTypeExpr {
        GoTypeExpr::Other {
            text: self.text(node).to_string(),
        }
    }

    fn struct_fields(&self, node: Node) -> Vec<GoField> {
        let mut out = Vec::new();
        let Some(list) = named_children(node)
            .into_iter()
            .find(|c| c.kind() == "field_declaration_list")
        else {
            return out;
        };
        for decl in named_children(list) {
            if decl.kind() != "field_declaration" {
                continue;
            }
            let Some(ty_node) = field(decl, "type") else {
                continue;
            };
            let ty = self.type_expr(ty_node);
            let tag = field(decl, "tag").and_then(|t| string_value(t, self.src));
            let names: Vec<Node> = decl.children_by_field_name("name").collect();
            if names.is_empty() {
                // Embedded: `T`, `*T`, `pkg.T`.
                let name = embedded_name(&ty).unwrap_or_default();
                out.push(GoField {
                    name,
                    ty,
                    tag,
                    embedded: true,
                    origin: self.origin(decl),
                });
            } else {
                for n in names {
                    out.push(GoField {
                        name: self.text(n).to_string(),
                        ty: ty.clone(),
                        tag: tag.clone(),
                        embedded: false,
                        origin: self.origin(n),
                    });
                }
            }
        }
        out
    }

    /// `type` declarations of a `type_declaration` node.
    pub fn type_decls(&self, node: Node, out: &mut Vec<GoTypeDecl>) {
        for spec in named_children(node) {
            let alias = match spec.kind() {
                "type_spec" => false,
                "type_alias" => true,
                _ => continue,
            };
            let (Some(name), Some(ty)) = (field(spec, "name"), field(spec, "type")) else {
                continue;
            };
            let type_params = field(spec, "type_parameters")
                .map(|tp| {
                    named_children(tp)
                        .into_iter()
                        .flat_map(|d| {
                            d.children_by_field_name("name")
                                .map(|n| self.text(n).to_string())
                                .collect::<Vec<_>>()
                        })
                        .collect()
                })
                .unwrap_or_default();
            out.push(GoTypeDecl {
                name: self.text(name).to_string(),
                alias,
                type_params,
                ty: self.type_expr(ty),
                origin: self.origin(name),
            });
        }
    }
}

/// The field name an embedded type gives (`*pkg.T` → `T`).
pub fn embedded_name(ty: &GoTypeExpr) -> Option<String> {
    match ty {
        GoTypeExpr::Named { name, .. } => Some(name.clone()),
        GoTypeExpr::Pointer { elem } => embedded_name(elem),
        _ => None,
    }
}

/// The named type behind pointers: `*pkg.T` → `(pkg, T)`.
pub fn named_of(ty: &GoTypeExpr) -> Option<(&str, &str)> {
    match ty {
        GoTypeExpr::Named { pkg, name, .. } => Some((pkg, name)),
        GoTypeExpr::Pointer { elem } => named_of(elem),
        _ => None,
    }
}
