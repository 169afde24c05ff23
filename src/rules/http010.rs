//! HTTP010 servemux-pattern-needs-go-1.22: a net/http ServeMux pattern with
//! a method (`"GET /items"`), a `{wildcard}` or `{$}` in a module whose
//! ServeMux keeps its Go 1.21 behaviour: the `go` line of go.mod is below
//! 1.22 (or missing, which means 1.16), or `GODEBUG=httpmuxgo121=1` is set
//! by a `godebug` line or a `//go:debug` directive of a main package. The
//! old mux reads the pattern as a literal path and the route 404s. An
//! explicit `httpmuxgo121=0` turns the new syntax on whatever the `go` line.

use std::collections::BTreeSet;

use super::{Context, Rule};
use crate::findings::Finding;
use crate::model::{Framework, GoDirective, GoMod, GoVersion, Manifest, Origin};

pub struct ServeMuxPatternNeedsGo122;

/// What a pattern uses of the Go 1.22 syntax: a method, wildcards, `{$}`.
pub fn new_syntax(pattern: &str) -> Vec<&'static str> {
    let p = pattern.trim();
    let mut out = Vec::new();
    let rest = match p.split_once([' ', '\t']) {
        Some((m, rest)) if !m.is_empty() && !m.contains('/') => {
            out.push("a method");
            rest.trim_start()
        }
        _ => p,
    };
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    for seg in path.split('/') {
        let what = if seg == "{$}" {
            "`{$}`"
        } else if seg.len() > 2 && seg.starts_with('{') && seg.ends_with('}') {
            "a `{wildcard}`"
        } else {
            continue;
        };
        if !out.contains(&what) {
            out.push(what);
        }
    }
    out
}

/// Why a module's ServeMux keeps the Go 1.21 behaviour, where it says so,
/// and what that place does.
fn old_mux(cx: &Context, module: &str) -> Option<(String, Origin, &'static str)> {
    let a = cx.analysis;
    let path = if module.is_empty() {
        "go.mod".to_string()
    } else {
        format!("{module}/go.mod")
    };
    let file = a.file(&path)?;
    let Some(Manifest::GoMod(m)) = &file.manifest else {
        return None;
    };
    let setting = |d: &GoDirective| (d.key == "httpmuxgo121").then(|| d.value.trim() == "1");
    // `//go:debug` of a main package wins over go.mod, which wins over the go line.
    let mut main_dirs: Vec<&GoDirective> = Vec::new();
    for f in &a.files {
        if let Some(go) = &f.go {
            if go.package == "main" && !go.is_test && a.net.module_of(&f.path) == Some(module) {
                main_dirs.extend(go.go_debug.iter().filter(|d| setting(d).is_some()));
            }
        }
    }
    if let Some(d) = main_dirs.iter().find(|d| setting(d) == Some(true)) {
        return Some((
            "a `//go:debug httpmuxgo121=1` directive turns the Go 1.21 ServeMux back on".into(),
            d.origin.clone(),
            "sets GODEBUG httpmuxgo121=1 for the binary built from this main package",
        ));
    }
    if !main_dirs.is_empty() {
        return None;
    }
    if let Some(d) = m.godebug.iter().rev().find(|d| setting(d).is_some()) {
        return (setting(d) == Some(true)).then(|| {
            (
                "go.mod's `godebug httpmuxgo121=1` turns the Go 1.21 ServeMux back on".into(),
                d.origin.clone(),
                "sets GODEBUG httpmuxgo121=1 for every binary of the module",
            )
        });
    }
    go_line(m, &file.path)
}

fn go_line(m: &GoMod, path: &str) -> Option<(String, Origin, &'static str)> {
    match &m.go {
        None => Some((
            "go.mod has no `go` line, which means go 1.16: ServeMux keeps its Go 1.21 behaviour"
                .into(),
            m.module
                .as_ref()
                .map_or_else(|| Origin::file(path), |l| l.origin.clone()),
            "no `go` line: GODEBUG httpmuxgo121 defaults to 1",
        )),
        Some(l) => {
            let v = GoVersion::parse(&l.value)?;
            (v.language() < GoVersion::new(1, 22)).then(|| {
                (
                    format!(
                        "go.mod says `go {}`, so ServeMux keeps its Go 1.21 behaviour",
                        l.value
                    ),
                    l.origin.clone(),
                    "below go 1.22, GODEBUG httpmuxgo121 defaults to 1",
                )
            })
        }
    }
}

impl Rule for ServeMuxPatternNeedsGo122 {
    fn id(&self) -> &'static str {
        "HTTP010"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let mut seen = BTreeSet::new();
        // Per module: every endpoint of a module has the same answer, and
        // finding it reads every file of the tree.
        let mut old_muxes: std::collections::BTreeMap<
            &str,
            Option<(String, Origin, &'static str)>,
        > = Default::default();
        for e in &cx.analysis.endpoints {
            if e.framework != Framework::NetHttp || !seen.insert(e.origin.clone()) {
                continue;
            }
            let uses = new_syntax(&e.pattern);
            let Some(module) = e.module_dir.as_deref() else {
                continue;
            };
            if uses.is_empty() {
                continue;
            }
            let Some((why, at, what)) = old_muxes
                .entry(module)
                .or_insert_with(|| old_mux(cx, module))
                .clone()
            else {
                continue;
            };
            out.push(
                cx.finding(
                    self.id(),
                    &e.origin,
                    format!(
                        "the pattern \"{}\" uses Go 1.22 ServeMux syntax ({}), but {why}: the old mux takes the pattern as a literal path, so the route never matches and its requests get 404",
                        e.pattern,
                        uses.join(", "),
                    ),
                )
                .key(e.pattern.clone())
                .related(&at, what)
                .help("set `go 1.22` or later in go.mod (`go mod edit -go=1.22`) and drop `httpmuxgo121=1`, or register the route without a method or wildcards and check them in the handler"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{go_line, new_syntax};
    use crate::model::{GoMod, Located, Origin};

    fn go_mod(go: Option<&str>) -> GoMod {
        GoMod {
            go: go.map(|v| Located {
                value: v.into(),
                origin: Origin::file("go.mod"),
            }),
            ..Default::default()
        }
    }

    #[test]
    fn go_lines_below_1_22_or_missing_keep_the_old_mux() {
        for (v, old) in [
            (Some("1.21"), true),
            (Some("1.21.13"), true),
            (None, true),
            (Some("1.22"), false),
            (Some("1.22rc1"), false),
            (Some("1.22.0"), false),
            (Some("1.23.4"), false),
        ] {
            assert_eq!(go_line(&go_mod(v), "go.mod").is_some(), old, "{v:?}");
        }
    }

    #[test]
    fn go_122_pattern_features() {
        assert_eq!(
            new_syntax("GET /items/{id}"),
            vec!["a method", "a `{wildcard}`"]
        );
        assert_eq!(new_syntax("/files/{path...}"), vec!["a `{wildcard}`"]);
        assert_eq!(new_syntax("/{$}"), vec!["`{$}`"]);
        assert_eq!(new_syntax("example.com/{id}"), vec!["a `{wildcard}`"]);
        assert!(new_syntax("/static/").is_empty());
        assert!(new_syntax("/a{b}").is_empty());
        assert!(new_syntax("/{}").is_empty());
    }
}
