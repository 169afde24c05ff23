//! String keys `http.Header` maps are indexed with (HTTP007): `r.Header["x"]`,
//! `w.Header()["x"] = v`, `h[key]` with `h := http.Header{}`, keys of
//! `http.Header{...}` literals, `delete(h, "x")`. Which values are headers
//! is worked out per function from declared types and well-known
//! constructors (no type checker): requests, responses, response writers,
//! recorders, gin and echo contexts, and locals derived from them.

use rustc_hash::FxHashMap as HashMap;

use super::tree::Node;

use super::syntax::{field, named_children, string_value};
use super::types::{named_of, FileCtx};
use crate::model::{Framework, GoTypeExpr, HeaderKeyAccess, HeaderKeyUse};

/// What a name holds, as far as headers go.
#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Header,
    Request,
    Response,
    Writer,
    /// `*httptest.ResponseRecorder`.
    Recorder,
    Client,
    Gin,
    Echo,
    /// A string constant.
    Const(String),
    /// Anything else (shadows what the name meant outside).
    Other,
}

struct Walker<'c, 'a> {
    ctx: &'c FileCtx<'a>,
    scopes: Vec<HashMap<String, Kind>>,
    out: Vec<HeaderKeyUse>,
}

pub fn extract(ctx: &FileCtx, root: Node) -> Vec<HeaderKeyUse> {
    // Without these imports no value of the file is known to be a header map.
    let relevant = ctx.imports.values().any(|p| {
        matches!(p.as_str(), "net/http" | "net/http/httptest")
            || Framework::of_import(p)
                .is_some_and(|f| matches!(f, Framework::Gin | Framework::Echo))
    });
    if !relevant {
        return Vec::new();
    }
    let mut w = Walker {
        ctx,
        scopes: vec![HashMap::default()],
        out: Vec::new(),
    };
    // Package-level string constants of the file.
    for n in named_children(root) {
        if n.kind() == "const_declaration" {
            w.declare(n);
        }
    }
    w.walk(root);
    w.out.sort_by_key(|u| (u.origin.start, u.origin.end));
    w.out.dedup();
    w.out
}

/// The header-relevant kind of a type.
fn kind_of_type(ty: &GoTypeExpr) -> Kind {
    let Some((pkg, name)) = named_of(ty) else {
        return Kind::Other;
    };
    match (pkg, name) {
        ("net/http", "Header") => Kind::Header,
        ("net/http", "Request") => Kind::Request,
        ("net/http", "Response") => Kind::Response,
        ("net/http", "ResponseWriter") => Kind::Writer,
        ("net/http", "Client") => Kind::Client,
        ("net/http/httptest", "ResponseRecorder") => Kind::Recorder,
        ("github.com/gin-gonic/gin", "Context") => Kind::Gin,
        (p, "Context") if Framework::of_import(p) == Some(Framework::Echo) => Kind::Echo,
        _ => Kind::Other,
    }
}

