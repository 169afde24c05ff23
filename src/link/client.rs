//! What a resolved client call puts on the wire and how it reads the
//! answer: body encoding from the body value and the Content-Type, response
//! consumption from `res.json()`, `responseType` and `.data`.

use crate::model::{BodyEncoding, HeaderUse, ResponseUse, UrlPart, Value};

/// The media type of a Content-Type value, lower-cased.
pub fn media_type(ct: &str) -> String {
    ct.split(';')
        .next()
        .unwrap_or(ct)
        .trim()
        .to_ascii_lowercase()
}

/// The encoding of a request body. `axios` serialises plain objects as
/// JSON (or as the Content-Type says); `fetch` sends strings as
/// `text/plain` unless told otherwise.
pub fn body_encoding(body: &Value, content_type: Option<&HeaderUse>, axios: bool) -> BodyEncoding {
    let ct = content_type
        .and_then(|h| h.value.as_deref())
        .map(media_type);
    let ct_is = |what: &str| {
        ct.as_deref()
            .is_some_and(|c| c == what || (what == "json" && c.ends_with("+json")))
    };
    let declared = if ct_is("application/json") || ct_is("json") {
        Some(BodyEncoding::Json)
    } else if ct_is("application/x-www-form-urlencoded") {
        Some(BodyEncoding::Form)
    } else if ct_is("multipart/form-data") {
        Some(BodyEncoding::Multipart)
    } else if ct.as_deref().is_some_and(|c| c.starts_with("text/")) {
        Some(BodyEncoding::Text)
    } else {
        None
    };
    match body {
        Value::New { .. } | Value::Typed { .. } => match ctor_name(body) {
            "FormData" => BodyEncoding::Multipart,
            "URLSearchParams" => BodyEncoding::Form,
            "Blob" | "File" | "ArrayBuffer" | "Uint8Array" | "ReadableStream" => {
                BodyEncoding::Binary
            }
            "string" => declared.unwrap_or(BodyEncoding::Text),
            _ if axios => declared.unwrap_or(BodyEncoding::Json),
            _ => BodyEncoding::Unknown,
        },
        Value::Object { .. } | Value::Array if axios => declared.unwrap_or(BodyEncoding::Json),
        Value::CallOf { callee } if callee == "JSON.stringify" => match declared {
            Some(BodyEncoding::Json) => BodyEncoding::Json,
            Some(other) => other,
            None => BodyEncoding::JsonText,
        },
        Value::CallOf { callee }
            if callee.ends_with("stringify") || callee.ends_with("toString") =>
        {
            declared.unwrap_or(BodyEncoding::Text)
        }
        Value::Str { parts } if parts.iter().all(|p| matches!(p, UrlPart::Lit(_))) => {
            declared.unwrap_or(BodyEncoding::Text)
        }
        _ => declared.unwrap_or(BodyEncoding::Unknown),
    }
}

/// The constructor or type name of a value: `FormData`, `Blob`, `string`.
fn ctor_name(v: &Value) -> &str {
    match v {
        Value::New { ctor, .. } => ctor,
        Value::Typed { ty } => match ty {
            crate::model::TsType::Ref { name, .. } => name,
            crate::model::TsType::Keyword { name } => name,
            _ => "",
        },
        _ => "",
    }
}

/// How the client reads the response. fetch: the body method called;
/// axios: `responseType`, else JSON when a type argument or `.data` says
/// the code expects parsed data.
pub fn reads(
    uses: &[ResponseUse],
    response_type: Option<&str>,
    typed: bool,
    axios: bool,
) -> Option<ResponseUse> {
    if axios {
        return match response_type {
            Some("blob") => Some(ResponseUse::Blob),
            Some("text") => Some(ResponseUse::Text),
            Some("arraybuffer") => Some(ResponseUse::ArrayBuffer),
            Some("stream") | Some("document") => None,
            _ if typed
                || uses.contains(&ResponseUse::Data)
                || uses.contains(&ResponseUse::Json) =>
            {
                Some(ResponseUse::Json)
            }
            _ => None,
        };
    }
    [
        ResponseUse::Json,
        ResponseUse::Text,
        ResponseUse::Blob,
        ResponseUse::ArrayBuffer,
        ResponseUse::FormData,
    ]
    .into_iter()
    .find(|u| uses.contains(u))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(v: &str) -> HeaderUse {
        HeaderUse {
            name: "Content-Type".into(),
            value: Some(v.into()),
            origin: Default::default(),
        }
    }

    #[test]
    fn encodings() {
        let obj = Value::Object {
            props: vec![],
            spreads: vec![],
        };
        assert_eq!(body_encoding(&obj, None, true), BodyEncoding::Json);
        assert_eq!(
            body_encoding(&obj, Some(&header("multipart/form-data")), true),
            BodyEncoding::Multipart
        );
        assert_eq!(body_encoding(&obj, None, false), BodyEncoding::Unknown);
        let stringified = Value::CallOf {
            callee: "JSON.stringify".into(),
        };
        assert_eq!(
            body_encoding(&stringified, None, false),
            BodyEncoding::JsonText
        );
        assert_eq!(
            body_encoding(
                &stringified,
                Some(&header("application/json; charset=utf-8")),
                false
            ),
            BodyEncoding::Json
        );
        let fd = Value::New {
            ctor: "FormData".into(),
            args: vec![],
        };
        assert_eq!(body_encoding(&fd, None, true), BodyEncoding::Multipart);
        let params = Value::New {
            ctor: "URLSearchParams".into(),
            args: vec![],
        };
        assert_eq!(body_encoding(&params, None, false), BodyEncoding::Form);
    }

    #[test]
    fn response_reads() {
        assert_eq!(
            reads(&[ResponseUse::Json], None, false, false),
            Some(ResponseUse::Json)
        );
        assert_eq!(reads(&[], None, true, true), Some(ResponseUse::Json));
        assert_eq!(
            reads(&[ResponseUse::Data], Some("blob"), false, true),
            Some(ResponseUse::Blob)
        );
        assert_eq!(reads(&[], None, false, true), None);
    }
}
