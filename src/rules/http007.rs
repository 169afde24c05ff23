//! HTTP007 non-canonical-header-key: a Go `http.Header` map indexed with a
//! key that is not in canonical form. net/http stores every received header
//! under `textproto.CanonicalMIMEHeaderKey(name)`, so `r.Header["x-request-id"]`
//! never finds anything. Direct assignment is Go's documented way to keep a
//! non-canonical spelling, so writes are reported only for the headers
//! net/http itself looks up by their canonical key.

use super::{Context, Rule};
use crate::findings::Finding;
use crate::model::{canonical_header_key, HeaderKeyAccess};

pub struct NonCanonicalHeaderKey;

/// Headers net/http reads from a request's or response's map by canonical
/// key while sending or serving (Content-Type sniffing, framing, defaults).
const CONSULTED: &[&str] = &[
    "Content-Type",
    "Content-Length",
    "Content-Encoding",
    "Transfer-Encoding",
    "Connection",
    "Date",
    "Trailer",
    "Host",
    "User-Agent",
];

impl Rule for NonCanonicalHeaderKey {
    fn id(&self) -> &'static str {
        "HTTP007"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for file in &cx.analysis.files {
            let Some(go) = &file.go else { continue };
            for k in &go.header_keys {
                let canonical = canonical_header_key(&k.key);
                if canonical == k.key {
                    continue;
                }
                let message = match k.access {
                    HeaderKeyAccess::Read => format!(
                        "`{}` is looked up directly in an http.Header map, but Go stores every header under its canonical key `{canonical}`: this lookup never finds the header the client sent",
                        k.key
                    ),
                    HeaderKeyAccess::Write if CONSULTED.contains(&canonical.as_str()) => format!(
                        "`{}` is stored directly in an http.Header map, but net/http looks this header up as `{canonical}`: it does not see this value and may add its own (a second {canonical})",
                        k.key
                    ),
                    HeaderKeyAccess::Write => continue,
                };
                out.push(
                    cx.finding(self.id(), &k.origin, message)
                        .key(k.key.clone())
                        .help(format!(
                            "write the key as `{canonical}`, or use the methods that canonicalize (`Get`, `Values`, `Set`, `Add`, `Del`) or `http.CanonicalHeaderKey`"
                        )),
                );
            }
        }
    }
}
