//! Mach-O: segments, where Go keeps its build info, the export trie, the
//! symbol table, and the slices of a fat (universal) file.

use std::collections::BTreeSet;

use goblin::mach::constants::cputype;
use goblin::mach::constants::{S_ATTR_PURE_INSTRUCTIONS, S_ATTR_SOME_INSTRUCTIONS};
use goblin::mach::header::{MH_BUNDLE, MH_DYLIB, MH_EXECUTE, MH_OBJECT, MH_PIE};
use goblin::mach::load_command::CommandVariant;
use goblin::mach::symbols::{N_SECT, N_STAB, N_TYPE};
use goblin::mach::MachO;

use crate::model::{ArtifactKind, ExportedSymbol, SymbolKind};

use super::address::{AddressMap, Region};
use super::exports::{self, exported, sorted, TrieExport};
use super::{BinaryProblem, Image, SymbolAt, Unreadable};

const VM_PROT_READ_WRITE: u32 = 0x3;
const VM_PROT_EXECUTE: u32 = 0x4;

/// A section: address range and flags.
struct SectionAt {
    name: String,
    addr: u64,
    size: u64,
    flags: u32,
}

pub(crate) fn read(bytes: &[u8]) -> Result<Image<'_>, Unreadable> {
    let macho = MachO::parse(bytes, 0)
        .map_err(|e| Unreadable::Malformed(format!("malformed Mach-O: {e}")))?;
    let mut regions = Vec::new();
    let mut ranges = Vec::new();
    let mut base = None;
    let mut data_segment = None;
    for seg in macho.segments.iter() {
        if seg.name().ok() == Some("__PAGEZERO") {
            continue;
        }
        regions.push(Region {
            addr: seg.vmaddr,
            offset: seg.fileoff,
            file_size: seg.filesize,
            mem_size: seg.vmsize,
            executable: seg.initprot & VM_PROT_EXECUTE != 0,
        });
        if seg.fileoff == 0 && seg.filesize > 0 && base.is_none() {
            base = Some(seg.vmaddr);
        }
        let rw = seg.initprot == VM_PROT_READ_WRITE && seg.maxprot == VM_PROT_READ_WRITE;
        if rw && seg.vmaddr != 0 && seg.filesize != 0 && data_segment.is_none() {
            data_segment = Some((seg.vmaddr, seg.vmsize));
        }
    }
    let sections = sections(&macho);
    ranges.extend(
        sections
            .iter()
            .find(|s| s.name == "__go_buildinfo")
            .map(|s| (s.addr, s.size)),
    );
    ranges.extend(data_segment);
    let mut problems = Vec::new();
    let mut pkghash_syms = Vec::new();
    let exports = match export_trie(&macho, bytes) {
        Ok(list) => {
            let image_base = base.unwrap_or(0);
            pkghash_syms = super::pkghash::symbols(
                list.iter()
                    .filter_map(|e| Some((e.name.as_str(), image_base.wrapping_add(e.address?)))),
            );
            classify(list, image_base, &sections)
        }
        Err(message) => {
            problems.push(BinaryProblem {
                message,
                offset: None,
            });
            Vec::new()
        }
    };
    let kind = match macho.header.filetype {
        MH_EXECUTE if macho.header.flags & MH_PIE != 0 => ArtifactKind::PieExecutable,
        MH_EXECUTE => ArtifactKind::Executable,
        MH_DYLIB => ArtifactKind::SharedLibrary,
        MH_BUNDLE => ArtifactKind::Plugin,
        MH_OBJECT => ArtifactKind::Object,
        _ => ArtifactKind::Other,
    };
    Ok(Image {
        bytes,
        arch: arch_name(macho.header.cputype),
        bits: if macho.is_64 { 64 } else { 32 },
        big_endian: !macho.little_endian,
        kind,
        map: AddressMap::new(regions),
        buildinfo_ranges: ranges,
        exports,
        pkghash_syms,
        problems,
        symbols: Box::new(move |wanted| symbols_named(&macho, wanted)),
    })
}

fn sections(macho: &MachO) -> Vec<SectionAt> {
    let mut out = Vec::new();
    for seg in macho.segments.iter() {
        for (sec, _) in seg.sections().unwrap_or_default() {
            out.push(SectionAt {
                name: sec.name().unwrap_or_default().to_string(),
                addr: sec.addr,
                size: sec.size,
                flags: sec.flags,
            });
        }
    }
    out
}

/// The export trie's entries, from `LC_DYLD_INFO[_ONLY]` or
/// `LC_DYLD_EXPORTS_TRIE`.
fn export_trie(macho: &MachO, bytes: &[u8]) -> Result<Vec<TrieExport>, String> {
    let location = macho.load_commands.iter().find_map(|lc| match &lc.command {
        CommandVariant::DyldInfo(c) | CommandVariant::DyldInfoOnly(c) => {
            Some((c.export_off, c.export_size))
        }
        CommandVariant::DyldExportsTrie(c) => Some((c.dataoff, c.datasize)),
        _ => None,
    });
    let Some((off, size)) = location else {
        return Ok(Vec::new());
    };
    let (off, size) = (off as usize, size as usize);
    let trie = off
        .checked_add(size)
        .and_then(|end| bytes.get(off..end))
        .ok_or_else(|| {
            format!(
                "the export trie ({size} bytes at {off:#x}) runs past the end of the file ({} bytes)",
                bytes.len()
            )
        })?;
    exports::walk_trie(trie)
}

