//! Tests over the committed binaries in `fixtures/bin` (built by its
//! `build.sh`; no Go needed here) and over broken inputs.

use super::*;
use crate::model::SymbolKind;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/bin/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture_text(name: &str) -> String {
    String::from_utf8(fixture(name)).unwrap()
}

/// Every Go binary that has a recorded `go version -m`.
const GO_BINARIES: &[&str] = &[
    "app-go1.21-linux-amd64",
    "app-go1.22-linux-amd64",
    "app-go1.22-darwin-arm64",
    "app-go1.22-windows-amd64.exe",
    "app-go1.22-linux-amd64-xversion",
    "app-go1.22-linux-amd64-vcs",
    "cshared-go1.22-linux-amd64.so",
    "pluginhost-go1.22-linux-amd64",
    "plugin-go1.21-linux-amd64.so",
    "plugin-greet1.1-go1.22-linux-amd64.so",
];

fn read_ok(name: &str) -> Artifact {
    let read = read(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(read.problems, [], "{name}");
    read.artifact
}

fn only_image(name: &str) -> BinaryImage {
    let mut artifact = read_ok(name);
    assert_eq!(artifact.images.len(), 1, "{name}");
    artifact.images.remove(0)
}

#[test]
fn every_fixture_decodes_exactly_like_go_version_m() {
    for name in GO_BINARIES {
        let image = only_image(name);
        let go = image
            .go
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: no Go build info"));
        let expected = fixture_text(&format!("{name}.go-version-m.txt"));
        assert_eq!(go_version_m(name, go), expected, "{name}");
    }
}

#[test]
fn format_arch_and_kind_of_every_fixture() {
    use ArtifactFormat::*;
    use ArtifactKind::*;
    let cases = [
        ("app-go1.21-linux-amd64", Elf, "amd64", Executable),
        ("app-go1.22-darwin-arm64", Macho, "arm64", PieExecutable),
        ("app-go1.22-windows-amd64.exe", Pe, "amd64", Executable),
        ("cshared-go1.22-linux-amd64.so", Elf, "amd64", CShared),
        ("pluginhost-go1.22-linux-amd64", Elf, "amd64", Executable),
        ("plugin-go1.21-linux-amd64.so", Elf, "amd64", Plugin),
        ("libseam_fixture_rustlib.so", Elf, "amd64", SharedLibrary),
    ];
    for (name, format, arch, kind) in cases {
        let artifact = read_ok(name);
        assert_eq!(artifact.format, format, "{name}");
        let image = &artifact.images[0];
        assert_eq!(
            (
                image.arch.as_str(),
                image.bits,
                image.big_endian,
                image.kind
            ),
            (arch, 64, false, kind),
            "{name}"
        );
    }
}

#[test]
fn go_facts_rules_will_compare() {
    let host = only_image("pluginhost-go1.22-linux-amd64").go.unwrap();
    let old_plugin = only_image("plugin-go1.21-linux-amd64.so").go.unwrap();
    let new_plugin = only_image("plugin-greet1.1-go1.22-linux-amd64.so")
        .go
        .unwrap();
    assert_eq!(
        (host.go_version.as_str(), old_plugin.go_version.as_str()),
        ("go1.22.10", "go1.21.13")
    );
    let greet = |g: &GoBuildInfo| g.dep("example.com/greet").cloned().unwrap();
    assert_eq!(greet(&host), greet(&old_plugin));
    assert_eq!(greet(&new_plugin).version, "v1.1.0");
    assert_ne!(greet(&new_plugin).sum, greet(&host).sum);
    assert!(greet(&host).sum.starts_with("h1:"));

    let vcs = only_image("app-go1.22-linux-amd64-vcs").go.unwrap();
    assert_eq!(
        vcs.setting("vcs.revision"),
        Some("f90319bab9f4ee5bdfd9fa7dae79cb770a7a91e0")
    );
    assert_eq!(vcs.setting("vcs.modified"), Some("false"));
    let app = only_image("app-go1.22-linux-amd64").go.unwrap();
    let replaced = app
        .dep("example.com/greet")
        .unwrap()
        .replace
        .clone()
        .unwrap();
    assert_eq!(
        (replaced.path.as_str(), replaced.version.as_str()),
        ("../greet/v1.0.0", "(devel)")
    );
    assert_eq!(app.main.unwrap().path, "example.com/app");
}

#[test]
fn x_strings_come_from_the_symbol_table() {
    let image = only_image("app-go1.22-linux-amd64-xversion");
    let got: Vec<(&str, &str, bool)> = image
        .go_strings
        .iter()
        .map(|s| (s.name.as_str(), s.value.as_str(), s.injected))
        .collect();
    assert_eq!(
        got,
        [
            ("main.commit", "0123abc", true),
            ("main.version", "1.2.3", true)
        ]
    );
    // Stripped (-s): no symbol table, no strings.
    assert_eq!(only_image("app-go1.22-linux-amd64").go_strings, []);
}

fn export_names(image: &BinaryImage, kind: SymbolKind) -> Vec<&str> {
    image
        .exports
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.name.as_str())
        .collect()
}

