//! VER002 plugin-host-skew: a Go plugin and a host that can load plugins,
//! both in the check, whose builds differ in a way Go's plugin loader
//! rejects.
//!
//! A host is a Go executable that exports package fingerprints — the
//! linker does that exactly when the program imports `plugin`. Each plugin
//! is paired with the hosts of its platform; when there are several, with
//! those sharing a non-standard-library package with it (else all). Where
//! both binaries carry fingerprints the comparison is the loader's own:
//! every package both link, in the plugin's link order; the first that
//! differs is the one `plugin.Open` names. Otherwise the build info is
//! compared: Go version, shared module versions and sums, `-tags`,
//! `CGO_ENABLED` and other settings that change every package.

use std::collections::BTreeMap;

use super::go_binaries::{go_images, toolchain, GoImage};
use super::{Context, Rule};
use crate::findings::Finding;
use crate::model::{ArtifactKind, GoModule};

pub struct PluginHostSkew;

/// Settings that change the compiled form of packages.
const SETTINGS: &[&str] = &[
    "-tags",
    "CGO_ENABLED",
    "GOEXPERIMENT",
    "-race",
    "-msan",
    "-asan",
    "GOAMD64",
    "GOARM",
    "GOARM64",
];
/// Differing packages a message names before "and N more".
const LIST: usize = 12;

impl Rule for PluginHostSkew {
    fn id(&self) -> &'static str {
        "VER002"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let images = go_images(cx.analysis);
        let plugins: Vec<&GoImage> = images
            .iter()
            .filter(|i| i.go.build_mode() == Some("plugin"))
            .collect();
        let hosts: Vec<&GoImage> = images
            .iter()
            .filter(|i| {
                matches!(
                    i.image.kind,
                    ArtifactKind::Executable | ArtifactKind::PieExecutable
                ) && !i.image.go_package_hashes.is_empty()
            })
            .collect();
        for p in plugins {
            for h in hosts_of(p, &hosts) {
                if let Some(f) = compare(cx, self.id(), p, h) {
                    out.push(f);
                }
            }
        }
    }
}

fn is_std(pkg: &str) -> bool {
    !pkg.split('/').next().unwrap_or("").contains('.')
}

fn hosts_of<'a>(p: &GoImage, hosts: &[&'a GoImage<'a>]) -> Vec<&'a GoImage<'a>> {
    let same: Vec<&GoImage> = hosts
        .iter()
        .copied()
        .filter(|h| h.platform() == p.platform())
        .collect();
    if same.len() <= 1 {
        return same;
    }
    let mine: Vec<&str> = p.go.deps.iter().map(|d| d.path.as_str()).collect();
    let sharing: Vec<&GoImage> = same
        .iter()
        .copied()
        .filter(|h| {
            h.go.deps
                .iter()
                .any(|d| mine.contains(&d.path.as_str()) && !is_std(&d.path))
        })
        .collect();
    if sharing.is_empty() {
        same
    } else {
        sharing
    }
}

/// A module's identity in a build: version, sum and replacement.
fn identity(m: &GoModule) -> String {
    let mut s = m.version.clone();
    if !m.sum.is_empty() {
        s.push_str(&format!(" {}", m.sum));
    }
    if let Some(r) = &m.replace {
        s.push_str(&format!(" => {} {}", r.path, r.version));
    }
    s
}

/// Why the builds differ, from the build info.
fn causes(p: &GoImage, h: &GoImage) -> (Vec<String>, Vec<String>) {
    let mut causes = Vec::new();
    let mut modules = Vec::new();
    let (pv, hv) = (toolchain(p.go), toolchain(h.go));
    if pv != hv {
        causes.push(format!(
            "the plugin was built with {pv}, the host with {hv}"
        ));
    }
    let host_deps: BTreeMap<&str, &GoModule> =
        h.go.deps.iter().map(|d| (d.path.as_str(), d)).collect();
    for d in &p.go.deps {
        if let Some(hd) = host_deps.get(d.path.as_str()) {
            if identity(d) != identity(hd) {
                causes.push(format!(
                    "{}: {} in the plugin, {} in the host",
                    d.path,
                    identity(d),
                    identity(hd)
                ));
                modules.push(d.path.clone());
            }
        }
    }
    for key in SETTINGS {
        let (a, b) = (p.go.setting(key), h.go.setting(key));
        if a != b {
            causes.push(format!(
                "{key}: {} in the plugin, {} in the host",
                a.unwrap_or("unset"),
                b.unwrap_or("unset")
            ));
        }
    }
    (causes, modules)
}

fn compare(cx: &Context, id: &str, p: &GoImage, h: &GoImage) -> Option<Finding> {
    let (causes, modules) = causes(p, h);
    let have_hashes = !p.image.go_package_hashes.is_empty();
    let mut shared = 0;
    let differing: Vec<String> = if have_hashes {
        let host: BTreeMap<&str, &str> = h
            .image
            .go_package_hashes
            .iter()
            .map(|x| (x.package.as_str(), x.hash.as_str()))
            .collect();
        let both: Vec<_> = p
            .image
            .go_package_hashes
            .iter()
            .filter_map(|x| Some((x, *host.get(x.package.as_str())?)))
            .collect();
        shared = both.len();
        both.into_iter()
            .filter(|(x, hh)| *hh != x.hash)
            .map(|(x, _)| x.package.clone())
            .collect()
    } else if causes.is_empty() {
        Vec::new()
    } else if toolchain(p.go) != toolchain(h.go) || causes.len() > modules.len() {
        // Every shared package changes; the loader names the first in link order.
        vec!["runtime".to_string()]
    } else {
        modules
    };
    if differing.is_empty() {
        return None;
    }
    let first = &differing[0];
    let mut list: Vec<&str> = differing.iter().take(LIST).map(String::as_str).collect();
    let more = differing.len().saturating_sub(LIST);
    let listed = if more > 0 {
        list.push("…");
        format!("{} and {more} more", list.join(", "))
    } else {
        list.join(", ")
    };
    let packages = if have_hashes {
        format!(
            "of the {shared} packages both link, {} differ{}: {listed}",
            differing.len(),
            if differing.len() == 1 { "s" } else { "" }
        )
    } else {
        "the binaries carry no package fingerprints, so this is judged from their build info"
            .to_string()
    };
    let why = if causes.is_empty() {
        String::new()
    } else {
        format!(" Cause: {}.", causes.join("; "))
    };
    Some(
        cx.finding(
            id,
            &p.origin(),
            format!(
                "`{}`{} cannot be loaded by `{}`{}: plugin.Open fails with \"plugin was built with a different \
                 version of package {first}\"; {packages}.{why}",
                p.path, p.which, h.path, h.which
            ),
        )
        .related(&h.origin(), format!("the host ({}, {})", toolchain(h.go), h.module().unwrap_or("?")))
        .help("build the plugin and the host from the same go.mod versions with the same Go toolchain and the same -tags/CGO_ENABLED")
        .key(format!("{} {first}", h.path)),
    )
}
