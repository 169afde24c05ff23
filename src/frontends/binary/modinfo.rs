//! The module info text of Go build info: parsed like Go's
//! `runtime/debug.ParseBuildInfo`, rendered like `go version -m`.

use crate::model::{GoBuildInfo, GoBuildSetting, GoModule, GoModuleReplacement};

use super::goquote;

/// A line `debug.ParseBuildInfo` rejects; Go then reports no build info at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("could not parse Go build info: line {line}: {reason}")]
pub struct ModInfoError {
    pub line: usize,
    pub reason: String,
}

/// Which module an `=>` line replaces.
enum Last {
    None,
    Main,
    Dep(usize),
}

/// Parses the module info (already unframed) of a binary built with
/// `go_version`. Lines that are not `path`, `mod`, `dep`, `=>` or `build`
/// are skipped, as is a last line without a newline, as Go does.
pub fn parse(go_version: &str, text: &str) -> Result<GoBuildInfo, ModInfoError> {
    let mut info = GoBuildInfo {
        go_version: go_version.to_string(),
        ..GoBuildInfo::default()
    };
    let mut last = Last::None;
    let mut main_line = None;
    let mut lines = text.split('\n');
    // The piece after the last '\n' is not a line.
    lines.next_back();
    for (i, line) in lines.enumerate() {
        let fail = |reason: String| ModInfoError {
            line: i + 1,
            reason,
        };
        if let Some(path) = line.strip_prefix("path\t") {
            info.path = Some(path.to_string());
        } else if let Some(rest) = line.strip_prefix("mod\t") {
            main_line = Some(module(rest).map_err(fail)?);
            last = Last::Main;
        } else if let Some(rest) = line.strip_prefix("dep\t") {
            info.deps.push(module(rest).map_err(fail)?);
            last = Last::Dep(info.deps.len() - 1);
        } else if let Some(rest) = line.strip_prefix("=>\t") {
            let cols: Vec<&str> = rest.split('\t').collect();
            let [path, version, sum] = cols[..] else {
                return Err(fail(format!(
                    "expected 3 columns for replacement; got {}",
                    cols.len()
                )));
            };
            let replacement = GoModuleReplacement {
                path: path.to_string(),
                version: version.to_string(),
                sum: sum.to_string(),
            };
            let target = match last {
                Last::Main => main_line.as_mut(),
                Last::Dep(i) => info.deps.get_mut(i),
                Last::None => None,
            };
            let Some(target) = target else {
                return Err(fail("replacement with no module on previous line".into()));
            };
            target.replace = Some(replacement);
            last = Last::None;
        } else if let Some(kv) = line.strip_prefix("build\t") {
            info.settings.push(setting(kv).map_err(fail)?);
        }
    }
    // Go prints `mod` only for a main module that is not all-empty.
    info.main = main_line.filter(|m| *m != GoModule::default());
    if info.path.as_deref() == Some("") {
        info.path = None;
    }
    Ok(info)
}

fn module(rest: &str) -> Result<GoModule, String> {
    let cols: Vec<&str> = rest.split('\t').collect();
    match cols[..] {
        [path, version] => Ok(GoModule {
            path: path.into(),
            version: version.into(),
            ..GoModule::default()
        }),
        [path, version, sum] => Ok(GoModule {
            path: path.into(),
            version: version.into(),
            sum: sum.into(),
            replace: None,
        }),
        _ => Err(format!("expected 2 or 3 columns; got {}", cols.len())),
    }
}

/// `key=value`, either side possibly a quoted Go string.
fn setting(kv: &str) -> Result<GoBuildSetting, String> {
    let (key, raw_value) = match kv.as_bytes().first() {
        None => return Err("build line missing '='".into()),
        Some(b'=') => return Err("build line with missing key".into()),
        Some(b'"' | b'`') => {
            let (key, n) = goquote::unquote_prefix(kv).ok_or("invalid quoted key in build line")?;
            match kv.as_bytes().get(n) {
                None => return Err("build line missing '=' after quoted key".into()),
                Some(b'=') => {}
                Some(&c) => {
                    return Err(format!(
                        "unexpected character after quoted key: {:?}",
                        c as char
                    ))
                }
            }
            (String::from_utf8_lossy(&key).into_owned(), &kv[n + 1..])
        }
        Some(_) => {
            let (key, value) = kv
                .split_once('=')
                .ok_or("build line missing '=' after key")?;
            if quote_key(key) {
                return Err(format!(
                    "unquoted key {} must be quoted",
                    goquote::quote(key)
                ));
            }
            (key.to_string(), value)
        }
    };
    let value = match raw_value.as_bytes().first() {
        None => String::new(),
        Some(b'"' | b'`') => {
            let v = goquote::unquote(raw_value).ok_or("invalid quoted value in build line")?;
            String::from_utf8_lossy(&v).into_owned()
        }
        Some(_) => {
            if quote_value(raw_value) {
                return Err(format!(
                    "unquoted value {} must be quoted",
                    goquote::quote(raw_value)
                ));
            }
            raw_value.to_string()
        }
    };
    Ok(GoBuildSetting { key, value })
}

fn quote_key(key: &str) -> bool {
    key.is_empty() || key.contains(['=', ' ', '\t', '\r', '\n', '"', '`'])
}

fn quote_value(value: &str) -> bool {
    value.contains([' ', '\t', '\r', '\n', '"', '`'])
}

/// `runtime/debug.BuildInfo.String` without the `go` line: `path`, `mod`,
/// `dep`, `=>` and `build` lines, each ending in a newline. Like Go, a
/// replaced module is followed by an empty line.
pub fn build_info_string(info: &GoBuildInfo) -> String {
    let mut out = String::new();
    if let Some(path) = info.path.as_deref().filter(|p| !p.is_empty()) {
        out.push_str(&format!("path\t{path}\n"));
    }
    let mut module = |word: &str, m: &GoModule| {
        out.push_str(&format!("{word}\t{}\t{}", m.path, m.version));
        match &m.replace {
            None => out.push_str(&format!("\t{}", m.sum)),
            Some(r) => out.push_str(&format!("\n=>\t{}\t{}\t{}\n", r.path, r.version, r.sum)),
        }
        out.push('\n');
    };
    if let Some(main) = info.main.as_ref().filter(|m| **m != GoModule::default()) {
        module("mod", main);
    }
    for dep in &info.deps {
        module("dep", dep);
    }
    for s in &info.settings {
        let key = if quote_key(&s.key) {
            goquote::quote(&s.key)
        } else {
            s.key.clone()
        };
        let value = if quote_value(&s.value) {
            goquote::quote(&s.value)
        } else {
            s.value.clone()
        };
        out.push_str(&format!("build\t{key}={value}\n"));
    }
    out
}

/// What `go version -m FILE` prints for a binary shown as `file`.
pub fn go_version_m(file: &str, info: &GoBuildInfo) -> String {
    let mut out = format!("{file}: {}\n", info.go_version);
    let body = build_info_string(info);
    if let Some(body) = body.strip_suffix('\n') {
        out.push('\t');
        out.push_str(&body.replace('\n', "\n\t"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
#[path = "modinfo_tests.rs"]
mod tests;
