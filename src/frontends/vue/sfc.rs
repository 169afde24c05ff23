//! Splits a Vue single-file component into its top-level blocks, the way
//! `@vue/compiler-sfc` does: `<script>` and `<style>` hold raw text up to
//! their closing tag, `<template>` may nest `<template>` tags, HTML
//! comments are skipped.

/// One top-level block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub tag: String,
    pub attrs: Attrs,
    /// Byte offset of `<`.
    pub open_start: usize,
    /// Byte range of the content between the tags.
    pub content: (usize, usize),
}

impl Block {
    pub fn attr(&self, name: &str) -> Option<Option<&str>> {
        self.attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_deref())
    }
}

/// A comment `<!-- ... -->` anywhere outside raw-text blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlComment {
    pub range: (usize, usize),
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Sfc {
    pub blocks: Vec<Block>,
    pub comments: Vec<HtmlComment>,
    /// (byte offset, message) of a block that is not closed.
    pub error: Option<(usize, String)>,
}

pub fn split(src: &str) -> Sfc {
    let b = src.as_bytes();
    let mut out = Sfc::default();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if b[i..].starts_with(b"<!--") {
            i = comment(src, i, &mut out.comments);
            continue;
        }
        let Some((tag, attrs, after, self_closing)) = open_tag(src, i) else {
            i += 1;
            continue;
        };
        if self_closing {
            i = after;
            continue;
        }
        let lower = tag.to_ascii_lowercase();
        let end = if lower == "template" {
            template_end(src, after, &mut out.comments)
        } else {
            find_close(src, after, &lower)
        };
        match end {
            Some((content_end, next)) => {
                out.blocks.push(Block {
                    tag: lower,
                    attrs,
                    open_start: i,
                    content: (after, content_end),
                });
                i = next;
            }
            None => {
                out.error = Some((i, format!("<{tag}> is never closed")));
                break;
            }
        }
    }
    out
}

fn comment(src: &str, start: usize, out: &mut Vec<HtmlComment>) -> usize {
    let end = src[start + 4..]
        .find("-->")
        .map(|e| start + 4 + e + 3)
        .unwrap_or(src.len());
    out.push(HtmlComment {
        range: (start, end),
        text: src[start..end].to_string(),
    });
    end
}

/// Attributes of a tag: name and value (`None` for a bare attribute).
type Attrs = Vec<(String, Option<String>)>;

/// Parses `<tag attrs...>` at `start`: (tag, attrs, offset after `>`, self-closing).
fn open_tag(src: &str, start: usize) -> Option<(String, Attrs, usize, bool)> {
    let b = src.as_bytes();
    let mut i = start + 1;
    let name_start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b'_') {
        i += 1;
    }
    if i == name_start || !b[name_start].is_ascii_alphabetic() {
        return None;
    }
    let tag = src[name_start..i].to_string();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        match b[i] {
            b'>' => return Some((tag, attrs, i + 1, false)),
            b'/' if b.get(i + 1) == Some(&b'>') => return Some((tag, attrs, i + 2, true)),
            b'/' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let k0 = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key = src[k0..i].to_string();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = None;
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let v0 = i + 1;
                    let close = src[v0..].find(q as char)? + v0;
                    value = Some(src[v0..close].to_string());
                    i = close + 1;
                }
                Some(_) => {
                    let v0 = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = Some(src[v0..i].to_string());
                }
                None => return None,
            }
        }
        // A value without a key (`<i ="x">`) is dropped: `=` and the value
        // were consumed, so the loop moves on from the next character.
        if !key.is_empty() {
            attrs.push((key, value));
        } else if value.is_none() {
            // Nothing consumed: step over one character (not one byte,
            // which could land inside a multi-byte character).
            i += src[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
}

/// Is there `</tag` followed by whitespace or `>` at `i`? Returns the offset after `>`.
fn close_at(src: &str, i: usize, tag: &str) -> Option<usize> {
    let b = src.as_bytes();
    let rest = b.get(i..)?;
    if !rest.starts_with(b"</") {
        return None;
    }
    let name = rest.get(2..2 + tag.len())?;
    if !name.eq_ignore_ascii_case(tag.as_bytes()) {
        return None;
    }
    let mut j = i + 2 + tag.len();
    while j < b.len() && b[j].is_ascii_whitespace() {
        j += 1;
    }
    (b.get(j) == Some(&b'>')).then_some(j + 1)
}

/// Raw text up to `</tag>`: (content end, offset after the closing tag).
fn find_close(src: &str, from: usize, tag: &str) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some(rel) = src[i..].find("</") {
        let at = i + rel;
        if let Some(next) = close_at(src, at, tag) {
            return Some((at, next));
        }
        i = at + 2;
    }
    None
}

/// The end of a `<template>` block, counting nested `<template>` tags.
fn template_end(src: &str, from: usize, comments: &mut Vec<HtmlComment>) -> Option<(usize, usize)> {
    let b = src.as_bytes();
    let mut depth = 0usize;
    let mut i = from;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if b[i..].starts_with(b"<!--") {
            i = comment(src, i, comments);
            continue;
        }
        if let Some(next) = close_at(src, i, "template") {
            if depth == 0 {
                return Some((i, next));
            }
            depth -= 1;
            i = next;
            continue;
        }
        if let Some((tag, _, after, self_closing)) = open_tag(src, i) {
            if tag.eq_ignore_ascii_case("template") && !self_closing {
                depth += 1;
            }
            i = after;
            continue;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_without_a_key_before_a_multibyte_character() {
        // Fuzz find: the byte after `="…"` was skipped, and the next key
        // began inside `ڲ`.
        let src = "<i=\"\u{6b2}i<i=\"\u{6b2}irr";
        assert_eq!(open_tag(src, 0), None);
        let (tag, attrs, end, _) = open_tag("<i =\"x\"\u{6b2}k=\"v\">", 0).unwrap();
        assert_eq!(tag, "i");
        assert_eq!(attrs, vec![("\u{6b2}k".to_string(), Some("v".to_string()))]);
        assert_eq!(end, "<i =\"x\"\u{6b2}k=\"v\">".len());
        let _ = split(src);
    }

    #[test]
    fn blocks_and_offsets() {
        let src = "<template>\n  <template v-if=\"a > b\"><p>x</p></template>\n</template>\n<script setup lang=\"ts\">\nconst a = '</scrip'\n</script>\n<style scoped>p{}</style>\n";
        let sfc = split(src);
        assert_eq!(sfc.error, None);
        let tags: Vec<&str> = sfc.blocks.iter().map(|b| b.tag.as_str()).collect();
        assert_eq!(tags, ["template", "script", "style"]);
        let script = &sfc.blocks[1];
        assert_eq!(script.attr("lang"), Some(Some("ts")));
        assert_eq!(script.attr("setup"), Some(None));
        assert_eq!(
            &src[script.content.0..script.content.1],
            "\nconst a = '</scrip'\n"
        );
    }

    #[test]
    fn script_tag_inside_template_text_is_not_a_block() {
        let src = "<template><code>&lt;script&gt;</code><!-- <script> --></template><script>export default {}</script>";
        let sfc = split(src);
        assert_eq!(sfc.blocks.len(), 2);
        assert_eq!(sfc.comments.len(), 1);
    }

    #[test]
    fn unclosed_script_is_an_error() {
        let sfc = split("<script setup>\nconst a = 1\n");
        assert!(sfc.error.is_some());
        assert!(sfc.blocks.is_empty());
    }
}
