//! VER004 feature-needs-newer-version: source uses a feature that the
//! version the manifest declares does not have — a Go language feature
//! under an older `go` line, a Vue API under a `vue` range that admits
//! older releases.

use super::npm_range::admits_below;
use super::{Context, Rule};
use crate::findings::Finding;
use crate::model::{Feature, FeatureNeeds, FeatureUse, GoVersion};

pub struct FeatureNeedsNewerVersion;

/// What Go assumes for a module without a `go` line.
const GO_DEFAULT: GoVersion = GoVersion {
    major: 1,
    minor: 16,
    release: crate::model::GoRelease::Language,
};

impl Rule for FeatureNeedsNewerVersion {
    fn id(&self) -> &'static str {
        "VER004"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for f in &cx.analysis.files {
            if let Some(go) = &f.go {
                for u in &go.features {
                    self.go(cx, &f.path, go.build_go_version.as_deref(), u, out);
                }
            }
            if let Some(s) = &f.script {
                for u in &s.features {
                    self.npm(cx, &f.path, u, out);
                }
            }
        }
    }
}

impl FeatureNeedsNewerVersion {
    fn go(
        &self,
        cx: &Context,
        path: &str,
        build: Option<&str>,
        u: &FeatureUse,
        out: &mut Vec<Finding>,
    ) {
        let FeatureNeeds::GoLanguage { major, minor } = u.feature.needs() else {
            return;
        };
        let need = GoVersion::new(major, minor);
        let Some(m) = cx.analysis.versions.go_module_of(path) else {
            return; // no go.mod: GOPATH mode, nothing declared
        };
        let declared = m.go.as_ref().and_then(|l| GoVersion::parse(&l.value));
        let mut have = declared.unwrap_or(GO_DEFAULT).language();
        if let Some(b) = build.and_then(GoVersion::parse) {
            have = have.max(b.language());
        }
        if have >= need {
            return;
        }
        let said = match &m.go {
            Some(l) => format!("`go {}`", l.value),
            None => "no `go` line (Go then assumes go 1.16)".to_string(),
        };
        let consequence = match u.feature {
            Feature::GoPerIterationLoopVar => format!(
                "under {said} all iterations share one variable, so the code sees whatever it holds \
                 when it runs (usually the last value): it is only correct with go {need}'s \
                 per-iteration loop variables"
            ),
            _ => format!(
                "it needs go {need}, and the compiler rejects it under {said}: \"requires go{need} or \
                 later (-lang was set to go{have}; check go.mod)\""
            ),
        };
        let related =
            m.go.as_ref()
                .map(|l| l.origin.clone())
                .or_else(|| m.module.as_ref().map(|l| l.origin.clone()));
        let mut f = cx
            .finding(self.id(), &u.origin, format!("{}: {consequence}", sentence(u)))
            .help(match u.feature {
                Feature::GoPerIterationLoopVar => format!(
                    "raise the `go` line of {} to {need} or later, or copy the variable inside the loop before the closure uses it",
                    m.go_mod_path
                ),
                _ => format!("raise the `go` line of {} to {need} or later", m.go_mod_path),
            })
            .key(format!("{:?} {}", u.feature, u.detail));
        if let Some(o) = related {
            f = f.related(&o, format!("{} declares go {have}", m.go_mod_path));
        }
        out.push(f);
    }

    fn npm(&self, cx: &Context, path: &str, u: &FeatureUse, out: &mut Vec<Finding>) {
        let FeatureNeeds::Npm {
            package,
            major,
            minor,
        } = u.feature.needs()
        else {
            return;
        };
        let need = semver::Version::new(major, minor, 0);
        let Some(dep) = cx.analysis.versions.npm_dependency_for(path, package) else {
            return;
        };
        let Some(older) = admits_below(&dep.range.value, &need) else {
            return;
        };
        let installed = dep.locked.as_ref().map(|l| {
            let old = semver::Version::parse(&l.version).is_ok_and(|v| v < need);
            let verdict = if old {
                "which lacks it"
            } else {
                "so it works until the lockfile is re-resolved"
            };
            (
                l,
                format!(
                    "; {} installs {package} {}, {verdict}",
                    l.lockfile, l.version
                ),
            )
        });
        let mut f = cx
            .finding(
                self.id(),
                &u.origin,
                format!(
                    "{} needs {package} {major}.{minor}, but {} admits older releases with `\"{package}\": \"{}\"` (e.g. {older}){}: \
                     there the component fails at run time ({})",
                    u.detail,
                    dep.manifest,
                    dep.range.value,
                    installed.as_ref().map(|(_, s)| s.as_str()).unwrap_or(""),
                    failure(u.feature)
                ),
            )
            .related(&dep.range.origin, format!("the declared {package} range admits {older}"))
            .help(format!("require `\"{package}\": \"^{major}.{minor}.0\"` (or newer) in {}", dep.manifest))
            .key(format!("{:?} {package} {}", u.feature, dep.range.value));
        if let Some((l, _)) = &installed {
            f = f.related(
                &l.origin,
                format!("{} resolves {package} to {}", l.lockfile, l.version),
            );
        }
        out.push(f);
    }
}

fn sentence(u: &FeatureUse) -> String {
    match u.feature {
        Feature::GoPerIterationLoopVar => capitalize(&u.detail),
        _ => format!("{} uses {}", u.detail, u.feature.describe()),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn failure(f: Feature) -> &'static str {
    match f {
        Feature::VueUseTemplateRef => {
            "`useTemplateRef` is not exported: \"useTemplateRef is not a function\""
        }
        Feature::VueDefineModel => {
            "the compiler leaves `defineModel` unexpanded: \"defineModel is not defined\""
        }
        Feature::VueDefineOptions => {
            "the compiler leaves `defineOptions` unexpanded: \"defineOptions is not defined\""
        }
        _ => "the compiler leaves `defineSlots` unexpanded: \"defineSlots is not defined\"",
    }
}
