//! Finds and decodes the build info blob the Go linker writes into every Go
//! binary, the way Go's `debug/buildinfo` does.
//!
//! The blob starts with a 32-byte header at a 16-byte aligned address:
//! `\xff Go buildinf:` (14 bytes), pointer size, flags, then either two
//! pointers to Go strings (before Go 1.18: version, module info; bit 0 of the
//! flags says big-endian) or, with flag `0x2`, zero padding followed by the two
//! strings inline, each prefixed by its length as a uvarint.

use super::address::{AddressMap, Mapped};

pub const MAGIC: &[u8; 14] = b"\xff Go buildinf:";
const HEADER_LEN: usize = 32;
const ALIGN: u64 = 16;
const FLAG_BIG_ENDIAN: u8 = 0x1;
const FLAG_INLINE_STRINGS: u8 = 0x2;
/// `cmd/go/internal/modload.infoStart` / `infoEnd`: 16 bytes each around the
/// module info.
const SENTINEL_LEN: usize = 16;

/// The two strings of a blob, module info already unframed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawBuildInfo {
    /// `go1.22.10`.
    pub version: String,
    /// `path\t...\nmod\t...\n...`, empty when the binary has none.
    pub modinfo: String,
    /// File offset of the blob's header.
    pub offset: u64,
    /// Oddities that did not stop decoding.
    pub warnings: Vec<String>,
}

/// Why a blob that is there could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("Go build info at file offset {offset:#x}: {reason}")]
pub struct BuildInfoError {
    pub offset: u64,
    pub reason: String,
}

/// Finds the blob, first in the `preferred` address ranges (where Go puts it
/// for this format), then in every non-executable region, and decodes it.
/// `Ok(None)`: no blob (not a Go binary).
pub fn find(
    bytes: &[u8],
    map: &AddressMap,
    preferred: &[(u64, u64)],
) -> Result<Option<RawBuildInfo>, BuildInfoError> {
    let everywhere = map
        .regions()
        .iter()
        .filter(|r| !r.executable && r.file_size > 0)
        .map(|r| (r.addr, r.file_size));
    let found = preferred
        .iter()
        .copied()
        .chain(everywhere)
        .find_map(|(addr, size)| search_magic(bytes, map, addr, size));
    match found {
        Some(addr) => decode(bytes, map, addr).map(Some),
        None => Ok(None),
    }
}

/// The first 16-byte aligned address in `[start, start + size)` holding the
/// magic.
fn search_magic(bytes: &[u8], map: &AddressMap, start: u64, size: u64) -> Option<u64> {
    let end = start.checked_add(size)?;
    let mut addr = start.checked_add(ALIGN - 1)? & !(ALIGN - 1);
    while addr < end {
        let Mapped::File(data) = map.at(bytes, addr) else {
            return None;
        };
        let limit = usize::try_from(end - addr).map_or(data.len(), |n| n.min(data.len()));
        let hit = (0..limit)
            .step_by(ALIGN as usize)
            .find(|&i| data.get(i..i + MAGIC.len()) == Some(&MAGIC[..]));
        if let Some(i) = hit {
            return Some(addr + i as u64);
        }
        // On to the next region, if the range goes on past this one.
        let next = addr.checked_add(data.len() as u64)?;
        addr = next.checked_add(ALIGN - 1)? & !(ALIGN - 1);
    }
    None
}

/// Decodes the blob whose magic is at `addr`.
pub fn decode(bytes: &[u8], map: &AddressMap, addr: u64) -> Result<RawBuildInfo, BuildInfoError> {
    let offset = map
        .file_region(addr)
        .map_or(0, |r| r.offset.saturating_add(addr - r.addr));
    let fail = |reason: String| BuildInfoError { offset, reason };
    let Mapped::File(blob) = map.at(bytes, addr) else {
        return Err(fail("the blob is outside the file".into()));
    };
    if blob.len() < HEADER_LEN {
        return Err(fail(format!(
            "the header is cut off ({} of {HEADER_LEN} bytes)",
            blob.len()
        )));
    }
    let ptr_size = blob[14];
    let flags = blob[15];
    let (version, modinfo) = if flags & FLAG_INLINE_STRINGS != 0 {
        let rest = &blob[HEADER_LEN..];
        let (version, used) = inline_string(rest, "Go version").map_err(fail)?;
        let (modinfo, _) = inline_string(&rest[used..], "module info").map_err(fail)?;
        (version, modinfo)
    } else {
        let ptr = match ptr_size {
            4 | 8 => ptr_size as usize,
            n => return Err(fail(format!("pointer size {n} (expected 4 or 8)"))),
        };
        let pointers = Pointers {
            bytes,
            map,
            size: ptr,
            big_endian: flags & FLAG_BIG_ENDIAN != 0,
        };
        let version_at = pointers.word(&blob[16..]);
        let modinfo_at = pointers.word(&blob[16 + ptr..]);
        let version = pointers.go_string(version_at, "Go version").map_err(fail)?;
        let modinfo = pointers
            .go_string(modinfo_at, "module info")
            .map_err(fail)?;
        (version, modinfo)
    };
    if version.is_empty() {
        return Err(fail("the Go version is empty".into()));
    }
    let version = std::str::from_utf8(version)
        .map_err(|_| fail("the Go version is not UTF-8".into()))?
        .to_string();
    let mut warnings = Vec::new();
    let modinfo = match unframe(modinfo) {
        Some(inner) => inner,
        None => {
            if !modinfo.is_empty() {
                warnings.push(format!(
                    "Go build info at file offset {offset:#x}: the module info ({} bytes) is not framed by Go's sentinels; ignored",
                    modinfo.len()
                ));
            }
            &[]
        }
    };
    let modinfo = match std::str::from_utf8(modinfo) {
        Ok(text) => text.to_string(),
        Err(e) => {
            warnings.push(format!(
                "Go build info at file offset {offset:#x}: the module info is not UTF-8 (at byte {})",
                e.valid_up_to()
            ));
            String::from_utf8_lossy(modinfo).into_owned()
        }
    };
    Ok(RawBuildInfo {
        version,
        modinfo,
        offset,
        warnings,
    })
}

