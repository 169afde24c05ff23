//! CORS policies built with a library: rs/cors, go-chi/cors,
//! gin-contrib/cors and echo's middleware. Each constructor call
//! (`cors.New(opts)`, `cors.Default()`, `middleware.CORSWithConfig(cfg)`)
//! becomes a [`CorsPolicy`] keyed by its byte offset; `routes` refers to it
//! where the middleware is installed. Option values are followed through
//! locals of the function (`config := cors.DefaultConfig()`,
//! `config.AllowHeaders = append(...)`, `config.AddAllowHeaders(...)`).
//!
//! What each library allows when the code gives no header list, and what it
//! does with `*` (read from their sources):
//! - rs/cors: `Accept, Content-Type, X-Requested-With`; `*` echoes the
//!   requested headers back, so every header passes (`AllowAll()` too).
//! - go-chi/cors: `Origin, Accept, Content-Type`, and `Origin` is added to
//!   any list; `*` echoes like rs/cors.
//! - gin-contrib/cors: a `Config` without `AllowHeaders` sends no
//!   `Access-Control-Allow-Headers`; `DefaultConfig()` / `Default()` allow
//!   `Origin, Content-Length, Content-Type`; a `*` is sent as written (the
//!   Fetch wildcard).
//! - echo: no list echoes the requested headers back (`CORS()`,
//!   `DefaultCORSConfig`); a list is sent as written, `*` included.

use rustc_hash::FxHashMap as HashMap;

use super::tree::Node;

use super::syntax::{field, named_children, string_value};
use super::types::FileCtx;
use crate::model::{AllowedHeaders, CorsLibrary, CorsPolicy, Framework};

/// The CORS library an import path is.
pub fn library(pkg: &str) -> Option<CorsLibrary> {
    match pkg {
        "github.com/rs/cors" => Some(CorsLibrary::RsCors),
        "github.com/go-chi/cors" => Some(CorsLibrary::GoChiCors),
        "github.com/gin-contrib/cors" => Some(CorsLibrary::GinContrib),
        "github.com/labstack/echo/middleware"
        | "github.com/labstack/echo/v4/middleware"
        | "github.com/labstack/echo/v5/middleware" => Some(CorsLibrary::Echo),
        _ => None,
    }
}

/// Does `pkg.name(...)` build a CORS middleware?
pub fn constructor(pkg: &str, name: &str) -> bool {
    match library(pkg) {
        Some(CorsLibrary::RsCors) => matches!(name, "New" | "Default" | "AllowAll"),
        Some(CorsLibrary::GoChiCors) => matches!(name, "New" | "Handler" | "AllowAll"),
        Some(CorsLibrary::GinContrib) => matches!(name, "New" | "Default"),
        Some(CorsLibrary::Echo) => matches!(name, "CORS" | "CORSWithConfig"),
        _ => false,
    }
}

/// A header list as the code builds it.
#[derive(Clone, Debug, PartialEq)]
enum List {
    Names(Vec<String>),
    Unknown,
}

impl List {
    fn extend(self, more: List) -> List {
        match (self, more) {
            (List::Names(mut a), List::Names(b)) => {
                a.extend(b);
                List::Names(a)
            }
            _ => List::Unknown,
        }
    }
}

