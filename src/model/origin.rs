//! Where a fact comes from: a span in a file of the scanned tree.

use std::cell::RefCell;
use std::sync::Arc;

use serde::de::Visitor;
use serde::{Deserialize, Deserializer, Serialize};

thread_local! {
    /// The path that origins read on this thread share, if equal.
    static SHARED_PATH: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
}

/// Runs `f` (which reads facts of the file at `path`) so that every origin
/// it reads in that file shares one `Arc<str>` instead of a copy each: a
/// file's facts hold a few hundred origins.
pub fn with_shared_path<T>(path: &str, f: impl FnOnce() -> T) -> T {
    let previous = SHARED_PATH.with(|s| s.borrow_mut().replace(Arc::from(path)));
    let out = f();
    SHARED_PATH.with(|s| *s.borrow_mut() = previous);
    out
}

/// Reads an origin's path without copying it into a `String` first (a
/// warm run reads every origin of the tree): the shared path when equal,
/// else a new one.
fn shared_path<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
    struct PathVisitor;
    impl Visitor<'_> for PathVisitor {
        type Value = Arc<str>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a file path")
        }
        fn visit_str<E: serde::de::Error>(self, read: &str) -> Result<Arc<str>, E> {
            let shared =
                SHARED_PATH.with(|s| s.borrow().as_ref().filter(|p| ***p == *read).cloned());
            Ok(shared.unwrap_or_else(|| Arc::from(read)))
        }
    }
    d.deserialize_str(PathVisitor)
}

/// A span in one file. `path` is relative to the scanned root with `/`
/// separators; `start`/`end` are byte offsets; lines and columns are 1-based,
/// columns counted in UTF-16 code units (SARIF's default `columnKind`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Origin {
    /// Shared by the origins of one file (a frontend makes one per file;
    /// reading facts back shares it through [`with_shared_path`]).
    #[serde(deserialize_with = "shared_path")]
    pub path: Arc<str>,
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
            path: path.into(),
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
