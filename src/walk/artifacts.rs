//! Which built binaries the walk reads: every file with the executable bit
//! or a shared-library / Windows name that starts like a binary (magic
//! bytes, never the name alone), or the files `[artifacts] paths` names,
//! or those given with `seam check --artifact`.

use std::fs::Metadata;
use std::io::Read;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSetBuilder};
use ignore::WalkBuilder;

use super::{relative, Skipped, Walk, WalkedFile};
use crate::config::Config;
use crate::frontends::binary::looks_like_binary;
use crate::model::FileKind;

/// Whether a file the walk found by name alone might be a binary worth
/// opening: a library or `.exe` name, or the executable bit.
pub fn is_artifact_candidate(rel: &str, meta: &Metadata) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let lower = name.to_ascii_lowercase();
    let by_name = [".so", ".dylib", ".dll", ".exe"]
        .iter()
        .any(|ext| lower.ends_with(ext))
        || lower.contains(".so.");
    by_name || is_executable(meta)
}

#[cfg(unix)]
fn is_executable(meta: &Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_: &Metadata) -> bool {
    false
}

/// Reads the first bytes of `path` and checks the magic.
pub(super) fn starts_like_binary(path: &Path) -> bool {
    let mut head = [0u8; 8];
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    looks_like_binary(&head[..n])
}

/// The directory a glob's matches are all under: its components before the
/// first one with a glob metacharacter.
fn base_of(glob: &str) -> PathBuf {
    let mut base = PathBuf::new();
    let parts: Vec<&str> = glob.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        let is_last = i + 1 == parts.len();
        if is_last || part.contains(['*', '?', '[', '{']) || part.is_empty() {
            break;
        }
        base.push(part);
    }
    base
}

/// `[artifacts] paths`: walks each glob's base directory with no ignore
/// rules and no default excludes (build outputs live in `dist/`, `target/`
/// and gitignored directories), `.git` aside.
pub(super) fn walk_globs(root: &Path, config: &Config, out: &mut Walk) -> Result<(), String> {
    let mut b = GlobSetBuilder::new();
    for g in &config.artifacts.paths {
        b.add(Glob::new(g).map_err(|e| format!("bad glob `{g}` in [artifacts] paths: {e}"))?);
    }
    let set = b.build().map_err(|e| e.to_string())?;
    let exclude = super::globset(&config.exclude)?;
    let max = config.artifacts.max_size();
    let mut bases: Vec<PathBuf> = config.artifacts.paths.iter().map(|g| base_of(g)).collect();
    bases.sort();
    bases.dedup();
    for base in bases {
        let dir = root.join(&base);
        if !dir.exists() {
            continue;
        }
        let walker = WalkBuilder::new(&dir)
            .standard_filters(false)
            .follow_links(false)
            .filter_entry(|e| {
                !(e.depth() > 0
                    && e.file_type().is_some_and(|t| t.is_dir())
                    && e.file_name() == ".git")
            })
            .build();
        for entry in walker.flatten() {
            let rel = relative(entry.path(), root);
            if !set.is_match(&rel) || exclude.as_ref().is_some_and(|g| g.is_match(&rel)) {
                continue;
            }
            let Ok(meta) = std::fs::metadata(entry.path()) else {
                continue;
            };
            if !meta.is_file() || !starts_like_binary(entry.path()) {
                continue;
            }
            if meta.len() > max {
                out.skipped.push(Skipped {
                    rel,
                    reason: format!(
                        "{} bytes is over the {max}-byte limit ([artifacts] max_size)",
                        meta.len()
                    ),
                });
                continue;
            }
            out.files.push(WalkedFile {
                rel,
                abs: entry.path().to_path_buf(),
                kind: FileKind::Binary,
                size: meta.len(),
            });
        }
    }
    Ok(())
}

/// `seam check --artifact PATH`: each must be a readable binary (a usage
/// error otherwise). Named relative to the root when inside it, else as
/// given, with `/` separators.
pub fn explicit_artifacts(paths: &[PathBuf], root: &Path) -> Result<Vec<WalkedFile>, String> {
    let root_abs = root.canonicalize().ok();
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p)
            .map_err(|e| format!("--artifact {}: cannot read: {e}", p.display()))?;
        if !meta.is_file() {
            return Err(format!("--artifact {}: not a file", p.display()));
        }
        if !starts_like_binary(p) {
            return Err(format!(
                "--artifact {}: not an ELF, Mach-O or PE binary",
                p.display()
            ));
        }
        let abs = p.canonicalize().unwrap_or_else(|_| p.clone());
        let rel = match &root_abs {
            Some(r) if abs.starts_with(r) => relative(&abs, r),
            _ => p
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/"),
        };
        out.push(WalkedFile {
            rel,
            abs,
            kind: FileKind::Binary,
            size: meta.len(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_bases() {
        assert_eq!(base_of("dist/server"), PathBuf::from("dist"));
        assert_eq!(base_of("build/**/*.so"), PathBuf::from("build"));
        assert_eq!(base_of("**/bin/*"), PathBuf::new());
        assert_eq!(base_of("a/b/c*/d"), PathBuf::from("a/b"));
    }
}
