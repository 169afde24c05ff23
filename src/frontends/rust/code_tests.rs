//! The Rust frontend's wire facts: serde attributes as written, function
//! signatures, and axum routers in function bodies.

use crate::frontends::rust::analyze;
use crate::model::{
    RustCode, RustRouteOp, RustRouter, RustShape, RustType, RustTypeBody, SerdeImpl, SerdeName,
};

fn code(src: &str) -> RustCode {
    let f = analyze("src/main.rs", src.as_bytes());
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    f.surface
        .and_then(|s| s.rust)
        .map(|r| r.code)
        .unwrap_or_default()
}

fn both(s: &str) -> SerdeName {
    SerdeName {
        ser: Some(s.into()),
        de: Some(s.into()),
    }
}

#[test]
fn container_field_and_variant_attributes() {
    let c = code(
        r#"
        use serde::{Deserialize, Serialize};
        #[derive(Debug, Serialize, serde::Deserialize)]
        #[serde(rename_all(serialize = "camelCase", deserialize = "snake_case"), deny_unknown_fields, default)]
        pub struct User {
            #[serde(rename = "ID", alias = "userId", alias = "uid")]
            id: u64,
            #[serde(skip_serializing_if = "Option::is_none", default = "none")]
            nick: Option<String>,
            #[serde(skip)]
            secret: String,
            #[serde(skip_serializing)]
            write_only: String,
            #[serde(skip_deserializing)]
            read_only: String,
            #[serde(flatten)]
            meta: Meta,
            #[serde(with = "ts_seconds")]
            at: i64,
            #[serde(serialize_with = "ser")]
            s: i64,
            #[serde(deserialize_with = "de", bound = "T: X", borrow)]
            d: i64,
            #[serde_as(as = "DisplayFromStr")]
            n: u64,
            r#type: String,
        }
        #[cfg_attr(feature = "serde", derive(Serialize), serde(tag = "kind", content = "data", rename_all_fields = "camelCase"))]
        enum Event {
            #[serde(rename(serialize = "made"), rename_all = "UPPERCASE")]
            Created { user_id: u64 },
            #[serde(other)]
            Unknown,
            #[serde(untagged)]
            Raw(String),
            #[serde(skip_deserializing, with = "x")]
            Gone,
        }
        #[derive(Deserialize)]
        #[serde(transparent, from = "Vec<u8>", into = "String", remote = "Other", crate = "serde")]
        struct Wrapper(Vec<u8>);
        #[derive(Serialize)]
        #[serde(untagged, expecting = "a shape")]
        enum Shape<T> { A(T), B }
        pub type Ids = Vec<u64>;
        impl Serialize for Money { fn serialize<S>(&self, s: S) {} }
        #[cfg(test)]
        #[derive(Serialize)]
        struct OnlyInTests;
        "#,
    );
    let names: Vec<&str> = c.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["User", "Event", "Wrapper", "Shape", "Ids"]);
    let user = &c.types[0];
    assert_eq!(
        (user.serialize, user.deserialize),
        (SerdeImpl::Derive, SerdeImpl::Derive)
    );
    assert_eq!(
        user.serde.rename_all,
        SerdeName {
            ser: Some("camelCase".into()),
            de: Some("snake_case".into()),
        }
    );
    assert!(user.serde.deny_unknown_fields && user.serde.default && !user.serde.unknown);
    let RustTypeBody::Struct { shape, fields } = &user.body else {
        panic!("a struct");
    };
    assert_eq!(*shape, RustShape::Named);
    let f = |n: &str| {
        &fields
            .iter()
            .find(|f| f.name.as_deref() == Some(n))
            .unwrap()
            .serde
    };
    assert_eq!(f("id").rename, both("ID"));
    assert_eq!(f("id").aliases, ["userId", "uid"]);
    assert_eq!(
        f("nick").skip_serializing_if.as_deref(),
        Some("Option::is_none")
    );
    assert!(f("nick").default);
    assert!(f("secret").skip_ser && f("secret").skip_de);
    assert!(f("write_only").skip_ser && !f("write_only").skip_de);
    assert!(!f("read_only").skip_ser && f("read_only").skip_de);
    assert!(f("meta").flatten);
    assert!(f("at").custom_ser && f("at").custom_de);
    assert!(f("s").custom_ser && !f("s").custom_de);
    assert!(!f("d").custom_ser && f("d").custom_de);
    assert!(f("n").custom_ser && f("n").custom_de);
    assert!(fields.iter().any(|f| f.name.as_deref() == Some("type")));

    let event = &c.types[1];
    assert_eq!(event.serialize, SerdeImpl::Derive);
    assert_eq!(event.deserialize, SerdeImpl::None);
    assert_eq!(event.serde.tag.as_deref(), Some("kind"));
    assert_eq!(event.serde.content.as_deref(), Some("data"));
    assert_eq!(event.serde.rename_all_fields, both("camelCase"));
    let RustTypeBody::Enum { variants } = &event.body else {
        panic!("an enum");
    };
    assert_eq!(variants[0].serde.rename.ser.as_deref(), Some("made"));
    assert_eq!(variants[0].serde.rename.de, None);
    assert_eq!(variants[0].serde.rename_all, both("UPPERCASE"));
    assert!(variants[1].serde.other);
    assert!(variants[2].serde.untagged && variants[2].shape == RustShape::Tuple);
    assert!(variants[3].serde.skip_de && variants[3].serde.custom_ser);

    let w = &c.types[2].serde;
    assert!(w.transparent && w.unknown);
    assert_eq!(
        w.into.as_ref().map(|t| t.to_string()).as_deref(),
        Some("String")
    );
    assert_eq!(
        w.from.as_ref().map(|t| t.to_string()).as_deref(),
        Some("Vec<u8>")
    );
    assert!(c.types[3].serde.untagged);
    assert_eq!(c.types[3].params, ["T"]);
    assert!(matches!(&c.types[4].body, RustTypeBody::Alias { ty } if ty.to_string() == "Vec<u64>"));
    assert_eq!(c.serde_impls.len(), 1);
    assert!(c.serde_impls[0].serialize);
    assert_eq!(c.serde_impls[0].self_ty.to_string(), "Money");
}

