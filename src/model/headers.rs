//! Header names as Go and the Fetch standard see them: Go's canonical key
//! form, and the comma lists header values hold.

use serde::{Deserialize, Serialize};

use super::Origin;

/// A byte RFC 9110 allows in a header name (`tchar`), as Go's
/// `net/textproto.validHeaderFieldByte` decides.
fn is_token_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'.'
                | b'^'
                | b'_'
                | b'`'
                | b'|'
                | b'~'
        )
}

/// Go's `textproto.CanonicalMIMEHeaderKey` (= `http.CanonicalHeaderKey`):
/// the first letter and every letter after a `-` upper case, the rest lower
/// case. A key holding a byte that is not a token byte (a space, a `:`,
/// anything non-ASCII) or an empty key is returned unchanged, as Go does.
pub fn canonical_header_key(key: &str) -> String {
    if key.is_empty() || !key.bytes().all(is_token_byte) {
        return key.to_string();
    }
    let mut upper = true;
    key.bytes()
        .map(|c| {
            let out = if upper {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            };
            upper = c == b'-';
            out as char
        })
        .collect()
}

/// The names of a comma-separated header value (`Vary`,
/// `Access-Control-Allow-Headers`): trimmed, empty items dropped.
pub fn header_list(value: &str) -> Vec<&str> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// A string key a Go `http.Header` map is indexed with, or a key of an
/// `http.Header{...}` literal (HTTP007).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderKeyUse {
    /// The key's value (a literal or a constant of the file).
    pub key: String,
    /// How the map is used with it.
    pub access: HeaderKeyAccess,
    /// The index expression or literal element.
    pub origin: Origin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeaderKeyAccess {
    /// `h["x"]` read.
    Read,
    /// `h["x"] = v`, `http.Header{"x": ...}`.
    Write,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_keys_follow_go() {
        for (k, want) in [
            ("x-request-id", "X-Request-Id"),
            ("X-Request-ID", "X-Request-Id"),
            ("content-type", "Content-Type"),
            ("CONTENT-TYPE", "Content-Type"),
            ("Etag", "Etag"),
            ("www-authenticate", "Www-Authenticate"),
            ("foo-", "Foo-"),
            ("-foo", "-Foo"),
            ("a--b", "A--B"),
            ("x_custom_key", "X_custom_key"),
            ("x.y", "X.y"),
            ("1st-header", "1st-Header"),
            // Invalid bytes: unchanged, as Go leaves them.
            ("content type", "content type"),
            ("x-ünïcode", "x-ünïcode"),
            ("host:", "host:"),
            ("", ""),
        ] {
            assert_eq!(canonical_header_key(k), want, "{k}");
        }
    }

    #[test]
    fn lists_split_on_commas() {
        assert_eq!(
            header_list(" Accept-Language, Accept ,,Origin"),
            vec!["Accept-Language", "Accept", "Origin"]
        );
        assert!(header_list("").is_empty());
    }
}
