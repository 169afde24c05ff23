//! Runs the TS/JS/Vue frontend on a helper thread that can be given up on.
//!
//! swc's TypeScript parser backtracks exponentially on some inputs, and a
//! thread cannot be stopped from outside, so a script file is analysed on a
//! helper thread while the calling thread waits with a deadline. Each
//! calling thread keeps one long-lived helper (so swc's per-thread state
//! stays warm and no thread is started per file); when a deadline passes,
//! that helper is abandoned — it ends by itself once its file is done and
//! it finds nobody listening — and the next file gets a new one.

use std::cell::RefCell;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::time::Duration;

use crate::model::{FileFacts, FileKind};

/// One file to analyse.
struct Job {
    path: String,
    kind: FileKind,
    bytes: Vec<u8>,
}

/// The calling thread's end of a helper thread.
struct Helper {
    jobs: SyncSender<Job>,
    results: Receiver<FileFacts>,
}

thread_local! {
    static HELPER: RefCell<Option<Helper>> = const { RefCell::new(None) };
}

/// What became of a file given to [`run`].
pub enum Outcome {
    Done(Box<FileFacts>),
    /// The deadline passed; the helper was abandoned.
    TimedOut,
    /// No helper thread could be started (or it died): run it here.
    NoHelper,
}

/// Analyses one file on this thread's helper, waiting at most `deadline`.
/// `analyze` must contain panics itself (the helper survives none).
pub fn run(
    path: &str,
    kind: FileKind,
    bytes: &[u8],
    deadline: Duration,
    stack: usize,
    analyze: fn(&str, FileKind, &[u8]) -> FileFacts,
) -> Outcome {
    HELPER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = start(stack, analyze);
        }
        let Some(helper) = slot.as_ref() else {
            return Outcome::NoHelper;
        };
        let job = Job {
            path: path.to_string(),
            kind,
            bytes: bytes.to_vec(),
        };
        if helper.jobs.send(job).is_err() {
            *slot = None;
            return Outcome::NoHelper;
        }
        match helper.results.recv_timeout(deadline) {
            Ok(facts) => Outcome::Done(Box::new(facts)),
            Err(RecvTimeoutError::Timeout) => {
                // Dropping the channels lets the busy helper end after its file.
                *slot = None;
                Outcome::TimedOut
            }
            Err(RecvTimeoutError::Disconnected) => {
                *slot = None;
                Outcome::NoHelper
            }
        }
    })
}

fn start(stack: usize, analyze: fn(&str, FileKind, &[u8]) -> FileFacts) -> Option<Helper> {
    let (jobs, job_rx) = mpsc::sync_channel::<Job>(1);
    let (result_tx, results) = mpsc::sync_channel::<FileFacts>(1);
    std::thread::Builder::new()
        .name("seam-script".into())
        .stack_size(stack)
        .spawn(move || {
            for job in job_rx {
                let facts = analyze(&job.path, job.kind, &job.bytes);
                if result_tx.send(facts).is_err() {
                    return;
                }
            }
        })
        .ok()?;
    Some(Helper { jobs, results })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quick(path: &str, kind: FileKind, bytes: &[u8]) -> FileFacts {
        let mut f = FileFacts::new(path, kind);
        f.problems.push(crate::model::Problem {
            message: format!("{} bytes", bytes.len()),
            origin: crate::source::LineIndex::new(path, bytes).origin(0, 0),
        });
        f
    }

    fn slow_when_asked(path: &str, kind: FileKind, bytes: &[u8]) -> FileFacts {
        if path == "slow.ts" {
            std::thread::sleep(Duration::from_millis(500));
        }
        quick(path, kind, bytes)
    }

    fn message(o: Outcome) -> String {
        match o {
            Outcome::Done(f) => f.problems[0].message.clone(),
            Outcome::TimedOut => "timed out".into(),
            Outcome::NoHelper => "no helper".into(),
        }
    }

    #[test]
    fn one_helper_serves_many_files_and_is_replaced_after_a_timeout() {
        let d = Duration::from_secs(5);
        let run1 = |p: &str, b: &[u8], d| {
            message(run(p, FileKind::Script, b, d, 1 << 20, slow_when_asked))
        };
        assert_eq!(run1("a.ts", b"abc", d), "3 bytes");
        assert_eq!(run1("b.ts", b"abcdef", d), "6 bytes");
        assert_eq!(
            run1("slow.ts", b"x", Duration::from_millis(50)),
            "timed out"
        );
        // The abandoned helper is still busy: the next file gets a new one
        // and its own answer, not the late answer for slow.ts.
        assert_eq!(run1("c.ts", b"abcd", d), "4 bytes");
    }
}
