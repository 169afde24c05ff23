use super::*;
use crate::frontends::binary::address::Region;

const BASE: u64 = 0x40_0000;
const START: &[u8; 16] = b"\x30\x77\xaf\x0c\x92\x74\x08\x02\x41\xe1\xc1\x07\xe6\xd6\x18\xe6";
const END: &[u8; 16] = b"\xf9\x32\x43\x31\x86\x18\x20\x72\x00\x82\x42\x10\x41\x16\xd8\xf2";
const MODINFO: &str = "path\texample.com/app\nmod\texample.com/app\t(devel)\t\n";

fn framed(text: &str) -> Vec<u8> {
    [&START[..], text.as_bytes(), &END[..]].concat()
}

fn put_uvarint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn header(ptr_size: u8, flags: u8) -> Vec<u8> {
    let mut h = MAGIC.to_vec();
    h.push(ptr_size);
    h.push(flags);
    h.resize(HEADER_LEN, 0);
    h
}

/// Go 1.18+ layout: header, then the two strings inline.
fn inline_blob(version: &str, modinfo: &[u8]) -> Vec<u8> {
    let mut b = header(8, FLAG_INLINE_STRINGS);
    put_uvarint(&mut b, version.len() as u64);
    b.extend_from_slice(version.as_bytes());
    put_uvarint(&mut b, modinfo.len() as u64);
    b.extend_from_slice(modinfo);
    b
}

/// One data region at `BASE` holding `bytes` from file offset 0.
fn one_region(bytes: &[u8]) -> AddressMap {
    AddressMap::new(vec![Region {
        addr: BASE,
        offset: 0,
        file_size: bytes.len() as u64,
        mem_size: bytes.len() as u64,
        executable: false,
    }])
}

fn decode_all(bytes: &[u8]) -> Result<Option<RawBuildInfo>, BuildInfoError> {
    find(bytes, &one_region(bytes), &[])
}

#[test]
fn uvarint_matches_go() {
    assert_eq!(uvarint(&[0x00]), Ok((0, 1)));
    assert_eq!(uvarint(&[0x7f, 0xff]), Ok((127, 1)));
    assert_eq!(uvarint(&[0xac, 0x02]), Ok((300, 2)));
    let max = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    assert_eq!(uvarint(&max), Ok((u64::MAX, 10)));
    assert_eq!(uvarint(&[]), Err(VarintError::Truncated));
    assert_eq!(uvarint(&[0x80, 0x80]), Err(VarintError::Truncated));
    let too_big = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02];
    assert_eq!(uvarint(&too_big), Err(VarintError::Overflow));
    assert_eq!(uvarint(&[0x80; 11]), Err(VarintError::Overflow));
}

#[test]
fn decodes_the_inline_layout_and_strips_sentinels() {
    let mut bytes = vec![0u8; 48];
    bytes.extend(inline_blob("go1.22.10", &framed(MODINFO)));
    let info = decode_all(&bytes).unwrap().unwrap();
    assert_eq!(info.version, "go1.22.10");
    assert_eq!(info.modinfo, MODINFO);
    assert_eq!(info.offset, 48);
    assert!(info.warnings.is_empty());
}

#[test]
fn unframe_follows_debug_buildinfo() {
    assert_eq!(unframe(&framed("x\n")), Some(&b"x\n"[..]));
    assert_eq!(unframe(&framed("\n")), Some(&b"\n"[..]));
    // Too short, or no newline before the end sentinel: not framed.
    assert_eq!(unframe(&framed("")), None);
    assert_eq!(unframe(&framed("no newline")), None);
    assert_eq!(unframe(b""), None);
}

#[test]
fn unframed_module_info_is_dropped_with_a_warning() {
    let bytes = inline_blob("go1.21.13", b"path\tx\n");
    let info = decode_all(&bytes).unwrap().unwrap();
    assert_eq!(info.modinfo, "");
    assert_eq!(info.warnings.len(), 1, "{:?}", info.warnings);
    assert!(info.warnings[0].contains("not framed"));
}

