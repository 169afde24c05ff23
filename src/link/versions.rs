//! Joins version facts across files: each `package.json` dependency with the
//! version its nearest lockfile resolved, each Cargo package with its
//! workspace's inherited values and `Cargo.lock`, each Go module with its
//! `go`/`toolchain` lines. The git revision is added by the engine.

use serde::Serialize;

use crate::model::{
    CargoManifest, FileFacts, GitHead, GoMod, Located, LockedPackage, Lockfile, Manifest, Origin,
};

#[derive(Clone, Debug, Default, Serialize)]
pub struct Versions {
    pub go_modules: Vec<GoModuleVersions>,
    pub npm: Vec<NpmDependency>,
    pub cargo: Vec<CargoPackageVersions>,
    /// The checked-out revision of the tree, when it is in a git checkout.
    pub git_head: Option<GitHead>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GoModuleVersions {
    /// Directory of `go.mod` (`""` for the root).
    pub dir: String,
    pub go_mod_path: String,
    pub module: Option<Located>,
    pub go: Option<Located>,
    pub toolchain: Option<Located>,
}

/// A dependency a `package.json` declares.
#[derive(Clone, Debug, Serialize)]
pub struct NpmDependency {
    pub manifest: String,
    pub name: String,
    pub range: Located,
    /// What the nearest lockfile resolved it to.
    pub locked: Option<Locked>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Locked {
    pub version: String,
    pub lockfile: String,
    pub origin: Origin,
}

#[derive(Clone, Debug, Serialize)]
pub struct CargoPackageVersions {
    pub manifest: String,
    pub name: String,
    pub version: Option<Located>,
    pub dependencies: Vec<CargoResolvedDependency>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CargoResolvedDependency {
    pub name: String,
    pub package: String,
    pub kind: String,
    pub req: Option<String>,
    pub locked: Option<Locked>,
}

impl Versions {
    /// The module whose directory holds `path` (innermost first).
    pub fn go_module_of(&self, path: &str) -> Option<&GoModuleVersions> {
        self.go_modules
            .iter()
            .filter(|m| within(path, &m.dir))
            .max_by_key(|m| m.dir.len())
    }

    /// Modules whose `module` line names `module_path`.
    pub fn go_modules_named<'a>(
        &'a self,
        module_path: &'a str,
    ) -> impl Iterator<Item = &'a GoModuleVersions> + 'a {
        self.go_modules
            .iter()
            .filter(move |m| m.module.as_ref().is_some_and(|l| l.value == module_path))
    }

