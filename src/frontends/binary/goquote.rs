//! Go's `strconv.Quote` and `Unquote` for the two string forms build info
//! uses: a build setting whose key or value holds a space, tab, newline or
//! quote is stored as a Go string literal (`-ldflags="-s -w"`).

use std::fmt::Write as _;

/// `strconv.Quote`: a double-quoted Go string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if is_print(c) => out.push(c),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols
/// and U+0020. Rust has no category tables, so outside ASCII this excludes
/// control, space and line-separator characters, the format characters
/// (Cf), private use areas and U+FFFE/U+FFFF; unassigned code points count
/// as printable (Go would escape them).
fn is_print(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return (0x20..0x7f).contains(&u);
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    const NOT_PRINT: &[(u32, u32)] = &[
        (0x00ad, 0x00ad),
        (0x0600, 0x0605),
        (0x061c, 0x061c),
        (0x06dd, 0x06dd),
        (0x070f, 0x070f),
        (0x0890, 0x0891),
        (0x08e2, 0x08e2),
        (0x180e, 0x180e),
        (0x200b, 0x200f),
        (0x202a, 0x202e),
        (0x2060, 0x2064),
        (0x2066, 0x206f),
        (0xe000, 0xf8ff),
        (0xfeff, 0xfeff),
        (0xfff9, 0xfffb),
        (0xfffe, 0xffff),
        (0x110bd, 0x110bd),
        (0x110cd, 0x110cd),
        (0x13430, 0x1343f),
        (0x1bca0, 0x1bca3),
        (0x1d173, 0x1d17a),
        (0xe0001, 0xe0001),
        (0xe0020, 0xe007f),
        (0xf0000, 0x10ffff),
    ];
    !NOT_PRINT.iter().any(|&(lo, hi)| (lo..=hi).contains(&u))
}

/// The Go string literal (`"..."` or `` `...` ``) at the start of `s`: its
/// value and the number of bytes of `s` it spans (`strconv.QuotedPrefix` +
/// `Unquote`). `None` when `s` does not start with a valid literal. The value
/// is bytes: `\xff` escapes need not be UTF-8.
pub fn unquote_prefix(s: &str) -> Option<(Vec<u8>, usize)> {
    let bytes = s.as_bytes();
    match bytes.first()? {
        b'`' => {
            let end = 1 + bytes[1..].iter().position(|&b| b == b'`')?;
            // Raw strings drop carriage returns.
            let value = bytes[1..end]
                .iter()
                .copied()
                .filter(|&b| b != b'\r')
                .collect();
            Some((value, end + 1))
        }
        b'"' => {
            let mut value = Vec::new();
            let mut i = 1;
            loop {
                match *bytes.get(i)? {
                    b'"' => return Some((value, i + 1)),
                    b'\n' => return None,
                    b'\\' => i += unescape(&bytes[i..], &mut value)?,
                    b => {
                        value.push(b);
                        i += 1;
                    }
                }
            }
        }
        _ => None,
    }
}

/// `strconv.Unquote`: `s` must be exactly one literal.
pub fn unquote(s: &str) -> Option<Vec<u8>> {
    match unquote_prefix(s)? {
        (value, n) if n == s.len() => Some(value),
        _ => None,
    }
}

/// One escape sequence at the start of `esc` (which starts with `\`) inside
/// a double-quoted literal; appends its value, returns its length.
fn unescape(esc: &[u8], out: &mut Vec<u8>) -> Option<usize> {
    let simple = match *esc.get(1)? {
        b'a' => Some(0x07),
        b'b' => Some(0x08),
        b'f' => Some(0x0c),
        b'n' => Some(b'\n'),
        b'r' => Some(b'\r'),
        b't' => Some(b'\t'),
        b'v' => Some(0x0b),
        b'\\' => Some(b'\\'),
        b'"' => Some(b'"'),
        _ => None,
    };
    if let Some(b) = simple {
        out.push(b);
        return Some(2);
    }
    let hex = |digits: usize| -> Option<u32> {
        let text = std::str::from_utf8(esc.get(2..2 + digits)?).ok()?;
        if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(text, 16).ok()
    };
    match esc[1] {
        b'x' => {
            out.push(u8::try_from(hex(2)?).ok()?);
            Some(4)
        }
        b'u' | b'U' => {
            let digits = if esc[1] == b'u' { 4 } else { 8 };
            let c = char::from_u32(hex(digits)?)?;
            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            Some(2 + digits)
        }
        b'0'..=b'7' => {
            let digits = esc.get(1..4)?;
            if !digits.iter().all(|b| (b'0'..=b'7').contains(b)) {
                return None;
            }
            let v = digits
                .iter()
                .fold(0u32, |v, &d| v * 8 + u32::from(d - b'0'));
            out.push(u8::try_from(v).ok()?);
            Some(4)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_matches_go() {
        // Expected values from Go's strconv.Quote.
        assert_eq!(quote("-s -w"), r#""-s -w""#);
        assert_eq!(quote(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(quote("t\tn\nr\r\x07\x08\x0c\x0b"), r#""t\tn\nr\r\a\b\f\v""#);
        assert_eq!(quote("\x01\x7f"), r#""\x01\x7f""#);
        assert_eq!(quote("é€😀"), "\"é€😀\"");
        assert_eq!(quote("\u{a0}\u{200b}\u{feff}"), r#""\u00a0\u200b\ufeff""#);
        assert_eq!(quote("\u{e0001}"), r#""\U000e0001""#);
        assert_eq!(quote("\u{85}"), r#""\u0085""#);
    }

    #[test]
    fn unquote_matches_go() {
        assert_eq!(unquote(r#""-s -w""#), Some(b"-s -w".to_vec()));
        assert_eq!(unquote(r#""a\"b\\c""#), Some(br#"a"b\c"#.to_vec()));
        assert_eq!(
            unquote(r#""\a\b\f\n\r\t\v""#),
            Some(b"\x07\x08\x0c\n\r\t\x0b".to_vec())
        );
        assert_eq!(
            unquote(r#""\x41\101\u00e9\U0001F600""#),
            Some("AAé😀".as_bytes().to_vec())
        );
        assert_eq!(unquote(r#""\xff""#), Some(vec![0xff]));
        assert_eq!(
            unquote("`raw \\n \"x\"\r`"),
            Some(b"raw \\n \"x\"".to_vec())
        );
        assert_eq!(unquote(r#""""#), Some(vec![]));
    }

    #[test]
    fn unquote_rejects_what_go_rejects() {
        for bad in [
            r#""abc"#,
            r#""a"b"#,
            "\"a\nb\"",
            r#""\q""#,
            r#""\x4""#,
            r#""\xzz""#,
            r#""\400""#,
            r#""\ud800""#,
            r#""\U00110000""#,
            r#""\'""#,
            "`abc",
            "abc",
            "",
            "\"\\",
        ] {
            assert_eq!(unquote(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn unquote_prefix_reports_the_literal_length() {
        assert_eq!(unquote_prefix(r#""k v"=x"#), Some((b"k v".to_vec(), 5)));
        assert_eq!(unquote_prefix("`a`=b"), Some((b"a".to_vec(), 3)));
    }

    #[test]
    fn quote_and_unquote_round_trip() {
        for s in [
            "",
            "plain",
            "-X main.version=1.2.3 -s",
            "tab\there",
            "q\"uote",
            "\u{1}\u{7f}é\u{200b}😀",
        ] {
            assert_eq!(unquote(&quote(s)), Some(s.as_bytes().to_vec()), "{s:?}");
        }
    }
}
