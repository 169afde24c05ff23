//! The contract of a tree as JSON: the snapshot / baseline format.

use serde::Serialize;

use crate::link::Analysis;
use crate::model::{Endpoint, HttpCall, SCHEMA_VERSION};

#[derive(Serialize)]
struct Snapshot<'a> {
    schema_version: u32,
    endpoints: &'a [Endpoint],
    calls: &'a [HttpCall],
}

pub fn render(a: &Analysis) -> String {
    let s = Snapshot {
        schema_version: SCHEMA_VERSION,
        endpoints: &a.endpoints,
        calls: &a.calls,
    };
    let mut out = serde_json::to_string_pretty(&s).unwrap_or_default();
    out.push('\n');
    out
}
