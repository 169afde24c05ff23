//! Headers set outside a call's own arguments: on a client's defaults
//! (`client.defaults.headers.common['X'] = v`, `axios.defaults.headers.post
//! = {...}`), and on a `Headers` object or a plain object built before the
//! call (`h.append('X', v)`, `headers['X'] = v`).

use swc_ecma_ast::*;

use super::super::names::{member_chain, member_prop, prop_name, unwrap, wtf};
use super::{Extractor, Value};
use crate::model::{Callee as CalleeFact, HeaderDefaults, Prop as PropFact};

/// `defaults.headers` sub-objects that apply to one method.
const METHOD_KEYS: &[&str] = &["get", "post", "put", "patch", "delete", "head", "options"];

impl Extractor<'_> {
    /// An object key: a name, or a computed key that is a string literal
    /// (`['X-Request-ID']: id`); `None` for one seam cannot read.
    pub(super) fn key_of(&self, key: &PropName) -> Option<String> {
        if let PropName::Computed(c) = key {
            return match unwrap(&c.expr) {
                Expr::Lit(Lit::Str(s)) => Some(wtf(&s.value)),
                _ => None,
            };
        }
        prop_name(key)
    }

    /// An assignment to a client's default headers or to a local headers
    /// object.
    pub(super) fn header_assignment(&mut self, a: &AssignExpr) {
        let AssignTarget::Simple(SimpleAssignTarget::Member(m)) = &a.left else {
            return;
        };
        if self.local_header_write(m, Some(&a.right)) {
            return;
        }
        let target = Expr::Member(m.clone());
        // A computed key that is not a literal: the chain stops short.
        let (obj, computed) = match member_chain(&target) {
            Some(chain) => (chain, false),
            None => match member_chain(&m.obj) {
                Some(chain) => (chain, true),
                None => return,
            },
        };
        let (root, path) = obj;
        let Some(d) = path.iter().position(|p| p == "defaults") else {
            return;
        };
        if path.get(d + 1).map(String::as_str) != Some("headers") {
            return;
        }
        let Some(client) = self.client_of(root, &path[..d]) else {
            return;
        };
        let rest = &path[d + 2..];
        let (method, rest) = match rest.split_first() {
            Some((k, r)) if k == "common" => (None, r),
            Some((k, r)) if METHOD_KEYS.contains(&k.as_str()) => (Some(k.to_ascii_uppercase()), r),
            _ => (None, rest),
        };
        let mut headers = Vec::new();
        let mut opaque = computed;
        match rest {
            // `defaults.headers.common = {...}`
            [] if !computed => match self.value(&a.right) {
                Value::Object { props, spreads } => {
                    opaque = !spreads.is_empty();
                    headers = props;
                }
                _ => opaque = true,
            },
            [name] if !computed => headers.push(PropFact {
                key: name.clone(),
                value: self.value(&a.right),
                origin: self.origin(a.span),
            }),
            _ => opaque = true,
        }
        self.out.header_defaults.push(HeaderDefaults {
            client,
            method,
            headers,
            opaque,
            origin: self.origin(a.span),
        });
    }

    /// The client a member path root denotes: the axios default export, a
    /// binding of the module, `this.x` in a class.
    fn client_of(&self, root: &Expr, prefix: &[String]) -> Option<CalleeFact> {
        match root {
            Expr::Ident(i) if self.is_axios(&i.sym) && prefix.is_empty() => {
                Some(CalleeFact::Axios { member: None })
            }
            Expr::Ident(i) => match self.ident(&i.sym) {
                Value::Ref { name, path } => Some(CalleeFact::Ref {
                    name,
                    path: path.into_iter().chain(prefix.iter().cloned()).collect(),
                }),
                _ => None,
            },
            Expr::This(_) if self.in_class && !prefix.is_empty() => Some(CalleeFact::Ref {
                name: "this".into(),
                path: prefix.to_vec(),
            }),
            _ => None,
        }
    }

    /// `h.append('X', v)` / `h.set('X', v)` on a local `Headers`.
    pub(super) fn header_call(&mut self, c: &CallExpr) {
        let Callee::Expr(callee) = &c.callee else {
            return;
        };
        let Expr::Member(m) = unwrap(callee) else {
            return;
        };
        let (Expr::Ident(obj), Some(op)) = (unwrap(&m.obj), member_prop(&m.prop)) else {
            return;
        };
        if !matches!(op.as_str(), "append" | "set") {
            return;
        }
        let name = match c.args.first().map(|a| unwrap(&a.expr)) {
            Some(Expr::Lit(Lit::Str(s))) => Some(wtf(&s.value)),
            _ => None,
        };
        let value = c
            .args
            .get(1)
            .map(|a| self.value(&a.expr))
            .unwrap_or(Value::Unknown);
        let origin = self.origin(c.span);
        self.update_local(&obj.sym, true, name, value, origin);
    }

    /// `headers['X'] = v` / `headers.X = v` on a local object or `Headers`.
    fn local_header_write(&mut self, m: &MemberExpr, right: Option<&Expr>) -> bool {
        let Expr::Ident(obj) = unwrap(&m.obj) else {
            return false;
        };
        let name = member_prop(&m.prop);
        let value = right.map(|r| self.value(r)).unwrap_or(Value::Unknown);
        let origin = self.origin(m.span);
        self.update_local(&obj.sym, false, name, value, origin)
    }

    /// Adds a header to a local holding a headers object; `None` as the name
    /// marks it as holding names seam cannot read.
    fn update_local(
        &mut self,
        local: &str,
        headers_only: bool,
        name: Option<String>,
        value: Value,
        origin: crate::model::Origin,
    ) -> bool {
        let Some(slot) = self
            .scopes
            .iter_mut()
            .rev()
            .find_map(|s| s.locals.get_mut(local))
        else {
            return false;
        };
        let target = match slot {
            Value::New { ctor, args } if ctor == "Headers" => {
                if args.is_empty() {
                    args.push(Value::Object {
                        props: Vec::new(),
                        spreads: Vec::new(),
                    });
                }
                &mut args[0]
            }
            Value::Object { .. } if !headers_only => slot,
            _ => return false,
        };
        let Value::Object { props, spreads } = target else {
            // `new Headers(other)`: not a literal object.
            return true;
        };
        match name {
            Some(key) => props.push(PropFact { key, value, origin }),
            None => spreads.push(Value::Unknown),
        }
        true
    }
}