impl<'c, 'a> Walker<'c, 'a> {
    fn text(&self, n: Node) -> &'a str {
        self.ctx.text(n)
    }

    fn lookup(&self, name: &str) -> Option<&Kind> {
        self.scopes.iter().rev().find_map(|s| s.get(name))
    }

    fn bind(&mut self, name: &str, kind: Kind) {
        if name == "_" {
            return;
        }
        if let Some(s) = self.scopes.last_mut() {
            s.insert(name.to_string(), kind);
        }
    }

    /// The import path an identifier names, unless a local shadows it.
    fn pkg(&self, n: Node) -> Option<&'c str> {
        if n.kind() != "identifier" || self.lookup(self.text(n)).is_some() {
            return None;
        }
        self.ctx.import(self.text(n))
    }

    fn walk(&mut self, n: Node<'a>) {
        match n.kind() {
            "function_declaration" | "method_declaration" | "func_literal" => {
                self.function(n);
                return;
            }
            "short_var_declaration" | "assignment_statement" => {
                let (left, right) = (field(n, "left"), field(n, "right"));
                if let Some(r) = right {
                    self.walk(r);
                }
                if let Some(l) = left {
                    for target in named_children(l) {
                        if target.kind() == "index_expression" {
                            self.index(target, HeaderKeyAccess::Write);
                            // `h[k1][0]`, `h[f(r.Header["x"])]`: reads inside.
                            for c in named_children(target) {
                                self.walk(c);
                            }
                        } else if target.kind() != "identifier" {
                            self.walk(target);
                        }
                    }
                }
                if n.kind() == "short_var_declaration"
                    || field(n, "operator").is_some_and(|o| self.text(o) == "=")
                {
                    self.bind_list(left, right);
                }
                return;
            }
            "var_spec" | "const_spec" => {
                if let Some(v) = field(n, "value") {
                    self.walk(v);
                }
                self.spec(n);
                return;
            }
            "index_expression" => self.index(n, HeaderKeyAccess::Read),
            "composite_literal" => self.literal(n),
            "call_expression" => self.delete(n),
            // Leaves and literals hold no index expression.
            "identifier"
            | "field_identifier"
            | "package_identifier"
            | "type_identifier"
            | "interpreted_string_literal"
            | "raw_string_literal"
            | "int_literal"
            | "comment" => return,
            _ => {}
        }
        for c in n.named_children() {
            self.walk(c);
        }
    }

    fn function(&mut self, n: Node<'a>) {
        self.scopes.push(HashMap::default());
        for list in [field(n, "receiver"), field(n, "parameters")]
            .into_iter()
            .flatten()
        {
            for decl in named_children(list) {
                let Some(ty) = field(decl, "type") else {
                    continue;
                };
                let kind = kind_of_type(&self.ctx.type_expr(ty));
                let names: Vec<Node> = decl.children_by_field_name("name").collect();
                for name in names {
                    self.bind(self.text(name), kind.clone());
                }
            }
        }
        if let Some(body) = field(n, "body") {
            self.walk(body);
        }
        self.scopes.pop();
    }

    /// Package-level `const` declarations (before the walk).
    fn declare(&mut self, decl: Node<'a>) {
        let mut stack = vec![decl];
        while let Some(n) = stack.pop() {
            if n.kind() == "const_spec" {
                self.spec(n);
            } else {
                stack.extend(named_children(n));
            }
        }
    }

    fn spec(&mut self, spec: Node<'a>) {
        let ty = field(spec, "type").map(|t| kind_of_type(&self.ctx.type_expr(t)));
        let values = field(spec, "value").map(named_children).unwrap_or_default();
        let names: Vec<Node> = spec.children_by_field_name("name").collect();
        for (i, name) in names.iter().enumerate() {
            let kind = match (values.get(i), &ty) {
                (Some(v), _) if values.len() == names.len() => {
                    if spec.kind() == "const_spec" {
                        string_value(*v, self.ctx.src)
                            .map(Kind::Const)
                            .unwrap_or(Kind::Other)
                    } else {
                        self.kind(*v)
                    }
                }
                (_, Some(t)) => t.clone(),
                _ => Kind::Other,
            };
            self.bind(self.text(*name), kind);
        }
    }

    fn bind_list(&mut self, left: Option<Node<'a>>, right: Option<Node<'a>>) {
        let (Some(left), Some(right)) = (left, right) else {
            return;
        };
        let names = named_children(left);
        let values = named_children(right);
        for (i, n) in names.iter().enumerate() {
            if n.kind() != "identifier" {
                continue;
            }
            let kind = match (values.len() == names.len(), values.first()) {
                (true, _) => self.kind(values[i]),
                // `req, err := http.NewRequest(...)`: the first result.
                (false, Some(v)) if i == 0 => self.kind(*v),
                _ => Kind::Other,
            };
            self.bind(self.text(*n), kind);
        }
    }

    /// What an expression evaluates to.
    fn kind(&self, v: Node) -> Kind {
        match v.kind() {
            "identifier" => self.lookup(self.text(v)).cloned().unwrap_or(Kind::Other),
            "parenthesized_expression" => v.named_child(0).map_or(Kind::Other, |x| self.kind(x)),
            "unary_expression" => field(v, "operand").map_or(Kind::Other, |x| self.kind(x)),
            "composite_literal" => field(v, "type")
                .map(|t| kind_of_type(&self.ctx.type_expr(t)))
                .unwrap_or(Kind::Other),
            "selector_expression" => self.selector_kind(v),
            "call_expression" => self.call_kind(v),
            _ => Kind::Other,
        }
    }

    /// `r.Header`, `c.Request`, `http.DefaultClient`, `rec.HeaderMap`.
    fn selector_kind(&self, v: Node) -> Kind {
        let (Some(o), Some(f)) = (field(v, "operand"), field(v, "field")) else {
            return Kind::Other;
        };
        let name = self.text(f);
        if let Some(pkg) = self.pkg(o) {
            return match (pkg, name) {
                ("net/http", "DefaultClient") => Kind::Client,
                _ => Kind::Other,
            };
        }
        match (self.kind(o), name) {
            (Kind::Request | Kind::Response, "Header" | "Trailer") => Kind::Header,
            (Kind::Recorder, "HeaderMap") => Kind::Header,
            (Kind::Gin, "Request") | (Kind::Response, "Request") => Kind::Request,
            (Kind::Gin, "Writer") => Kind::Writer,
            (Kind::Request, "Response") => Kind::Response,
            _ => Kind::Other,
        }
    }

    fn call_kind(&self, v: Node) -> Kind {
        let Some(f) = field(v, "function") else {
            return Kind::Other;
        };
        let args = field(v, "arguments")
            .map(named_children)
            .unwrap_or_default();
        if f.kind() == "identifier" && self.text(f) == "make" && self.lookup("make").is_none() {
            return args
                .first()
                .map(|t| kind_of_type(&self.ctx.type_expr(*t)))
                .filter(|k| *k == Kind::Header)
                .unwrap_or(Kind::Other);
        }
        if f.kind() != "selector_expression" {
            return Kind::Other;
        }
        let (Some(o), Some(m)) = (field(f, "operand"), field(f, "field")) else {
            return Kind::Other;
        };
        let name = self.text(m);
        if let Some(pkg) = self.pkg(o) {
            return match (pkg, name) {
                ("net/http", "Header") => Kind::Header,
                ("net/http", "NewRequest" | "NewRequestWithContext") => Kind::Request,
                ("net/http", "Get" | "Head" | "Post" | "PostForm") => Kind::Response,
                ("net/http/httptest", "NewRequest" | "NewRequestWithContext") => Kind::Request,
                ("net/http/httptest", "NewRecorder") => Kind::Recorder,
                _ => Kind::Other,
            };
        }
        match (self.kind(o), name) {
            (Kind::Writer | Kind::Recorder, "Header") => Kind::Header,
            (Kind::Header, "Clone") => Kind::Header,
            (Kind::Request, "Clone" | "WithContext") => Kind::Request,
            (Kind::Recorder, "Result") => Kind::Response,
            (Kind::Client, "Do" | "Get" | "Head" | "Post" | "PostForm") => Kind::Response,
            (Kind::Echo, "Request") => Kind::Request,
            // echo's `*Response` has `Header()` like a writer.
            (Kind::Echo, "Response") => Kind::Writer,
            _ => Kind::Other,
        }
    }

    /// The string a key expression stands for: a literal or a constant.
    fn key(&self, n: Node) -> Option<String> {
        if let Some(s) = string_value(n, self.ctx.src) {
            return Some(s);
        }
        match n.kind() {
            "identifier" => match self.lookup(self.text(n)) {
                Some(Kind::Const(s)) => Some(s.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    fn index(&mut self, n: Node, access: HeaderKeyAccess) {
        let (Some(operand), Some(index)) = (field(n, "operand"), field(n, "index")) else {
            return;
        };
        if self.kind(operand) != Kind::Header {
            return;
        }
        if let Some(key) = self.key(index) {
            self.out.push(HeaderKeyUse {
                key,
                access,
                origin: self.ctx.origin(n),
            });
        }
    }

    /// `http.Header{"x-id": {"1"}}`: every string key is a write.
    fn literal(&mut self, n: Node) {
        let Some(t) = field(n, "type") else { return };
        if kind_of_type(&self.ctx.type_expr(t)) != Kind::Header {
            return;
        }
        let Some(body) = field(n, "body") else { return };
        for el in named_children(body) {
            if el.kind() != "keyed_element" {
                continue;
            }
            let Some(k) = el.named_child(0) else { continue };
            let k = k
                .named_child(0)
                .filter(|_| k.kind() == "literal_element")
                .unwrap_or(k);
            if let Some(key) = self.key(k) {
                self.out.push(HeaderKeyUse {
                    key,
                    access: HeaderKeyAccess::Write,
                    origin: self.ctx.origin(el),
                });
            }
        }
    }

    /// `delete(h, "x-id")`: looks the key up like a read.
    fn delete(&mut self, call: Node) {
        let Some(f) = field(call, "function") else {
            return;
        };
        if f.kind() != "identifier" || self.text(f) != "delete" || self.lookup("delete").is_some() {
            return;
        }
        let args = field(call, "arguments")
            .map(named_children)
            .unwrap_or_default();
        if let (Some(m), Some(k)) = (args.first(), args.get(1)) {
            if self.kind(*m) == Kind::Header {
                if let Some(key) = self.key(*k) {
                    self.out.push(HeaderKeyUse {
                        key,
                        access: HeaderKeyAccess::Read,
                        origin: self.ctx.origin(call),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::HeaderKeyAccess::{Read, Write};

    fn keys(src: &str) -> Vec<(String, crate::model::HeaderKeyAccess, u32)> {
        let facts = super::super::analyze("x.go", src.as_bytes());
        facts
            .go
            .unwrap_or_default()
            .header_keys
            .into_iter()
            .map(|k| (k.key, k.access, k.origin.line))
            .collect()
    }

    #[test]
    fn header_maps_from_types_constructors_and_frameworks() {
        let src = r#"package p

import (
	"net/http"
	"net/http/httptest"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

const reqID = "x-request-id"

func h(w http.ResponseWriter, r *http.Request) {
	_ = r.Header["x-request-id"]
	w.Header()["content-type"] = []string{"a"}
	hdr := w.Header()
	_ = hdr[reqID]
	var m map[string][]string
	_ = m["foo"]
	req, _ := http.NewRequest("GET", "/", nil)
	_ = req.Header["accept"]
	rec := httptest.NewRecorder()
	_ = rec.Result().Header["etag"]
	h2 := http.Header{"x-a": {"1"}, "X-B": nil}
	delete(h2, "x-c")
	go func() { _ = r.Header["y"] }()
}

func g(c *gin.Context) { _ = c.Request.Header["g"] }

func e(c echo.Context) error { _ = c.Request().Header["e"]; return nil }
"#;
        let got = keys(src);
        let want = vec![
            ("x-request-id".to_string(), Read, 14),
            ("content-type".into(), Write, 15),
            ("x-request-id".into(), Read, 17),
            ("accept".into(), Read, 21),
            ("etag".into(), Read, 23),
            ("x-a".into(), Write, 24),
            ("X-B".into(), Write, 24),
            ("x-c".into(), Read, 25),
            ("y".into(), Read, 26),
            ("g".into(), Read, 29),
            ("e".into(), Read, 31),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn shadowed_names_and_plain_maps_are_not_headers() {
        let src = r#"package p

import htp "net/http"

func fn(r *htp.Request) {
	h := htp.Header{}
	htp := 1
	_ = htp
	const hdr = "foo"
	_ = h[hdr]
	r := map[string]string{}
	_ = r["foo"]
}
"#;
        assert_eq!(keys(src), vec![("foo".to_string(), Read, 10)]);
    }
}
