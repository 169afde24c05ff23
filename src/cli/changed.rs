//! `seam check --changed-files A B ...`: keep the findings that touch one
//! of the given files (primary or related location). seam still analyses
//! the whole tree, since a finding links two stacks; this only narrows what
//! is reported, e.g. for a pre-commit hook that gets the staged files.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::findings::Finding;

/// The given files as paths relative to `root` with `/` separators (the
/// form findings use). Files outside the root are left out.
pub fn relative_paths(root: &Path, files: &[PathBuf]) -> BTreeSet<String> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = canonical(&cwd.join(root));
    files
        .iter()
        .filter_map(|f| {
            let abs = canonical(&cwd.join(f));
            let rel = abs.strip_prefix(&root).ok()?;
            let parts: Vec<String> = rel
                .components()
                .filter_map(|c| match c {
                    Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                    _ => None,
                })
                .collect();
            (!parts.is_empty()).then(|| parts.join("/"))
        })
        .collect()
}

/// Canonical form of a path that may not exist (a deleted file): the
/// canonical parent joined with the name, else the lexically cleaned path.
fn canonical(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    if let (Some(parent), Some(name)) = (p.parent(), p.file_name()) {
        if let Ok(c) = std::fs::canonicalize(parent) {
            return c.join(name);
        }
    }
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// Keeps the findings with a primary or related location in `files`.
pub fn retain(findings: &mut Vec<Finding>, files: &BTreeSet<String>) {
    findings.retain(|f| {
        files.contains(&*f.origin.path) || f.related.iter().any(|r| files.contains(&*r.origin.path))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Severity;
    use crate::model::Origin;

    #[test]
    fn paths_relative_to_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir_all(root.join("web")).unwrap();
        std::fs::write(root.join("web/a.ts"), "").unwrap();
        let got = relative_paths(
            &root,
            &[
                root.join("web/a.ts"),
                root.join("web/../web/gone.ts"),
                dir.path().join("outside.ts"),
                root.clone(),
            ],
        );
        assert_eq!(
            got.into_iter().collect::<Vec<_>>(),
            ["web/a.ts", "web/gone.ts"]
        );
    }

    #[test]
    fn keeps_findings_touching_a_file() {
        let f = Finding::new("HTTP001", Severity::Error, Origin::file("web/a.ts"), "x")
            .related(&Origin::file("server/main.go"), "route");
        let g = Finding::new("HTTP001", Severity::Error, Origin::file("web/b.ts"), "y");
        let mut v = vec![f, g];
        retain(&mut v, &BTreeSet::from(["server/main.go".to_string()]));
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].message, "x");
    }
}
