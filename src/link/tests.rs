//! Linking over in-memory trees: route resolution across files and
//! packages for every framework, and call resolution across modules.

use crate::config::Config;
use crate::frontends;
use crate::link::{link, Analysis, LinkStatus};
use crate::walk::classify;

fn analyse(files: &[(&str, &str)]) -> Analysis {
    let facts = files
        .iter()
        .map(|(p, t)| frontends::analyze(p, classify(p).expect("known kind"), t.as_bytes()))
        .collect();
    link(facts, &Config::default())
}

/// Each call as `METHOD path status`, sorted.
fn call_statuses(a: &Analysis) -> Vec<String> {
    let mut seen: Vec<String> = a
        .calls
        .iter()
        .zip(&a.links)
        .map(|(c, l)| {
            let status = match l {
                LinkStatus::Linked { .. } => "linked",
                LinkStatus::NoRoute { .. } => "no-route",
                _ => "other",
            };
            format!("{} {} {status}", c.method.as_deref().unwrap_or("?"), c.path)
        })
        .collect();
    seen.sort();
    seen
}

fn routes(a: &Analysis) -> Vec<String> {
    let mut v: Vec<String> = a
        .endpoints
        .iter()
        .map(|e| {
            format!(
                "{} {}{}",
                e.method,
                e.path,
                if e.subtree { "/**" } else { "" }
            )
        })
        .collect();
    v.sort();
    v
}

const GO_MOD: &str = "module example.com/app\n\ngo 1.22\n";

#[test]
fn gin_groups_blocks_and_constants_across_packages() {
    let a = analyse(&[
        ("go.mod", GO_MOD),
        (
            "main.go",
            r#"package main
import (
    "github.com/gin-gonic/gin"
    "example.com/app/routes"
)
func main() {
    r := gin.New()
    v1 := r.Group(routes.Base)
    {
        v1.POST("/login", routes.Login)
        admin := v1.Group("/admin", routes.Auth())
        routes.Admin(admin)
    }
    r.Any("/ping", routes.Ping)
}"#,
        ),
        (
            "routes/routes.go",
            r#"package routes
import "github.com/gin-gonic/gin"
const Base = "/api" + "/" + ver
func Login(c *gin.Context) {}
func Ping(c *gin.Context) {}
func Auth() gin.HandlerFunc { return func(c *gin.Context) {} }
func Admin(g *gin.RouterGroup) {
    g.GET("/users", Login)
    g.Handle("DELETE", "/users/:id", Login)
    g.Match([]string{"PUT", "PATCH"}, "/users/:id", Login)
}"#,
        ),
        (
            "routes/version.go",
            "package routes\n\nconst ver = \"v2\"\n",
        ),
    ]);
    assert_eq!(
        routes(&a),
        [
            "ANY /ping",
            "DELETE /api/v2/admin/users/{id}",
            "GET /api/v2/admin/users",
            "PATCH /api/v2/admin/users/{id}",
            "POST /api/v2/login",
            "PUT /api/v2/admin/users/{id}",
        ]
    );
    let login = a
        .endpoints
        .iter()
        .find(|e| e.path.to_string() == "/api/v2/login")
        .unwrap();
    assert_eq!(
        login.handler.as_ref().map(|h| h.name.as_str()),
        Some("Login")
    );
}

#[test]
fn echo_handler_comes_first_and_groups_nest() {
    let a = analyse(&[
        ("go.mod", GO_MOD),
        (
            "server.go",
            r#"package main
import (
    "net/http"
    "github.com/labstack/echo/v4"
    "github.com/labstack/echo/v4/middleware"
)
type API struct{}
func (a *API) list(c echo.Context) error { return nil }
func (a *API) add(c echo.Context) error { return nil }
func setup(e *echo.Echo, api *API) {
    g := e.Group("/api", middleware.Logger())
    items := g.Group("/items")
    items.GET("", api.list, middleware.Gzip())
    items.Add(http.MethodPost, "", api.add)
    e.Static("/assets", "public")
}
func main() {
    e := echo.New()
    setup(e, &API{})
}"#,
        ),
    ]);
    assert_eq!(
        routes(&a),
        ["GET /api/items", "GET /assets/**", "POST /api/items"]
    );
    let list = a
        .endpoints
        .iter()
        .find(|e| e.method == "GET" && e.path.to_string() == "/api/items")
        .unwrap();
    assert_eq!(
        list.handler.as_ref().map(|h| h.name.as_str()),
        Some("API.list")
    );
}

