//! ELF: load segments, where Go keeps its build info, dynamic-symbol exports
//! and the symbol table.

use std::collections::BTreeSet;

use goblin::elf::dynamic::{DF_1_PIE, DT_FLAGS_1};
use goblin::elf::header::{self, ET_DYN, ET_EXEC, ET_REL};
use goblin::elf::program_header::{PF_W, PF_X, PT_LOAD};
use goblin::elf::section_header::{SHF_ALLOC, SHF_EXECINSTR, SHT_NOBITS};
use goblin::elf::sym::{
    STB_GLOBAL, STB_GNU_UNIQUE, STB_WEAK, STT_COMMON, STT_FUNC, STT_GNU_IFUNC, STT_OBJECT, STT_TLS,
    STV_DEFAULT, STV_PROTECTED,
};
use goblin::elf::Elf;

use crate::model::{ArtifactKind, SymbolKind};

use super::address::{AddressMap, Region};
use super::exports::{exported, sorted};
use super::{Image, SymbolAt, Unreadable};

pub(crate) fn read(bytes: &[u8]) -> Result<Image<'_>, Unreadable> {
    let elf =
        Elf::parse(bytes).map_err(|e| Unreadable::Malformed(format!("malformed ELF: {e}")))?;
    let big_endian = !elf.little_endian;
    let map = address_map(&elf);
    let kind = match elf.header.e_type {
        ET_EXEC => ArtifactKind::Executable,
        ET_DYN if elf.interpreter.is_some() || has_pie_flag(&elf) => ArtifactKind::PieExecutable,
        ET_DYN => ArtifactKind::SharedLibrary,
        ET_REL => ArtifactKind::Object,
        _ => ArtifactKind::Other,
    };
    Ok(Image {
        bytes,
        arch: arch_name(elf.header.e_machine, elf.is_64, big_endian),
        bits: if elf.is_64 { 64 } else { 32 },
        big_endian,
        kind,
        buildinfo_ranges: buildinfo_ranges(&elf),
        exports: dynamic_exports(&elf),
        pkghash_syms: super::pkghash::symbols(
            elf.dynsyms
                .iter()
                .filter(|s| s.st_shndx != 0)
                .filter_map(|s| Some((elf.dynstrtab.get_at(s.st_name)?, s.st_value))),
        ),
        map,
        problems: Vec::new(),
        symbols: Box::new(move |wanted| symbols_named(&elf, wanted)),
    })
}

/// `PT_LOAD` segments; the allocated sections of a file that has none.
fn address_map(elf: &Elf) -> AddressMap {
    let mut regions: Vec<Region> = elf
        .program_headers
        .iter()
        .filter(|p| p.p_type == PT_LOAD)
        .map(|p| Region {
            addr: p.p_vaddr,
            offset: p.p_offset,
            file_size: p.p_filesz,
            mem_size: p.p_memsz,
            executable: p.p_flags & PF_X != 0,
        })
        .collect();
    if regions.is_empty() {
        regions = elf
            .section_headers
            .iter()
            .filter(|s| s.sh_flags & u64::from(SHF_ALLOC) != 0)
            .map(|s| Region {
                addr: s.sh_addr,
                offset: s.sh_offset,
                file_size: if s.sh_type == SHT_NOBITS {
                    0
                } else {
                    s.sh_size
                },
                mem_size: s.sh_size,
                executable: s.sh_flags & u64::from(SHF_EXECINSTR) != 0,
            })
            .collect();
    }
    AddressMap::new(regions)
}

/// `.go.buildinfo`, else the first writable, non-executable `PT_LOAD`.
fn buildinfo_ranges(elf: &Elf) -> Vec<(u64, u64)> {
    let section = elf
        .section_headers
        .iter()
        .find(|s| elf.shdr_strtab.get_at(s.sh_name) == Some(".go.buildinfo"))
        .map(|s| (s.sh_addr, s.sh_size));
    let segment = elf
        .program_headers
        .iter()
        .find(|p| p.p_type == PT_LOAD && p.p_flags & (PF_X | PF_W) == PF_W)
        .map(|p| (p.p_vaddr, p.p_memsz));
    section.into_iter().chain(segment).collect()
}

fn has_pie_flag(elf: &Elf) -> bool {
    elf.dynamic.as_ref().is_some_and(|d| {
        d.dyns
            .iter()
            .any(|e| e.d_tag == DT_FLAGS_1 && e.d_val & DF_1_PIE != 0)
    })
}

/// Defined global or weak dynamic symbols with default or protected
/// visibility: what the dynamic linker lets other objects bind to.
fn dynamic_exports(elf: &Elf) -> Vec<crate::model::ExportedSymbol> {
    let list = elf
        .dynsyms
        .iter()
        .filter(|s| s.st_shndx != 0)
        .filter(|s| matches!(s.st_bind(), STB_GLOBAL | STB_WEAK | STB_GNU_UNIQUE))
        .filter(|s| matches!(s.st_visibility(), STV_DEFAULT | STV_PROTECTED))
        .filter_map(|s| {
            let name = elf.dynstrtab.get_at(s.st_name).filter(|n| !n.is_empty())?;
            let kind = match s.st_type() {
                STT_FUNC | STT_GNU_IFUNC => SymbolKind::Function,
                STT_OBJECT | STT_TLS | STT_COMMON => SymbolKind::Data,
                _ => SymbolKind::Other,
            };
            Some(exported(name, kind))
        })
        .collect();
    sorted(list)
}

fn symbols_named(elf: &Elf, wanted: &BTreeSet<String>) -> Vec<SymbolAt> {
    elf.syms
        .iter()
        .filter(|s| s.st_shndx != 0)
        .filter_map(|s| {
            let name = elf.strtab.get_at(s.st_name)?;
            wanted.contains(name).then(|| SymbolAt {
                name: name.to_string(),
                addr: s.st_value,
                size: Some(s.st_size),
            })
        })
        .collect()
}

/// `e_machine` in `GOARCH` spelling.
fn arch_name(machine: u16, is_64: bool, big_endian: bool) -> String {
    let name = match (machine, is_64, big_endian) {
        (header::EM_X86_64, _, _) => "amd64",
        (header::EM_386, _, _) => "386",
        (header::EM_AARCH64, _, _) => "arm64",
        (header::EM_ARM, _, _) => "arm",
        (header::EM_RISCV, true, _) => "riscv64",
        (header::EM_RISCV, false, _) => "riscv",
        (header::EM_PPC64, _, false) => "ppc64le",
        (header::EM_PPC64, _, true) => "ppc64",
        (header::EM_PPC, _, _) => "ppc",
        (header::EM_S390, _, _) => "s390x",
        (header::EM_MIPS, true, false) => "mips64le",
        (header::EM_MIPS, true, true) => "mips64",
        (header::EM_MIPS, false, false) => "mipsle",
        (header::EM_MIPS, false, true) => "mips",
        (header::EM_LOONGARCH, _, _) => "loong64",
        (header::EM_SPARCV9, _, _) => "sparc64",
        _ => return format!("unknown-elf-{machine}"),
    };
    name.to_string()
}
