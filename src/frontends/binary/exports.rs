//! Exported symbols: naming (Rust demangling), ordering, and a bounded
//! reader for the Mach-O export trie.

use crate::model::{ExportedSymbol, SymbolKind};

/// An export, with its demangled form when the name is a mangled Rust name.
pub fn exported(name: &str, kind: SymbolKind) -> ExportedSymbol {
    let demangled = rustc_demangle::try_demangle(name)
        .ok()
        .map(|d| format!("{d:#}"))
        .filter(|d| d != name);
    ExportedSymbol {
        name: name.to_string(),
        demangled,
        kind,
    }
}

/// Sorted by name, one entry per name.
pub fn sorted(mut exports: Vec<ExportedSymbol>) -> Vec<ExportedSymbol> {
    exports.sort();
    exports.dedup_by(|a, b| a.name == b.name);
    exports
}

/// One terminal node of a Mach-O export trie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrieExport {
    pub name: String,
    pub flags: u64,
    /// Offset from the image's base address; `None` for re-exports.
    pub address: Option<u64>,
}

pub const EXPORT_SYMBOL_FLAGS_KIND_MASK: u64 = 0x03;
pub const EXPORT_SYMBOL_FLAGS_KIND_THREAD_LOCAL: u64 = 0x01;
pub const EXPORT_SYMBOL_FLAGS_KIND_ABSOLUTE: u64 = 0x02;
const EXPORT_SYMBOL_FLAGS_REEXPORT: u64 = 0x08;

