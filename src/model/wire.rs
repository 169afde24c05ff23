//! Types on the wire: TypeScript types as written, and the shared
//! `WireType` language that Go, TS and Rust types are mapped into.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Origin;

/// A TypeScript type as written (names unresolved).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "of", rename_all = "kebab-case")]
pub enum TsType {
    /// `string`, `number`, `boolean`, `any`, `unknown`, `null`, `undefined`, ...
    Keyword {
        name: String,
    },
    /// `User`, `Array<T>`, `Record<K, V>`, `Omit<T, 'id'>`, `api.User`.
    Ref {
        name: String,
        args: Vec<TsType>,
    },
    Array {
        elem: Box<TsType>,
    },
    Object {
        members: Vec<TsMember>,
    },
    Union {
        types: Vec<TsType>,
    },
    Intersection {
        types: Vec<TsType>,
    },
    /// A literal type: `'active'`, `42`, `true`.
    Literal {
        value: String,
    },
    Tuple {
        elems: Vec<TsType>,
    },
    /// What seam does not model (functions, conditional types, ...).
    Other {
        text: String,
    },
    /// A type whose names resolve in another module: a caller's type
    /// argument put in for a wrapper's type parameter.
    Scoped {
        module: String,
        ty: Box<TsType>,
    },
}

impl TsType {
    pub fn keyword(name: &str) -> TsType {
        TsType::Keyword {
            name: name.to_string(),
        }
    }

    /// The name of a plain reference (`FormData`, `Blob`), if it is one.
    pub fn ref_name(&self) -> Option<&str> {
        match self {
            TsType::Ref { name, .. } => Some(name),
            TsType::Scoped { ty, .. } => ty.ref_name(),
            _ => None,
        }
    }

    /// Puts `args` in for the type parameters `params` (`T` → `User`).
    pub fn substitute(&self, params: &[String], args: &[TsType]) -> TsType {
        let sub = |x: &TsType| x.substitute(params, args);
        match self {
            TsType::Ref { name, args: a } => {
                if let (true, Some(i)) = (a.is_empty(), params.iter().position(|p| p == name)) {
                    if let Some(arg) = args.get(i) {
                        return arg.clone();
                    }
                }
                TsType::Ref {
                    name: name.clone(),
                    args: a.iter().map(sub).collect(),
                }
            }
            TsType::Array { elem } => TsType::Array {
                elem: Box::new(sub(elem)),
            },
            TsType::Object { members } => TsType::Object {
                members: members
                    .iter()
                    .map(|m| TsMember {
                        ty: sub(&m.ty),
                        ..m.clone()
                    })
                    .collect(),
            },
            TsType::Union { types } => TsType::Union {
                types: types.iter().map(sub).collect(),
            },
            TsType::Intersection { types } => TsType::Intersection {
                types: types.iter().map(sub).collect(),
            },
            TsType::Tuple { elems } => TsType::Tuple {
                elems: elems.iter().map(sub).collect(),
            },
            other => other.clone(),
        }
    }
}

impl fmt::Display for TsType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TsType::Keyword { name } => f.write_str(name),
            TsType::Ref { name, args } => {
                f.write_str(name)?;
                if !args.is_empty() {
                    let a: Vec<String> = args.iter().map(|x| x.to_string()).collect();
                    write!(f, "<{}>", a.join(", "))?;
                }
                Ok(())
            }
            TsType::Array { elem } => write!(f, "{elem}[]"),
            TsType::Object { members } => {
                let m: Vec<String> = members
                    .iter()
                    .map(|m| format!("{}{}: {}", m.name, if m.optional { "?" } else { "" }, m.ty))
                    .collect();
                write!(f, "{{ {} }}", m.join("; "))
            }
            TsType::Union { types } => {
                let t: Vec<String> = types.iter().map(|x| x.to_string()).collect();
                f.write_str(&t.join(" | "))
            }
            TsType::Intersection { types } => {
                let t: Vec<String> = types.iter().map(|x| x.to_string()).collect();
                f.write_str(&t.join(" & "))
            }
            TsType::Literal { value } => f.write_str(value),
            TsType::Tuple { elems } => {
                let t: Vec<String> = elems.iter().map(|x| x.to_string()).collect();
                write!(f, "[{}]", t.join(", "))
            }
            TsType::Other { text } => f.write_str(text),
            TsType::Scoped { ty, .. } => write!(f, "{ty}"),
        }
    }
}

/// A property of an interface or object type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TsMember {
    pub name: String,
    pub optional: bool,
    pub ty: TsType,
    pub origin: Origin,
}

/// `interface X extends Y { ... }` or `type X = ...`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TsTypeDecl {
    pub name: String,
    pub params: Vec<String>,
    pub extends: Vec<TsType>,
    /// For interfaces: an object type of the members; for aliases: the type.
    pub ty: TsType,
    pub origin: Origin,
}

/// The shared type language of JSON on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum WireType {
    String,
    /// A number; `integer` with `bits` when the source says so (Go int64: 64).
    Number {
        integer: bool,
        bits: Option<u8>,
    },
    Bool,
    /// Bytes, base64-encoded into a string.
    Bytes,
    Array {
        elem: Box<WireType>,
    },
    Map {
        value: Box<WireType>,
    },
    Object {
        name: String,
        fields: Vec<WireField>,
    },
    Nullable {
        inner: Box<WireType>,
    },
    Union {
        types: Vec<WireType>,
    },
    Literal {
        value: String,
    },
    Any,
    /// Not known (custom marshalling, generics, unsupported syntax): never a finding.
    Unknown,
}

impl WireType {
    /// A short description for messages: `string`, `number`, `array`, `object User`.
    pub fn describe(&self) -> String {
        match self {
            WireType::String => "string".into(),
            WireType::Number {
                integer: true,
                bits: Some(b),
            } => format!("{b}-bit integer"),
            WireType::Number { .. } => "number".into(),
            WireType::Bool => "boolean".into(),
            WireType::Bytes => "base64 string".into(),
            WireType::Array { elem } => format!("array of {}", elem.describe()),
            WireType::Map { value } => format!("map of {}", value.describe()),
            WireType::Object { name, .. } if name.is_empty() => "object".into(),
            WireType::Object { name, .. } => format!("object {name}"),
            WireType::Nullable { inner } => format!("{} or null", inner.describe()),
            WireType::Union { types } => types
                .iter()
                .map(|t| t.describe())
                .collect::<Vec<_>>()
                .join(" | "),
            WireType::Literal { value } => value.clone(),
            WireType::Any => "any".into(),
            WireType::Unknown => "unknown".into(),
        }
    }
}

/// One field of an object on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct WireField {
    /// The JSON key.
    pub name: String,
    /// The field's name in the source, when it differs (`Currency` for an untagged Go field).
    pub source_name: Option<String>,
    pub ty: WireType,
    /// May be left out of the object (`omitempty`, `?`, `skip_serializing_if`).
    pub optional: bool,
    /// May be `null` (pointer, `Option`, `| null`).
    pub nullable: bool,
    /// The key is the source field's name: a Go field without a `json`
    /// tag (emitted under its Go name, matched case-insensitively when
    /// decoding), a Rust field without `#[serde(rename)]` (after the
    /// container's `rename_all`).
    pub untagged: bool,
    /// The server rejects a request without it (`binding:"required"`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    pub origin: Origin,
}
