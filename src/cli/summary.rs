//! `seam summary FILE.sarif`: Markdown for a CI job summary.

use super::{emit, SummaryArgs, EXIT_OK, EXIT_USAGE};
use crate::report::markdown;

pub fn run(args: &SummaryArgs) -> i32 {
    let text = match std::fs::read_to_string(&args.sarif) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.sarif.display());
            return EXIT_USAGE;
        }
    };
    let log = match markdown::parse(&text) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {}: {e}", args.sarif.display());
            return EXIT_USAGE;
        }
    };
    let out = markdown::render(&log, args.link_base.as_deref(), args.top);
    match emit(args.output.as_ref(), &out) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_USAGE
        }
    }
}
