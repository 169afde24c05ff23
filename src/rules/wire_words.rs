//! How the WIRE rules word the server's side, by its language: `json`
//! struct tags for Go, serde attributes for Rust. One place, so that every
//! WIRE finding names the fix the server's code can take.

use crate::link::wire::{rename_all_for, Direction, ServerLang};
use crate::model::WireField;

/// The server field's name in the source.
pub fn source(f: &WireField) -> &str {
    f.source_name.as_deref().unwrap_or(&f.name)
}

pub fn lang(l: ServerLang) -> &'static str {
    match l {
        ServerLang::Go => "Go",
        ServerLang::Rust => "Rust",
    }
}

/// How to give the server type a field under the JSON key `key`.
pub fn add_field(l: ServerLang, key: &str, ty: &str) -> String {
    match l {
        ServerLang::Go => format!("add a field tagged `json:\"{key}\"` to {ty}"),
        ServerLang::Rust => {
            format!("add a field `{key}` (or one with `#[serde(rename = \"{key}\")]`) to {ty}")
        }
    }
}

/// `(with a json tag)` after "add the field to T".
pub fn named_how(l: ServerLang) -> &'static str {
    match l {
        ServerLang::Go => "with a json tag",
        ServerLang::Rust => "or `#[serde(alias)]` an existing field",
    }
}

/// Why a field may be absent from the server's JSON, and the server-side fix.
pub fn omitted(l: ServerLang) -> (&'static str, &'static str) {
    match l {
        ServerLang::Go => (
            "leaves it out when it is empty (`omitempty`)",
            "drop `omitempty`",
        ),
        ServerLang::Rust => (
            "leaves it out when its `skip_serializing_if` predicate holds",
            "drop `skip_serializing_if`",
        ),
    }
}

pub fn nullable(l: ServerLang) -> &'static str {
    match l {
        ServerLang::Go => "may send it as null (a pointer or interface)",
        ServerLang::Rust => "may send it as null (an `Option`)",
    }
}

/// How to send an integer as a string.
pub fn as_string(l: ServerLang, key: &str) -> String {
    match l {
        ServerLang::Go => format!("send it as a string (`json:\"{key},string\"`)"),
        ServerLang::Rust => {
            "send it as a string (serde_with's `DisplayFromStr`, or a `serialize_with` function)"
                .to_string()
        }
    }
}

/// WIRE002: why the server's key is spelled as it is, and the fix.
pub fn case_mismatch(
    l: ServerLang,
    dir: Direction,
    client: &WireField,
    server: &WireField,
    holder: &str,
) -> (String, String) {
    let (src, name, want) = (source(server), &server.name, &client.name);
    match (l, server.untagged) {
        (ServerLang::Go, true) => (
            format!("the Go field `{src}` has no json tag, so it is emitted as `{name}`"),
            format!("add the tag `json:\"{want}\"` to the Go field `{src}`"),
        ),
        (ServerLang::Go, false) => (
            format!("the server's tag says `{name}`"),
            format!("use `{name}` in the TS type, or change the tag to `json:\"{want}\"`"),
        ),
        (ServerLang::Rust, true) => {
            let verb = match dir {
                Direction::Response => "serialized as",
                Direction::Request => "deserialized from",
            };
            // A container rule already at work is not swapped for another.
            let rule = match server.source_name {
                None => rename_all_for(src, want),
                Some(_) => None,
            };
            let fix = match rule {
                Some(rule) => format!(
                    "set `#[serde(rename_all = \"{rule}\")]` on {holder} (or `#[serde(rename = \"{want}\")]` on `{src}`), or use `{name}` in the TS type"
                ),
                None => format!(
                    "add `#[serde(rename = \"{want}\")]` to the Rust field `{src}`, or use `{name}` in the TS type"
                ),
            };
            (format!("the Rust field `{src}` is {verb} `{name}`"), fix)
        }
        (ServerLang::Rust, false) => (
            format!("its `#[serde(rename)]` says `{name}`"),
            format!("use `{name}` in the TS type, or change it to `#[serde(rename = \"{want}\")]`"),
        ),
    }
}
