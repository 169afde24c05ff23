//! The pipeline: walk → frontends (parallel, cached, panic-contained) →
//! link → rules → suppressions → sorted findings.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cache::Cache;
use crate::config::Config;
use crate::findings::{self, Finding};
use crate::link::{self, Analysis};
use crate::model::{FileFacts, Problem};
use crate::rules;
use crate::source::LineIndex;
use crate::walk::{self, Skipped, WalkedFile};

/// Default cache directory, relative to the scanned root.
pub const DEFAULT_CACHE_DIR: &str = ".seam-cache";

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Use the per-file facts cache.
    pub cache: bool,
    /// Overrides the cache directory (else config, else `.seam-cache`).
    pub cache_dir: Option<PathBuf>,
    /// Binaries outside the tree to check with it (`--artifact`).
    pub artifacts: Vec<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("{0}")]
    Config(String),
    #[error("cannot start worker threads: {0}")]
    Threads(String),
}

/// Stack size of the parsing threads: deeply nested input must not
/// overflow the stack.
const STACK: usize = 256 << 20;

fn pool() -> Result<rayon::ThreadPool, EngineError> {
    rayon::ThreadPoolBuilder::new()
        .stack_size(STACK)
        .thread_name(|i| format!("seam-{i}"))
        .build()
        .map_err(|e| EngineError::Threads(e.to_string()))
}

/// Reads and analyses every file of the tree.
pub fn analyze(root: &Path, config: &Config, opts: &Options) -> Result<Analysis, EngineError> {
    let mut walked = walk::walk(root, config).map_err(EngineError::Config)?;
    for a in walk::explicit_artifacts(&opts.artifacts, root).map_err(EngineError::Config)? {
        if !walked.files.iter().any(|f| f.rel == a.rel) {
            walked.files.push(a);
        }
    }
    let cache = if opts.cache && !config.cache.disabled {
        let dir = opts
            .cache_dir
            .clone()
            .or_else(|| config.cache.dir.as_ref().map(|d| root.join(d)))
            .unwrap_or_else(|| root.join(DEFAULT_CACHE_DIR));
        Cache::open(&dir)
    } else {
        None
    };
    let results: Vec<Result<FileFacts, Skipped>> = pool()?.install(|| {
        walked
            .files
            .par_iter()
            .map(|f| analyze_file(f, cache.as_ref()))
            .collect()
    });
    let mut files = Vec::with_capacity(results.len());
    let mut skipped = walked.skipped;
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(s) => skipped.push(s),
        }
    }
    skipped.sort_by(|a, b| a.rel.cmp(&b.rel));
    crate::repo::cargo::apply_metadata(root, &mut files);
    let mut analysis = link::link(files, config);
    analysis.skipped = skipped;
    analysis.versions.git_head = crate::repo::git::head(root);
    Ok(analysis)
}

fn analyze_file(f: &WalkedFile, cache: Option<&Cache>) -> Result<FileFacts, Skipped> {
    let bytes = std::fs::read(&f.abs).map_err(|e| Skipped {
        rel: f.rel.clone(),
        reason: format!("cannot read: {e}"),
    })?;
    let key = cache.map(|_| Cache::key(&f.rel, f.kind, &bytes));
    if let (Some(c), Some(k)) = (cache, &key) {
        if let Some(facts) = c.get(k, &f.rel) {
            return Ok(facts);
        }
    }
    let facts = analyze_contained(&f.rel, f.kind, &bytes);
    if let (Some(c), Some(k)) = (cache, &key) {
        c.put(k, &facts);
    }
    Ok(facts)
}

/// Runs a frontend; a panic inside it (or a dependency) becomes a problem
/// of that file only.
pub fn analyze_contained(path: &str, kind: crate::model::FileKind, bytes: &[u8]) -> FileFacts {
    match catch_unwind(AssertUnwindSafe(|| {
        crate::frontends::analyze(path, kind, bytes)
    })) {
        Ok(f) => f,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            let mut facts = FileFacts::new(path, kind);
            facts.problems.push(Problem {
                message: format!("internal error while analysing this file ({msg}); the rest of the run is complete"),
                origin: LineIndex::new(path, bytes).origin(0, 0),
            });
            facts
        }
    }
}

/// Parses every file and nothing else: the floor for benchmarks.
pub fn parse_only(root: &Path, config: &Config) -> Result<(usize, u64), EngineError> {
    let walked = walk::walk(root, config).map_err(EngineError::Config)?;
    let bytes: u64 = walked.files.iter().map(|f| f.size).sum();
    let n = pool()?.install(|| {
        walked
            .files
            .par_iter()
            .filter(|f| {
                std::fs::read(&f.abs)
                    .map(|b| {
                        catch_unwind(AssertUnwindSafe(|| {
                            crate::frontends::parse_only(&f.rel, f.kind, &b)
                        }))
                        .unwrap_or(false)
                    })
                    .unwrap_or(false)
            })
            .count()
    });
    Ok((n, bytes))
}

/// Runs the rules, applies suppressions and sorts. `show_hidden` enables
/// rules hidden by default.
pub fn check(analysis: &Analysis, config: &Config, show_hidden: bool) -> Vec<Finding> {
    check_drift(analysis, config, show_hidden, None)
}

/// [`check`], with a baseline for the drift rules.
pub fn check_drift(
    analysis: &Analysis,
    config: &Config,
    show_hidden: bool,
    drift: Option<&crate::drift::Drift>,
) -> Vec<Finding> {
    let cx = rules::Context {
        analysis,
        config,
        drift,
    };
    let mut out = rules::run(&cx, show_hidden);
    crate::suppress::apply(analysis, config, &mut out);
    findings::finalize(&mut out);
    out
}