#[test]
fn c_exports_of_the_c_shared_library_and_the_rust_cdylib() {
    let go = only_image("cshared-go1.22-linux-amd64.so");
    let functions = export_names(&go, SymbolKind::Function);
    assert!(
        functions.contains(&"SeamAdd") && functions.contains(&"SeamVersion"),
        "{functions:?}"
    );
    let rust = only_image("libseam_fixture_rustlib.so");
    assert_eq!(
        export_names(&rust, SymbolKind::Function),
        ["seam_rust_add", "seam_rust_strlen"]
    );
    assert!(rust.go.is_none());
    let plugin = only_image("plugin-go1.21-linux-amd64.so");
    assert!(plugin
        .exports
        .iter()
        .any(|e| e.name == "example.com/plugin.Greet"));
    // Executables export nothing (Mach-O's __mh_execute_header aside).
    assert_eq!(only_image("app-go1.22-linux-amd64").exports, []);
    let darwin = only_image("app-go1.22-darwin-arm64");
    assert!(
        darwin
            .exports
            .iter()
            .all(|e| e.name == "__mh_execute_header"),
        "{:?}",
        darwin.exports
    );
}

/// A fat Mach-O around the darwin fixture, twice (offsets 4096-aligned).
fn fat(slice: &[u8], count: u32) -> Vec<u8> {
    let mut out = vec![0xca, 0xfe, 0xba, 0xbe];
    out.extend(count.to_be_bytes());
    let size = slice.len() as u32;
    let stride = (size + 4095) & !4095;
    for i in 0..count {
        out.extend(0x0100_000cu32.to_be_bytes()); // CPU_TYPE_ARM64
        out.extend(0u32.to_be_bytes());
        out.extend((4096 + i * stride).to_be_bytes());
        out.extend(size.to_be_bytes());
        out.extend(12u32.to_be_bytes());
    }
    for i in 0..count {
        out.resize((4096 + i * stride) as usize, 0);
        out.extend_from_slice(slice);
    }
    out
}

#[test]
fn reads_every_image_of_a_fat_mach_o() {
    let thin = fixture("app-go1.22-darwin-arm64");
    let read = read(&fat(&thin, 2)).unwrap();
    assert_eq!(read.problems, []);
    assert_eq!(read.artifact.format, ArtifactFormat::MachoFat);
    assert_eq!(read.artifact.images.len(), 2);
    let expected = only_image("app-go1.22-darwin-arm64");
    assert!(read.artifact.images.iter().all(|i| *i == expected));
}

#[test]
fn a_fat_slice_past_the_end_is_a_problem() {
    let thin = fixture("app-go1.22-darwin-arm64");
    let mut bytes = fat(&thin, 2);
    bytes.truncate(bytes.len() - 10);
    let read = read(&bytes).unwrap();
    assert_eq!(read.artifact.images.len(), 1);
    assert_eq!(read.problems.len(), 1);
    assert!(
        read.problems[0].message.contains("slice 1 (arm64)"),
        "{:?}",
        read.problems
    );
    assert!(read.problems[0]
        .message
        .contains("run past the end of the file"));
    // With no readable slice at all the file is unreadable.
    let err = super::read(&bytes[..5000]).unwrap_err();
    assert!(err.to_string().contains("run past the end"), "{err}");
}

