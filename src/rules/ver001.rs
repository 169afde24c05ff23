//! VER001 go-toolchain-skew: a Go binary built with a toolchain older than
//! the `go` line of its main module's `go.mod`, or other than the
//! toolchain the module pins.

use super::go_binaries::{go_images, toolchain};
use super::{Context, Rule};
use crate::findings::Finding;
use crate::model::{GoRelease, GoVersion, Located};

pub struct GoToolchainSkew;

impl Rule for GoToolchainSkew {
    fn id(&self) -> &'static str {
        "VER001"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let pin = cx.config.go.require_toolchain_match;
        for img in go_images(cx.analysis) {
            let Some(module) = img.module() else { continue };
            let built_text = toolchain(img.go);
            let Some(built) = GoVersion::parse(built_text) else {
                continue; // a development build (`devel +abc`)
            };
            for m in cx.analysis.versions.go_modules_named(module) {
                let go_line =
                    m.go.as_ref()
                        .and_then(|l| Some((l, GoVersion::parse(&l.value)?)));
                if let Some((line, want)) = go_line.filter(|(_, want)| built < *want) {
                    out.push(
                        cx.finding(
                            self.id(),
                            &img.origin(),
                            format!(
                                "`{}`{} was built with {built_text}, older than `go {}` in {} ({module}): \
                                 the binary predates the go.mod change or was built from other sources \
                                 (Go 1.21+ refuses to build this module with an older toolchain)",
                                img.path, img.which, line.value, m.go_mod_path
                            ),
                        )
                        .related(&line.origin, format!("{module} requires go {want} or later"))
                        .help(format!("rebuild `{}` from this tree with go {want} or later", img.path))
                        .key(format!("{module} {built_text} < go {}", line.value)),
                    );
                    continue;
                }
                // The pinned toolchain: the `toolchain` line, or with
                // `require_toolchain_match = true` the `go` line's release.
                let pinned: Option<(&Located, GoVersion, String)> = match pin {
                    Some(false) => None,
                    _ => m
                        .toolchain
                        .as_ref()
                        .and_then(|l| {
                            Some((
                                l,
                                GoVersion::parse(&l.value)?,
                                format!("toolchain {}", l.value),
                            ))
                        })
                        .or_else(|| {
                            let l = m.go.as_ref().filter(|_| pin == Some(true))?;
                            let v = GoVersion::parse(&l.value)?;
                            matches!(v.release, GoRelease::Patch(_) | GoRelease::Rc(_))
                                .then(|| (l, v, format!("go {}", l.value)))
                        }),
                };
                let Some((line, want, written)) = pinned.filter(|(_, want, _)| *want != built)
                else {
                    continue;
                };
                out.push(
                    cx.finding(
                        self.id(),
                        &img.origin(),
                        format!(
                            "`{}`{} was built with {built_text}, but {} pins `{written}` ({module}): \
                             the shipped binary is not what the pinned toolchain builds",
                            img.path, img.which, m.go_mod_path
                        ),
                    )
                    .related(&line.origin, format!("the team pins go{want} here"))
                    .help(format!(
                        "rebuild `{}` with go{want} (GOTOOLCHAIN=go{want}), or update the `{written}` line",
                        img.path
                    ))
                    .key(format!("{module} {built_text} != {written}")),
                );
            }
        }
    }
}
