//! The tree of a git revision, read straight from the object database
//! with gix: no worktree, no checkout, no network, no `git` process. The
//! blobs are analysed in memory like files of the tree.

use std::path::Path;

use gix::bstr::ByteSlice;

/// A file of the revision: path relative to the checked directory, bytes.
pub type Blob = (String, Vec<u8>);

#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("{0} is not inside a git repository: {1}")]
    NoRepo(String, String),
    #[error("cannot resolve `{rev}`{detail}")]
    Rev { rev: String, detail: String },
    #[error("cannot read the tree of `{rev}`: {message}")]
    Tree { rev: String, message: String },
}

/// Every file of `rev` under `root` (a directory inside the repository's
/// work tree) for which `keep(path, size)` holds, paths relative to `root`.
pub fn tree_files(
    root: &Path,
    rev: &str,
    keep: &dyn Fn(&str, u64) -> bool,
) -> Result<Vec<Blob>, GitError> {
    let repo = gix::discover(root)
        .map_err(|e| GitError::NoRepo(root.display().to_string(), e.to_string()))?;
    let prefix = prefix_of(&repo, root);
    let id = resolve(&repo, rev)?;
    let commit = repo
        .find_object(id)
        .map_err(|e| rev_error(&repo, rev, &e.to_string(), Some(id)))?
        .peel_to_commit()
        .map_err(|e| rev_error(&repo, rev, &e.to_string(), None))?;
    let tree_err = |e: &dyn std::fmt::Display| GitError::Tree {
        rev: rev.to_string(),
        message: e.to_string(),
    };
    let tree = commit.tree().map_err(|e| tree_err(&e))?;
    let mut rec = gix::traverse::tree::Recorder::default();
    tree.traverse()
        .breadthfirst(&mut rec)
        .map_err(|e| tree_err(&e))?;
    let mut out = Vec::new();
    for entry in rec.records {
        if !entry.mode.is_blob() {
            continue;
        }
        let Ok(path) = entry.filepath.to_str() else {
            continue;
        };
        let rel = match prefix.as_deref() {
            None | Some("") => path,
            Some(p) => match path.strip_prefix(p).and_then(|r| r.strip_prefix('/')) {
                Some(r) => r,
                None => continue,
            },
        };
        let header = repo.find_header(entry.oid).map_err(|e| tree_err(&e))?;
        if !keep(rel, header.size()) {
            continue;
        }
        let obj = repo.find_object(entry.oid).map_err(|e| tree_err(&e))?;
        out.push((rel.to_string(), obj.detach().data));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// `root` relative to the work tree, `/`-separated.
fn prefix_of(repo: &gix::Repository, root: &Path) -> Option<String> {
    let wt = repo.workdir()?.canonicalize().ok()?;
    let abs = root.canonicalize().ok()?;
    let rel = abs.strip_prefix(&wt).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// The commit a revision names: `HEAD`, a branch, tag or other reference,
/// a full or abbreviated object id, each followed by any number of `~N`
/// and `^N` steps. (gix's own rev-spec parser needs its `revision`
/// feature, which pulls in the index machinery.)
fn resolve(repo: &gix::Repository, rev: &str) -> Result<gix::ObjectId, GitError> {
    let err = |m: String| rev_error(repo, rev, &m, None);
    let cut = rev.find(['~', '^']).unwrap_or(rev.len());
    let (base, mut steps) = rev.split_at(cut);
    let mut id = if base == "HEAD" || base == "@" {
        repo.head_id().map_err(|e| err(e.to_string()))?.detach()
    } else if let Ok(Some(mut r)) = repo.try_find_reference(base) {
        r.peel_to_id().map_err(|e| err(e.to_string()))?.detach()
    } else if base.len() >= 4 && base.len() <= 40 && base.bytes().all(|b| b.is_ascii_hexdigit()) {
        let prefix = gix::hash::Prefix::from_hex(base).map_err(|e| err(e.to_string()))?;
        match repo.objects.lookup_prefix(prefix, None) {
            Ok(Some(Ok(id))) => id,
            Ok(Some(Err(()))) => return Err(err(format!("`{base}` is ambiguous"))),
            _ => {
                return Err(err(format!(
                    "no commit or reference `{base}` in this repository"
                )))
            }
        }
    } else {
        return Err(err(format!(
            "no commit or reference `{base}` in this repository"
        )));
    };
    while !steps.is_empty() {
        let op = steps.as_bytes()[0];
        let digits: String = steps[1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        steps = &steps[1 + digits.len()..];
        let n: usize = if digits.is_empty() {
            1
        } else {
            digits
                .parse()
                .map_err(|_| err(format!("bad count `{digits}`")))?
        };
        let parent = |id: gix::ObjectId, k: usize| -> Result<gix::ObjectId, GitError> {
            let obj = repo
                .find_object(id)
                .map_err(|e| rev_error(repo, rev, &e.to_string(), Some(id)))?;
            let c = obj.peel_to_commit().map_err(|e| err(e.to_string()))?;
            let p = c.parent_ids().nth(k).map(|p| p.detach());
            p.ok_or_else(|| err(format!("commit {id} has no parent {}", k + 1)))
        };
        if op == b'~' {
            for _ in 0..n {
                id = parent(id, 0)?;
            }
        } else if n > 0 {
            id = parent(id, n - 1)?;
        }
    }
    Ok(id)
}

/// A clear error for a revision that does not resolve; in a shallow clone,
/// names the commit whose history is cut off.
fn rev_error(
    repo: &gix::Repository,
    rev: &str,
    message: &str,
    missing_id: Option<gix::ObjectId>,
) -> GitError {
    let mut detail = format!(": {message}");
    if repo.is_shallow().unwrap_or(false) {
        let mut missing: Vec<String> = missing_id.iter().map(|i| i.to_string()).collect();
        if let Ok(Some(boundary)) = repo.shallow_commits() {
            for id in boundary.iter() {
                if !missing.is_empty() {
                    break;
                }
                if let Ok(obj) = repo.find_object(*id) {
                    if let Ok(c) = obj.try_into_commit() {
                        for p in c.parent_ids() {
                            missing.push(p.to_string());
                        }
                    }
                }
            }
        }
        missing.sort();
        missing.dedup();
        detail = if missing.is_empty() {
            format!(
                ": the repository is a shallow clone and `{rev}` is not in it ({message}); fetch more history (`git fetch --deepen=<n>`, or `fetch-depth: 0` in actions/checkout)"
            )
        } else {
            format!(
                ": the repository is a shallow clone and commit {} is missing from it ({message}); fetch more history (`git fetch --deepen=<n>`, or `fetch-depth: 0` in actions/checkout)",
                missing.join(", ")
            )
        };
    }
    GitError::Rev {
        rev: rev.to_string(),
        detail,
    }
}
