//! HTTP002 method-mismatch: the path is served, the method is not.

use super::{Context, Rule};
use crate::findings::Finding;
use crate::link::LinkStatus;

pub struct MethodMismatch;

impl Rule for MethodMismatch {
    fn id(&self) -> &'static str {
        "HTTP002"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        for (call, link) in a.calls.iter().zip(&a.links) {
            let LinkStatus::MethodMismatch { endpoints } = link else {
                continue;
            };
            let Some(method) = call.method.as_deref() else {
                continue;
            };
            let mut served: Vec<&str> = endpoints
                .iter()
                .map(|&i| a.endpoints[i].method.as_str())
                .collect();
            served.sort();
            served.dedup();
            let mut f = cx
                .finding(
                    self.id(),
                    &call.origin,
                    format!(
                        "{method} {} is not served: the backend serves this path for {} only",
                        call.path,
                        served.join(", ")
                    ),
                )
                .key(format!("{method} {}", call.path));
            for &i in endpoints {
                let e = &a.endpoints[i];
                f = f.related(&e.origin, format!("registered here as {}", e.display()));
            }
            f = f.help(format!(
                "send {} from the client, or register {method} for this path on the server",
                served.join(" or ")
            ));
            out.push(f);
        }
    }
}
