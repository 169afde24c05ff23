//! Rust types → wire types, as serde_json writes (responses) and reads
//! (requests) them with derived `Serialize` / `Deserialize`: `rename`,
//! `rename_all` (per direction), `skip*`, `skip_serializing_if`, `default`,
//! `flatten`, `alias`, `transparent`, `into` / `from`, enum
//! representations (external, `tag`, `tag` + `content`, `untagged`),
//! `Option`, collections, maps, smart pointers, generics, aliases, and
//! paths across the crate's modules. Custom serialization (`with`,
//! `serialize_with`, `serde_as`, hand-written impls) is `Unknown`, which
//! never makes a finding.

use std::collections::HashMap;

use super::serde_case::Rule;
use super::Direction;
use crate::link::rust_index::{ModPath, Ns, RustIndex, Target, TypeLoc};
use crate::model::{
    RustField, RustScope, RustShape, RustType, RustTypeBody, RustVariant, SerdeName, ValueRef,
    WireField, WireType,
};

const MAX_DEPTH: u32 = 12;

pub struct RustWire<'i, 'a> {
    pub ix: &'i RustIndex<'a>,
}

/// Where names resolve: a crate and a module in it.
#[derive(Clone)]
struct Scope {
    k: usize,
    module: ModPath,
}

/// Type parameters in scope: name → (argument, where the argument was written).
type Subst = HashMap<String, (RustType, Scope)>;

struct Cx {
    dir: Direction,
    /// Types being described (recursion): (crate, module, name).
    seen: Vec<(usize, ModPath, String)>,
    depth: u32,
}

fn num(integer: bool, bits: Option<u8>) -> WireType {
    WireType::Number { integer, bits }
}

fn null() -> WireType {
    WireType::Literal {
        value: "null".into(),
    }
}

fn literal(name: &str) -> WireType {
    WireType::Literal {
        value: format!("\"{name}\""),
    }
}

/// The name for a direction.
fn pick(n: &SerdeName, dir: Direction) -> Option<&str> {
    match dir {
        Direction::Response => n.ser.as_deref(),
        Direction::Request => n.de.as_deref(),
    }
}

fn rule(n: &SerdeName, dir: Direction) -> Option<Rule> {
    pick(n, dir).and_then(Rule::parse)
}

impl RustWire<'_, '_> {
    /// The wire type of a handler's value (`Json<T>`'s `T`), and whether
    /// it is known.
    pub fn of_value(&self, v: &ValueRef, dir: Direction) -> (WireType, bool) {
        let ValueRef::Rust { ty, scope } = v else {
            return (WireType::Unknown, false);
        };
        let t = self.of(ty, scope, dir);
        let known = !matches!(t, WireType::Any | WireType::Unknown);
        (t, known)
    }

    pub fn of(&self, t: &RustType, scope: &RustScope, dir: Direction) -> WireType {
        let Some(k) = self.ix.crate_of(scope) else {
            return WireType::Unknown;
        };
        let s = Scope {
            k,
            module: scope.module.clone(),
        };
        let mut cx = Cx {
            dir,
            seen: Vec::new(),
            depth: 0,
        };
        self.ty(t, &s, &Subst::new(), &mut cx)
    }

    fn ty(&self, t: &RustType, s: &Scope, subst: &Subst, cx: &mut Cx) -> WireType {
        if cx.depth > MAX_DEPTH {
            return WireType::Unknown;
        }
        cx.depth += 1;
        let out = match t {
            RustType::Ref { elem } => self.ty(elem, s, subst, cx),
            RustType::Slice { elem } => WireType::Array {
                elem: Box::new(self.ty(elem, s, subst, cx)),
            },
            RustType::Tuple { elems } if elems.is_empty() => null(),
            RustType::Tuple { .. } => WireType::Array {
                elem: Box::new(WireType::Unknown),
            },
            RustType::Path { path, args } => self.path(path, args, s, subst, cx),
            RustType::Impl { .. } | RustType::Other { .. } => WireType::Unknown,
        };
        cx.depth -= 1;
        out
    }

    fn path(
        &self,
        path: &[String],
        args: &[RustType],
        s: &Scope,
        subst: &Subst,
        cx: &mut Cx,
    ) -> WireType {
        if let ([name], true) = (path, args.is_empty()) {
            if let Some((t, at)) = subst.get(name) {
                let (t, at) = (t.clone(), at.clone());
                return self.ty(&t, &at, subst, cx);
            }
        }
        match self.ix.resolve(s.k, &s.module, path, Ns::Type) {
            Some(Target::Type(k, t)) => self.def(k, t, args, s, subst, cx),
            Some(Target::External(p)) => self.external(&p, args, s, subst, cx),
            _ => WireType::Unknown,
        }
    }

