//! SEAM003 unresolved-call: an HTTP call whose URL seam could not resolve.

use super::{Context, Rule};
use crate::findings::Finding;

pub struct UnresolvedCall;

impl Rule for UnresolvedCall {
    fn id(&self) -> &'static str {
        "SEAM003"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for u in &cx.analysis.unresolved {
            out.push(
                cx.finding(self.id(), &u.origin, format!("{} call not checked: {}", u.client, u.reason))
                    .key(u.reason.clone())
                    .help("declare the wrapper in seam.toml ([[http.client]]) or use a URL seam can follow"),
            );
        }
    }
}
