//! npm-ecosystem lockfiles: which version each dependency resolved to.
//!
//! - `package-lock.json` / `npm-shrinkwrap.json` v2/v3 (`packages`, keyed by
//!   `node_modules` path) and v1 (nested `dependencies`), with jsonc-parser;
//! - `pnpm-lock.yaml` v5 to v9 (`importers`, or top-level `dependencies`
//!   for a single project), with yaml-rust2;
//! - `yarn.lock`: berry (YAML, `"vue@npm:^3.3.0": version: 3.4.21`) with
//!   yaml-rust2, classic v1 with the small tokenizer in `yarn_v1`.

use jsonc_parser::ast::{Object, Value};

use super::yaml::{self, Node};
use super::yarn_v1;
use crate::model::{LockedPackage, Lockfile, LockfileKind, Problem};
use crate::source::LineIndex;

pub fn parse(path: &str, text: &str, problems: &mut Vec<Problem>) -> Lockfile {
    let name = path.rsplit('/').next().unwrap_or(path);
    let idx = LineIndex::new(path, text.as_bytes());
    match name {
        "pnpm-lock.yaml" => pnpm(text, &idx, problems),
        "yarn.lock" => yarn(text, &idx, problems),
        _ => npm(path, text, &idx, problems),
    }
}

fn entry(
    name: &str,
    version: &str,
    dir: Option<String>,
    at: (usize, usize),
    idx: &LineIndex,
) -> LockedPackage {
    LockedPackage {
        name: name.to_string(),
        version: version.to_string(),
        dir,
        ranges: Vec::new(),
        origin: idx.origin(at.0 as u32, at.1 as u32),
    }
}

fn npm(path: &str, text: &str, idx: &LineIndex, problems: &mut Vec<Problem>) -> Lockfile {
    let mut out = Lockfile {
        kind: LockfileKind::Npm,
        packages: Vec::new(),
    };
    let Some(Value::Object(root)) = super::json::parse(path, text, problems) else {
        return out;
    };
    if let Some(pkgs) = root.get_object("packages") {
        for p in &pkgs.properties {
            let key = p.name.as_str();
            let Some((dir, name)) = key.rsplit_once("node_modules/") else {
                continue; // the root project or a workspace member's own entry
            };
            let Some(v) = p.value.as_object().and_then(|o| o.get_string("version")) else {
                continue; // a workspace link
            };
            let dir = dir.trim_end_matches('/').to_string();
            let at = (v.range.start, v.range.end);
            out.packages.push(entry(name, &v.value, Some(dir), at, idx));
        }
    } else if let Some(deps) = root.get_object("dependencies") {
        // v1: nested `dependencies`, each level a `node_modules` directory.
        let mut stack: Vec<(String, &Object)> = vec![(String::new(), deps)];
        while let Some((dir, deps)) = stack.pop() {
            for p in &deps.properties {
                let name = p.name.as_str();
                let Some(o) = p.value.as_object() else {
                    continue;
                };
                if let Some(v) = o.get_string("version") {
                    let at = (v.range.start, v.range.end);
                    out.packages
                        .push(entry(name, &v.value, Some(dir.clone()), at, idx));
                }
                if let Some(nested) = o.get_object("dependencies") {
                    let sub = if dir.is_empty() {
                        format!("node_modules/{name}")
                    } else {
                        format!("{dir}/node_modules/{name}")
                    };
                    stack.push((sub, nested));
                }
            }
        }
    }
    out
}

fn yaml_root(text: &str, idx: &LineIndex, problems: &mut Vec<Problem>) -> Option<Node> {
    match yaml::parse(text) {
        Ok(root) => root,
        Err((at, msg)) => {
            problems.push(Problem {
                message: format!("invalid YAML: {msg}"),
                origin: idx.origin(at as u32, at as u32 + 1),
            });
            None
        }
    }
}

/// pnpm writes `3.4.21(typescript@5.3.3)` (v6+) or `3.4.21_typescript@5.3.3`
/// (v5) for a package resolved with peers; `link:../x` for workspace links.
fn pnpm_version(v: &str) -> Option<&str> {
    if v.starts_with("link:") || v.starts_with("file:") {
        return None;
    }
    let v = v.split('(').next().unwrap_or(v);
    Some(v.split('_').next().unwrap_or(v))
}

fn pnpm(text: &str, idx: &LineIndex, problems: &mut Vec<Problem>) -> Lockfile {
    let mut out = Lockfile {
        kind: LockfileKind::Pnpm,
        packages: Vec::new(),
    };
    let Some(root) = yaml_root(text, idx, problems) else {
        return out;
    };
    let importers: Vec<(&str, &Node)> = match root.get("importers") {
        Some(imps) => imps
            .entries()
            .iter()
            .filter_map(|(k, v)| Some((k.str()?, v)))
            .collect(),
        None => vec![(".", &root)],
    };
    for (dir, imp) in importers {
        let dir = if dir == "." {
            ""
        } else {
            dir.trim_start_matches("./")
        };
        for section in ["dependencies", "devDependencies", "optionalDependencies"] {
            for (k, v) in imp.get(section).map(Node::entries).unwrap_or(&[]) {
                let Some(name) = k.str() else { continue };
                // v6+: `{ specifier, version }`; v5: the version itself.
                let node = v.get("version").unwrap_or(v);
                let (Some(raw), Some(at)) = (node.str(), node.range()) else {
                    continue;
                };
                if let Some(version) = pnpm_version(raw) {
                    out.packages
                        .push(entry(name, version, Some(dir.to_string()), at, idx));
                }
            }
        }
    }
    out
}

fn yarn(text: &str, idx: &LineIndex, problems: &mut Vec<Problem>) -> Lockfile {
    let mut out = Lockfile {
        kind: LockfileKind::Yarn,
        packages: Vec::new(),
    };
    let berry = text.lines().any(|l| l.starts_with("__metadata:"));
    if !berry {
        match yarn_v1::parse(text) {
            Ok(entries) => {
                for e in entries {
                    let mut p = entry(&e.name, &e.version, None, e.version_at, idx);
                    p.ranges = e.ranges;
                    out.packages.push(p);
                }
            }
            Err((at, msg)) => problems.push(Problem {
                message: format!("invalid yarn.lock: {msg}"),
                origin: idx.origin(at as u32, at as u32 + 1),
            }),
        }
        return out;
    }
    let Some(root) = yaml_root(text, idx, problems) else {
        return out;
    };
    for (k, v) in root.entries() {
        let Some(key) = k.str().filter(|k| *k != "__metadata") else {
            continue;
        };
        let Some(version) = v.get("version") else {
            continue;
        };
        let (Some(ver), Some(at)) = (version.str(), version.range()) else {
            continue;
        };
        let mut name = None;
        let mut ranges = Vec::new();
        for desc in key.split(',').map(str::trim) {
            if let Some((n, r)) = yarn_v1::split_descriptor(desc) {
                name.get_or_insert(n.to_string());
                ranges.push(r.to_string());
            }
        }
        if let Some(name) = name {
            let mut p = entry(&name, ver, None, at, idx);
            p.ranges = ranges;
            out.packages.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests;
