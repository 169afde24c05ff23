//! `Cargo.toml` and `Cargo.lock` with the `toml` crate, with spans.
//!
//! This is the fallback reading of `Cargo.toml`: the engine replaces what
//! it can with `cargo metadata` (see `crate::repo::cargo`), which resolves
//! workspace inheritance the way cargo does.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::model::{
    CargoDependency, CargoManifest, CargoWorkspace, Located, LockedPackage, Lockfile, LockfileKind,
    Origin, Problem,
};
use crate::source::LineIndex;

type Table<'i> = DeTable<'i>;

fn parse<'i>(path: &str, text: &'i str, problems: &mut Vec<Problem>) -> Option<Spanned<Table<'i>>> {
    match DeTable::parse(text) {
        Ok(t) => Some(t),
        Err(e) => {
            let r = e.span().unwrap_or(0..0);
            problems.push(Problem {
                message: format!("invalid TOML: {}", e.message()),
                origin: LineIndex::new(path, text.as_bytes()).origin(r.start as u32, r.end as u32),
            });
            None
        }
    }
}

fn get<'a, 'i>(t: &'a Table<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    t.iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

fn table<'a, 'i>(t: &'a Table<'i>, key: &str) -> Option<&'a Table<'i>> {
    match get(t, key)?.get_ref() {
        DeValue::Table(t) => Some(t),
        _ => None,
    }
}

fn string<'a>(v: &'a Spanned<DeValue<'_>>) -> Option<&'a str> {
    match v.get_ref() {
        DeValue::String(s) => Some(s.as_ref()),
        _ => None,
    }
}

fn is_true(t: &Table, key: &str) -> bool {
    matches!(
        get(t, key).map(|v| v.get_ref()),
        Some(DeValue::Boolean(true))
    )
}

fn origin<T>(idx: &LineIndex, v: &Spanned<T>) -> Origin {
    let r = v.span();
    idx.origin(r.start as u32, r.end as u32)
}

pub fn manifest(path: &str, text: &str, problems: &mut Vec<Problem>) -> CargoManifest {
    let mut out = CargoManifest::default();
    let Some(root) = parse(path, text, problems) else {
        return out;
    };
    let root = root.get_ref();
    let idx = LineIndex::new(path, text.as_bytes());
    if let Some(pkg) = table(root, "package") {
        out.name = get(pkg, "name").and_then(string).map(str::to_string);
        if let Some(v) = get(pkg, "version") {
            match v.get_ref() {
                DeValue::String(s) => {
                    out.version = Some(Located {
                        value: s.to_string(),
                        origin: origin(&idx, v),
                    })
                }
                DeValue::Table(t) => out.version_from_workspace = is_true(t, "workspace"),
                _ => {}
            }
        }
        out.no_publish = match get(pkg, "publish").map(|v| v.get_ref()) {
            Some(DeValue::Boolean(b)) => !b,
            Some(DeValue::Array(a)) => a.is_empty(),
            _ => false,
        };
    }
    out.lib_path = table(root, "lib")
        .and_then(|l| get(l, "path"))
        .and_then(string)
        .map(str::to_string);
    out.dependencies = dependency_tables(root, &idx);
    if let Some(ws) = table(root, "workspace") {
        let mut w = CargoWorkspace::default();
        if let Some(DeValue::Array(a)) = get(ws, "members").map(|v| v.get_ref()) {
            w.members = a.iter().filter_map(string).map(str::to_string).collect();
        }
        if let Some(v) = table(ws, "package").and_then(|p| get(p, "version")) {
            w.version = string(v).map(|s| Located {
                value: s.to_string(),
                origin: origin(&idx, v),
            });
        }
        if let Some(deps) = table(ws, "dependencies") {
            w.dependencies = dependencies(deps, "dependencies", &idx);
        }
        out.workspace = Some(w);
    }
    out
}

/// `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]` and
/// their `[target.'cfg(..)'.*]` forms.
fn dependency_tables(root: &Table, idx: &LineIndex) -> Vec<CargoDependency> {
    const KINDS: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];
    let mut out = Vec::new();
    for kind in KINDS {
        if let Some(t) = table(root, kind) {
            out.extend(dependencies(t, kind, idx));
        }
    }
    if let Some(targets) = table(root, "target") {
        for (_, t) in targets.iter() {
            let DeValue::Table(t) = t.get_ref() else {
                continue;
            };
            for kind in KINDS {
                if let Some(d) = table(t, kind) {
                    out.extend(dependencies(d, kind, idx));
                }
            }
        }
    }
    out
}

