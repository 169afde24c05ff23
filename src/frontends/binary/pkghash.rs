//! Go package fingerprints of plugins and plugin hosts.
//!
//! A Go plugin, and an executable that imports `plugin`, export one data
//! symbol per linked package, `go:link.pkghashbytes.<import path>`, holding
//! the package's 8-byte link-time fingerprint. When a host opens a plugin,
//! the runtime compares, package by package in the plugin's link order, the
//! plugin's fingerprint with the host's (the dynamic linker binds the
//! plugin's `go:link.pkghash.<pkg>` to the host's where the host has the
//! package) and refuses the plugin at the first difference: "plugin was
//! built with a different version of package <pkg>". Reading the symbols
//! lets seam make the same comparison without loading anything.

use crate::model::GoPackageHash;

use super::address::Mapped;
use super::{Image, SymbolAt};

const PREFIX: &str = "go:link.pkghashbytes.";
/// Size of a fingerprint (`goobj.FingerprintType`).
const LEN: usize = 8;

/// Picks the fingerprint symbols from `(name, address)` pairs of dynamic
/// symbols or Mach-O exports (C names there carry a leading `_`).
pub(crate) fn symbols<'n>(list: impl IntoIterator<Item = (&'n str, u64)>) -> Vec<SymbolAt> {
    list.into_iter()
        .filter_map(|(name, addr)| {
            let pkg = name
                .strip_prefix(PREFIX)
                .or_else(|| name.strip_prefix('_')?.strip_prefix(PREFIX))?;
            (!pkg.is_empty()).then(|| SymbolAt {
                name: pkg.to_string(),
                addr,
                size: None,
            })
        })
        .collect()
}

/// Reads the fingerprints, in link order (the symbols' address order, which
/// is the order the linker laid them out in). A symbol whose bytes are not
/// in the file is left out.
pub(crate) fn read(image: &Image) -> Vec<GoPackageHash> {
    let mut syms: Vec<&SymbolAt> = image.pkghash_syms.iter().collect();
    syms.sort_by(|a, b| a.addr.cmp(&b.addr).then(a.name.cmp(&b.name)));
    syms.dedup_by(|a, b| a.name == b.name);
    syms.into_iter()
        .filter_map(|s| match image.map.at(image.bytes, s.addr) {
            Mapped::File(b) if b.len() >= LEN => Some(GoPackageHash {
                package: s.name.clone(),
                hash: b[..LEN].iter().map(|x| format!("{x:02x}")).collect(),
            }),
            _ => None,
        })
        .collect()
}
