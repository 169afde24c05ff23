//! The pipeline: walk → frontends (parallel, cached, panic-contained) →
//! link → rules → suppressions → sorted findings.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cache::Cache;
use crate::config::Config;
use crate::findings::{self, Finding};
use crate::link::{self, Analysis};
use crate::model::{FileFacts, FileKind, Problem};
use crate::rules;
use crate::script_runner::{self, Outcome};
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
    /// Forget each file's API surface (exported Go and TS declarations,
    /// Vue component contracts) once it is analysed: only drift reads it,
    /// and a check without a baseline saves about a quarter of its memory.
    /// The cache still stores it whole.
    pub drop_api_surfaces: bool,
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
            .map(|f| analyze_file(f, cache.as_ref(), !opts.drop_api_surfaces))
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

/// One file's facts, from the cache when it has them. Without `with_api`
/// the drift-only API surface is left out (see [`Options::drop_api_surfaces`]).
fn analyze_file(
    f: &WalkedFile,
    cache: Option<&Cache>,
    with_api: bool,
) -> Result<FileFacts, Skipped> {
    let bytes = std::fs::read(&f.abs).map_err(|e| Skipped {
        rel: f.rel.clone(),
        reason: format!("cannot read: {e}"),
    })?;
    let key = cache.map(|_| Cache::key(&f.rel, f.kind, &bytes));
    if let (Some(c), Some(k)) = (cache, &key) {
        if let Some(mut facts) = c.get(k, &f.rel, with_api) {
            facts.shrink_to_fit();
            return Ok(facts);
        }
    }
    let (mut facts, finished) = analyze_bounded(&f.rel, f.kind, &bytes);
    if let (Some(c), Some(k)) = (cache, &key) {
        // A deadline depends on the machine's load: try again next run.
        if finished {
            c.put(k, &mut facts);
        }
    }
    if !with_api {
        facts.take_api_surface();
    }
    facts.shrink_to_fit();
    Ok(facts)
}

/// How long swc may take over one TS/JS/Vue file. Its TypeScript parser
/// backtracks on every `(` and `<` that may open an arrow function, and a
/// few hundred bytes of unclosed ones take minutes (found by fuzzing:
/// 853 bytes, 100 s). Real files take milliseconds.
pub const SCRIPT_DEADLINE: std::time::Duration = std::time::Duration::from_secs(10);

/// [`SCRIPT_DEADLINE`], or `SEAM_SCRIPT_DEADLINE_MS` from the environment
/// (for tests, which cannot wait minutes for a slow input).
fn script_deadline() -> std::time::Duration {
    static DEADLINE: std::sync::OnceLock<std::time::Duration> = std::sync::OnceLock::new();
    *DEADLINE.get_or_init(|| {
        std::env::var("SEAM_SCRIPT_DEADLINE_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map(std::time::Duration::from_millis)
            .unwrap_or(SCRIPT_DEADLINE)
    })
}

/// [`analyze_contained`], with TS/JS/Vue files run on a helper thread and
/// given up after [`SCRIPT_DEADLINE`] (see [`script_runner`]): the file
/// becomes a SEAM001 and the run goes on. The flag is false when the
/// deadline passed.
pub fn analyze_bounded(path: &str, kind: FileKind, bytes: &[u8]) -> (FileFacts, bool) {
    if !matches!(kind, FileKind::Script | FileKind::Vue) {
        return (analyze_contained(path, kind, bytes), true);
    }
    let deadline = script_deadline();
    match script_runner::run(path, kind, bytes, deadline, STACK, analyze_contained) {
        Outcome::Done(facts) => (*facts, true),
        Outcome::NoHelper => (analyze_contained(path, kind, bytes), true),
        Outcome::TimedOut => {
            let mut facts = FileFacts::new(path, kind);
            facts.problems.push(Problem {
                message: format!(
                    "the TypeScript/JavaScript parser did not finish within {} s \
                     (input that makes it backtrack); the file is not read",
                    deadline.as_secs_f32()
                ),
                origin: LineIndex::new(path, bytes).origin(0, 0),
            });
            (facts, false)
        }
    }
}

/// Runs a frontend; a panic inside it (or a dependency) becomes a problem
/// of that file only.
pub fn analyze_contained(path: &str, kind: FileKind, bytes: &[u8]) -> FileFacts {
    match catch_unwind(AssertUnwindSafe(|| {
        #[cfg(test)]
        tests::inject_panic(path);
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

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    /// Test builds only: a file of this name panics while a dependency
    /// (serde_json, calling back into a `Deserialize` impl) is on the
    /// stack, the way a bug in swc, syn or goblin would.
    const PANICKING_FILE: &str = "panics-in-a-dependency.ts";

    pub(super) fn inject_panic(path: &str) {
        struct Boom;
        impl<'de> serde::Deserialize<'de> for Boom {
            fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
                panic!("injected panic inside serde_json")
            }
        }
        if path.ends_with(PANICKING_FILE) {
            let _ = serde_json::from_str::<Boom>("null");
        }
    }

    /// A panic while one file is analysed is that file's SEAM001 (with its
    /// path and the panic message); every other file is analysed and every
    /// other finding reported, in a run with many files on the pool.
    #[test]
    fn a_panic_is_contained_to_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("go.mod"), "module example.com/x\n\ngo 1.22\n").unwrap();
        fs::write(
            d.join("main.go"),
            "package main\n\nimport \"net/http\"\n\nfunc main() { http.HandleFunc(\"GET /api/a\", nil) }\n",
        )
        .unwrap();
        fs::create_dir_all(d.join("web/deep")).unwrap();
        for i in 0..50 {
            fs::write(
                d.join(format!("web/call{i}.ts")),
                format!("export const c{i} = () => fetch('/api/missing/{i}')\n"),
            )
            .unwrap();
        }
        fs::write(
            d.join("web/deep").join(PANICKING_FILE),
            "export const p = () => fetch('/api/also-missing')\n",
        )
        .unwrap();
        let config = Config::default();
        let analysis = analyze(d, &config, &Options::default()).unwrap();
        let findings = check(&analysis, &config, false);
        let at = |rule: &str, path: &str| {
            findings
                .iter()
                .filter(|f| f.rule == rule && *f.origin.path == *path)
                .collect::<Vec<_>>()
        };
        let path = format!("web/deep/{PANICKING_FILE}");
        let seam001 = at("SEAM001", &path);
        assert_eq!(seam001.len(), 1, "{findings:#?}");
        assert!(
            seam001[0]
                .message
                .contains("injected panic inside serde_json"),
            "{}",
            seam001[0].message
        );
        // The panicking file's own call is lost; every other one is there.
        assert!(at("HTTP001", &path).is_empty());
        for i in 0..50 {
            let p = format!("web/call{i}.ts");
            assert_eq!(at("HTTP001", &p).len(), 1, "{p}: {findings:#?}");
        }
        assert_eq!(analysis.files.len(), 53);
    }
}