/// Walks a Mach-O export trie (`LC_DYLD_INFO` / `LC_DYLD_EXPORTS_TRIE`
/// data). Iterative, and every node is visited at most once, so a trie whose
/// edges loop or share nodes cannot recurse without end; the names built
/// along the way are capped, since a deep chain of one-byte edges would
/// otherwise need memory quadratic in the trie's size.
pub fn walk_trie(trie: &[u8]) -> Result<Vec<TrieExport>, String> {
    let name_budget = trie.len().saturating_mul(64).max(64 << 20);
    let mut name_bytes = 0usize;
    let mut out = Vec::new();
    let mut visited = vec![false; trie.len()];
    let mut stack = vec![(0usize, String::new())];
    if trie.is_empty() {
        return Ok(out);
    }
    while let Some((node, prefix)) = stack.pop() {
        match visited.get_mut(node) {
            None => return Err(format!("export trie node at {node:#x} is past its end")),
            Some(true) => return Err(format!("export trie node at {node:#x} is reached twice")),
            Some(seen) => *seen = true,
        }
        let mut at = node;
        let info_len = uleb(trie, &mut at)?;
        let children_at = usize::try_from(info_len)
            .ok()
            .and_then(|n| at.checked_add(n))
            .filter(|&c| c < trie.len())
            .ok_or_else(|| format!("export trie node at {node:#x}: info runs past the end"))?;
        if info_len > 0 {
            let flags = uleb(trie, &mut at)?;
            let address = if flags & EXPORT_SYMBOL_FLAGS_REEXPORT != 0 {
                None
            } else {
                Some(uleb(trie, &mut at)?)
            };
            out.push(TrieExport {
                name: prefix.clone(),
                flags,
                address,
            });
        }
        let mut at = children_at;
        let count = trie[at];
        at += 1;
        for _ in 0..count {
            let len = trie[at.min(trie.len())..]
                .iter()
                .position(|&b| b == 0)
                .ok_or_else(|| format!("export trie edge at {at:#x} has no end"))?;
            let label = String::from_utf8_lossy(&trie[at..at + len]);
            at += len + 1;
            name_bytes = name_bytes.saturating_add(prefix.len() + label.len());
            if name_bytes > name_budget {
                return Err(format!(
                    "export trie names add up to more than {name_budget} bytes; not a real trie"
                ));
            }
            let child = usize::try_from(uleb(trie, &mut at)?)
                .map_err(|_| format!("export trie edge at {at:#x} points nowhere"))?;
            stack.push((child, format!("{prefix}{label}")));
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// An unsigned LEB128 number at `*at`, advancing `*at`.
fn uleb(data: &[u8], at: &mut usize) -> Result<u64, String> {
    let start = *at;
    let mut value: u64 = 0;
    for shift in (0..64).step_by(7) {
        let b = *data
            .get(*at)
            .ok_or_else(|| format!("export trie number at {start:#x} is cut off"))?;
        *at += 1;
        let bits = u64::from(b & 0x7f);
        if shift == 63 && bits > 1 {
            break;
        }
        value |= bits << shift;
        if b & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err(format!(
        "export trie number at {start:#x} overflows 64 bits"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A trie for `_a` (regular, address 0x10), `_ab` (re-export) and `_b`
    /// (thread-local, address 0x20).
    fn trie() -> Vec<u8> {
        vec![
            // 0: root, no info, one edge "_" -> 5
            0, 1, b'_', 0, 5, //
            // 5: no info, edges "a" -> 13, "b" -> 20
            0, 2, b'a', 0, 13, b'b', 0, 20, //
            // 13: info (2 bytes): flags 0, address 0x10; edge "b" -> 24
            2, 0, 0x10, 1, b'b', 0, 24, //
            // 20: info: flags thread-local, address 0x20; no edges
            2, 1, 0x20, 0, //
            // 24: info (3 bytes): flags re-export, ordinal 1, name ""; no edges
            3, 8, 1, 0, 0,
        ]
    }

    #[test]
    fn walks_a_trie() {
        let exports = walk_trie(&trie()).unwrap();
        let got: Vec<(&str, u64, Option<u64>)> = exports
            .iter()
            .map(|e| (e.name.as_str(), e.flags, e.address))
            .collect();
        assert_eq!(
            got,
            [
                ("_a", 0, Some(0x10)),
                ("_ab", 8, None),
                ("_b", 1, Some(0x20))
            ]
        );
    }

    #[test]
    fn an_empty_trie_has_no_exports() {
        assert_eq!(walk_trie(&[]), Ok(vec![]));
    }

    #[test]
    fn a_looping_trie_is_an_error_not_a_hang() {
        // Root's only child is the root.
        let err = walk_trie(&[0, 1, b'x', 0, 0]).unwrap_err();
        assert!(err.contains("reached twice"), "{err}");
    }

    #[test]
    fn a_deep_chain_of_edges_hits_the_name_budget() {
        // 2^20 nodes, each with one edge "a" to the next: names would total
        // 2^39 bytes.
        let n = 1 << 20;
        let mut trie = Vec::with_capacity(n * 8);
        for i in 0..n {
            trie.extend_from_slice(&[0, 1, b'a', 0]);
            let mut next = (i + 1) * 8;
            // A 4-byte uleb, padded so every node is 8 bytes.
            for k in 0..4 {
                let more = if k < 3 { 0x80 } else { 0 };
                trie.push((next & 0x7f) as u8 | more);
                next >>= 7;
            }
        }
        let err = walk_trie(&trie).unwrap_err();
        assert!(err.contains("names add up to more than"), "{err}");
    }

    #[test]
    fn broken_tries_are_errors() {
        for (bytes, reason) in [
            (&[0, 1, b'x', 0, 100][..], "past its end"),
            (&[0, 1, b'x'][..], "has no end"),
            (&[0x80][..], "cut off"),
            (&[50, 0][..], "info runs past the end"),
            (
                &[
                    0, 1, b'x', 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
                ][..],
                "overflows",
            ),
        ] {
            let err = walk_trie(bytes).unwrap_err();
            assert!(err.contains(reason), "{bytes:?}: {err}");
        }
    }

    #[test]
    fn demangles_rust_names_only() {
        let e = exported(
            "_ZN4core3fmt5write17h0123456789abcdefE",
            SymbolKind::Function,
        );
        assert_eq!(e.demangled.as_deref(), Some("core::fmt::write"));
        let e = exported("_RNvCs1234_7mycrate3foo", SymbolKind::Function);
        assert_eq!(e.demangled.as_deref(), Some("mycrate::foo"));
        assert_eq!(exported("SeamAdd", SymbolKind::Function).demangled, None);
        assert_eq!(
            exported("seam_rust_add", SymbolKind::Function).demangled,
            None
        );
    }

    #[test]
    fn sorted_dedups_by_name() {
        let list = vec![
            exported("b", SymbolKind::Data),
            exported("a", SymbolKind::Function),
            exported("b", SymbolKind::Function),
        ];
        let names: Vec<String> = sorted(list).into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["a", "b"]);
    }
}
