//! The net graph over in-memory trees: references across functions, files
//! and packages, clones, writes made elsewhere, uses.

use super::{Base, NetGraph, NetNode, Resolved, UseKind};
use crate::frontends;
use crate::model::NetKind;
use crate::walk::classify;

fn graph(files: &[(&str, &str)]) -> NetGraph {
    let facts: Vec<_> = files
        .iter()
        .map(|(p, t)| frontends::analyze(p, classify(p).expect("known kind"), t.as_bytes()))
        .collect();
    for f in &facts {
        assert!(f.problems.is_empty(), "{}: {:?}", f.path, f.problems);
    }
    NetGraph::build(&facts)
}

fn only(g: &NetGraph, kind: NetKind) -> &NetNode {
    let v: Vec<_> = g.of_kind(kind).collect();
    assert_eq!(v.len(), 1, "{kind:?}: {:#?}", g.nodes);
    v[0].1
}

const GO_MOD: &str = "module example.com/gw\n\ngo 1.22\n";

#[test]
fn transport_from_another_package_serves_a_proxy() {
    let g = graph(&[
        ("go.mod", GO_MOD),
        (
            "upstream/transport.go",
            "package upstream\n\nimport (\n\t\"crypto/tls\"\n\t\"net/http\"\n)\n\n// New is the transport to the backends.\nfunc New(cfg *tls.Config) *http.Transport {\n\tt := &http.Transport{MaxIdleConnsPerHost: 64}\n\tt.TLSClientConfig = cfg\n\treturn t\n}\n",
        ),
        (
            "main.go",
            "package main\n\nimport (\n\t\"crypto/tls\"\n\t\"net/http/httputil\"\n\t\"net/url\"\n\n\t\"example.com/gw/upstream\"\n)\n\nfunc main() {\n\tu, _ := url.Parse(\"https://backend:8443\")\n\tp := httputil.NewSingleHostReverseProxy(u)\n\tp.Transport = upstream.New(&tls.Config{MinVersion: tls.VersionTLS12})\n\t_ = p\n}\n",
        ),
    ]);
    let t = only(&g, NetKind::Transport);
    assert_eq!(t.base, Base::Fresh);
    assert_eq!(t.scope, "New");
    // The parameter resolves to what `main` passes.
    let cfg = g
        .of_kind(NetKind::TlsConfig)
        .map(|(i, _)| i)
        .collect::<Vec<_>>();
    assert_eq!(
        t.field("TLSClientConfig").map(|s| &s.value),
        Some(&Resolved::Nodes(cfg))
    );
    assert!(t
        .has_use(|u| matches!(u, UseKind::ReverseProxy { .. }))
        .is_some());
}

#[test]
fn clone_of_default_transport_and_later_force() {
    let g = graph(&[
        ("go.mod", GO_MOD),
        (
            "main.go",
            "package main\n\nimport (\n\t\"crypto/tls\"\n\t\"net/http\"\n)\n\nfunc a() *http.Transport {\n\tt := http.DefaultTransport.(*http.Transport).Clone()\n\tt.TLSClientConfig = &tls.Config{}\n\treturn t\n}\n\nfunc b() *http.Transport {\n\tt := &http.Transport{DialTLSContext: nil, TLSClientConfig: &tls.Config{}}\n\tt.ForceAttemptHTTP2 = true\n\treturn t.Clone()\n}\n",
        ),
    ]);
    let ts: Vec<_> = g.of_kind(NetKind::Transport).map(|(_, n)| n).collect();
    assert_eq!(ts.len(), 3);
    assert_eq!(ts[0].base, Base::DefaultTransport);
    assert!(ts[0].field("TLSClientConfig").is_some());
    assert_eq!(
        ts[1].field("DialTLSContext").map(|s| &s.value),
        Some(&Resolved::Nil)
    );
    // The clone inherits the fields.
    assert_eq!(
        ts[2].field("ForceAttemptHTTP2").map(|s| &s.value),
        Some(&Resolved::Bool(true))
    );
}

#[test]
fn configure_transport_in_another_function_and_file() {
    let g = graph(&[
        ("go.mod", GO_MOD),
        (
            "transport.go",
            "package main\n\nimport (\n\t\"crypto/tls\"\n\t\"net/http\"\n)\n\nvar backend = &http.Transport{TLSClientConfig: &tls.Config{}}\n\nvar other = &http.Transport{TLSClientConfig: &tls.Config{}}\n",
        ),
        (
            "h2.go",
            "package main\n\nimport \"golang.org/x/net/http2\"\n\nfunc init() {\n\tif err := http2.ConfigureTransport(backend); err != nil {\n\t\tpanic(err)\n\t}\n}\n",
        ),
    ]);
    let ts: Vec<_> = g.of_kind(NetKind::Transport).map(|(_, n)| n).collect();
    assert!(ts[0]
        .has_use(|u| *u == UseKind::ConfigureTransport)
        .is_some());
    assert!(ts[1]
        .has_use(|u| *u == UseKind::ConfigureTransport)
        .is_none());
}

