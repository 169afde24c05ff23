//! `seam inspect FILE...`: what seam reads from built binaries.

use std::io::Write;
use std::path::PathBuf;

use super::{EXIT_OK, EXIT_USAGE};

/// Output formats of `seam inspect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InspectFormat {
    /// `go version -m` lines, then seam's own.
    Human,
    /// Every field of the artefact model.
    Json,
}

#[derive(clap::Args, Debug)]
pub struct InspectArgs {
    /// Binaries to read (ELF, Mach-O, fat Mach-O, PE).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = InspectFormat::Human)]
    pub format: InspectFormat,
}

/// Prints the report, or the error naming each bad file (exit 2; nothing
/// is printed on standard output then).
pub fn run(args: &InspectArgs) -> i32 {
    let mut buf = Vec::new();
    let json = args.format == InspectFormat::Json;
    if let Err(e) = crate::inspect::inspect(&args.files, json, &mut buf) {
        for line in e.to_string().lines() {
            eprintln!("error: {line}");
        }
        return EXIT_USAGE;
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(&buf).and_then(|_| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write the report: {e}");
            EXIT_USAGE
        }
    }
}
