//! Token text → normalized signature text: `Vec < u8 >` → `Vec<u8>`,
//! `& 'a mut str` → `&'a mut str`, `a , b` → `a, b`.

/// Joins the whitespace-separated tokens of a token stream's text with
/// spaces only where Rust needs or conventionally writes them.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<&str> = None;
    for tok in text.split_whitespace() {
        if let Some(p) = prev {
            if space_between(p, tok) {
                out.push(' ');
            }
        }
        out.push_str(tok);
        prev = Some(tok);
    }
    out
}

fn wordy_end(s: &str) -> bool {
    s.chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '"')
}

fn wordy_start(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '\'' || c == '"')
}

fn space_between(prev: &str, next: &str) -> bool {
    if matches!(prev, "," | ";" | "->" | "=" | "+" | "=>" | ":" | "where") {
        return true;
    }
    if matches!(next, "->" | "=" | "+" | "=>" | "where" | "for") {
        return true;
    }
    if matches!(next, "{") || matches!(prev, "}") {
        return true;
    }
    wordy_end(prev) && wordy_start(next)
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn joins_tokens_like_rustfmt() {
        assert_eq!(tidy("Vec < u8 >"), "Vec<u8>");
        assert_eq!(tidy("& 'a mut str"), "&'a mut str");
        assert_eq!(
            tidy("* const std :: ffi :: c_char"),
            "*const std::ffi::c_char"
        );
        assert_eq!(
            tidy("HashMap < String , Vec < T > >"),
            "HashMap<String, Vec<T>>"
        );
        assert_eq!(
            tidy("impl Fn (u32) -> bool + Send"),
            "impl Fn(u32) -> bool + Send"
        );
        assert_eq!(tidy("[u8 ; 4]"), "[u8; 4]");
        assert_eq!(tidy("T : Clone"), "T: Clone");
    }
}
