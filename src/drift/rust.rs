//! Rust items of the surface: the crate's module tree from its root
//! (`src/lib.rs` or `[lib] path`), `mod x;` resolved to `x.rs` or
//! `x/mod.rs` (or `#[path]`), and the public items reachable from the root
//! through public modules or `pub use` re-exports (`#[doc(hidden)]` and
//! `pub(crate)` items are never recorded by the frontend). An item reachable
//! at several paths is recorded at each; its members (fields, variants,
//! methods, impls) once, under its shortest path. `#[no_mangle]` functions
//! and `#[repr(C)]` layouts of every module are C items.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::units::id;
use crate::link::Analysis;
use crate::model::{ApiItem, ApiKind, ApiLang, Manifest, RustFile, RustItem, Unit, UnitKind};

type ModPath = Vec<String>;

struct Crate<'a> {
    /// Declared items (not members) by module.
    decls: BTreeMap<ModPath, Vec<&'a RustItem>>,
    /// Members by owner name, with the module they are declared in.
    members: HashMap<&'a str, Vec<(ModPath, &'a RustItem)>>,
    /// Module → declared `pub` (relative to its parent).
    declared_pub: HashMap<ModPath, bool>,
    /// Where each module is declared.
    mod_origin: HashMap<ModPath, crate::model::Origin>,
    uses: Vec<(ModPath, &'a crate::model::RustUse)>,
    c_items: Vec<(ModPath, &'a RustItem)>,
}

fn parent_dir(path: &str) -> &str {
    path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

fn join(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = if dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for p in rel.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

impl<'a> Crate<'a> {
    fn load(files: &HashMap<&'a str, &'a RustFile>, root: &str) -> Crate<'a> {
        let mut c = Crate {
            decls: BTreeMap::new(),
            members: HashMap::new(),
            declared_pub: HashMap::new(),
            mod_origin: HashMap::new(),
            uses: Vec::new(),
            c_items: Vec::new(),
        };
        let mut stack: Vec<(String, ModPath, u32)> = vec![(root.to_string(), Vec::new(), 0)];
        let mut seen = BTreeSet::new();
        while let Some((file, prefix, depth)) = stack.pop() {
            if depth > 32 || !seen.insert(file.clone()) {
                continue;
            }
            let Some(rf) = files.get(file.as_str()).copied() else {
                continue;
            };
            let name = file.rsplit('/').next().unwrap_or("");
            let child_dir = if depth == 0 || name == "mod.rs" {
                parent_dir(&file).to_string()
            } else {
                join(parent_dir(&file), name.trim_end_matches(".rs"))
            };
            for m in &rf.mods {
                let mut path = prefix.clone();
                path.extend(m.within.iter().cloned());
                path.push(m.name.clone());
                c.declared_pub.insert(path.clone(), m.public);
                c.mod_origin.insert(path.clone(), m.origin.clone());
                if !m.out_of_line {
                    continue;
                }
                let target = match &m.path_attr {
                    Some(p) => join(parent_dir(&file), p),
                    None => {
                        let base = join(&child_dir, &m.within.join("/"));
                        let a = join(&base, &format!("{}.rs", m.name));
                        if files.contains_key(a.as_str()) {
                            a
                        } else {
                            join(&base, &format!("{}/mod.rs", m.name))
                        }
                    }
                };
                stack.push((target, path, depth + 1));
            }
            for it in &rf.items {
                let mut path = prefix.clone();
                path.extend(it.within.iter().cloned());
                match it.item.lang {
                    ApiLang::CExport | ApiLang::CLayout => c.c_items.push((path, it)),
                    _ => match &it.owner {
                        Some(o) => c.members.entry(o.as_str()).or_default().push((path, it)),
                        None => c.decls.entry(path).or_default().push(it),
                    },
                }
            }
            for u in &rf.uses {
                let mut path = prefix.clone();
                path.extend(u.within.iter().cloned());
                c.uses.push((path, u));
            }
        }
        c
    }

    /// Every module from the root to `m` is declared `pub`.
    fn reachable(&self, m: &[String]) -> bool {
        (1..=m.len()).all(|i| self.declared_pub.get(&m[..i]).copied().unwrap_or(false))
    }

    fn is_module(&self, m: &[String]) -> bool {
        self.declared_pub.contains_key(m)
    }

    /// The crate path a `use` path names, or `None` for another crate.
    fn resolve(&self, at: &[String], path: &[String]) -> Option<ModPath> {
        let first = path.first()?;
        let (mut base, rest): (ModPath, &[String]) = match first.as_str() {
            "crate" => (Vec::new(), &path[1..]),
            "self" => (at.to_vec(), &path[1..]),
            "super" => {
                let n = path.iter().take_while(|s| *s == "super").count();
                (at[..at.len().saturating_sub(n)].to_vec(), &path[n..])
            }
            "" => return None,
            s => {
                let mut child = at.to_vec();
                child.push(s.to_string());
                let local = self.is_module(&child)
                    || self
                        .decls
                        .get(at)
                        .is_some_and(|d| d.iter().any(|i| i.item.name == s));
                if !local {
                    return None;
                }
                (at.to_vec(), path)
            }
        };
        base.extend(rest.iter().cloned());
        Some(base)
    }
}

/// `a::b::C` from a module path and a name.
fn path_of(m: &[String], name: &str) -> String {
    if m.is_empty() {
        name.to_string()
    } else {
        format!("{}::{name}", m.join("::"))
    }
}

pub fn items(a: &Analysis, units: &[Unit], out: &mut Vec<ApiItem>) {
    let files: HashMap<&str, &RustFile> = a
        .files
        .iter()
        .filter_map(|f| Some((f.path.as_str(), f.surface.as_ref()?.rust.as_ref()?)))
        .collect();
    for u in units.iter().filter(|u| u.kind == UnitKind::Crate) {
        let manifest = join(&u.dir, "Cargo.toml");
        let lib = a.file(&manifest).and_then(|f| match &f.manifest {
            Some(Manifest::Cargo(c)) => c.lib_path.clone(),
            _ => None,
        });
        let root = join(&u.dir, lib.as_deref().unwrap_or("src/lib.rs"));
        let krate = Crate::load(&files, &root);
        crate_items(&krate, &id(u), out);
    }
}

fn crate_items(c: &Crate, unit: &str, out: &mut Vec<ApiItem>) {
    // Path → items exported there (a name can hold a type and a function).
    let mut exports: BTreeMap<String, Vec<&RustItem>> = BTreeMap::new();
    // What each module exposes by name, declarations and re-exports.
    let mut by_mod: BTreeMap<ModPath, Vec<(String, &RustItem)>> = BTreeMap::new();
    for (m, items) in &c.decls {
        for it in items {
            by_mod
                .entry(m.clone())
                .or_default()
                .push((it.item.name.clone(), it));
            if it.item.has("crate-root") {
                exports.entry(it.item.name.clone()).or_default().push(it);
            } else if c.reachable(m) {
                exports
                    .entry(path_of(m, &it.item.name))
                    .or_default()
                    .push(it);
            }
        }
    }
    // `pub use`, a few rounds so re-exports of re-exports resolve.
    let mut external: BTreeMap<String, (String, &crate::model::RustUse)> = BTreeMap::new();
    for _ in 0..4 {
        let mut added = Vec::new();
        for (at, u) in &c.uses {
            let Some(target) = c.resolve(at, &u.path) else {
                if c.reachable(at) {
                    external.insert(path_of(at, &u.name), (u.path.join("::"), u));
                }
                continue;
            };
            let (tmod, tname) = target.split_at(target.len().saturating_sub(1));
            let tname = tname.first().map(String::as_str).unwrap_or("");
            let found: Vec<(String, &RustItem)> = match tname {
                "*" => by_mod.get(tmod).cloned().unwrap_or_default(),
                _ if c.is_module(&target) => {
                    // A module re-exported: its public items under the new name.
                    by_mod
                        .iter()
                        .filter(|(m, _)| {
                            m.starts_with(&target)
                                && (target.len()..m.len())
                                    .all(|i| c.declared_pub.get(&m[..=i]).copied().unwrap_or(false))
                        })
                        .flat_map(|(m, items)| {
                            let sub = m[target.len()..].join("::");
                            items.iter().map(move |(n, it)| {
                                let name = if sub.is_empty() {
                                    format!("{}::{n}", u.name)
                                } else {
                                    format!("{}::{sub}::{n}", u.name)
                                };
                                (name, *it)
                            })
                        })
                        .collect()
                }
                _ => by_mod
                    .get(tmod)
                    .map(|v| {
                        v.iter()
                            .filter(|(n, _)| n == tname)
                            .map(|(_, it)| (u.name.clone(), *it))
                            .collect()
                    })
                    .unwrap_or_default(),
            };
            for (name, it) in found {
                added.push((at.clone(), name, it));
            }
        }
        let mut changed = false;
        for (at, name, it) in added {
            let list = by_mod.entry(at.clone()).or_default();
            if !list.iter().any(|(n, i)| *n == name && std::ptr::eq(*i, it)) {
                list.push((name.clone(), it));
                changed = true;
            }
            if c.reachable(&at) {
                let e = exports.entry(path_of(&at, &name)).or_default();
                if !e.iter().any(|i| std::ptr::eq(*i, it)) {
                    e.push(it);
                }
            }
        }
        if !changed {
            break;
        }
    }
    // Shortest path of each exported item: where its members go.
    let mut canonical: HashMap<*const RustItem, String> = HashMap::new();
    for (path, items) in &exports {
        for it in items {
            let e = canonical
                .entry(*it as *const _)
                .or_insert_with(|| path.clone());
            if (path.len(), path) < (e.len(), &*e) {
                *e = path.clone();
            }
        }
    }
    for (path, items) in &exports {
        for it in items {
            let mut item = it.item.clone();
            item.name = path.clone();
            item.unit = unit.to_string();
            out.push(item);
        }
    }
    for (it, path) in &canonical {
        // SAFETY-free: the pointer came from a live `&RustItem` above.
        let Some(owner) = exports
            .get(path)
            .and_then(|v| v.iter().find(|i| std::ptr::eq(**i, *it)))
        else {
            continue;
        };
        if !matches!(
            owner.item.kind,
            ApiKind::Struct | ApiKind::Enum | ApiKind::Trait | ApiKind::TypeAlias
        ) {
            continue;
        }
        let Some(members) = c.members.get(owner.item.name.as_str()) else {
            continue;
        };
        let home = c
            .decls
            .iter()
            .find(|(_, v)| v.iter().any(|i| std::ptr::eq(*i, *owner)))
            .map(|(m, _)| m.clone())
            .unwrap_or_default();
        let same_name = c
            .decls
            .values()
            .flatten()
            .filter(|i| i.item.name == owner.item.name)
            .count();
        let prefix = path.strip_suffix(owner.item.name.as_str()).unwrap_or("");
        for (m, member) in members {
            if *m != home && same_name > 1 {
                continue;
            }
            let mut item = member.item.clone();
            item.name = format!("{prefix}{}", item.name);
            item.unit = unit.to_string();
            out.push(item);
        }
    }
    let mut modules: Vec<&ModPath> = c.declared_pub.keys().filter(|m| c.reachable(m)).collect();
    modules.sort();
    for m in modules {
        let mut item = ApiItem::new(ApiLang::Rust, ApiKind::Module, m.join("::"), "mod");
        if let Some(o) = c.mod_origin.get(m) {
            item = item.at(o);
        }
        item.unit = unit.to_string();
        out.push(item);
    }
    for (path, (target, u)) in external {
        let mut item = ApiItem::new(ApiLang::Rust, ApiKind::Reexport, path, target).at(&u.origin);
        item.unit = unit.to_string();
        out.push(item);
    }
    for (m, it) in &c.c_items {
        let mut item = it.item.clone();
        if item.lang == ApiLang::CLayout {
            item.name = path_of(m, &item.name);
        }
        item.unit = unit.to_string();
        out.push(item);
    }
}

#[cfg(test)]
#[path = "rust_tests.rs"]
mod tests;