    /// Types of the standard library and well-known crates: one table.
    fn external(
        &self,
        p: &[String],
        args: &[RustType],
        s: &Scope,
        subst: &Subst,
        cx: &mut Cx,
    ) -> WireType {
        let Some(last) = p.last() else {
            return WireType::Unknown;
        };
        let krate = if p.len() > 1 { p[0].as_str() } else { "" };
        let mut arg = |i: usize, this: &Self| match args.get(i) {
            Some(a) => this.ty(a, s, subst, cx),
            None => WireType::Unknown,
        };
        let int = |bits| num(true, Some(bits));
        match last.as_str() {
            "String" | "str" | "char" | "PathBuf" | "Path" => WireType::String,
            "i8" | "u8" | "NonZeroI8" | "NonZeroU8" => int(8),
            "i16" | "u16" | "NonZeroI16" | "NonZeroU16" => int(16),
            "i32" | "u32" | "NonZeroI32" | "NonZeroU32" => int(32),
            "i64" | "u64" | "i128" | "u128" | "isize" | "usize" | "NonZeroI64" | "NonZeroU64"
            | "NonZeroUsize" | "NonZeroIsize" => int(64),
            "f32" | "f64" => num(false, None),
            "bool" => WireType::Bool,
            "Option" => match arg(0, self) {
                WireType::Unknown => WireType::Unknown,
                inner => WireType::Nullable {
                    inner: Box::new(inner),
                },
            },
            "Vec" | "VecDeque" | "LinkedList" | "HashSet" | "BTreeSet" | "BinaryHeap"
            | "IndexSet" => WireType::Array {
                elem: Box::new(arg(0, self)),
            },
            "HashMap" | "BTreeMap" | "IndexMap" => WireType::Map {
                value: Box::new(arg(1, self)),
            },
            "Box" | "Rc" | "Arc" | "Cow" | "Cell" | "RefCell" | "Mutex" | "RwLock" | "Wrapping"
            | "Reverse" => arg(0, self),
            "PhantomData" => null(),
            // Strings on the wire by default.
            "Uuid" | "Url" | "IpAddr" | "Ipv4Addr" | "Ipv6Addr" | "SocketAddr" | "Decimal"
            | "BigDecimal" | "DateTime" | "NaiveDate" | "NaiveDateTime" | "NaiveTime"
            | "OffsetDateTime" | "PrimitiveDateTime" | "UtcDateTime" | "Timestamp" | "Zoned" => {
                WireType::String
            }
            "Date" | "Time" if matches!(krate, "chrono" | "time" | "jiff") => WireType::String,
            "Value" | "RawValue" if matches!(krate, "serde_json" | "") => WireType::Any,
            "Map" if krate == "serde_json" => WireType::Map {
                value: Box::new(WireType::Any),
            },
            "Number" if krate == "serde_json" => num(false, None),
            _ => WireType::Unknown,
        }
    }

