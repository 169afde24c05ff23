//! Built binaries (ELF, Mach-O including fat, PE): format, architecture,
//! kind, Go build info, Go string variables (`-X`) and exported symbols.
//!
//! Pure: bytes in, facts out. Every malformed input becomes a problem with a
//! reason; lengths read from the file are checked against the file before
//! anything is sliced or allocated.

mod address;
mod buildinfo;
mod elf;
mod exports;
mod goquote;
mod gostrings;
mod macho;
mod modinfo;
mod pe;
mod pkghash;

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::model::{
    Artifact, ArtifactFormat, ArtifactKind, BinaryImage, ExportedSymbol, FileFacts, FileKind,
    GoBuildInfo, Origin, Problem,
};

use address::AddressMap;

pub use goquote::quote as go_quote;
pub use modinfo::{build_info_string, go_version_m};

/// Whether a file starts like a binary seam reads: ELF, Mach-O (32/64-bit,
/// either endianness), fat Mach-O, or a DOS/PE `MZ` header.
pub fn looks_like_binary(head: &[u8]) -> bool {
    format_of(head).is_some()
}

fn format_of(head: &[u8]) -> Option<ArtifactFormat> {
    let magic = head.get(..4)?;
    match magic {
        b"\x7fELF" => Some(ArtifactFormat::Elf),
        [0xfe, 0xed, 0xfa, 0xce | 0xcf] | [0xce | 0xcf, 0xfa, 0xed, 0xfe] => {
            Some(ArtifactFormat::Macho)
        }
        // Java class files share 0xcafebabe; their next word (the class
        // version, >= 45) tells them apart from an architecture count.
        [0xca, 0xfe, 0xba, 0xbe | 0xbf] => {
            let count = u32::from_be_bytes(head.get(4..8)?.try_into().ok()?);
            (1..45).contains(&count).then_some(ArtifactFormat::MachoFat)
        }
        [b'M', b'Z', ..] => Some(ArtifactFormat::Pe),
        _ => None,
    }
}

/// Why a file could not be read as a binary at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("empty file")]
    Empty,
    #[error("not an ELF, Mach-O or PE binary")]
    Unrecognised,
    #[error("{0}")]
    Malformed(String),
}

/// Something wrong inside a binary that was otherwise read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BinaryProblem {
    pub message: String,
    /// File offset the problem is about, when there is one.
    pub offset: Option<u64>,
}

/// A binary read as far as it goes.
#[derive(Clone, Debug, PartialEq)]
pub struct BinaryRead {
    pub artifact: Artifact,
    pub problems: Vec<BinaryProblem>,
}

/// Facts for the pipeline: the artefact, or problems saying why not.
pub fn analyze(path: &str, bytes: &[u8]) -> FileFacts {
    let mut facts = FileFacts::new(path, FileKind::Binary);
    let problem = |message: String, offset: Option<u64>| {
        let at = offset.map_or(0, |o| u32::try_from(o).unwrap_or(u32::MAX));
        let mut origin = Origin::file(path);
        origin.start = at;
        origin.end = at;
        Problem { message, origin }
    };
    match read(bytes) {
        Ok(read) => {
            for p in read.problems {
                facts.problems.push(problem(p.message, p.offset));
            }
            facts.artifact = Some(read.artifact);
        }
        Err(e) => facts.problems.push(problem(e.to_string(), None)),
    }
    facts
}

/// Reads a whole binary.
pub fn read(bytes: &[u8]) -> Result<BinaryRead, Unreadable> {
    if bytes.is_empty() {
        return Err(Unreadable::Empty);
    }
    let format = format_of(bytes).ok_or(Unreadable::Unrecognised)?;
    // goblin is not ours; a panic inside it must not take the run down.
    catch_unwind(AssertUnwindSafe(|| read_format(format, bytes))).unwrap_or_else(|_| {
        Err(Unreadable::Malformed(
            "the binary reader panicked on this file (a bug in seam or goblin)".into(),
        ))
    })
}