/// An options value: its library and header list (`None`: not set).
#[derive(Clone, Debug, PartialEq)]
struct Options {
    lib: CorsLibrary,
    headers: Option<List>,
    /// `headers` are the library's defaults, unchanged.
    defaulted: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum Local {
    Options(Options),
    List(List),
}

struct Walker<'c, 'a> {
    ctx: &'c FileCtx<'a>,
    env: HashMap<String, Local>,
    out: Vec<CorsPolicy>,
}

pub fn extract(ctx: &FileCtx, root: Node) -> Vec<CorsPolicy> {
    if !ctx.imports.values().any(|p| library(p).is_some()) {
        return Vec::new();
    }
    let mut w = Walker {
        ctx,
        env: HashMap::default(),
        out: Vec::new(),
    };
    // Package-level option values and header lists first.
    for n in named_children(root) {
        if n.kind() == "var_declaration" {
            w.walk(n);
        }
    }
    let globals = w.env.clone();
    for n in named_children(root) {
        if matches!(n.kind(), "function_declaration" | "method_declaration") {
            w.env = globals.clone();
            w.walk(n);
        }
    }
    w.out.sort_by_key(|p| p.origin.start);
    w.out.dedup_by_key(|p| p.origin.start);
    w.out
}

/// The library defaults.
fn default_names(lib: CorsLibrary) -> &'static [&'static str] {
    match lib {
        CorsLibrary::RsCors => &["Accept", "Content-Type", "X-Requested-With"],
        CorsLibrary::GoChiCors => &["Origin", "Accept", "Content-Type"],
        CorsLibrary::GinContrib => &["Origin", "Content-Length", "Content-Type"],
        CorsLibrary::Echo | CorsLibrary::HandWritten => &[],
    }
}

fn names(v: &[&str]) -> List {
    List::Names(v.iter().map(|s| s.to_string()).collect())
}

/// The policy a library builds from options.
fn policy(opts: &Options, origin: crate::model::Origin) -> CorsPolicy {
    let lib = opts.lib;
    let given = match &opts.headers {
        Some(List::Names(v)) if v.is_empty() => None,
        other => other.clone(),
    };
    let headers = match (lib, given) {
        (_, Some(List::Unknown)) => AllowedHeaders::Unknown,
        (CorsLibrary::RsCors | CorsLibrary::GoChiCors, Some(List::Names(v)))
            if v.iter().any(|n| n == "*") =>
        {
            AllowedHeaders::Any
        }
        (CorsLibrary::GoChiCors, Some(List::Names(mut v))) => {
            v.push("Origin".into());
            AllowedHeaders::List(v)
        }
        (_, Some(List::Names(v))) => AllowedHeaders::List(v),
        (CorsLibrary::Echo, None) => AllowedHeaders::Any,
        (CorsLibrary::GinContrib, None) => AllowedHeaders::List(Vec::new()),
        (lib, None) => {
            AllowedHeaders::List(default_names(lib).iter().map(|s| s.to_string()).collect())
        }
    };
    CorsPolicy {
        library: lib,
        default_headers: opts.headers.is_none() || opts.defaulted,
        headers,
        origin,
    }
}

