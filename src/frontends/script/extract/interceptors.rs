//! Request and response interceptors of axios clients: the headers a
//! request interceptor sets, whether a response interceptor unwraps `.data`.

use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use swc_common::Spanned;

use super::super::names::{member_chain, member_prop, prop_name, unwrap, wtf};
use super::{Extractor, Value};
use crate::model::{Callee as CalleeFact, Interceptor, Prop as PropFact};

impl Extractor<'_> {
    /// `client.interceptors.request.use(fn)`: headers the function sets.
    pub(super) fn interceptor(&mut self, callee: &Expr, c: &CallExpr) -> bool {
        let Some((root, path)) = member_chain(callee) else {
            return false;
        };
        let n = path.len();
        if n < 3 || path[n - 3] != "interceptors" || path[n - 1] != "use" {
            return false;
        }
        let response = match path[n - 2].as_str() {
            "request" => false,
            "response" => true,
            _ => return false,
        };
        let prefix: Vec<String> = path[..n - 3].to_vec();
        // `this.service.interceptors.request.use(...)` in a constructor.
        let root = match root {
            Expr::Ident(root) => root,
            Expr::This(_) if self.in_class && !prefix.is_empty() => {
                let client = CalleeFact::Ref {
                    name: "this".into(),
                    path: prefix,
                };
                return self.push_interceptor(client, response, c);
            }
            _ => return false,
        };
        let client = if self.is_axios(&root.sym) && prefix.is_empty() {
            CalleeFact::Axios { member: None }
        } else {
            match self.ident(&root.sym) {
                Value::Ref { name, path } => CalleeFact::Ref {
                    name,
                    path: path.into_iter().chain(prefix).collect(),
                },
                _ => return false,
            }
        };
        self.push_interceptor(client, response, c)
    }

    fn push_interceptor(&mut self, client: CalleeFact, response: bool, c: &CallExpr) -> bool {
        let mut headers = Vec::new();
        let mut unwraps_data = false;
        let mut opaque = false;
        if let (true, Some(f)) = (response, c.args.first()) {
            let mut uses = super::responses::UsesOf::default();
            uses.callback(&f.expr);
            unwraps_data = uses.found.contains(&crate::model::ResponseUse::Data);
        } else if let Some(f) = c.args.first() {
            // A function passed by name may set anything.
            opaque = !matches!(unwrap(&f.expr), Expr::Arrow(_) | Expr::Fn(_));
            let mut finder = HeaderWrites {
                ex: self,
                config: None,
                found: &mut headers,
                opaque: false,
            };
            f.expr.visit_with(&mut finder);
            opaque |= finder.opaque;
        }
        self.out.interceptors.push(Interceptor {
            client,
            headers,
            unwraps_data,
            opaque,
            origin: self.origin(c.span),
        });
        c.visit_children_with(self);
        true
    }
}

/// Finds header writes on a request config inside an interceptor function:
/// `config.headers['X-Token'] = v`, `config.headers.X = v`,
/// `config.headers.set('X', v)`, `config.headers = { ...config.headers, X: v }`.
pub(super) struct HeaderWrites<'e, 'a, 'o> {
    pub(super) ex: &'e Extractor<'a>,
    /// The config parameter's name.
    pub(super) config: Option<String>,
    pub(super) found: &'o mut Vec<PropFact>,
    /// A header write seam cannot name.
    pub(super) opaque: bool,
}