fn read_format(format: ArtifactFormat, bytes: &[u8]) -> Result<BinaryRead, Unreadable> {
    let mut problems = Vec::new();
    let images = match format {
        ArtifactFormat::Elf => vec![finish(elf::read(bytes)?, 0, &mut problems)],
        ArtifactFormat::Macho => vec![finish(macho::read(bytes)?, 0, &mut problems)],
        ArtifactFormat::Pe => vec![finish(pe::read(bytes)?, 0, &mut problems)],
        ArtifactFormat::MachoFat => {
            let mut images = Vec::new();
            for slice in macho::fat_slices(bytes)? {
                match slice
                    .bytes
                    .map_err(Unreadable::Malformed)
                    .and_then(macho::read)
                {
                    Ok(image) => images.push(finish(image, slice.offset, &mut problems)),
                    Err(e) => problems.push(BinaryProblem {
                        message: format!("fat Mach-O slice {} ({}): {e}", slice.index, slice.arch),
                        offset: Some(slice.offset),
                    }),
                }
            }
            if images.is_empty() {
                return Err(Unreadable::Malformed(match problems.first() {
                    Some(p) => p.message.clone(),
                    None => "fat Mach-O without architectures".into(),
                }));
            }
            images
        }
    };
    Ok(BinaryRead {
        artifact: Artifact { format, images },
        problems,
    })
}

/// What a format reader learned about one image, before the Go parts.
pub(crate) struct Image<'a> {
    /// The image's own bytes (one slice of a fat Mach-O).
    pub bytes: &'a [u8],
    pub arch: String,
    pub bits: u8,
    pub big_endian: bool,
    /// From the headers alone.
    pub kind: ArtifactKind,
    pub map: AddressMap,
    /// Where Go puts the build info in this format, `(address, size)`, most
    /// specific first.
    pub buildinfo_ranges: Vec<(u64, u64)>,
    pub exports: Vec<ExportedSymbol>,
    /// Looks up symbol-table entries by name (empty when stripped).
    pub symbols: SymbolLookup<'a>,
    /// Exported Go package fingerprints (name = import path), see [`pkghash`].
    pub pkghash_syms: Vec<SymbolAt>,
    pub problems: Vec<BinaryProblem>,
}

/// Finds the symbol-table entries with the given names.
pub(crate) type SymbolLookup<'a> = Box<dyn Fn(&BTreeSet<String>) -> Vec<SymbolAt> + 'a>;

/// A symbol-table entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SymbolAt {
    pub name: String,
    pub addr: u64,
    /// Size in bytes when the format records it (ELF).
    pub size: Option<u64>,
}

/// Adds the Go parts and turns problems' offsets into file offsets (`base`:
/// where the image starts in the file).
fn finish(mut image: Image<'_>, base: u64, problems: &mut Vec<BinaryProblem>) -> BinaryImage {
    let mut own = std::mem::take(&mut image.problems);
    let go = match buildinfo::find(image.bytes, &image.map, &image.buildinfo_ranges) {
        Ok(None) => None,
        Ok(Some(raw)) => {
            own.extend(raw.warnings.iter().map(|w| BinaryProblem {
                message: w.clone(),
                offset: Some(raw.offset),
            }));
            match modinfo::parse(&raw.version, &raw.modinfo) {
                Ok(info) => Some(info),
                Err(e) => {
                    own.push(BinaryProblem {
                        message: e.to_string(),
                        offset: Some(raw.offset),
                    });
                    Some(GoBuildInfo {
                        go_version: raw.version,
                        ..GoBuildInfo::default()
                    })
                }
            }
        }
        Err(e) => {
            own.push(BinaryProblem {
                message: e.to_string(),
                offset: Some(e.offset),
            });
            None
        }
    };
    let go_package_hashes = match &go {
        Some(_) => pkghash::read(&image),
        None => Vec::new(),
    };
    let go_strings = match &go {
        Some(info) => gostrings::read(&image, info),
        None => Vec::new(),
    };
    let kind = match go.as_ref().and_then(|g| g.build_mode()) {
        Some("c-shared") => ArtifactKind::CShared,
        Some("plugin") => ArtifactKind::Plugin,
        Some("pie") => ArtifactKind::PieExecutable,
        _ => image.kind,
    };
    problems.extend(own.into_iter().map(|p| BinaryProblem {
        offset: p.offset.map(|o| o.saturating_add(base)),
        ..p
    }));
    BinaryImage {
        arch: image.arch,
        bits: image.bits,
        big_endian: image.big_endian,
        kind,
        go,
        go_strings,
        exports: image.exports,
        go_package_hashes,
    }
}

#[cfg(test)]
mod tests;
