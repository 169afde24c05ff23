//! HTTP013 http2-disabled-by-godebug: a `GODEBUG` setting built into the
//! binary turns net/http's HTTP/2 off (`http2client=0`, `http2server=0`) or
//! on debug logging (`http2debug=1|2`), for every transport or server of
//! the program. Read from `go.mod` `godebug` lines and from `//go:debug`
//! directives of `main` packages (the only place they apply).

use super::{Context, Rule};
use crate::findings::Finding;
use crate::link::http2::{NetGraph, Resolved, UseKind};
use crate::model::{GoDirective, Manifest, NetKind, Origin};

pub struct Http2DisabledByGodebug;

/// What a setting does and how to fix it, or `None` when it leaves HTTP/2 alone.
fn effect(d: &GoDirective) -> Option<(&'static str, String)> {
    let setting = format!("{}={}", d.key, d.value);
    let off = format!(
        "remove `{setting}`; if one transport or server must stay on HTTP/1.1, say so there (`Protocols` on Go 1.24+, or an empty `TLSNextProto`) rather than for the whole binary"
    );
    match (d.key.as_str(), d.value.as_str()) {
        ("http2client", "0") => Some((
            "turns off HTTP/2 in every http.Transport that relies on net/http's built-in HTTP/2: clients speak HTTP/1.1 only, one connection per in-flight request, even where ForceAttemptHTTP2 asks for HTTP/2",
            off,
        )),
        ("http2server", "0") => Some((
            "turns off HTTP/2 in every http.Server of the program: TLS clients negotiate HTTP/1.1 only",
            off,
        )),
        ("http2debug", v) if !v.is_empty() && v != "0" => Some((
            "makes net/http log every HTTP/2 connection (and with 2, every frame) to stderr: a debugging setting left in, verbose and slow in production",
            format!("remove `{setting}`; set GODEBUG={setting} in the environment while diagnosing instead"),
        )),
        _ => None,
    }
}

/// Up to three places in the module the setting reaches.
fn sites<'g>(g: &'g NetGraph, module: Option<&str>, key: &str) -> Vec<(&'g Origin, &'static str)> {
    let mut v: Vec<(&Origin, &str)> = Vec::new();
    let client = key != "http2server";
    let server = key != "http2client";
    for n in &g.nodes {
        if n.module_dir.as_deref() != module {
            continue;
        }
        if client
            && n.kind == Some(NetKind::Client)
            && n.field("Transport")
                .is_none_or(|t| t.value == Resolved::Nil)
        {
            v.push((
                &n.origin,
                "an http.Client on http.DefaultTransport, which this affects",
            ));
        }
        for u in &n.uses {
            match (&u.kind, n.kind) {
                (UseKind::ReverseProxy { .. }, _) if client => {
                    v.push((&u.origin, "a reverse proxy whose transport this affects"))
                }
                (UseKind::Client { .. }, _) if client => {
                    v.push((&u.origin, "an http.Client whose transport this affects"))
                }
                (UseKind::ServeTls | UseKind::ServeListener { .. }, Some(NetKind::Server))
                    if server =>
                {
                    v.push((&u.origin, "a TLS server this affects"))
                }
                _ => {}
            }
        }
    }
    v.sort_by(|a, b| (&a.0.path, a.0.start).cmp(&(&b.0.path, b.0.start)));
    v.dedup_by(|a, b| a.0 == b.0);
    v.truncate(3);
    v
}

impl Rule for Http2DisabledByGodebug {
    fn id(&self) -> &'static str {
        "HTTP013"
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        for file in &a.files {
            let (directives, place): (&[GoDirective], &str) = match (&file.manifest, &file.go) {
                (Some(Manifest::GoMod(m)), _) => (&m.godebug, "this go.mod's `godebug` line"),
                (_, Some(go)) if go.package == "main" && !go.is_test => (
                    &go.go_debug,
                    "this `//go:debug` directive of a main package",
                ),
                _ => continue,
            };
            let module = a.net.module_of(&file.path);
            for d in directives {
                let Some((what, help)) = effect(d) else {
                    continue;
                };
                let setting = format!("{}={}", d.key, d.value);
                let mut f = cx
                    .finding(
                        self.id(),
                        &d.origin,
                        format!("`{setting}` in {place} {what}"),
                    )
                    .key(setting.clone());
                for (o, m) in sites(&a.net, module, &d.key) {
                    f = f.related(o, m);
                }
                out.push(f.help(help));
            }
        }
    }
}
