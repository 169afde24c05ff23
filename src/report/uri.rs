//! Where report paths are written from: the scanned root, or an ancestor of
//! it (`--path-base`, e.g. the repository root, which is what GitHub code
//! scanning and workflow annotations resolve paths against).

use std::path::{Component, Path, PathBuf};

/// The directory that paths in sarif/github output are relative to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceBase {
    /// `file:` URI of the base directory, with a trailing slash.
    pub root_uri: String,
    /// The scanned root relative to the base, `/`-separated with a trailing
    /// slash, or empty when the base is the scanned root.
    pub prefix: String,
}

impl SourceBase {
    /// Paths relative to the scanned `root` itself.
    pub fn at(root: &Path) -> Self {
        SourceBase {
            root_uri: file_uri(&absolute(root)),
            prefix: String::new(),
        }
    }

    /// Paths relative to `base`, an ancestor of (or equal to) `root`.
    pub fn under(root: &Path, base: &Path) -> Result<Self, String> {
        let root_abs = absolute(root);
        let base_abs = absolute(base);
        let rel = root_abs.strip_prefix(&base_abs).map_err(|_| {
            format!(
                "{} is not inside the path base {}",
                root_abs.display(),
                base_abs.display()
            )
        })?;
        let mut prefix = String::new();
        for c in rel.components() {
            if let Component::Normal(s) = c {
                prefix.push_str(&s.to_string_lossy());
                prefix.push('/');
            }
        }
        Ok(SourceBase {
            root_uri: file_uri(&base_abs),
            prefix,
        })
    }

    /// A finding's path (relative to the scanned root) relative to the base.
    pub fn path(&self, rel: &str) -> String {
        format!("{}{rel}", self.prefix)
    }
}

/// The canonical absolute form of a path; falls back to joining the
/// current directory when the path cannot be canonicalised.
fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p)
        .or_else(|_| std::env::current_dir().map(|d| d.join(p)))
        .unwrap_or_else(|_| p.to_path_buf())
}

/// Percent-encodes a relative path for a URI reference: everything but
/// RFC 3986 unreserved characters and `/` is encoded (so `:` in a first
/// segment can never be read as a scheme, nor `#`/`?` as fragment/query).
pub fn encode_path(path: &str) -> String {
    encode(path, b"/")
}

fn encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `file:` URI of an absolute directory, with a trailing slash.
pub fn file_uri(dir: &Path) -> String {
    let mut s = dir.to_string_lossy().replace('\\', "/");
    if !s.starts_with('/') {
        // A Windows drive path: file:///C:/...
        s.insert(0, '/');
    }
    if !s.ends_with('/') {
        s.push('/');
    }
    format!("file://{}", encode(&s, b"/:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_what_a_uri_reference_cannot_hold() {
        assert_eq!(encode_path("web/src/api.ts"), "web/src/api.ts");
        assert_eq!(encode_path("my dir/a#b?.ts"), "my%20dir/a%23b%3F.ts");
        assert_eq!(encode_path("c:/x%y"), "c%3A/x%25y");
        assert_eq!(encode_path("ä.ts"), "%C3%A4.ts");
    }

    #[test]
    fn file_uris_are_absolute_with_a_trailing_slash() {
        assert_eq!(file_uri(Path::new("/tmp/a b")), "file:///tmp/a%20b/");
        assert_eq!(file_uri(Path::new("/")), "file:///");
        assert_eq!(file_uri(Path::new("C:\\work\\x")), "file:///C:/work/x/");
    }

    #[test]
    fn base_prefix() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("svc").join("shop");
        std::fs::create_dir_all(&sub).unwrap();
        let b = SourceBase::under(&sub, dir.path()).unwrap();
        assert_eq!(b.prefix, "svc/shop/");
        assert_eq!(b.path("web/a.ts"), "svc/shop/web/a.ts");
        assert!(b.root_uri.starts_with("file:///") && b.root_uri.ends_with('/'));
        assert_eq!(SourceBase::under(&sub, &sub).unwrap().prefix, "");
        assert!(SourceBase::under(dir.path(), &sub).is_err());
        assert_eq!(SourceBase::at(&sub), SourceBase::under(&sub, &sub).unwrap());
    }
}
