//! Facts one file yields: objects, fields in literals and later statements,
//! bindings across functions, calls.

use crate::model::{
    FuncRef, NetBase, NetCallKind, NetFacts, NetHome, NetKind, NetRef, NetValue, PathExpr,
    StringsExpr,
};

fn facts(src: &str) -> NetFacts {
    let f = super::super::analyze("gw/main.go", src.as_bytes());
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    f.go.expect("go facts").net
}

fn fields(n: &NetFacts, i: usize) -> Vec<(&str, &NetValue)> {
    n.objects[i]
        .fields
        .iter()
        .map(|f| (f.name.as_str(), &f.value))
        .collect()
}

const HEAD: &str = "package main\n\nimport (\n\t\"crypto/tls\"\n\t\"net/http\"\n\t\"net/http/httputil\"\n\t\"golang.org/x/net/http2\"\n)\n\n";

#[test]
fn literal_fields_and_later_writes_on_a_local() {
    let n = facts(&format!(
        "{HEAD}func main() {{\n\tt := &http.Transport{{TLSClientConfig: &tls.Config{{MinVersion: tls.VersionTLS12}}, MaxIdleConns: 10}}\n\tt.ForceAttemptHTTP2 = true\n\tp := httputil.NewSingleHostReverseProxy(nil)\n\tp.Transport = t\n}}\n"
    ));
    let kinds: Vec<_> = n.objects.iter().map(|o| o.kind).collect();
    assert_eq!(
        kinds,
        [
            Some(NetKind::Transport),
            Some(NetKind::TlsConfig),
            Some(NetKind::ReverseProxy)
        ]
    );
    let f = fields(&n, 0);
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[0].0, "TLSClientConfig");
    assert_eq!(
        f[0].1,
        &NetValue::Ref {
            to: NetRef::Local { index: 1 }
        }
    );
    assert_eq!(f[1], ("ForceAttemptHTTP2", &NetValue::Bool { value: true }));
    assert_eq!(
        fields(&n, 2),
        [(
            "Transport",
            &NetValue::Ref {
                to: NetRef::Local { index: 0 }
            }
        )]
    );
    assert_eq!(n.objects[0].scope, "main");
}

#[test]
fn default_transport_clone_and_assertion() {
    let n = facts(&format!(
        "{HEAD}func client() *http.Client {{\n\tt := http.DefaultTransport.(*http.Transport).Clone()\n\tt.TLSClientConfig = &tls.Config{{}}\n\treturn &http.Client{{Transport: t}}\n}}\n"
    ));
    assert_eq!(n.objects[0].base, NetBase::DefaultTransport);
    assert_eq!(n.objects[0].kind, Some(NetKind::Transport));
    assert_eq!(fields(&n, 0)[0].0, "TLSClientConfig");
    assert_eq!(n.objects[2].kind, Some(NetKind::Client));
    assert_eq!(
        n.bindings[0].home,
        NetHome::Returned {
            func: "client".into()
        }
    );
}

#[test]
fn package_vars_configure_calls_and_params() {
    let n = facts(&format!(
        "{HEAD}var upstream = &http.Transport{{DialTLSContext: dialTLS}}\n\nvar alpn = []string{{\"http/1.1\"}}\n\nfunc init() {{\n\tif err := http2.ConfigureTransport(upstream); err != nil {{\n\t\tpanic(err)\n\t}}\n}}\n\nfunc enable(t *http.Transport) {{\n\tt.ForceAttemptHTTP2 = true\n}}\n\nfunc setup() {{\n\tenable(upstream)\n}}\n"
    ));
    assert_eq!(
        n.bindings[0].home,
        NetHome::PkgVar {
            name: "upstream".into()
        }
    );
    assert_eq!(n.string_lists[0].name, "alpn");
    let configure = &n.calls[0];
    assert_eq!(configure.kind, NetCallKind::ConfigureTransport);
    assert_eq!(
        configure.target,
        Some(NetRef::PkgVar {
            pkg: String::new(),
            name: "upstream".into()
        })
    );
    assert_eq!(
        n.writes[0].target,
        NetRef::Param {
            func: "enable".into(),
            index: 0
        }
    );
    // `enable(upstream)`: a package variable is not rooted here; the write
    // on the parameter is still recorded.
    assert!(n
        .calls
        .iter()
        .all(|c| !matches!(c.kind, NetCallKind::Pass { .. })));
}