#[test]
fn net_http_patterns_mounts_and_strip_prefix() {
    let a = analyse(&[
        ("go.mod", GO_MOD),
        (
            "main.go",
            r#"package main
import "net/http"
type srv struct{ mux *http.ServeMux }
func (s *srv) routes() {
    s.mux.HandleFunc("GET /items/{id}", s.item)
    s.mux.HandleFunc("POST /items", s.item)
    s.mux.HandleFunc("/files/{path...}", s.item)
    s.mux.HandleFunc("GET /{$}", s.item)
}
func (s *srv) item(w http.ResponseWriter, r *http.Request) {}
func main() {
    api := http.NewServeMux()
    s := &srv{mux: api}
    s.routes()
    root := http.NewServeMux()
    root.Handle("/api/", http.StripPrefix("/api", api))
    http.HandleFunc("example.com/health", func(w http.ResponseWriter, r *http.Request) {})
}"#,
        ),
    ]);
    assert_eq!(
        routes(&a),
        [
            "ANY /api/files/{path...}",
            "ANY /health",
            "GET /api",
            "GET /api/items/{id}",
            "POST /api/items"
        ]
    );
}

#[test]
fn chi_route_group_with_and_mount_of_a_function_result() {
    let a = analyse(&[
        ("go.mod", GO_MOD),
        (
            "api/articles.go",
            r#"package api
import (
    "net/http"
    "github.com/go-chi/chi/v5"
)
type Articles struct{}
func (rs Articles) Routes() chi.Router {
    r := chi.NewRouter()
    r.Get("/", rs.List)
    r.With(paginate).Get("/search", rs.List)
    r.Group(func(r chi.Router) {
        r.Post("/", rs.List)
    })
    return r
}
func (rs Articles) List(w http.ResponseWriter, r *http.Request) {}
func paginate(next http.Handler) http.Handler { return next }"#,
        ),
        (
            "main.go",
            r#"package main
import (
    "github.com/go-chi/chi/v5"
    "example.com/app/api"
)
func main() {
    r := chi.NewRouter()
    r.Route("/v1", func(r chi.Router) {
        r.Mount("/articles", api.Articles{}.Routes())
    })
}"#,
        ),
    ]);
    assert_eq!(
        routes(&a),
        [
            "GET /v1/articles",
            "GET /v1/articles/search",
            "POST /v1/articles"
        ]
    );
}

#[test]
fn gorilla_chains_and_subrouters() {
    let a = analyse(&[
        ("go.mod", GO_MOD),
        (
            "main.go",
            r#"package main
import (
    "net/http"
    "github.com/gorilla/mux"
)
func h(w http.ResponseWriter, r *http.Request) {}
func main() {
    r := mux.NewRouter()
    api := r.PathPrefix("/api").Subrouter()
    api.HandleFunc("/users/{id:[0-9]+}", h).Methods("GET", "PUT")
    api.Path("/users").Methods(http.MethodPost).HandlerFunc(h)
    r.PathPrefix("/static/").Handler(http.FileServer(http.Dir("./static")))
}"#,
        ),
    ]);
    assert_eq!(
        routes(&a),
        [
            "ANY /static/**",
            "GET /api/users/{id}",
            "POST /api/users",
            "PUT /api/users/{id}"
        ]
    );
}

#[test]
fn routers_in_package_vars_and_unknown_prefixes() {
    let a = analyse(&[
        ("go.mod", GO_MOD),
        (
            "router/router.go",
            r#"package router
import "github.com/gin-gonic/gin"
var Engine = gin.New()
func Init(prefix string) {
    g := Engine.Group(prefix)
    g.GET("/status", status)
}
func status(c *gin.Context) {}"#,
        ),
        (
            "plugin/plugin.go",
            r#"package plugin
import "github.com/gin-gonic/gin"
// Nobody in the tree calls this with a router.
func Register(g *gin.RouterGroup) { g.POST("/hook", hook) }
func hook(c *gin.Context) {}"#,
        ),
    ]);
    assert_eq!(routes(&a), ["GET /{?}/status", "POST /{?}/hook"]);
    assert_eq!(a.stats.endpoints_with_unknown_prefix, 2);
}

