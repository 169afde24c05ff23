//! How client code reads a response: `res.json()`, `.then(r => r.json())`,
//! `res.data`, destructuring, with uses on the error branch
//! (`if (!res.ok) throw ...`) left out.

use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::super::names::{member_prop, pat_bindings, unwrap};
use super::Extractor;
use crate::model::ResponseUse;

/// Where a recorded call went: the module's calls or a wrapper's template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Slot {
    Module(usize),
    Forwarded(usize),
}

impl Extractor<'_> {
    fn set_declared_return(&mut self, slot: Slot, t: crate::model::TsType) {
        let call = match slot {
            Slot::Module(i) => self.out.calls.get_mut(i),
            Slot::Forwarded(i) => self.scopes.first_mut().and_then(|s| s.forwarded.get_mut(i)),
        };
        if let Some(call) = call {
            if call.declared_return.is_none() {
                call.declared_return = Some(t);
            }
        }
    }

    pub(super) fn add_use(&mut self, slot: Slot, u: ResponseUse) {
        if self.error_path == Some(slot) {
            return;
        }
        let call = match slot {
            Slot::Module(i) => self.out.calls.get_mut(i),
            Slot::Forwarded(i) => self.scopes.first_mut().and_then(|s| s.forwarded.get_mut(i)),
        };
        if let Some(call) = call {
            if !call.response.contains(&u) {
                call.response.push(u);
            }
        }
    }

    /// The recorded call an expression is (through `await` and parentheses).
    pub(super) fn slot_of(&self, e: &Expr) -> Option<Slot> {
        match unwrap(e) {
            Expr::Call(c) => self.slots.get(&(c.span.lo.0, c.span.hi.0)).copied(),
            Expr::Ident(i) => self
                .scopes
                .iter()
                .rev()
                .find_map(|s| s.responses.get(i.sym.as_str()).copied()),
            _ => None,
        }
    }

    /// `res.json()`, `(await fetch(u)).text()`, `fetch(u).then(r => r.json())`.
    pub(super) fn response_use(&mut self, c: &CallExpr) {
        let swc_ecma_ast::Callee::Expr(callee) = &c.callee else {
            return;
        };
        let Expr::Member(m) = unwrap(callee) else {
            return;
        };
        let Some(slot) = self.slot_of(&m.obj) else {
            return;
        };
        let Some(name) = member_prop(&m.prop) else {
            return;
        };
        if name == "then" {
            if let Some(cb) = c.args.first() {
                let mut uses = UsesOf::default();
                uses.callback(&cb.expr);
                for u in uses.found {
                    self.add_use(slot, u);
                }
            }
        } else if let Some(u) = ResponseUse::of_member(&name) {
            self.add_use(slot, u);
            // `return res.json()` in a function declared `Promise<T>`.
            if let Some(t) = self.declared_return(c.span) {
                self.set_declared_return(slot, t);
            }
        }
    }
}

/// How a `.then(r => ...)` callback uses its response parameter.
#[derive(Default)]
pub(super) struct UsesOf {
    name: Option<String>,
    pub(super) found: Vec<ResponseUse>,
}

impl UsesOf {
    pub(super) fn callback(&mut self, e: &Expr) {
        match unwrap(e) {
            Expr::Arrow(a) => {
                match a.params.first() {
                    Some(Pat::Ident(b)) => self.name = Some(b.id.sym.to_string()),
                    Some(Pat::Object(o)) => {
                        for (n, path, _) in pat_bindings(&Pat::Object(o.clone())) {
                            let _ = n;
                            if let Some(u) = path.first().and_then(|k| ResponseUse::of_member(k)) {
                                self.found.push(u);
                            }
                        }
                        return;
                    }
                    _ => return,
                }
                a.body.visit_with(self);
            }
            Expr::Fn(f) => {
                if let Some(Pat::Ident(b)) = f.function.params.first().map(|p| &p.pat) {
                    self.name = Some(b.id.sym.to_string());
                    f.function.body.visit_with(self);
                }
            }
            _ => {}
        }
    }
}

impl Visit for UsesOf {
    fn visit_member_expr(&mut self, m: &MemberExpr) {
        if let (Expr::Ident(i), Some(name)) = (unwrap(&m.obj), &self.name) {
            if i.sym == *name.as_str() {
                if let Some(u) = member_prop(&m.prop).and_then(|p| ResponseUse::of_member(&p)) {
                    if !self.found.contains(&u) {
                        self.found.push(u);
                    }
                }
            }
        }
        m.visit_children_with(self);
    }
}

impl Extractor<'_> {
    /// `!res.ok` → the consequent is the error path; `res.ok` → the
    /// alternative; `res.status !== 200` / `>= 400` → the consequent.
    pub(super) fn error_branch(&self, test: &Expr) -> Option<(Slot, bool)> {
        let (inner, negated) = match unwrap(test) {
            Expr::Unary(u) if u.op == UnaryOp::Bang => (unwrap(&u.arg), true),
            other => (other, false),
        };
        match inner {
            Expr::Member(m) if member_prop(&m.prop).as_deref() == Some("ok") => {
                Some((self.slot_of(&m.obj)?, negated))
            }
            Expr::Bin(b) => {
                let Expr::Member(m) = unwrap(&b.left) else {
                    return None;
                };
                if member_prop(&m.prop).as_deref() != Some("status") {
                    return None;
                }
                let slot = self.slot_of(&m.obj)?;
                let cons_is_error = matches!(
                    b.op,
                    BinaryOp::NotEqEq | BinaryOp::NotEq | BinaryOp::GtEq | BinaryOp::Gt
                );
                Some((slot, cons_is_error))
            }
            _ => None,
        }
    }
}
