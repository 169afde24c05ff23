//! The CORS policies on an endpoint's route: library middleware installed
//! directly (`r.Use(cors.New(cfg))`, `c.Handler(mux)`: a `cors@<offset>`
//! middleware key), a middleware function of the module that builds one
//! (`r.Use(corsMiddleware())` returning `cors.New(cfg)`), and middleware
//! writing `Access-Control-Allow-*` itself (hand-written).

use super::Analysis;
use crate::model::{
    header_list, AllowedHeaders, CorsLibrary, CorsPolicy, Endpoint, GoFunc, HandlerBody,
};

/// The policies answering preflights for `e`, in middleware order.
pub fn policies(a: &Analysis, e: &Endpoint) -> Vec<CorsPolicy> {
    let mut out = Vec::new();
    for key in &e.middleware {
        let Some(go) = a.file(&key.path).and_then(|f| f.go.as_ref()) else {
            continue;
        };
        if let Some(offset) = key.cors_offset() {
            out.extend(go.cors.iter().filter(|p| p.origin.start == offset).cloned());
            continue;
        }
        if let Some(f) = go.funcs.iter().find(|f| key_name(f) == key.name) {
            out.extend(
                go.cors
                    .iter()
                    .filter(|p| p.origin.start >= f.span.0 && p.origin.end <= f.span.1)
                    .cloned(),
            );
        }
        if let Some(p) = a.handlers.get(key).and_then(hand_written) {
            out.push(p);
        }
    }
    out.dedup();
    out
}

/// The name a function has in a [`FuncKey`].
fn key_name(f: &GoFunc) -> String {
    match &f.recv {
        Some(r) => format!("{r}.{}", f.name),
        None => f.name.clone(),
    }
}