/// Strips the 16-byte sentinels around the module info, as `debug/buildinfo`
/// does: present when the text is at least 33 bytes long and has a newline
/// just before the end sentinel. Works on bytes: the sentinels are not UTF-8.
pub fn unframe(modinfo: &[u8]) -> Option<&[u8]> {
    let n = modinfo.len();
    if n > 2 * SENTINEL_LEN && modinfo[n - SENTINEL_LEN - 1] == b'\n' {
        Some(&modinfo[SENTINEL_LEN..n - SENTINEL_LEN])
    } else {
        None
    }
}

/// A uvarint length and that many bytes; returns the bytes and how many bytes
/// of `data` the two took.
fn inline_string<'a>(data: &'a [u8], what: &str) -> Result<(&'a [u8], usize), String> {
    let (len, n) = uvarint(data).map_err(|e| format!("the {what} length {e}"))?;
    let avail = data.len() - n;
    match usize::try_from(len) {
        Ok(len) if len <= avail => Ok((&data[n..n + len], n + len)),
        _ => Err(format!(
            "the {what} is said to be {len} bytes long, but only {avail} bytes follow"
        )),
    }
}

/// Pointer-sized words and Go string headers of the old (pre-1.18) layout.
struct Pointers<'a> {
    bytes: &'a [u8],
    map: &'a AddressMap,
    size: usize,
    big_endian: bool,
}

impl<'a> Pointers<'a> {
    /// The word at the start of `b` (which holds at least `size` bytes).
    fn word(&self, b: &[u8]) -> u64 {
        read_word(b, self.size, self.big_endian).unwrap_or(0)
    }

    /// The Go string whose header (data pointer, length) is at `addr`.
    fn go_string(&self, addr: u64, what: &str) -> Result<&'a [u8], String> {
        let header = self
            .map
            .read_exact(self.bytes, addr, 2 * self.size as u64)
            .ok_or_else(|| format!("the {what} string header at {addr:#x} is not in the file"))?;
        let data_at = self.word(header);
        let len = self.word(&header[self.size..]);
        if len == 0 {
            return Ok(&[]);
        }
        if len > self.bytes.len() as u64 {
            return Err(format!(
                "the {what} is said to be {len} bytes long, more than the whole file ({} bytes)",
                self.bytes.len()
            ));
        }
        self.map
            .read_exact(self.bytes, data_at, len)
            .ok_or_else(|| format!("the {what} ({len} bytes at {data_at:#x}) is not in the file"))
    }
}

/// A little- or big-endian unsigned integer of `size` (4 or 8) bytes.
pub fn read_word(b: &[u8], size: usize, big_endian: bool) -> Option<u64> {
    match size {
        4 => {
            let a: [u8; 4] = b.get(..4)?.try_into().ok()?;
            Some(if big_endian {
                u32::from_be_bytes(a)
            } else {
                u32::from_le_bytes(a)
            } as u64)
        }
        8 => {
            let a: [u8; 8] = b.get(..8)?.try_into().ok()?;
            Some(if big_endian {
                u64::from_be_bytes(a)
            } else {
                u64::from_le_bytes(a)
            })
        }
        _ => None,
    }
}

/// Why a uvarint could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VarintError {
    #[error("is cut off")]
    Truncated,
    #[error("overflows 64 bits")]
    Overflow,
}

/// Go's `encoding/binary.Uvarint`: the value and the number of bytes read.
pub fn uvarint(buf: &[u8]) -> Result<(u64, usize), VarintError> {
    const MAX_LEN: usize = 10;
    let mut x: u64 = 0;
    let mut shift = 0u32;
    for (i, &b) in buf.iter().enumerate() {
        if i == MAX_LEN {
            return Err(VarintError::Overflow);
        }
        if b < 0x80 {
            if i == MAX_LEN - 1 && b > 1 {
                return Err(VarintError::Overflow);
            }
            return Ok((x | (b as u64) << shift, i + 1));
        }
        x |= ((b & 0x7f) as u64) << shift;
        shift += 7;
    }
    Err(VarintError::Truncated)
}

#[cfg(test)]
#[path = "buildinfo_tests.rs"]
mod tests;
