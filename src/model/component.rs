//! The public API of a Vue component and the declarations of a TS module,
//! as one file states them (link resolves imported prop types and entry
//! points).

use serde::{Deserialize, Serialize};

use super::Origin;

/// `defineProps` / `withDefaults` / `defineEmits` / `defineModel` /
/// `defineExpose` of a `<script setup>`, or the `props` / `emits` of an
/// options-API component.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VueComponent {
    pub props: Vec<VueProp>,
    /// `defineProps<Props>()` with `Props` imported from another module.
    pub props_type: Option<TypeRef>,
    /// Props given a default by `withDefaults` (for an imported props type).
    pub defaults: Vec<String>,
    pub emits: Vec<VueEmit>,
    pub models: Vec<VueModel>,
    pub exposes: Vec<VueExpose>,
    pub origin: Origin,
}

/// A type imported from another module: `import type { Props } from './x'`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeRef {
    pub source: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VueProp {
    pub name: String,
    /// The accepted types, normalized and sorted (`number`, `string`);
    /// empty when any value is accepted.
    pub types: Vec<String>,
    pub required: bool,
    pub default: bool,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VueEmit {
    pub name: String,
    /// The payload types, as a tuple (`[id: number]` → `[number]`), when declared.
    pub payload: Option<String>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VueModel {
    /// `modelValue` for the default model.
    pub name: String,
    pub types: Vec<String>,
    pub required: bool,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VueExpose {
    pub name: String,
    pub origin: Origin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TsDeclKind {
    Function,
    Class,
    Interface,
    TypeAlias,
    Const,
    Enum,
}

/// A module-level declaration of a TS/JS module.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TsDecl {
    pub name: String,
    /// Declared with `export` (or `export default`: name `default`).
    pub exported: bool,
    pub kind: TsDeclKind,
    /// Function: `(a: string, b?: number) => User`; const: its type;
    /// type alias: the type; class / interface / enum: heritage, if any.
    pub sig: String,
    /// Members of a class, interface, object type alias or enum.
    pub members: Vec<TsDeclMember>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TsDeclMember {
    pub name: String,
    /// Type of a property, signature of a method, value of an enum member.
    pub sig: String,
    pub optional: bool,
    pub origin: Origin,
}

/// The members of a union written as text, split at top-level `|` only.
pub fn split_union(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut start, mut prev) = (0i32, 0usize, ' ');
    for (i, c) in t.char_indices() {
        let after = prev;
        prev = c;
        match c {
            '<' | '(' | '[' | '{' => depth += 1,
            '>' if after == '=' => {}
            '>' | ')' | ']' | '}' => depth -= 1,
            '|' if depth == 0 => {
                out.push(t[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(t[start..].trim().to_string());
    out.retain(|s| !s.is_empty());
    out.sort();
    out.dedup();
    out
}

impl VueProp {
    /// A prop of a type-based declaration.
    pub fn from_member(m: &TsDeclMember) -> VueProp {
        let mut types = split_union(&m.sig);
        types.sort();
        types.dedup();
        VueProp {
            name: m.name.clone(),
            types,
            required: !m.optional,
            default: false,
            origin: m.origin.clone(),
        }
    }
}