    /// The dependency named `name` of the `package.json` nearest above `path`
    /// that declares it.
    pub fn npm_dependency_for(&self, path: &str, name: &str) -> Option<&NpmDependency> {
        self.npm
            .iter()
            .filter(|d| d.name == name && within(path, dir_of(&d.manifest)))
            .max_by_key(|d| dir_of(&d.manifest).len())
    }
}

fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// `path` is `dir` or under it.
fn within(path: &str, dir: &str) -> bool {
    dir.is_empty() || path == dir || path.starts_with(&format!("{dir}/"))
}

/// `dir` and its ancestors, innermost first (`a/b`, `a`, ``).
fn ancestors(dir: &str) -> Vec<&str> {
    let mut out = vec![dir];
    let mut d = dir;
    while let Some((parent, _)) = d.rsplit_once('/') {
        out.push(parent);
        d = parent;
    }
    if !dir.is_empty() {
        out.push("");
    }
    out
}

pub fn build(files: &[FileFacts]) -> Versions {
    let mut v = Versions::default();
    let mut locks: Vec<(&str, &Lockfile)> = Vec::new();
    let mut cargo: Vec<(&str, &CargoManifest)> = Vec::new();
    for f in files {
        match &f.manifest {
            Some(Manifest::GoMod(m)) => v.go_modules.push(go_module(&f.path, m)),
            Some(Manifest::Lockfile(l)) => locks.push((&f.path, l)),
            Some(Manifest::Cargo(c)) => cargo.push((&f.path, c)),
            _ => {}
        }
    }
    for f in files {
        let Some(Manifest::PackageJson(p)) = &f.manifest else {
            continue;
        };
        let dir = dir_of(&f.path);
        let lock = nearest(&locks, dir, true);
        for (name, range) in &p.dependencies {
            let locked = lock.and_then(|(lock_path, l)| {
                let rel = relative_dir(dir, dir_of(lock_path));
                resolve_npm(l, &rel, name, &range.value).map(|p| Locked {
                    version: p.version.clone(),
                    lockfile: lock_path.to_string(),
                    origin: p.origin.clone(),
                })
            });
            v.npm.push(NpmDependency {
                manifest: f.path.clone(),
                name: name.clone(),
                range: range.clone(),
                locked,
            });
        }
    }
    for (path, c) in &cargo {
        if let Some(p) = cargo_package(path, c, &cargo, &locks) {
            v.cargo.push(p);
        }
    }
    v
}

fn go_module(path: &str, m: &GoMod) -> GoModuleVersions {
    GoModuleVersions {
        dir: dir_of(path).to_string(),
        go_mod_path: path.to_string(),
        module: m.module.clone(),
        go: m.go.clone(),
        toolchain: m.toolchain.clone(),
    }
}

/// The lockfile of the ecosystem in `dir` or the nearest directory above it.
fn nearest<'a>(
    locks: &[(&'a str, &'a Lockfile)],
    dir: &str,
    npm: bool,
) -> Option<(&'a str, &'a Lockfile)> {
    ancestors(dir).into_iter().find_map(|d| {
        locks
            .iter()
            .filter(|(p, l)| dir_of(p) == d && l.kind.is_npm() == npm)
            .min_by_key(|(p, _)| *p)
            .copied()
    })
}

/// `dir` relative to `base` (an ancestor of it).
fn relative_dir(dir: &str, base: &str) -> String {
    if base.is_empty() {
        return dir.to_string();
    }
    dir.strip_prefix(base)
        .map(|r| r.trim_start_matches('/').to_string())
        .unwrap_or_default()
}

/// Node's resolution over `dir` entries (the package's own directory, then
/// each directory above it), or yarn's by range.
fn resolve_npm<'a>(
    l: &'a Lockfile,
    dir: &str,
    name: &str,
    range: &str,
) -> Option<&'a LockedPackage> {
    let by_name = || l.packages.iter().filter(move |p| p.name == name);
    if let Some(p) = by_name().find(|p| {
        p.ranges
            .iter()
            .any(|r| r == range || r.strip_prefix("npm:") == Some(range))
    }) {
        return Some(p);
    }
    ancestors(dir)
        .into_iter()
        .find_map(|d| by_name().find(|p| p.dir.as_deref() == Some(d)))
}

