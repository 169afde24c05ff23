//! Request headers as the Fetch standard and browsers treat them: which
//! ones a script cannot set (the browser owns them), which ones never need
//! a CORS preflight (safelisted), and which ones reach the server without
//! the frontend's code setting them (for HTTP009).

/// A forbidden request-header name (Fetch): scripts cannot set it, the
/// browser drops it silently or sets it itself. `User-Agent` left the
/// standard's list but Chromium still refuses it, so it is treated alike.
pub fn is_forbidden(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("proxy-")
        || n.starts_with("sec-")
        || matches!(
            n.as_str(),
            "accept-charset"
                | "accept-encoding"
                | "access-control-request-headers"
                | "access-control-request-method"
                | "connection"
                | "content-length"
                | "cookie"
                | "cookie2"
                | "date"
                | "dnt"
                | "expect"
                | "host"
                | "keep-alive"
                | "origin"
                | "referer"
                | "set-cookie"
                | "te"
                | "trailer"
                | "transfer-encoding"
                | "upgrade"
                | "user-agent"
                | "via"
        )
}

/// A CORS-unsafe request-header byte (Fetch).
fn unsafe_byte(b: u8) -> bool {
    (b < 0x20 && b != 0x09) || b"\"():<>?@[\\]{}\x7f".contains(&b)
}

/// The Content-Type media types a cross-origin request may send without a
/// preflight.
pub const SAFELISTED_CONTENT_TYPES: &[&str] = &[
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "text/plain",
];

/// Is `name: value` a CORS-safelisted request header (Fetch §
/// "CORS-safelisted request-header")? A value seam does not know (`None`)
/// counts as safelisted for the names that can be: it cannot be judged.
/// The 1024-byte total over all safelisted headers is not checked.
pub fn is_safelisted(name: &str, value: Option<&str>) -> bool {
    let n = name.to_ascii_lowercase();
    if !matches!(
        n.as_str(),
        "accept" | "accept-language" | "content-language" | "content-type" | "range"
    ) {
        return false;
    }
    let Some(v) = value else { return true };
    let v = v.as_bytes();
    if v.len() > 128 {
        return false;
    }
    match n.as_str() {
        "accept" => !v.iter().any(|b| unsafe_byte(*b)),
        "accept-language" | "content-language" => v
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b" *,-.;=".contains(b)),
        "content-type" => {
            !v.iter().any(|b| unsafe_byte(*b))
                && SAFELISTED_CONTENT_TYPES
                    .contains(&media_type(&String::from_utf8_lossy(v)).as_str())
        }
        _ => simple_range(v),
    }
}

/// The essence of a MIME type: `Text/Plain; charset=utf-8` → `text/plain`.
pub fn media_type(v: &str) -> String {
    v.split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// A simple range header value: `bytes=N-` or `bytes=N-M` (N ≤ M); suffix
/// ranges (`bytes=-N`) and lists are not.
fn simple_range(v: &[u8]) -> bool {
    let Some(rest) = v.strip_prefix(b"bytes=") else {
        return false;
    };
    let Some(dash) = rest.iter().position(|b| *b == b'-') else {
        return false;
    };
    let (start, end) = (&rest[..dash], &rest[dash + 1..]);
    let num = |s: &[u8]| -> Option<u64> {
        if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(s).ok()?.parse().ok()
    };
    let Some(start) = num(start) else {
        return false;
    };
    end.is_empty() || num(end).is_some_and(|e| start <= e)
}

/// A header every browser request carries without the page's code setting
/// it: the forbidden names the browser fills in (`Origin`, `Cookie`,
/// `User-Agent`, `Accept-Encoding`, ...), `Accept` and `Accept-Language`
/// (defaults the browser sends), and the fetch metadata (`Sec-Fetch-*`).
pub fn browser_sends(name: &str) -> bool {
    is_forbidden(name)
        || matches!(
            name.to_ascii_lowercase().as_str(),
            "accept" | "accept-language"
        )
}

/// A header proxies and load balancers add before the request reaches the
/// Go server (`X-Forwarded-For`, `X-Real-IP`, ...).
pub fn proxy_adds(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("x-forwarded-")
        || n.starts_with("cf-")
        || n.starts_with("x-envoy-")
        || n.starts_with("x-amzn-")
        || matches!(
            n.as_str(),
            "forwarded" | "x-real-ip" | "x-client-ip" | "true-client-ip" | "x-cloud-trace-context"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safelist_follows_fetch() {
        assert!(is_safelisted("Accept-Language", Some("de-DE,de;q=0.9")));
        assert!(is_safelisted(
            "accept",
            Some("application/json, text/plain, */*")
        ));
        assert!(is_safelisted(
            "Content-Type",
            Some("application/x-www-form-urlencoded;charset=UTF-8")
        ));
        assert!(is_safelisted(
            "Content-Type",
            Some("multipart/form-data; boundary=x")
        ));
        assert!(is_safelisted("Content-Type", None));
        assert!(!is_safelisted("Content-Type", Some("application/json")));
        assert!(!is_safelisted("Content-Type", Some("text/plain; a=\"b\"")));
        assert!(!is_safelisted("Accept-Language", Some("de_DE")));
        assert!(!is_safelisted("Accept", Some(&"a".repeat(129))));
        assert!(!is_safelisted("X-Request-ID", Some("1")));
        assert!(!is_safelisted("Authorization", None));
        assert!(is_safelisted("Range", Some("bytes=0-99")));
        assert!(is_safelisted("Range", Some("bytes=100-")));
        assert!(!is_safelisted("Range", Some("bytes=-100")));
        assert!(!is_safelisted("Range", Some("bytes=5-1")));
        assert!(!is_safelisted("Range", Some("bytes=0-1,5-9")));
    }

    #[test]
    fn browser_owned_and_proxy_headers() {
        for h in [
            "Origin",
            "cookie",
            "Sec-Fetch-Mode",
            "Proxy-Authorization",
            "User-Agent",
        ] {
            assert!(is_forbidden(h), "{h}");
        }
        assert!(!is_forbidden("Authorization"));
        assert!(browser_sends("Accept-Language"));
        assert!(!browser_sends("X-Api-Key"));
        assert!(proxy_adds("X-Forwarded-For"));
        assert!(!proxy_adds("X-Request-ID"));
    }
}
