//! `seam check --baseline / --baseline-rev` and `seam diff`: load the
//! baseline contract, build the current one, hand both to the drift rules.

use std::path::{Path, PathBuf};

use super::check::load_config;
use super::{emit, CheckArgs, DiffArgs, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};
use crate::config::Config;
use crate::drift::{self, Drift};
use crate::link::Analysis;
use crate::model::Contract;
use crate::report::{self, Format, Report, Summary};

fn read_snapshot(path: &Path) -> Result<Contract, i32> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        eprintln!("error: cannot read {}: {e}", path.display());
        EXIT_USAGE
    })?;
    Contract::from_json(&text).map_err(|e| {
        eprintln!("error: {}: {e}", path.display());
        EXIT_USAGE
    })
}

/// The contract of the tree at a git revision.
pub fn contract_at_rev(root: &Path, rev: &str, config: &Config) -> Result<Contract, String> {
    let blobs = drift::git::tree_files(root, rev, &|p, size| drift::wanted(p, size, config))
        .map_err(|e| e.to_string())?;
    let files: std::collections::BTreeMap<String, Vec<u8>> = blobs.iter().cloned().collect();
    let a = drift::analyze_blobs(blobs, config)?;
    Ok(drift::contract(&a, config, &|p| files.get(p).cloned()))
}

/// The drift of the checked tree against `--baseline` / `--baseline-rev`.
pub fn baseline(
    root: &Path,
    config: &Config,
    a: &Analysis,
    args: &CheckArgs,
) -> Result<Option<Drift>, i32> {
    let (old, label) = match (&args.baseline, &args.baseline_rev) {
        (Some(p), _) => (read_snapshot(p)?, p.display().to_string()),
        (None, Some(rev)) => {
            let hook = std::panic::take_hook();
            std::panic::set_hook(Box::new(|_| {}));
            let c = contract_at_rev(root, rev, config);
            std::panic::set_hook(hook);
            match c {
                Ok(c) => (c, rev.clone()),
                Err(e) => {
                    eprintln!("error: --baseline-rev: {e}");
                    return Err(EXIT_USAGE);
                }
            }
        }
        (None, None) => return Ok(None),
    };
    let new = drift::contract(a, config, &|p| std::fs::read(root.join(p)).ok());
    Ok(Some(Drift {
        old,
        new,
        show_additions: args.show_additions,
        baseline: label,
    }))
}

pub fn diff(args: &DiffArgs) -> i32 {
    let (old, new) = match (read_snapshot(&args.old), read_snapshot(&args.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(c), _) | (_, Err(c)) => return c,
    };
    let config = match &args.config {
        Some(p) => match load_config(Path::new("."), Some(p)) {
            Ok(c) => c,
            Err(c) => return c,
        },
        None => Config::default(),
    };
    let d = Drift {
        old,
        new,
        show_additions: args.show_additions,
        baseline: args.old.display().to_string(),
    };
    let empty = crate::link::link(Vec::new(), &config);
    let findings = crate::engine::check_drift(&empty, &config, false, Some(&d));
    let root = PathBuf::from(".");
    let report = Report {
        root: &root,
        findings: &findings,
        summary: Summary::new(0, &findings, None),
    };
    let text = match args.format {
        Format::Json => report::json::render(&report),
        Format::Human => report::human::render(&report, false),
        _ => {
            eprintln!("error: this output format is not built yet");
            return EXIT_USAGE;
        }
    };
    if let Err(e) = emit(args.output.as_ref(), &text) {
        eprintln!("error: {e}");
        return EXIT_USAGE;
    }
    match crate::rules::fail_threshold(&args.fail_on).flatten() {
        Some(t) if findings.iter().any(|f| f.severity >= t) => EXIT_FINDINGS,
        _ => EXIT_OK,
    }
}
