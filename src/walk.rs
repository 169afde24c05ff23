//! Finds the files to analyse: gitignore-aware, parallel, with default
//! excludes, include/exclude globs and a size limit.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};

use crate::config::Config;
use crate::model::FileKind;

mod artifacts;

pub use artifacts::{explicit_artifacts, is_artifact_candidate};

/// Directories never descended into.
pub const DEFAULT_EXCLUDED_DIRS: &[&str] = &["node_modules", "vendor", "dist", "target", ".git"];

#[derive(Clone, Debug)]
pub struct WalkedFile {
    /// Relative to the root, `/`-separated.
    pub rel: String,
    pub abs: PathBuf,
    pub kind: FileKind,
    pub size: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub rel: String,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<WalkedFile>,
    pub skipped: Vec<Skipped>,
}

/// The kind of a file from its name, or `None` when seam does not read it.
pub fn classify(rel: &str) -> Option<FileKind> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    match name {
        "go.mod" => return Some(FileKind::GoMod),
        "package.json" => return Some(FileKind::PackageJson),
        "tsconfig.json" | "jsconfig.json" => return Some(FileKind::TsConfig),
        "package-lock.json" | "npm-shrinkwrap.json" | "pnpm-lock.yaml" | "yarn.lock" => {
            return Some(FileKind::NpmLock)
        }
        "Cargo.toml" => return Some(FileKind::CargoToml),
        "Cargo.lock" => return Some(FileKind::CargoLock),
        _ => {}
    }
    if name == ".env" || (name.starts_with(".env.") && !name.ends_with(".example")) {
        return Some(FileKind::Env);
    }
    if name.starts_with("tsconfig.") && name.ends_with(".json") {
        return Some(FileKind::TsConfig);
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e)?;
    match ext {
        "go" => Some(FileKind::Go),
        "rs" => Some(FileKind::Rust),
        "vue" => Some(FileKind::Vue),
        "ts" | "tsx" | "mts" | "cts" | "js" | "jsx" | "mjs" | "cjs" => {
            if name.ends_with(".min.js") {
                None
            } else {
                Some(FileKind::Script)
            }
        }
        _ => None,
    }
}

pub fn globset(globs: &[String]) -> Result<Option<GlobSet>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g).map_err(|e| format!("bad glob `{g}`: {e}"))?);
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

/// Walks `root`. Errors only for bad globs (a config error).
pub fn walk(root: &Path, config: &Config) -> Result<Walk, String> {
    let include = globset(&config.include)?;
    let exclude = globset(&config.exclude)?;
    let max = config.max_file_size();
    // With `[artifacts] paths`, binaries come from their own walk.
    let find_binaries = config.artifacts.paths.is_empty();
    let max_binary = config.artifacts.max_size();
    let out = Mutex::new(Walk::default());
    let walker = WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            !(is_dir
                && e.depth() > 0
                && DEFAULT_EXCLUDED_DIRS.contains(&&*e.file_name().to_string_lossy()))
        })
        .build_parallel();
    walker.run(|| {
        Box::new(|entry| {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    if let Some(rel) = error_path(&err, root) {
                        push_skip(&out, rel, format!("cannot read: {err}"));
                    }
                    return WalkState::Continue;
                }
            };
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            // A symlink counts only when it leads to a binary (build
            // outputs are often linked into place).
            let is_link = entry.path_is_symlink() && find_binaries;
            if !is_file && !is_link {
                return WalkState::Continue;
            }
            let rel = relative(entry.path(), root);
            let named = if is_file { classify(&rel) } else { None };
            if named.is_none() && !find_binaries {
                return WalkState::Continue;
            }
            if include.as_ref().is_some_and(|g| !g.is_match(&rel))
                || exclude.as_ref().is_some_and(|g| g.is_match(&rel))
            {
                return WalkState::Continue;
            }
            let meta = if is_link {
                std::fs::metadata(entry.path())
            } else {
                entry.metadata().map_err(std::io::Error::other)
            };
            let meta = match meta {
                Ok(m) if m.is_file() => m,
                Ok(_) => return WalkState::Continue,
                Err(e) => {
                    if named.is_some() {
                        push_skip(&out, rel, format!("cannot read: {e}"));
                    }
                    return WalkState::Continue;
                }
            };
            let kind = match named {
                Some(k) => k,
                None if is_artifact_candidate(&rel, &meta)
                    && artifacts::starts_like_binary(entry.path()) =>
                {
                    FileKind::Binary
                }
                None => return WalkState::Continue,
            };
            let size = meta.len();
            let (limit, setting) = if kind == FileKind::Binary {
                (max_binary, "[artifacts] max_size")
            } else {
                (max, "max_file_size")
            };
            if size > limit {
                push_skip(
                    &out,
                    rel,
                    format!("{size} bytes is over the {limit}-byte limit ({setting})"),
                );
                return WalkState::Continue;
            }
            if let Ok(mut w) = out.lock() {
                w.files.push(WalkedFile {
                    rel,
                    abs: entry.path().to_path_buf(),
                    kind,
                    size,
                });
            }
            WalkState::Continue
        })
    });
    let mut w = out.into_inner().unwrap_or_else(|p| p.into_inner());
    if !find_binaries {
        artifacts::walk_globs(root, config, &mut w)?;
    }
    w.files.sort_by(|a, b| a.rel.cmp(&b.rel));
    w.files.dedup_by(|a, b| a.rel == b.rel);
    w.skipped.sort_by(|a, b| a.rel.cmp(&b.rel));
    w.skipped.dedup();
    Ok(w)
}

fn push_skip(out: &Mutex<Walk>, rel: String, reason: String) {
    if let Ok(mut w) = out.lock() {
        w.skipped.push(Skipped { rel, reason });
    }
}

fn error_path(err: &ignore::Error, root: &Path) -> Option<String> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(relative(path, root)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err, root)
        }
        _ => None,
    }
}

/// `path` relative to `root`, with `/` separators.
pub fn relative(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_name() {
        assert_eq!(classify("a/b/main.go"), Some(FileKind::Go));
        assert_eq!(classify("web/src/App.vue"), Some(FileKind::Vue));
        assert_eq!(classify("web/src/api.ts"), Some(FileKind::Script));
        assert_eq!(classify("web/.env.development"), Some(FileKind::Env));
        assert_eq!(classify("web/.env.example"), None);
        assert_eq!(classify("web/app.min.js"), None);
        assert_eq!(classify("README.md"), None);
        assert_eq!(classify("go.mod"), Some(FileKind::GoMod));
        assert_eq!(classify("web/pnpm-lock.yaml"), Some(FileKind::NpmLock));
        assert_eq!(classify("crates/a/Cargo.toml"), Some(FileKind::CargoToml));
        assert_eq!(classify("bin/server"), None);
        assert_eq!(classify("pricing/src/lib.rs"), Some(FileKind::Rust));
    }
}
