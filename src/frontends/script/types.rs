//! TypeScript types as the model writes them: interfaces, aliases, type
//! arguments and annotations, converted from swc's AST.

use swc_common::Spanned;
use swc_ecma_ast as ast;

use super::names::{span_text, wtf};
use super::parse::offset;
use crate::model::{Origin, TsMember, TsType, TsTypeDecl};
use crate::source::LineIndex;

/// What type conversion needs: the file's text and line index.
pub struct TypeCx<'a> {
    pub src: &'a str,
    pub idx: &'a LineIndex<'a>,
}

impl TypeCx<'_> {
    fn origin(&self, span: swc_common::Span) -> Origin {
        self.idx.origin(offset(span.lo), offset(span.hi))
    }

    fn other(&self, span: swc_common::Span) -> TsType {
        TsType::Other {
            text: span_text(self.src, span).chars().take(120).collect(),
        }
    }

    pub fn ty(&self, t: &ast::TsType) -> TsType {
        use ast::TsType as T;
        match t {
            T::TsKeywordType(k) => TsType::keyword(keyword(k.kind)),
            T::TsTypeRef(r) => TsType::Ref {
                name: entity_name(&r.type_name),
                args: r
                    .type_params
                    .as_ref()
                    .map(|p| p.params.iter().map(|a| self.ty(a)).collect())
                    .unwrap_or_default(),
            },
            T::TsArrayType(a) => TsType::Array {
                elem: Box::new(self.ty(&a.elem_type)),
            },
            T::TsTypeLit(l) => TsType::Object {
                members: self.members(&l.members),
            },
            T::TsUnionOrIntersectionType(u) => match u {
                ast::TsUnionOrIntersectionType::TsUnionType(u) => TsType::Union {
                    types: u.types.iter().map(|x| self.ty(x)).collect(),
                },
                ast::TsUnionOrIntersectionType::TsIntersectionType(i) => TsType::Intersection {
                    types: i.types.iter().map(|x| self.ty(x)).collect(),
                },
            },
            T::TsParenthesizedType(p) => self.ty(&p.type_ann),
            T::TsTypeOperator(o) if o.op == ast::TsTypeOperatorOp::ReadOnly => self.ty(&o.type_ann),
            T::TsLitType(l) => TsType::Literal {
                value: match &l.lit {
                    ast::TsLit::Str(s) => format!("'{}'", wtf(&s.value)),
                    ast::TsLit::Number(n) => n.value.to_string(),
                    ast::TsLit::Bool(b) => b.value.to_string(),
                    _ => span_text(self.src, l.span).to_string(),
                },
            },
            T::TsTupleType(tu) => TsType::Tuple {
                elems: tu.elem_types.iter().map(|e| self.ty(&e.ty)).collect(),
            },
            other => self.other(other.span()),
        }
    }

    /// The members of an interface body or a type literal.
    pub fn members(&self, elems: &[ast::TsTypeElement]) -> Vec<TsMember> {
        let mut out = Vec::new();
        for e in elems {
            match e {
                ast::TsTypeElement::TsPropertySignature(p) => {
                    let name = match &*p.key {
                        ast::Expr::Ident(i) => i.sym.to_string(),
                        ast::Expr::Lit(ast::Lit::Str(s)) => wtf(&s.value),
                        ast::Expr::Lit(ast::Lit::Num(n)) => n.value.to_string(),
                        _ => continue,
                    };
                    out.push(TsMember {
                        name,
                        optional: p.optional,
                        ty: p
                            .type_ann
                            .as_ref()
                            .map(|t| self.ty(&t.type_ann))
                            .unwrap_or(TsType::keyword("any")),
                        origin: self.origin(p.span),
                    });
                }
                ast::TsTypeElement::TsIndexSignature(ix) => {
                    // `[key: string]: T` → a member named `[key]`.
                    let ty = ix
                        .type_ann
                        .as_ref()
                        .map(|t| self.ty(&t.type_ann))
                        .unwrap_or(TsType::keyword("any"));
                    out.push(TsMember {
                        name: "[key]".into(),
                        optional: true,
                        ty,
                        origin: self.origin(ix.span),
                    });
                }
                _ => {}
            }
        }
        out
    }

    pub fn interface(&self, d: &ast::TsInterfaceDecl) -> TsTypeDecl {
        TsTypeDecl {
            name: d.id.sym.to_string(),
            params: type_params(d.type_params.as_deref()),
            extends: d
                .extends
                .iter()
                .filter_map(|e| {
                    let name = expr_name(&e.expr)?;
                    Some(TsType::Ref {
                        name,
                        args: e
                            .type_args
                            .as_ref()
                            .map(|a| a.params.iter().map(|t| self.ty(t)).collect())
                            .unwrap_or_default(),
                    })
                })
                .collect(),
            ty: TsType::Object {
                members: self.members(&d.body.body),
            },
            origin: self.origin(d.id.span),
        }
    }

    pub fn alias(&self, d: &ast::TsTypeAliasDecl) -> TsTypeDecl {
        TsTypeDecl {
            name: d.id.sym.to_string(),
            params: type_params(d.type_params.as_deref()),
            extends: Vec::new(),
            ty: self.ty(&d.type_ann),
            origin: self.origin(d.id.span),
        }
    }
}

fn type_params(p: Option<&ast::TsTypeParamDecl>) -> Vec<String> {
    p.map(|p| p.params.iter().map(|t| t.name.sym.to_string()).collect())
        .unwrap_or_default()
}

fn entity_name(n: &ast::TsEntityName) -> String {
    match n {
        ast::TsEntityName::Ident(i) => i.sym.to_string(),
        ast::TsEntityName::TsQualifiedName(q) => {
            format!("{}.{}", entity_name(&q.left), q.right.sym)
        }
    }
}

fn expr_name(e: &ast::Expr) -> Option<String> {
    match e {
        ast::Expr::Ident(i) => Some(i.sym.to_string()),
        ast::Expr::Member(m) => Some(format!(
            "{}.{}",
            expr_name(&m.obj)?,
            super::names::member_prop(&m.prop)?
        )),
        _ => None,
    }
}

fn keyword(k: ast::TsKeywordTypeKind) -> &'static str {
    use ast::TsKeywordTypeKind as K;
    match k {
        K::TsAnyKeyword => "any",
        K::TsUnknownKeyword => "unknown",
        K::TsNumberKeyword => "number",
        K::TsObjectKeyword => "object",
        K::TsBooleanKeyword => "boolean",
        K::TsBigIntKeyword => "bigint",
        K::TsStringKeyword => "string",
        K::TsSymbolKeyword => "symbol",
        K::TsVoidKeyword => "void",
        K::TsUndefinedKeyword => "undefined",
        K::TsNullKeyword => "null",
        K::TsNeverKeyword => "never",
        K::TsIntrinsicKeyword => "intrinsic",
    }
}
