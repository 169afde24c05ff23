//! Resolves the frontend's calls through imports, clients (axios
//! instances), wrappers and dev-server proxies into [`HttpCall`]s.

use std::collections::HashMap;

use super::client;
use super::paths::{self, UNKNOWN};
use super::ts_index::{Target, TsIndex};
use crate::config::{ClientWrapper, Config};
use crate::model::{
    BodyEncoding, Callee, ClientDef, HeaderUse, HttpCall, Origin, Prop, TsCall, TsType, TypeAt,
    UnresolvedCall, UrlPart, Value, Via,
};

/// The wire shape of an object literal: keys and what their values plainly are.
fn shape_of(v: &Value) -> crate::model::WireType {
    use crate::model::{WireField, WireType};
    match v {
        Value::Object { props, spreads } if spreads.is_empty() => WireType::Object {
            name: String::new(),
            fields: props
                .iter()
                .map(|p| WireField {
                    name: p.key.clone(),
                    source_name: None,
                    ty: shape_of(&p.value),
                    optional: false,
                    nullable: false,
                    untagged: false,
                    required: false,
                    origin: p.origin.clone(),
                })
                .collect(),
        },
        Value::Str { .. } => WireType::String,
        Value::Number => WireType::Number {
            integer: false,
            bits: None,
        },
        Value::Bool => WireType::Bool,
        Value::Array => WireType::Array {
            elem: Box::new(WireType::Unknown),
        },
        _ => WireType::Unknown,
    }
}

/// A type written in `module`, to travel into another module's wrapper.
fn scoped(t: &TsType, module: &str) -> TsType {
    match t {
        TsType::Scoped { .. } | TsType::Keyword { .. } | TsType::Literal { .. } => t.clone(),
        other => TsType::Scoped {
            module: module.to_string(),
            ty: Box::new(other.clone()),
        },
    }
}

/// A wrapper's own type parameter (`T`), or a type that says nothing.
fn is_type_param(t: &TsType) -> bool {
    match t {
        TsType::Ref { name, args } => {
            args.is_empty() && name.len() == 1 && name.chars().all(|c| c.is_ascii_uppercase())
        }
        TsType::Keyword { name } => matches!(name.as_str(), "any" | "unknown" | "void" | "never"),
        TsType::Scoped { ty, .. } => is_type_param(ty),
        _ => false,
    }
}

/// An axios instance by where it is created (`None`: the global axios).
pub(super) type ClientKey = Option<(String, u32)>;

/// What a call sends, read from its arguments.
struct Request {
    client: String,
    url: Value,
    method: Option<String>,
    body: Option<Value>,
    /// Headers set on the call itself.
    headers: Vec<HeaderUse>,
    base: Option<Value>,
    /// Headers from the instance's defaults and interceptors.
    defaults: Vec<HeaderUse>,
    /// Every header source of the call could be read (`HttpCall::headers_complete`).
    complete: bool,
    response_type: Option<String>,
    axios: bool,
    /// The client's response interceptor returns `response.data`.
    unwraps_data: bool,
}

/// Where a call's body is: the call itself (the frontend keeps no finer span).
fn body_origin(call: &TsCall) -> Option<Origin> {
    Some(call.origin.clone())
}

/// The instance a class method runs on: its class and constructor arguments.
struct This<'a> {
    module: &'a str,
    class: &'a crate::model::ClassDef,
    args: Vec<Value>,
}

/// The call being resolved, as it travels through wrappers.
struct Step<'c, 'a> {
    module: &'a str,
    types_module: &'a str,
    call: &'c TsCall,
    at: &'c Origin,
    depth: u32,
}

/// What became of one call.
#[derive(Debug)]
pub enum Outcome {
    /// Not an HTTP call after all (the callee is not a client).
    NotHttp,
    Http(Box<HttpCall>),
    Unresolved(UnresolvedCall),
}