#[test]
fn method_values_resolve_through_constructors_even_when_names_repeat() {
    let a = analyse(&[
        ("go.mod", GO_MOD),
        (
            "h/users.go",
            r#"package h
import "github.com/gin-gonic/gin"
type Users struct{}
func NewUsers() *Users { return &Users{} }
func (u *Users) List(c *gin.Context) {}"#,
        ),
        (
            "h/orders.go",
            r#"package h
import "github.com/gin-gonic/gin"
type Orders struct{}
func (o *Orders) List(c *gin.Context) {}"#,
        ),
        (
            "main.go",
            r#"package main
import (
    "github.com/gin-gonic/gin"
    "example.com/app/h"
)
func main() {
    r := gin.New()
    users := h.NewUsers()
    r.GET("/users", users.List)
}"#,
        ),
    ]);
    let e = &a.endpoints[0];
    assert_eq!(
        e.handler
            .as_ref()
            .map(|k| (k.path.as_str(), k.name.as_str())),
        Some(("h/users.go", "Users.List"))
    );
}

#[test]
fn test_files_do_not_register_routes() {
    let a = analyse(&[
        ("go.mod", GO_MOD),
        (
            "main_test.go",
            r#"package main
import "net/http"
func TestX() { http.HandleFunc("/only-in-tests", nil) }"#,
        ),
    ]);
    assert!(a.endpoints.is_empty());
}

#[test]
fn calls_through_reexports_namespaces_and_request_wrappers() {
    let a = analyse(&[
        ("go.mod", GO_MOD),
        (
            "main.go",
            r#"package main
import "net/http"
func main() {
    http.HandleFunc("POST /api/login", nil)
    http.HandleFunc("GET /api/users/{id}", nil)
}"#,
        ),
        ("web/package.json", r#"{"name":"web"}"#),
        ("web/.env.development", "VITE_API_BASE=/api\n"),
        (
            "web/src/utils/request.ts",
            r#"import axios from 'axios'
const service = axios.create({ baseURL: import.meta.env.VITE_API_BASE })
export default function request(config: any) { return service(config) }"#,
        ),
        (
            "web/src/utils/index.ts",
            "export { default as request } from './request'\n",
        ),
        (
            "web/src/api/user.js",
            r#"import { request } from '@/utils'
export function login(data) { return request({ url: '/login', method: 'post', data }) }
export function getUser(id) { return request({ url: '/users/' + id, method: 'get' }) }
export function logout() { return request({ url: '/logout', method: 'post' }) }"#,
        ),
        (
            "web/src/views/a.ts",
            r#"import * as api from '../api/user'
export const x = api.login"#,
        ),
    ]);
    let seen = call_statuses(&a);
    assert_eq!(
        seen,
        [
            "GET /api/users/{id} linked",
            "POST /api/login linked",
            "POST /api/logout no-route"
        ]
    );
}

/// A function whose parameters fill only the query string makes a real
/// call (its path is fixed); one whose parameter is the path is a wrapper,
/// and its callers make the calls.
#[test]
fn query_string_parameters_do_not_make_a_wrapper() {
    let a = analyse(&[
        ("go.mod", GO_MOD),
        (
            "main.go",
            r#"package main
import "net/http"
func main() {
    http.HandleFunc("GET /api/v1/contracts", nil)
    http.HandleFunc("GET /api/v1/teams", nil)
}"#,
        ),
        ("web/package.json", r#"{"name":"web"}"#),
        (
            "web/src/api/contracts.ts",
            r#"export async function listContracts(q = '', page = 1) {
  const res = await fetch(`/api/v1/contract?q=${encodeURIComponent(q)}&page=${page}`, { headers: { Accept: 'application/json' } })
  return res.json()
}
export async function listTeams(sort: string) {
  const res = await fetch(`/api/v1/teams#${sort}`)
  return res.json()
}
export function get(path: string) {
  return fetch(`/api/v1${path}?x=1`)
}
export const t = () => get('/teams')"#,
        ),
    ]);
    let seen = call_statuses(&a);
    assert_eq!(
        seen,
        [
            "GET /api/v1/contract no-route",
            "GET /api/v1/teams linked",
            "GET /api/v1/teams linked"
        ]
    );
}
