//! Go versions as the go command orders them (`go/version`, `gover`):
//! `1.21` (a language version) < `1.21rc1` < `1.21.0` < `1.21.13` <
//! `1.22rc1` < `1.22.0`. Accepts `go1.22.10`, `1.22.10`, `go1.22.10 X:boringcrypto`.

use std::cmp::Ordering;
use std::fmt;

/// What follows `major.minor`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GoRelease {
    /// `1.21`: the language version, before every release of it.
    Language,
    Alpha(u32),
    Beta(u32),
    Rc(u32),
    /// `1.21.0`, `1.21.13`.
    Patch(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GoVersion {
    pub major: u32,
    pub minor: u32,
    pub release: GoRelease,
}

impl GoVersion {
    /// Parses a Go version; `None` for anything else (`devel +abc`, `1`,
    /// `1.x`). Before Go 1.21, `1.20` named the release `1.20.0`: it still
    /// orders as the language version, as the go command does.
    pub fn parse(s: &str) -> Option<GoVersion> {
        let s = s.trim();
        let s = s.split_whitespace().next()?;
        let s = s.strip_prefix("go").unwrap_or(s);
        let (major, rest) = split_num(s)?;
        let rest = rest.strip_prefix('.')?;
        let (minor, rest) = split_num(rest)?;
        let release = if rest.is_empty() {
            GoRelease::Language
        } else if let Some(r) = rest.strip_prefix('.') {
            let (patch, tail) = split_num(r)?;
            if !tail.is_empty() {
                return None;
            }
            GoRelease::Patch(patch)
        } else {
            let (kind, num) = [("rc", 0u8), ("beta", 1), ("alpha", 2)]
                .iter()
                .find_map(|(p, k)| rest.strip_prefix(p).map(|n| (*k, n)))?;
            let (n, tail) = split_num(num)?;
            if !tail.is_empty() {
                return None;
            }
            match kind {
                0 => GoRelease::Rc(n),
                1 => GoRelease::Beta(n),
                _ => GoRelease::Alpha(n),
            }
        };
        Some(GoVersion {
            major,
            minor,
            release,
        })
    }

    /// `1.22` for any release of Go 1.22: what a feature gate compares.
    pub fn language(self) -> GoVersion {
        GoVersion {
            release: GoRelease::Language,
            ..self
        }
    }

    pub fn new(major: u32, minor: u32) -> GoVersion {
        GoVersion {
            major,
            minor,
            release: GoRelease::Language,
        }
    }
}

fn split_num(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if end == 0 || end > 9 {
        return None;
    }
    Some((s[..end].parse().ok()?, &s[end..]))
}

impl Ord for GoVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.release).cmp(&(other.major, other.minor, other.release))
    }
}

impl PartialOrd for GoVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for GoVersion {
    /// Without the `go` prefix: `1.22`, `1.22rc1`, `1.22.10`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)?;
        match self.release {
            GoRelease::Language => Ok(()),
            GoRelease::Alpha(n) => write!(f, "alpha{n}"),
            GoRelease::Beta(n) => write!(f, "beta{n}"),
            GoRelease::Rc(n) => write!(f, "rc{n}"),
            GoRelease::Patch(n) => write!(f, ".{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> GoVersion {
        GoVersion::parse(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn orders_like_the_go_command() {
        let order = [
            "go1.9",
            "1.20",
            "go1.21",
            "go1.21rc1",
            "1.21rc2",
            "go1.21.0",
            "go1.21.1",
            "go1.21.13",
            "go1.22alpha1",
            "go1.22beta1",
            "go1.22rc1",
            "go1.22.0",
            "go1.22.10",
            "go1.23",
            "go2.0",
        ];
        for w in order.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
        assert_eq!(v("go1.22.10 X:boringcrypto"), v("1.22.10"));
        assert_eq!(v("go1.22.10").language(), v("1.22"));
        assert_eq!(v("go1.22rc1").to_string(), "1.22rc1");
    }

    #[test]
    fn rejects_what_is_not_a_version() {
        for s in [
            "",
            "go",
            "devel +abc",
            "1",
            "1.x",
            "1.21.x",
            "1.21-rc1",
            "go1.21.0.1",
            "1.99999999999",
        ] {
            assert_eq!(GoVersion::parse(s), None, "{s}");
        }
    }
}