/// The client a call ends at.
enum Sink<'a> {
    Fetch,
    Axios {
        member: Option<String>,
        client: Option<(&'a str, Box<ClientDef>)>,
        name: String,
    },
    Declared(&'a ClientWrapper),
}

pub struct CallResolver<'i, 'a> {
    pub ix: &'i TsIndex<'a>,
    pub config: &'i Config,
    /// Headers request interceptors add, by the client they are installed on
    /// (`None`: the global axios).
    pub interceptors: HashMap<ClientKey, Vec<HeaderUse>>,
    /// Clients whose response interceptor hands `response.data` on.
    pub unwrapping: std::collections::HashSet<ClientKey>,
    /// Defaults writes and unreadable header sources, by client.
    pub client_headers: super::ts_headers::ClientHeaders,
}

const MAX_DEPTH: u32 = 8;

impl<'i, 'a> CallResolver<'i, 'a> {
    pub fn new(ix: &'i TsIndex<'a>, config: &'i Config) -> Self {
        let mut r = CallResolver {
            ix,
            config,
            interceptors: HashMap::new(),
            unwrapping: Default::default(),
            client_headers: Default::default(),
        };
        let mut found: Vec<(ClientKey, Vec<HeaderUse>)> = Vec::new();
        for (path, m) in ix.modules() {
            for i in &m.interceptors {
                let Some(key) = super::ts_headers::client_key(ix, path, &i.client, &i.origin)
                else {
                    continue;
                };
                let headers = i
                    .headers
                    .iter()
                    .map(|h| HeaderUse {
                        name: h.key.clone(),
                        value: str_value(&r.concrete(path, &h.value, 0)),
                        origin: h.origin.clone(),
                    })
                    .collect();
                if i.unwraps_data {
                    r.unwrapping.insert(key.clone());
                }
                found.push((key, headers));
            }
        }
        for (k, h) in found {
            r.interceptors.entry(k).or_default().extend(h);
        }
        r.client_headers = r.collect_client_headers();
        r
    }

    pub fn resolve(&self, module: &'a str, call: &TsCall) -> Outcome {
        self.resolve_in(module, module, call, &call.origin, Vec::new(), None, 0)
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve_in(
        &self,
        module: &'a str,
        types_module: &'a str,
        call: &TsCall,
        at: &Origin,
        via: Vec<Via>,
        this: Option<&This<'a>>,
        depth: u32,
    ) -> Outcome {
        if depth > MAX_DEPTH {
            return Outcome::NotHttp;
        }
        let cx = Step {
            module,
            types_module,
            call,
            at,
            depth,
        };
        let sink = match &call.callee {
            Callee::Fetch => Sink::Fetch,
            Callee::Axios { member } => Sink::Axios {
                member: member.clone(),
                client: None,
                name: "axios".into(),
            },
            Callee::Param { .. } => return Outcome::NotHttp,
            // `this.service.get(url)` inside a class method.
            Callee::Ref { name, path } if name == "this" => {
                let (Some(t), Some((field, rest))) = (this, path.split_first()) else {
                    return Outcome::NotHttp;
                };
                let Some(f) = t.class.fields.iter().rev().find(|f| &f.key == field) else {
                    return Outcome::NotHttp;
                };
                let value = substitute(&f.value, &t.args);
                return self.value_sink(&cx, t.module, &value, &f.origin, rest, field, via, this);
            }
            Callee::Ref { name, path } => {
                if let Some(w) = self.declared(name, path) {
                    Sink::Declared(w)
                } else {
                    let Some(t) = self.ix.lookup(module, name, 0) else {
                        return Outcome::NotHttp;
                    };
                    let Some((t, rest)) = self.ix.follow(t, path, 0) else {
                        return Outcome::NotHttp;
                    };
                    match t {
                        Target::Axios => match rest.as_slice() {
                            [] => Sink::Axios {
                                member: None,
                                client: None,
                                name: "axios".into(),
                            },
                            [m] if crate::model::AXIOS_VERBS.contains(&m.as_str()) => Sink::Axios {
                                member: Some(m.clone()),
                                client: None,
                                name: "axios".into(),
                            },
                            _ => return Outcome::NotHttp,
                        },
                        Target::Value {
                            module: vm,
                            value,
                            origin,
                        } => {
                            return self.value_sink(&cx, vm, value, origin, &rest, name, via, this)
                        }
                        Target::Namespace(_) => return Outcome::NotHttp,
                    }
                }
            }
        };
        self.build(module, types_module, call, at, via, sink)
    }

    /// Continues a call whose callee resolved to `value` (in module `vm`),
    /// with `rest` of the member path still to apply: a client, a wrapper, a
    /// class instance's method, or an alias of one of those.
    #[allow(clippy::too_many_arguments)]
    fn value_sink(
        &self,
        cx: &Step<'_, 'a>,
        vm: &'a str,
        value: &Value,
        origin: &Origin,
        rest: &[String],
        name: &str,
        mut via: Vec<Via>,
        this: Option<&This<'a>>,
    ) -> Outcome {
        match value {
            Value::Client(def) => {
                let member = match rest {
                    [] => None,
                    [m] if crate::model::AXIOS_VERBS.contains(&m.as_str()) => Some(m.clone()),
                    _ => return Outcome::NotHttp,
                };
                let sink = Sink::Axios {
                    member,
                    client: Some((vm, def.clone())),
                    name: format!("{name} ({})", def.origin.path),
                };
                self.build(cx.module, cx.types_module, cx.call, cx.at, via, sink)
            }
            Value::Wrapper(w) if rest.is_empty() => {
                let args: Vec<Value> = cx
                    .call
                    .args
                    .iter()
                    .map(|a| self.concrete(cx.module, a, 0))
                    .collect();
                let mut inner = substitute_call(&w.call, &args);
                // The caller's type arguments fill the wrapper's type parameters;
                // they keep naming types of the caller's module.
                let caller_args: Vec<TsType> = cx
                    .call
                    .type_args
                    .iter()
                    .map(|t| scoped(t, cx.module))
                    .collect();
                inner.type_args = inner
                    .type_args
                    .iter()
                    .map(|t| t.substitute(&w.type_params, &caller_args))
                    .collect();
                inner.declared_return = cx
                    .call
                    .declared_return
                    .as_ref()
                    .map(|t| scoped(t, cx.module))
                    .or_else(|| {
                        w.returns
                            .as_ref()
                            .map(|t| t.substitute(&w.type_params, &caller_args))
                    });
                if inner.type_args.is_empty() && inner.declared_return.is_none() {
                    inner.type_args = caller_args;
                }
                for u in &cx.call.response {
                    if !inner.response.contains(u) {
                        inner.response.push(u.clone());
                    }
                }
                via.push(Via {
                    what: format!("through the wrapper `{name}`"),
                    origin: origin.clone(),
                });
                let tm = vm;
                self.resolve_in(vm, tm, &inner, cx.at, via, this, cx.depth + 1)
            }
            // `export default new RequestHttp(config)`, then `http.get(url)`.
            Value::New { ctor, args } => {
                let Some((method, more)) = rest.split_first() else {
                    return Outcome::NotHttp;
                };
                let Some(Target::Value {
                    module: cm,
                    value: Value::Class(class),
                    ..
                }) = self.ix.lookup(vm, ctor, 0)
                else {
                    return Outcome::NotHttp;
                };
                let Some(m) = class.methods.iter().find(|m| &m.key == method) else {
                    return Outcome::NotHttp;
                };
                let inst = This {
                    module: cm,
                    class,
                    args: args.iter().map(|a| self.concrete(vm, a, 0)).collect(),
                };
                self.value_sink(
                    cx,
                    cm,
                    &m.value,
                    &m.origin,
                    more,
                    &format!("{name}.{method}"),
                    via,
                    Some(&inst),
                )
            }
            Value::Ref { name: alias, path } => {
                let Some(t) = self.ix.lookup(vm, alias, 0) else {
                    return Outcome::NotHttp;
                };
                let full: Vec<String> = path.iter().chain(rest).cloned().collect();
                match self.ix.follow(t, &full, 0) {
                    Some((
                        Target::Value {
                            module,
                            value,
                            origin,
                        },
                        r,
                    )) => self.value_sink(cx, module, value, origin, &r, name, via, this),
                    Some((Target::Axios, r)) => {
                        let member = match r.as_slice() {
                            [] => None,
                            [m] if crate::model::AXIOS_VERBS.contains(&m.as_str()) => {
                                Some(m.clone())
                            }
                            _ => return Outcome::NotHttp,
                        };
                        let sink = Sink::Axios {
                            member,
                            client: None,
                            name: "axios".into(),
                        };
                        self.build(cx.module, cx.types_module, cx.call, cx.at, via, sink)
                    }
                    _ => Outcome::NotHttp,
                }
            }
            _ => Outcome::NotHttp,
        }
    }

    /// A `[[http.client]]` declared in `seam.toml` for this callee.
    fn declared(&self, name: &str, path: &[String]) -> Option<&ClientWrapper> {
        let full = std::iter::once(name.to_string())
            .chain(path.iter().cloned())
            .collect::<Vec<_>>()
            .join(".");
        self.config.http.client.iter().find(|c| c.callee == full)
    }

    /// Resolves references inside a value in `module` (constants, env vars).
    pub(super) fn concrete(&self, module: &'a str, v: &Value, depth: u32) -> Value {
        if depth > MAX_DEPTH {
            return Value::Unknown;
        }
        match v {
            Value::Str { parts } => Value::Str {
                parts: self.concrete_parts(module, parts, depth),
            },
            Value::Ref { name, path } => match self.ref_value(module, name, path, depth) {
                Some((m, v)) => self.concrete(m, v, depth + 1),
                None => v.clone(),
            },
            Value::Object { props, spreads } => Value::Object {
                props: props
                    .iter()
                    .map(|p| Prop {
                        key: p.key.clone(),
                        value: self.concrete(module, &p.value, depth + 1),
                        origin: p.origin.clone(),
                    })
                    .collect(),
                spreads: spreads
                    .iter()
                    .map(|s| self.concrete(module, s, depth + 1))
                    .collect(),
            },
            other => other.clone(),
        }
    }

    fn ref_value(
        &self,
        module: &'a str,
        name: &str,
        path: &[String],
        _depth: u32,
    ) -> Option<(&'a str, &'a Value)> {
        let t = self.ix.lookup(module, name, 0)?;
        match self.ix.follow(t, path, 0)? {
            (Target::Value { module, value, .. }, rest) if rest.is_empty() => Some((module, value)),
            _ => None,
        }
    }

    fn concrete_parts(&self, module: &'a str, parts: &[UrlPart], depth: u32) -> Vec<UrlPart> {
        let mut out = Vec::new();
        for p in parts {
            match p {
                UrlPart::Ref { name, path } => match self.ref_value(module, name, path, depth) {
                    Some((m, Value::Str { parts })) => {
                        out.extend(self.concrete_parts(m, parts, depth + 1))
                    }
                    _ => out.push(UrlPart::Dynamic(
                        std::iter::once(name.clone())
                            .chain(path.iter().cloned())
                            .collect::<Vec<_>>()
                            .join("."),
                    )),
                },
                UrlPart::Env(name) => match self.ix.env(module, name) {
                    Some(v) => out.push(UrlPart::Lit(v.to_string())),
                    None => out.push(UrlPart::Env(name.clone())),
                },
                other => out.push(other.clone()),
            }
        }
        out
    }

    /// What the call sends, read from its arguments per client API.
    fn request(&self, sink: &Sink<'a>, args: &[Value], via: &mut Vec<Via>) -> Request {
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Unknown);
        match sink {
            Sink::Fetch => {
                let (url, init) = match arg(0) {
                    Value::New { ctor, args: req } if ctor == "Request" => (
                        req.first().cloned().unwrap_or(Value::Unknown),
                        req.get(1).cloned().unwrap_or(arg(1)),
                    ),
                    u => (u, arg(1)),
                };
                Request {
                    client: "fetch".into(),
                    url,
                    method: prop(&init, "method")
                        .map(|m| str_value(&m))
                        .unwrap_or(Some("GET".into())),
                    body: prop(&init, "body"),
                    headers: headers_of(prop(&init, "headers").as_ref()),
                    base: None,
                    defaults: Vec::new(),
                    complete: super::ts_headers::config_complete(match args.first() {
                        Some(Value::New { ctor, args: req }) if ctor == "Request" => req.get(1),
                        _ => args.get(1),
                    }),
                    response_type: None,
                    axios: false,
                    unwraps_data: false,
                }
            }
            Sink::Axios {
                member,
                client,
                name,
            } => {
                let (url, method, body, cfg) = match member.as_deref() {
                    None => match arg(0) {
                        cfg @ Value::Object { .. } => (
                            prop(&cfg, "url").unwrap_or(Value::Unknown),
                            method_of(&cfg),
                            prop(&cfg, "data"),
                            cfg,
                        ),
                        u => {
                            let cfg = arg(1);
                            (u, method_of(&cfg), prop(&cfg, "data"), cfg)
                        }
                    },
                    Some("request") => {
                        let cfg = arg(0);
                        (
                            prop(&cfg, "url").unwrap_or(Value::Unknown),
                            method_of(&cfg),
                            prop(&cfg, "data"),
                            cfg,
                        )
                    }
                    Some(m @ ("post" | "put" | "patch")) => {
                        (arg(0), Some(m.to_ascii_uppercase()), Some(arg(1)), arg(2))
                    }
                    Some(m) => (arg(0), Some(m.to_ascii_uppercase()), None, arg(1)),
                };
                let mut complete = super::ts_headers::config_complete(args.get(
                    super::ts_headers::axios_config_index(member.as_deref(), args),
                ));
                let (base, mut defaults) = match client {
                    Some((m, def)) => {
                        let cfg = self.concrete(m, &def.config, 0);
                        via.push(Via {
                            what: "base URL and defaults of this axios instance".into(),
                            origin: def.origin.clone(),
                        });
                        complete &= super::ts_headers::config_complete(Some(&cfg));
                        (
                            prop(&cfg, "baseURL"),
                            super::ts_headers::axios_headers(
                                prop(&cfg, "headers").as_ref(),
                                method.as_deref(),
                            ),
                        )
                    }
                    None => (None, Vec::new()),
                };
                let key = client
                    .as_ref()
                    .map(|(_, def)| (def.origin.path.to_string(), def.origin.start));
                defaults.extend(self.interceptors.get(&key).into_iter().flatten().cloned());
                defaults.extend(self.default_headers(&key, method.as_deref()));
                complete &= !self.client_headers.opaque.contains(&key);
                let headers = super::ts_headers::axios_headers(
                    prop(&cfg, "headers").as_ref(),
                    method.as_deref(),
                );
                Request {
                    client: name.clone(),
                    url,
                    method,
                    body,
                    headers,
                    base: prop(&cfg, "baseURL").or(base),
                    defaults,
                    complete,
                    response_type: prop(&cfg, "responseType").and_then(|v| str_value(&v)),
                    axios: true,
                    unwraps_data: self.unwrapping.contains(&key),
                }
            }
            Sink::Declared(w) => {
                let pick = |spec: &str| -> Option<Value> {
                    match spec.parse::<usize>() {
                        Ok(i) => args.get(i).cloned(),
                        Err(_) => prop(&arg(0), spec),
                    }
                };
                let method = match (&w.fixed_method, &w.method) {
                    (Some(m), _) => Some(m.to_ascii_uppercase()),
                    (None, Some(spec)) => pick(spec)
                        .and_then(|m| str_value(&m))
                        .map(|m| m.to_ascii_uppercase()),
                    (None, None) => Some("GET".into()),
                };
                Request {
                    client: w.callee.clone(),
                    url: pick(&w.url).unwrap_or(Value::Unknown),
                    method,
                    body: w.body.as_deref().and_then(pick),
                    headers: Vec::new(),
                    base: None,
                    defaults: Vec::new(),
                    complete: false,
                    response_type: None,
                    axios: false,
                    unwraps_data: false,
                }
            }
        }
    }

    /// Builds the HTTP call once the client is known.
    fn build(
        &self,
        module: &'a str,
        types_module: &'a str,
        call: &TsCall,
        at: &Origin,
        mut via: Vec<Via>,
        sink: Sink<'a>,
    ) -> Outcome {
        let args: Vec<Value> = call
            .args
            .iter()
            .map(|a| self.concrete(module, a, 0))
            .collect();
        let req = self.request(&sink, &args, &mut via);
        let Value::Str { parts } = req.url else {
            return Outcome::Unresolved(UnresolvedCall {
                client: req.client,
                reason: "the URL is not a string seam can follow".into(),
                origin: at.clone(),
            });
        };
        let mut full: Vec<UrlPart> = Vec::new();
        let absolute = matches!(parts.first(), Some(UrlPart::Lit(s)) if is_absolute(s));
        if let (false, Some(Value::Str { parts: b })) = (absolute, &req.base) {
            full.extend(b.iter().cloned());
            full.push(UrlPart::Lit("/".into()));
        }
        full.extend(parts);
        let text = url_text(&full);
        let (origin_host, path_text) = split_origin(&text);
        let path_text = self.rewrite(module, &path_text, &mut via);
        let (path, _) = paths::parse(&path_text);
        // Headers set on the call win over instance defaults and interceptors.
        let mut headers = req.headers;
        for d in req.defaults {
            if !headers.iter().any(|h| h.name.eq_ignore_ascii_case(&d.name)) {
                headers.push(d);
            }
        }
        let content_type = headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case("content-type"))
            .cloned();
        let body = req
            .body
            .as_ref()
            .filter(|b| !matches!(b, Value::Unknown) || req.axios)
            .map(|b| client::body_encoding(b, content_type.as_ref(), req.axios));
        let body_origin = req.body.as_ref().and_then(|_| body_origin(call));
        let mut uses = call.response.clone();
        if req.unwraps_data {
            uses.push(crate::model::ResponseUse::Data);
        }
        let response_type = call
            .type_args
            .first()
            .filter(|t| !is_type_param(t))
            .or(call.declared_return.as_ref())
            .filter(|t| !is_type_param(t))
            .map(|ty| TypeAt {
                ty: ty.clone(),
                module: types_module.to_string(),
                origin: at.clone(),
            });
        let body_type = match &req.body {
            Some(Value::Typed { ty }) if !is_type_param(ty) => Some(TypeAt {
                ty: ty.clone(),
                module: types_module.to_string(),
                origin: at.clone(),
            }),
            _ => None,
        };
        let reads = client::reads(
            &uses,
            req.response_type.as_deref(),
            response_type.is_some(),
            req.axios,
        );
        Outcome::Http(Box::new(HttpCall {
            method: req.method.map(|m| m.to_ascii_uppercase()),
            path,
            url_text: text,
            origin_host,
            client: req.client,
            body,
            body_origin,
            content_type,
            headers,
            headers_complete: req.complete,
            reads,
            body_shape: match (&req.body, body) {
                (
                    Some(v @ Value::Object { .. }),
                    Some(BodyEncoding::Json | BodyEncoding::JsonText),
                ) => Some(shape_of(v)),
                _ => None,
            },
            body_type,
            response_type,
            via,
            origin: at.clone(),
        }))
    }

    /// Applies the package's dev-server proxy rewrite and the configured
    /// prefix mappings to a path.
    fn rewrite(&self, module: &str, path: &str, via: &mut Vec<Via>) -> String {
        let mut path = path.to_string();
        for p in self.ix.proxies(module) {
            if !has_prefix(&path, &p.context) {
                continue;
            }
            if let Some((from, to)) = &p.rewrite {
                if has_prefix(&path, from) {
                    path = format!("{to}{}", &path[from.len()..]);
                    if !path.starts_with('/') {
                        path.insert(0, '/');
                    }
                    via.push(Via {
                        what: format!("the dev-server proxy rewrites `{from}` to `{to}`"),
                        origin: p.origin.clone(),
                    });
                }
            }
            break;
        }
        for s in &self.config.http.strip_prefix {
            if has_prefix(&path, s) {
                path = path[s.trim_end_matches('/').len()..].to_string();
                break;
            }
        }
        if let Some(add) = &self.config.http.add_prefix {
            path = paths::join(&[add, &path]);
        }
        path
    }
}