#[test]
fn configure_through_a_parameter_and_writes_through_a_helper() {
    let g = graph(&[
        ("go.mod", GO_MOD),
        (
            "main.go",
            "package main\n\nimport (\n\t\"crypto/tls\"\n\t\"net/http\"\n\n\t\"golang.org/x/net/http2\"\n)\n\nfunc enableH2(t *http.Transport) {\n\t_ = http2.ConfigureTransport(t)\n}\n\nfunc force(t *http.Transport) {\n\tt.ForceAttemptHTTP2 = true\n}\n\nfunc main() {\n\tt := &http.Transport{TLSClientConfig: &tls.Config{}}\n\tforce(t)\n\t_ = t\n}\n",
        ),
    ]);
    let t = only(&g, NetKind::Transport);
    // `enableH2`'s parameter is never passed a known transport: it may be
    // any transport of the package.
    assert!(t.has_use(|u| *u == UseKind::ConfigureTransport).is_some());
    // `force(t)` writes through the parameter.
    assert_eq!(
        t.field("ForceAttemptHTTP2").map(|s| &s.value),
        Some(&Resolved::Bool(true))
    );
}

#[test]
fn alpn_lists_across_files_and_servers() {
    let g = graph(&[
        ("go.mod", GO_MOD),
        (
            "alpn.go",
            "package main\n\nconst protoHTTP11 = \"http/1.1\"\n\nvar serverProtos = []string{protoHTTP11}\n",
        ),
        (
            "main.go",
            "package main\n\nimport (\n\t\"crypto/tls\"\n\t\"net/http\"\n)\n\ntype Gateway struct {\n\tsrv *http.Server\n}\n\nfunc newGateway() *Gateway {\n\tcfg := &tls.Config{MinVersion: tls.VersionTLS12}\n\tcfg.NextProtos = serverProtos\n\treturn &Gateway{srv: &http.Server{Addr: \":8443\", TLSConfig: cfg}}\n}\n\nfunc (g *Gateway) Run() error {\n\treturn g.srv.ListenAndServeTLS(\"cert.pem\", \"key.pem\")\n}\n",
        ),
    ]);
    let cfg = only(&g, NetKind::TlsConfig);
    match cfg.field("NextProtos").map(|s| &s.value) {
        Some(Resolved::Strings(l)) => {
            assert!(l.known() && l.contains("http/1.1") && !l.contains("h2"))
        }
        other => panic!("{other:?}"),
    }
    assert!(cfg
        .has_use(|u| matches!(u, UseKind::TlsConfigOf { .. }))
        .is_some());
    let srv = only(&g, NetKind::Server);
    assert!(srv.has_use(|u| *u == UseKind::ServeTls).is_some());
}

#[test]
fn tls_listener_served_by_http_serve() {
    let g = graph(&[
        ("go.mod", GO_MOD),
        (
            "main.go",
            "package main\n\nimport (\n\t\"crypto/tls\"\n\t\"log\"\n\t\"net/http\"\n)\n\nfunc main() {\n\tcfg := &tls.Config{NextProtos: []string{\"http/1.1\"}}\n\tln, err := tls.Listen(\"tcp\", \":8443\", cfg)\n\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n\tlog.Fatal(http.Serve(ln, nil))\n}\n",
        ),
    ]);
    let ln = only(&g, NetKind::TlsListener);
    assert!(ln
        .has_use(|u| matches!(u, UseKind::ServedBy { .. }))
        .is_some());
    let cfg = only(&g, NetKind::TlsConfig);
    assert!(cfg
        .has_use(|u| matches!(u, UseKind::TlsConfigOf { .. }))
        .is_some());
}

#[test]
fn listener_through_a_struct_field_and_a_helper_parameter() {
    let g = graph(&[
        ("go.mod", GO_MOD),
        (
            "server.go",
            "package gw\n\nimport (\n\t\"crypto/tls\"\n\t\"net\"\n\t\"net/http\"\n)\n\ntype server struct {\n\ttlsListener net.Listener\n\thandler     http.Handler\n}\n\nfunc (s *server) setup(inner net.Listener) {\n\tcfg := &tls.Config{NextProtos: []string{\"http/1.1\"}}\n\ts.tlsListener = tls.NewListener(inner, cfg)\n}\n\nfunc (s *server) Start() error {\n\treturn s.serve(s.tlsListener)\n}\n\nfunc (s *server) serve(l net.Listener) error {\n\tsrv := &http.Server{Handler: s.handler}\n\treturn srv.Serve(l)\n}\n",
        ),
    ]);
    let ln = only(&g, NetKind::TlsListener);
    assert!(
        ln.has_use(|u| matches!(u, UseKind::ServedBy { .. }))
            .is_some(),
        "{:#?}",
        g.nodes
    );
}
