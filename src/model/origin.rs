//! Where a fact comes from: a span in a file of the scanned tree.

use serde::{Deserialize, Serialize};

/// A span in one file. `path` is relative to the scanned root with `/`
/// separators; `start`/`end` are byte offsets; lines and columns are 1-based,
/// columns counted in UTF-16 code units (SARIF's default `columnKind`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Origin {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub start: u32,
    pub end: u32,
}

impl Origin {
    /// A location naming a whole file (line 1, column 1).
    pub fn file(path: &str) -> Self {
        Origin {
            path: path.to_string(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            start: 0,
            end: 0,
        }
    }

    /// `path:line:column`, for messages.
    pub fn display(&self) -> String {
        format!("{}:{}:{}", self.path, self.line, self.column)
    }
}