#[test]
fn non_utf8_module_info_is_kept_lossily_with_a_warning() {
    let modinfo = [&START[..], b"path\t\xff\n", &END[..]].concat();
    let bytes = inline_blob("go1.21.13", &modinfo);
    let info = decode_all(&bytes).unwrap().unwrap();
    assert!(info.modinfo.starts_with("path\t"));
    assert!(
        info.warnings[0].contains("not UTF-8"),
        "{:?}",
        info.warnings
    );
}

#[test]
fn the_magic_must_be_16_byte_aligned() {
    // A magic at offset 8 is skipped; the one at 48 is used.
    let mut bytes = vec![0u8; 8];
    bytes.extend(inline_blob("go1.0-wrong", b""));
    bytes.resize(48, 0);
    bytes.extend(inline_blob("go1.22.10", b""));
    assert_eq!(decode_all(&bytes).unwrap().unwrap().version, "go1.22.10");
}

#[test]
fn preferred_ranges_come_first() {
    let mut bytes = inline_blob("go1.0.1", b"");
    bytes.resize(64, 0);
    bytes.extend(inline_blob("go1.22.10", b""));
    let map = one_region(&bytes);
    let info = find(&bytes, &map, &[(BASE + 64, 64)]).unwrap().unwrap();
    assert_eq!(info.version, "go1.22.10");
    let info = find(&bytes, &map, &[]).unwrap().unwrap();
    assert_eq!(info.version, "go1.0.1");
}

#[test]
fn no_magic_means_not_go() {
    assert_eq!(decode_all(&[0u8; 256]), Ok(None));
    assert_eq!(decode_all(b""), Ok(None));
    // Executable regions are not searched.
    let bytes = inline_blob("go1.22.10", b"");
    let map = AddressMap::new(vec![Region {
        addr: 0,
        offset: 0,
        file_size: bytes.len() as u64,
        mem_size: bytes.len() as u64,
        executable: true,
    }]);
    assert_eq!(find(&bytes, &map, &[]), Ok(None));
}

#[test]
fn a_cut_off_header_is_an_error() {
    let bytes = inline_blob("go1.22.10", b"");
    let err = decode_all(&bytes[..20]).unwrap_err();
    assert!(
        err.reason.contains("header is cut off (20 of 32 bytes)"),
        "{err}"
    );
}

#[test]
fn lying_lengths_are_errors_not_allocations() {
    // Version length says 2^62 bytes.
    let mut bytes = header(8, FLAG_INLINE_STRINGS);
    put_uvarint(&mut bytes, 1 << 62);
    bytes.extend_from_slice(b"go1.22");
    let err = decode_all(&bytes).unwrap_err();
    assert!(
        err.to_string().contains(
            "Go version is said to be 4611686018427387904 bytes long, but only 6 bytes follow"
        ),
        "{err}"
    );

    // Module info length one past the end.
    let mut bytes = inline_blob("go1.22.10", b"abc");
    let n = bytes.len();
    bytes[n - 4] = 4;
    let err = decode_all(&bytes).unwrap_err();
    assert!(
        err.reason
            .contains("module info is said to be 4 bytes long, but only 3"),
        "{err}"
    );

    // A varint that never ends.
    let mut bytes = header(8, FLAG_INLINE_STRINGS);
    bytes.extend_from_slice(&[0xff; 4]);
    let err = decode_all(&bytes).unwrap_err();
    assert!(err.reason.contains("Go version length is cut off"), "{err}");

    let mut bytes = header(8, FLAG_INLINE_STRINGS);
    bytes.extend_from_slice(&[0xff; 12]);
    let err = decode_all(&bytes).unwrap_err();
    assert!(err.reason.contains("overflows"), "{err}");
}

#[test]
fn an_empty_version_is_an_error() {
    let err = decode_all(&inline_blob("", b"")).unwrap_err();
    assert!(err.reason.contains("Go version is empty"), "{err}");
}

