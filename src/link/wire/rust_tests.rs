//! The serde mapping, attribute by attribute, on a real crate layout.

use super::RustWire;
use crate::frontends;
use crate::link::rust_index::RustIndex;
use crate::link::wire::Direction::{self, Request, Response};
use crate::model::{FileFacts, RustScope, RustType, WireType};
use crate::walk::classify;

fn facts(files: &[(&str, &str)]) -> Vec<FileFacts> {
    let mut v: Vec<FileFacts> = files
        .iter()
        .map(|(p, t)| frontends::analyze(p, classify(p).expect("known kind"), t.as_bytes()))
        .collect();
    for f in &v {
        assert!(f.problems.is_empty(), "{}: {:?}", f.path, f.problems);
    }
    v.sort_by(|a, b| a.path.cmp(&b.path));
    v
}

/// A compact spelling: `{id:int64, nick?:string|null}`, `[T]`, `map<T>`;
/// `!` marks a field the decoder requires, `~` one named after the Rust field.
fn show(t: &WireType) -> String {
    match t {
        WireType::String => "string".into(),
        WireType::Number {
            integer: true,
            bits: Some(b),
        } => format!("int{b}"),
        WireType::Number { integer: true, .. } => "int".into(),
        WireType::Number { .. } => "number".into(),
        WireType::Bool => "bool".into(),
        WireType::Bytes => "bytes".into(),
        WireType::Array { elem } => format!("[{}]", show(elem)),
        WireType::Map { value } => format!("map<{}>", show(value)),
        WireType::Object { fields, .. } => {
            let f: Vec<String> = fields
                .iter()
                .map(|f| {
                    format!(
                        "{}{}{}{}:{}{}",
                        f.name,
                        if f.untagged { "~" } else { "" },
                        if f.optional { "?" } else { "" },
                        if f.required { "!" } else { "" },
                        show(&f.ty),
                        if f.nullable { "|null" } else { "" }
                    )
                })
                .collect();
            format!("{{{}}}", f.join(", "))
        }
        WireType::Nullable { inner } => format!("{}|null", show(inner)),
        WireType::Union { types } => types.iter().map(show).collect::<Vec<_>>().join(" | "),
        WireType::Literal { value } => value.clone(),
        WireType::Any => "any".into(),
        WireType::Unknown => "unknown".into(),
    }
}

const CARGO: &str = "[package]\nname = \"shop-api\"\nversion = \"0.1.0\"\nedition = \"2021\"\n";

struct Crate {
    files: Vec<FileFacts>,
}

impl Crate {
    fn new(lib: &str, more: &[(&str, &str)]) -> Crate {
        let mut all = vec![("api/Cargo.toml", CARGO), ("api/src/lib.rs", lib)];
        all.extend_from_slice(more);
        Crate { files: facts(&all) }
    }

    /// The wire type of the Rust type `ty` written in module `module`.
    fn wire(&self, module: &[&str], ty: &str, dir: Direction) -> String {
        let ix = RustIndex::build(&self.files);
        let scope = RustScope {
            krate: "api/src/lib.rs".into(),
            module: module.iter().map(|s| s.to_string()).collect(),
        };
        let t: syn::Type = syn::parse_str(ty).expect("a type");
        let t: RustType = crate::frontends::rust::type_of(&t);
        show(&RustWire { ix: &ix }.of(&t, &scope, dir))
    }
}

