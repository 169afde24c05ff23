//! axum routes across a package (library and binary), modules, nesting and
//! merging, and what handlers read and write from their signatures.

use crate::config::Config;
use crate::frontends;
use crate::link::{link, Analysis};
use crate::model::{Framework, Payload, ValueRef};
use crate::walk::classify;

fn analyse(files: &[(&str, &str)]) -> Analysis {
    let facts = files
        .iter()
        .map(|(p, t)| frontends::analyze(p, classify(p).expect("known kind"), t.as_bytes()))
        .collect();
    link(facts, &Config::default())
}

const CARGO: &str = "[package]\nname = \"shop-api\"\nversion = \"0.1.0\"\nedition = \"2021\"\n";

const LIB: &str = r#"
use axum::routing::get;
use axum::Router;

pub mod routes;
mod handlers;

pub fn app() -> Router {
    Router::new()
        .nest("/api", routes::api())
        .merge(routes::health())
        .route_service("/metrics", Metrics)
}
"#;

const ROUTES: &str = r#"
use axum::routing::{get, post, put};
use axum::Router;

use crate::handlers::{orders, users::{self, Users}};

pub fn api() -> Router {
    Router::new()
        .route("/users/{id}", get(users::show).delete(Users::remove))
        .route("/orders", post(orders::create).get(orders::list))
        .route("/files/{*path}", get(|| async {}))
        .nest("/v0", legacy())
}

fn legacy() -> Router {
    Router::new()
        .route("/items/:id", put(super::handlers::orders::replace))
        .route("/forms", post(crate::handlers::forms::submit))
}

pub fn health() -> Router {
    Router::new().route("/healthz", get(|| async { "ok" }))
}
"#;

const USERS: &str = r#"
use axum::extract::Path;
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;

#[derive(Serialize)]
pub struct User { pub id: u64 }

pub async fn show(Path(id): Path<u64>) -> Json<User> { panic!() }

pub struct Users;
impl Users {
    pub async fn remove(Path(id): Path<u64>) -> StatusCode { StatusCode::NO_CONTENT }
}
"#;

const ORDERS: &str = r#"
use axum::extract::{Json, Query};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};

pub async fn create(Json(o): Json<NewOrder>) -> Result<(StatusCode, Json<Order>), AppError> { panic!() }
pub async fn list(Query(q): Query<Filter>) -> impl IntoResponse { panic!() }
pub async fn replace(body: String) -> Html<String> { panic!() }
"#;

const FORMS: &str = r#"
use axum::extract::{Form, Multipart};
pub async fn submit(Form(f): Form<Signup>, upload: Option<Multipart>) -> &'static str { "ok" }
pub async fn moved() -> axum::response::Redirect { panic!() }
"#;

const MAIN: &str = r#"
use shop_api::app;

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    axum::serve(listener, app()).await.unwrap();
}
"#;

fn shop() -> Analysis {
    analyse(&[
        ("shop/Cargo.toml", CARGO),
        ("shop/src/lib.rs", LIB),
        ("shop/src/main.rs", MAIN),
        ("shop/src/routes.rs", ROUTES),
        (
            "shop/src/handlers/mod.rs",
            "pub mod forms;\npub mod orders;\npub mod users;\n",
        ),
        ("shop/src/handlers/users.rs", USERS),
        ("shop/src/handlers/orders.rs", ORDERS),
        ("shop/src/handlers/forms.rs", FORMS),
    ])
}

#[test]
fn routes_across_modules_nests_merges_and_the_library_root() {
    let a = shop();
    let mut got: Vec<String> = a
        .endpoints
        .iter()
        .map(|e| {
            assert_eq!(e.framework, Framework::Axum);
            assert_eq!(e.module_dir.as_deref(), Some("shop"));
            let h = e
                .handler
                .as_ref()
                .map(|k| format!("{}#{}", k.path, k.name))
                .unwrap_or_else(|| format!("<{}>", e.handler_text));
            format!(
                "{} {}{} {h}",
                e.method,
                e.path,
                if e.subtree { "/**" } else { "" }
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            "ANY /metrics <Metrics>",
            "DELETE /api/users/{id} shop/src/handlers/users.rs#Users::remove",
            "GET /api/files/{path...} <||async {}>",
            "GET /api/orders shop/src/handlers/orders.rs#list",
            "GET /api/users/{id} shop/src/handlers/users.rs#show",
            "GET /healthz <||async {\"ok\"}>",
            "POST /api/orders shop/src/handlers/orders.rs#create",
            "POST /api/v0/forms shop/src/handlers/forms.rs#submit",
            "PUT /api/v0/items/{id} shop/src/handlers/orders.rs#replace",
        ]
    );
}

fn value(v: &ValueRef) -> String {
    match v {
        ValueRef::Rust { ty, scope } => format!("{ty}@{}", scope.module.join("::")),
        ValueRef::Unknown => "?".into(),
        other => format!("{other:?}"),
    }
}

#[test]
fn handler_signatures_give_decodes_and_writes() {
    let a = shop();
    let body = |name: &str| {
        let (_, b) = a
            .handlers
            .iter()
            .find(|(k, _)| k.name == name)
            .unwrap_or_else(|| panic!("{name} has a body"));
        let mut v: Vec<String> = b
            .decodes
            .iter()
            .map(|d| format!("reads {:?} {}", d.kind, value(&d.target)))
            .collect();
        v.extend(
            b.writes
                .iter()
                .map(|w| format!("writes {} {}", w.payload.describe(), value(&w.value))),
        );
        v.extend(
            b.content_type_checks
                .iter()
                .map(|c| format!("requires {}", c.expects)),
        );
        v
    };
    assert_eq!(body("show"), ["writes JSON User@handlers::users"]);
    assert_eq!(body("Users::remove"), ["writes no body ?"]);
    assert_eq!(
        body("create"),
        [
            "reads Json NewOrder@handlers::orders",
            "writes JSON Order@handlers::orders",
            "requires application/json",
        ]
    );
    assert_eq!(body("list"), ["reads Query Filter@handlers::orders"]);
    assert_eq!(body("replace"), ["reads Raw ?", "writes HTML ?"]);
    assert_eq!(
        body("submit"),
        [
            "reads Form Signup@handlers::forms",
            "reads Multipart ?",
            "writes text/plain ?"
        ]
    );
    let show = a
        .handlers
        .iter()
        .find(|(k, _)| k.name == "show")
        .map(|(_, b)| &b.writes[0])
        .unwrap();
    assert_eq!(show.payload, Payload::Json);
    assert_eq!(show.origin.line, 10);
}

#[test]
fn a_router_on_another_crates_value_is_not_served() {
    let a = analyse(&[
        ("x/Cargo.toml", CARGO),
        (
            "x/src/main.rs",
            r#"
            use axum::{routing::get, Router};
            fn main() {
                let r = other_crate::base().route("/a", get(h));
                serve(Router::new().route("/b", get(h)));
                serve(r);
            }
            async fn h() {}
            "#,
        ),
    ]);
    let routes: Vec<String> = a.endpoints.iter().map(|e| e.display()).collect();
    assert_eq!(routes, ["GET /b"]);
}
