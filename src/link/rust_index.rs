//! The Rust crates of the tree, for name resolution: each package's
//! library and binary roots (`src/lib.rs` or `[lib] path`, `src/main.rs`,
//! `src/bin/*.rs`), the module tree from each root (`mod x;` → `x.rs` or
//! `x/mod.rs`, `#[path]`, inline modules), and the types, functions and
//! `use` declarations of every module. Paths resolve the 2018 way:
//! `crate::`, `self::`, `super::`, child modules, imports (renamed and
//! glob), re-exports, and the package's library by its name from a binary.
//! What does not resolve inside the crate is another crate's (or the
//! prelude's): [`Target::External`].

use std::collections::{BTreeSet, HashMap, HashSet};

use super::go_index::parent_dir;
use crate::model::{
    FileFacts, FuncKey, Manifest, RustFile, RustFn, RustScope, RustSerdeImpl, RustTypeDef, RustUse,
};

pub type ModPath = Vec<String>;

const MAX_DEPTH: u32 = 16;

pub struct TypeLoc<'a> {
    pub def: &'a RustTypeDef,
    pub file: &'a str,
    pub module: ModPath,
}

pub struct FnLoc<'a> {
    pub f: &'a RustFn,
    pub file: &'a str,
    pub module: ModPath,
}

impl FnLoc<'_> {
    /// `name`, `inline_mod::name`, `Owner::name` (the in-file path).
    pub fn key(&self) -> FuncKey {
        let mut parts = self.f.within.clone();
        parts.extend(self.f.owner.iter().cloned());
        parts.push(self.f.name.clone());
        FuncKey {
            path: self.file.to_string(),
            name: parts.join("::"),
        }
    }
}

pub struct Crate<'a> {
    /// The root file (`api/src/main.rs`).
    pub root: String,
    /// The package directory (where `Cargo.toml` is).
    pub dir: String,
    /// The package's library crate: its name (`my_api`) and index.
    lib: Option<(String, usize)>,
    modules: HashSet<ModPath>,
    types: HashMap<(ModPath, String), TypeLoc<'a>>,
    pub fns: Vec<FnLoc<'a>>,
    fn_names: HashMap<(ModPath, String), usize>,
    uses: HashMap<ModPath, Vec<&'a RustUse>>,
    pub serde_impls: Vec<(ModPath, &'a RustSerdeImpl)>,
}

