use super::*;

/// Module info as the Go 1.22 linker writes it for a build with a replaced
/// dependency, a summed dependency, quoted ldflags and vcs settings.
const TEXT: &str = "path\texample.com/app\n\
mod\texample.com/app\t(devel)\t\n\
dep\texample.com/greet\tv1.0.0\n\
=>\t../greet/v1.0.0\t(devel)\t\n\
dep\tgolang.org/x/text\tv0.14.0\th1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=\n\
build\t-buildmode=exe\n\
build\t-ldflags=\"-X main.version=1.2.3 -s\"\n\
build\t-tags=netgo,osusergo\n\
build\tCGO_ENABLED=0\n\
build\tvcs.revision=f90319bab9f4ee5bdfd9fa7dae79cb770a7a91e0\n\
build\tvcs.modified=true\n";

#[test]
fn parses_every_line_kind() {
    let info = parse("go1.22.10", TEXT).unwrap();
    assert_eq!(info.go_version, "go1.22.10");
    assert_eq!(info.path.as_deref(), Some("example.com/app"));
    let main = info.main.as_ref().unwrap();
    assert_eq!(
        (main.path.as_str(), main.version.as_str(), main.sum.as_str()),
        ("example.com/app", "(devel)", "")
    );
    assert_eq!(info.deps.len(), 2);
    let greet = info.dep("example.com/greet").unwrap();
    assert_eq!(greet.version, "v1.0.0");
    assert_eq!(
        greet.replace,
        Some(GoModuleReplacement {
            path: "../greet/v1.0.0".into(),
            version: "(devel)".into(),
            sum: String::new()
        })
    );
    let text = info.dep("golang.org/x/text").unwrap();
    assert_eq!(text.sum, "h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=");
    assert_eq!(text.replace, None);
    assert_eq!(info.build_mode(), Some("exe"));
    assert_eq!(info.setting("-ldflags"), Some("-X main.version=1.2.3 -s"));
    assert_eq!(info.setting("-tags"), Some("netgo,osusergo"));
    assert_eq!(info.setting("vcs.modified"), Some("true"));
    let keys: Vec<&str> = info.settings.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "-buildmode",
            "-ldflags",
            "-tags",
            "CGO_ENABLED",
            "vcs.revision",
            "vcs.modified"
        ]
    );
}

#[test]
fn renders_like_go_version_m() {
    let info = parse("go1.22.10", TEXT).unwrap();
    let expected = "bin/app: go1.22.10\n\
\tpath\texample.com/app\n\
\tmod\texample.com/app\t(devel)\t\n\
\tdep\texample.com/greet\tv1.0.0\n\
\t=>\t../greet/v1.0.0\t(devel)\t\n\
\t\n\
\tdep\tgolang.org/x/text\tv0.14.0\th1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=\n\
\tbuild\t-buildmode=exe\n\
\tbuild\t-ldflags=\"-X main.version=1.2.3 -s\"\n\
\tbuild\t-tags=netgo,osusergo\n\
\tbuild\tCGO_ENABLED=0\n\
\tbuild\tvcs.revision=f90319bab9f4ee5bdfd9fa7dae79cb770a7a91e0\n\
\tbuild\tvcs.modified=true\n";
    assert_eq!(go_version_m("bin/app", &info), expected);
}

#[test]
fn a_binary_without_module_info_prints_only_the_version() {
    let info = parse("go1.21.13", "").unwrap();
    assert_eq!(go_version_m("x", &info), "x: go1.21.13\n");
    assert_eq!(info.main, None);
    assert_eq!(info.path, None);
}

#[test]
fn quoted_keys_and_values_round_trip() {
    let text = "build\t\"odd key\"=`raw value`\nbuild\tk=\nbuild\tq=\"a\\\"b\\tc\"\n";
    let info = parse("go1.22.10", text).unwrap();
    let pairs: Vec<(&str, &str)> = info
        .settings
        .iter()
        .map(|s| (s.key.as_str(), s.value.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [("odd key", "raw value"), ("k", ""), ("q", "a\"b\tc")]
    );
    assert_eq!(
        build_info_string(&info),
        "build\t\"odd key\"=\"raw value\"\nbuild\tk=\nbuild\tq=\"a\\\"b\\tc\"\n"
    );
}

#[test]
fn skips_unknown_lines_and_an_unterminated_last_line() {
    let info = parse("go1.22.10", "go\tgo1.22\n\nnoise\nbuild\ta=b\nbuild\tc=d").unwrap();
    assert_eq!(
        info.settings,
        [GoBuildSetting {
            key: "a".into(),
            value: "b".into()
        }]
    );
}

#[test]
fn an_empty_main_module_is_not_reported() {
    let info = parse("go1.22.10", "path\t\nmod\t\t\t\n").unwrap();
    assert_eq!(info.main, None);
    assert_eq!(info.path, None);
    assert_eq!(build_info_string(&info), "");
}

#[test]
fn a_replaced_main_module_is_kept() {
    let info = parse("go1.22.10", "mod\tm\tv1\n=>\t./m\t\t\n").unwrap();
    let main = info.main.unwrap();
    assert_eq!(main.replace.unwrap().path, "./m");
}

#[test]
fn rejects_what_go_rejects_with_the_line_number() {
    let cases = [
        ("mod\tonly-one\n", 1, "expected 2 or 3 columns; got 1"),
        (
            "path\tp\ndep\ta\tb\tc\td\n",
            2,
            "expected 2 or 3 columns; got 4",
        ),
        (
            "=>\tx\tv1\t\n",
            1,
            "replacement with no module on previous line",
        ),
        (
            "dep\ta\tv1\n=>\tx\tv1\n",
            2,
            "expected 3 columns for replacement; got 2",
        ),
        (
            "dep\ta\tv1\n=>\tx\tv1\t\n=>\ty\tv2\t\n",
            3,
            "replacement with no module",
        ),
        ("build\t\n", 1, "build line missing '='"),
        ("build\t=v\n", 1, "build line with missing key"),
        ("build\tkey\n", 1, "missing '=' after key"),
        ("build\t\"k\"\n", 1, "missing '=' after quoted key"),
        (
            "build\t\"k\"x=1\n",
            1,
            "unexpected character after quoted key",
        ),
        ("build\t\"k=1\n", 1, "invalid quoted key"),
        ("build\tk=\"v\n", 1, "invalid quoted value"),
        ("build\tk=a b\n", 1, "unquoted value \"a b\" must be quoted"),
    ];
    for (text, line, reason) in cases {
        let err = parse("go1.22.10", text).unwrap_err();
        assert_eq!(err.line, line, "{text:?}: {err}");
        assert!(err.reason.contains(reason), "{text:?}: {err}");
    }
}
