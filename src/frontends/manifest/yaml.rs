//! A small YAML tree with positions, built from yaml-rust2's marked events
//! (no recursion: deep nesting cannot overflow the stack). Aliases become
//! null scalars; tags are ignored. Lockfiles need no more.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A scalar and its byte range (the range of a quoted scalar covers the
    /// quotes).
    Scalar(String, usize, usize),
    Map(Vec<(Node, Node)>),
    Seq(Vec<Node>),
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(m) => m.iter().find(|(k, _)| k.str() == Some(key)).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn str(&self) -> Option<&str> {
        match self {
            Node::Scalar(s, ..) => Some(s),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[(Node, Node)] {
        match self {
            Node::Map(m) => m,
            _ => &[],
        }
    }

    /// Byte range of a scalar.
    pub fn range(&self) -> Option<(usize, usize)> {
        match self {
            Node::Scalar(_, s, e) => Some((*s, *e)),
            _ => None,
        }
    }
}

enum Open {
    Map(Vec<(Node, Node)>, Option<Node>),
    Seq(Vec<Node>),
}

struct Builder<'a> {
    text: &'a str,
    stack: Vec<Open>,
    root: Option<Node>,
}

impl Builder<'_> {
    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Open::Seq(v)) => v.push(node),
            Some(Open::Map(m, key)) => match key.take() {
                None => *key = Some(node),
                Some(k) => m.push((k, node)),
            },
        }
    }

    /// The end of a scalar starting at `start`: a quoted scalar ends at its
    /// closing quote; a plain one at the end of its value text.
    fn scalar_end(&self, start: usize, value: &str) -> usize {
        let rest = self.text.get(start..).unwrap_or("");
        match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].find(q).map_or(self.text.len(), |i| start + i + 2),
            _ => (start + value.len()).min(self.text.len()),
        }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(v, ..) => {
                let start = byte_offset(self.text, mark.index());
                let end = self.scalar_end(start, &v);
                self.push(Node::Scalar(v, start, end));
            }
            Event::Alias(_) => {
                let at = byte_offset(self.text, mark.index());
                self.push(Node::Scalar(String::new(), at, at))
            }
            Event::MappingStart(..) => self.stack.push(Open::Map(Vec::new(), None)),
            Event::SequenceStart(..) => self.stack.push(Open::Seq(Vec::new())),
            Event::MappingEnd | Event::SequenceEnd => {
                let node = match self.stack.pop() {
                    Some(Open::Map(m, _)) => Node::Map(m),
                    Some(Open::Seq(v)) => Node::Seq(v),
                    None => return,
                };
                self.push(node);
            }
            _ => {}
        }
    }
}

/// yaml-rust2 counts positions in chars; spans here are bytes.
fn byte_offset(text: &str, chars: usize) -> usize {
    if text.is_ascii() {
        return chars.min(text.len());
    }
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// Parses the first document; `Err((byte offset, message))` when it is not YAML.
pub fn parse(text: &str) -> Result<Option<Node>, (usize, String)> {
    let mut b = Builder {
        text,
        stack: Vec::new(),
        root: None,
    };
    let mut parser = Parser::new_from_str(text);
    parser
        .load(&mut b, false)
        .map_err(|e| (byte_offset(text, e.marker().index()), e.info().to_string()))?;
    Ok(b.root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_with_byte_ranges() {
        let text = "a:\n  é: 'x'\n  b: [1, 2]\nc: plain value\n";
        let root = parse(text).unwrap().unwrap();
        let e = root.get("a").unwrap().get("é").unwrap();
        let (s, end) = e.range().unwrap();
        assert_eq!(&text[s..end], "'x'");
        let c = root.get("c").unwrap();
        let (s, end) = c.range().unwrap();
        assert_eq!(&text[s..end], "plain value");
        assert!(matches!(root.get("a").unwrap().get("b"), Some(Node::Seq(v)) if v.len() == 2));
    }

    #[test]
    fn errors_and_deep_nesting() {
        assert!(parse("a: [1, 2\n").is_err());
        let deep = "[".repeat(20_000) + &"]".repeat(20_000);
        let _ = parse(&deep);
    }
}