/// What a path names.
pub enum Target<'i, 'a> {
    Type(usize, &'i TypeLoc<'a>),
    Fn(usize, &'i FnLoc<'a>),
    /// Not in the crate: another crate's item or the prelude's, by path.
    External(Vec<String>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    Type,
    Value,
}

#[derive(Default)]
pub struct RustIndex<'a> {
    pub crates: Vec<Crate<'a>>,
    by_key: HashMap<FuncKey, (usize, usize)>,
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

impl<'a> RustIndex<'a> {
    pub fn build(files: &'a [FileFacts]) -> RustIndex<'a> {
        let rust: HashMap<&'a str, &'a RustFile> = files
            .iter()
            .filter_map(|f| Some((f.path.as_str(), f.surface.as_ref()?.rust.as_ref()?)))
            .collect();
        let mut ix = RustIndex::default();
        if rust.is_empty() {
            return ix;
        }
        let mut paths: Vec<&str> = rust.keys().copied().collect();
        paths.sort();
        for f in files {
            let Some(Manifest::Cargo(c)) = &f.manifest else {
                continue;
            };
            let Some(name) = &c.name else { continue };
            let dir = parent_dir(&f.path);
            let lib_root = join(dir, c.lib_path.as_deref().unwrap_or("src/lib.rs"));
            let lib = rust.contains_key(lib_root.as_str()).then(|| {
                ix.crates.push(Crate::load(&rust, &lib_root, dir));
                (name.replace('-', "_"), ix.crates.len() - 1)
            });
            let bin_dir = join(dir, "src/bin");
            let mut bins = vec![join(dir, "src/main.rs")];
            bins.extend(
                paths
                    .iter()
                    .filter(|p| {
                        p.strip_prefix(bin_dir.as_str())
                            .and_then(|r| r.strip_prefix('/'))
                            .is_some_and(|r| !r.contains('/') || r.ends_with("/main.rs"))
                    })
                    .map(|p| p.to_string()),
            );
            for b in bins {
                if rust.contains_key(b.as_str()) {
                    let mut c = Crate::load(&rust, &b, dir);
                    c.lib = lib.clone();
                    ix.crates.push(c);
                }
            }
        }
        for (k, c) in ix.crates.iter().enumerate() {
            for (i, f) in c.fns.iter().enumerate() {
                ix.by_key.entry(f.key()).or_insert((k, i));
            }
        }
        ix
    }

    pub fn by_key(&self, key: &FuncKey) -> Option<(usize, &FnLoc<'a>)> {
        let (k, i) = *self.by_key.get(key)?;
        Some((k, &self.crates[k].fns[i]))
    }

    /// The crate a scope names, by its root file.
    pub fn crate_of(&self, scope: &RustScope) -> Option<usize> {
        self.crates.iter().position(|c| c.root == scope.krate)
    }

    pub fn scope(&self, k: usize, module: &[String]) -> RustScope {
        RustScope {
            krate: self.crates[k].root.clone(),
            module: module.to_vec(),
        }
    }

    /// What `path`, written in `module` of crate `k`, names.
    pub fn resolve(
        &self,
        k: usize,
        module: &[String],
        path: &[String],
        ns: Ns,
    ) -> Option<Target<'_, 'a>> {
        self.resolve_in(k, module, path, ns, 0)
    }

    fn resolve_in(
        &self,
        k: usize,
        module: &[String],
        path: &[String],
        ns: Ns,
        depth: u32,
    ) -> Option<Target<'_, 'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let c = &self.crates[k];
        let first = path.first()?;
        match first.as_str() {
            "" => match (&c.lib, path.get(1)) {
                (Some((name, lib)), Some(s)) if s == name => {
                    self.walk(*lib, Vec::new(), &path[2..], ns, depth + 1)
                }
                _ => Some(Target::External(path[1..].to_vec())),
            },
            "crate" => self.walk(k, Vec::new(), &path[1..], ns, depth + 1),
            "self" => self.walk(k, module.to_vec(), &path[1..], ns, depth + 1),
            "super" => {
                let n = path.iter().take_while(|s| *s == "super").count();
                let base = module[..module.len().saturating_sub(n)].to_vec();
                self.walk(k, base, &path[n..], ns, depth + 1)
            }
            "Self" => None,
            _ if path.len() == 1 => Some(
                self.lookup(k, module, first, ns, depth)
                    .unwrap_or_else(|| Target::External(path.to_vec())),
            ),
            _ => {
                let mut child = module.to_vec();
                child.push(first.clone());
                if c.modules.contains(&child) {
                    return self.walk(k, child, &path[1..], ns, depth + 1);
                }
                if let Some(u) = c.use_named(module, first) {
                    let mut p = u.path.clone();
                    p.extend(path[1..].iter().cloned());
                    return self.resolve_in(k, module, &p, ns, depth + 1);
                }
                if let Some((name, lib)) = &c.lib {
                    if name == first {
                        return self.walk(*lib, Vec::new(), &path[1..], ns, depth + 1);
                    }
                }
                for g in c.globs(module) {
                    let mut p = g.to_vec();
                    p.extend(path.iter().cloned());
                    if let Some(t @ (Target::Type(..) | Target::Fn(..))) =
                        self.resolve_in(k, module, &p, ns, depth + 1)
                    {
                        return Some(t);
                    }
                }
                Some(Target::External(path.to_vec()))
            }
        }
    }

    /// `rest` from module `base`: modules, then the item.
    fn walk(
        &self,
        k: usize,
        base: ModPath,
        rest: &[String],
        ns: Ns,
        depth: u32,
    ) -> Option<Target<'_, 'a>> {
        let c = &self.crates[k];
        let (last, mods) = rest.split_last()?;
        let mut m = base;
        for (i, seg) in mods.iter().enumerate() {
            let mut child = m.clone();
            child.push(seg.clone());
            if c.modules.contains(&child) {
                m = child;
                continue;
            }
            if let Some(u) = c.use_named(&m, seg) {
                let mut p = u.path.clone();
                p.extend(rest[i + 1..].iter().cloned());
                return self.resolve_in(k, &m, &p, ns, depth + 1);
            }
            return None;
        }
        self.lookup(k, &m, last, ns, depth)
    }

    /// A name in a module: its own item, an import, a glob import.
    fn lookup(
        &self,
        k: usize,
        module: &[String],
        name: &str,
        ns: Ns,
        depth: u32,
    ) -> Option<Target<'_, 'a>> {
        let c = &self.crates[k];
        let key = (module.to_vec(), name.to_string());
        match ns {
            Ns::Type => {
                if let Some(t) = c.types.get(&key) {
                    return Some(Target::Type(k, t));
                }
            }
            Ns::Value => {
                if let Some(&i) = c.fn_names.get(&key) {
                    return Some(Target::Fn(k, &c.fns[i]));
                }
            }
        }
        if let Some(u) = c.use_named(module, name) {
            return self.resolve_in(k, module, &u.path, ns, depth + 1);
        }
        for g in c.globs(module) {
            let mut p = g.to_vec();
            p.push(name.to_string());
            if let Some(t @ (Target::Type(..) | Target::Fn(..))) =
                self.resolve_in(k, module, &p, ns, depth + 1)
            {
                return Some(t);
            }
        }
        None
    }