/// A middleware writing `Access-Control-Allow-Origin` or
/// `Access-Control-Allow-Headers`: the names it allows (none when it writes
/// no `Access-Control-Allow-Headers`, unknown when the value is computed).
pub fn hand_written(body: &HandlerBody) -> Option<CorsPolicy> {
    let is = |n: &str, want: &str| n.eq_ignore_ascii_case(want);
    let allow: Vec<_> = body
        .header_writes
        .iter()
        .filter(|w| is(&w.name, "Access-Control-Allow-Headers"))
        .collect();
    let origin = allow.first().copied().or_else(|| {
        body.header_writes
            .iter()
            .find(|w| is(&w.name, "Access-Control-Allow-Origin"))
    })?;
    let headers = if allow.iter().any(|w| w.value.is_none()) {
        AllowedHeaders::Unknown
    } else {
        AllowedHeaders::List(
            allow
                .iter()
                .flat_map(|w| header_list(w.value.as_deref().unwrap_or("")))
                .map(str::to_string)
                .collect(),
        )
    };
    Some(CorsPolicy {
        library: CorsLibrary::HandWritten,
        headers,
        default_headers: allow.is_empty(),
        origin: origin.origin.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::frontends;
    use crate::link::link;
    use crate::walk::classify;

    /// Per endpoint (`METHOD path`): the libraries and headers of its policies.
    fn route_policies(files: &[(&str, &str)]) -> Vec<(String, Vec<(CorsLibrary, AllowedHeaders)>)> {
        let facts = files
            .iter()
            .map(|(p, t)| frontends::analyze(p, classify(p).expect("kind"), t.as_bytes()))
            .collect();
        let a = link(facts, &Config::default());
        let mut v: Vec<_> = a
            .endpoints
            .iter()
            .map(|e| {
                let ps = policies(&a, e)
                    .into_iter()
                    .map(|p| (p.library, p.headers))
                    .collect();
                (e.display(), ps)
            })
            .collect();
        v.sort_by(|x, y| x.0.cmp(&y.0));
        v
    }

    const GO_MOD: &str = "module example.com/app\n\ngo 1.22\n";

    fn list(v: &[&str]) -> AllowedHeaders {
        AllowedHeaders::List(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn net_http_mux_wrapped_by_a_library_and_by_a_module_function() {
        let got = route_policies(&[
            ("go.mod", GO_MOD),
            (
                "main.go",
                r#"package main
import (
    "net/http"
    "github.com/rs/cors"
)
func main() {
    mux := http.NewServeMux()
    mux.HandleFunc("GET /a", a)
    c := cors.New(cors.Options{AllowedHeaders: []string{"Content-Type"}})
    http.ListenAndServe(":8080", c.Handler(mux))
    admin := http.NewServeMux()
    admin.HandleFunc("GET /b", a)
    http.ListenAndServe(":8081", withCORS(admin))
    plain := http.NewServeMux()
    plain.HandleFunc("GET /c", a)
    http.ListenAndServe(":8082", plain)
}
func a(w http.ResponseWriter, r *http.Request) {}
func withCORS(next http.Handler) http.Handler {
    return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
        w.Header().Set("Access-Control-Allow-Origin", "https://shop.example.com")
        w.Header().Set("Access-Control-Allow-Headers", "Content-Type, X-Request-ID")
        next.ServeHTTP(w, r)
    })
}"#,
            ),
        ]);
        assert_eq!(
            got,
            vec![
                (
                    "GET /a".into(),
                    vec![(CorsLibrary::RsCors, list(&["Content-Type"]))]
                ),
                (
                    "GET /b".into(),
                    vec![(
                        CorsLibrary::HandWritten,
                        list(&["Content-Type", "X-Request-ID"])
                    )]
                ),
                ("GET /c".into(), vec![]),
            ]
        );
    }

    #[test]
    fn gin_echo_and_chi_middleware_including_mounts_and_factories() {
        let got = route_policies(&[
            ("go.mod", GO_MOD),
            (
                "gin.go",
                r#"package main
import (
    "github.com/gin-contrib/cors"
    "github.com/gin-gonic/gin"
)
func ginApp() *gin.Engine {
    r := gin.New()
    r.Use(corsMiddleware())
    r.GET("/g", h)
    return r
}
func corsMiddleware() gin.HandlerFunc {
    config := cors.DefaultConfig()
    config.AddAllowHeaders("Authorization")
    return cors.New(config)
}
func h(c *gin.Context) {}"#,
            ),
            (
                "echo.go",
                r#"package main
import (
    "github.com/labstack/echo/v4"
    "github.com/labstack/echo/v4/middleware"
)
func echoApp() *echo.Echo {
    e := echo.New()
    e.Use(middleware.CORSWithConfig(middleware.CORSConfig{AllowHeaders: []string{echo.HeaderXRequestID}}))
    e.GET("/e", eh)
    return e
}
func eh(c echo.Context) error { return nil }"#,
            ),
            (
                "chi.go",
                r#"package main
import (
    "net/http"
    "github.com/go-chi/chi/v5"
    "github.com/go-chi/cors"
)
func chiApp() http.Handler {
    r := chi.NewRouter()
    r.Use(cors.Handler(cors.Options{AllowedHeaders: []string{"*"}}))
    r.Mount("/api", api())
    return r
}
func api() http.Handler {
    r := chi.NewRouter()
    r.Get("/x", ch)
    return r
}
func ch(w http.ResponseWriter, r *http.Request) {}"#,
            ),
        ]);
        assert_eq!(
            got,
            vec![
                (
                    "GET /api/x".into(),
                    vec![(CorsLibrary::GoChiCors, AllowedHeaders::Any)]
                ),
                (
                    "GET /e".into(),
                    vec![(CorsLibrary::Echo, list(&["X-Request-Id"]))]
                ),
                (
                    "GET /g".into(),
                    vec![(
                        CorsLibrary::GinContrib,
                        list(&["Origin", "Content-Length", "Content-Type", "Authorization"])
                    )]
                ),
            ]
        );
    }
}