fn cargo_package(
    path: &str,
    c: &CargoManifest,
    all: &[(&str, &CargoManifest)],
    locks: &[(&str, &Lockfile)],
) -> Option<CargoPackageVersions> {
    let name = c.name.clone()?;
    let dir = dir_of(path);
    // The workspace root: the nearest manifest above (or this one) with [workspace].
    let ws = ancestors(dir).into_iter().find_map(|d| {
        all.iter()
            .find(|(p, m)| dir_of(p) == d && m.workspace.is_some())
            .and_then(|(_, m)| m.workspace.as_ref())
    });
    let version = match (&c.version, c.version_from_workspace) {
        (Some(v), _) => Some(v.clone()),
        (None, true) => ws.and_then(|w| w.version.clone()),
        _ => None,
    };
    let lock = nearest(locks, dir, false);
    let dependencies = c
        .dependencies
        .iter()
        .map(|d| {
            let req = match (&d.req, d.from_workspace) {
                (Some(r), _) => Some(r.clone()),
                (None, true) => ws.and_then(|w| {
                    w.dependencies
                        .iter()
                        .find(|x| x.name == d.name)
                        .and_then(|x| x.req.clone())
                }),
                _ => None,
            };
            let locked = lock.and_then(|(lp, l)| {
                let mut matching = l.packages.iter().filter(|p| p.name == d.package);
                let req_ok = |p: &&LockedPackage| {
                    let r = req
                        .as_deref()
                        .and_then(|r| semver::VersionReq::parse(r).ok());
                    let v = semver::Version::parse(&p.version).ok();
                    matches!((r, v), (Some(r), Some(v)) if r.matches(&v))
                };
                let first = matching.clone().next();
                matching.find(req_ok).or(first).map(|p| Locked {
                    version: p.version.clone(),
                    lockfile: lp.to_string(),
                    origin: p.origin.clone(),
                })
            });
            CargoResolvedDependency {
                name: d.name.clone(),
                package: d.package.clone(),
                kind: d.kind.clone(),
                req,
                locked,
            }
        })
        .collect();
    Some(CargoPackageVersions {
        manifest: path.to_string(),
        name,
        version,
        dependencies,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontends;
    use crate::walk::classify;

    fn facts(files: &[(&str, &str)]) -> Vec<FileFacts> {
        files
            .iter()
            .map(|(p, t)| frontends::analyze(p, classify(p).unwrap(), t.as_bytes()))
            .collect()
    }

    #[test]
    fn npm_dependencies_resolve_through_the_nearest_lockfile() {
        let f = facts(&[
            (
                "package.json",
                r#"{"workspaces":["web"],"dependencies":{"vue":"^3.4.0"}}"#,
            ),
            (
                "web/package.json",
                r#"{"dependencies":{"vue":"^3.3.0","axios":"1"}}"#,
            ),
            (
                "package-lock.json",
                r#"{"packages":{"node_modules/vue":{"version":"3.4.21"},"web/node_modules/vue":{"version":"3.3.4"}}}"#,
            ),
        ]);
        let v = build(&f);
        let web = v.npm_dependency_for("web/src/App.vue", "vue").unwrap();
        assert_eq!(web.range.value, "^3.3.0");
        assert_eq!(web.locked.as_ref().unwrap().version, "3.3.4");
        let root = v.npm_dependency_for("src/main.ts", "vue").unwrap();
        assert_eq!(root.locked.as_ref().unwrap().version, "3.4.21");
        assert!(v
            .npm_dependency_for("web/x.ts", "axios")
            .unwrap()
            .locked
            .is_none());
    }

    #[test]
    fn yarn_resolves_by_range() {
        let f = facts(&[
            ("package.json", r#"{"dependencies":{"vue":"^3.3.0"}}"#),
            (
                "yarn.lock",
                "vue@^3.2.0:\n  version \"3.2.47\"\n\nvue@^3.3.0:\n  version \"3.3.4\"\n",
            ),
        ]);
        let v = build(&f);
        let d = v.npm_dependency_for("a.vue", "vue").unwrap();
        assert_eq!(d.locked.as_ref().unwrap().version, "3.3.4");
    }

    #[test]
    fn cargo_inherits_from_the_workspace_and_reads_the_lock() {
        let f = facts(&[
            ("Cargo.toml", "[workspace]\nmembers=[\"core\"]\n[workspace.package]\nversion=\"0.3.1\"\n[workspace.dependencies]\nserde=\"1.0.190\"\n"),
            ("core/Cargo.toml", "[package]\nname=\"core\"\nversion.workspace=true\n[dependencies]\nserde={workspace=true}\n"),
            ("Cargo.lock", "[[package]]\nname=\"serde\"\nversion=\"1.0.195\"\n"),
        ]);
        let v = build(&f);
        let c = &v.cargo[0];
        assert_eq!(c.version.as_ref().unwrap().value, "0.3.1");
        let d = &c.dependencies[0];
        assert_eq!(d.req.as_deref(), Some("1.0.190"));
        assert_eq!(d.locked.as_ref().unwrap().version, "1.0.195");
    }

    #[test]
    fn go_module_of_a_path() {
        let f = facts(&[
            ("go.mod", "module example.com/root\n\ngo 1.21\n"),
            (
                "svc/go.mod",
                "module example.com/svc\n\ngo 1.22.0\ntoolchain go1.22.5\n",
            ),
        ]);
        let v = build(&f);
        assert_eq!(
            v.go_module_of("svc/main.go").unwrap().go_mod_path,
            "svc/go.mod"
        );
        assert_eq!(
            v.go_module_of("svcx/main.go").unwrap().go_mod_path,
            "go.mod"
        );
        assert_eq!(v.go_modules_named("example.com/svc").count(), 1);
    }
}