    /// A function by path; `Type::method` finds a method of the crate's
    /// `impl Type` blocks.
    pub fn resolve_fn(
        &self,
        k: usize,
        module: &[String],
        path: &[String],
    ) -> Option<(usize, &FnLoc<'a>)> {
        match self.resolve(k, module, path, Ns::Value) {
            Some(Target::Fn(k, f)) => return Some((k, f)),
            Some(Target::Type(..)) | None | Some(Target::External(_)) => {}
        }
        let (method, ty) = path.split_last()?;
        if ty.is_empty() {
            return None;
        }
        let Some(Target::Type(tk, t)) = self.resolve(k, module, ty, Ns::Type) else {
            return None;
        };
        let f = self.crates[tk]
            .fns
            .iter()
            .find(|f| f.f.owner.as_deref() == Some(t.def.name.as_str()) && &f.f.name == method)?;
        Some((tk, f))
    }

    /// Hand-written serde impls for the type `t` (serialize, deserialize).
    pub fn manual_serde(&self, k: usize, t: &TypeLoc) -> (bool, bool) {
        let (mut ser, mut de) = (false, false);
        for (m, imp) in &self.crates[k].serde_impls {
            let crate::model::RustType::Path { path, .. } = &imp.self_ty else {
                continue;
            };
            if let Some(Target::Type(ik, it)) = self.resolve(k, m, path, Ns::Type) {
                if ik == k && std::ptr::eq(it.def, t.def) {
                    if imp.serialize {
                        ser = true;
                    } else {
                        de = true;
                    }
                }
            }
        }
        (ser, de)
    }
}

impl<'a> Crate<'a> {
    fn load(files: &HashMap<&'a str, &'a RustFile>, root: &str, dir: &str) -> Crate<'a> {
        let mut c = Crate {
            root: root.to_string(),
            dir: dir.to_string(),
            lib: None,
            modules: HashSet::new(),
            types: HashMap::new(),
            fns: Vec::new(),
            fn_names: HashMap::new(),
            uses: HashMap::new(),
            serde_impls: Vec::new(),
        };
        c.modules.insert(Vec::new());
        let mut stack: Vec<(String, ModPath, u32)> = vec![(root.to_string(), Vec::new(), 0)];
        let mut seen = BTreeSet::new();
        while let Some((file, prefix, depth)) = stack.pop() {
            if depth > 32 || !seen.insert(file.clone()) {
                continue;
            }
            let Some((&path, &rf)) = files.get_key_value(file.as_str()) else {
                continue;
            };
            let name = file.rsplit('/').next().unwrap_or("");
            let child_dir = if depth == 0 || name == "mod.rs" {
                parent_dir(&file).to_string()
            } else {
                join(parent_dir(&file), name.trim_end_matches(".rs"))
            };
            let full = |within: &[String]| {
                let mut m = prefix.clone();
                m.extend(within.iter().cloned());
                m
            };
            for m in &rf.mods {
                let mut mp = full(&m.within);
                mp.push(m.name.clone());
                c.modules.insert(mp.clone());
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
                stack.push((target, mp, depth + 1));
            }
            for t in &rf.code.types {
                let module = full(&t.within);
                c.types
                    .entry((module.clone(), t.name.clone()))
                    .or_insert(TypeLoc {
                        def: t,
                        file: path,
                        module,
                    });
            }
            for f in &rf.code.fns {
                let module = full(&f.within);
                if f.owner.is_none() {
                    c.fn_names
                        .entry((module.clone(), f.name.clone()))
                        .or_insert(c.fns.len());
                }
                c.fns.push(FnLoc {
                    f,
                    file: path,
                    module,
                });
            }
            for u in rf.uses.iter().chain(&rf.code.imports) {
                c.uses.entry(full(&u.within)).or_default().push(u);
            }
            for s in &rf.code.serde_impls {
                c.serde_impls.push((full(&s.within), s));
            }
        }
        c
    }

    fn use_named(&self, module: &[String], name: &str) -> Option<&'a RustUse> {
        self.uses
            .get(module)?
            .iter()
            .find(|u| u.name == name)
            .copied()
    }

    /// Module paths imported with `*` in `module`.
    fn globs(&self, module: &[String]) -> Vec<&'a [String]> {
        self.uses
            .get(module)
            .map(|v| {
                v.iter()
                    .filter(|u| u.name == "*")
                    .map(|u| &u.path[..u.path.len().saturating_sub(1)])
                    .collect()
            })
            .unwrap_or_default()
    }
}