fn has_prefix(path: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    path.starts_with(prefix)
        && matches!(
            path.as_bytes().get(prefix.len()),
            None | Some(b'/') | Some(b'?')
        )
}

fn is_absolute(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

/// `http://localhost:8080/api/x` → (`http://localhost:8080`, `/api/x`).
/// Local dev hosts are treated as the app's own backend (no host).
fn split_origin(text: &str) -> (Option<String>, String) {
    let rest = text
        .strip_prefix("http://")
        .or_else(|| text.strip_prefix("https://"))
        .or_else(|| text.strip_prefix("//"));
    let Some(rest) = rest else {
        return (None, text.to_string());
    };
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let hostname = host.split(':').next().unwrap_or(host);
    if matches!(hostname, "localhost" | "127.0.0.1" | "0.0.0.0" | "[::1]") || host.contains(UNKNOWN)
    {
        return (None, path.to_string());
    }
    let scheme_len = text.len() - rest.len();
    (
        Some(format!("{}{host}", &text[..scheme_len])),
        path.to_string(),
    )
}

/// The URL as text: literal parts as written, parameters as `{name}`,
/// unknown parts (a base nobody defines) as `{?}`.
fn url_text(parts: &[UrlPart]) -> String {
    let mut out = String::new();
    for p in parts {
        match p {
            UrlPart::Lit(s) => {
                if out.ends_with('/') && s.starts_with('/') {
                    out.push_str(&s[1..]);
                } else {
                    out.push_str(s);
                }
            }
            UrlPart::Dynamic(name) if !out.is_empty() && !out.ends_with("://") => {
                let name = param_name(name);
                out.push('{');
                out.push_str(if name.is_empty() { "param" } else { &name });
                out.push('}');
            }
            _ => out.push_str(UNKNOWN),
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    if !out.starts_with('/') && !is_absolute(&out) && !out.starts_with(UNKNOWN) {
        out.insert(0, '/');
    }
    out
}

/// A readable parameter name for an interpolated expression:
/// `encodeURIComponent(order.id)` → `order.id`.
fn param_name(expr: &str) -> String {
    let mut inner = expr.trim();
    while let (Some(open), true) = (inner.find('('), inner.ends_with(')')) {
        let args = &inner[open + 1..inner.len() - 1];
        if args.trim().is_empty() {
            break;
        }
        inner = args.split(',').next().unwrap_or(args).trim();
    }
    inner
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
        .collect()
}

pub(super) fn prop(v: &Value, key: &str) -> Option<Value> {
    match v {
        Value::Object { props, spreads } => props
            .iter()
            .rev()
            .find(|p| p.key == key)
            .map(|p| p.value.clone())
            .or_else(|| spreads.iter().find_map(|s| prop(s, key))),
        _ => None,
    }
}

pub(super) fn str_value(v: &Value) -> Option<String> {
    match v {
        Value::Str { parts } if parts.len() == 1 => match &parts[0] {
            UrlPart::Lit(s) => Some(s.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The method an axios config names (`GET` when it names none).
fn method_of(cfg: &Value) -> Option<String> {
    match prop(cfg, "method") {
        None => Some("GET".into()),
        Some(m) => str_value(&m).map(|m| m.to_ascii_uppercase()),
    }
}

/// Header names and literal values of a `headers` object.
pub(super) fn headers_of(v: Option<&Value>) -> Vec<HeaderUse> {
    let v = match v {
        Some(Value::New { ctor, args }) if ctor == "Headers" => args.first(),
        other => other,
    };
    let Some(Value::Object { props, .. }) = v else {
        return Vec::new();
    };
    props
        .iter()
        .map(|p| HeaderUse {
            name: p.key.clone(),
            value: str_value(&p.value),
            origin: p.origin.clone(),
        })
        .collect()
}

/// A wrapper's call with the caller's arguments put in for its parameters.
fn substitute_call(template: &TsCall, args: &[Value]) -> TsCall {
    let mut call = template.clone();
    call.args = call.args.iter().map(|a| substitute(a, args)).collect();
    call
}

fn substitute(v: &Value, args: &[Value]) -> Value {
    match v {
        // `this.service = axios.create(config)` with the constructor's `config`.
        Value::Client(def) => Value::Client(Box::new(ClientDef {
            config: substitute(&def.config, args),
            ..(**def).clone()
        })),
        Value::Param { index, path } => {
            let mut cur = args.get(*index as usize).cloned().unwrap_or(Value::Unknown);
            for key in path {
                cur = prop(&cur, key).unwrap_or(Value::Unknown);
            }
            cur
        }
        Value::Str { parts } => {
            let mut out = Vec::new();
            for p in parts {
                match p {
                    UrlPart::Param { index, path } => {
                        match substitute(
                            &Value::Param {
                                index: *index,
                                path: path.clone(),
                            },
                            args,
                        ) {
                            Value::Str { parts } => out.extend(parts),
                            Value::Number => out.push(UrlPart::Dynamic("n".into())),
                            _ => out.push(UrlPart::Dynamic(format!("arg{index}"))),
                        }
                    }
                    other => out.push(other.clone()),
                }
            }
            Value::Str { parts: out }
        }
        Value::Object { props, spreads } => {
            let mut props: Vec<Prop> = props
                .iter()
                .map(|p| Prop {
                    key: p.key.clone(),
                    value: substitute(&p.value, args),
                    origin: p.origin.clone(),
                })
                .collect();
            let mut rest = Vec::new();
            for s in spreads {
                match substitute(s, args) {
                    // `{ ...config, method: 'get' }`: the spread's own properties first.
                    Value::Object {
                        props: inner,
                        spreads,
                    } => {
                        let mut merged = inner;
                        merged.append(&mut props);
                        props = merged;
                        rest.extend(spreads);
                    }
                    other => rest.push(other),
                }
            }
            Value::Object {
                props,
                spreads: rest,
            }
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_text_marks_params_and_unknown_bases() {
        let parts = vec![
            UrlPart::Env("VITE_API".into()),
            UrlPart::Lit("/users/".into()),
            UrlPart::Dynamic("user.id".into()),
        ];
        assert_eq!(url_text(&parts), "{?}/users/{user.id}");
        assert_eq!(url_text(&[UrlPart::Lit("api/x".into())]), "/api/x");
    }

    #[test]
    fn param_names() {
        assert_eq!(param_name("encodeURIComponent(order.id)"), "order.id");
        assert_eq!(param_name("String(id, 10)"), "id");
        assert_eq!(param_name("user.id"), "user.id");
        assert_eq!(param_name("now()"), "now");
    }

    #[test]
    fn origins() {
        assert_eq!(
            split_origin("http://localhost:8080/api/x"),
            (None, "/api/x".into())
        );
        assert_eq!(
            split_origin("https://api.github.com/users"),
            (Some("https://api.github.com".into()), "/users".into())
        );
        assert_eq!(split_origin("/api"), (None, "/api".into()));
    }

    #[test]
    fn prefixes_respect_segment_bounds() {
        assert!(has_prefix("/api/users", "/api"));
        assert!(has_prefix("/api", "/api/"));
        assert!(!has_prefix("/apix/users", "/api"));
    }
}
