//! Byte offsets to lines and UTF-16 columns, computed once per file.

use crate::model::Origin;

/// Line starts of one file, to turn byte ranges into [`Origin`]s.
pub struct LineIndex<'a> {
    path: &'a str,
    text: &'a [u8],
    starts: Vec<u32>,
}

impl<'a> LineIndex<'a> {
    pub fn new(path: &'a str, text: &'a [u8]) -> Self {
        let mut starts = vec![0u32];
        for (i, b) in text.iter().enumerate() {
            if *b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        LineIndex { path, text, starts }
    }

    pub fn path(&self) -> &str {
        self.path
    }

    /// 1-based line and UTF-16 column of a byte offset (clamped to the file).
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let offset = offset.min(self.text.len() as u32);
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line] as usize;
        let prefix = &self.text[start..offset as usize];
        (line as u32 + 1, utf16_len(prefix) + 1)
    }

    /// The origin of a byte range.
    pub fn origin(&self, start: u32, end: u32) -> Origin {
        let end = end.max(start);
        let (line, column) = self.line_col(start);
        let (end_line, end_column) = self.line_col(end);
        Origin {
            path: self.path.to_string(),
            line,
            column,
            end_line,
            end_column,
            start: start.min(self.text.len() as u32),
            end: end.min(self.text.len() as u32),
        }
    }

    /// Byte offset of the start of a 1-based line.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.starts.get(line.checked_sub(1)? as usize).copied()
    }
}

/// UTF-16 code units of a byte string (invalid sequences count one unit each).
pub fn utf16_len(bytes: &[u8]) -> u32 {
    let mut n = 0u32;
    for chunk in bytes.utf8_chunks() {
        n += chunk
            .valid()
            .chars()
            .map(|c| c.len_utf16() as u32)
            .sum::<u32>();
        n += chunk.invalid().len() as u32;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_utf16_columns() {
        let text = "ab\nçé𝄞x\n".as_bytes();
        let idx = LineIndex::new("f", text);
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        // ç (2 bytes) é (2 bytes) 𝄞 (4 bytes, 2 UTF-16 units) then x
        let x = "ab\nçé𝄞".len() as u32;
        assert_eq!(idx.line_col(x), (2, 5));
        let o = idx.origin(3, x + 1);
        assert_eq!((o.line, o.column, o.end_line, o.end_column), (2, 1, 2, 6));
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let idx = LineIndex::new("f", b"a\nb");
        assert_eq!(idx.line_col(99), (2, 2));
    }

    #[test]
    fn invalid_utf8_counts_one_unit_per_byte() {
        assert_eq!(utf16_len(b"a\xffb"), 3);
    }
}
