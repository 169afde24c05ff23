//! VER rules over synthetic facts: cases the committed binaries do not
//! cover (a dirty build, toolchain pinning modes, plugins without package
//! fingerprints, a fat binary).

use seam::config::Config;
use seam::engine;
use seam::frontends;
use seam::link;
use seam::model::{
    Artifact, ArtifactFormat, ArtifactKind, BinaryImage, FileFacts, FileKind, GitHead, GoBuildInfo,
    GoBuildSetting, GoModule,
};

fn go_binary(
    path: &str,
    version: &str,
    module: &str,
    kind: ArtifactKind,
    settings: &[(&str, &str)],
    deps: &[(&str, &str)],
) -> FileFacts {
    let mut f = FileFacts::new(path, FileKind::Binary);
    let go = GoBuildInfo {
        go_version: version.into(),
        path: Some(module.into()),
        main: Some(GoModule {
            path: module.into(),
            version: "(devel)".into(),
            ..Default::default()
        }),
        deps: deps
            .iter()
            .map(|(p, v)| GoModule {
                path: (*p).into(),
                version: (*v).into(),
                ..Default::default()
            })
            .collect(),
        settings: settings
            .iter()
            .map(|(k, v)| GoBuildSetting {
                key: (*k).into(),
                value: (*v).into(),
            })
            .collect(),
    };
    f.artifact = Some(Artifact {
        format: ArtifactFormat::Elf,
        images: vec![BinaryImage {
            arch: "amd64".into(),
            bits: 64,
            big_endian: false,
            kind,
            go: Some(go),
            go_strings: Vec::new(),
            exports: Vec::new(),
            go_package_hashes: Vec::new(),
        }],
    });
    f
}

fn go_mod(path: &str, text: &str) -> FileFacts {
    frontends::analyze(path, FileKind::GoMod, text.as_bytes())
}

fn run(files: Vec<FileFacts>, config: &str, head: Option<&str>) -> Vec<(String, String)> {
    let config = Config::parse("seam.toml", config).unwrap();
    let mut a = link::link(files, &config);
    a.versions.git_head = head.map(|h| GitHead {
        revision: h.into(),
        reference: Some("refs/heads/main".into()),
        source: Some(".git/refs/heads/main".into()),
    });
    engine::check(&a, &config, false)
        .into_iter()
        .map(|f| (f.rule, f.message))
        .collect()
}

const LINUX: [(&str, &str); 2] = [("GOOS", "linux"), ("GOARCH", "amd64")];

#[test]
fn ver005_dirty_and_stale_builds_of_modules_in_the_tree() {
    let rev = "f90319bab9f4ee5bdfd9fa7dae79cb770a7a91e0";
    let dirty = [("vcs.revision", rev), ("vcs.modified", "true")];
    let files = || {
        vec![
            go_mod("go.mod", "module example.com/app\n\ngo 1.21\n"),
            go_binary(
                "bin/app",
                "go1.22.10",
                "example.com/app",
                ArtifactKind::Executable,
                &dirty,
                &[],
            ),
            // Another repository's tool: never judged.
            go_binary(
                "bin/tool",
                "go1.22.10",
                "example.com/tool",
                ArtifactKind::Executable,
                &dirty,
                &[],
            ),
        ]
    };
    let got = run(files(), "", Some(rev));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0]
            .1
            .contains("uncommitted changes (vcs.modified=true at f90319bab9f4)"),
        "{got:?}"
    );
    let got = run(
        files(),
        "",
        Some("0000000000000000000000000000000000000001"),
    );
    assert_eq!(got.len(), 2, "{got:?}");
    // No HEAD: only the modified check.
    assert_eq!(run(files(), "", None).len(), 1);
}

#[test]
fn ver001_toolchain_pinning_modes() {
    let files = |gomod: &str, built: &str| {
        vec![
            go_mod("go.mod", gomod),
            go_binary(
                "app",
                built,
                "example.com/app",
                ArtifactKind::Executable,
                &LINUX,
                &[],
            ),
        ]
    };
    let rules = |f, c| {
        run(f, c, None)
            .into_iter()
            .map(|(r, _)| r)
            .collect::<Vec<_>>()
    };
    let with_toolchain = "module example.com/app\n\ngo 1.22.0\n\ntoolchain go1.22.5\n";
    let without = "module example.com/app\n\ngo 1.22.0\n";
    // Default: only a toolchain line pins.
    assert_eq!(
        rules(files(with_toolchain, "go1.22.10"), ""),
        vec!["VER001"]
    );
    assert!(rules(files(without, "go1.22.10"), "").is_empty());
    // true: the go line pins when there is no toolchain line.
    assert_eq!(
        rules(
            files(without, "go1.22.10"),
            "[go]\nrequire_toolchain_match = true\n"
        ),
        vec!["VER001"]
    );
    assert!(rules(
        files(without, "go1.22.0"),
        "[go]\nrequire_toolchain_match = true\n"
    )
    .is_empty());
    // false: only the minimum.
    assert!(rules(
        files(with_toolchain, "go1.22.10"),
        "[go]\nrequire_toolchain_match = false\n"
    )
    .is_empty());
    assert_eq!(
        rules(
            files(with_toolchain, "go1.22rc1"),
            "[go]\nrequire_toolchain_match = false\n"
        ),
        vec!["VER001"]
    );
    // Development builds are not judged.
    assert!(rules(files(with_toolchain, "devel go1.23-abc"), "").is_empty());
}

#[test]
fn ver002_without_fingerprints_compares_build_info() {
    let host_settings = [("GOOS", "linux"), ("GOARCH", "amd64"), ("-tags", "prod")];
    let plugin = |tags: &str, greet: &str| {
        let s = [
            ("GOOS", "linux"),
            ("GOARCH", "amd64"),
            ("-buildmode", "plugin"),
            ("-tags", tags),
        ];
        go_binary(
            "p.so",
            "go1.22.10",
            "example.com/p",
            ArtifactKind::Plugin,
            &s,
            &[("example.com/greet", greet)],
        )
    };
    let mut host = go_binary(
        "host",
        "go1.22.10",
        "example.com/host",
        ArtifactKind::Executable,
        &host_settings,
        &[("example.com/greet", "v1.0.0")],
    );
    // A host is an executable that exports package fingerprints.
    host.artifact.as_mut().unwrap().images[0].go_package_hashes =
        vec![seam::model::GoPackageHash {
            package: "runtime".into(),
            hash: "0011223344556677".into(),
        }];
    assert!(run(vec![host.clone(), plugin("prod", "v1.0.0")], "", None).is_empty());
    let got = run(vec![host.clone(), plugin("prod", "v1.1.0")], "", None);
    assert_eq!(got.len(), 1);
    assert!(
        got[0]
            .1
            .contains("different version of package example.com/greet"),
        "{got:?}"
    );
    let got = run(vec![host.clone(), plugin("dev", "v1.0.0")], "", None);
    assert!(
        got[0]
            .1
            .contains("-tags: dev in the plugin, prod in the host"),
        "{got:?}"
    );
    // An executable without fingerprints cannot load plugins: no pair.
    host.artifact.as_mut().unwrap().images[0]
        .go_package_hashes
        .clear();
    assert!(run(vec![host, plugin("dev", "v1.1.0")], "", None).is_empty());
}