/// Function or data, from the section an export's address falls in.
fn classify(list: Vec<TrieExport>, base: u64, sections: &[SectionAt]) -> Vec<ExportedSymbol> {
    let kinds = list.into_iter().map(|e| {
        let kind = match (e.address, e.flags & exports::EXPORT_SYMBOL_FLAGS_KIND_MASK) {
            (None, _) | (_, exports::EXPORT_SYMBOL_FLAGS_KIND_ABSOLUTE) => SymbolKind::Other,
            (_, exports::EXPORT_SYMBOL_FLAGS_KIND_THREAD_LOCAL) => SymbolKind::Data,
            (Some(offset), _) => {
                let addr = base.wrapping_add(offset);
                match sections
                    .iter()
                    .find(|s| addr >= s.addr && addr - s.addr < s.size)
                {
                    Some(s)
                        if s.flags & (S_ATTR_PURE_INSTRUCTIONS | S_ATTR_SOME_INSTRUCTIONS) != 0 =>
                    {
                        SymbolKind::Function
                    }
                    Some(_) => SymbolKind::Data,
                    None => SymbolKind::Other,
                }
            }
        };
        exported(&e.name, kind)
    });
    sorted(kinds.collect())
}

/// Defined symbols, matched with or without the leading `_` C names carry.
fn symbols_named(macho: &MachO, wanted: &BTreeSet<String>) -> Vec<SymbolAt> {
    macho
        .symbols()
        .map_while(Result::ok)
        .filter(|(_, nl)| nl.n_type & N_STAB == 0 && nl.n_type & N_TYPE == N_SECT)
        .filter_map(|(name, nl)| {
            let plain = name.strip_prefix('_').unwrap_or(name);
            let hit = [name, plain].into_iter().find(|n| wanted.contains(*n))?;
            Some(SymbolAt {
                name: hit.to_string(),
                addr: nl.n_value,
                size: None,
            })
        })
        .collect()
}

/// One architecture of a fat Mach-O.
pub(crate) struct FatSlice<'a> {
    pub index: usize,
    pub arch: String,
    /// Where the slice starts in the file.
    pub offset: u64,
    /// The slice, or why it is not in the file.
    pub bytes: Result<&'a [u8], String>,
}

/// The slices a fat header lists (`0xcafebabe`, or `0xcafebabf` with 64-bit
/// offsets). The header itself must fit in the file.
pub(crate) fn fat_slices(bytes: &[u8]) -> Result<Vec<FatSlice<'_>>, Unreadable> {
    let be32 = |at: usize| {
        bytes
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map(|b: [u8; 4]| u64::from(u32::from_be_bytes(b)))
    };
    let be64 = |at: usize| {
        bytes
            .get(at..at + 8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_be_bytes)
    };
    let wide = bytes.get(3) == Some(&0xbf);
    let count = be32(4).unwrap_or(0) as usize;
    let entry = if wide { 32 } else { 20 };
    let table_end = count.saturating_mul(entry).saturating_add(8);
    if table_end > bytes.len() {
        return Err(Unreadable::Malformed(format!(
            "fat Mach-O header lists {count} architectures ({table_end} bytes) but the file has {} bytes",
            bytes.len()
        )));
    }
    let mut slices = Vec::with_capacity(count);
    for index in 0..count {
        let at = 8 + index * entry;
        let cpu = be32(at).unwrap_or(0) as u32;
        let (offset, size) = if wide {
            (be64(at + 8).unwrap_or(0), be64(at + 16).unwrap_or(0))
        } else {
            (be32(at + 8).unwrap_or(0), be32(at + 12).unwrap_or(0))
        };
        let slice = usize::try_from(offset)
            .ok()
            .zip(usize::try_from(size).ok())
            .and_then(|(o, s)| bytes.get(o..o.checked_add(s)?))
            .ok_or_else(|| {
                format!(
                    "{size} bytes at {offset:#x} run past the end of the file ({} bytes)",
                    bytes.len()
                )
            });
        slices.push(FatSlice {
            index,
            arch: arch_name(cpu),
            offset,
            bytes: slice,
        });
    }
    Ok(slices)
}

/// `cputype` in `GOARCH` spelling.
fn arch_name(cpu: u32) -> String {
    let name = match cpu {
        cputype::CPU_TYPE_X86_64 => "amd64",
        cputype::CPU_TYPE_X86 => "386",
        cputype::CPU_TYPE_ARM64 => "arm64",
        cputype::CPU_TYPE_ARM64_32 => "arm64_32",
        cputype::CPU_TYPE_ARM => "arm",
        cputype::CPU_TYPE_POWERPC => "ppc",
        cputype::CPU_TYPE_POWERPC64 => "ppc64",
        _ => return format!("unknown-macho-{cpu:#x}"),
    };
    name.to_string()
}
