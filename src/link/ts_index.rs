//! An index of the TS/JS modules of the tree: import resolution (relative
//! paths, tsconfig `paths`, the `@/` convention), exports, bindings, and
//! the package each module belongs to (`.env` files, dev proxies).

use std::collections::HashMap;

use super::go_index::{is_within, parent_dir};
use crate::model::{
    DevProxy, EnvFile, ExportTarget, FileFacts, Imported, Manifest, Origin, PackageJson,
    ScriptModule, TsConfig, TsTypeDecl, Value,
};

/// What a name refers to across modules.
#[derive(Clone, Copy, Debug)]
pub enum Target<'a> {
    /// A value (a binding, or a property of an object binding) of a module.
    Value {
        module: &'a str,
        value: &'a Value,
        origin: &'a Origin,
    },
    /// The default export of the `axios` package.
    Axios,
    /// `import * as api from './api'`.
    Namespace(&'a str),
}

pub struct TsIndex<'a> {
    modules: HashMap<&'a str, &'a ScriptModule>,
    packages: Vec<(&'a str, &'a PackageJson)>,
    tsconfigs: Vec<(&'a str, &'a TsConfig)>,
    envs: Vec<(&'a str, &'a EnvFile)>,
    proxies: Vec<(&'a str, &'a DevProxy)>,
}

const EXTENSIONS: &[&str] = &[
    ".ts", ".tsx", ".js", ".jsx", ".mjs", ".mts", ".cjs", ".vue", ".d.ts",
];

impl<'a> TsIndex<'a> {
    pub fn build(all: &'a [FileFacts]) -> Self {
        let mut ix = TsIndex {
            modules: HashMap::new(),
            packages: Vec::new(),
            tsconfigs: Vec::new(),
            envs: Vec::new(),
            proxies: Vec::new(),
        };
        for f in all {
            let dir = parent_dir(&f.path);
            if let Some(m) = &f.script {
                ix.modules.insert(&f.path, m);
                for p in &m.dev_proxy {
                    ix.proxies.push((dir, p));
                }
            }
            match &f.manifest {
                Some(Manifest::PackageJson(p)) => ix.packages.push((dir, p)),
                Some(Manifest::TsConfig(t)) => ix.tsconfigs.push((dir, t)),
                Some(Manifest::Env(e)) => ix.envs.push((dir, e)),
                _ => {}
            }
        }
        let deepest = |a: &&str, b: &&str| b.len().cmp(&a.len()).then(a.cmp(b));
        ix.packages.sort_by(|a, b| deepest(&a.0, &b.0));
        ix.tsconfigs.sort_by(|a, b| deepest(&a.0, &b.0));
        ix
    }

