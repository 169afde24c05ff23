//! Vue and TS items of the surface: every component's props, emits,
//! models and exposed members (`<file>#<name>`, the file relative to its
//! npm package), with imported prop types resolved; and the exports of a
//! package's entry points (`package.json` `exports` / `main` / `module` /
//! `types`), re-exports followed (`<entry>#<name>`, members
//! `<entry>#<Type>.<member>`).

use std::collections::BTreeSet;

use super::units::{id, unit_of};
use crate::link::{Analysis, TsIndex};
use crate::model::{
    ApiItem, ApiKind, ApiLang, ExportTarget, Manifest, TsDecl, TsDeclKind, Unit, UnitKind, VueProp,
};

fn rel<'p>(path: &'p str, dir: &str) -> &'p str {
    if dir.is_empty() {
        path
    } else {
        path.strip_prefix(dir)
            .map(|p| p.trim_start_matches('/'))
            .unwrap_or(path)
    }
}

/// The declarations of a module (from its surface facts).
fn decls<'a>(a: &'a Analysis, path: &str) -> &'a [TsDecl] {
    a.file(path)
        .and_then(|f| f.surface.as_ref())
        .map(|s| s.ts.as_slice())
        .unwrap_or(&[])
}

/// The declaration `name` exported by `module`, following re-exports.
fn exported<'a>(
    a: &'a Analysis,
    ix: &TsIndex<'a>,
    module: &str,
    name: &str,
    depth: u32,
) -> Option<&'a TsDecl> {
    if depth > 8 {
        return None;
    }
    if let Some(d) = decls(a, module)
        .iter()
        .find(|d| d.exported && d.name == name)
    {
        return Some(d);
    }
    let m = ix.module(module)?;
    for e in m
        .exports
        .iter()
        .filter(|e| e.name == name || matches!(e.target, ExportTarget::All { .. }))
    {
        match &e.target {
            ExportTarget::Local { name: local } => {
                if let Some(d) = decls(a, module).iter().find(|d| &d.name == local) {
                    return Some(d);
                }
            }
            ExportTarget::Reexport { source, name: orig } => {
                let target = ix.resolve_import(module, source)?;
                if let Some(d) = exported(a, ix, target, orig, depth + 1) {
                    return Some(d);
                }
            }
            ExportTarget::All { source } => {
                if let Some(target) = ix.resolve_import(module, source) {
                    if let Some(d) = exported(a, ix, target, name, depth + 1) {
                        return Some(d);
                    }
                }
            }
        }
    }
    None
}

/// Every exported name of a module, following `export *`.
fn export_names(a: &Analysis, ix: &TsIndex, module: &str, depth: u32, out: &mut BTreeSet<String>) {
    if depth > 8 {
        return;
    }
    for d in decls(a, module).iter().filter(|d| d.exported) {
        out.insert(d.name.clone());
    }
    let Some(m) = ix.module(module) else { return };
    for e in &m.exports {
        match &e.target {
            ExportTarget::All { source } => {
                if let Some(t) = ix.resolve_import(module, source) {
                    export_names(a, ix, t, depth + 1, out);
                }
            }
            _ => {
                out.insert(e.name.clone());
            }
        }
    }
}

fn kind_of(k: TsDeclKind) -> ApiKind {
    match k {
        TsDeclKind::Function => ApiKind::Func,
        TsDeclKind::Class => ApiKind::Class,
        TsDeclKind::Interface => ApiKind::Interface,
        TsDeclKind::TypeAlias => ApiKind::TypeAlias,
        TsDeclKind::Const => ApiKind::Const,
        TsDeclKind::Enum => ApiKind::Enum,
    }
}

