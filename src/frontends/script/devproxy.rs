//! Dev-server proxy rules from `vite.config.*` (`server.proxy`) and
//! `vue.config.js` (`devServer.proxy`): which path prefixes the dev server
//! forwards to the backend, and how it rewrites them.

use swc_common::Spanned;
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use super::names::{prop_name, unwrap, wtf};
use super::parse::offset;
use crate::model::DevProxy;
use crate::source::LineIndex;

/// Is this file a dev-server config seam reads proxy rules from?
pub fn is_dev_config(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with("vite.config.") || name == "vue.config.js"
}

pub fn extract(program: &Program, idx: &LineIndex) -> Vec<DevProxy> {
    let mut v = Finder {
        idx,
        out: Vec::new(),
    };
    program.visit_with(&mut v);
    v.out
}

struct Finder<'a> {
    idx: &'a LineIndex<'a>,
    out: Vec<DevProxy>,
}

impl Visit for Finder<'_> {
    fn visit_key_value_prop(&mut self, kv: &KeyValueProp) {
        if prop_name(&kv.key).as_deref() == Some("proxy") {
            if let Expr::Object(o) = unwrap(&kv.value) {
                for p in &o.props {
                    let PropOrSpread::Prop(p) = p else { continue };
                    let Prop::KeyValue(rule) = &**p else { continue };
                    let Some(context) = prop_name(&rule.key) else {
                        continue;
                    };
                    let rewrite = match unwrap(&rule.value) {
                        Expr::Object(opts) => rewrite_of(opts),
                        _ => None,
                    };
                    let span = rule.span();
                    self.out.push(DevProxy {
                        context: context.trim_start_matches('^').to_string(),
                        rewrite,
                        origin: self.idx.origin(offset(span.lo), offset(span.hi)),
                    });
                }
            }
        }
        kv.visit_children_with(self);
    }
}

/// `rewrite: (p) => p.replace(/^\/api/, '')` or `pathRewrite: { '^/api': '' }`.
fn rewrite_of(opts: &ObjectLit) -> Option<(String, String)> {
    for p in &opts.props {
        let PropOrSpread::Prop(p) = p else { continue };
        match &**p {
            Prop::KeyValue(kv) => match prop_name(&kv.key).as_deref() {
                Some("rewrite") => return replace_call(&kv.value),
                Some("pathRewrite") => {
                    if let Expr::Object(map) = unwrap(&kv.value) {
                        for e in &map.props {
                            let PropOrSpread::Prop(e) = e else { continue };
                            let Prop::KeyValue(e) = &**e else { continue };
                            let (Some(from), Expr::Lit(Lit::Str(to))) =
                                (prop_name(&e.key), unwrap(&e.value))
                            else {
                                continue;
                            };
                            return literal_prefix(&from).map(|f| (f, wtf(&to.value)));
                        }
                    }
                }
                _ => {}
            },
            Prop::Method(m) if prop_name(&m.key).as_deref() == Some("rewrite") => {
                let stmt = m.function.body.as_ref()?.stmts.first()?;
                if let Stmt::Return(ReturnStmt { arg: Some(e), .. }) = stmt {
                    return replace_of(e);
                }
            }
            _ => {}
        }
    }
    None
}

fn replace_call(e: &Expr) -> Option<(String, String)> {
    let body = match unwrap(e) {
        Expr::Arrow(a) => match &*a.body {
            ArrowFunctionBody::Expr(e) => e.clone(),
            ArrowFunctionBody::FunctionBody(b) => match b.stmts.first()? {
                Stmt::Return(ReturnStmt { arg: Some(e), .. }) => e.clone(),
                _ => return None,
            },
        },
        _ => return None,
    };
    replace_of(&body)
}

/// `path.replace(/^\/api/, '')` or `path.replace('/api', '')`.
fn replace_of(e: &Expr) -> Option<(String, String)> {
    let Expr::Call(c) = unwrap(e) else {
        return None;
    };
    let swc_ecma_ast::Callee::Expr(callee) = &c.callee else {
        return None;
    };
    let Expr::Member(m) = unwrap(callee) else {
        return None;
    };
    if !matches!(&m.prop, MemberProp::Ident(i) if i.sym == *"replace") {
        return None;
    }
    let from = match c.args.first().map(|a| unwrap(&a.expr))? {
        Expr::Lit(Lit::Regex(r)) => literal_prefix(&r.exp)?,
        Expr::Lit(Lit::Str(s)) => wtf(&s.value),
        _ => return None,
    };
    let to = match c.args.get(1).map(|a| unwrap(&a.expr))? {
        Expr::Lit(Lit::Str(s)) => wtf(&s.value),
        _ => return None,
    };
    Some((from, to))
}

/// The literal prefix an anchored regex source matches (`^\/api` → `/api`),
/// or `None` when it is more than a literal.
fn literal_prefix(re: &str) -> Option<String> {
    let body = re.strip_prefix('^')?;
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?),
            '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '$' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::literal_prefix;

    #[test]
    fn anchored_literals_only() {
        assert_eq!(literal_prefix(r"^\/api"), Some("/api".into()));
        assert_eq!(literal_prefix("^/api/v1"), Some("/api/v1".into()));
        assert_eq!(literal_prefix("/api"), None);
        assert_eq!(literal_prefix(r"^/api/(.*)"), None);
    }
}