    /// The index's own key for a module path (so lifetimes line up).
    pub fn module_key(&self, path: &str) -> Option<&'a str> {
        self.modules.get_key_value(path).map(|(k, _)| *k)
    }

    /// Every module, in path order.
    pub fn modules(&self) -> Vec<(&'a str, &'a ScriptModule)> {
        let mut v: Vec<(&'a str, &'a ScriptModule)> =
            self.modules.iter().map(|(k, m)| (*k, *m)).collect();
        v.sort_by_key(|(k, _)| *k);
        v
    }

    pub fn module(&self, path: &str) -> Option<&'a ScriptModule> {
        self.modules.get(path).copied()
    }

    /// Directory of the package (nearest `package.json`) a file belongs to.
    pub fn package_dir(&self, path: &str) -> Option<&'a str> {
        let dir = parent_dir(path);
        self.packages
            .iter()
            .find(|(d, _)| is_within(dir, d))
            .map(|(d, _)| *d)
    }

    /// Dev-server proxy rules of the package a file belongs to.
    pub fn proxies(&self, path: &str) -> Vec<&'a DevProxy> {
        let pkg = self.package_dir(path).unwrap_or("");
        self.proxies
            .iter()
            .filter(|(d, _)| *d == pkg)
            .map(|(_, p)| *p)
            .collect()
    }

    /// An environment variable as the dev server sees it: `.env.development`
    /// over `.env`, then other modes.
    pub fn env(&self, path: &str, name: &str) -> Option<&'a str> {
        let pkg = self.package_dir(path).unwrap_or("");
        let rank = |e: &EnvFile| match e.mode.as_deref() {
            Some("development") => 0,
            None => 1,
            Some("production") => 2,
            Some(_) => 3,
        };
        let mut files: Vec<&&EnvFile> = self
            .envs
            .iter()
            .filter(|(d, _)| *d == pkg)
            .map(|(_, e)| e)
            .collect();
        files.sort_by_key(|e| rank(e));
        files.into_iter().find_map(|e| {
            e.vars
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        })
    }

    /// The module an import specifier refers to, if it is in the tree.
    pub fn resolve_import(&self, from: &str, spec: &str) -> Option<&'a str> {
        let base = parent_dir(from);
        let mut candidates: Vec<String> = Vec::new();
        if spec.starts_with("./") || spec.starts_with("../") || spec == "." || spec == ".." {
            candidates.push(normalize(&format!("{base}/{spec}")));
        } else if spec.starts_with('/') {
            candidates.push(normalize(spec));
        } else {
            for (dir, ts) in self.tsconfigs.iter().filter(|(d, _)| is_within(base, d)) {
                let root = match &ts.base_url {
                    Some(b) => normalize(&format!("{dir}/{b}")),
                    None => dir.to_string(),
                };
                for (pattern, targets) in &ts.paths {
                    let prefix = pattern.trim_end_matches('*');
                    let Some(rest) = spec.strip_prefix(prefix) else {
                        continue;
                    };
                    if !pattern.ends_with('*') && !rest.is_empty() {
                        continue;
                    }
                    for t in targets {
                        let t = t.trim_end_matches('*');
                        candidates.push(normalize(&format!("{root}/{t}{rest}")));
                    }
                }
            }
            for alias in ["@/", "~/", "@@/"] {
                if let Some(rest) = spec.strip_prefix(alias) {
                    let pkg = self.package_dir(from).unwrap_or("");
                    candidates.push(normalize(&format!("{pkg}/src/{rest}")));
                }
            }
        }
        for c in candidates {
            if let Some(found) = self.find_file(&c) {
                return Some(found);
            }
        }
        None
    }

    fn find_file(&self, stem: &str) -> Option<&'a str> {
        let get = |p: &str| self.modules.get_key_value(p).map(|(k, _)| *k);
        if let Some(f) = get(stem) {
            return Some(f);
        }
        // `./x.js` written for `x.ts` (TS ESM style).
        let bare = stem.strip_suffix(".js").unwrap_or(stem);
        for ext in EXTENSIONS {
            if let Some(f) = get(&format!("{bare}{ext}")) {
                return Some(f);
            }
        }
        for ext in EXTENSIONS {
            if let Some(f) = get(&format!("{stem}/index{ext}")) {
                return Some(f);
            }
        }
        None
    }

    /// What `name` means in `module` (its own binding or an import).
    pub fn lookup(&self, module: &'a str, name: &str, depth: u32) -> Option<Target<'a>> {
        if depth > 12 {
            return None;
        }
        let m = self.module(module)?;
        if let Some(b) = m.bindings.iter().rev().find(|b| b.name == name) {
            return Some(Target::Value {
                module,
                value: &b.value,
                origin: &b.origin,
            });
        }
        let imp = m.imports.iter().find(|i| i.local == name)?;
        if imp.source == "axios" {
            return matches!(imp.imported, Imported::Default | Imported::Namespace)
                .then_some(Target::Axios);
        }
        let target = self.resolve_import(module, &imp.source)?;
        match &imp.imported {
            Imported::Default => self.export(target, "default", depth + 1),
            Imported::Named(n) => self.export(target, n, depth + 1),
            Imported::Namespace => Some(Target::Namespace(target)),
        }
    }

    /// What `module` exports under `name`.
    pub fn export(&self, module: &'a str, name: &str, depth: u32) -> Option<Target<'a>> {
        if depth > 12 {
            return None;
        }
        let m = self.module(module)?;
        for e in m.exports.iter().filter(|e| e.name == name) {
            let found = match &e.target {
                ExportTarget::Local { name } => self.lookup(module, name, depth + 1),
                ExportTarget::Reexport { source, name } => {
                    if source == "axios" && name == "default" {
                        return Some(Target::Axios);
                    }
                    let t = self.resolve_import(module, source)?;
                    if name == "*" {
                        Some(Target::Namespace(t))
                    } else {
                        self.export(t, name, depth + 1)
                    }
                }
                ExportTarget::All { .. } => None,
            };
            if found.is_some() {
                return found;
            }
        }
        if name != "default" {
            for e in &m.exports {
                if let ExportTarget::All { source } = &e.target {
                    if let Some(t) = self.resolve_import(module, source) {
                        if let Some(found) = self.export(t, name, depth + 1) {
                            return Some(found);
                        }
                    }
                }
            }
        }
        None
    }

    /// Follows a member path from a target: namespace members, object
    /// properties, aliases. Returns the module and value reached, or the
    /// remaining path when it stops at a client.
    pub fn follow(
        &self,
        target: Target<'a>,
        path: &[String],
        depth: u32,
    ) -> Option<(Target<'a>, Vec<String>)> {
        if depth > 12 {
            return None;
        }
        match target {
            Target::Namespace(m) => {
                let (first, rest) = path.split_first()?;
                let t = self.export(m, first, depth + 1)?;
                self.follow(t, rest, depth + 1)
            }
            Target::Value { module, value, .. } => match value {
                Value::Ref { name, path: p } => {
                    let t = self.lookup(module, name, depth + 1)?;
                    let mut full = p.clone();
                    full.extend(path.iter().cloned());
                    self.follow(t, &full, depth + 1)
                }
                Value::Object { props, .. } if !path.is_empty() => {
                    let prop = props.iter().find(|p| p.key == path[0])?;
                    let t = Target::Value {
                        module,
                        value: &prop.value,
                        origin: &prop.origin,
                    };
                    self.follow(t, &path[1..], depth + 1)
                }
                _ => Some((target, path.to_vec())),
            },
            Target::Axios => Some((target, path.to_vec())),
        }
    }
}

impl<'a> TsIndex<'a> {
    /// The declaration a type name refers to in `module`: declared there,
    /// imported (also `import type`), or re-exported. `api.User` reads the
    /// namespace import `api`.
    pub fn type_decl(
        &self,
        module: &'a str,
        name: &str,
        depth: u32,
    ) -> Option<(&'a str, &'a TsTypeDecl)> {
        if depth > 12 {
            return None;
        }
        let m = self.module(module)?;
        if let Some((ns, member)) = name.split_once('.') {
            let imp = m
                .imports
                .iter()
                .find(|i| i.local == ns && i.imported == Imported::Namespace)?;
            let target = self.resolve_import(module, &imp.source)?;
            return self.exported_type(target, member, depth + 1);
        }
        if let Some(d) = m.types.iter().find(|t| t.name == name) {
            return Some((module, d));
        }
        let imp = m.imports.iter().find(|i| i.local == name)?;
        let target = self.resolve_import(module, &imp.source)?;
        match &imp.imported {
            Imported::Named(n) => self.exported_type(target, n, depth + 1),
            Imported::Default => self.exported_type(target, "default", depth + 1),
            Imported::Namespace => None,
        }
    }

    fn exported_type(
        &self,
        module: &'a str,
        name: &str,
        depth: u32,
    ) -> Option<(&'a str, &'a TsTypeDecl)> {
        if depth > 12 {
            return None;
        }
        let m = self.module(module)?;
        for e in m.exports.iter().filter(|e| e.name == name) {
            let found = match &e.target {
                ExportTarget::Local { name } => self.type_decl(module, name, depth + 1),
                ExportTarget::Reexport { source, name } => {
                    let t = self.resolve_import(module, source)?;
                    self.exported_type(t, name, depth + 1)
                }
                ExportTarget::All { .. } => None,
            };
            if found.is_some() {
                return found;
            }
        }
        for e in &m.exports {
            if let ExportTarget::All { source } = &e.target {
                if let Some(t) = self.resolve_import(module, source) {
                    if let Some(found) = self.exported_type(t, name, depth + 1) {
                        return Some(found);
                    }
                }
            }
        }
        None
    }
}

/// Resolves `.` and `..` in a relative path.
pub fn normalize(p: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            x => out.push(x),
        }
    }
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalizes() {
        assert_eq!(
            normalize("web/src/api/../utils/./http"),
            "web/src/utils/http"
        );
        assert_eq!(normalize("/src/x"), "src/x");
    }
}
