use super::analyze;
use crate::model::{ApiKind, ApiLang};

fn names(src: &str) -> Vec<String> {
    let f = analyze("src/lib.rs", src.as_bytes());
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    let r = f.surface.unwrap().rust.unwrap();
    let mut v: Vec<String> = r
        .items
        .iter()
        .map(|i| {
            format!(
                "{:?} {:?} {} = {}",
                i.item.lang, i.item.kind, i.item.name, i.item.sig
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn public_items_members_and_c_items() {
    let got = names(
        r#"
        pub mod a;
        mod b { pub fn hidden_by_module() {} }
        /// Docs.
        #[derive(Clone, Debug)]
        #[repr(C)]
        pub struct Price { pub cents: i64, currency: [u8; 3] }
        impl Price {
            pub fn new(cents: i64) -> Self { Price { cents, currency: *b"EUR" } }
            pub(crate) fn internal(&self) {}
            fn private(&self) {}
        }
        #[non_exhaustive]
        pub enum Kind { A = 1, B(u8), C { x: String } }
        pub trait Quote { fn quote(&self, qty: u32) -> Price; fn name(&self) -> &str { "" } }
        #[doc(hidden)]
        pub fn secret() {}
        pub(crate) fn krate() {}
        #[no_mangle]
        pub extern "C" fn price_total(p: *const Price, n: usize) -> i64 { 0 }
        #[unsafe(export_name = "renamed")]
        extern "C" fn inner(x: std::os::raw::c_int) {}
        pub const MAX: u32 = 10;
        pub type Cents = i64;
        pub use self::b::hidden_by_module as visible;
        #[cfg(test)]
        mod tests { pub fn t() {} }
        "#,
    );
    let want = [
        "CExport Func price_total = extern \"C\" fn(*const Price, usize) -> i64",
        "CExport Func renamed = extern \"C\" fn(c_int)",
        "CLayout Struct Price = cents: i64; currency: [u8; 3]",
        "Rust Const MAX = u32",
        "Rust Enum Kind = enum",
        "Rust Field Kind::B.0 = u8",
        "Rust Field Kind::C.x = String",
        "Rust Field Price.cents = i64",
        "Rust Func hidden_by_module = fn()",
        "Rust Func price_total = extern \"C\" fn(*const Price, usize) -> i64",
        "Rust Impl Price: Clone = impl",
        "Rust Impl Price: Debug = impl",
        "Rust InterfaceMethod Quote::name = fn(&self) -> &str",
        "Rust InterfaceMethod Quote::quote = fn(&self, u32) -> Price",
        "Rust Method Price::new = fn(i64) -> Self",
        "Rust Struct Price = struct {..}",
        "Rust Trait Quote = trait",
        "Rust TypeAlias Cents = type = i64",
        "Rust Variant Kind::A = ",
        "Rust Variant Kind::B = (..)",
        "Rust Variant Kind::C = {..}",
    ];
    assert_eq!(got, want);
    let f = analyze(
        "src/lib.rs",
        b"pub mod a;\nmod b { pub fn f() {} }\npub use self::b::f as g;\n",
    );
    let r = f.surface.unwrap().rust.unwrap();
    assert_eq!(r.mods.len(), 2);
    assert!(r.mods[0].public && r.mods[0].out_of_line);
    assert!(!r.mods[1].public && !r.mods[1].out_of_line);
    assert_eq!(r.uses[0].path, ["self", "b", "f"]);
    assert_eq!(r.uses[0].name, "g");
    let item = &r.items[0];
    assert_eq!(
        (item.item.lang, item.item.kind),
        (ApiLang::Rust, ApiKind::Func)
    );
    assert_eq!(item.within, ["b"]);
    assert_eq!(item.item.origin.as_ref().unwrap().line, 2);
}

#[test]
fn syntax_errors_are_problems_not_panics() {
    let f = analyze("src/lib.rs", b"pub fn broken( {\n");
    assert_eq!(f.problems.len(), 1);
    assert!(f.problems[0].message.contains("Rust syntax error"));
    assert!(f.surface.is_none());
    let f = analyze("src/lib.rs", b"\xff\xfe");
    assert_eq!(f.problems.len(), 1);
}

#[test]
fn deep_nesting_is_a_problem_not_a_stack_overflow() {
    let depth = 20_000;
    let src = format!(
        "pub const X: i32 = {}1{};\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let f = analyze("src/lib.rs", src.as_bytes());
    assert_eq!(f.problems.len(), 1);
    assert!(f.problems[0].message.contains("nesting deeper"));
    let ok = format!(
        "pub const X: i32 = {}1{};\n",
        "(".repeat(64),
        ")".repeat(64)
    );
    assert!(analyze("src/lib.rs", ok.as_bytes()).problems.is_empty());
}
