//! Giving back the spare capacity of the facts' vectors. Facts are built
//! by pushing (and read back from the cache by pushing), so each vector
//! holds up to twice what it needs; a 16× tree keeps 33,600 files of facts
//! alive through linking and the rules.

use super::{FileFacts, GoFile, GoFunc, GoTypeExpr, HandlerBody, ScriptModule};

impl FileFacts {
    /// Shrinks every vector of the facts that a big tree holds many of.
    pub fn shrink_to_fit(&mut self) {
        self.problems.shrink_to_fit();
        self.suppressions.shrink_to_fit();
        if let Some(go) = &mut self.go {
            shrink_go(go);
        }
        if let Some(script) = &mut self.script {
            shrink_script(script);
        }
    }
}

fn shrink_go(go: &mut GoFile) {
    go.imports.shrink_to_fit();
    go.consts.shrink_to_fit();
    go.funcs.shrink_to_fit();
    go.funcs.iter_mut().for_each(shrink_func);
    go.types.shrink_to_fit();
    for t in &mut go.types {
        shrink_type(&mut t.ty);
    }
    go.router_vars.shrink_to_fit();
    go.features.shrink_to_fit();
    go.cors.shrink_to_fit();
    go.header_keys.shrink_to_fit();
    let net = &mut go.net;
    net.objects.shrink_to_fit();
    net.writes.shrink_to_fit();
    net.bindings.shrink_to_fit();
    net.calls.shrink_to_fit();
    net.string_lists.shrink_to_fit();
}

fn shrink_func(f: &mut GoFunc) {
    f.params.shrink_to_fit();
    f.results.shrink_to_fit();
    f.routes.shrink_to_fit();
    shrink_body(&mut f.http);
}

fn shrink_body(b: &mut HandlerBody) {
    b.decodes.shrink_to_fit();
    b.writes.shrink_to_fit();
    b.content_type_checks.shrink_to_fit();
    b.helpers.shrink_to_fit();
    b.header_reads.shrink_to_fit();
    b.header_writes.shrink_to_fit();
}

fn shrink_type(t: &mut GoTypeExpr) {
    if let GoTypeExpr::Struct { fields } = t {
        fields.shrink_to_fit();
        for f in fields {
            shrink_type(&mut f.ty);
        }
    }
}

fn shrink_script(m: &mut ScriptModule) {
    m.imports.shrink_to_fit();
    m.exports.shrink_to_fit();
    m.bindings.shrink_to_fit();
    m.calls.shrink_to_fit();
    m.interceptors.shrink_to_fit();
    m.header_defaults.shrink_to_fit();
    m.dev_proxy.shrink_to_fit();
    m.types.shrink_to_fit();
    m.features.shrink_to_fit();
}

#[cfg(test)]
mod tests {
    use crate::model::FileKind;

    #[test]
    fn shrinking_keeps_the_facts_and_drops_spare_room() {
        let src = b"package a\n\nimport \"net/http\"\n\ntype T struct {\n\tA int\n\tB string\n\tC bool\n}\n\nfunc H(w http.ResponseWriter, r *http.Request) {\n\tw.Header().Set(\"Content-Type\", \"text/plain\")\n\tw.Write([]byte(\"ok\"))\n}\n\nfunc main() {\n\thttp.HandleFunc(\"/a\", H)\n\thttp.HandleFunc(\"/b\", H)\n\thttp.HandleFunc(\"/c\", H)\n}\n";
        let mut facts = crate::frontends::analyze("a.go", FileKind::Go, src);
        let before = facts.clone();
        facts.shrink_to_fit();
        assert_eq!(facts, before);
        let go = facts.go.as_ref().unwrap();
        assert_eq!(go.funcs.len(), 2);
        assert_eq!(go.funcs.capacity(), go.funcs.len());
        let main = go.funcs.iter().find(|f| f.name == "main").unwrap();
        assert_eq!(main.routes.len(), 3);
        assert_eq!(main.routes.capacity(), 3);
        let h = go.funcs.iter().find(|f| f.name == "H").unwrap();
        assert_eq!(h.params.capacity(), 2);
    }
}