fn dependencies(t: &Table, kind: &str, idx: &LineIndex) -> Vec<CargoDependency> {
    t.iter()
        .map(|(k, v)| {
            let name = k.get_ref().to_string();
            let mut dep = CargoDependency {
                package: name.clone(),
                name,
                req: None,
                kind: kind.to_string(),
                from_workspace: false,
                origin: origin(idx, v),
            };
            match v.get_ref() {
                DeValue::String(s) => dep.req = Some(s.to_string()),
                DeValue::Table(d) => {
                    dep.req = get(d, "version").and_then(string).map(str::to_string);
                    if let Some(p) = get(d, "package").and_then(string) {
                        dep.package = p.to_string();
                    }
                    dep.from_workspace = is_true(d, "workspace");
                }
                _ => {}
            }
            dep
        })
        .collect()
}

/// `Cargo.lock`: `[[package]]` names and versions.
pub fn lock(path: &str, text: &str, problems: &mut Vec<Problem>) -> Lockfile {
    let mut out = Lockfile {
        kind: LockfileKind::Cargo,
        packages: Vec::new(),
    };
    let Some(root) = parse(path, text, problems) else {
        return out;
    };
    let idx = LineIndex::new(path, text.as_bytes());
    let Some(DeValue::Array(pkgs)) = get(root.get_ref(), "package").map(|v| v.get_ref()) else {
        return out;
    };
    for p in pkgs.iter() {
        let DeValue::Table(t) = p.get_ref() else {
            continue;
        };
        let (Some(name), Some(version)) = (
            get(t, "name").and_then(string),
            get(t, "version").filter(|v| string(v).is_some()),
        ) else {
            continue;
        };
        out.packages.push(LockedPackage {
            name: name.to_string(),
            version: string(version).unwrap_or_default().to_string(),
            dir: None,
            ranges: Vec::new(),
            origin: origin(&idx, version),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_with_workspace_inheritance_and_renames() {
        let text = r#"
[package]
name = "shop-core"
version.workspace = true

[dependencies]
serde = { workspace = true }
json = { package = "serde_json", version = "1.0.100" }
anyhow = "1"

[target.'cfg(unix)'.dev-dependencies]
libc = "0.2"

[workspace]
members = ["crates/*"]
[workspace.package]
version = "0.3.1"
[workspace.dependencies]
serde = "1.0.190"
"#;
        let mut p = Vec::new();
        let m = manifest("Cargo.toml", text, &mut p);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(m.name.as_deref(), Some("shop-core"));
        assert!(m.version_from_workspace && m.version.is_none());
        assert!(!m.no_publish && m.lib_path.is_none());
        let d: Vec<_> = m
            .dependencies
            .iter()
            .map(|d| {
                (
                    d.name.as_str(),
                    d.package.as_str(),
                    d.req.as_deref(),
                    d.kind.as_str(),
                    d.from_workspace,
                )
            })
            .collect();
        assert_eq!(
            d,
            vec![
                ("anyhow", "anyhow", Some("1"), "dependencies", false),
                ("json", "serde_json", Some("1.0.100"), "dependencies", false),
                ("serde", "serde", None, "dependencies", true),
                ("libc", "libc", Some("0.2"), "dev-dependencies", false),
            ]
        );
        let ws = m.workspace.unwrap();
        assert_eq!(ws.version.as_ref().unwrap().value, "0.3.1");
        assert_eq!(ws.version.unwrap().origin.line, 17);
        assert_eq!(ws.dependencies[0].req.as_deref(), Some("1.0.190"));
    }

    #[test]
    fn lock_versions_with_lines() {
        let text = "version = 3\n\n[[package]]\nname = \"serde\"\nversion = \"1.0.190\"\n\n[[package]]\nname = \"x\"\n";
        let mut p = Vec::new();
        let l = lock("Cargo.lock", text, &mut p);
        assert_eq!(l.packages.len(), 1);
        assert_eq!(
            (l.packages[0].version.as_str(), l.packages[0].origin.line),
            ("1.0.190", 5)
        );
        lock("Cargo.lock", "[[package]\n", &mut p);
        assert_eq!(p.len(), 1);
    }
}

#[cfg(test)]
mod publish_and_lib_tests {
    use super::*;

    #[test]
    fn publish_false_and_lib_path() {
        let mut p = Vec::new();
        let m = manifest(
            "Cargo.toml",
            "[package]\nname = \"x\"\nversion = \"0.3.1\"\npublish = false\n[lib]\npath = \"lib.rs\"\n",
            &mut p,
        );
        assert!(p.is_empty() && m.no_publish);
        assert_eq!(m.lib_path.as_deref(), Some("lib.rs"));
        assert_eq!(m.version.map(|v| v.origin.line), Some(3));
    }
}