/// The source module of an entry point written for the built output
/// (`./dist/index.js` → `src/index.ts`).
fn entry_module<'a>(ix: &TsIndex<'a>, manifest: &str, entry: &str) -> Option<&'a str> {
    let e = entry.trim_start_matches("./");
    let stem = e
        .strip_suffix(".d.ts")
        .or_else(|| e.strip_suffix(".d.mts"))
        .or_else(|| e.strip_suffix(".mjs"))
        .or_else(|| e.strip_suffix(".cjs"))
        .or_else(|| e.strip_suffix(".js"))
        .unwrap_or(e);
    let mut candidates = vec![format!("./{e}"), format!("./{stem}")];
    for built in ["dist/", "lib/", "build/", "out/", "esm/", "cjs/"] {
        if let Some(rest) = stem.strip_prefix(built) {
            candidates.push(format!("./src/{rest}"));
        }
    }
    candidates
        .iter()
        .find_map(|c| ix.resolve_import(manifest, c))
}

pub fn items(a: &Analysis, units: &[Unit], out: &mut Vec<ApiItem>) {
    let ix = TsIndex::build(&a.files);
    for f in &a.files {
        let Some(c) = f.surface.as_ref().and_then(|s| s.vue.as_ref()) else {
            continue;
        };
        let Some(u) = unit_of(units, UnitKind::Npm, &f.path) else {
            continue;
        };
        let base = rel(&f.path, &u.dir);
        let mut props = c.props.clone();
        if let Some(t) = &c.props_type {
            let decl = ix
                .resolve_import(&f.path, &t.source)
                .and_then(|m| exported(a, &ix, m, &t.name, 0));
            for m in decl.map(|d| d.members.as_slice()).unwrap_or(&[]) {
                let mut p = VueProp::from_member(m);
                p.default = c.defaults.contains(&p.name);
                props.push(p);
            }
        }
        let push = |out: &mut Vec<ApiItem>, kind, name: &str, sig: String, origin| {
            let mut it = ApiItem::new(ApiLang::Vue, kind, format!("{base}#{name}"), sig).at(origin);
            it.unit = id(u);
            out.push(it);
            out.len() - 1
        };
        for p in &props {
            let i = push(out, ApiKind::Prop, &p.name, p.types.join(" | "), &p.origin);
            if p.required {
                out[i].flags.push("required".into());
            }
            if p.default {
                out[i].flags.push("default".into());
            }
        }
        for e in &c.emits {
            push(
                out,
                ApiKind::Emit,
                &e.name,
                e.payload.clone().unwrap_or_else(|| "*".into()),
                &e.origin,
            );
        }
        for m in &c.models {
            let i = push(out, ApiKind::Model, &m.name, m.types.join(" | "), &m.origin);
            if m.required {
                out[i].flags.push("required".into());
            }
        }
        for e in &c.exposes {
            push(out, ApiKind::Expose, &e.name, String::new(), &e.origin);
        }
    }
    for u in units.iter().filter(|u| u.kind == UnitKind::Npm) {
        let manifest = if u.dir.is_empty() {
            "package.json".to_string()
        } else {
            format!("{}/package.json", u.dir)
        };
        let entries = match a.file(&manifest).and_then(|f| f.manifest.as_ref()) {
            Some(Manifest::PackageJson(p)) => p.entries.clone(),
            _ => continue,
        };
        let mut modules = BTreeSet::new();
        for e in &entries {
            if let Some(m) = entry_module(&ix, &manifest, e) {
                modules.insert(m);
            }
        }
        for m in modules {
            let entry = rel(m, &u.dir);
            let mut names = BTreeSet::new();
            export_names(a, &ix, m, 0, &mut names);
            for name in names {
                let Some(d) = exported(a, &ix, m, &name, 0) else {
                    continue;
                };
                let mut it = ApiItem::new(
                    ApiLang::Ts,
                    kind_of(d.kind),
                    format!("{entry}#{name}"),
                    d.sig.clone(),
                )
                .at(&d.origin);
                it.unit = id(u);
                out.push(it);
                for mem in &d.members {
                    let mut it = ApiItem::new(
                        ApiLang::Ts,
                        ApiKind::Member,
                        format!("{entry}#{name}.{}", mem.name),
                        mem.sig.clone(),
                    )
                    .at(&mem.origin);
                    it.unit = id(u);
                    if mem.optional {
                        it.flags.push("optional".into());
                    }
                    out.push(it);
                }
            }
        }
    }
}
