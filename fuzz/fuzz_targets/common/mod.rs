//! Shared by the fuzz targets: run a frontend the way the engine does and
//! check what every frontend promises about its output.

#![allow(dead_code)]

use std::collections::HashSet;
use std::sync::Mutex;

use seam::cache;
use seam::model::{FileFacts, FileKind};

/// The engine parses on threads with this stack (`engine::STACK`): deep
/// nesting is only survivable there, so the targets use it too.
const STACK: usize = 256 << 20;

/// Runs `f` on a thread with the engine's stack size.
pub fn on_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        let worker = std::thread::Builder::new()
            .stack_size(STACK)
            .spawn_scoped(s, f)
            .expect("cannot spawn the worker thread");
        match worker.join() {
            Ok(v) => v,
            // libFuzzer's panic hook aborts first; this is for plain runs.
            Err(p) => std::panic::resume_unwind(p),
        }
    })
}

/// Call from `fuzz_target!(init: ...)`. libFuzzer's panic hook aborts on
/// every panic, before any `catch_unwind` sees it. A panic located in a
/// dependency's source is contained in production (`engine::
/// analyze_contained` makes it a SEAM001 of that file; `binary::read`
/// turns a goblin panic into a problem): let those unwind, and log each
/// place once. A panic located in seam (or std called by seam) is a bug:
/// still abort, so libFuzzer saves the input.
pub fn init() {
    let abort = std::panic::take_hook();
    let seen = Mutex::new(HashSet::new());
    std::panic::set_hook(Box::new(move |info| {
        let Some(place) = info.location().filter(|l| in_dependency(l.file())) else {
            return abort(info);
        };
        let place = format!("{}:{}", place.file(), place.line());
        if seen.lock().is_ok_and(|mut s| s.insert(place.clone())) {
            eprintln!("contained dependency panic at {place}: {info}");
        }
    }));
}

fn in_dependency(file: &str) -> bool {
    file.contains("/.cargo/registry/") || file.contains("/.cargo/git/")
}

/// Analyses `bytes` as `kind` the way the engine does (big stack, panics
/// contained, TS/JS/Vue given up after the parse deadline) and checks the
/// facts.
pub fn analyze(path: &str, kind: FileKind, bytes: &[u8]) -> FileFacts {
    let facts = on_big_stack(|| seam::engine::analyze_bounded(path, kind, bytes).0);
    check(path, kind, bytes, &facts);
    facts
}

/// What holds for the facts of any file:
/// - they name the file and kind they were asked for;
/// - every location is inside the file, 1-based, start before end;
/// - they survive the facts cache's encoding unchanged: a cached run must
///   report what an uncached one does (or, nested past the cache's depth
///   limit, do not read back at all: a cache miss).
pub fn check(path: &str, kind: FileKind, bytes: &[u8], facts: &FileFacts) {
    assert_eq!(facts.path, path);
    assert_eq!(facts.kind, kind);
    let len = bytes.len() as u32;
    for p in &facts.problems {
        let o = &p.origin;
        assert_eq!(&*o.path, path, "{p:?}");
        assert!(
            o.start <= o.end && o.end <= len,
            "{p:?} (file of {len} bytes)"
        );
        assert!(o.line >= 1 && o.column >= 1, "{p:?}");
        assert!((o.line, o.column) <= (o.end_line, o.end_column), "{p:?}");
    }
    let entry = cache::encode(facts).expect("facts encode");
    match cache::decode::<FileFacts>(&entry) {
        Ok(back) => assert!(back == *facts, "facts change through the cache"),
        Err(cache::BadEntry::TooDeep) => {}
        Err(e) => panic!("facts do not read back from the cache: {e:?}"),
    }
}

/// Splits off the first byte to pick one of `names`.
pub fn pick<'a, 'd>(data: &'d [u8], names: &[&'a str]) -> Option<(&'a str, &'d [u8])> {
    let (&first, rest) = data.split_first()?;
    Some((names[first as usize % names.len()], rest))
}
