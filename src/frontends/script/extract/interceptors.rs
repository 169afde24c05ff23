//! Request and response interceptors of axios clients: the headers a
//! request interceptor sets, whether a response interceptor unwraps `.data`.

use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::super::names::{member_chain, member_prop, unwrap, wtf};
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
        let Expr::Ident(root) = root else {
            return false;
        };
        let prefix: Vec<String> = path[..n - 3].to_vec();
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
        let mut headers = Vec::new();
        let mut unwraps_data = false;
        if let (true, Some(f)) = (response, c.args.first()) {
            let mut uses = super::responses::UsesOf::default();
            uses.callback(&f.expr);
            unwraps_data = uses.found.contains(&crate::model::ResponseUse::Data);
        } else if let Some(f) = c.args.first() {
            let mut finder = HeaderWrites {
                ex: self,
                config: None,
                found: &mut headers,
            };
            f.expr.visit_with(&mut finder);
        }
        self.out.interceptors.push(Interceptor {
            client,
            headers,
            unwraps_data,
            origin: self.origin(c.span),
        });
        c.visit_children_with(self);
        true
    }
}

/// Finds header writes on a request config inside an interceptor function:
/// `config.headers['X-Token'] = v`, `config.headers.X = v`,
/// `config.headers.set('X', v)`, `config.headers = { ...config.headers, X: v }`.
struct HeaderWrites<'e, 'a, 'o> {
    ex: &'e Extractor<'a>,
    config: Option<String>,
    found: &'o mut Vec<PropFact>,
}

impl HeaderWrites<'_, '_, '_> {
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

    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        if let AssignTarget::Simple(SimpleAssignTarget::Member(m)) = &a.left {
            let target = Expr::Member(m.clone());
            if let (Some(depth), Some(name)) = (self.is_headers(&target), member_prop(&m.prop)) {
                // `headers.X` (depth 1) or `headers.common.X` (depth 2).
                if depth >= 1 && !matches!(name.as_str(), "common") {
                    self.found.push(PropFact {
                        key: name,
                        value: self.ex.value(&a.right),
                        origin: self.ex.origin(a.span),
                    });
                }
            } else if member_prop(&m.prop).as_deref() == Some("headers") {
                if let Value::Object { props, .. } = self.ex.value(&a.right) {
                    self.found.extend(props);
                }
            }
        }
        a.visit_children_with(self);
    }

    fn visit_call_expr(&mut self, c: &CallExpr) {
        if let swc_ecma_ast::Callee::Expr(callee) = &c.callee {
            if let Some((obj, path)) = member_chain(callee) {
                let _ = obj;
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
                    }
                }
            }
        }
        c.visit_children_with(self);
    }
}
