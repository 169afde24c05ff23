//! PE (Windows): sections, where Go keeps its build info, the export table
//! and the COFF symbol table Go writes unless linked with `-s`.

use goblin::pe::header;
use goblin::pe::options::ParseOptions;
use goblin::pe::section_table::{
    SectionTable, IMAGE_SCN_ALIGN_32BYTES, IMAGE_SCN_CNT_CODE, IMAGE_SCN_CNT_INITIALIZED_DATA,
    IMAGE_SCN_MEM_EXECUTE, IMAGE_SCN_MEM_READ, IMAGE_SCN_MEM_WRITE,
};
use goblin::pe::PE;

use crate::model::{ArtifactKind, SymbolKind};

use super::address::{AddressMap, Region};
use super::exports::{exported, sorted};
use super::{BinaryProblem, Image, SymbolAt, Unreadable};

pub(crate) fn read(bytes: &[u8]) -> Result<Image<'_>, Unreadable> {
    // Only what seam uses: no certificates, TLS, resources or imports.
    let mut options = ParseOptions::default();
    options.parse_attribute_certificates = false;
    options.parse_tls_data = false;
    options.parse_resources = false;
    options.parse_imports = false;
    let pe = PE::parse_with_opts(bytes, &options)
        .map_err(|e| Unreadable::Malformed(format!("malformed PE: {e}")))?;
    let base = pe.image_base;
    let executable =
        |s: &SectionTable| s.characteristics & (IMAGE_SCN_MEM_EXECUTE | IMAGE_SCN_CNT_CODE) != 0;
    let regions = pe
        .sections
        .iter()
        .map(|s| Region {
            addr: base.wrapping_add(u64::from(s.virtual_address)),
            offset: u64::from(s.pointer_to_raw_data),
            file_size: u64::from(s.size_of_raw_data),
            mem_size: u64::from(s.virtual_size.max(s.size_of_raw_data)),
            executable: executable(s),
        })
        .collect();
    // The first initialised, readable, writable section (`.data`).
    const DATA: u32 = IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_WRITE;
    let ranges = pe
        .sections
        .iter()
        .find(|s| {
            s.virtual_address != 0
                && s.size_of_raw_data != 0
                && s.characteristics & !IMAGE_SCN_ALIGN_32BYTES == DATA
        })
        .map(|s| {
            (
                base.wrapping_add(u64::from(s.virtual_address)),
                u64::from(s.virtual_size),
            )
        })
        .into_iter()
        .collect();
    let exports = pe
        .exports
        .iter()
        .filter_map(|e| {
            let name = e.name.filter(|n| !n.is_empty())?;
            let rva = e.rva as u64;
            let in_code = pe.sections.iter().any(|s| {
                let start = u64::from(s.virtual_address);
                executable(s) && rva >= start && rva - start < u64::from(s.virtual_size)
            });
            let kind = match (&e.reexport, in_code) {
                (Some(_), _) => SymbolKind::Other,
                (None, true) => SymbolKind::Function,
                (None, false) => SymbolKind::Data,
            };
            Some(exported(name, kind))
        })
        .collect();
    let mut problems = Vec::new();
    let symbols = coff_symbols(&pe, bytes).unwrap_or_else(|message| {
        problems.push(BinaryProblem {
            message,
            offset: None,
        });
        Vec::new()
    });
    Ok(Image {
        bytes,
        arch: arch_name(pe.header.coff_header.machine),
        bits: if pe.is_64 { 64 } else { 32 },
        big_endian: false,
        kind: if pe.is_lib {
            ArtifactKind::SharedLibrary
        } else {
            ArtifactKind::Executable
        },
        map: AddressMap::new(regions),
        buildinfo_ranges: ranges,
        exports: sorted(exports),
        pkghash_syms: Vec::new(),
        problems,
        symbols: Box::new(move |wanted| {
            symbols
                .iter()
                .filter_map(|(name, addr)| {
                    let plain = name.strip_prefix('_').unwrap_or(name);
                    let hit = [name.as_str(), plain]
                        .into_iter()
                        .find(|n| wanted.contains(*n))?;
                    Some(SymbolAt {
                        name: hit.to_string(),
                        addr: *addr,
                        size: None,
                    })
                })
                .collect()
        }),
    })
}

/// `(name, virtual address)` of every COFF symbol defined in a section.
fn coff_symbols(pe: &PE, bytes: &[u8]) -> Result<Vec<(String, u64)>, String> {
    let coff = &pe.header.coff_header;
    let bad = |e: goblin::error::Error| format!("malformed COFF symbol table: {e}");
    let Some(table) = coff.symbols(bytes).map_err(bad)? else {
        return Ok(Vec::new());
    };
    let strings = coff.strings(bytes).map_err(bad)?;
    let mut out = Vec::new();
    for (_, inline, sym) in table.iter() {
        let Ok(section) = usize::try_from(sym.section_number) else {
            continue;
        };
        let Some(section) = section.checked_sub(1).and_then(|i| pe.sections.get(i)) else {
            continue;
        };
        let name = match (inline, &strings) {
            (Some(name), _) => name,
            (None, Some(strings)) => match sym.name(strings) {
                Ok(name) => name,
                Err(_) => continue,
            },
            (None, None) => continue,
        };
        let addr = pe
            .image_base
            .wrapping_add(u64::from(section.virtual_address))
            .wrapping_add(u64::from(sym.value));
        out.push((name.to_string(), addr));
    }
    Ok(out)
}

/// COFF `Machine` in `GOARCH` spelling.
fn arch_name(machine: u16) -> String {
    let name = match machine {
        header::COFF_MACHINE_X86_64 => "amd64",
        header::COFF_MACHINE_X86 => "386",
        header::COFF_MACHINE_ARM64 => "arm64",
        header::COFF_MACHINE_ARMNT | header::COFF_MACHINE_ARM => "arm",
        header::COFF_MACHINE_RISCV64 => "riscv64",
        header::COFF_MACHINE_LOONGARCH64 => "loong64",
        _ => return format!("unknown-pe-{machine:#x}"),
    };
    name.to_string()
}
