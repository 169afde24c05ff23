//! Go types → wire types, as `encoding/json` encodes them: tags (`name`,
//! `omitempty`, `string`, `-`), untagged and unexported fields, embedded
//! structs, pointers, slices, maps, `[]byte`, `time.Time`, custom marshalers.

use super::super::go_index::GoIndex;
use crate::model::{GoField, GoTypeExpr, ValueRef, WireField, WireType};

const MAX_DEPTH: usize = 12;

pub struct GoWire<'i, 'a> {
    pub ix: &'i GoIndex<'a>,
}

/// The `json` key of a struct tag: name and options.
pub struct JsonTag {
    pub name: String,
    pub omitempty: bool,
    pub string: bool,
    /// `json:"-"`: never encoded.
    pub skip: bool,
}

/// The value of `key:"..."` in a Go struct tag.
pub fn tag_value<'t>(tag: &'t str, key: &str) -> Option<&'t str> {
    let mut rest = tag.trim();
    while !rest.is_empty() {
        let (k, after) = rest.split_once(':')?;
        let after = after.strip_prefix('"')?;
        let mut end = None;
        let mut escaped = false;
        for (i, c) in after.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => {
                    end = Some(i);
                    break;
                }
                _ => escaped = false,
            }
        }
        let end = end?;
        if k.trim() == key {
            return Some(&after[..end]);
        }
        rest = after[end + 1..].trim_start();
    }
    None
}

/// Does a validation tag (`binding:"required"`, `validate:"required,email"`) require the field?
fn requires(tag: &str) -> bool {
    ["binding", "validate"]
        .iter()
        .any(|k| tag_value(tag, k).is_some_and(|v| v.split(',').any(|p| p == "required")))
}

/// Reads the `json` part of a Go struct tag (`json:"name,omitempty" db:"x"`).
pub fn json_tag(tag: &str) -> Option<JsonTag> {
    let value = tag_value(tag, "json")?;
    let mut parts = value.split(',');
    let name = parts.next().unwrap_or("").to_string();
    let opts: Vec<&str> = parts.collect();
    Some(JsonTag {
        skip: name == "-" && opts.is_empty(),
        name,
        omitempty: opts.contains(&"omitempty") || opts.contains(&"omitzero"),
        string: opts.contains(&"string"),
    })
}

fn exported(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_uppercase())
}

impl GoWire<'_, '_> {
    /// The wire type of a value: its type, with `any` fields of a struct
    /// literal given the type of what the literal puts in them. The flag
    /// is false when a value put into an `any` field has no known type:
    /// the shape is then incomplete.
    pub fn of_value(&self, v: &ValueRef) -> (WireType, bool) {
        match v {
            ValueRef::Type { ty } => {
                let t = self.of(ty, "");
                let complete = !matches!(t, WireType::Any | WireType::Unknown);
                (t, complete)
            }
            ValueRef::Struct { ty, fields } => {
                let mut out = self.of(ty, "");
                let mut complete = true;
                let target = match &mut out {
                    WireType::Nullable { inner } => &mut **inner,
                    other => other,
                };
                if let WireType::Object { fields: wf, .. } = target {
                    for (name, value) in fields {
                        let Some(f) = wf
                            .iter_mut()
                            .find(|f| f.source_name.as_deref().unwrap_or(&f.name) == name)
                        else {
                            continue;
                        };
                        if f.ty == WireType::Any {
                            let (t, c) = self.of_value(value);
                            complete &= c;
                            if c {
                                f.ty = t;
                            }
                        }
                    }
                }
                (out, complete)
            }
            _ => (WireType::Unknown, false),
        }
    }

    /// The wire type of a Go type written in package `pkg`.
    pub fn of(&self, t: &GoTypeExpr, pkg: &str) -> WireType {
        self.ty(t, pkg, &mut Vec::new())
    }

    fn ty(&self, t: &GoTypeExpr, pkg: &str, seen: &mut Vec<(String, String)>) -> WireType {
        if seen.len() > MAX_DEPTH {
            return WireType::Unknown;
        }
        match t {
            GoTypeExpr::Named { pkg: p, name, .. } => {
                self.named(if p.is_empty() { pkg } else { p }, p.is_empty(), name, seen)
            }
            GoTypeExpr::Pointer { elem } => match self.ty(elem, pkg, seen) {
                WireType::Unknown => WireType::Unknown,
                inner => WireType::Nullable {
                    inner: Box::new(inner),
                },
            },
            GoTypeExpr::Slice { elem } if is_byte(elem) => WireType::Bytes,
            GoTypeExpr::Slice { elem } | GoTypeExpr::Array { elem, .. } => WireType::Array {
                elem: Box::new(self.ty(elem, pkg, seen)),
            },
            GoTypeExpr::Map { value, .. } => WireType::Map {
                value: Box::new(self.ty(value, pkg, seen)),
            },
            GoTypeExpr::Struct { fields } => WireType::Object {
                name: String::new(),
                fields: self.fields(fields, pkg, seen),
            },
            GoTypeExpr::Interface { .. } => WireType::Any,
            _ => WireType::Unknown,
        }
    }

