//! CORS policies of the Go backend: which request headers a cross-origin
//! request may send (the preflight's `Access-Control-Allow-Headers`).

use serde::{Deserialize, Serialize};

use super::Origin;

/// Who answers the preflight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CorsLibrary {
    /// `github.com/rs/cors`.
    RsCors,
    /// `github.com/go-chi/cors`.
    GoChiCors,
    /// `github.com/gin-contrib/cors`.
    GinContrib,
    /// echo's `middleware.CORS` / `CORSWithConfig`.
    Echo,
    /// Middleware of the module writing `Access-Control-Allow-*` itself.
    HandWritten,
}

impl CorsLibrary {
    pub fn name(self) -> &'static str {
        match self {
            CorsLibrary::RsCors => "rs/cors",
            CorsLibrary::GoChiCors => "go-chi/cors",
            CorsLibrary::GinContrib => "gin-contrib/cors",
            CorsLibrary::Echo => "echo's CORS middleware",
            CorsLibrary::HandWritten => "a hand-written CORS middleware",
        }
    }
}

/// The request headers a policy allows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "names", rename_all = "kebab-case")]
pub enum AllowedHeaders {
    /// Whatever the preflight asks for: the policy echoes
    /// `Access-Control-Request-Headers` back (echo with no list, rs/cors and
    /// go-chi/cors with `*`).
    Any,
    /// The names sent in `Access-Control-Allow-Headers`; a `*` in it is the
    /// Fetch wildcard (every name but `Authorization`, and only for requests
    /// without credentials).
    List(Vec<String>),
    /// Computed at run time: seam cannot tell.
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorsPolicy {
    pub library: CorsLibrary,
    pub headers: AllowedHeaders,
    /// The list is the library's default: the code gives none.
    pub default_headers: bool,
    /// Where the policy is built (the constructor call, or the
    /// `Access-Control-Allow-Headers` write).
    pub origin: Origin,
}

/// Does a policy let a request send a header?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Allows {
    Yes,
    No,
    /// The policy is not known well enough to say.
    Unknown,
}

impl CorsPolicy {
    /// Whether the preflight lets a request send `name` (case-insensitive).
    /// A `*` covers every name but `Authorization` (Fetch: the wildcard
    /// never matches it); credentialed requests, for which `*` is a plain
    /// name, are not told apart.
    pub fn allows(&self, name: &str) -> Allows {
        match &self.headers {
            AllowedHeaders::Any => Allows::Yes,
            AllowedHeaders::Unknown => Allows::Unknown,
            AllowedHeaders::List(names) => {
                let listed = names.iter().any(|n| n.eq_ignore_ascii_case(name));
                let wildcard =
                    names.iter().any(|n| n == "*") && !name.eq_ignore_ascii_case("authorization");
                if listed || wildcard {
                    Allows::Yes
                } else {
                    Allows::No
                }
            }
        }
    }

    /// The allowed names for messages: `Accept, Content-Type`, or `none`.
    pub fn describe_headers(&self) -> String {
        match &self.headers {
            AllowedHeaders::Any => "any header".into(),
            AllowedHeaders::Unknown => "headers seam cannot read".into(),
            AllowedHeaders::List(v) if v.is_empty() => {
                "no header beyond the safelisted ones".into()
            }
            AllowedHeaders::List(v) => v.join(", "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(h: AllowedHeaders) -> CorsPolicy {
        CorsPolicy {
            library: CorsLibrary::GinContrib,
            headers: h,
            default_headers: false,
            origin: Origin::file("x.go"),
        }
    }

    #[test]
    fn lists_match_without_case_and_the_wildcard_skips_authorization() {
        let p = policy(AllowedHeaders::List(vec![
            "content-type".into(),
            "*".into(),
        ]));
        assert_eq!(p.allows("Content-Type"), Allows::Yes);
        assert_eq!(p.allows("X-Request-Id"), Allows::Yes);
        assert_eq!(p.allows("Authorization"), Allows::No);
        let p = policy(AllowedHeaders::List(vec!["Origin".into()]));
        assert_eq!(p.allows("X-Request-Id"), Allows::No);
        assert_eq!(
            policy(AllowedHeaders::Any).allows("Authorization"),
            Allows::Yes
        );
        assert_eq!(policy(AllowedHeaders::Unknown).allows("X"), Allows::Unknown);
    }
}
