//! Wrapper detection: a call inside a module-level function that passes the
//! function's parameters on as its URL or request config makes the
//! function a wrapper; other calls are real calls whose parameters are
//! just values.

use super::Param;
use crate::model::{TsCall, UrlPart, Value};

/// Parameter names that carry a URL rather than a path parameter.
const URL_PARAM_NAMES: &[&str] = &["url", "path", "uri", "endpoint", "api", "route", "href"];

/// Does the call pass the wrapper's parameters on as its URL or config?
pub(super) fn forwards(call: &TsCall, params: &[Param]) -> bool {
    let url_named = |index: u32| {
        params.iter().any(|p| {
            p.index == index
                && URL_PARAM_NAMES
                    .iter()
                    .any(|n| p.name.eq_ignore_ascii_case(n))
        })
    };
    let structural = |parts: &[UrlPart]| {
        // A parameter in the query string (`?q=${q}&page=${page}`) is a
        // value, whatever precedes it: the path is already fixed.
        let query_at = parts
            .iter()
            .position(|p| matches!(p, UrlPart::Lit(s) if s.contains(['?', '#'])))
            .unwrap_or(parts.len());
        parts[..query_at].iter().enumerate().any(|(i, part)| {
            let UrlPart::Param { index, .. } = part else {
                return false;
            };
            if i == 0 || url_named(*index) {
                return true;
            }
            match &parts[i - 1] {
                UrlPart::Lit(s) => !s.ends_with('/'),
                _ => true,
            }
        })
    };
    match call.args.first() {
        Some(Value::Param { .. }) => true,
        Some(Value::Str { parts }) => structural(parts),
        Some(Value::Object { props, spreads }) => {
            spreads.iter().any(|s| matches!(s, Value::Param { .. }))
                || props.iter().any(|p| {
                    p.key == "url"
                        && match &p.value {
                            Value::Param { .. } => true,
                            Value::Str { parts } => structural(parts),
                            _ => false,
                        }
                })
        }
        _ => false,
    }
}

/// In a call that is not a wrapper's template, parameters are just values:
/// path parameters in URLs, typed values elsewhere.
pub(super) fn demote_params(mut call: TsCall, params: &[Param]) -> TsCall {
    fn name_of(params: &[Param], index: u32, path: &[String]) -> String {
        let base = params
            .iter()
            .find(|p| p.index == index && p.path.is_empty())
            .or_else(|| params.iter().find(|p| p.index == index))
            .map(|p| p.name.clone())
            .unwrap_or_else(|| format!("arg{index}"));
        std::iter::once(base)
            .chain(path.iter().cloned())
            .collect::<Vec<_>>()
            .join(".")
    }
    fn fix(v: &mut Value, params: &[Param]) {
        match v {
            Value::Str { parts } => {
                for part in parts.iter_mut() {
                    if let UrlPart::Param { index, path } = part {
                        *part = UrlPart::Dynamic(name_of(params, *index, path));
                    }
                }
            }
            Value::Param { index, path } => {
                let ty = params
                    .iter()
                    .find(|p| p.index == *index && p.path == *path)
                    .and_then(|p| p.ty.clone());
                *v = match ty {
                    Some(ty) => Value::Typed { ty },
                    None => Value::Unknown,
                };
            }
            Value::Object { props, spreads } => {
                for p in props {
                    fix(&mut p.value, params);
                }
                for s in spreads {
                    fix(s, params);
                }
            }
            Value::New { args, .. } => {
                for a in args {
                    fix(a, params);
                }
            }
            _ => {}
        }
    }
    for a in &mut call.args {
        fix(a, params);
    }
    call
}
