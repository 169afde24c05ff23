//! Built artefacts: executables and libraries (ELF, Mach-O, PE) with the Go
//! build info, `-X` strings and exported symbols they carry.
//!
//! Everything here is in the order the binary states it (build settings,
//! dependencies) or sorted (exports, strings), so the JSON form is stable.

use serde::{Deserialize, Serialize};

/// Container format of a binary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArtifactFormat {
    Elf,
    Macho,
    /// A universal (fat) Mach-O: one image per architecture.
    MachoFat,
    Pe,
}

impl ArtifactFormat {
    pub fn name(self) -> &'static str {
        match self {
            ArtifactFormat::Elf => "elf",
            ArtifactFormat::Macho => "macho",
            ArtifactFormat::MachoFat => "macho-fat",
            ArtifactFormat::Pe => "pe",
        }
    }
}

/// What a binary image is for, from its headers and, for Go binaries, the
/// `-buildmode` build setting (which tells `c-shared` and `plugin` apart from
/// other shared objects).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArtifactKind {
    Executable,
    /// A position-independent executable (ELF `ET_DYN` with an interpreter,
    /// Mach-O `MH_PIE`, Go `-buildmode=pie`).
    PieExecutable,
    SharedLibrary,
    /// Go `-buildmode=c-shared`.
    CShared,
    /// Go `-buildmode=plugin`, or a Mach-O bundle.
    Plugin,
    /// A relocatable object file.
    Object,
    Other,
}

impl ArtifactKind {
    pub fn name(self) -> &'static str {
        match self {
            ArtifactKind::Executable => "executable",
            ArtifactKind::PieExecutable => "pie-executable",
            ArtifactKind::SharedLibrary => "shared-library",
            ArtifactKind::CShared => "c-shared",
            ArtifactKind::Plugin => "plugin",
            ArtifactKind::Object => "object",
            ArtifactKind::Other => "other",
        }
    }
}

/// One binary file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Artifact {
    pub format: ArtifactFormat,
    /// One image per architecture: exactly one, except in a fat Mach-O.
    pub images: Vec<BinaryImage>,
}

/// The code for one architecture.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BinaryImage {
    /// Architecture in Go's `GOARCH` spelling (`amd64`, `arm64`, `386`,
    /// `arm`, `riscv64`, `ppc64le`, ...), or `unknown-<machine number>`.
    pub arch: String,
    /// Pointer size in bits (32 or 64).
    pub bits: u8,
    pub big_endian: bool,
    pub kind: ArtifactKind,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub go: Option<GoBuildInfo>,
    /// Go string variables read from the symbol table (empty when stripped).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub go_strings: Vec<GoStringVar>,
    /// Symbols other binaries can link against, sorted by name.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub exports: Vec<ExportedSymbol>,
    /// The package fingerprints a Go plugin, or a host that can load
    /// plugins, exports (`go:link.pkghashbytes.<package>`), in link order:
    /// what Go's plugin loader compares.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub go_package_hashes: Vec<GoPackageHash>,
}

/// A package's link-time fingerprint as a plugin or plugin host carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoPackageHash {
    /// Import path (`example.com/greet`, `runtime`).
    pub package: String,
    /// The fingerprint, hex.
    pub hash: String,
}

/// What `go version -m` reports: the toolchain, the main package and module,
/// the dependencies and the build settings, in the binary's order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GoBuildInfo {
    /// `go1.22.10` (may carry a suffix such as ` X:boringcrypto`).
    pub go_version: String,
    /// Import path of the main package (`path` line).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub path: Option<String>,
    /// The main module (`mod` line).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub main: Option<GoModule>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub deps: Vec<GoModule>,
    /// `build key=value` lines, in order (`-buildmode`, `-ldflags`, `-tags`,
    /// `CGO_ENABLED`, `GOOS`, `GOARCH`, `vcs.revision`, `vcs.time`,
    /// `vcs.modified`, ...).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub settings: Vec<GoBuildSetting>,
}

impl GoBuildInfo {
    /// The value of the first build setting named `key`.
    pub fn setting(&self, key: &str) -> Option<&str> {
        self.settings
            .iter()
            .find(|s| s.key == key)
            .map(|s| s.value.as_str())
    }

    /// `-buildmode` (`exe`, `pie`, `c-shared`, `plugin`, ...).
    pub fn build_mode(&self) -> Option<&str> {
        self.setting("-buildmode")
    }

    /// The dependency with module path `path`.
    pub fn dep(&self, path: &str) -> Option<&GoModule> {
        self.deps.iter().find(|d| d.path == path)
    }
}

/// A module as buildinfo records it (`mod` / `dep` line).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoModule {
    pub path: String,
    /// `v1.2.3`, a pseudo-version, or `(devel)`.
    pub version: String,
    /// `h1:` hash; empty for the main module and for replaced modules.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub sum: String,
    /// The `=>` line that follows when the module was replaced.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub replace: Option<GoModuleReplacement>,
}

/// A `=> path version sum` line. A directory replacement has a relative or
/// absolute path, version `(devel)` and no sum.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoModuleReplacement {
    pub path: String,
    pub version: String,
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub sum: String,
}

/// One `build key=value` line, unquoted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoBuildSetting {
    pub key: String,
    pub value: String,
}

/// A package-level Go string variable read from the symbol table, the kind
/// that `-ldflags "-X main.version=1.2.3"` sets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoStringVar {
    /// Qualified symbol name (`main.version`).
    pub name: String,
    pub value: String,
    /// The recorded `-ldflags` build setting names it in a `-X` flag. Go does
    /// not record `-ldflags` in `-trimpath` builds, so `false` can also mean
    /// "unknown".
    pub injected: bool,
}

/// How an exported symbol is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SymbolKind {
    Function,
    Data,
    Other,
}

/// A symbol the binary exports: an ELF dynamic symbol, a Mach-O export-trie
/// entry or a PE export-table entry. Names are as the format stores them
/// (Mach-O C names keep their leading `_`); cgo `//export` functions of a
/// c-shared build and Rust `#[no_mangle] extern "C"` functions appear here.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ExportedSymbol {
    pub name: String,
    /// The demangled form of a mangled Rust name (without the hash suffix).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub demangled: Option<String>,
    pub kind: SymbolKind,
}