/// Pre-1.18 layout: header pointers to Go string headers elsewhere.
fn pointer_blob(ptr: usize, big_endian: bool, version: &str, modinfo: &[u8]) -> Vec<u8> {
    let word = |v: u64| -> Vec<u8> {
        match (ptr, big_endian) {
            (4, false) => (v as u32).to_le_bytes().to_vec(),
            (4, true) => (v as u32).to_be_bytes().to_vec(),
            (_, false) => v.to_le_bytes().to_vec(),
            (_, true) => v.to_be_bytes().to_vec(),
        }
    };
    // Layout: header(32) | version hdr | modinfo hdr | version | modinfo
    let hdrs = HEADER_LEN as u64;
    let vers_hdr = BASE + hdrs;
    let mod_hdr = vers_hdr + 2 * ptr as u64;
    let vers_data = mod_hdr + 2 * ptr as u64;
    let mod_data = vers_data + version.len() as u64;
    let mut b = header(ptr as u8, if big_endian { FLAG_BIG_ENDIAN } else { 0 });
    b[16..16 + ptr].copy_from_slice(&word(vers_hdr));
    b[16 + ptr..16 + 2 * ptr].copy_from_slice(&word(mod_hdr));
    b.extend(word(vers_data));
    b.extend(word(version.len() as u64));
    b.extend(word(mod_data));
    b.extend(word(modinfo.len() as u64));
    b.extend_from_slice(version.as_bytes());
    b.extend_from_slice(modinfo);
    b
}

#[test]
fn decodes_the_pointer_layout_in_both_endians_and_sizes() {
    for (ptr, big) in [(8, false), (4, false), (8, true), (4, true)] {
        let bytes = pointer_blob(ptr, big, "go1.17.13", &framed(MODINFO));
        let info = decode_all(&bytes).unwrap().unwrap();
        assert_eq!(info.version, "go1.17.13", "ptr {ptr} big {big}");
        assert_eq!(info.modinfo, MODINFO, "ptr {ptr} big {big}");
    }
}

#[test]
fn pointer_layout_errors() {
    let mut bytes = pointer_blob(8, false, "go1.17", b"");
    bytes[14] = 2;
    let err = decode_all(&bytes).unwrap_err();
    assert!(err.reason.contains("pointer size 2"), "{err}");

    // The version length says 1 TiB.
    let mut bytes = pointer_blob(8, false, "go1.17", b"");
    bytes[HEADER_LEN + 8..HEADER_LEN + 16].copy_from_slice(&(1u64 << 40).to_le_bytes());
    let err = decode_all(&bytes).unwrap_err();
    assert!(err.reason.contains("more than the whole file"), "{err}");

    // The version length runs past the end of the file.
    let mut bytes = pointer_blob(8, false, "go1.17", b"");
    bytes[HEADER_LEN + 8..HEADER_LEN + 16].copy_from_slice(&40u64.to_le_bytes());
    let err = decode_all(&bytes).unwrap_err();
    assert!(err.reason.contains("is not in the file"), "{err}");

    // The version header points nowhere.
    let mut bytes = pointer_blob(8, false, "go1.17", b"");
    bytes[16..24].copy_from_slice(&0xdead_0000u64.to_le_bytes());
    let err = decode_all(&bytes).unwrap_err();
    assert!(
        err.reason
            .contains("string header at 0xdead0000 is not in the file"),
        "{err}"
    );
}

#[test]
fn read_word_reads_both_endians() {
    assert_eq!(read_word(&[1, 0, 0, 0], 4, false), Some(1));
    assert_eq!(read_word(&[0, 0, 0, 1], 4, true), Some(1));
    assert_eq!(read_word(&[1, 0, 0, 0, 0, 0, 0, 0], 8, false), Some(1));
    assert_eq!(read_word(&[1, 0], 4, false), None);
    assert_eq!(read_word(&[0; 8], 2, false), None);
}
