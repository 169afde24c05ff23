//! What a Go function does with the HTTP exchange: how it decodes the
//! request, what it writes back (payload, content type, status), which
//! headers it reads and writes, and which helpers it hands the exchange to.
//! Covers net/http, gin and echo; one function at a time.

use rustc_hash::FxHashMap as HashMap;

use super::tree::Node;

use super::syntax::{field, is_builtin_func, named_children, string_value};
use super::types::{named_of, FileCtx};
use crate::model::{
    ContentTypeCheck, Decode, DecodeKind, FuncRef, GoParam, GoTypeExpr, HandlerBody, HeaderRead,
    HeaderWrite, HelperArg, HelperCall, Payload, Recv, ValueRef, Write,
};

/// What a name in the function stands for.
#[derive(Clone, Debug, PartialEq)]
enum Local {
    Request,
    Writer,
    Gin,
    Echo,
    /// A value of a known static type.
    Typed(GoTypeExpr),
    /// A parameter of the function (helpers pass values through these).
    Param(u32, Option<GoTypeExpr>),
    /// `b, _ := json.Marshal(v)`.
    JsonBytes(ValueRef),
    /// `res := Response{Data: data}`: a struct literal with its fields.
    Struct(ValueRef),
    /// `list, err := svc.Page(req)`: a result of a module function.
    Result(FuncRef, u32),
    /// Any other value whose type link can work out (`p := h.products[0]`).
    Value(ValueRef),
    /// `body, _ := io.ReadAll(r.Body)`.
    RawBody,
    /// `dec := json.NewDecoder(r.Body)`.
    Decoder(DecodeKind),
    /// `ct := r.Header.Get("Content-Type")`.
    ContentType,
    /// `v := r.Header.Get("X")`.
    HeaderValue(String),
}

pub struct HandlerWalker<'c, 'a> {
    ctx: &'c FileCtx<'a>,
    env: HashMap<String, Local>,
    content_type: Option<String>,
    status: Option<u16>,
    /// Inside the consequence of an `if` that tests for a missing header.
    pub out: HandlerBody,
}

/// The role a parameter type gives: request, writer, gin or echo context.
fn role_of(ty: &GoTypeExpr) -> Option<Local> {
    let (pkg, name) = named_of(ty)?;
    match (pkg, name) {
        ("net/http", "Request") => Some(Local::Request),
        ("net/http", "ResponseWriter") => Some(Local::Writer),
        ("github.com/gin-gonic/gin", "Context") => Some(Local::Gin),
        (p, "Context") if super::framework_of_import(p) == Some(crate::model::Framework::Echo) => {
            Some(Local::Echo)
        }
        _ => None,
    }
}

/// `http.StatusBadRequest` → 400.
fn status_const(name: &str) -> Option<u16> {
    Some(match name {
        "StatusOK" => 200,
        "StatusCreated" => 201,
        "StatusAccepted" => 202,
        "StatusNoContent" => 204,
        "StatusMovedPermanently" => 301,
        "StatusFound" => 302,
        "StatusSeeOther" => 303,
        "StatusNotModified" => 304,
        "StatusTemporaryRedirect" => 307,
        "StatusPermanentRedirect" => 308,
        "StatusBadRequest" => 400,
        "StatusUnauthorized" => 401,
        "StatusPaymentRequired" => 402,
        "StatusForbidden" => 403,
        "StatusNotFound" => 404,
        "StatusMethodNotAllowed" => 405,
        "StatusNotAcceptable" => 406,
        "StatusConflict" => 409,
        "StatusGone" => 410,
        "StatusPreconditionFailed" => 412,
        "StatusRequestEntityTooLarge" => 413,
        "StatusUnsupportedMediaType" => 415,
        "StatusUnprocessableEntity" => 422,
        "StatusTooManyRequests" => 429,
        "StatusInternalServerError" => 500,
        "StatusNotImplemented" => 501,
        "StatusBadGateway" => 502,
        "StatusServiceUnavailable" => 503,
        "StatusGatewayTimeout" => 504,
        _ => return None,
    })
}

fn payload_of_content_type(ct: &str) -> Payload {
    Payload::of_content_type(ct)
}

impl<'c, 'a> HandlerWalker<'c, 'a> {
    pub fn new(ctx: &'c FileCtx<'a>, recv: Option<(&str, GoTypeExpr)>, params: &[GoParam]) -> Self {
        let mut env = HashMap::default();
        if let Some((name, ty)) = recv {
            if !name.is_empty() {
                env.insert(name.to_string(), Local::Typed(ty));
            }
        }
        for (i, p) in params.iter().enumerate() {
            if p.name.is_empty() || p.name == "_" {
                continue;
            }
            let local = role_of(&p.ty).unwrap_or(Local::Param(i as u32, Some(p.ty.clone())));
            env.insert(p.name.clone(), local);
        }
        HandlerWalker {
            ctx,
            env,
            content_type: None,
            status: None,
            out: HandlerBody::default(),
        }
    }

