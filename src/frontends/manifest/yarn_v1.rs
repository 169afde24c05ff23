//! Classic `yarn.lock` (v1): entries of the form
//!
//! ```text
//! "@vue/shared@3.3.4", "@vue/shared@^3.3.0":
//!   version "3.3.4"
//!   resolved "https://..."
//! ```
//!
//! A header line at column 0 lists descriptors (quoted or not, comma
//! separated) and ends with `:`; indented `key value` lines follow. Only
//! the top-level `version` of each entry is kept.

pub struct Entry {
    pub name: String,
    pub ranges: Vec<String>,
    pub version: String,
    /// Byte range of the version value (quotes included).
    pub version_at: (usize, usize),
}

/// `vue@^3.3.0` → (`vue`, `^3.3.0`); `@scope/pkg@npm:^1` → (`@scope/pkg`, `npm:^1`).
pub fn split_descriptor(desc: &str) -> Option<(&str, &str)> {
    let desc = desc.trim().trim_matches('"');
    let at = desc.get(1..)?.find('@')? + 1;
    Some((&desc[..at], &desc[at + 1..]))
}

/// Splits a header on commas outside quotes.
fn descriptors(header: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn parse(text: &str) -> Result<Vec<Entry>, (usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, Vec<String>)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = body.len() - trimmed.len();
        if indent == 0 {
            let Some(header) = body.strip_suffix(':') else {
                return Err((start, "an entry header must end with `:`".into()));
            };
            let mut name = None;
            let mut ranges = Vec::new();
            for d in descriptors(header) {
                let Some((n, r)) = split_descriptor(&d) else {
                    return Err((start, format!("`{d}` is not `name@range`")));
                };
                name.get_or_insert_with(|| n.to_string());
                ranges.push(r.to_string());
            }
            current = name.map(|n| (n, ranges));
            continue;
        }
        // Only the entry's own fields (indent 2), not nested `dependencies`.
        if indent != 2 {
            continue;
        }
        let Some(("version", value)) = trimmed.split_once(' ') else {
            continue;
        };
        let Some((name, ranges)) = current.take() else {
            return Err((start, "`version` outside an entry".into()));
        };
        let value_start = start + indent + "version ".len();
        let raw = value.trim();
        let lead = value.len() - value.trim_start().len();
        out.push(Entry {
            name,
            ranges,
            version: raw.trim_matches('"').to_string(),
            version_at: (value_start + lead, value_start + lead + raw.len()),
        });
    }
    Ok(out)
}
