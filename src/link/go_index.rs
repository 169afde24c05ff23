//! An index of the Go facts of every module in the tree: which package a
//! file belongs to, functions and methods by name, constants, types.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::model::{
    FileFacts, FuncKey, FuncRef, GoFile, GoFunc, GoMod, GoRouterVar, GoTypeDecl, GoTypeExpr,
    Manifest, PathExpr, Recv,
};

/// A Go module: its `go.mod` and where it lives.
#[derive(Debug)]
pub struct GoModule<'a> {
    /// Directory of `go.mod`, relative to the root (`""` for the root).
    pub dir: String,
    pub path: String,
    pub go_mod: &'a GoMod,
    pub go_mod_path: String,
}

/// Where a function lives.
#[derive(Clone, Debug)]
pub struct FuncLoc<'a> {
    pub file: &'a FileFacts,
    pub go: &'a GoFile,
    pub func: &'a GoFunc,
    /// Import path of the package.
    pub pkg: Arc<str>,
}

impl FuncLoc<'_> {
    pub fn key(&self) -> FuncKey {
        FuncKey {
            path: self.file.path.clone(),
            name: match &self.func.recv {
                Some(r) => format!("{r}.{}", self.func.name),
                None => self.func.name.clone(),
            },
        }
    }
}

pub struct GoIndex<'a> {
    pub modules: Vec<GoModule<'a>>,
    /// File path → import path of its package.
    pkg_of_file: FxHashMap<&'a str, Arc<str>>,
    /// Every function, method and function literal, file by file.
    locs: Vec<FuncLoc<'a>>,
    /// File path → its range in `locs`.
    locs_of_file: FxHashMap<&'a str, (u32, u32)>,
    /// Import path → what the package declares.
    pkgs: FxHashMap<Arc<str>, PkgNames<'a>>,
    /// Method name → its methods in every package (indices into `locs`,
    /// sorted by package, receiver).
    methods_by_name: FxHashMap<&'a str, Vec<u32>>,
    literals: FxHashMap<(&'a str, u32), u32>,
    pub files: Vec<(&'a FileFacts, &'a GoFile, Arc<str>)>,
}

/// The names one package declares. Keys borrow from the facts: building
/// the index copies no string (a 16× tree has 400,000 functions).
#[derive(Default)]
struct PkgNames<'a> {
    /// `(receiver type or "", name)` → index into `locs`.
    funcs: FxHashMap<(&'a str, &'a str), u32>,
    consts: FxHashMap<&'a str, &'a PathExpr>,
    types: FxHashMap<&'a str, &'a GoTypeDecl>,
    router_vars: FxHashMap<&'a str, &'a GoRouterVar>,
}

/// A lookup in a map keyed by borrowed pairs with keys that live shorter
/// than the map's (`HashMap` is covariant in its key type).
fn get_pair<'q>(m: &FxHashMap<(&'q str, &'q str), u32>, a: &'q str, b: &'q str) -> Option<u32> {
    m.get(&(a, b)).copied()
}