#[test]
fn primitives_collections_and_wrappers() {
    let c = Crate::new(
        r#"
        use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
        use serde::Serialize;
        use chrono::{DateTime, Utc};
        #[derive(Serialize)]
        pub struct All {
            pub s: String, pub c: char, pub u8_: u8, pub i16_: i16, pub u32_: u32,
            pub i64_: i64, pub u64_: u64, pub u128_: u128, pub us: usize, pub f: f64, pub b: bool,
            pub v: Vec<u8>, pub dq: VecDeque<String>, pub set: HashSet<i32>, pub arr: [u16; 4],
            pub m: HashMap<String, f32>, pub bm: BTreeMap<String, Vec<bool>>,
            pub bx: Box<str>, pub rc: std::rc::Rc<u8>, pub arc: std::sync::Arc<String>,
            pub id: uuid::Uuid, pub at: DateTime<Utc>, pub day: chrono::NaiveDate, pub t: time::OffsetDateTime,
            pub any: serde_json::Value, pub obj: serde_json::Map<String, serde_json::Value>,
            pub unit: (), pub pair: (u8, String), pub opt: Option<i32>, pub oo: Option<Option<u8>>,
            pub money: rust_decimal::Decimal, pub unknown_ext: other::Thing,
        }
        "#,
        &[],
    );
    assert_eq!(
        c.wire(&[], "All", Response),
        "{s~:string, c~:string, u8_~:int8, i16_~:int16, u32_~:int32, i64_~:int64, u64_~:int64, \
         u128_~:int64, us~:int64, f~:number, b~:bool, v~:[int8], dq~:[string], set~:[int32], \
         arr~:[int16], m~:map<number>, bm~:map<[bool]>, bx~:string, rc~:int8, arc~:string, \
         id~:string, at~:string, day~:string, t~:string, any~:any, obj~:map<any>, unit~:null, \
         pair~:[unknown], opt~:int32|null, oo~:int8|null|null, money~:string, unknown_ext~:unknown}"
    );
    assert_eq!(c.wire(&[], "&'static str", Response), "string");
    assert!(c
        .wire(&[], "Vec<Option<All>>", Response)
        .starts_with("[{s~:string"));
}

#[test]
fn renames_skips_defaults_and_optional_fields() {
    let c = Crate::new(
        r#"
        use serde::{Deserialize, Serialize};
        #[derive(Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct User {
            #[serde(rename = "ID")]
            pub user_id: u64,
            pub display_name: String,
            #[serde(skip_serializing_if = "Option::is_none")]
            pub nick_name: Option<String>,
            pub avatar_url: Option<String>,
            #[serde(skip)]
            pub password_hash: String,
            #[serde(skip_serializing)]
            pub new_password: String,
            #[serde(skip_deserializing)]
            pub created_at: String,
            #[serde(default)]
            pub tags: Vec<String>,
            #[serde(alias = "mail")]
            pub email: String,
            #[serde(rename(serialize = "out", deserialize = "in"))]
            pub both_ways: bool,
        }
        #[derive(Serialize, Deserialize)]
        #[serde(rename_all(serialize = "SCREAMING_SNAKE_CASE"), default)]
        pub struct Settings { pub dark_mode: bool, pub font_size: u8 }
        #[derive(Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub struct Kebab { pub first_name: String }
        #[derive(Serialize)]
        #[serde(rename_all = "PascalCase")]
        pub struct Pascal { pub first_name: String }
        #[derive(Serialize)]
        #[serde(rename_all = "SCREAMING-KEBAB-CASE")]
        pub struct Shout { pub first_name: String }
        #[derive(Serialize)]
        #[serde(rename_all = "UPPERCASE")]
        pub struct Upper { pub first_name: String }
        #[derive(Serialize)]
        #[serde(rename_all = "lowercase")]
        pub struct Lower { pub first_name: String }
        "#,
        &[],
    );
    assert_eq!(
        c.wire(&[], "User", Response),
        "{ID:int64, displayName~:string, nickName~?:string, avatarUrl~:string|null, \
         createdAt~:string, tags~:[string], email~:string, out:bool}"
    );
    assert_eq!(
        c.wire(&[], "User", Request),
        "{ID!:int64, displayName~!:string, nickName~?:string|null, avatarUrl~?:string|null, \
         newPassword~!:string, tags~?:[string], mail?:string, email~!:string, in!:bool}"
    );
    assert_eq!(
        c.wire(&[], "Settings", Response),
        "{DARK_MODE~:bool, FONT_SIZE~:int8}"
    );
    // Only the serialize side is renamed; the container default frees every field.
    assert_eq!(
        c.wire(&[], "Settings", Request),
        "{dark_mode~?:bool, font_size~?:int8}"
    );
    assert_eq!(c.wire(&[], "Kebab", Response), "{first-name~:string}");
    assert_eq!(c.wire(&[], "Pascal", Response), "{FirstName~:string}");
    assert_eq!(c.wire(&[], "Shout", Response), "{FIRST-NAME~:string}");
    assert_eq!(c.wire(&[], "Upper", Response), "{FIRST_NAME~:string}");
    assert_eq!(c.wire(&[], "Lower", Response), "{first_name~:string}");
}