    fn named(
        &self,
        pkg: &str,
        local: bool,
        name: &str,
        seen: &mut Vec<(String, String)>,
    ) -> WireType {
        if local {
            if let Some(w) = predeclared(name) {
                return w;
            }
        }
        match (pkg, name) {
            ("time", "Time") => return WireType::String,
            ("time", "Duration") => {
                return WireType::Number {
                    integer: true,
                    bits: Some(64),
                }
            }
            ("encoding/json", "RawMessage") => return WireType::Any,
            ("encoding/json", "Number") => {
                return WireType::Number {
                    integer: false,
                    bits: None,
                }
            }
            _ => {}
        }
        let Some((decl, decl_pkg)) = self.ix.type_decl(pkg, name) else {
            return WireType::Unknown;
        };
        // A type that marshals itself is whatever its code says: unknown.
        if self.ix.func(&decl_pkg, name, "MarshalJSON").is_some() {
            return WireType::Unknown;
        }
        if self.ix.func(&decl_pkg, name, "MarshalText").is_some() {
            return WireType::String;
        }
        if !decl.type_params.is_empty() {
            return WireType::Unknown;
        }
        let key = (decl_pkg.clone(), name.to_string());
        if seen.contains(&key) {
            // A recursive type: its shape is already being described.
            return WireType::Object {
                name: name.to_string(),
                fields: Vec::new(),
            };
        }
        seen.push(key);
        let out = match &decl.ty {
            GoTypeExpr::Struct { fields } => WireType::Object {
                name: name.to_string(),
                fields: self.fields(fields, &decl_pkg, seen),
            },
            other => self.ty(other, &decl_pkg, seen),
        };
        seen.pop();
        out
    }

    /// A struct's fields on the wire, embedded structs promoted (outer
    /// fields win over promoted ones of the same name, as in Go).
    fn fields(
        &self,
        fields: &[GoField],
        pkg: &str,
        seen: &mut Vec<(String, String)>,
    ) -> Vec<WireField> {
        let mut out: Vec<WireField> = Vec::new();
        let mut promoted: Vec<WireField> = Vec::new();
        for f in fields {
            let tag = f.tag.as_deref().and_then(json_tag);
            if tag.as_ref().is_some_and(|t| t.skip) {
                continue;
            }
            let tag_name = tag
                .as_ref()
                .map(|t| t.name.clone())
                .filter(|n| !n.is_empty());
            if f.embedded && tag_name.is_none() {
                let inner = self.ty(&f.ty, pkg, seen);
                let inner = match inner {
                    WireType::Nullable { inner } => *inner,
                    other => other,
                };
                if let WireType::Object { fields, .. } = inner {
                    promoted.extend(fields);
                    continue;
                }
                if !exported(&f.name) {
                    continue;
                }
            } else if !exported(&f.name) {
                continue;
            }
            let mut ty = self.ty(&f.ty, pkg, seen);
            // Only pointers promise a null; `any` says nothing either way.
            let nullable = matches!(ty, WireType::Nullable { .. });
            if let WireType::Nullable { inner } = ty {
                ty = *inner;
            }
            if tag.as_ref().is_some_and(|t| t.string)
                && matches!(ty, WireType::Number { .. } | WireType::Bool)
            {
                ty = WireType::String;
            }
            let name = tag_name.clone().unwrap_or_else(|| f.name.clone());
            out.push(WireField {
                source_name: (name != f.name).then(|| f.name.clone()),
                name,
                ty,
                optional: tag.as_ref().is_some_and(|t| t.omitempty),
                nullable,
                untagged: tag_name.is_none(),
                required: f.tag.as_deref().is_some_and(requires),
                origin: f.origin.clone(),
            });
        }
        for p in promoted {
            if !out.iter().any(|f| f.name.eq_ignore_ascii_case(&p.name)) {
                out.push(p);
            }
        }
        out
    }
}

fn is_byte(t: &GoTypeExpr) -> bool {
    matches!(t, GoTypeExpr::Named { pkg, name, .. } if pkg.is_empty() && (name == "byte" || name == "uint8"))
}

/// Go's predeclared types on the wire.
fn predeclared(name: &str) -> Option<WireType> {
    let int = |bits| WireType::Number {
        integer: true,
        bits,
    };
    Some(match name {
        "string" => WireType::String,
        "bool" => WireType::Bool,
        "int" | "uint" | "uintptr" => int(None),
        "int8" | "uint8" | "byte" => int(Some(8)),
        "int16" | "uint16" => int(Some(16)),
        "int32" | "uint32" | "rune" => int(Some(32)),
        "int64" | "uint64" => int(Some(64)),
        "float32" | "float64" => WireType::Number {
            integer: false,
            bits: None,
        },
        "any" => WireType::Any,
        "error" | "complex64" | "complex128" => WireType::Unknown,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::json_tag;

    #[test]
    fn validation_tags() {
        assert!(super::requires(r#"json:"a" binding:"required,min=1""#));
        assert!(!super::requires(r#"json:"a" binding:"omitempty""#));
        assert_eq!(
            super::tag_value(r#"json:"a" binding:"required,min=1""#, "binding"),
            Some("required,min=1")
        );
    }

    #[test]
    fn struct_tags() {
        let t = json_tag(r#"json:"owner_name,omitempty" db:"owner""#).unwrap();
        assert_eq!(
            (t.name.as_str(), t.omitempty, t.skip),
            ("owner_name", true, false)
        );
        assert!(json_tag(r#"json:"-""#).unwrap().skip);
        let dash = json_tag(r#"json:"-,""#).unwrap();
        assert!(!dash.skip && dash.name == "-");
        assert!(json_tag(r#"json:"id,string""#).unwrap().string);
        assert!(json_tag(r#"db:"x""#).is_none());
        assert_eq!(
            json_tag(r#"binding:"required" json:",omitempty""#)
                .unwrap()
                .name,
            ""
        );
    }
}
