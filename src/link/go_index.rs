//! An index of the Go facts of every module in the tree: which package a
//! file belongs to, functions and methods by name, constants, types.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{
    FileFacts, FuncKey, FuncRef, GoFile, GoFunc, GoMod, GoTypeDecl, GoTypeExpr, Manifest, PathExpr,
    Recv,
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
    pkg_of_file: HashMap<&'a str, Arc<str>>,
    funcs: HashMap<(String, String, String), FuncLoc<'a>>,
    methods_by_name: HashMap<&'a str, Vec<(String, String, String)>>,
    literals: HashMap<(&'a str, u32), FuncLoc<'a>>,
    by_key: HashMap<FuncKey, FuncLoc<'a>>,
    consts: HashMap<(String, String), (&'a PathExpr, String)>,
    types: HashMap<(String, String), (&'a GoTypeDecl, String)>,
    pub router_vars: HashMap<(String, String), (&'a crate::model::GoRouterVar, String)>,
    pub files: Vec<(&'a FileFacts, &'a GoFile, Arc<str>)>,
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
            pkg_of_file: HashMap::new(),
            funcs: HashMap::new(),
            methods_by_name: HashMap::new(),
            literals: HashMap::new(),
            by_key: HashMap::new(),
            consts: HashMap::new(),
            types: HashMap::new(),
            router_vars: HashMap::new(),
            files: Vec::new(),
        };
        for f in all {
            let Some(go) = &f.go else { continue };
            if go.is_test {
                continue;
            }
            let pkg: Arc<str> = ix.import_path(&go.dir, &go.package).into();
            ix.pkg_of_file.insert(&f.path, pkg.clone());
            ix.files.push((f, go, pkg));
        }
        let files = ix.files.clone();
        for (f, go, pkg) in &files {
            for func in &go.funcs {
                let loc = FuncLoc {
                    file: f,
                    go,
                    func,
                    pkg: pkg.clone(),
                };
                ix.by_key.insert(loc.key(), loc.clone());
                if let Some(off) = func.literal_at {
                    ix.literals.insert((f.path.as_str(), off), loc);
                    continue;
                }
                let key = (
                    pkg.to_string(),
                    func.recv.clone().unwrap_or_default(),
                    func.name.clone(),
                );
                if func.recv.is_some() {
                    ix.methods_by_name
                        .entry(func.name.as_str())
                        .or_default()
                        .push(key.clone());
                }
                ix.funcs.insert(key, loc);
            }
            for c in &go.consts {
                ix.consts.insert(
                    (pkg.to_string(), c.name.clone()),
                    (&c.value, pkg.to_string()),
                );
            }
            for t in &go.types {
                ix.types
                    .insert((pkg.to_string(), t.name.clone()), (t, pkg.to_string()));
            }
            for v in &go.router_vars {
                ix.router_vars
                    .insert((pkg.to_string(), v.name.clone()), (v, pkg.to_string()));
            }
        }
        for v in ix.methods_by_name.values_mut() {
            v.sort();
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
        self.funcs
            .get(&(pkg.to_string(), recv.to_string(), name.to_string()))
            .cloned()
    }

    /// A function by its key (file and name).
    pub fn by_key(&self, key: &FuncKey) -> Option<FuncLoc<'a>> {
        self.by_key.get(key).cloned()
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
        self.literals.get(&(path, offset)).cloned()
    }

    pub fn type_decl(&self, pkg: &str, name: &str) -> Option<(&'a GoTypeDecl, String)> {
        self.types
            .get(&(pkg.to_string(), name.to_string()))
            .map(|(t, p)| (*t, p.clone()))
    }

    /// A constant's value and the package its references are relative to.
    pub fn constant(&self, pkg: &str, name: &str) -> Option<(&'a PathExpr, String)> {
        self.consts
            .get(&(pkg.to_string(), name.to_string()))
            .map(|(v, p)| (*v, p.clone()))
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
                let start = keys.partition_point(|k| k.0.as_str() < current);
                let end = start + keys[start..].partition_point(|k| k.0 == current);
                self.unique_fit(&keys[start..end], accept).flatten()
            }
        }
    }

    /// `Some(Some(f))` when exactly one of `keys` fits, `Some(None)` when
    /// none does, `None` when several do (stops at the second: common
    /// method names have thousands of candidates in a big tree).
    fn unique_fit(
        &self,
        keys: &[(String, String, String)],
        accept: &dyn Fn(&GoFunc) -> bool,
    ) -> Option<Option<FuncLoc<'a>>> {
        let mut found = None;
        for f in keys.iter().filter_map(|k| self.funcs.get(k)) {
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