impl<'c, 'a> Walker<'c, 'a> {
    fn text(&self, n: Node) -> &'a str {
        self.ctx.text(n)
    }

    fn pkg(&self, n: Node) -> Option<&'c str> {
        if n.kind() != "identifier" || self.env.contains_key(self.text(n)) {
            return None;
        }
        self.ctx.import(self.text(n))
    }

    /// `pkg.Name` of a selector whose operand is an import.
    fn qualified(&self, n: Node) -> Option<(&'c str, &'a str)> {
        if n.kind() != "selector_expression" {
            return None;
        }
        Some((
            self.pkg(field(n, "operand")?)?,
            self.text(field(n, "field")?),
        ))
    }

    fn walk(&mut self, n: Node<'a>) {
        match n.kind() {
            "short_var_declaration" | "assignment_statement" => {
                if let Some(r) = field(n, "right") {
                    self.walk(r);
                }
                self.assign(field(n, "left"), field(n, "right"));
                return;
            }
            "var_spec" => {
                if let Some(v) = field(n, "value") {
                    self.walk(v);
                }
                self.assign(field(n, "name").map(|_| n), field(n, "value"));
                return;
            }
            "call_expression" => self.call(n),
            _ => {}
        }
        for c in named_children(n) {
            self.walk(c);
        }
    }

    /// Binds names to option values and applies field assignments.
    fn assign(&mut self, left: Option<Node<'a>>, right: Option<Node<'a>>) {
        let (Some(left), Some(right)) = (left, right) else {
            return;
        };
        let names: Vec<Node> = if left.kind() == "var_spec" {
            left.children_by_field_name("name").collect()
        } else {
            named_children(left)
        };
        let values = named_children(right);
        if names.len() != values.len() {
            return;
        }
        for (n, v) in names.into_iter().zip(values) {
            match n.kind() {
                "identifier" => {
                    let name = self.text(n).to_string();
                    match self.local(v) {
                        Some(l) => self.env.insert(name, l),
                        None => self.env.remove(&name),
                    };
                }
                // `config.AllowHeaders = append(config.AllowHeaders, "X")`.
                "selector_expression" => {
                    let (Some(o), Some(f)) = (field(n, "operand"), field(n, "field")) else {
                        continue;
                    };
                    if !matches!(self.text(f), "AllowHeaders" | "AllowedHeaders") {
                        continue;
                    }
                    let list = self.list(v);
                    if let Some(Local::Options(opts)) = self.env.get_mut(self.text(o)) {
                        opts.headers = Some(list);
                        opts.defaulted = false;
                    }
                }
                _ => {}
            }
        }
    }

    /// What a value bound to a name is.
    fn local(&self, v: Node) -> Option<Local> {
        if let Some(o) = self.options(v) {
            return Some(Local::Options(o));
        }
        match v.kind() {
            "composite_literal" | "call_expression" => match self.list(v) {
                List::Unknown => None,
                l => Some(Local::List(l)),
            },
            _ => None,
        }
    }

    /// An options value: a literal, a library default, a local holding one.
    fn options(&self, v: Node) -> Option<Options> {
        match v.kind() {
            "parenthesized_expression" => self.options(v.named_child(0)?),
            "unary_expression" => self.options(field(v, "operand")?),
            "identifier" => match self.env.get(self.text(v)) {
                Some(Local::Options(o)) => Some(o.clone()),
                _ => None,
            },
            // `middleware.DefaultCORSConfig`
            "selector_expression" => {
                let (pkg, name) = self.qualified(v)?;
                (library(pkg)? == CorsLibrary::Echo && name == "DefaultCORSConfig").then_some(
                    Options {
                        lib: CorsLibrary::Echo,
                        headers: None,
                        defaulted: true,
                    },
                )
            }
            // `cors.DefaultConfig()`
            "call_expression" => {
                let (pkg, name) = self.qualified(field(v, "function")?)?;
                (library(pkg)? == CorsLibrary::GinContrib && name == "DefaultConfig").then(|| {
                    Options {
                        lib: CorsLibrary::GinContrib,
                        headers: Some(names(default_names(CorsLibrary::GinContrib))),
                        defaulted: true,
                    }
                })
            }
            "composite_literal" => {
                let (pkg, ty) = self.qualified_type(field(v, "type")?)?;
                let lib = library(pkg)?;
                if !matches!(ty, "Options" | "Config" | "CORSConfig") {
                    return None;
                }
                let mut headers = None;
                for el in named_children(field(v, "body")?) {
                    if el.kind() != "keyed_element" {
                        continue;
                    }
                    let (Some(k), Some(val)) = (el.named_child(0), el.named_child(1)) else {
                        continue;
                    };
                    let val = val.named_child(0).unwrap_or(val);
                    if matches!(self.text(k).trim(), "AllowHeaders" | "AllowedHeaders") {
                        headers = Some(self.list(val));
                    }
                }
                Some(Options {
                    lib,
                    headers,
                    defaulted: false,
                })
            }
            _ => None,
        }
    }

    fn qualified_type(&self, t: Node) -> Option<(&'c str, &'a str)> {
        if t.kind() != "qualified_type" {
            return None;
        }
        let pkg = self.ctx.import(self.text(field(t, "package")?))?;
        Some((pkg, self.text(field(t, "name")?)))
    }

    /// A `[]string` of header names.
    fn list(&self, v: Node) -> List {
        match v.kind() {
            "parenthesized_expression" => v.named_child(0).map_or(List::Unknown, |x| self.list(x)),
            "composite_literal" => {
                let Some(body) = field(v, "body") else {
                    return List::Unknown;
                };
                let mut out = Vec::new();
                for el in named_children(body) {
                    let el = el
                        .named_child(0)
                        .filter(|_| el.kind() == "literal_element")
                        .unwrap_or(el);
                    match self.name(el) {
                        Some(n) => out.push(n),
                        None => return List::Unknown,
                    }
                }
                List::Names(out)
            }
            "identifier" => match self.env.get(self.text(v)) {
                Some(Local::List(l)) => l.clone(),
                _ => List::Unknown,
            },
            // `config.AllowHeaders`, `cors.DefaultConfig().AllowHeaders`.
            "selector_expression" => {
                let (Some(o), Some(f)) = (field(v, "operand"), field(v, "field")) else {
                    return List::Unknown;
                };
                if !matches!(self.text(f), "AllowHeaders" | "AllowedHeaders") {
                    return List::Unknown;
                }
                match self.options(o) {
                    Some(Options {
                        headers: Some(l), ..
                    }) => l,
                    Some(Options { headers: None, .. }) => List::Names(Vec::new()),
                    None => List::Unknown,
                }
            }
            // `append(base, "X", "Y")`
            "call_expression" => {
                let is_append = field(v, "function")
                    .is_some_and(|f| self.text(f) == "append" && !self.env.contains_key("append"));
                let args = field(v, "arguments")
                    .map(named_children)
                    .unwrap_or_default();
                match (is_append, args.split_first()) {
                    (true, Some((base, rest))) => {
                        let mut l = self.list(*base);
                        for r in rest {
                            // `append(a, b...)`
                            let more = if r.kind() == "variadic_argument" {
                                r.named_child(0).map_or(List::Unknown, |x| self.list(x))
                            } else {
                                match self.name(*r) {
                                    Some(n) => List::Names(vec![n]),
                                    None => List::Unknown,
                                }
                            };
                            l = l.extend(more);
                        }
                        l
                    }
                    _ => List::Unknown,
                }
            }
            _ => List::Unknown,
        }
    }

    /// A header name: a literal or an echo `Header*` constant.
    fn name(&self, n: Node) -> Option<String> {
        if let Some(s) = string_value(n, self.ctx.src) {
            return Some(s);
        }
        let (pkg, name) = self.qualified(n)?;
        if Framework::of_import(pkg) == Some(Framework::Echo) {
            return super::echo_headers::header(name).map(str::to_string);
        }
        None
    }

    /// A constructor call: records the policy it builds; `AddAllowHeaders`
    /// updates a local config.
    fn call(&mut self, call: Node) {
        let Some(f) = field(call, "function") else {
            return;
        };
        let args = field(call, "arguments")
            .map(named_children)
            .unwrap_or_default();
        if f.kind() == "selector_expression" {
            if let (Some(o), Some(m)) = (field(f, "operand"), field(f, "field")) {
                if self.text(m) == "AddAllowHeaders" {
                    let added: List = args
                        .iter()
                        .map(|a| match self.name(*a) {
                            Some(n) => List::Names(vec![n]),
                            None => List::Unknown,
                        })
                        .fold(List::Names(Vec::new()), List::extend);
                    if let Some(Local::Options(opts)) = self.env.get_mut(self.text(o)) {
                        let base = opts.headers.take().unwrap_or(List::Names(Vec::new()));
                        opts.headers = Some(base.extend(added));
                        opts.defaulted = false;
                    }
                    return;
                }
            }
        }
        let Some((pkg, name)) = self.qualified(f) else {
            return;
        };
        if !constructor(pkg, name) {
            return;
        }
        let Some(lib) = library(pkg) else { return };
        let opts = match name {
            "Default" | "CORS" => Some(Options {
                lib,
                headers: match lib {
                    CorsLibrary::GinContrib => Some(names(default_names(lib))),
                    _ => None,
                },
                defaulted: true,
            }),
            "AllowAll" => Some(Options {
                lib,
                headers: Some(names(&["*"])),
                defaulted: false,
            }),
            _ => args.first().map(|a| {
                self.options(*a).unwrap_or(Options {
                    lib,
                    headers: Some(List::Unknown),
                    defaulted: false,
                })
            }),
        };
        if let Some(o) = opts {
            self.out.push(policy(&o, self.ctx.origin(call)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{AllowedHeaders as A, CorsLibrary as L};

    fn policies(src: &str) -> Vec<(L, A, bool)> {
        let facts = super::super::analyze("x.go", src.as_bytes());
        facts
            .go
            .unwrap_or_default()
            .cors
            .into_iter()
            .map(|p| (p.library, p.headers, p.default_headers))
            .collect()
    }

    fn list(v: &[&str]) -> A {
        A::List(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn gin_contrib_configs_follow_locals() {
        let src = r#"package p

import (
	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
)

var extra = []string{"X-Tenant"}

func setup(r *gin.Engine) {
	r.Use(cors.Default())
	config := cors.DefaultConfig()
	config.AllowHeaders = append(config.AllowHeaders, "X-Request-ID")
	config.AddAllowHeaders("Authorization")
	r.Use(cors.New(config))
	r.Use(cors.New(cors.Config{AllowOrigins: []string{"https://a"}}))
	r.Use(cors.New(cors.Config{AllowHeaders: append([]string{"*"}, extra...)}))
	r.Use(cors.New(cors.Config{AllowHeaders: headers()}))
}
"#;
        assert_eq!(
            policies(src),
            vec![
                (
                    L::GinContrib,
                    list(&["Origin", "Content-Length", "Content-Type"]),
                    true
                ),
                (
                    L::GinContrib,
                    list(&[
                        "Origin",
                        "Content-Length",
                        "Content-Type",
                        "X-Request-ID",
                        "Authorization"
                    ]),
                    false
                ),
                (L::GinContrib, list(&[]), true),
                (L::GinContrib, list(&["*", "X-Tenant"]), false),
                (L::GinContrib, A::Unknown, false),
            ]
        );
    }

    #[test]
    fn rs_cors_chi_cors_and_echo_defaults() {
        let src = r#"package p

import (
	"net/http"

	chicors "github.com/go-chi/cors"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/rs/cors"
)

func main() {
	mux := http.NewServeMux()
	_ = cors.Default().Handler(mux)
	_ = cors.AllowAll()
	c := cors.New(cors.Options{AllowedHeaders: []string{"Content-Type", "X-Api-Key"}})
	_ = c
	_ = cors.New(cors.Options{AllowedHeaders: []string{"*"}})
	_ = chicors.Handler(chicors.Options{AllowedHeaders: []string{"Authorization"}})
	e := echo.New()
	e.Use(middleware.CORS())
	e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
		AllowHeaders: []string{echo.HeaderAuthorization, echo.HeaderContentType},
	}))
}
"#;
        assert_eq!(
            policies(src),
            vec![
                (
                    L::RsCors,
                    list(&["Accept", "Content-Type", "X-Requested-With"]),
                    true
                ),
                (L::RsCors, A::Any, false),
                (L::RsCors, list(&["Content-Type", "X-Api-Key"]), false),
                (L::RsCors, A::Any, false),
                (L::GoChiCors, list(&["Authorization", "Origin"]), false),
                (L::Echo, A::Any, true),
                (L::Echo, list(&["Authorization", "Content-Type"]), false),
            ]
        );
    }
}
