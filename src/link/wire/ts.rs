//! TypeScript types → wire types: interfaces (with `extends`), aliases,
//! object types, `?`, `| null` / `| undefined`, arrays, `Record`, index
//! signatures, string-literal unions, `Omit` / `Pick` / `Partial` of a
//! known type, generics, imports across modules. What is not modelled is
//! `Unknown`, which never makes a finding.

use std::collections::HashMap;

use super::super::ts_index::TsIndex;
use crate::model::{TsMember, TsType, WireField, WireType};

const MAX_DEPTH: u32 = 12;

pub struct TsWire<'i, 'a> {
    pub ix: &'i TsIndex<'a>,
}

/// Generic parameters in scope: name → (argument, its module).
type Subst<'a> = HashMap<String, (TsType, &'a str)>;

impl<'a> TsWire<'_, 'a> {
    pub fn of(&self, t: &TsType, module: &'a str) -> WireType {
        self.ty(t, module, &Subst::new(), 0)
    }

    fn ty(&self, t: &TsType, module: &'a str, subst: &Subst<'a>, depth: u32) -> WireType {
        if depth > MAX_DEPTH {
            return WireType::Unknown;
        }
        match t {
            TsType::Keyword { name } => match name.as_str() {
                "string" => WireType::String,
                "number" => WireType::Number {
                    integer: false,
                    bits: None,
                },
                "bigint" => WireType::Number {
                    integer: true,
                    bits: Some(64),
                },
                "boolean" => WireType::Bool,
                "any" | "unknown" | "object" => WireType::Any,
                "null" => WireType::Literal {
                    value: "null".into(),
                },
                _ => WireType::Unknown,
            },
            TsType::Literal { value } => {
                if value.starts_with('\'') || value.starts_with('"') {
                    WireType::Literal {
                        value: value.clone(),
                    }
                } else if value == "true" || value == "false" {
                    WireType::Bool
                } else {
                    WireType::Number {
                        integer: false,
                        bits: None,
                    }
                }
            }
            TsType::Array { elem } => WireType::Array {
                elem: Box::new(self.ty(elem, module, subst, depth + 1)),
            },
            TsType::Tuple { .. } => WireType::Array {
                elem: Box::new(WireType::Unknown),
            },
            TsType::Object { members } => self.object("", members, module, subst, depth),
            TsType::Union { types } => self.union(types, module, subst, depth),
            TsType::Intersection { types } => {
                let mut fields: Vec<WireField> = Vec::new();
                for x in types {
                    match self.ty(x, module, subst, depth + 1) {
                        WireType::Object { fields: f, .. } => merge_fields(&mut fields, f),
                        _ => return WireType::Unknown,
                    }
                }
                WireType::Object {
                    name: String::new(),
                    fields,
                }
            }
            TsType::Ref { name, args } => self.reference(name, args, module, subst, depth),
            TsType::Scoped { module: m, ty } => match self.ix.module_key(m) {
                Some(m) => self.ty(ty, m, subst, depth + 1),
                None => WireType::Unknown,
            },
            TsType::Other { .. } => WireType::Unknown,
        }
    }

    fn union(&self, types: &[TsType], module: &'a str, subst: &Subst<'a>, depth: u32) -> WireType {
        let nullable = types
            .iter()
            .any(|t| matches!(t, TsType::Keyword { name } if name == "null"));
        let rest: Vec<WireType> = types
            .iter()
            .filter(
                |t| !matches!(t, TsType::Keyword { name } if name == "null" || name == "undefined"),
            )
            .map(|t| self.ty(t, module, subst, depth + 1))
            .collect();
        let inner = match rest.len() {
            0 => WireType::Unknown,
            1 => rest.into_iter().next().unwrap_or(WireType::Unknown),
            _ if rest
                .iter()
                .all(|w| matches!(w, WireType::Literal { .. } | WireType::String)) =>
            {
                WireType::String
            }
            _ if rest.iter().any(|w| matches!(w, WireType::Unknown)) => WireType::Unknown,
            _ => WireType::Union { types: rest },
        };
        if nullable && inner != WireType::Unknown {
            WireType::Nullable {
                inner: Box::new(inner),
            }
        } else {
            inner
        }
    }

    fn object(
        &self,
        name: &str,
        members: &[TsMember],
        module: &'a str,
        subst: &Subst<'a>,
        depth: u32,
    ) -> WireType {
        if members.len() == 1 && members[0].name == "[key]" {
            return WireType::Map {
                value: Box::new(self.ty(&members[0].ty, module, subst, depth + 1)),
            };
        }
        let fields = members
            .iter()
            .filter(|m| m.name != "[key]")
            .map(|m| {
                let mut ty = self.ty(&m.ty, module, subst, depth + 1);
                let undefined = matches!(&m.ty, TsType::Union { types } if types.iter().any(|t| matches!(t, TsType::Keyword { name } if name == "undefined")));
                let nullable = matches!(ty, WireType::Nullable { .. });
                if let WireType::Nullable { inner } = ty {
                    ty = *inner;
                }
                WireField {
                    name: m.name.clone(),
                    source_name: None,
                    ty,
                    optional: m.optional || undefined,
                    nullable,
                    untagged: false,
                    required: false,
                    origin: m.origin.clone(),
                }
            })
            .collect();
        WireType::Object {
            name: name.to_string(),
            fields,
        }
    }

    fn reference(
        &self,
        name: &str,
        args: &[TsType],
        module: &'a str,
        subst: &Subst<'a>,
        depth: u32,
    ) -> WireType {
        if let Some((t, m)) = subst.get(name) {
            return self.ty(t, m, subst, depth + 1);
        }
        let arg = |i: usize| {
            args.get(i)
                .map(|a| self.ty(a, module, subst, depth + 1))
                .unwrap_or(WireType::Unknown)
        };
        match name {
            "Array" | "ReadonlyArray" | "Set" => {
                return WireType::Array {
                    elem: Box::new(arg(0)),
                }
            }
            "Record" | "Map" => {
                return WireType::Map {
                    value: Box::new(arg(1)),
                }
            }
            // axios' `AxiosResponse<T>`: the body is `T`.
            "Promise" | "Readonly" | "Required" | "NonNullable" | "AxiosResponse" => return arg(0),
            "Date" => return WireType::String,
            "Partial" => {
                return match arg(0) {
                    WireType::Object { name, mut fields } => {
                        fields.iter_mut().for_each(|f| f.optional = true);
                        WireType::Object { name, fields }
                    }
                    other => other,
                }
            }
            "Omit" | "Pick" => {
                let keys = literal_keys(args.get(1));
                return match arg(0) {
                    WireType::Object { name: n, fields } => WireType::Object {
                        name: n,
                        fields: fields
                            .into_iter()
                            .filter(|f| keys.contains(&f.name) == (name == "Pick"))
                            .collect(),
                    },
                    other => other,
                };
            }
            "Blob" | "File" | "FormData" | "ArrayBuffer" => return WireType::Unknown,
            _ => {}
        }
        let Some((decl_module, decl)) = self.ix.type_decl(module, name, 0) else {
            return WireType::Unknown;
        };
        let mut inner = Subst::new();
        for (i, p) in decl.params.iter().enumerate() {
            match args.get(i) {
                Some(a) => inner.insert(p.clone(), (a.clone(), module)),
                None => inner.insert(p.clone(), (TsType::keyword("unknown"), module)),
            };
        }
        let mut out = match &decl.ty {
            TsType::Object { members } => {
                self.object(&decl.name, members, decl_module, &inner, depth + 1)
            }
            other => self.ty(other, decl_module, &inner, depth + 1),
        };
        if !decl.extends.is_empty() {
            let WireType::Object { fields, .. } = &mut out else {
                return out;
            };
            for parent in &decl.extends {
                if let WireType::Object { fields: pf, .. } =
                    self.ty(parent, decl_module, &inner, depth + 1)
                {
                    let mut own = std::mem::take(fields);
                    let mut merged = pf;
                    merged.retain(|f| !own.iter().any(|o| o.name == f.name));
                    merged.append(&mut own);
                    *fields = merged;
                } else {
                    return WireType::Unknown;
                }
            }
        }
        out
    }
}

/// `'a' | 'b'` → [a, b].
fn literal_keys(t: Option<&TsType>) -> Vec<String> {
    let strip = |v: &str| v.trim_matches(|c| c == '\'' || c == '"').to_string();
    match t {
        Some(TsType::Literal { value }) => vec![strip(value)],
        Some(TsType::Union { types }) => types
            .iter()
            .filter_map(|t| match t {
                TsType::Literal { value } => Some(strip(value)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn merge_fields(into: &mut Vec<WireField>, more: Vec<WireField>) {
    for f in more {
        if let Some(existing) = into.iter_mut().find(|e| e.name == f.name) {
            *existing = f;
        } else {
            into.push(f);
        }
    }
}
