//! `Cargo.toml`: crate name, version (or the workspace's), `publish`,
//! `[lib] path`. Read as TOML, never by running cargo.

use serde::Deserialize;
use toml::Spanned;

use crate::model::{CargoManifest, Located, Problem};
use crate::source::LineIndex;

#[derive(Deserialize)]
struct Doc {
    package: Option<Package>,
    workspace: Option<Workspace>,
    lib: Option<Lib>,
}

#[derive(Deserialize)]
struct Package {
    name: Option<String>,
    /// A string, or `{ workspace = true }`.
    version: Option<Spanned<toml::Value>>,
    publish: Option<toml::Value>,
}

#[derive(Deserialize)]
struct Workspace {
    package: Option<WorkspacePackage>,
}

#[derive(Deserialize)]
struct WorkspacePackage {
    version: Option<Spanned<String>>,
}

#[derive(Deserialize)]
struct Lib {
    path: Option<String>,
}

pub fn parse(path: &str, text: &str, problems: &mut Vec<Problem>) -> CargoManifest {
    let idx = LineIndex::new(path, text.as_bytes());
    let doc: Doc = match toml::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            let (s, e2) = e.span().map(|r| (r.start, r.end)).unwrap_or((0, 0));
            problems.push(Problem {
                message: format!("invalid Cargo.toml: {}", e.message()),
                origin: idx.origin(s as u32, e2 as u32),
            });
            return CargoManifest::default();
        }
    };
    let located = |s: &Spanned<String>| Located {
        value: s.get_ref().clone(),
        origin: idx.origin(s.span().start as u32, s.span().end as u32),
    };
    let mut out = CargoManifest {
        lib_path: doc.lib.and_then(|l| l.path),
        workspace_version: doc
            .workspace
            .and_then(|w| w.package)
            .and_then(|p| p.version)
            .map(|v| located(&v)),
        ..Default::default()
    };
    if let Some(p) = doc.package {
        out.name = p.name;
        if let Some(v) = p.version {
            match v.get_ref() {
                toml::Value::String(s) => {
                    out.version = Some(located(&Spanned::new(v.span(), s.clone())))
                }
                toml::Value::Table(t) => {
                    out.version_from_workspace =
                        matches!(t.get("workspace"), Some(toml::Value::Boolean(true)))
                }
                _ => {}
            }
        }
        out.no_publish = match p.publish {
            Some(toml::Value::Boolean(b)) => !b,
            Some(toml::Value::Array(a)) => a.is_empty(),
            _ => false,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_package_and_workspace_versions() {
        let mut p = Vec::new();
        let m = parse(
            "Cargo.toml",
            "[package]\nname = \"pricing\"\nversion = \"0.3.1\"\npublish = false\n[lib]\npath = \"lib.rs\"\n",
            &mut p,
        );
        assert!(p.is_empty());
        assert_eq!(m.name.as_deref(), Some("pricing"));
        let v = m.version.unwrap();
        assert_eq!((v.value.as_str(), v.origin.line), ("0.3.1", 3));
        assert!(m.no_publish);
        assert_eq!(m.lib_path.as_deref(), Some("lib.rs"));
        let w = parse(
            "Cargo.toml",
            "[package]\nname = \"a\"\nversion.workspace = true\n[workspace.package]\nversion = \"2.0.0\"\n",
            &mut p,
        );
        assert!(w.version_from_workspace);
        assert_eq!(w.workspace_version.unwrap().value, "2.0.0");
        let bad = parse("Cargo.toml", "[package\n", &mut p);
        assert!(bad.name.is_none() && p.len() == 1);
    }
}