impl<'a> GoIndex<'a> {
    pub fn build(all: &'a [FileFacts]) -> Self {
        let mut modules: Vec<GoModule> = all
            .iter()
            .filter_map(|f| match &f.manifest {
                Some(Manifest::GoMod(m)) => Some(GoModule {
                    dir: parent_dir(&f.path).to_string(),
                    path: m
                        .module
                        .as_ref()
                        .map(|l| l.value.clone())
                        .unwrap_or_default(),
                    go_mod: m,
                    go_mod_path: f.path.clone(),
                }),
                _ => None,
            })
            .collect();
        // Longest directory first, so the innermost module wins.
        modules.sort_by(|a, b| b.dir.len().cmp(&a.dir.len()).then(a.dir.cmp(&b.dir)));
        let mut ix = GoIndex {
            modules,
            pkg_of_file: FxHashMap::default(),
            locs: Vec::new(),
            locs_of_file: FxHashMap::default(),
            pkgs: FxHashMap::default(),
            methods_by_name: FxHashMap::default(),
            literals: FxHashMap::default(),
            files: Vec::new(),
        };
        // One shared string per package.
        let mut interned: FxHashMap<String, Arc<str>> = FxHashMap::default();
        for f in all {
            let Some(go) = &f.go else { continue };
            if go.is_test {
                continue;
            }
            let path = ix.import_path(&go.dir, &go.package);
            let pkg = interned
                .entry(path)
                .or_insert_with_key(|p| Arc::from(p.as_str()))
                .clone();
            ix.pkg_of_file.insert(&f.path, pkg.clone());
            ix.files.push((f, go, pkg));
        }
        drop(interned);
        let files = std::mem::take(&mut ix.files);
        for (f, go, pkg) in &files {
            let first = ix.locs.len() as u32;
            let names = ix.pkgs.entry(pkg.clone()).or_default();
            for func in &go.funcs {
                let i = ix.locs.len() as u32;
                ix.locs.push(FuncLoc {
                    file: f,
                    go,
                    func,
                    pkg: pkg.clone(),
                });
                if let Some(off) = func.literal_at {
                    ix.literals.insert((f.path.as_str(), off), i);
                    continue;
                }
                let recv = func.recv.as_deref().unwrap_or("");
                // A later declaration of the same name wins, as before.
                names.funcs.insert((recv, func.name.as_str()), i);
            }
            for c in &go.consts {
                names.consts.insert(c.name.as_str(), &c.value);
            }
            for t in &go.types {
                names.types.insert(t.name.as_str(), t);
            }
            for v in &go.router_vars {
                names.router_vars.insert(v.name.as_str(), v);
            }
            ix.locs_of_file
                .insert(f.path.as_str(), (first, ix.locs.len() as u32));
        }
        ix.files = files;
        for names in ix.pkgs.values() {
            for (&(recv, name), &i) in &names.funcs {
                if !recv.is_empty() {
                    ix.methods_by_name.entry(name).or_default().push(i);
                }
            }
        }
        let locs = &ix.locs;
        let order = |&i: &u32| {
            let l = &locs[i as usize];
            (
                l.pkg.clone(),
                l.func.recv.as_deref().unwrap_or(""),
                &l.func.name,
            )
        };
        for v in ix.methods_by_name.values_mut() {
            v.sort_by_cached_key(order);
        }
        ix
    }