#[test]
fn server_tls_config_listener_and_serving() {
    let n = facts(&format!(
        "{HEAD}const h1 = \"http/1.1\"\n\nfunc main() {{\n\tcfg := &tls.Config{{NextProtos: []string{{h1, http2.NextProtoTLS}}}}\n\tsrv := &http.Server{{Addr: \":443\", TLSConfig: cfg, TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){{}}}}\n\tln, err := tls.Listen(\"tcp\", \":8443\", cfg)\n\tif err != nil {{\n\t\treturn\n\t}}\n\tgo func() {{ _ = srv.Serve(ln) }}()\n\t_ = srv.ListenAndServeTLS(\"\", \"\")\n}}\n"
    ));
    let f = fields(&n, 0);
    assert_eq!(
        f[0].1,
        &NetValue::Strings {
            list: StringsExpr::List {
                items: vec![
                    PathExpr::Const {
                        pkg: String::new(),
                        name: "h1".into()
                    },
                    PathExpr::Const {
                        pkg: "golang.org/x/net/http2".into(),
                        name: "NextProtoTLS".into()
                    },
                ]
            }
        }
    );
    let srv = fields(&n, 1);
    assert_eq!(srv[1], ("TLSNextProto", &NetValue::Map { keys: vec![] }));
    assert_eq!(n.objects[2].kind, Some(NetKind::TlsListener));
    let kinds: Vec<_> = n.calls.iter().map(|c| c.kind.clone()).collect();
    assert_eq!(kinds, [NetCallKind::ServeListener, NetCallKind::ServeTls]);
    assert_eq!(n.calls[0].arg, Some(NetRef::Local { index: 2 }));
}

#[test]
fn struct_fields_and_module_calls() {
    let n = facts(&format!(
        "{HEAD}type Gateway struct {{\n\ttransport *http.Transport\n}}\n\nfunc New() *Gateway {{\n\tg := &Gateway{{transport: &http.Transport{{TLSClientConfig: loadTLS()}}}}\n\treturn g\n}}\n\nfunc (g *Gateway) proxy() *httputil.ReverseProxy {{\n\treturn &httputil.ReverseProxy{{Transport: g.transport}}\n}}\n"
    ));
    let owner = Some((String::new(), "Gateway".to_string()));
    assert!(n.bindings.iter().any(|b| b.home
        == NetHome::Field {
            owner: owner.clone(),
            field: "transport".into()
        }));
    let proxy = n
        .objects
        .iter()
        .find(|o| o.kind == Some(NetKind::ReverseProxy))
        .expect("proxy");
    assert_eq!(proxy.scope, "Gateway.proxy");
    assert_eq!(
        proxy.fields[0].value,
        NetValue::Ref {
            to: NetRef::Field {
                owner,
                field: "transport".into()
            }
        }
    );
    let t = &n.objects[0];
    assert_eq!(
        t.fields[0].value,
        NetValue::Ref {
            to: NetRef::Call {
                func: FuncRef::Func {
                    pkg: String::new(),
                    name: "loadTLS".into()
                },
                args: vec![]
            }
        }
    );
}

#[test]
fn unrelated_code_yields_nothing() {
    let n = facts("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := []string{\"a\"}\n\tx = append(x, \"b\")\n\tfmt.Println(x)\n}\n");
    assert!(n.is_empty(), "{n:?}");
}

#[test]
fn bodies_of_files_without_net_imports_are_skipped_but_lists_kept() {
    let n = facts("package gw\n\nimport \"strings\"\n\nvar alpn = []string{\"h2\", \"http/1.1\"}\n\nfunc join() string {\n\tt := newTransport()\n\tt.ForceAttemptHTTP2 = true\n\treturn strings.Join(alpn, \",\")\n}\n");
    assert_eq!(n.string_lists.len(), 1);
    assert!(n.writes.is_empty() && n.objects.is_empty());
}