#[test]
fn flatten_transparent_newtypes_into_from_and_custom_code() {
    let c = Crate::new(
        r#"
        use serde::{Deserialize, Serialize};
        #[derive(Serialize, Deserialize)]
        pub struct Page { pub total: u32, #[serde(flatten)] pub meta: Meta, #[serde(flatten)] pub extra: Option<Extra> }
        #[derive(Serialize, Deserialize)]
        pub struct Meta { pub page: u32 }
        #[derive(Serialize, Deserialize)]
        pub struct Extra { pub note: String }
        #[derive(Serialize)]
        pub struct Loose { pub id: u32, #[serde(flatten)] pub rest: std::collections::HashMap<String, String> }
        #[derive(Serialize)]
        #[serde(transparent)]
        pub struct Wrapper { inner: Vec<u32> }
        #[derive(Serialize, Deserialize)]
        pub struct UserId(pub u64);
        #[derive(Serialize)]
        pub struct Point(pub f32, pub f32);
        #[derive(Serialize)]
        pub struct Marker;
        #[derive(Serialize, Deserialize)]
        #[serde(into = "String", from = "u32")]
        pub struct Code { v: u32 }
        #[derive(Serialize, Deserialize)]
        pub struct Custom {
            #[serde(with = "ts")] pub at: i64,
            #[serde(serialize_with = "s")] pub out_only: u64,
            #[serde(deserialize_with = "d")] pub in_only: u64,
        }
        pub struct Money { cents: i64 }
        impl serde::Serialize for Money { fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { panic!() } }
        #[derive(Deserialize)]
        pub struct ReadOnly { pub x: u8 }
        pub struct NotSerde { pub x: u8 }
        #[derive(Serialize)]
        #[serde(remote = "Other")]
        pub struct OtherDef { pub x: u8 }
        #[derive(Serialize)]
        #[serde(tag = "type")]
        pub struct Tagged { pub x: u8 }
        "#,
        &[],
    );
    assert_eq!(
        c.wire(&[], "Page", Response),
        "{total~:int32, page~:int32, note~?:string}"
    );
    assert_eq!(c.wire(&[], "Loose", Response), "unknown");
    assert_eq!(c.wire(&[], "Wrapper", Response), "[int32]");
    assert_eq!(c.wire(&[], "UserId", Response), "int64");
    assert_eq!(c.wire(&[], "Point", Response), "[unknown]");
    assert_eq!(c.wire(&[], "Marker", Response), "null");
    assert_eq!(c.wire(&[], "Code", Response), "string");
    assert_eq!(c.wire(&[], "Code", Request), "int32");
    assert_eq!(
        c.wire(&[], "Custom", Response),
        "{at~:unknown, out_only~:unknown, in_only~:int64}"
    );
    assert_eq!(
        c.wire(&[], "Custom", Request),
        "{at~!:unknown, out_only~!:int64, in_only~!:unknown}"
    );
    assert_eq!(c.wire(&[], "Money", Response), "unknown");
    assert_eq!(c.wire(&[], "ReadOnly", Response), "unknown");
    assert_eq!(c.wire(&[], "ReadOnly", Request), "{x~!:int8}");
    assert_eq!(c.wire(&[], "NotSerde", Response), "unknown");
    assert_eq!(c.wire(&[], "OtherDef", Response), "unknown");
    assert_eq!(
        c.wire(&[], "Tagged", Response),
        "{type!:\"Tagged\", x~:int8}"
    );
}

#[test]
fn enum_representations() {
    let c = Crate::new(
        r#"
        use serde::{Deserialize, Serialize};
        #[derive(Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Status { Active, OnHold, #[serde(rename = "gone")] Deleted, #[serde(skip)] Internal }
        #[derive(Serialize)]
        pub enum External { Unit, New(u8), Pair(u8, u8), Named { a_b: bool } }
        #[derive(Serialize)]
        #[serde(tag = "kind", rename_all_fields = "camelCase")]
        pub enum Internal { Ping, Move { to_x: i32 }, Wrap(Inner), Bad(u8) }
        #[derive(Serialize)]
        pub struct Inner { pub z: u8 }
        #[derive(Serialize)]
        #[serde(tag = "t", content = "c")]
        pub enum Adjacent { Stop, Go(u16) }
        #[derive(Serialize, Deserialize)]
        #[serde(untagged)]
        pub enum Either { Num(u32), Text(String), Nothing }
        #[derive(Deserialize)]
        pub enum WithOther { Known, #[serde(other)] Unknown }
        #[derive(Serialize)]
        pub enum Mixed { A, #[serde(untagged)] Free(String) }
        #[derive(Serialize)]
        pub enum Custom { #[serde(serialize_with = "f")] A(u8), B }
        "#,
        &[],
    );
    assert_eq!(
        c.wire(&[], "Status", Response),
        "\"active\" | \"on_hold\" | \"gone\""
    );
    assert_eq!(
        c.wire(&[], "External", Response),
        "\"Unit\" | {New:int8} | {Pair:[unknown]} | {Named:{a_b~:bool}}"
    );
    // `Bad(u8)` cannot carry an internal tag: the enum is unknown.
    assert_eq!(c.wire(&[], "Internal", Response), "unknown");
    let c2 = Crate::new(
        r#"
        use serde::Serialize;
        #[derive(Serialize)]
        #[serde(tag = "kind", rename_all_fields = "camelCase")]
        pub enum Internal { Ping, Move { to_x: i32 }, Wrap(Inner) }
        #[derive(Serialize)]
        pub struct Inner { pub z: u8 }
        "#,
        &[],
    );
    assert_eq!(
        c2.wire(&[], "Internal", Response),
        "{kind!:\"Ping\"} | {kind!:\"Move\", toX~:int32} | {kind!:\"Wrap\", z~:int8}"
    );
    assert_eq!(
        c.wire(&[], "Adjacent", Response),
        "{t!:\"Stop\"} | {t!:\"Go\", c:int16}"
    );
    assert_eq!(c.wire(&[], "Either", Request), "int32 | string | null");
    assert_eq!(c.wire(&[], "WithOther", Request), "\"Known\"");
    assert_eq!(c.wire(&[], "Mixed", Response), "\"A\" | string");
    // The variant's content is written by custom code, its tag is not.
    assert_eq!(c.wire(&[], "Custom", Response), "{A:unknown} | \"B\"");
}

#[test]
fn generics_aliases_recursion_and_paths_across_modules() {
    let c = Crate::new(
        r#"
        pub mod dto;
        mod api {
            pub mod v1 {
                use super::super::dto::User as Member;
                use crate::dto::*;
                pub type Members = Vec<Member>;
                pub fn f() {}
            }
        }
        pub use dto::Envelope;
        "#,
        &[
            (
                "api/src/dto.rs",
                r#"
                use serde::Serialize;
                mod inner;
                pub use self::inner::Team;
                #[derive(Serialize)]
                #[serde(rename_all = "camelCase")]
                pub struct User { pub user_id: u64, pub team: Team, pub boss: Option<Box<User>> }
                #[derive(Serialize)]
                pub struct Envelope<T> { pub data: T, pub items: Vec<T>, pub next: Option<String> }
                pub type Id = u32;
                #[derive(Serialize)]
                pub struct Both<A, B> { pub a: A, pub b: B }
                "#,
            ),
            (
                "api/src/dto/inner.rs",
                r#"
                #[derive(serde::Serialize)]
                pub struct Team { pub name: String, pub size: super::Id }
                "#,
            ),
        ],
    );
    assert_eq!(
        c.wire(&["api", "v1"], "Members", Response),
        "[{userId~:int64, team~:{name~:string, size~:int32}, boss~:{}|null}]"
    );
    assert_eq!(
        c.wire(&[], "Envelope<crate::dto::Id>", Response),
        "{data~:int32, items~:[int32], next~:string|null}"
    );
    assert_eq!(
        c.wire(&["api", "v1"], "Team", Response),
        "{name~:string, size~:int32}"
    );
    assert_eq!(
        c.wire(&[], "dto::Both<bool>", Response),
        "{a~:bool, b~:unknown}"
    );
    assert_eq!(c.wire(&[], "Nope", Response), "unknown");
}