    /// The module a directory belongs to.
    pub fn module_of(&self, dir: &str) -> Option<&GoModule<'a>> {
        self.modules.iter().find(|m| is_within(dir, &m.dir))
    }

    /// The import path of the package in `dir`. Outside any module, a
    /// path-like name that cannot collide with real imports.
    fn import_path(&self, dir: &str, package: &str) -> String {
        match self.module_of(dir) {
            Some(m) => {
                let rel = dir
                    .strip_prefix(m.dir.as_str())
                    .unwrap_or(dir)
                    .trim_start_matches('/');
                if rel.is_empty() {
                    m.path.clone()
                } else {
                    format!("{}/{}", m.path, rel)
                }
            }
            None => format!("./{dir}#{package}"),
        }
    }

    pub fn pkg_of_file(&self, path: &str) -> &str {
        self.pkg_of_file.get(path).map(|p| &**p).unwrap_or("")
    }

    /// `""` means the current package.
    fn qualify(pkg: &str, current: &str) -> String {
        if pkg.is_empty() {
            current.to_string()
        } else {
            pkg.to_string()
        }
    }

    pub fn func(&self, pkg: &str, recv: &str, name: &str) -> Option<FuncLoc<'a>> {
        let i = get_pair(&self.pkgs.get(pkg)?.funcs, recv, name)?;
        Some(self.locs[i as usize].clone())
    }

    /// A function by its key (file and name); of two with the same key,
    /// the later one.
    pub fn by_key(&self, key: &FuncKey) -> Option<FuncLoc<'a>> {
        let &(first, end) = self.locs_of_file.get(key.path.as_str())?;
        self.locs[first as usize..end as usize]
            .iter()
            .rev()
            .find(|l| has_key_name(l.func, &key.name))
            .cloned()
    }

    /// The function literals declared inside a function.
    pub fn literals_within(&self, loc: &FuncLoc<'a>) -> Vec<FuncLoc<'a>> {
        let (start, end) = loc.func.span;
        let mut v: Vec<FuncLoc<'a>> = loc
            .go
            .funcs
            .iter()
            .filter(|f| f.literal_at.is_some_and(|o| o > start && o < end))
            .map(|func| FuncLoc {
                file: loc.file,
                go: loc.go,
                func,
                pkg: loc.pkg.clone(),
            })
            .collect();
        v.sort_by_key(|l| l.func.span.0);
        v
    }

    pub fn literal(&self, path: &str, offset: u32) -> Option<FuncLoc<'a>> {
        let literals: &FxHashMap<(&str, u32), u32> = &self.literals;
        let i = *literals.get(&(path, offset))?;
        Some(self.locs[i as usize].clone())
    }

    pub fn type_decl(&self, pkg: &str, name: &str) -> Option<(&'a GoTypeDecl, String)> {
        let (p, names) = self.pkgs.get_key_value(pkg)?;
        Some((*names.types.get(name)?, p.to_string()))
    }

    /// A constant's value and the package its references are relative to.
    pub fn constant(&self, pkg: &str, name: &str) -> Option<(&'a PathExpr, String)> {
        let (p, names) = self.pkgs.get_key_value(pkg)?;
        Some((*names.consts.get(name)?, p.to_string()))
    }

    /// A package-level router variable.
    pub fn router_var(&self, pkg: &str, name: &str) -> Option<&'a GoRouterVar> {
        self.pkgs.get(pkg)?.router_vars.get(name).copied()
    }

    /// Every package-level router variable with its package, sorted.
    pub fn router_vars(&self) -> Vec<(Arc<str>, &'a GoRouterVar)> {
        let mut v: Vec<(Arc<str>, &'a GoRouterVar)> = self
            .pkgs
            .iter()
            .flat_map(|(p, n)| n.router_vars.values().map(|v| (p.clone(), *v)))
            .collect();
        v.sort_by(|a, b| (&a.0, &a.1.name).cmp(&(&b.0, &b.1.name)));
        v
    }

    /// Resolves a function reference made in a file of package `current`.
    /// `accept` filters candidates when only the method name is known.
    pub fn resolve(
        &self,
        r: &FuncRef,
        current: &str,
        path: &str,
        accept: &dyn Fn(&GoFunc) -> bool,
    ) -> Option<FuncLoc<'a>> {
        match r {
            FuncRef::Func { pkg, name } => self.func(&Self::qualify(pkg, current), "", name),
            FuncRef::Literal { offset } => self.literal(path, *offset),
            FuncRef::Method { recv, name } => {
                let typed = match recv {
                    Recv::Type { pkg, name: ty } => Some((Self::qualify(pkg, current), ty.clone())),
                    Recv::ResultOf { func } => self
                        .resolve(func, current, path, &|_| true)
                        .and_then(|f| Some((f.pkg.to_string(), f.func.results.first()?.clone())))
                        .and_then(|(pkg, t)| {
                            named(&t).map(|(p, n)| (Self::qualify(p, &pkg), n.to_string()))
                        }),
                    Recv::Field { pkg, owner, field } => {
                        let owner_pkg = Self::qualify(pkg, current);
                        self.field_type(&owner_pkg, owner, field)
                    }
                    Recv::Unknown => None,
                };
                if let Some((pkg, ty)) = typed {
                    if let Some(f) = self.method(&pkg, &ty, name, 0) {
                        return Some(f);
                    }
                }
                // By name: unique among candidates that fit, preferring this package.
                let keys = self
                    .methods_by_name
                    .get(name.as_str())
                    .map_or(&[][..], Vec::as_slice);
                if let Some(unique) = self.unique_fit(keys, accept) {
                    return unique;
                }
                // Keys are sorted by package: this package's are one run.
                let pkg_of = |i: &u32| &*self.locs[*i as usize].pkg;
                let start = keys.partition_point(|k| pkg_of(k) < current);
                let end = start + keys[start..].partition_point(|k| pkg_of(k) == current);
                self.unique_fit(&keys[start..end], accept).flatten()
            }
        }
    }

    /// `Some(Some(f))` when exactly one of `keys` fits, `Some(None)` when
    /// none does, `None` when several do (stops at the second: common
    /// method names have thousands of candidates in a big tree).
    fn unique_fit(
        &self,
        keys: &[u32],
        accept: &dyn Fn(&GoFunc) -> bool,
    ) -> Option<Option<FuncLoc<'a>>> {
        let mut found = None;
        for f in keys.iter().map(|&i| &self.locs[i as usize]) {
            if accept(f.func) {
                if found.is_some() {
                    return None;
                }
                found = Some(f.clone());
            }
        }
        Some(found)
    }

    /// A method of a named type, looking through embedded fields.
    fn method(&self, pkg: &str, ty: &str, name: &str, depth: u32) -> Option<FuncLoc<'a>> {
        if let Some(f) = self.func(pkg, ty, name) {
            return Some(f);
        }
        if depth > 3 {
            return None;
        }
        let (decl, decl_pkg) = self.type_decl(pkg, ty)?;
        if let GoTypeExpr::Struct { fields } = &decl.ty {
            for f in fields.iter().filter(|f| f.embedded) {
                if let Some((p, n)) = named(&f.ty) {
                    if let Some(m) = self.method(&Self::qualify(p, &decl_pkg), n, name, depth + 1) {
                        return Some(m);
                    }
                }
            }
        }
        None
    }

    /// The named type of a struct field: `(pkg, type)`.
    pub fn field_type(&self, pkg: &str, owner: &str, field: &str) -> Option<(String, String)> {
        let t = self.field_type_expr(pkg, owner, field)?;
        let (p, n) = named(&t.0)?;
        Some((Self::qualify(p, &t.1), n.to_string()))
    }

    /// The declared type of a struct field, and the package it is written in.
    pub fn field_type_expr(
        &self,
        pkg: &str,
        owner: &str,
        field: &str,
    ) -> Option<(GoTypeExpr, String)> {
        let (decl, decl_pkg) = self.type_decl(pkg, owner)?;
        let GoTypeExpr::Struct { fields } = &decl.ty else {
            return None;
        };
        fields
            .iter()
            .find(|f| f.name == field)
            .map(|f| (f.ty.clone(), decl_pkg.clone()))
    }
}

/// Is `key_name` what [`FuncLoc::key`] names `func` (`Recv.name` or `name`)?
fn has_key_name(func: &GoFunc, key_name: &str) -> bool {
    match &func.recv {
        Some(r) => key_name
            .strip_prefix(r.as_str())
            .and_then(|rest| rest.strip_prefix('.'))
            .is_some_and(|n| n == func.name),
        None => key_name == func.name,
    }
}

/// The named type behind pointers.
pub fn named(t: &GoTypeExpr) -> Option<(&str, &str)> {
    match t {
        GoTypeExpr::Named { pkg, name, .. } => Some((pkg, name)),
        GoTypeExpr::Pointer { elem } => named(elem),
        _ => None,
    }
}

pub fn parent_dir(path: &str) -> &str {
    path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// Is `dir` inside `root` (both relative, `""` is the tree's root)?
pub fn is_within(dir: &str, root: &str) -> bool {
    root.is_empty() || dir == root || dir.strip_prefix(root).is_some_and(|r| r.starts_with('/'))
}
