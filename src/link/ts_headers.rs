//! Headers a client call sends beyond its own arguments, and whether seam
//! knows all of them: the client a request interceptor or a defaults write
//! belongs to (an instance, imported or not, a class field), headers of
//! `defaults.headers` (per method), and interceptors or headers objects
//! seam cannot read, which make a call's header set incomplete.

use std::collections::{HashMap, HashSet};

use super::ts_calls::{headers_of, prop, str_value, CallResolver, ClientKey};
use super::ts_index::{Target, TsIndex};
use crate::model::{Callee, HeaderUse, Origin, Value};

/// Defaults writes and unreadable header sources, by client.
#[derive(Default)]
pub struct ClientHeaders {
    /// `(method, header)`: `None` applies to every method.
    pub defaults: HashMap<ClientKey, Vec<(Option<String>, HeaderUse)>>,
    /// Clients with an interceptor or defaults write seam could not read.
    pub opaque: HashSet<ClientKey>,
}

/// The client (instance) a callee of `module` denotes, written at `at`:
/// `None` inside is the global axios.
pub fn client_key(ix: &TsIndex, module: &str, callee: &Callee, at: &Origin) -> Option<ClientKey> {
    match callee {
        Callee::Axios { .. } => Some(None),
        // `this.service` in a class: the client the constructor stores.
        Callee::Ref { name, path } if name == "this" => {
            let [field] = path.as_slice() else {
                return None;
            };
            let m = ix.module(module)?;
            let class = m.bindings.iter().find_map(|b| match &b.value {
                Value::Class(c) if b.origin.start <= at.start && at.end <= b.origin.end => Some(c),
                _ => None,
            })?;
            match &class.fields.iter().rev().find(|f| &f.key == field)?.value {
                Value::Client(def) => Some(Some((def.origin.path.to_string(), def.origin.start))),
                _ => None,
            }
        }
        Callee::Ref { name, path } => {
            let t = ix.lookup(module, name, 0)?;
            match ix.follow(t, path, 0) {
                Some((
                    Target::Value {
                        value: Value::Client(def),
                        ..
                    },
                    rest,
                )) if rest.is_empty() => {
                    Some(Some((def.origin.path.to_string(), def.origin.start)))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

impl CallResolver<'_, '_> {
    /// Reads every module's defaults writes and marks unreadable interceptors.
    pub fn collect_client_headers(&self) -> ClientHeaders {
        let mut out = ClientHeaders::default();
        for (path, m) in self.ix.modules() {
            for i in m.interceptors.iter().filter(|i| i.opaque) {
                if let Some(k) = client_key(self.ix, path, &i.client, &i.origin) {
                    out.opaque.insert(k);
                }
            }
            for d in &m.header_defaults {
                let Some(k) = client_key(self.ix, path, &d.client, &d.origin) else {
                    continue;
                };
                if d.opaque {
                    out.opaque.insert(k.clone());
                }
                let list = out.defaults.entry(k).or_default();
                for h in &d.headers {
                    list.push((
                        d.method.clone(),
                        HeaderUse {
                            name: h.key.clone(),
                            value: str_value(&self.concrete(path, &h.value, 0)),
                            origin: h.origin.clone(),
                        },
                    ));
                }
            }
        }
        out
    }

    /// Headers the client's defaults add to a request of `method`.
    pub fn default_headers(&self, key: &ClientKey, method: Option<&str>) -> Vec<HeaderUse> {
        self.client_headers
            .defaults
            .get(key)
            .into_iter()
            .flatten()
            .filter(|(m, _)| m.is_none() || m.as_deref() == method)
            .map(|(_, h)| h.clone())
            .collect()
    }
}

/// Which argument of an axios call is its request config.
pub fn axios_config_index(member: Option<&str>, args: &[Value]) -> usize {
    match member {
        None if matches!(args.first(), Some(Value::Object { .. })) => 0,
        Some("request") => 0,
        Some("post" | "put" | "patch") => 2,
        _ => 1,
    }
}

/// An axios `headers` object: `common` and the request's method entry
/// (`post: {...}`) flattened into it, other methods' entries dropped.
pub fn axios_headers(v: Option<&Value>, method: Option<&str>) -> Vec<HeaderUse> {
    let mut out = Vec::new();
    for h in headers_of(v) {
        let key = h.name.to_ascii_lowercase();
        if key == "common" || method.is_some_and(|m| m.eq_ignore_ascii_case(&key)) {
            let inner = v.and_then(|v| prop(v, &h.name));
            out.extend(headers_of(inner.as_ref()));
        } else if !["get", "post", "put", "patch", "delete", "head", "options"]
            .contains(&key.as_str())
        {
            out.push(h);
        }
    }
    out
}

/// Is a request config (an argument; `None`: not passed) known well enough
/// that its headers are all of them?
pub fn config_complete(cfg: Option<&Value>) -> bool {
    match cfg {
        None => true,
        Some(v @ Value::Object { spreads, .. }) => {
            spreads
                .iter()
                .all(|s| matches!(s, Value::Object { .. }) && config_complete(Some(s)))
                && headers_complete(prop(v, "headers").as_ref())
        }
        Some(_) => false,
    }
}

/// A `headers` value with only named entries.
fn headers_complete(h: Option<&Value>) -> bool {
    match h {
        None => true,
        Some(Value::Object { spreads, .. }) => spreads
            .iter()
            .all(|s| matches!(s, Value::Object { .. }) && headers_complete(Some(s))),
        Some(Value::New { ctor, args }) if ctor == "Headers" => {
            args.is_empty() || headers_complete(args.first())
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::frontends;
    use crate::link::link;
    use crate::walk::classify;

    /// Per call: `METHOD path`, `name=value` of its headers, completeness.
    fn headers(files: &[(&str, &str)]) -> Vec<(String, Vec<String>, bool)> {
        let facts = files
            .iter()
            .map(|(p, t)| frontends::analyze(p, classify(p).expect("kind"), t.as_bytes()))
            .collect();
        let a = link(facts, &Config::default());
        a.calls
            .iter()
            .map(|c| {
                (
                    format!("{} {}", c.method.clone().unwrap_or_default(), c.path),
                    c.headers
                        .iter()
                        .map(|h| format!("{}={}", h.name, h.value.clone().unwrap_or("?".into())))
                        .collect(),
                    c.headers_complete,
                )
            })
            .collect()
    }

    fn call(m: &str, h: &[&str], complete: bool) -> (String, Vec<String>, bool) {
        (
            m.into(),
            h.iter().map(|s| s.to_string()).collect(),
            complete,
        )
    }

    #[test]
    fn defaults_imported_interceptors_classes_and_headers_objects() {
        let got = headers(&[
            (
                "web/src/api/client.ts",
                r#"import axios from 'axios'
export const client = axios.create({ baseURL: '/api', headers: { 'X-App': 'shop', post: { 'X-Post': '1' } } })
client.defaults.headers.common['X-Tenant'] = 'acme'
client.defaults.headers.put['X-Put'] = 'p'
axios.defaults.headers.common.Authorization = 'Bearer x'
"#,
            ),
            (
                "web/src/api/auth.ts",
                r#"import { client } from './client'
client.interceptors.request.use((config) => {
  config.headers['X-Request-ID'] = crypto.randomUUID()
  return config
})
export const me = () => client.get('/me')
export const save = () => client.post('/me', { a: 1 })
"#,
            ),
            (
                "web/src/api/svc.ts",
                r#"import axios, { AxiosInstance } from 'axios'
class Http {
  service: AxiosInstance
  constructor(config: any) {
    this.service = axios.create(config)
    this.service.interceptors.request.use((cfg) => {
      cfg.headers.set('X-Trace', '1')
      return cfg
    })
  }
  get(url: string) { return this.service.get(url) }
}
export default new Http({ baseURL: '/api' })
"#,
            ),
            (
                "web/src/api/use.ts",
                r#"import axios from 'axios'
import http from './svc'
export const list = () => http.get('/items')
export async function f() {
  const h = new Headers()
  h.append('X-Csrf', 'abc')
  h.set('Accept-Language', 'de')
  return fetch('/api/f', { headers: h })
}
export async function g(extra: Record<string, string>) {
  const headers: Record<string, string> = { Accept: 'application/json' }
  headers['X-Client'] = 'web'
  await fetch('/api/g', { headers })
  await fetch('/api/g2', { headers: { ...extra } })
  return axios.get('/api/global')
}
"#,
            ),
        ]);
        assert_eq!(
            got,
            vec![
                call(
                    "GET /api/me",
                    &["X-App=shop", "X-Request-ID=?", "X-Tenant=acme"],
                    true
                ),
                call(
                    "POST /api/me",
                    &["X-App=shop", "X-Post=1", "X-Request-ID=?", "X-Tenant=acme"],
                    true
                ),
                call("GET /api/items", &["X-Trace=1"], true),
                call("GET /api/f", &["X-Csrf=abc", "Accept-Language=de"], true),
                call(
                    "GET /api/g",
                    &["Accept=application/json", "X-Client=web"],
                    true
                ),
                call("GET /api/g2", &[], false),
                call("GET /api/global", &["Authorization=Bearer x"], true),
            ]
        );
    }

    #[test]
    fn unreadable_interceptors_and_defaults_make_calls_incomplete() {
        let got = headers(&[(
            "web/src/api/a.ts",
            r#"import axios from 'axios'
import { addAuth } from './auth'
export const a = axios.create({ baseURL: '/a' })
a.interceptors.request.use(addAuth)
export const b = axios.create({ baseURL: '/b' })
b.interceptors.request.use((config) => {
  for (const [k, v] of Object.entries(extra())) config.headers[k] = v
  return config
})
export const c = axios.create({ baseURL: '/c' })
c.interceptors.request.use((config) => ({ ...config, headers: { ...config.headers, 'X-C': '1' } }))
export const d = axios.create({ baseURL: '/d' })
d.defaults.headers.common = tokenHeaders()
export const calls = () => Promise.all([a.get('/x'), b.get('/x'), c.get('/x'), d.get('/x')])
const TENANT = 'X-Tenant-ID'
export const e1 = (id: string) => axios.get('/e1', { headers: { [TENANT]: id } })
export const e2 = (id: string) => axios.get('/e2', { headers: { ['X-Tenant-ID']: id } })
"#,
        )]);
        assert_eq!(
            got,
            vec![
                call("GET /a/x", &[], false),
                call("GET /b/x", &[], false),
                call("GET /c/x", &["X-C=1"], true),
                call("GET /d/x", &[], false),
                call("GET /e1", &[], false),
                call("GET /e2", &["X-Tenant-ID=?"], true),
            ]
        );
    }
}
