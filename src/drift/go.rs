//! Go items of the surface: the exported API of every importable package
//! (not `main`, not under `internal/` or `testdata/`), named
//! `<package dir>.<name>` relative to the module; cgo exports and layouts of
//! every package. Signatures name the module's own packages `~/dir.T`
//! (`~.T` for the root package), so a `/vN` module path change does not
//! read as a change of every signature.

use super::units::{id, unit_of};
use crate::link::Analysis;
use crate::model::{ApiItem, ApiLang, Unit, UnitKind};

fn importable(rel: &str, package: &str) -> bool {
    package != "main"
        && !rel.split('/').any(|s| {
            s == "internal"
                || s == "testdata"
                || s.starts_with('_')
                || (s.starts_with('.') && s != ".")
        })
}

/// `sig` with the module path replaced by `~`.
pub fn relativize(sig: &str, module: &str) -> String {
    if module.is_empty() {
        return sig.to_string();
    }
    sig.replace(&format!("{module}/"), "~/")
        .replace(&format!("{module}."), "~.")
}

/// `Name` in the module's root package, `dir/sub.Name` elsewhere.
fn qualify(rel: &str, name: &str) -> String {
    if rel == "." {
        name.to_string()
    } else {
        format!("{rel}.{name}")
    }
}

/// The import path of an item's package and its name in it, for messages:
/// `example.com/geo/sub.Name`.
pub fn display(module: &str, name: &str) -> String {
    if module.is_empty() {
        return name.to_string();
    }
    // A package directory has a `/` or starts lowercase; an item of the
    // root package starts with its exported (uppercase) name.
    match name.split_once('.') {
        Some((pkg, rest))
            if pkg.contains('/') || pkg.chars().next().is_some_and(|c| !c.is_uppercase()) =>
        {
            format!("{module}/{pkg}.{rest}")
        }
        _ => format!("{module}.{name}"),
    }
}

pub fn items(a: &Analysis, units: &[Unit], out: &mut Vec<ApiItem>) {
    for f in &a.files {
        let (Some(go), Some(s)) = (&f.go, &f.surface) else {
            continue;
        };
        if go.is_test {
            continue;
        }
        let Some(module) = unit_of(units, UnitKind::GoModule, &f.path) else {
            continue;
        };
        let rel = go
            .dir
            .strip_prefix(module.dir.as_str())
            .unwrap_or(&go.dir)
            .trim_start_matches('/');
        let rel = if rel.is_empty() { "." } else { rel };
        let ok = importable(rel, &go.package);
        for item in &s.items {
            let mut it = item.clone();
            it.unit = id(module);
            it.sig = relativize(&it.sig, &module.name);
            match it.lang {
                ApiLang::Go if ok => it.name = qualify(rel, &it.name),
                ApiLang::CLayout => it.name = qualify(rel, &it.name),
                ApiLang::CExport => {}
                _ => continue,
            }
            out.push(it);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_paths_become_relative() {
        assert_eq!(
            relativize(
                "func(*example.com/shop/v2/pkg/x.T) example.com/shop/v2.U",
                "example.com/shop/v2"
            ),
            "func(*~/pkg/x.T) ~.U"
        );
        assert!(importable("pkg/x", "x"));
        assert!(!importable("internal/x", "x"));
        assert!(!importable(".", "main"));
        assert!(importable(".", "geo"));
        assert!(!importable(".hidden/x", "x"));
    }
}
