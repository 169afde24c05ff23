//! The revision checked out in a tree: `.git/HEAD`, followed through
//! symbolic refs to a loose ref file or `packed-refs`, in the tree's own
//! `.git` directory or one above it, or in the git directory a `.git` file
//! points to (worktrees, submodules). Git is never run.

use std::path::{Path, PathBuf};

use crate::model::GitHead;

/// How many symbolic refs are followed before giving up.
const MAX_DEPTH: usize = 5;

/// The checked-out revision of the repository holding `root`, if any.
pub fn head(root: &Path) -> Option<GitHead> {
    let root = root.canonicalize().ok()?;
    let (git_dir, common_dir) = find_git_dir(&root)?;
    let head_path = git_dir.join("HEAD");
    let mut text = std::fs::read_to_string(&head_path).ok()?;
    let mut source = head_path;
    let mut reference = None;
    for _ in 0..MAX_DEPTH {
        let line = text.lines().next().unwrap_or("").trim();
        let Some(name) = line.strip_prefix("ref:") else {
            let revision = object_name(line)?;
            return Some(GitHead {
                revision,
                reference,
                source: display(&source, &root),
            });
        };
        let name = name.trim();
        if !safe_ref_name(name) {
            return None;
        }
        reference.get_or_insert_with(|| name.to_string());
        match loose_ref(&[&git_dir, &common_dir], name) {
            Some((path, t)) => {
                source = path;
                text = t;
            }
            None => {
                let (path, revision) = packed_ref(&[&common_dir, &git_dir], name)?;
                return Some(GitHead {
                    revision,
                    reference,
                    source: display(&path, &root),
                });
            }
        }
    }
    None
}

/// The git directory and the common directory (they differ for a linked
/// worktree, whose branches live in the main repository's directory).
fn find_git_dir(root: &Path) -> Option<(PathBuf, PathBuf)> {
    for dir in root.ancestors() {
        let dot = dir.join(".git");
        let Ok(meta) = std::fs::metadata(&dot) else {
            continue;
        };
        let git_dir = if meta.is_dir() {
            dot
        } else {
            let text = std::fs::read_to_string(&dot).ok()?;
            let target = text.lines().next()?.strip_prefix("gitdir:")?.trim();
            dir.join(target)
        };
        let common = match std::fs::read_to_string(git_dir.join("commondir")) {
            Ok(t) => git_dir.join(t.trim()),
            Err(_) => git_dir.clone(),
        };
        return Some((git_dir, common));
    }
    None
}

/// `refs/...` with no `..`, empty or absolute parts: a ref name can only
/// name a file under the git directory.
fn safe_ref_name(name: &str) -> bool {
    name.starts_with("refs/")
        && !name.contains('\\')
        && name
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != "..")
}

fn loose_ref(dirs: &[&Path], name: &str) -> Option<(PathBuf, String)> {
    dirs.iter().find_map(|d| {
        let p = d.join(name);
        std::fs::read_to_string(&p).ok().map(|t| (p, t))
    })
}

fn packed_ref(dirs: &[&Path], name: &str) -> Option<(PathBuf, String)> {
    dirs.iter().find_map(|d| {
        let p = d.join("packed-refs");
        let text = std::fs::read_to_string(&p).ok()?;
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with('^'))
            .find_map(|l| {
                let (hash, refname) = l.split_once(' ')?;
                (refname.trim() == name).then(|| object_name(hash))?
            })
            .map(|rev| (p.clone(), rev))
    })
}

/// A full SHA-1 or SHA-256 object name, lowercased.
fn object_name(s: &str) -> Option<String> {
    let s = s.trim();
    ((s.len() == 40 || s.len() == 64) && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| s.to_ascii_lowercase())
}

/// The path relative to the scanned root, or `None` outside it (a tree
/// inside a bigger repository): reports never carry absolute paths.
fn display(path: &Path, root: &Path) -> Option<String> {
    path.strip_prefix(root)
        .ok()
        .map(|rel| crate::walk::relative(rel, Path::new("")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    const A: &str = "0123456789abcdef0123456789abcdef01234567";
    const B: &str = "89abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn loose_packed_detached_and_worktree() {
        let t = tempfile::tempdir().unwrap();
        let repo = t.path().join("repo");
        let git = repo.join(".git");
        fs::create_dir_all(git.join("refs/heads")).unwrap();
        fs::write(git.join("HEAD"), "ref: refs/heads/main\n").unwrap();
        fs::write(git.join("refs/heads/main"), format!("{A}\n")).unwrap();
        let h = head(&repo.join("")).unwrap();
        assert_eq!(
            (
                h.revision.as_str(),
                h.reference.as_deref(),
                h.source.as_deref()
            ),
            (A, Some("refs/heads/main"), Some(".git/refs/heads/main"))
        );

        // A subdirectory finds the repository above it; the ref file lies
        // outside the scanned tree, so no path is given for it.
        fs::create_dir_all(repo.join("web")).unwrap();
        let h = head(&repo.join("web")).unwrap();
        assert_eq!((h.revision.as_str(), h.source), (A, None));

        // Packed: the loose file is gone.
        fs::remove_file(git.join("refs/heads/main")).unwrap();
        fs::write(
            git.join("packed-refs"),
            format!("# pack-refs with: peeled fully-peeled sorted\n{B} refs/heads/main\n^{A}\n"),
        )
        .unwrap();
        assert_eq!(head(&repo).unwrap().revision, B);

        // A linked worktree: `.git` is a file, branches live in the common dir.
        let wt = t.path().join("wt");
        let wt_git = git.join("worktrees/wt");
        fs::create_dir_all(&wt_git).unwrap();
        fs::create_dir_all(&wt).unwrap();
        fs::write(wt.join(".git"), format!("gitdir: {}\n", wt_git.display())).unwrap();
        fs::write(wt_git.join("HEAD"), "ref: refs/heads/main\n").unwrap();
        fs::write(wt_git.join("commondir"), "../..\n").unwrap();
        assert_eq!(head(&wt).unwrap().revision, B);

        // Detached.
        fs::write(git.join("HEAD"), format!("{A}\n")).unwrap();
        let h = head(&repo).unwrap();
        assert_eq!((h.revision.as_str(), h.reference), (A, None));
    }

    #[test]
    fn refuses_refs_outside_the_git_dir_and_garbage() {
        let t = tempfile::tempdir().unwrap();
        let git = t.path().join(".git");
        fs::create_dir_all(&git).unwrap();
        fs::write(git.join("HEAD"), "ref: refs/../../../etc/passwd\n").unwrap();
        assert_eq!(head(t.path()), None);
        fs::write(git.join("HEAD"), "not a hash\n").unwrap();
        assert_eq!(head(t.path()), None);
        fs::write(git.join("HEAD"), "ref: refs/heads/missing\n").unwrap();
        assert_eq!(head(t.path()), None);
    }
}
