//! `seam.toml`: optional; every setting has a default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use toml::Spanned;

use crate::findings::Severity;
use crate::rules::meta;

pub const FILE_NAME: &str = "seam.toml";
pub const DEFAULT_MAX_FILE_SIZE: u64 = 2 * 1024 * 1024;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Globs of files to analyse (default: all).
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of files to leave out, on top of the default excludes.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Files larger than this many bytes are skipped with a note.
    pub max_file_size: Option<u64>,
    /// Per-rule severity: `error`, `warning`, `note` or `off`.
    #[serde(default)]
    pub rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    pub http: HttpConfig,
    #[serde(default)]
    pub cache: CacheConfig,
    #[serde(default)]
    pub artifacts: ArtifactsConfig,
    #[serde(default)]
    pub go: GoConfig,
    #[serde(default)]
    pub drift: DriftConfig,
}

/// `[drift]`: baselines and versions.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DriftConfig {
    /// Files (relative to the root) whose first line is a version: each
    /// versions the Go modules, crates and npm packages in its directory
    /// and below (the closest file wins), e.g. `backend/VERSION`.
    #[serde(default)]
    pub version_files: Vec<String>,
}

/// `[artifacts]`: which built binaries in the tree to check.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArtifactsConfig {
    /// Globs of binaries, relative to the root. When set, only these are
    /// read (default-excluded and gitignored directories included);
    /// otherwise every file with the executable bit or a `.so`, `.dylib`,
    /// `.dll` or `.exe` name that starts like a binary.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Binaries larger than this many bytes are skipped with a note
    /// (default 256 MiB).
    pub max_size: Option<u64>,
}

pub const DEFAULT_MAX_ARTIFACT_SIZE: u64 = 256 * 1024 * 1024;

impl ArtifactsConfig {
    pub fn max_size(&self) -> u64 {
        self.max_size.unwrap_or(DEFAULT_MAX_ARTIFACT_SIZE)
    }
}

/// `[go]`
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoConfig {
    /// VER001: `true` — a binary must be built with exactly the toolchain
    /// `go.mod` names (its `toolchain` line, else its `go` line); `false` —
    /// only "not older than the `go` line"; unset — exact match only where
    /// `go.mod` has a `toolchain` line.
    pub require_toolchain_match: Option<bool>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpConfig {
    /// Prefixes removed from client paths before matching (what a proxy
    /// in front of the backend strips).
    #[serde(default)]
    pub strip_prefix: Vec<String>,
    /// A prefix added to client paths before matching.
    pub add_prefix: Option<String>,
    /// Client wrappers seam cannot detect by itself.
    #[serde(default)]
    pub client: Vec<ClientWrapper>,
}

/// `[[http.client]]`: calls of `callee` are HTTP calls. `url`, `method` and
/// `body` name either a property of the first object argument (`"url"`) or a
/// positional argument (`"0"`, `"1"`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientWrapper {
    pub callee: String,
    pub url: String,
    pub method: Option<String>,
    pub body: Option<String>,
    /// A fixed method when the callee implies one (`"GET"`).
    pub fixed_method: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheConfig {
    /// Directory of the per-file facts cache, relative to the scanned root.
    pub dir: Option<String>,
    #[serde(default)]
    pub disabled: bool,
}

/// What the user wants of one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    Level(Severity),
}

impl Config {
    pub fn max_file_size(&self) -> u64 {
        self.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE)
    }

    /// The configured level of a rule, if any.
    pub fn rule_level(&self, id: &str) -> Option<RuleLevel> {
        self.rules
            .iter()
            .find(|(k, _)| k.get_ref().eq_ignore_ascii_case(id))
            .and_then(|(_, v)| parse_level(v.get_ref()))
    }

    /// Loads `path`. A missing default file is the default config.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Self::parse(&path.display().to_string(), &text)
    }

    pub fn parse(name: &str, text: &str) -> Result<Config, ConfigError> {
        let src = || NamedSource::new(name, text.to_string());
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::Invalid {
            message: e.message().to_string(),
            src: src(),
            span: e
                .span()
                .map(|r| (r.start, r.end.saturating_sub(r.start)).into()),
        })?;
        for (id, level) in &config.rules {
            if meta::get(id.get_ref()).is_none() {
                return Err(ConfigError::Invalid {
                    message: format!("unknown rule `{}` (see `seam rules`)", id.get_ref()),
                    src: src(),
                    span: Some(span_of(id)),
                });
            }
            if parse_level(level.get_ref()).is_none() {
                return Err(ConfigError::Invalid {
                    message: format!(
                        "`{}` is not a level: use error, warning, note or off",
                        level.get_ref()
                    ),
                    src: src(),
                    span: Some(span_of(level)),
                });
            }
        }
        for c in &config.http.client {
            for (field, value) in [("method", &c.method), ("body", &c.body)] {
                if value.as_deref() == Some("") {
                    return Err(ConfigError::Invalid {
                        message: format!("[[http.client]] `{field}` must not be empty"),
                        src: src(),
                        span: None,
                    });
                }
            }
        }
        Ok(config)
    }
}

fn span_of<T>(s: &Spanned<T>) -> SourceSpan {
    let r = s.span();
    (r.start, r.end.saturating_sub(r.start)).into()
}

fn parse_level(s: &str) -> Option<RuleLevel> {
    if s == "off" {
        Some(RuleLevel::Off)
    } else {
        Severity::parse(s).map(RuleLevel::Level)
    }
}

#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum ConfigError {
    #[error("cannot read config {}: {message}", path.display())]
    #[diagnostic(code(seam::config))]
    Io { path: PathBuf, message: String },
    #[error("invalid config: {message}")]
    #[diagnostic(
        code(seam::config),
        help("see the configuration reference in README.md")
    )]
    Invalid {
        message: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("here")]
        span: Option<SourceSpan>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_when_empty() {
        let c = Config::parse("seam.toml", "").unwrap();
        assert_eq!(c.max_file_size(), DEFAULT_MAX_FILE_SIZE);
        assert!(c.rules.is_empty());
    }

    #[test]
    fn unknown_key_points_into_the_file() {
        let err = Config::parse("seam.toml", "includ = []\n").unwrap_err();
        match err {
            ConfigError::Invalid { span, message, .. } => {
                assert!(message.contains("includ"), "{message}");
                assert_eq!(span.map(|s| s.offset()), Some(0));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn bad_level_points_at_the_value() {
        let text = "[rules]\nSEAM001 = \"loud\"\n";
        let err = Config::parse("seam.toml", text).unwrap_err();
        match err {
            ConfigError::Invalid { span, .. } => {
                assert_eq!(span.map(|s| s.offset()), text.find("\"loud\""))
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
