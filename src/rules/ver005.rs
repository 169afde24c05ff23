//! VER005 stale-or-dirty-build: a Go binary of a module in this tree built
//! from a modified checkout (`vcs.modified=true`), or from another revision
//! than the one checked out (`vcs.revision` ≠ HEAD).
//!
//! Only binaries whose main module is in the tree are judged (a tool built
//! from another repository has another history), and the revision only when
//! HEAD could be read from `.git`.

use super::go_binaries::go_images;
use super::{Context, Rule};
use crate::findings::Finding;
use crate::model::Origin;

pub struct StaleOrDirtyBuild;

fn short(rev: &str) -> &str {
    rev.get(..12).unwrap_or(rev)
}

impl Rule for StaleOrDirtyBuild {
    fn id(&self) -> &'static str {
        "VER005"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let versions = &cx.analysis.versions;
        for img in go_images(cx.analysis) {
            let Some(module) = img.module() else { continue };
            let Some(m) = versions.go_modules_named(module).next() else {
                continue;
            };
            let module_at = m
                .module
                .as_ref()
                .map_or_else(|| Origin::file(&m.go_mod_path), |l| l.origin.clone());
            let revision = img.go.setting("vcs.revision");
            let at = revision
                .map(|r| format!(" at {}", short(r)))
                .unwrap_or_default();
            if img.go.setting("vcs.modified") == Some("true") {
                out.push(
                    cx.finding(
                        self.id(),
                        &img.origin(),
                        format!(
                            "`{}`{} was built from a checkout with uncommitted changes (vcs.modified=true{at}): \
                             no commit reproduces it",
                            img.path, img.which
                        ),
                    )
                    .related(&module_at, format!("{module} is built from this tree"))
                    .help(format!("commit the changes and rebuild `{}` from a clean checkout", img.path))
                    .key(format!("{module} modified")),
                );
            }
            let (Some(rev), Some(head)) = (revision, &versions.git_head) else {
                continue;
            };
            if rev.eq_ignore_ascii_case(&head.revision) {
                continue;
            }
            let on = head
                .reference
                .as_deref()
                .map(|r| format!(" ({})", r.trim_start_matches("refs/heads/")))
                .unwrap_or_default();
            let mut finding = cx.finding(
                self.id(),
                &img.origin(),
                format!(
                    "`{}`{} was built from revision {}, but the tree is at {}{on}: \
                     the binary does not contain the checked-out code",
                    img.path,
                    img.which,
                    short(rev),
                    short(&head.revision)
                ),
            );
            // The ref file is shown only when it lies inside the scanned tree.
            if let Some(source) = &head.source {
                finding = finding.related(
                    &Origin::file(source),
                    format!("HEAD is {}{on}", short(&head.revision)),
                );
            }
            out.push(
                finding
                    .help(format!(
                        "rebuild `{}` from this checkout (or check out {})",
                        img.path,
                        short(rev)
                    ))
                    .key(format!("{module} built from another revision")),
            );
        }
    }
}
