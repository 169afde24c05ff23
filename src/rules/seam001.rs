//! SEAM001 parse-error: a file seam could not read as its kind.

use super::{Context, Rule};
use crate::findings::Finding;

pub struct ParseError;

impl Rule for ParseError {
    fn id(&self) -> &'static str {
        "SEAM001"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for f in &cx.analysis.files {
            for p in &f.problems {
                out.push(
                    cx.finding(
                        self.id(),
                        &p.origin,
                        format!("cannot analyse this file: {}", p.message),
                    )
                    .key(p.message.clone()),
                );
            }
        }
    }
}
