//! Byte offsets to lines and UTF-16 columns, computed once per file.

use crate::model::Origin;

/// Line starts of one file, to turn byte ranges into [`Origin`]s.
pub struct LineIndex<'a> {
    path: &'a str,
    /// `path`, shared by every origin of the file.
    shared: std::sync::Arc<str>,
    text: &'a [u8],
    starts: Vec<u32>,
    /// Checkpoints on long lines (minified code): (byte offset, UTF-16
    /// units from the start of its line), sorted by offset. A column is
    /// counted from the nearest checkpoint, not from the start of a
    /// 2 MB line, so that a column costs O(`MARK_EVERY`), not O(line).
    marks: Vec<(u32, u32)>,
}

/// Bytes between checkpoints on long lines.
const MARK_EVERY: usize = 1024;

impl<'a> LineIndex<'a> {
    pub fn new(path: &'a str, text: &'a [u8]) -> Self {
        let mut starts = vec![0u32];
        starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i as u32 + 1));
        let mut marks = Vec::new();
        for (i, &s) in starts.iter().enumerate() {
            let s = s as usize;
            let end = starts.get(i + 1).map_or(text.len(), |&e| e as usize);
            if end - s > MARK_EVERY {
                line_marks(text, s, end, &mut marks);
            }
        }
        LineIndex {
            path,
            shared: path.into(),
            text,
            starts,
            marks,
        }
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
        let start = self.starts[line];
        let i = self.marks.partition_point(|m| m.0 <= offset);
        let (from, units) = match i.checked_sub(1).map(|i| self.marks[i]) {
            Some(m) if m.0 >= start => m,
            _ => (start, 0),
        };
        let rest = &self.text[from as usize..offset as usize];
        (line as u32 + 1, units + utf16_len(rest) + 1)
    }

    /// The origin of a byte range.
    pub fn origin(&self, start: u32, end: u32) -> Origin {
        let end = end.max(start);
        let (line, column) = self.line_col(start);
        let (end_line, end_column) = self.line_col(end);
        Origin {
            path: self.shared.clone(),
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

/// Checkpoints of the line `text[start..end]`, every [`MARK_EVERY`] bytes,
/// each at a byte that does not continue a UTF-8 sequence: splitting there
/// does not change how [`utf16_len`] reads either side, so units add up.
fn line_marks(text: &[u8], start: usize, end: usize, marks: &mut Vec<(u32, u32)>) {
    let (mut from, mut units) = (start, 0u32);
    let mut next = start + MARK_EVERY;
    while next < end {
        let at = (next..end.min(next + 4)).find(|&q| text[q] & 0xc0 != 0x80);
        if let Some(q) = at {
            units += utf16_len(&text[from..q]);
            marks.push((q as u32, units));
            from = q;
        }
        next = at.unwrap_or(next) + MARK_EVERY;
    }
}

/// UTF-16 code units of a byte string (invalid sequences count one unit each).
pub fn utf16_len(bytes: &[u8]) -> u32 {
    // Most code is ASCII: one unit per byte.
    if bytes.is_ascii() {
        return bytes.len() as u32;
    }
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

    /// Columns from the checkpoints of long lines are the columns counted
    /// from the start of the line, whatever the bytes (multi-byte chars,
    /// astral chars, invalid sequences, stray continuation bytes).
    #[test]
    fn long_line_columns_match_a_full_count() {
        let pieces: [&[u8]; 8] = [
            b"a",
            b"\xc3\xa9",
            "𝄞".as_bytes(),
            b"\xff",
            b"\x80\x80",
            b"\xe2\x82",
            b"\n",
            b"xyz",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut text = Vec::new();
        while text.len() < 20 * MARK_EVERY {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            // Mostly no newline: lines of several thousand bytes.
            let k = (seed % 8) as usize;
            if k != 6 || seed % 97 == 0 {
                text.extend_from_slice(pieces[k]);
            }
        }
        let idx = LineIndex::new("f", &text);
        assert!(idx.marks.len() > 10, "{} marks", idx.marks.len());
        for offset in 0..=text.len() as u32 {
            let line = match idx.starts.binary_search(&offset) {
                Ok(i) => i,
                Err(i) => i - 1,
            };
            let start = idx.starts[line] as usize;
            let full = utf16_len(&text[start..offset as usize]) + 1;
            assert_eq!(idx.line_col(offset), (line as u32 + 1, full), "at {offset}");
        }
    }

    #[test]
    fn invalid_utf8_counts_one_unit_per_byte() {
        assert_eq!(utf16_len(b"a\xffb"), 3);
    }
}
