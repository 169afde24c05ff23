//! Shared by the integration tests that compare with Go: reads the text
//! `go version -m FILE` prints, independently of seam's own decoder, and
//! checks `seam inspect --format json` against it field by field.

use serde_json::Value;

/// `go version -m` output for one file.
#[derive(Debug, Default, PartialEq)]
pub struct GoVersionM {
    pub file: String,
    pub go_version: String,
    pub path: Option<String>,
    /// `mod` columns: path, version, sum.
    pub main: Option<Vec<String>>,
    /// `dep` columns, and the `=>` columns that follow a replaced one.
    pub deps: Vec<(Vec<String>, Option<Vec<String>>)>,
    /// `build` lines as unquoted key, value.
    pub settings: Vec<(String, String)>,
}

/// Parses one file's block; panics on a line it does not know, so nothing
/// `go` prints goes unchecked.
pub fn parse(text: &str) -> GoVersionM {
    let mut lines = text.lines();
    let header = lines.next().expect("a header line");
    let (file, version) = header.rsplit_once(": ").expect("FILE: VERSION");
    let mut out = GoVersionM {
        file: file.into(),
        go_version: version.into(),
        ..GoVersionM::default()
    };
    let cols = |s: &str| s.split('\t').map(String::from).collect::<Vec<_>>();
    for line in lines {
        let line = line
            .strip_prefix('\t')
            .unwrap_or_else(|| panic!("not tab-indented: {line:?}"));
        if line.is_empty() {
            continue; // Go's blank line after a replacement
        } else if let Some(p) = line.strip_prefix("path\t") {
            out.path = Some(p.into());
        } else if let Some(m) = line.strip_prefix("mod\t") {
            out.main = Some(cols(m));
        } else if let Some(d) = line.strip_prefix("dep\t") {
            out.deps.push((cols(d), None));
        } else if let Some(r) = line.strip_prefix("=>\t") {
            out.deps.last_mut().expect("a dep before =>").1 = Some(cols(r));
        } else if let Some(kv) = line.strip_prefix("build\t") {
            let (key, value) = kv.split_once('=').expect("key=value");
            out.settings.push((key.into(), unquote(value)));
        } else {
            panic!("unknown line {line:?}");
        }
    }
    out
}

/// Build setting values are Go-quoted when they hold spaces or quotes; JSON
/// string syntax covers the escapes such values use.
fn unquote(value: &str) -> String {
    if value.starts_with('"') {
        serde_json::from_str(value).unwrap_or_else(|e| panic!("{value}: {e}"))
    } else {
        value.to_string()
    }
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or("").to_string()
}

/// A module object of the JSON as `go version -m` columns.
fn module_cols(m: &Value) -> Vec<String> {
    let mut cols = vec![text(&m["path"]), text(&m["version"])];
    if m.get("replace").is_none() {
        cols.push(text(&m["sum"]));
    }
    cols
}

/// Asserts that one image's `go` object in seam's JSON says what `go version
/// -m` said, field by field.
pub fn assert_json_matches(go_json: &Value, expected: &GoVersionM, what: &str) {
    assert_eq!(
        text(&go_json["go_version"]),
        expected.go_version,
        "{what}: go_version"
    );
    assert_eq!(
        go_json["path"].as_str().map(String::from),
        expected.path,
        "{what}: path"
    );
    assert_eq!(
        go_json.get("main").map(module_cols),
        expected.main,
        "{what}: main"
    );
    let deps: Vec<(Vec<String>, Option<Vec<String>>)> = go_json["deps"]
        .as_array()
        .map(|deps| {
            deps.iter()
                .map(|d| {
                    let replace = d
                        .get("replace")
                        .map(|r| vec![text(&r["path"]), text(&r["version"]), text(&r["sum"])]);
                    (module_cols(d), replace)
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(deps, expected.deps, "{what}: deps");
    let settings: Vec<(String, String)> = go_json["settings"]
        .as_array()
        .map(|s| {
            s.iter()
                .map(|kv| (text(&kv["key"]), text(&kv["value"])))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(settings, expected.settings, "{what}: settings");
}
