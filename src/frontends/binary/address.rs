//! Virtual addresses to file bytes: the loaded regions (ELF segments, Mach-O
//! segments, PE sections) of one image.

/// One loaded region: `file_size` bytes at file `offset` appear at virtual
/// address `addr`; the rest up to `mem_size` is zero-filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub addr: u64,
    pub offset: u64,
    pub file_size: u64,
    pub mem_size: u64,
    pub executable: bool,
}

/// What an address holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Mapped<'a> {
    /// Bytes from the file, from the address to the end of its region (or of
    /// the file, when the region claims more than the file has).
    File(&'a [u8]),
    /// Zero-filled memory (`.bss`): no bytes in the file.
    Zero,
    Unmapped,
}

/// The regions of one image, over that image's bytes.
#[derive(Clone, Debug, Default)]
pub struct AddressMap {
    regions: Vec<Region>,
}

impl AddressMap {
    pub fn new(regions: Vec<Region>) -> Self {
        AddressMap { regions }
    }

    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// The first region whose file bytes contain `addr`.
    pub fn file_region(&self, addr: u64) -> Option<&Region> {
        self.regions
            .iter()
            .find(|r| addr >= r.addr && addr - r.addr < r.file_size)
    }

    /// What `addr` holds in `bytes`, the image the map was built from.
    pub fn at<'a>(&self, bytes: &'a [u8], addr: u64) -> Mapped<'a> {
        if let Some(r) = self.file_region(addr) {
            let start = r.offset.saturating_add(addr - r.addr);
            let end = r.offset.saturating_add(r.file_size);
            return match (usize::try_from(start), usize::try_from(end)) {
                (Ok(start), Ok(end)) if start < bytes.len() => {
                    Mapped::File(&bytes[start..end.min(bytes.len())])
                }
                _ => Mapped::Unmapped,
            };
        }
        let zero = self
            .regions
            .iter()
            .any(|r| addr >= r.addr && addr - r.addr < r.mem_size);
        if zero {
            Mapped::Zero
        } else {
            Mapped::Unmapped
        }
    }

    /// Exactly `len` file bytes at `addr`, or `None` when fewer are there.
    pub fn read_exact<'a>(&self, bytes: &'a [u8], addr: u64, len: u64) -> Option<&'a [u8]> {
        match self.at(bytes, addr) {
            Mapped::File(data) => {
                let len = usize::try_from(len).ok()?;
                data.get(..len)
            }
            _ => None,
        }
    }

    /// Whether `addr` lies in an executable region (code, not data).
    pub fn is_executable(&self, addr: u64) -> bool {
        self.regions
            .iter()
            .any(|r| r.executable && addr >= r.addr && addr - r.addr < r.mem_size.max(r.file_size))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> AddressMap {
        AddressMap::new(vec![
            Region {
                addr: 0x1000,
                offset: 0,
                file_size: 4,
                mem_size: 4,
                executable: true,
            },
            Region {
                addr: 0x2000,
                offset: 4,
                file_size: 4,
                mem_size: 0x100,
                executable: false,
            },
            // Claims more file bytes than there are.
            Region {
                addr: 0x3000,
                offset: 6,
                file_size: 100,
                mem_size: 100,
                executable: false,
            },
        ])
    }

    #[test]
    fn maps_addresses_to_file_bytes() {
        let bytes = b"abcdefgh";
        let m = map();
        assert_eq!(m.at(bytes, 0x1001), Mapped::File(b"bcd"));
        assert_eq!(m.at(bytes, 0x2000), Mapped::File(b"efgh"));
        assert_eq!(m.at(bytes, 0x2004), Mapped::Zero);
        assert_eq!(m.at(bytes, 0x3000), Mapped::File(b"gh"));
        assert_eq!(m.at(bytes, 0x9000), Mapped::Unmapped);
        assert_eq!(m.read_exact(bytes, 0x2001, 3), Some(&b"fgh"[..]));
        assert_eq!(m.read_exact(bytes, 0x2001, 4), None);
        assert_eq!(m.read_exact(bytes, 0x3000, 3), None);
        assert!(m.is_executable(0x1003));
        assert!(!m.is_executable(0x2003));
    }

    #[test]
    fn offsets_past_the_file_are_unmapped() {
        let m = AddressMap::new(vec![Region {
            addr: 0,
            offset: u64::MAX - 1,
            file_size: u64::MAX,
            mem_size: u64::MAX,
            executable: false,
        }]);
        assert_eq!(m.at(b"abc", 5), Mapped::Unmapped);
    }
}
