//! The contract of a tree as JSON: the snapshot / baseline format
//! ([`crate::model::Contract`]): units with their versions, and the
//! exported surface, sorted, without lines, byte offsets, absolute paths or
//! timestamps, so it is byte-stable and reviewable in a pull request.

use std::path::Path;

use crate::config::Config;
use crate::link::Analysis;

pub fn render(a: &Analysis, config: &Config, root: &Path) -> String {
    crate::drift::contract(a, config, &|p| std::fs::read(root.join(p)).ok()).snapshot_json()
}
