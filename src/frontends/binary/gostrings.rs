//! Go string variables the linker can set with `-X importpath.name=value`:
//! found by name in the symbol table, read as a Go string header (data
//! pointer, length) and the bytes it points to.

use std::collections::BTreeSet;

use crate::model::{GoBuildInfo, GoStringVar};

use super::address::Mapped;
use super::buildinfo::read_word;
use super::Image;

/// Names projects commonly inject version information into. Read whether or
/// not `-ldflags` was recorded (Go omits it from `-trimpath` builds).
pub const WELL_KNOWN: &[&str] = &[
    "main.version",
    "main.Version",
    "main.commit",
    "main.Commit",
    "main.gitCommit",
    "main.GitCommit",
    "main.revision",
    "main.Revision",
    "main.date",
    "main.Date",
    "main.buildDate",
    "main.BuildDate",
    "main.buildTime",
    "main.BuildTime",
];

/// The string variables named by `-X` flags in the recorded `-ldflags` or
/// in [`WELL_KNOWN`] that the symbol table has, sorted by name.
pub fn read(image: &Image<'_>, go: &GoBuildInfo) -> Vec<GoStringVar> {
    let injected: BTreeSet<String> = go.setting("-ldflags").map(x_flag_names).unwrap_or_default();
    let mut wanted = injected.clone();
    wanted.extend(WELL_KNOWN.iter().map(|n| n.to_string()));
    let ptr = usize::from(image.bits / 8);
    let mut out: Vec<GoStringVar> = (image.symbols)(&wanted)
        .into_iter()
        .filter(|s| s.size.is_none_or(|size| size == 2 * ptr as u64))
        .filter(|s| !image.map.is_executable(s.addr))
        .filter_map(|s| {
            let value = string_at(image, s.addr, ptr)?;
            Some(GoStringVar {
                injected: injected.contains(&s.name),
                name: s.name,
                value,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out.dedup_by(|a, b| a.name == b.name);
    out
}

/// The Go string whose header is at `addr`; `None` when it does not look
/// like one (pointer outside the file, length larger than the file).
fn string_at(image: &Image<'_>, addr: u64, ptr: usize) -> Option<String> {
    let (data, len) = match image.map.at(image.bytes, addr) {
        Mapped::File(header) => (
            read_word(header, ptr, image.big_endian)?,
            read_word(header.get(ptr..)?, ptr, image.big_endian)?,
        ),
        // A variable with no initialiser and no -X lives in .bss.
        Mapped::Zero => (0, 0),
        Mapped::Unmapped => return None,
    };
    if len == 0 {
        return Some(String::new());
    }
    if len > image.bytes.len() as u64 {
        return None;
    }
    let bytes = image.map.read_exact(image.bytes, data, len)?;
    Some(String::from_utf8_lossy(bytes).into_owned())
}

/// The variable names of `-X name=value` flags in an `-ldflags` value, split
/// into fields like `cmd/internal/quoted.Split` (spaces separate, `'` and
/// `"` quote).
pub fn x_flag_names(ldflags: &str) -> BTreeSet<String> {
    let fields = split_quoted(ldflags);
    let mut names = BTreeSet::new();
    let mut i = 0;
    while i < fields.len() {
        let flag = fields[i]
            .strip_prefix('-')
            .map(|f| f.strip_prefix('-').unwrap_or(f));
        let assignment = match flag {
            Some("X") => {
                i += 1;
                fields.get(i).map(String::as_str)
            }
            Some(f) => f.strip_prefix("X="),
            None => None,
        };
        if let Some((name, _)) = assignment.and_then(|a| a.split_once('=')) {
            names.insert(name.to_string());
        }
        i += 1;
    }
    names
}

fn split_quoted(s: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut rest = s;
    loop {
        rest = rest.trim_start_matches([' ', '\t', '\n', '\r']);
        let Some(first) = rest.chars().next() else {
            return fields;
        };
        if first == '\'' || first == '"' {
            if let Some(end) = rest[1..].find(first) {
                fields.push(rest[1..1 + end].to_string());
                rest = &rest[end + 2..];
                continue;
            }
        }
        let end = rest.find([' ', '\t', '\n', '\r']).unwrap_or(rest.len());
        fields.push(rest[..end].to_string());
        rest = &rest[end..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        x_flag_names(s).into_iter().collect()
    }

    #[test]
    fn finds_x_flags_in_every_spelling() {
        assert_eq!(names("-s -w -X main.version=1.2.3"), ["main.version"]);
        assert_eq!(
            names("-X=main.commit=abc --X example.com/m/v.Build=7 -X 'main.date=2024 01 02'"),
            ["example.com/m/v.Build", "main.commit", "main.date"]
        );
        assert_eq!(names("-s -w"), Vec::<String>::new());
        // A trailing -X without a value, and a value without '='.
        assert_eq!(names("-X main.noequals -X"), Vec::<String>::new());
    }

    #[test]
    fn splits_like_go_quoted_split() {
        assert_eq!(
            split_quoted("  a 'b c'  \"d e\" f'g "),
            ["a", "b c", "d e", "f'g"]
        );
        assert_eq!(split_quoted("'unterminated x"), ["'unterminated", "x"]);
        assert_eq!(split_quoted(""), Vec::<String>::new());
    }
}