impl HeaderWrites<'_, '_, '_> {
    /// An object written into the config's headers: its named properties;
    /// anything else (a spread other than the config's own headers, a value
    /// from elsewhere) may set headers seam cannot name.
    fn object(&mut self, e: &Expr) {
        let Expr::Object(o) = unwrap(e) else {
            self.opaque = true;
            return;
        };
        for p in &o.props {
            match p {
                PropOrSpread::Spread(sp) => {
                    if self.is_headers(&sp.expr) != Some(0) {
                        self.opaque = true;
                    }
                }
                PropOrSpread::Prop(p) => match &**p {
                    Prop::KeyValue(kv) => match prop_name(&kv.key) {
                        Some(key) => self.found.push(PropFact {
                            key,
                            value: self.ex.value(&kv.value),
                            origin: self.ex.origin(kv.span()),
                        }),
                        None => self.opaque = true,
                    },
                    Prop::Shorthand(i) => self.found.push(PropFact {
                        key: i.sym.to_string(),
                        value: self.ex.value(&Expr::Ident(i.clone())),
                        origin: self.ex.origin(i.span),
                    }),
                    _ => self.opaque = true,
                },
            }
        }
    }

    /// `return { ...config, headers: {...} }`: a new config's headers.
    fn returned(&mut self, e: &Expr) {
        let Expr::Object(o) = unwrap(e) else { return };
        for p in &o.props {
            if let PropOrSpread::Prop(p) = p {
                if let Prop::KeyValue(kv) = &**p {
                    if prop_name(&kv.key).as_deref() == Some("headers") {
                        self.object(&kv.value);
                    }
                }
            }
        }
    }

    /// How deep below the config's `headers` an expression is (`config.headers`
    /// is 0, `config.headers.common` 1).
    fn is_headers(&self, e: &Expr) -> Option<usize> {
        let (root, path) = member_chain(e)?;
        let Expr::Ident(i) = root else { return None };
        if Some(i.sym.as_str()) != self.config.as_deref() {
            return None;
        }
        let pos = path.iter().position(|p| p == "headers")?;
        Some(path.len() - pos - 1)
    }
}

impl Visit for HeaderWrites<'_, '_, '_> {
    fn visit_arrow_expr(&mut self, a: &ArrowExpr) {
        if self.config.is_none() {
            if let Some(Pat::Ident(b)) = a.params.first() {
                self.config = Some(b.id.sym.to_string());
                if let ArrowFunctionBody::Expr(e) = &*a.body {
                    self.returned(e);
                }
            }
        }
        a.visit_children_with(self);
    }

    fn visit_function(&mut self, f: &Function) {
        if self.config.is_none() {
            if let Some(Pat::Ident(b)) = f.params.first().map(|p| &p.pat) {
                self.config = Some(b.id.sym.to_string());
            }
        }
        f.visit_children_with(self);
    }

    fn visit_return_stmt(&mut self, r: &ReturnStmt) {
        if let Some(arg) = &r.arg {
            self.returned(arg);
        }
        r.visit_children_with(self);
    }

    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        if let AssignTarget::Simple(SimpleAssignTarget::Member(m)) = &a.left {
            let target = Expr::Member(m.clone());
            match (self.is_headers(&target), member_prop(&m.prop)) {
                // `headers.X` (depth 1) or `headers.common.X` (depth 2).
                (Some(depth), Some(name)) if depth >= 1 && name != "common" => {
                    self.found.push(PropFact {
                        key: name,
                        value: self.ex.value(&a.right),
                        origin: self.ex.origin(a.span),
                    });
                }
                // `config.headers = {...}`
                (Some(0), _) => self.object(&a.right),
                // `config.headers[name] = v`: a computed name.
                (None, None) if self.is_headers(&m.obj).is_some() => self.opaque = true,
                _ => {}
            }
        }
        a.visit_children_with(self);
    }

    fn visit_call_expr(&mut self, c: &CallExpr) {
        if let swc_ecma_ast::Callee::Expr(callee) = &c.callee {
            if let Some((obj, path)) = member_chain(callee) {
                if matches!(path.last().map(String::as_str), Some("set" | "append"))
                    && self.is_headers(callee).is_some()
                {
                    if let Some(Expr::Lit(Lit::Str(s))) = c.args.first().map(|a| unwrap(&a.expr)) {
                        self.found.push(PropFact {
                            key: wtf(&s.value),
                            value: c
                                .args
                                .get(1)
                                .map(|a| self.ex.value(&a.expr))
                                .unwrap_or(Value::Unknown),
                            origin: self.ex.origin(c.span),
                        });
                    } else {
                        self.opaque = true;
                    }
                }
                // `Object.assign(config.headers, {...})`
                let is_object = matches!(obj, Expr::Ident(i) if i.sym == *"Object");
                if is_object
                    && path == ["assign"]
                    && c.args
                        .first()
                        .is_some_and(|a| self.is_headers(&a.expr).is_some())
                {
                    for a in &c.args[1..] {
                        self.object(&a.expr);
                    }
                }
            }
        }
        c.visit_children_with(self);
    }
}
