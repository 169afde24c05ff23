//! The version bump a change needs, and whether a version change gives it
//! (semver, including `0.x`: in `0.y.z` a breaking change needs `y` to move,
//! an addition needs any increase; in `0.0.z` every change is breaking).

use std::fmt;

use semver::Version;

/// The smallest bump a change requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    Minor,
    Major,
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// Parses `1.2.3`, `v1.2.3`, `1.2` (as `1.2.0`).
pub fn parse(v: &str) -> Option<Version> {
    let v = v.trim().trim_start_matches('v');
    Version::parse(v).ok().or_else(|| {
        let parts: Vec<&str> = v.split('.').collect();
        match parts.as_slice() {
            [a, b] => Version::parse(&format!("{a}.{b}.0")).ok(),
            [a] => Version::parse(&format!("{a}.0.0")).ok(),
            _ => None,
        }
    })
}

/// Does going from `old` to `new` give a `bump`?
pub fn covers(old: &Version, new: &Version, bump: Bump) -> bool {
    let key = |v: &Version| (v.major, v.minor, v.patch);
    match (old.major, old.minor, bump) {
        (0, 0, _) => key(new) > key(old),
        (0, _, Bump::Major) => new.major > 0 || new.minor > old.minor,
        (0, _, Bump::Minor) => key(new) > key(old),
        (_, _, Bump::Major) => new.major > old.major,
        (_, _, Bump::Minor) => {
            new.major > old.major || (new.major == old.major && new.minor > old.minor)
        }
    }
}

/// The smallest version after `old` that gives `bump`.
pub fn next(old: &Version, bump: Bump) -> Version {
    match (old.major, old.minor, bump) {
        (0, 0, _) => Version::new(0, 0, old.patch.saturating_add(1)),
        (0, m, Bump::Major) => Version::new(0, m.saturating_add(1), 0),
        (0, m, Bump::Minor) => Version::new(0, m, old.patch.saturating_add(1)),
        (x, _, Bump::Major) => Version::new(x.saturating_add(1), 0, 0),
        (x, m, Bump::Minor) => Version::new(x, m.saturating_add(1), 0),
    }
}

/// The major version a Go module path states: `/vN` (N ≥ 2), else 1.
pub fn go_major(module_path: &str) -> u64 {
    module_path
        .rsplit('/')
        .next()
        .and_then(|last| last.strip_prefix('v'))
        .and_then(|n| n.parse::<u64>().ok())
        .filter(|n| *n >= 2)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(a: &str, b: &str, bump: Bump) -> bool {
        covers(&parse(a).unwrap(), &parse(b).unwrap(), bump)
    }

    #[test]
    fn semver_with_zero_versions() {
        assert!(c("1.4.0", "2.0.0", Bump::Major));
        assert!(!c("1.4.0", "1.5.0", Bump::Major));
        assert!(c("1.4.0", "1.5.0", Bump::Minor));
        assert!(!c("1.4.0", "1.4.1", Bump::Minor));
        assert!(c("0.3.1", "0.4.0", Bump::Major));
        assert!(!c("0.3.1", "0.3.2", Bump::Major));
        assert!(c("0.3.1", "0.3.2", Bump::Minor));
        assert!(c("0.0.3", "0.0.4", Bump::Major));
        assert!(!c("0.0.3", "0.0.3", Bump::Minor));
        assert_eq!(
            next(&parse("0.3.1").unwrap(), Bump::Major).to_string(),
            "0.4.0"
        );
        assert_eq!(
            next(&parse("1.4.2").unwrap(), Bump::Minor).to_string(),
            "1.5.0"
        );
        assert_eq!(parse("v2").unwrap().to_string(), "2.0.0");
    }

    #[test]
    fn go_module_majors() {
        assert_eq!(go_major("example.com/shop"), 1);
        assert_eq!(go_major("example.com/shop/v2"), 2);
        assert_eq!(go_major("gopkg.in/yaml.v3"), 1);
        assert_eq!(go_major("example.com/v1"), 1);
    }
}
