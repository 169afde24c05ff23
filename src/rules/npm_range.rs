//! npm version ranges read with the `semver` crate: whether a range admits
//! a release older than a feature's minimum.
//!
//! npm syntax is mapped onto `semver::VersionReq` one alternative (`||`) at
//! a time: space-separated comparators become comma-separated, a bare
//! version is exact (`=`), `a - b` is `>=a, <=b`, `x`/`*` wildcards stay.
//! Ranges that name no version (`workspace:*`, `latest`, `*`, tags, git,
//! file and URL specs, `npm:` aliases) are not judged.

use semver::{Version, VersionReq};

/// A release below `need` that `range` admits, if any; `None` also when the
/// range is not a version range.
pub fn admits_below(range: &str, need: &Version) -> Option<Version> {
    let range = range.trim();
    if range.is_empty() || range == "*" || range.contains(':') || range.contains('/') {
        return None;
    }
    if !range.starts_with(|c: char| c.is_ascii_digit() || "^~<>=vxX*".contains(c)) {
        return None; // a dist-tag such as `latest`
    }
    let mut best: Option<Version> = None;
    for alt in range.split("||") {
        let Some(req) = to_req(alt) else { continue };
        for v in candidates(alt, need) {
            if v < *need && req.matches(&v) && best.as_ref().is_none_or(|b| v < *b) {
                best = Some(v);
            }
        }
    }
    best
}

fn to_req(alt: &str) -> Option<VersionReq> {
    let alt = alt.trim();
    let text = if let Some((a, b)) = alt.split_once(" - ") {
        format!(">={}, <={}", a.trim(), b.trim())
    } else {
        let mut parts: Vec<String> = Vec::new();
        let mut pending_op = String::new();
        for tok in alt.split_whitespace() {
            if tok.chars().all(|c| "<>=~^".contains(c)) {
                pending_op = tok.to_string();
                continue;
            }
            let tok = format!("{pending_op}{tok}");
            pending_op.clear();
            let bare = tok.starts_with(|c: char| c.is_ascii_digit() || c == 'v');
            let exact = bare && tok.matches('.').count() == 2 && !tok.contains(['x', 'X', '*']);
            parts.push(if exact {
                format!("={}", tok.trim_start_matches('v'))
            } else {
                tok
            });
        }
        parts.join(", ")
    };
    VersionReq::parse(&text).ok()
}

/// Versions worth testing: those the range names (and the next patch), and
/// the first and a late patch of every minor release below `need`.
fn candidates(alt: &str, need: &Version) -> Vec<Version> {
    let mut out = Vec::new();
    for tok in alt.split(|c: char| c.is_whitespace() || "<>=~^-,".contains(c)) {
        let nums: Vec<u64> = tok
            .trim_start_matches('v')
            .split('.')
            .map_while(|p| p.parse().ok())
            .collect();
        if let Some(&major) = nums.first() {
            let (minor, patch) = (
                nums.get(1).copied().unwrap_or(0),
                nums.get(2).copied().unwrap_or(0),
            );
            out.push(Version::new(major, minor, patch));
            out.push(Version::new(major, minor, patch + 1));
        }
    }
    for minor in 0..need.minor {
        out.push(Version::new(need.major, minor, 0));
        out.push(Version::new(need.major, minor, 999));
    }
    if need.major > 0 {
        out.push(Version::new(need.major - 1, 999, 999));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_bounds_below_a_minimum() {
        let need = Version::new(3, 4, 0);
        let below = |r: &str| admits_below(r, &need).map(|v| v.to_string());
        assert_eq!(below("^3.3.0").as_deref(), Some("3.3.0"));
        assert_eq!(below("~3.3.4").as_deref(), Some("3.3.4"));
        assert_eq!(below(">=3.2.0").as_deref(), Some("3.2.0"));
        assert_eq!(below(">3.3.9").as_deref(), Some("3.3.10"));
        assert_eq!(below("3.x").as_deref(), Some("3.0.0"));
        assert_eq!(below("3.3.4").as_deref(), Some("3.3.4"));
        assert_eq!(below(">=3.2 <4").as_deref(), Some("3.2.0"));
        assert_eq!(below("3.2.0 - 3.5.0").as_deref(), Some("3.2.0"));
        assert_eq!(below("^2.7.0 || ^3.4.0").as_deref(), Some("2.7.0"));
        for ok in [
            "^3.4.0",
            "~3.4.2",
            ">=3.4.0",
            "3.4.21",
            "^3.5",
            ">=3.4.0 <4",
            "3.4.x",
        ] {
            assert_eq!(below(ok), None, "{ok}");
        }
        for skipped in [
            "workspace:*",
            "latest",
            "*",
            "",
            "npm:vue@^3.3.0",
            "github:vuejs/core",
            "file:../vue",
        ] {
            assert_eq!(below(skipped), None, "{skipped}");
        }
    }
}