    fn def(
        &self,
        k: usize,
        t: &TypeLoc,
        args: &[RustType],
        at: &Scope,
        subst: &Subst,
        cx: &mut Cx,
    ) -> WireType {
        let d = t.def;
        let home = Scope {
            k,
            module: t.module.clone(),
        };
        // Type arguments mean what they mean where they are written.
        let mut inner = Subst::new();
        for (i, p) in d.params.iter().enumerate() {
            let arg = match args.get(i) {
                Some(RustType::Path { path, args: a }) if a.is_empty() && path.len() == 1 => {
                    subst.get(&path[0]).cloned()
                }
                _ => None,
            };
            let arg = arg.or_else(|| args.get(i).map(|a| (a.clone(), at.clone())));
            let arg = arg.unwrap_or_else(|| (RustType::Other { text: "_".into() }, at.clone()));
            inner.insert(p.clone(), arg);
        }
        if let RustTypeBody::Alias { ty } = &d.body {
            return self.ty(ty, &home, &inner, cx);
        }
        let response = cx.dir == Direction::Response;
        let derived = if response {
            d.serialize == crate::model::SerdeImpl::Derive
        } else {
            d.deserialize == crate::model::SerdeImpl::Derive
        };
        let (manual_ser, manual_de) = self.ix.manual_serde(k, t);
        if !derived || (response && manual_ser) || (!response && manual_de) || d.serde.unknown {
            return WireType::Unknown;
        }
        // `into` / `from`: the value goes through another type.
        let via = if response {
            &d.serde.into
        } else {
            &d.serde.from
        };
        if let Some(via) = via {
            return self.ty(via, &home, &inner, cx);
        }
        let key = (k, t.module.clone(), d.name.clone());
        if cx.seen.contains(&key) {
            // A recursive type: its shape is already being described.
            return WireType::Object {
                name: d.name.clone(),
                fields: Vec::new(),
            };
        }
        cx.seen.push(key);
        let out = match &d.body {
            RustTypeBody::Struct { shape, fields } => {
                self.structure(&d.name, *shape, fields, &home, &inner, cx, t)
            }
            RustTypeBody::Enum { variants } => self.enumeration(variants, &home, &inner, cx, t),
            RustTypeBody::Alias { .. } => WireType::Unknown,
        };
        cx.seen.pop();
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn structure(
        &self,
        name: &str,
        shape: RustShape,
        fields: &[RustField],
        s: &Scope,
        subst: &Subst,
        cx: &mut Cx,
        t: &TypeLoc,
    ) -> WireType {
        let c = &t.def.serde;
        let live: Vec<&RustField> = fields.iter().filter(|f| !skipped(f, cx.dir)).collect();
        if c.transparent {
            return match live.as_slice() {
                [f] => self.field_type(f, s, subst, cx),
                _ => WireType::Unknown,
            };
        }
        match shape {
            RustShape::Unit => null(),
            RustShape::Tuple if fields.len() == 1 => match live.first() {
                Some(f) => self.field_type(f, s, subst, cx),
                None => WireType::Unknown,
            },
            RustShape::Tuple => WireType::Array {
                elem: Box::new(WireType::Unknown),
            },
            RustShape::Named => {
                let Some(mut wf) =
                    self.fields(fields, rule(&c.rename_all, cx.dir), c.default, s, subst, cx)
                else {
                    return WireType::Unknown;
                };
                if let Some(tag) = &c.tag {
                    let tag_value = pick(&c.rename, cx.dir).unwrap_or(name);
                    wf.insert(0, tag_field(tag, tag_value, t));
                }
                WireType::Object {
                    name: name.to_string(),
                    fields: wf,
                }
            }
        }
    }

    fn field_type(&self, f: &RustField, s: &Scope, subst: &Subst, cx: &mut Cx) -> WireType {
        let custom = match cx.dir {
            Direction::Response => f.serde.custom_ser,
            Direction::Request => f.serde.custom_de,
        };
        if custom {
            WireType::Unknown
        } else {
            self.ty(&f.ty, s, subst, cx)
        }
    }

    /// The fields of a struct or struct variant on the wire; `None` when a
    /// flattened part has no known fields (the object's keys are unknown).
    fn fields(
        &self,
        fields: &[RustField],
        case: Option<Rule>,
        container_default: bool,
        s: &Scope,
        subst: &Subst,
        cx: &mut Cx,
    ) -> Option<Vec<WireField>> {
        let dir = cx.dir;
        let mut out: Vec<WireField> = Vec::new();
        for f in fields {
            let Some(ident) = &f.name else { continue };
            if skipped(f, dir) {
                continue;
            }
            let mut ty = self.field_type(f, s, subst, cx);
            if f.serde.flatten {
                let optional = matches!(ty, WireType::Nullable { .. });
                let inner = match ty {
                    WireType::Nullable { inner } => *inner,
                    other => other,
                };
                let WireType::Object { fields: more, .. } = inner else {
                    return None;
                };
                for mut m in more {
                    m.optional |= optional;
                    m.required &= !optional;
                    if !out.iter().any(|o| o.name == m.name) {
                        out.push(m);
                    }
                }
                continue;
            }
            let explicit = pick(&f.serde.rename, dir);
            let name = match (explicit, case) {
                (Some(n), _) => n.to_string(),
                (None, Some(r)) => r.field(ident),
                (None, None) => ident.clone(),
            };
            // `Option` with `skip_serializing_if = "Option::is_none"` is left
            // out rather than written as null.
            let never_null = dir == Direction::Response
                && f.serde
                    .skip_serializing_if
                    .as_deref()
                    .is_some_and(|p| p.trim_end().ends_with("Option::is_none"));
            let nullable = matches!(ty, WireType::Nullable { .. }) && !never_null;
            if let WireType::Nullable { inner } = ty {
                ty = *inner;
            }
            let (optional, required) = match dir {
                Direction::Response => (f.serde.skip_serializing_if.is_some(), false),
                Direction::Request => {
                    let required = !(f.serde.default || container_default || nullable);
                    (!required, required)
                }
            };
            let field = WireField {
                source_name: (name != *ident).then(|| ident.clone()),
                name,
                ty,
                optional,
                nullable,
                untagged: explicit.is_none(),
                required,
                origin: f.origin.clone(),
            };
            if dir == Direction::Request {
                for a in &f.serde.aliases {
                    out.push(WireField {
                        name: a.clone(),
                        source_name: Some(ident.clone()),
                        optional: true,
                        required: false,
                        untagged: false,
                        ..field.clone()
                    });
                }
            }
            out.push(field);
        }
        Some(out)
    }

    fn enumeration(
        &self,
        variants: &[RustVariant],
        s: &Scope,
        subst: &Subst,
        cx: &mut Cx,
        t: &TypeLoc,
    ) -> WireType {
        let c = &t.def.serde;
        let dir = cx.dir;
        let mut types = Vec::new();
        for v in variants {
            let skip = match dir {
                Direction::Response => v.serde.skip_ser,
                Direction::Request => v.serde.skip_de || v.serde.other,
            };
            if skip {
                continue;
            }
            let name = match (pick(&v.serde.rename, dir), rule(&c.rename_all, dir)) {
                (Some(n), _) => n.to_string(),
                (None, Some(r)) => r.variant(&v.name),
                (None, None) => v.name.clone(),
            };
            let custom = match dir {
                Direction::Response => v.serde.custom_ser,
                Direction::Request => v.serde.custom_de,
            };
            let content = if custom {
                Some(WireType::Unknown)
            } else {
                match v.shape {
                    RustShape::Unit => None,
                    RustShape::Tuple if v.fields.len() == 1 => {
                        Some(self.field_type(&v.fields[0], s, subst, cx))
                    }
                    RustShape::Tuple => Some(WireType::Array {
                        elem: Box::new(WireType::Unknown),
                    }),
                    RustShape::Named => {
                        let case = rule(&v.serde.rename_all, dir)
                            .or_else(|| rule(&c.rename_all_fields, dir));
                        Some(match self.fields(&v.fields, case, false, s, subst, cx) {
                            Some(fields) => WireType::Object {
                                name: v.name.clone(),
                                fields,
                            },
                            None => WireType::Unknown,
                        })
                    }
                }
            };
            let shape = if c.untagged || v.serde.untagged {
                content.unwrap_or_else(null)
            } else if let Some(tag) = &c.tag {
                let tag = tag_field(tag, &name, t);
                match (&c.content, content) {
                    (_, None) => object(vec![tag]),
                    (Some(key), Some(content)) => {
                        let nullable = matches!(content, WireType::Nullable { .. });
                        let (ty, nullable) = match content {
                            WireType::Nullable { inner } => (*inner, nullable),
                            other => (other, nullable),
                        };
                        object(vec![
                            tag,
                            WireField {
                                name: key.clone(),
                                source_name: None,
                                ty,
                                optional: false,
                                nullable,
                                untagged: false,
                                required: dir == Direction::Request,
                                origin: v.origin.clone(),
                            },
                        ])
                    }
                    // Internally tagged: the tag goes into the variant's object.
                    (None, Some(WireType::Object { fields, .. })) => {
                        let mut all = vec![tag];
                        all.extend(fields);
                        object(all)
                    }
                    (None, Some(_)) => WireType::Unknown,
                }
            } else {
                match content {
                    None => literal(&name),
                    Some(content) => {
                        let (ty, nullable) = match content {
                            WireType::Nullable { inner } => (*inner, true),
                            other => (other, false),
                        };
                        object(vec![WireField {
                            name: name.clone(),
                            source_name: None,
                            ty,
                            optional: false,
                            nullable,
                            untagged: false,
                            required: dir == Direction::Request,
                            origin: v.origin.clone(),
                        }])
                    }
                }
            };
            types.push(shape);
        }
        if types.is_empty() || types.contains(&WireType::Unknown) {
            return WireType::Unknown;
        }
        if types.len() == 1 {
            return types.pop().unwrap_or(WireType::Unknown);
        }
        WireType::Union { types }
    }
}

fn skipped(f: &RustField, dir: Direction) -> bool {
    match dir {
        Direction::Response => f.serde.skip_ser,
        Direction::Request => f.serde.skip_de,
    }
}

fn object(fields: Vec<WireField>) -> WireType {
    WireType::Object {
        name: String::new(),
        fields,
    }
}

/// The tag field of an internally or adjacently tagged value.
fn tag_field(tag: &str, value: &str, t: &TypeLoc) -> WireField {
    WireField {
        name: tag.to_string(),
        source_name: None,
        ty: literal(value),
        optional: false,
        nullable: false,
        untagged: false,
        required: true,
        origin: t.def.origin.clone(),
    }
}

#[cfg(test)]
#[path = "rust_tests.rs"]
mod tests;
