//! HTTP001 unknown-route: a call reaches no route although the backend
//! serves its prefix.

use super::{Context, Rule};
use crate::findings::Finding;
use crate::link::LinkStatus;

pub struct UnknownRoute;

impl Rule for UnknownRoute {
    fn id(&self) -> &'static str {
        "HTTP001"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        for (call, link) in a.calls.iter().zip(&a.links) {
            let LinkStatus::NoRoute { closest } = link else {
                continue;
            };
            let method = call.method.as_deref().unwrap_or("a request");
            let mut f = cx
                .finding(
                    self.id(),
                    &call.origin,
                    format!("{method} {} matches no route of the backend", call.path),
                )
                .key(format!("{method} {}", call.path));
            if call.url_text != call.path.to_string() {
                f.message
                    .push_str(&format!(" (the call's URL is `{}`)", call.url_text));
            }
            for via in &call.via {
                f = f.related(&via.origin, via.what.clone());
            }
            let mut names = Vec::new();
            for &i in closest {
                let e = &a.endpoints[i];
                f = f.related(&e.origin, format!("closest route: {}", e.display()));
                names.push(e.display());
            }
            if let Some(best) = names.first() {
                f = f.help(format!("did you mean `{best}`? Fix the URL on the client, or register the route on the server"));
            }
            out.push(f);
        }
    }
}
