//! SEAM002 file-skipped: a file seam did not read (too large, unreadable).

use super::{Context, Rule};
use crate::findings::Finding;
use crate::model::Origin;

pub struct FileSkipped;

impl Rule for FileSkipped {
    fn id(&self) -> &'static str {
        "SEAM002"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for s in &cx.analysis.skipped {
            out.push(
                cx.finding(
                    self.id(),
                    &Origin::file(&s.rel),
                    format!("skipped: {}", s.reason),
                )
                .key(s.reason.clone()),
            );
        }
    }
}