    fn text(&self, n: Node) -> &'a str {
        self.ctx.text(n)
    }

    fn local(&self, n: Node) -> Option<&Local> {
        match n.kind() {
            "identifier" => self.env.get(self.text(n)),
            "parenthesized_expression" => self.local(n.named_child(0)?),
            _ => None,
        }
    }

    fn is(&self, n: Node, want: &Local) -> bool {
        self.local(n) == Some(want)
    }

    /// Does this expression denote the request (`r`, `c.Request`, `c.Request()`)?
    fn is_request(&self, n: Node) -> bool {
        match n.kind() {
            "identifier" | "parenthesized_expression" => self.is(n, &Local::Request),
            "selector_expression" => {
                field(n, "operand").is_some_and(|o| self.is(o, &Local::Gin))
                    && field(n, "field").is_some_and(|f| self.text(f) == "Request")
            }
            "call_expression" => field(n, "function").is_some_and(|f| {
                f.kind() == "selector_expression"
                    && field(f, "operand").is_some_and(|o| self.is(o, &Local::Echo))
                    && field(f, "field").is_some_and(|x| self.text(x) == "Request")
            }),
            _ => false,
        }
    }

    /// Does this expression denote the response writer (`w`, `c.Writer`,
    /// `c.Response()`, `c.Response().Writer`)?
    fn is_writer(&self, n: Node) -> bool {
        match n.kind() {
            "identifier" | "parenthesized_expression" => self.is(n, &Local::Writer),
            "selector_expression" => {
                let f = field(n, "field").map(|f| self.text(f));
                let o = field(n, "operand");
                f == Some("Writer")
                    && o.is_some_and(|o| self.is(o, &Local::Gin) || self.is_writer(o))
            }
            "call_expression" => field(n, "function").is_some_and(|f| {
                f.kind() == "selector_expression"
                    && field(f, "operand").is_some_and(|o| self.is(o, &Local::Echo))
                    && field(f, "field").is_some_and(|x| self.text(x) == "Response")
            }),
            _ => false,
        }
    }

    /// `r.Body` (or `c.Request.Body`).
    fn is_body(&self, n: Node) -> bool {
        n.kind() == "selector_expression"
            && field(n, "field").is_some_and(|f| self.text(f) == "Body")
            && field(n, "operand").is_some_and(|o| self.is_request(o))
    }

    /// `r.Header` of the request.
    fn is_request_header(&self, n: Node) -> bool {
        n.kind() == "selector_expression"
            && field(n, "field").is_some_and(|f| self.text(f) == "Header")
            && field(n, "operand").is_some_and(|o| self.is_request(o))
    }

    /// `w.Header()` of the response.
    fn is_response_header(&self, n: Node) -> bool {
        if n.kind() != "call_expression" {
            return false;
        }
        let Some(f) = field(n, "function") else {
            return false;
        };
        f.kind() == "selector_expression"
            && field(f, "field").is_some_and(|x| self.text(x) == "Header")
            && field(f, "operand").is_some_and(|o| self.is_writer(o))
    }

    /// The static type / parameter a value expression refers to.
    fn value_ref(&self, n: Node) -> ValueRef {
        match n.kind() {
            "unary_expression" | "parenthesized_expression" => field(n, "operand")
                .or_else(|| n.named_child(0))
                .map(|x| self.value_ref(x))
                .unwrap_or(ValueRef::Unknown),
            "identifier" => match self.env.get(self.text(n)) {
                Some(Local::Typed(ty)) => ValueRef::Type { ty: ty.clone() },
                Some(Local::Param(i, _)) => ValueRef::Param { index: *i },
                Some(Local::JsonBytes(v)) | Some(Local::Struct(v)) => v.clone(),
                Some(Local::Result(f, i)) => ValueRef::Result {
                    callee: f.clone(),
                    index: *i,
                },
                Some(Local::Value(v)) => v.clone(),
                _ => ValueRef::Unknown,
            },
            "composite_literal" => {
                let Some(t) = field(n, "type") else {
                    return ValueRef::Unknown;
                };
                let ty = self.ctx.type_expr(t);
                let fields: Vec<(String, ValueRef)> = field(n, "body")
                    .map(named_children)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|el| el.kind() == "keyed_element")
                    .filter_map(|el| {
                        let key = self.text(el.named_child(0)?).trim().to_string();
                        let v = el.named_child(1)?;
                        let v = v.named_child(0).unwrap_or(v);
                        // Unknown values are kept: they make the shape incomplete.
                        Some((key, self.value_ref(v)))
                    })
                    .collect();
                if fields.iter().all(|(_, v)| matches!(v, ValueRef::Unknown)) && fields.len() != 1 {
                    ValueRef::Type { ty }
                } else {
                    ValueRef::Struct { ty, fields }
                }
            }
            // `h.products`: a field of a typed value.
            "selector_expression" => {
                let (Some(o), Some(f)) = (field(n, "operand"), field(n, "field")) else {
                    return ValueRef::Unknown;
                };
                if self.pkg(o).is_some() {
                    return ValueRef::Unknown;
                }
                match self.value_ref(o) {
                    ValueRef::Unknown => ValueRef::Unknown,
                    base => ValueRef::Field {
                        base: Box::new(base),
                        field: self.text(f).to_string(),
                    },
                }
            }
            "index_expression" => match field(n, "operand").map(|o| self.value_ref(o)) {
                Some(ValueRef::Unknown) | None => ValueRef::Unknown,
                Some(base) => ValueRef::Elem {
                    base: Box::new(base),
                },
            },
            _ => ValueRef::Unknown,
        }
    }

    fn status_of(&self, n: Node) -> (Option<u16>, Option<u32>) {
        if n.kind() == "int_literal" {
            return (self.text(n).parse().ok(), None);
        }
        if n.kind() == "selector_expression" {
            if let Some(f) = field(n, "field") {
                return (status_const(self.text(f)), None);
            }
        }
        if let Some(Local::Param(i, _)) = self.local(n) {
            return (None, Some(*i));
        }
        (None, None)
    }

    fn push_write(
        &mut self,
        payload: Payload,
        status: (Option<u16>, Option<u32>),
        value: ValueRef,
        node: Node,
    ) {
        let code = status.0.or(self.status);
        let error = code.is_some_and(|c| c >= 400);
        self.out.writes.push(Write {
            payload,
            content_type: self.content_type.clone(),
            status: code,
            status_param: status.1,
            error,
            value,
            origin: self.ctx.origin(node),
        });
    }

    fn push_decode(&mut self, kind: DecodeKind, target: ValueRef, node: Node) {
        self.out.decodes.push(Decode {
            kind,
            target,
            origin: self.ctx.origin(node),
        });
    }

    /// A write of raw bytes through the writer: what the content type says.
    fn bytes_payload(&self, arg: Option<Node>) -> (Payload, ValueRef) {
        if let Some(Local::JsonBytes(v)) = arg.and_then(|a| self.local(a)) {
            return (Payload::Json, v.clone());
        }
        match &self.content_type {
            Some(ct) => (payload_of_content_type(ct), ValueRef::Unknown),
            None => (Payload::Sniffed, ValueRef::Unknown),
        }
    }

    pub fn walk(&mut self, node: Node<'a>) {
        match node.kind() {
            "short_var_declaration" | "assignment_statement" => {
                if let Some(r) = field(node, "right") {
                    self.walk(r);
                }
                self.header_map_writes(field(node, "left"), field(node, "right"));
                self.bind(field(node, "left"), field(node, "right"));
                return;
            }
            "var_spec" => {
                if let Some(v) = field(node, "value") {
                    self.walk(v);
                }
                let ty = field(node, "type").map(|t| self.ctx.type_expr(t));
                let names: Vec<Node> = node.children_by_field_name("name").collect();
                let values = field(node, "value").map(named_children).unwrap_or_default();
                for (i, n) in names.iter().enumerate() {
                    let local = match (values.get(i), &ty) {
                        (Some(v), _) => self.local_of(*v),
                        (None, Some(t)) => Some(Local::Typed(t.clone())),
                        _ => None,
                    };
                    let name = self.text(*n).to_string();
                    match local {
                        Some(l) => self.env.insert(name, l),
                        None => self.env.remove(&name),
                    };
                }
                return;
            }
            "if_statement" => {
                self.if_statement(node);
                return;
            }
            "range_clause" => {
                if let Some(r) = field(node, "right") {
                    self.walk(r);
                }
                self.range(node);
                return;
            }
            "call_expression" => self.call(node),
            "binary_expression" => self.comparison(node),
            "index_expression" => self.header_index(node),
            "selector_expression" => self.field_access(node),
            _ => {}
        }
        for child in node.named_children() {
            self.walk(child);
        }
    }

    /// `for i, v := range xs`: `v` is an element of `xs`.
    fn range(&mut self, clause: Node) {
        let (Some(left), Some(right)) = (field(clause, "left"), field(clause, "right")) else {
            return;
        };
        let names = named_children(left);
        if let (Some(v), base) = (names.get(1), self.value_ref(right)) {
            if v.kind() == "identifier" && base != ValueRef::Unknown {
                self.env.insert(
                    self.text(*v).to_string(),
                    Local::Value(ValueRef::Elem {
                        base: Box::new(base),
                    }),
                );
            }
        }
    }

    fn bind(&mut self, left: Option<Node>, right: Option<Node>) {
        let (Some(left), Some(right)) = (left, right) else {
            return;
        };
        let names = named_children(left);
        let values = named_children(right);
        // `total, list, err := svc.Page(req)`: each name takes a result.
        if names.len() > 1 && values.len() == 1 {
            if let Some(callee) = self.callee_of(values[0]) {
                for (i, n) in names.iter().enumerate() {
                    if n.kind() == "identifier"
                        && !matches!(self.env.get(self.text(*n)), Some(Local::Param(..)))
                    {
                        self.env.insert(
                            self.text(*n).to_string(),
                            Local::Result(callee.clone(), i as u32),
                        );
                    }
                }
                return;
            }
        }
        // `b, err := json.Marshal(v)`: the first name takes the value.
        let pairs: Vec<(Node, Node)> = if names.len() == values.len() {
            names.into_iter().zip(values).collect()
        } else if values.len() == 1 {
            names
                .first()
                .map(|n| vec![(*n, values[0])])
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        for (n, v) in pairs {
            if n.kind() != "identifier" {
                continue;
            }
            let name = self.text(n).to_string();
            // A parameter reassigned on some path (`if data == nil { data = gin.H{} }`)
            // still carries what the caller passed.
            if matches!(self.env.get(&name), Some(Local::Param(..))) {
                continue;
            }
            match self.local_of(v) {
                Some(l) => {
                    self.env.insert(name, l);
                }
                None => {
                    // A role parameter keeps its role; others become unknown.
                    if !matches!(
                        self.env.get(&name),
                        Some(Local::Request | Local::Writer | Local::Gin | Local::Echo)
                    ) {
                        self.env.remove(&name);
                    }
                }
            }
        }
    }

    /// What a new local bound to `v` stands for.
    fn local_of(&self, v: Node) -> Option<Local> {
        match v.kind() {
            "composite_literal" => match self.value_ref(v) {
                r @ ValueRef::Struct { .. } => Some(Local::Struct(r)),
                _ => field(v, "type").map(|t| Local::Typed(self.ctx.type_expr(t))),
            },
            "unary_expression" => {
                let inner = field(v, "operand")?;
                match self.local_of(inner)? {
                    Local::Typed(t) => {
                        Some(Local::Typed(GoTypeExpr::Pointer { elem: Box::new(t) }))
                    }
                    other => Some(other),
                }
            }
            "identifier" => self.env.get(self.text(v)).cloned(),
            "selector_expression" | "index_expression" => match self.value_ref(v) {
                ValueRef::Unknown => None,
                r => Some(Local::Value(r)),
            },
            "call_expression" => {
                let f = field(v, "function")?;
                let args = field(v, "arguments")
                    .map(named_children)
                    .unwrap_or_default();
                if self.text(f) == "new" {
                    let t = args.first()?;
                    return Some(Local::Typed(GoTypeExpr::Pointer {
                        elem: Box::new(self.ctx.type_expr(*t)),
                    }));
                }
                if f.kind() == "selector_expression" {
                    let operand = field(f, "operand")?;
                    let name = self.text(field(f, "field")?);
                    let pkg = self.pkg(operand);
                    match (pkg, name) {
                        (Some("encoding/json"), "Marshal" | "MarshalIndent") => {
                            return Some(Local::JsonBytes(
                                args.first()
                                    .map(|a| self.value_ref(*a))
                                    .unwrap_or(ValueRef::Unknown),
                            ))
                        }
                        (Some("io" | "io/ioutil"), "ReadAll")
                            if args.first().is_some_and(|a| self.is_body(*a)) =>
                        {
                            return Some(Local::RawBody)
                        }
                        (Some("encoding/json"), "NewDecoder")
                            if args.first().is_some_and(|a| self.is_body(*a)) =>
                        {
                            return Some(Local::Decoder(DecodeKind::Json))
                        }
                        (Some("encoding/xml"), "NewDecoder")
                            if args.first().is_some_and(|a| self.is_body(*a)) =>
                        {
                            return Some(Local::Decoder(DecodeKind::Xml))
                        }
                        _ => {}
                    }
                    if name == "Get"
                        && field(f, "operand").is_some_and(|o| self.is_request_header(o))
                    {
                        return args
                            .first()
                            .and_then(|a| string_value(*a, self.ctx.src))
                            .map(|h| {
                                if h.eq_ignore_ascii_case("content-type") {
                                    Local::ContentType
                                } else {
                                    Local::HeaderValue(h)
                                }
                            });
                    }
                    if (name == "GetHeader" && self.is(operand, &Local::Gin))
                        || (name == "ContentType" && self.is(operand, &Local::Gin))
                    {
                        let h = if name == "ContentType" {
                            Some("Content-Type".to_string())
                        } else {
                            args.first().and_then(|a| self.header_name(*a))
                        };
                        return h.map(|h| {
                            if h.eq_ignore_ascii_case("content-type") {
                                Local::ContentType
                            } else {
                                Local::HeaderValue(h)
                            }
                        });
                    }
                }
                self.callee_of(v).map(|f| Local::Result(f, 0))
            }
            _ => None,
        }
    }

    /// The module function a call calls (not the standard library's).
    fn callee_of(&self, v: Node) -> Option<FuncRef> {
        if v.kind() != "call_expression" {
            return None;
        }
        let f = field(v, "function")?;
        match f.kind() {
            "identifier" => {
                let name = self.text(f);
                (!is_builtin_func(name) && !self.env.contains_key(name)).then(|| FuncRef::Func {
                    pkg: String::new(),
                    name: name.to_string(),
                })
            }
            "selector_expression" => {
                let operand = field(f, "operand")?;
                let name = self.text(field(f, "field")?).to_string();
                if let Some(pkg) = self.pkg(operand) {
                    return (!super::is_std(pkg) && super::framework_of_import(pkg).is_none())
                        .then(|| FuncRef::Func {
                            pkg: pkg.to_string(),
                            name,
                        });
                }
                if matches!(
                    self.local(operand),
                    Some(Local::Request | Local::Writer | Local::Gin | Local::Echo)
                ) {
                    return None;
                }
                let recv = match self.local(operand) {
                    Some(Local::Typed(t)) | Some(Local::Param(_, Some(t))) => named_of(t)
                        .map(|(p, n)| Recv::Type {
                            pkg: p.to_string(),
                            name: n.to_string(),
                        })
                        .unwrap_or(Recv::Unknown),
                    _ => Recv::Unknown,
                };
                Some(FuncRef::Method { recv, name })
            }
            _ => None,
        }
    }

    fn pkg(&self, n: Node) -> Option<&'c str> {
        if n.kind() != "identifier" || self.env.contains_key(self.text(n)) {
            return None;
        }
        self.ctx.imports.get(self.text(n)).map(String::as_str)
    }

    /// A header name from a literal or an echo / net/http constant.
    fn header_name(&self, n: Node) -> Option<String> {
        if let Some(s) = string_value(n, self.ctx.src) {
            return Some(s);
        }
        if n.kind() == "selector_expression" {
            let pkg = self.pkg(field(n, "operand")?)?;
            let name = self.text(field(n, "field")?);
            if super::framework_of_import(pkg) == Some(crate::model::Framework::Echo) {
                return super::echo_headers::header(name).map(str::to_string);
            }
        }
        None
    }

    fn call(&mut self, call: Node<'a>) {
        let Some(f) = field(call, "function") else {
            return;
        };
        let args = field(call, "arguments")
            .map(named_children)
            .unwrap_or_default();
        let arg = |i: usize| args.get(i).copied();
        if f.kind() == "identifier" {
            self.helper(
                call,
                FuncRef::Func {
                    pkg: String::new(),
                    name: self.text(f).to_string(),
                },
                &args,
            );
            return;
        }
        if f.kind() != "selector_expression" {
            return;
        }
        let (Some(operand), Some(name_node)) = (field(f, "operand"), field(f, "field")) else {
            return;
        };
        let name = self.text(name_node);
        if let Some(pkg) = self.pkg(operand) {
            self.package_call(call, pkg, name, &args);
            return;
        }
        // `json.NewDecoder(r.Body).Decode(&v)` and `dec.Decode(&v)`.
        if name == "Decode" {
            let kind = match self.local(operand) {
                Some(Local::Decoder(k)) => Some(*k),
                _ => self.decoder_call(operand),
            };
            if let Some(k) = kind {
                self.push_decode(
                    k,
                    arg(0)
                        .map(|a| self.value_ref(a))
                        .unwrap_or(ValueRef::Unknown),
                    call,
                );
                return;
            }
        }
        // `json.NewEncoder(w).Encode(v)`.
        if name == "Encode" {
            if let Some(p) = self.encoder_call(operand) {
                let v = arg(0)
                    .map(|a| self.value_ref(a))
                    .unwrap_or(ValueRef::Unknown);
                self.push_write(p, (None, None), v, call);
                return;
            }
        }
        if self.is_response_header(operand) {
            self.response_header(call, name, &args);
            return;
        }
        if self.is_request_header(operand) {
            if matches!(name, "Get" | "Values") {
                if let Some(h) = arg(0).and_then(|a| self.header_name(a)) {
                    self.header_read(h, call);
                }
            }
            return;
        }
        if self.is_request(operand) {
            match name {
                "ParseForm" | "FormValue" | "PostFormValue" => {
                    self.push_decode(DecodeKind::Form, ValueRef::Unknown, call)
                }
                "ParseMultipartForm" | "FormFile" | "MultipartReader" => {
                    self.push_decode(DecodeKind::Multipart, ValueRef::Unknown, call)
                }
                _ => {}
            }
            return;
        }
        if self.is_writer(operand) {
            match name {
                "WriteHeader" => self.status = arg(0).and_then(|a| self.status_of(a).0),
                "Write" | "WriteString" => {
                    let (p, v) = self.bytes_payload(arg(0));
                    self.push_write(p, (None, None), v, call);
                }
                _ => {}
            }
            return;
        }
        if self.is(operand, &Local::Gin) {
            self.gin(call, name, &args);
            return;
        }
        if self.is(operand, &Local::Echo) {
            self.echo(call, name, &args);
            return;
        }
        // `tmpl.Execute(w, data)`: an HTML template.
        if matches!(name, "Execute" | "ExecuteTemplate")
            && arg(0).is_some_and(|a| self.is_writer(a))
        {
            self.push_write(Payload::Html, (None, None), ValueRef::Unknown, call);
            return;
        }
        // A method of a typed value: maybe a helper.
        let recv = match self.local(operand) {
            Some(Local::Typed(t)) | Some(Local::Param(_, Some(t))) => named_of(t)
                .map(|(p, n)| Recv::Type {
                    pkg: p.to_string(),
                    name: n.to_string(),
                })
                .unwrap_or(Recv::Unknown),
            _ => Recv::Unknown,
        };
        self.helper(
            call,
            FuncRef::Method {
                recv,
                name: name.to_string(),
            },
            &args,
        );
    }

    /// `json.NewDecoder(r.Body)` and the like, as an operand.
    fn decoder_call(&self, n: Node) -> Option<DecodeKind> {
        if n.kind() != "call_expression" {
            return None;
        }
        let f = field(n, "function")?;
        let pkg = self.pkg(field(f, "operand")?)?;
        let name = self.text(field(f, "field")?);
        let arg = field(n, "arguments").and_then(|a| a.named_child(0))?;
        if name != "NewDecoder" || !(self.is_body(arg) || self.is(arg, &Local::RawBody)) {
            return None;
        }
        match pkg {
            "encoding/json" => Some(DecodeKind::Json),
            "encoding/xml" => Some(DecodeKind::Xml),
            p if p.contains("yaml") => Some(DecodeKind::Yaml),
            _ => None,
        }
    }

    /// `json.NewEncoder(w)` as an operand: the payload it writes.
    fn encoder_call(&self, n: Node) -> Option<Payload> {
        if n.kind() != "call_expression" {
            return None;
        }
        let f = field(n, "function")?;
        let pkg = self.pkg(field(f, "operand")?)?;
        let arg = field(n, "arguments").and_then(|a| a.named_child(0))?;
        if self.text(field(f, "field")?) != "NewEncoder" || !self.is_writer(arg) {
            return None;
        }
        match pkg {
            "encoding/json" => Some(Payload::Json),
            "encoding/xml" => Some(Payload::Xml),
            p if p.contains("yaml") => Some(Payload::Yaml),
            _ => None,
        }
    }

    fn package_call(&mut self, call: Node<'a>, pkg: &str, name: &str, args: &[Node<'a>]) {
        let arg = |i: usize| args.get(i).copied();
        let writer_first = arg(0).is_some_and(|a| self.is_writer(a));
        match (pkg, name) {
            ("net/http", "Error") if writer_first => {
                let st = arg(2)
                    .map(|a| self.status_of(a))
                    .unwrap_or((Some(500), None));
                self.out.writes.push(Write {
                    payload: Payload::Text,
                    content_type: Some("text/plain; charset=utf-8".into()),
                    status: st.0.or(Some(500)),
                    status_param: st.1,
                    error: true,
                    value: ValueRef::Unknown,
                    origin: self.ctx.origin(call),
                });
            }
            ("net/http", "ServeFile" | "ServeContent" | "ServeFileFS") if writer_first => {
                self.push_write(Payload::File, (None, None), ValueRef::Unknown, call)
            }
            ("net/http", "Redirect") if writer_first => {
                let st = arg(3).map(|a| self.status_of(a)).unwrap_or((None, None));
                self.push_write(Payload::Redirect, st, ValueRef::Unknown, call)
            }
            ("fmt", "Fprint" | "Fprintf" | "Fprintln")
            | ("io", "WriteString" | "Copy" | "CopyN")
                if writer_first =>
            {
                let (p, v) = self.bytes_payload(arg(1));
                let p = if p == Payload::Sniffed && pkg == "fmt" {
                    Payload::Sniffed
                } else {
                    p
                };
                self.push_write(p, (None, None), v, call);
            }
            ("encoding/json", "Unmarshal")
                if arg(0).is_some_and(|a| self.is(a, &Local::RawBody)) =>
            {
                let t = arg(1)
                    .map(|a| self.value_ref(a))
                    .unwrap_or(ValueRef::Unknown);
                self.push_decode(DecodeKind::Json, t, call);
            }
            ("encoding/xml", "Unmarshal")
                if arg(0).is_some_and(|a| self.is(a, &Local::RawBody)) =>
            {
                self.push_decode(DecodeKind::Xml, ValueRef::Unknown, call);
            }
            ("io" | "io/ioutil", "ReadAll") if arg(0).is_some_and(|a| self.is_body(a)) => {
                self.push_decode(DecodeKind::Raw, ValueRef::Unknown, call);
            }
            ("strings", "HasPrefix" | "Contains" | "EqualFold") => {
                if let (Some(a), Some(b)) = (arg(0), arg(1)) {
                    self.content_type_test(a, b, call);
                }
            }
            _ if !super::is_std(pkg) && super::framework_of_import(pkg).is_none() => {
                self.helper(
                    call,
                    FuncRef::Func {
                        pkg: pkg.to_string(),
                        name: name.to_string(),
                    },
                    args,
                );
            }
            _ => {}
        }
        // `tmpl.Execute(w, data)` is a method call, handled in `call`.
    }

    fn response_header(&mut self, call: Node, name: &str, args: &[Node]) {
        if !matches!(name, "Set" | "Add") {
            return;
        }
        let Some(h) = args.first().and_then(|a| self.header_name(*a)) else {
            return;
        };
        // A literal, or a header-name constant (`Vary: echo.HeaderAccept`).
        let value = args.get(1).and_then(|a| self.header_name(*a));
        if h.eq_ignore_ascii_case("content-type") {
            self.content_type = value.clone();
        }
        self.out.header_writes.push(HeaderWrite {
            name: h,
            value,
            origin: self.ctx.origin(call),
        });
    }

    /// `w.Header()["Vary"] = []string{"Accept-Language"}`: a response
    /// header set by map assignment (kept as written).
    fn header_map_writes(&mut self, left: Option<Node>, right: Option<Node>) {
        let (Some(left), Some(right)) = (left, right) else {
            return;
        };
        let values = named_children(right);
        for (i, l) in named_children(left).into_iter().enumerate() {
            let (Some(operand), Some(index)) = (field(l, "operand"), field(l, "index")) else {
                continue;
            };
            if l.kind() != "index_expression" || !self.is_response_header(operand) {
                continue;
            }
            let Some(name) = string_value(index, self.ctx.src) else {
                continue;
            };
            // `[]string{"a", "b"}`: the values, comma-joined.
            let value = values.get(i).and_then(|v| {
                let body = field(*v, "body")?;
                let parts: Option<Vec<String>> = named_children(body)
                    .into_iter()
                    .map(|e| {
                        let e = e.named_child(0).filter(|_| e.kind() == "literal_element");
                        string_value(e?, self.ctx.src)
                    })
                    .collect();
                parts.map(|p| p.join(", "))
            });
            self.out.header_writes.push(HeaderWrite {
                name,
                value,
                origin: self.ctx.origin(l),
            });
        }
    }

    fn header_read(&mut self, name: String, node: Node) {
        self.out.header_reads.push(HeaderRead {
            name,
            required: false,
            origin: self.ctx.origin(node),
        });
    }

    fn gin(&mut self, call: Node<'a>, name: &str, args: &[Node<'a>]) {
        let arg = |i: usize| args.get(i).copied();
        let target0 = || {
            arg(0)
                .map(|a| self.value_ref(a))
                .unwrap_or(ValueRef::Unknown)
        };
        let status0 = || arg(0).map(|a| self.status_of(a)).unwrap_or((None, None));
        match name {
            "ShouldBindJSON" | "BindJSON" | "ShouldBindBodyWithJSON" => {
                self.push_decode(DecodeKind::Json, target0(), call)
            }
            "ShouldBindXML" | "BindXML" | "ShouldBindBodyWithXML" => {
                self.push_decode(DecodeKind::Xml, target0(), call)
            }
            "ShouldBindYAML" | "BindYAML" | "ShouldBindBodyWithYAML" => {
                self.push_decode(DecodeKind::Yaml, target0(), call)
            }
            "ShouldBind" | "Bind" => self.push_decode(DecodeKind::ByContentType, target0(), call),
            "ShouldBindWith" | "BindWith" | "MustBindWith" | "ShouldBindBodyWith" => {
                let kind = arg(1)
                    .and_then(|b| self.binding_kind(b))
                    .unwrap_or(DecodeKind::ByContentType);
                self.push_decode(kind, target0(), call);
            }
            "ShouldBindQuery" | "BindQuery" | "ShouldBindUri" | "BindUri" | "ShouldBindHeader"
            | "BindHeader" => self.push_decode(DecodeKind::Query, target0(), call),
            "PostForm" | "DefaultPostForm" | "GetPostForm" | "PostFormArray"
            | "GetPostFormArray" | "PostFormMap" | "GetPostFormMap" => {
                self.push_decode(DecodeKind::Form, ValueRef::Unknown, call)
            }
            "FormFile" | "MultipartForm" | "SaveUploadedFile" => {
                self.push_decode(DecodeKind::Multipart, ValueRef::Unknown, call)
            }
            "GetRawData" => self.push_decode(DecodeKind::Raw, ValueRef::Unknown, call),
            "JSON"
            | "IndentedJSON"
            | "PureJSON"
            | "SecureJSON"
            | "AsciiJSON"
            | "JSONP"
            | "AbortWithStatusJSON" => {
                let v = arg(1)
                    .map(|a| self.value_ref(a))
                    .unwrap_or(ValueRef::Unknown);
                self.push_write(Payload::Json, status0(), v, call)
            }
            "String" => self.push_write(Payload::Text, status0(), ValueRef::Unknown, call),
            "HTML" => self.push_write(Payload::Html, status0(), ValueRef::Unknown, call),
            "XML" => self.push_write(Payload::Xml, status0(), ValueRef::Unknown, call),
            "YAML" => self.push_write(Payload::Yaml, status0(), ValueRef::Unknown, call),
            "TOML" => self.push_write(
                Payload::Typed("application/toml".into()),
                status0(),
                ValueRef::Unknown,
                call,
            ),
            "ProtoBuf" => self.push_write(
                Payload::Typed("application/x-protobuf".into()),
                status0(),
                ValueRef::Unknown,
                call,
            ),
            "Data" | "DataFromReader" => {
                let ct_arg = if name == "Data" { arg(1) } else { arg(2) };
                let payload = match ct_arg {
                    Some(a) => match (string_value(a, self.ctx.src), self.local(a)) {
                        (Some(ct), _) => payload_of_content_type(&ct),
                        (None, Some(Local::Param(i, _))) => Payload::ParamType(*i),
                        _ => Payload::Typed("application/octet-stream".into()),
                    },
                    None => Payload::Sniffed,
                };
                self.push_write(payload, status0(), ValueRef::Unknown, call)
            }
            "File" | "FileAttachment" | "FileFromFS" => {
                self.push_write(Payload::File, (None, None), ValueRef::Unknown, call)
            }
            "Redirect" => self.push_write(Payload::Redirect, status0(), ValueRef::Unknown, call),
            "Status" | "AbortWithStatus" => {
                self.push_write(Payload::NoContent, status0(), ValueRef::Unknown, call)
            }
            "Stream" | "SSEvent" => {
                self.push_write(Payload::Stream, (None, None), ValueRef::Unknown, call)
            }
            "GetHeader" => {
                if let Some(h) = arg(0).and_then(|a| self.header_name(a)) {
                    self.header_read(h, call);
                }
            }
            "Header" => {
                if let Some(h) = arg(0).and_then(|a| self.header_name(a)) {
                    let value = arg(1).and_then(|a| self.header_name(a));
                    if h.eq_ignore_ascii_case("content-type") {
                        self.content_type = value.clone();
                    }
                    self.out.header_writes.push(HeaderWrite {
                        name: h,
                        value,
                        origin: self.ctx.origin(call),
                    });
                }
            }
            _ => {}
        }
    }

    /// `binding.JSON` and friends.
    fn binding_kind(&self, n: Node) -> Option<DecodeKind> {
        if n.kind() != "selector_expression" {
            return None;
        }
        let pkg = self.pkg(field(n, "operand")?)?;
        if !pkg.ends_with("gin/binding") {
            return None;
        }
        Some(match self.text(field(n, "field")?) {
            "JSON" => DecodeKind::Json,
            "XML" => DecodeKind::Xml,
            "YAML" => DecodeKind::Yaml,
            "Form" | "FormPost" => DecodeKind::Form,
            "FormMultipart" => DecodeKind::Multipart,
            "Query" | "Uri" | "Header" => DecodeKind::Query,
            _ => return None,
        })
    }

    fn echo(&mut self, call: Node<'a>, name: &str, args: &[Node<'a>]) {
        let arg = |i: usize| args.get(i).copied();
        let status0 = || arg(0).map(|a| self.status_of(a)).unwrap_or((None, None));
        match name {
            "Bind" => {
                let t = arg(0)
                    .map(|a| self.value_ref(a))
                    .unwrap_or(ValueRef::Unknown);
                self.push_decode(DecodeKind::ByContentType, t, call)
            }
            "FormValue" | "FormParams" => {
                self.push_decode(DecodeKind::Form, ValueRef::Unknown, call)
            }
            "FormFile" | "MultipartForm" => {
                self.push_decode(DecodeKind::Multipart, ValueRef::Unknown, call)
            }
            "JSON" | "JSONPretty" | "JSONBlob" | "JSONP" | "JSONPBlob" => {
                let v = arg(1)
                    .map(|a| self.value_ref(a))
                    .unwrap_or(ValueRef::Unknown);
                self.push_write(Payload::Json, status0(), v, call)
            }
            "String" => self.push_write(Payload::Text, status0(), ValueRef::Unknown, call),
            "HTML" | "HTMLBlob" | "Render" => {
                self.push_write(Payload::Html, status0(), ValueRef::Unknown, call)
            }
            "XML" | "XMLPretty" | "XMLBlob" => {
                self.push_write(Payload::Xml, status0(), ValueRef::Unknown, call)
            }
            "Blob" | "Stream" => {
                let payload = match arg(1) {
                    Some(a) => match (string_value(a, self.ctx.src), self.local(a)) {
                        (Some(ct), _) => payload_of_content_type(&ct),
                        (None, Some(Local::Param(i, _))) => Payload::ParamType(*i),
                        _ => self
                            .header_name(a)
                            .map(|ct| payload_of_content_type(&ct))
                            .unwrap_or(Payload::Sniffed),
                    },
                    None => Payload::Sniffed,
                };
                self.push_write(payload, status0(), ValueRef::Unknown, call)
            }
            "File" | "Attachment" | "Inline" => {
                self.push_write(Payload::File, (None, None), ValueRef::Unknown, call)
            }
            "NoContent" => self.push_write(Payload::NoContent, status0(), ValueRef::Unknown, call),
            "Redirect" => self.push_write(Payload::Redirect, status0(), ValueRef::Unknown, call),
            _ => {}
        }
    }

    /// A call to a module function that receives the exchange.
    fn helper(&mut self, call: Node, callee: FuncRef, args: &[Node]) {
        if let FuncRef::Func { pkg, name } = &callee {
            if pkg.is_empty() && (is_builtin_func(name) || self.env.contains_key(name.as_str())) {
                return;
            }
        }
        let mut http = false;
        let args: Vec<HelperArg> = args
            .iter()
            .map(|a| {
                if self.is_writer(*a)
                    || self.is_request(*a)
                    || self.is(*a, &Local::Gin)
                    || self.is(*a, &Local::Echo)
                {
                    http = true;
                    return HelperArg::Http;
                }
                if let (Some(code), _) = self.status_of(*a) {
                    return HelperArg::Status { code };
                }
                if let Some(s) = string_value(*a, self.ctx.src) {
                    return HelperArg::Str { value: s };
                }
                match self.value_ref(*a) {
                    ValueRef::Unknown => HelperArg::Other,
                    v => HelperArg::Value { value: v },
                }
            })
            .collect();
        if http {
            self.out.helpers.push(HelperCall {
                callee,
                args,
                origin: self.ctx.origin(call),
            });
        }
    }

    /// `r.Header["X-Id"]`: a header read by map index.
    fn header_index(&mut self, n: Node) {
        let (Some(operand), Some(index)) = (field(n, "operand"), field(n, "index")) else {
            return;
        };
        if self.is_request_header(operand) {
            if let Some(h) = string_value(index, self.ctx.src) {
                self.header_read(h, n);
            }
        }
    }

    /// `r.Form`, `r.PostForm`, `r.MultipartForm` read directly.
    fn field_access(&mut self, n: Node) {
        let (Some(operand), Some(f)) = (field(n, "operand"), field(n, "field")) else {
            return;
        };
        if !self.is_request(operand) {
            return;
        }
        match self.text(f) {
            "Form" | "PostForm" => self.push_decode(DecodeKind::Form, ValueRef::Unknown, n),
            "MultipartForm" => self.push_decode(DecodeKind::Multipart, ValueRef::Unknown, n),
            _ => {}
        }
    }

    /// `ct != "application/json"`, `r.Header.Get("Content-Type") == "..."`.
    fn comparison(&mut self, n: Node) {
        let op = field(n, "operator").map(|o| self.text(o));
        if !matches!(op, Some("==" | "!=")) {
            return;
        }
        if let (Some(l), Some(r)) = (field(n, "left"), field(n, "right")) {
            self.content_type_test(l, r, n);
            self.content_type_test(r, l, n);
        }
    }

    fn content_type_test(&mut self, subject: Node, literal: Node, at: Node) {
        let Some(expect) = string_value(literal, self.ctx.src) else {
            return;
        };
        let is_ct = self.is(subject, &Local::ContentType)
            || matches!(self.local_of(subject), Some(Local::ContentType));
        if is_ct && expect.contains('/') {
            self.out.content_type_checks.push(ContentTypeCheck {
                expects: expect,
                origin: self.ctx.origin(at),
            });
        }
    }

    /// `if r.Header.Get("X") == "" { http.Error(...); return }`: the header
    /// is required.
    fn if_statement(&mut self, n: Node<'a>) {
        if let Some(init) = field(n, "initializer") {
            self.walk(init);
        }
        let cond = field(n, "condition");
        let guarded = cond.and_then(|c| self.missing_header(c));
        if let Some(c) = cond {
            self.walk(c);
        }
        let writes_before = self.out.writes.len();
        let saved_status = self.status;
        if let Some(cons) = field(n, "consequence") {
            self.walk(cons);
        }
        // Only for a guard: `returns_error` searches the whole block, and
        // doing that for every `if` is quadratic in nested `if`s.
        let rejects = |w: &Self| {
            w.out.writes[writes_before..].iter().any(|w| w.error)
                || field(n, "consequence").is_some_and(|c| w.returns_error(c))
        };
        if let Some(h) = guarded.filter(|_| rejects(self)) {
            for r in self.out.header_reads.iter_mut().rev() {
                if r.name.eq_ignore_ascii_case(&h) {
                    r.required = true;
                    break;
                }
            }
        }
        self.status = saved_status;
        if let Some(alt) = field(n, "alternative") {
            self.walk(alt);
        }
    }

    /// The header a condition tests for absence (`x == ""`, `len(x) == 0`).
    fn missing_header(&self, cond: Node) -> Option<String> {
        if cond.kind() == "parenthesized_expression" {
            return self.missing_header(cond.named_child(0)?);
        }
        if cond.kind() != "binary_expression" {
            return None;
        }
        let op = self.text(field(cond, "operator")?);
        let (l, r) = (field(cond, "left")?, field(cond, "right")?);
        if op == "||" || op == "&&" {
            return self.missing_header(l).or_else(|| self.missing_header(r));
        }
        if op != "==" {
            return None;
        }
        let empty = |n: Node| {
            string_value(n, self.ctx.src).is_some_and(|s| s.is_empty()) || self.text(n) == "0"
        };
        let subject = if empty(r) {
            l
        } else if empty(l) {
            r
        } else {
            return None;
        };
        let subject = if subject.kind() == "call_expression"
            && field(subject, "function").is_some_and(|f| self.text(f) == "len")
        {
            field(subject, "arguments")?.named_child(0)?
        } else {
            subject
        };
        match self
            .local(subject)
            .cloned()
            .or_else(|| self.local_of(subject))
        {
            Some(Local::HeaderValue(h)) => Some(h),
            Some(Local::ContentType) => Some("Content-Type".into()),
            _ => None,
        }
    }

    /// `return echo.NewHTTPError(401)` or `return echo.ErrUnauthorized`.
    fn returns_error(&self, block: Node) -> bool {
        let mut stack = vec![block];
        while let Some(n) = stack.pop() {
            if n.kind() == "return_statement" {
                let Some(v) = n.named_child(0).and_then(|l| l.named_child(0).or(Some(l))) else {
                    continue;
                };
                let callee = if v.kind() == "call_expression" {
                    field(v, "function")
                } else {
                    Some(v)
                };
                let name = callee
                    .and_then(|c| {
                        if c.kind() == "selector_expression" {
                            field(c, "field")
                        } else {
                            Some(c)
                        }
                    })
                    .map(|f| self.text(f))
                    .unwrap_or("");
                if name == "NewHTTPError" || (name.starts_with("Err") && name.len() > 3) {
                    return true;
                }
            }
            stack.extend(n.named_children());
        }
        false
    }
}