#[test]
fn a_serde_attribute_seam_cannot_read_makes_the_shape_unknown() {
    let c = code(
        r#"
        #[derive(Serialize)]
        #[serde(rename_all = 42)]
        struct A { #[serde(rename = 7)] x: u8 }
        "#,
    );
    assert!(c.types[0].serde.unknown);
    let RustTypeBody::Struct { fields, .. } = &c.types[0].body else {
        panic!("a struct");
    };
    assert!(fields[0].serde.custom_ser && fields[0].serde.custom_de);
}

#[test]
fn signatures_and_types_as_written() {
    let c = code(
        r#"
        struct Api;
        impl Api {
            async fn list(&self, q: Query<Filter>) -> Result<Json<Vec<dto::User>>, (StatusCode, &'static str)> { panic!() }
        }
        mod inner {
            pub fn f(x: [u8; 4], y: &[String], z: (u8, bool), w: impl IntoResponse, v: ::std::vec::Vec<dyn Fn()>) {}
        }
        "#,
    );
    let list = &c.fns[0];
    assert_eq!(
        (list.owner.as_deref(), list.name.as_str(), list.is_async),
        (Some("Api"), "list", true)
    );
    assert_eq!(list.params[0].ty.to_string(), "Query<Filter>");
    assert_eq!(
        list.ret.as_ref().unwrap().ty.to_string(),
        "Result<Json<Vec<dto::User>>, (StatusCode, &str)>"
    );
    let f = &c.fns[1];
    assert_eq!(f.within, ["inner"]);
    let shown: Vec<String> = f.params.iter().map(|p| p.ty.to_string()).collect();
    assert_eq!(
        shown,
        [
            "[u8]",
            "&[String]",
            "(u8, bool)",
            "impl IntoResponse",
            "::std::vec::Vec<dyn Fn()>"
        ]
    );
    assert!(matches!(&f.params[3].ty, RustType::Impl { .. }));
    assert!(matches!(&f.params[4].ty, RustType::Path { path, .. } if path[0].is_empty()));
}

fn show(r: &RustRouter) -> Vec<String> {
    let mut out = Vec::new();
    for op in &r.ops {
        match op {
            RustRouteOp::Route { path, handlers, .. } => {
                let hs: Vec<String> = handlers
                    .iter()
                    .map(|h| {
                        let target = h
                            .path
                            .as_ref()
                            .map(|p| p.join("::"))
                            .unwrap_or_else(|| format!("<{}>", h.text));
                        format!("{} {target}", h.method)
                    })
                    .collect();
                out.push(format!(
                    "route {} [{}]",
                    path.as_deref().unwrap_or("?"),
                    hs.join(", ")
                ));
            }
            RustRouteOp::Service { path, subtree, .. } => out.push(format!(
                "service {} {subtree}",
                path.as_deref().unwrap_or("?")
            )),
            RustRouteOp::Nest { prefix, router, .. } => out.push(format!(
                "nest {} {{{}}}",
                prefix.as_deref().unwrap_or("?"),
                show(router).join("; ")
            )),
            RustRouteOp::Merge { router } => {
                out.push(format!("merge {{{}}}", show(router).join("; ")))
            }
            RustRouteOp::Call { callee, .. } => out.push(format!("call {}", callee.join("::"))),
        }
    }
    out
}

#[test]
fn axum_routers_method_routers_nesting_and_bindings() {
    let c = code(
        r#"
        use axum::{routing::{any, get, post, on, MethodFilter}, Router};
        use axum::routing;

        pub fn api() -> Router<AppState> {
            Router::new()
                .route("/users", get(handlers::users::list).post(handlers::users::create))
                .route("/users/{id}", routing::get(show::<Db>).put(update).layer(TraceLayer::new()))
                .route("/multi", on(MethodFilter::GET.or(MethodFilter::POST), multi))
                .route("/closure", get(|| async { "hi" }))
                .route_service("/health", get_service(Health))
                .nest_service("/assets", ServeDir::new("dist"))
                .route(PATH, axum::routing::delete(Self::remove))
        }

        #[tokio::main]
        async fn main() {
            let admin = admin::routes();
            let mut app = Router::new()
                .nest("/api", api())
                .nest("/admin", admin)
                .merge(Router::new().route("/", get(root)))
                .with_state(state);
            if cfg.debug {
                app = app.route("/debug", post(debug));
            }
            let unused = compute();
            let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
            axum::serve(listener, app.into_make_service()).await.unwrap();
        }

        fn build() -> Result<Router, Error> {
            let r = Router::new().route("/x", any(x));
            Ok(r)
        }

        fn spawn_one() {
            tokio::spawn(async move {
                let app = Router::new().route("/side", get(side));
                return axum::serve(listener, app).await;
            });
        }
        "#,
    );
    let api = c.fns.iter().find(|f| f.name == "api").unwrap();
    assert!(api.routers.is_empty());
    assert_eq!(
        show(api.returns_router.as_ref().unwrap()),
        [
            "route /users [GET handlers::users::list, POST handlers::users::create]",
            "route /users/{id} [GET show, PUT update]",
            "route /multi [GET multi, POST multi]",
            "route /closure [GET <||async {\"hi\"}>]",
            "service /health false",
            "service /assets true",
            "route ? [DELETE Self::remove]",
        ]
    );
    let main = c.fns.iter().find(|f| f.name == "main").unwrap();
    assert!(main.returns_router.is_none());
    let served: Vec<Vec<String>> = main.routers.iter().map(show).collect();
    assert_eq!(
        served,
        [vec![
            "nest /api {call api}".to_string(),
            "nest /admin {call admin::routes}".into(),
            "merge {route / [GET root]}".into(),
            "route /debug [POST debug]".into(),
        ]]
    );
    let build = c.fns.iter().find(|f| f.name == "build").unwrap();
    assert_eq!(
        show(build.returns_router.as_ref().unwrap()),
        ["route /x [ANY x]"]
    );
    let spawn = c.fns.iter().find(|f| f.name == "spawn_one").unwrap();
    assert!(spawn.returns_router.is_none());
    assert_eq!(spawn.routers.len(), 1);
}

#[test]
fn routers_not_from_axum_are_not_read() {
    let c = code(
        r#"
        use matchit::Router;
        fn main() {
            let mut r = Router::new();
            let app = r.route("/x", get(h));
            serve(app);
        }
        "#,
    );
    assert!(c.fns[0].routers.is_empty());
    // A glob import of axum's routing module brings `get` and `Router` is named in full.
    let c = code(
        r#"
        use axum::routing::*;
        fn app() -> axum::Router { axum::Router::new().route("/y", get(h)) }
        "#,
    );
    assert_eq!(
        show(c.fns[0].returns_router.as_ref().unwrap()),
        ["route /y [GET h]"]
    );
}

#[test]
fn a_very_long_router_chain_is_cut_off_not_a_stack_overflow() {
    let chain = ".route(\"/a\", get(h))".repeat(20_000);
    let src = format!(
        "use axum::{{routing::get, Router}};\nfn app() -> Router {{ Router::new(){chain} }}\n"
    );
    let f = analyze("src/main.rs", src.as_bytes());
    assert!(f.problems.is_empty());
    let short = format!(
        "use axum::{{routing::get, Router}};\nfn app() -> Router {{ Router::new(){} }}\n",
        ".route(\"/a\", get(h))".repeat(150)
    );
    let c = code(&short);
    assert_eq!(
        c.fns[0].returns_router.as_ref().map(|r| r.ops.len()),
        Some(150)
    );
}
