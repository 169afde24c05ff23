//! Versioned units: Go modules (`go.mod`), crates (`Cargo.toml`), npm
//! packages (`package.json`), and the versions they declare, or a
//! configured version file declares for them.

use crate::link::Analysis;
use crate::model::{unit_id, Manifest, Unit, UnitKind};

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// Is `path` inside `dir` (`""` is the root)?
pub fn within(path: &str, dir: &str) -> bool {
    dir.is_empty() || path == dir || path.starts_with(&format!("{dir}/"))
}

pub fn collect(a: &Analysis, version_files: &[(String, String)]) -> Vec<Unit> {
    let mut units = Vec::new();
    for f in &a.files {
        let dir = parent(&f.path).to_string();
        match &f.manifest {
            Some(Manifest::GoMod(m)) => {
                let Some(module) = &m.module else { continue };
                units.push(Unit {
                    kind: UnitKind::GoModule,
                    dir,
                    name: module.value.clone(),
                    version: None,
                    version_path: f.path.clone(),
                    private: false,
                    version_origin: Some(module.origin.clone()),
                });
            }
            Some(Manifest::Cargo(c)) => {
                let Some(name) = &c.name else { continue };
                let inherited = c
                    .version_from_workspace
                    .then(|| workspace_version(a, &dir))
                    .flatten();
                let (version, origin, vpath) = match (&c.version, inherited) {
                    (Some(v), _) => (
                        Some(v.value.clone()),
                        Some(v.origin.clone()),
                        f.path.clone(),
                    ),
                    (None, Some((v, p))) => (Some(v.value.clone()), Some(v.origin.clone()), p),
                    _ => (None, None, f.path.clone()),
                };
                units.push(Unit {
                    kind: UnitKind::Crate,
                    dir,
                    name: name.clone(),
                    version,
                    version_path: vpath,
                    private: c.no_publish,
                    version_origin: origin,
                });
            }
            Some(Manifest::PackageJson(p)) => {
                units.push(Unit {
                    kind: UnitKind::Npm,
                    name: p.name.clone().unwrap_or_else(|| dir.clone()),
                    dir,
                    version: p.version.as_ref().map(|v| v.value.clone()),
                    version_path: f.path.clone(),
                    private: p.private,
                    version_origin: p.version.as_ref().map(|v| v.origin.clone()),
                });
            }
            _ => {}
        }
    }
    // A configured version file versions the units in its directory and
    // below; the closest file wins.
    for u in &mut units {
        let best = version_files
            .iter()
            .filter(|(path, _)| within(&u.dir, parent(path)))
            .max_by_key(|(path, _)| parent(path).len());
        if let Some((path, text)) = best {
            let v = text.lines().next().unwrap_or("").trim().to_string();
            if !v.is_empty() {
                u.version = Some(v);
                u.version_path = path.clone();
                u.version_origin = Some(crate::model::Origin::file(path));
            }
        }
    }
    units
}

/// `[workspace.package] version` of the closest ancestor workspace.
fn workspace_version<'a>(
    a: &'a Analysis,
    dir: &str,
) -> Option<(&'a crate::model::Located, String)> {
    a.files
        .iter()
        .filter(|f| within(dir, parent(&f.path)))
        .filter_map(|f| match &f.manifest {
            Some(Manifest::Cargo(c)) => c
                .workspace
                .as_ref()
                .and_then(|w| w.version.as_ref())
                .map(|v| (v, f.path.clone(), parent(&f.path).len())),
            _ => None,
        })
        .max_by_key(|(_, _, depth)| *depth)
        .map(|(v, p, _)| (v, p))
}

/// The innermost unit of `kind` that contains `path`.
pub fn unit_of<'u>(units: &'u [Unit], kind: UnitKind, path: &str) -> Option<&'u Unit> {
    units
        .iter()
        .filter(|u| u.kind == kind && within(path, &u.dir))
        .max_by_key(|u| u.dir.len())
}

pub fn id(u: &Unit) -> String {
    unit_id(u.kind, &u.dir)
}
