//! `package.json` and `tsconfig.json` (JSON with comments), with spans.

use jsonc_parser::ast::{Object, Value};
use jsonc_parser::{CollectOptions, ParseOptions};

use crate::model::{Located, PackageJson, Problem, TsConfig};
use crate::source::LineIndex;

pub(super) fn parse<'a>(
    path: &str,
    text: &'a str,
    problems: &mut Vec<Problem>,
) -> Option<Value<'a>> {
    match jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &ParseOptions::default()) {
        Ok(r) => r.value,
        Err(e) => {
            let r = e.range();
            problems.push(Problem {
                message: format!("invalid JSON: {}", e.kind()),
                origin: LineIndex::new(path, text.as_bytes()).origin(r.start as u32, r.end as u32),
            });
            None
        }
    }
}

fn string_props(obj: &Object) -> Vec<(String, String, (usize, usize))> {
    obj.properties
        .iter()
        .filter_map(|p| {
            let s = p.value.as_string_lit()?;
            Some((
                p.name.as_str().to_string(),
                s.value.to_string(),
                (s.range.start, s.range.end),
            ))
        })
        .collect()
}

pub fn package_json(path: &str, text: &str, problems: &mut Vec<Problem>) -> PackageJson {
    let mut out = PackageJson::default();
    let Some(Value::Object(root)) = parse(path, text, problems) else {
        return out;
    };
    let idx = LineIndex::new(path, text.as_bytes());
    out.name = root.get_string("name").map(|s| s.value.to_string());
    out.version = root.get_string("version").map(|s| Located {
        value: s.value.to_string(),
        origin: idx.origin(s.range.start as u32, s.range.end as u32),
    });
    out.private =
        matches!(root.get("private").map(|p| &p.value), Some(Value::BooleanLit(b)) if b.value);
    out.entries = entries(&root);
    for key in ["dependencies", "devDependencies", "peerDependencies"] {
        if let Some(deps) = root.get_object(key) {
            for (name, range, (s, e)) in string_props(deps) {
                out.dependencies.push((
                    name,
                    Located {
                        value: range,
                        origin: idx.origin(s as u32, e as u32),
                    },
                ));
            }
        }
    }
    out
}

pub fn tsconfig(path: &str, text: &str, problems: &mut Vec<Problem>) -> TsConfig {
    let mut out = TsConfig::default();
    let Some(Value::Object(root)) = parse(path, text, problems) else {
        return out;
    };
    let Some(opts) = root.get_object("compilerOptions") else {
        return out;
    };
    out.base_url = opts.get_string("baseUrl").map(|s| s.value.to_string());
    if let Some(paths) = opts.get_object("paths") {
        for p in &paths.properties {
            let targets = match &p.value {
                Value::Array(a) => a
                    .elements
                    .iter()
                    .filter_map(|e| e.as_string_lit().map(|s| s.value.to_string()))
                    .collect(),
                _ => Vec::new(),
            };
            out.paths.push((p.name.as_str().to_string(), targets));
        }
    }
    out
}

/// Every path `exports`, `main`, `module`, `types` and `typings` name,
/// in the order written, without duplicates.
fn entries(root: &Object) -> Vec<String> {
    fn leaves(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::StringLit(s) => {
                let s = s.value.to_string();
                if !out.contains(&s) {
                    out.push(s);
                }
            }
            Value::Object(o) => o.properties.iter().for_each(|p| leaves(&p.value, out)),
            Value::Array(a) => a.elements.iter().for_each(|e| leaves(e, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for key in ["exports", "main", "module", "types", "typings"] {
        if let Some(v) = root.get(key) {
            leaves(&v.value, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_versions_with_positions() {
        let text =
            "{\n  \"name\": \"web\",\n  \"dependencies\": {\n    \"vue\": \"^3.3.4\"\n  }\n}\n";
        let mut p = Vec::new();
        let pkg = package_json("package.json", text, &mut p);
        assert!(p.is_empty());
        let (name, v) = &pkg.dependencies[0];
        assert_eq!(
            (name.as_str(), v.value.as_str(), v.origin.line),
            ("vue", "^3.3.4", 4)
        );
    }

    #[test]
    fn tsconfig_paths_with_comments() {
        let text = "{ // c\n \"compilerOptions\": { \"baseUrl\": \".\", \"paths\": { \"@/*\": [\"src/*\"] } } }";
        let mut p = Vec::new();
        let c = tsconfig("tsconfig.json", text, &mut p);
        assert_eq!(
            c.paths,
            vec![("@/*".to_string(), vec!["src/*".to_string()])]
        );
    }

    #[test]
    fn broken_json_is_a_problem() {
        let mut p = Vec::new();
        package_json("package.json", "{ \"name\": ", &mut p);
        assert_eq!(p.len(), 1);
    }
}