#[test]
fn magic_bytes() {
    for head in [
        &b"\x7fELF\x02\x01\x01"[..],
        &[0xcf, 0xfa, 0xed, 0xfe],
        &[0xce, 0xfa, 0xed, 0xfe],
        &[0xfe, 0xed, 0xfa, 0xcf],
        &[0xfe, 0xed, 0xfa, 0xce],
        &[0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2],
        &[0xca, 0xfe, 0xba, 0xbf, 0, 0, 0, 1],
        b"MZ\x90\x00",
    ] {
        assert!(looks_like_binary(head), "{head:x?}");
    }
    for head in [
        &b"\x89PNG\r\n\x1a\n"[..],
        // A Java class file (version 52).
        &[0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52],
        &[0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 0],
        b"\x7fEL",
        b"#!/bin/sh\n",
        b"",
    ] {
        assert!(!looks_like_binary(head), "{head:x?}");
    }
}

#[test]
fn unreadable_inputs_are_errors_with_reasons() {
    assert_eq!(read(b""), Err(Unreadable::Empty));
    assert_eq!(
        read(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        Err(Unreadable::Unrecognised)
    );
    let elf = fixture("app-go1.22-linux-amd64");
    for len in [4, 63, 64, 1000, 4096] {
        match read(&elf[..len]) {
            Err(Unreadable::Malformed(m)) => assert!(m.starts_with("malformed ELF"), "{len}: {m}"),
            other => panic!("{len}: {other:?}"),
        }
    }
    for (name, prefix) in [
        ("app-go1.22-darwin-arm64", "malformed Mach-O"),
        ("app-go1.22-windows-amd64.exe", "malformed PE"),
    ] {
        match read(&fixture(name)[..200]) {
            Err(Unreadable::Malformed(m)) => assert!(m.starts_with(prefix), "{name}: {m}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}

/// The file offset of the build info blob of a fixture.
fn blob_offset(bytes: &[u8]) -> usize {
    (0..bytes.len())
        .step_by(16)
        .find(|&i| bytes[i..].starts_with(buildinfo::MAGIC))
        .unwrap()
}

#[test]
fn a_lying_buildinfo_header_is_a_problem_with_its_offset() {
    let mut elf = fixture("app-go1.22-linux-amd64");
    let at = blob_offset(&elf);
    // Version length: 2^32 - 1 as a uvarint.
    elf[at + 32..at + 37].copy_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f]);
    let facts = analyze("bin/app", &elf);
    assert_eq!(facts.kind, FileKind::Binary);
    assert_eq!(facts.problems.len(), 1, "{:?}", facts.problems);
    let p = &facts.problems[0];
    assert!(
        p.message
            .contains("Go version is said to be 4294967295 bytes long"),
        "{}",
        p.message
    );
    assert_eq!(&*p.origin.path, "bin/app");
    assert_eq!(p.origin.start as usize, at);
    let image = &facts.artifact.unwrap().images[0];
    assert_eq!(image.go, None);
    assert_eq!(image.arch, "amd64");
}

#[test]
fn unparsable_module_info_keeps_the_go_version() {
    let mut elf = fixture("app-go1.22-linux-amd64");
    let at = blob_offset(&elf);
    // "path\t..." -> "dep\tx...": a dep line with one column, same length.
    let start = at + elf[at..].windows(5).position(|w| w == b"path\t").unwrap();
    elf[start..start + 5].copy_from_slice(b"dep\tx");
    let read = read(&elf).unwrap();
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
    assert!(
        read.problems[0]
            .message
            .contains("line 1: expected 2 or 3 columns; got 1"),
        "{:?}",
        read.problems
    );
    assert_eq!(
        read.artifact.images[0].go.as_ref().unwrap().go_version,
        "go1.22.10"
    );
}

/// A small deterministic generator for corruptions.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

#[test]
fn corrupted_binaries_never_panic() {
    let mut rng = Lcg(7);
    for name in [
        "app-go1.22-linux-amd64",
        "app-go1.22-darwin-arm64",
        "app-go1.22-windows-amd64.exe",
        "cshared-go1.22-linux-amd64.so",
    ] {
        let original = fixture(name);
        let blob = blob_offset(&original);
        for round in 0..60 {
            let mut bytes = original.clone();
            // Corrupt the headers, the build info blob, or anywhere.
            for _ in 0..8 {
                let at = match round % 3 {
                    0 => rng.next(4096),
                    1 => blob + rng.next(512),
                    _ => rng.next(bytes.len()),
                };
                bytes[at] = rng.next(256) as u8;
            }
            let len = if round % 5 == 0 {
                rng.next(bytes.len())
            } else {
                bytes.len()
            };
            if let Err(Unreadable::Malformed(m)) = read(&bytes[..len]) {
                assert!(!m.contains("panicked"), "{name} round {round}: {m}");
            }
        }
    }
}
