//! The command line: `seam check`, `snapshot`, `rules`, `explain`, ...

mod changed;
mod check;
mod docs;
mod drift;
mod inspect;
mod summary;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::report::Format;

/// Exit codes: one meaning each.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "seam",
    version,
    about = "Finds where a Go backend, a Vue/TypeScript frontend, Rust crates and built binaries no longer agree."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check a tree and report findings.
    Check(CheckArgs),
    /// Write the tree's exported surface (the contract) as JSON: the baseline
    /// format for `check --baseline` and `diff`.
    Snapshot(SnapshotArgs),
    /// Compare two snapshots with the drift rules (exit codes like check).
    Diff(DiffArgs),
    /// List the rules.
    Rules,
    /// Explain one rule.
    Explain {
        /// Rule id, e.g. HTTP001.
        id: String,
    },
    /// Summarise a SARIF log as Markdown (for $GITHUB_STEP_SUMMARY).
    Summary(SummaryArgs),
    /// Show what seam reads from binaries: Go build info, -X strings, exports.
    Inspect(inspect::InspectArgs),
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// The tree to check (default: the current directory).
    pub path: Option<PathBuf>,
    /// Output format (default: human).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, default_value = "error", value_parser = ["error", "warning", "note", "never"])]
    pub fail_on: String,
    /// Configuration file (default: seam.toml in the checked tree, if present).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Print link statistics (calls found, linked, unresolved) and show
    /// unresolved calls as SEAM003 notes.
    #[arg(long)]
    pub stats: bool,
    /// Do not read or write the per-file facts cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Colour in human output: auto, always, never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    pub color: String,
    /// A build output outside the tree to check with it (repeatable).
    #[arg(long = "artifact", value_name = "PATH")]
    pub artifacts: Vec<PathBuf>,
    /// Parse every file and stop (benchmark floor).
    #[arg(long, hide = true)]
    pub parse_only: bool,
    /// Compare with this snapshot (`seam snapshot`) and run the drift rules.
    #[arg(long, value_name = "SNAPSHOT", conflicts_with = "baseline_rev")]
    pub baseline: Option<PathBuf>,
    /// Compare with the tree at this git revision (read from the object
    /// database: no checkout, no network) and run the drift rules.
    #[arg(long, value_name = "REV")]
    pub baseline_rev: Option<String>,
    /// Also report additions (they need a minor version bump) as notes.
    #[arg(long)]
    pub show_additions: bool,
    /// Do not report findings recorded in this baseline file (see
    /// --write-baseline-findings).
    #[arg(long, value_name = "FILE")]
    pub baseline_findings: Option<PathBuf>,
    /// Record the current findings in this baseline file; they are then
    /// not reported (by this run, or later runs given --baseline-findings).
    #[arg(long, value_name = "FILE")]
    pub write_baseline_findings: Option<PathBuf>,
    /// Report only findings whose location or related location is in one of
    /// these files (the whole tree is still analysed). Takes every argument
    /// up to the next option, as pre-commit passes file names last.
    #[arg(long, value_name = "FILE", num_args = 0.., conflicts_with = "write_baseline_findings")]
    pub changed_files: Option<Vec<PathBuf>>,
    /// For sarif and github output: write paths relative to this directory
    /// (an ancestor of the checked tree, e.g. the repository root) instead of
    /// the checked tree.
    #[arg(long, value_name = "DIR")]
    pub path_base: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// The baseline snapshot.
    pub old: PathBuf,
    /// The current snapshot.
    pub new: PathBuf,
    /// Output format (default: human).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, default_value = "error", value_parser = ["error", "warning", "note", "never"])]
    pub fail_on: String,
    /// Configuration file (rule levels).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Also report additions (they need a minor version bump) as notes.
    #[arg(long)]
    pub show_additions: bool,
}

#[derive(clap::Args, Debug)]
pub struct SummaryArgs {
    /// A SARIF log, e.g. from `seam check --format sarif -o seam.sarif`.
    pub sarif: PathBuf,
    /// Prefix that turns a location into a link, e.g.
    /// https://github.com/OWNER/REPO/blob/SHA/
    #[arg(long, value_name = "URL")]
    pub link_base: Option<String>,
    /// How many findings to list.
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct SnapshotArgs {
    /// The tree (default: the current directory).
    pub path: Option<PathBuf>,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Configuration file (default: seam.toml in the tree, if present).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Do not read or write the per-file facts cache.
    #[arg(long)]
    pub no_cache: bool,
}

/// Runs the CLI; returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Snapshot(args) => check::snapshot(&args),
        Command::Diff(args) => drift::diff(&args),
        Command::Rules => docs::rules(),
        Command::Explain { id } => docs::explain(&id),
        Command::Summary(args) => summary::run(&args),
        Command::Inspect(args) => inspect::run(&args),
    }
}

/// Writes output to a file (atomically) or standard output.
pub fn emit(output: Option<&PathBuf>, text: &str) -> Result<(), String> {
    match output {
        Some(p) => crate::cache::write_atomic(p, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", p.display())),
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes()).map_err(|e| e.to_string())
        }
    }
}
