//! Resolution: references to nodes, clones to their effective fields,
//! string lists and constants to values, calls to uses.

use std::collections::HashMap;

use super::{
    enabled_kinds, enables, external_const, home_keys, Base, HomeKey, Input, NetGraph, NetNode,
    NodeId, Resolved, Setting, StringList, Use, UseKind,
};
use crate::link::go_index::GoIndex;
use crate::model::{
    NetBase, NetCallKind, NetField, NetKind, NetObject, NetRef, NetValue, PathExpr, StringsExpr,
};

/// How far references are followed (package variable → returned value →
/// field → ...).
const DEPTH: u32 = 8;

/// `(file, function, parameter index)`.
type PassKey = (String, String, u32);

pub(super) struct Resolver<'i, 'a, 'f> {
    ix: &'i GoIndex<'a>,
    inputs: &'i [Input<'f>],
    /// First node id of each input.
    offsets: Vec<usize>,
    homes: HashMap<HomeKey, Vec<(usize, &'f NetRef)>>,
    /// `(callee file, callee name, parameter index)` → arguments passed.
    passes: HashMap<PassKey, Vec<(usize, &'f NetRef)>>,
    /// Package-level `[]string` variables: `(pkg, name)` → value.
    lists: HashMap<(String, String), (usize, &'f StringsExpr)>,
    /// Writes from other functions, per node: `(input of the writer, field)`.
    remote: Vec<Vec<(usize, &'f NetField)>>,
}

impl<'i, 'a, 'f> Resolver<'i, 'a, 'f> {
    pub fn new(ix: &'i GoIndex<'a>, inputs: &'i [Input<'f>]) -> Self {
        let mut offsets = Vec::with_capacity(inputs.len());
        let mut total = 0;
        for i in inputs {
            offsets.push(total);
            total += i.facts.objects.len();
        }
        let mut r = Resolver {
            ix,
            inputs,
            offsets,
            homes: HashMap::new(),
            passes: HashMap::new(),
            lists: HashMap::new(),
            remote: vec![Vec::new(); total],
        };
        for (k, inp) in inputs.iter().enumerate() {
            for b in &inp.facts.bindings {
                for key in home_keys(&b.home, &inp.pkg, &inp.path) {
                    r.homes.entry(key).or_default().push((k, &b.value));
                }
            }
            for l in &inp.facts.string_lists {
                r.lists
                    .insert((inp.pkg.clone(), l.name.clone()), (k, &l.value));
            }
            for c in &inp.facts.calls {
                let (NetCallKind::Pass { callee, index }, Some(arg)) = (&c.kind, &c.target) else {
                    continue;
                };
                if let Some(loc) = ix.resolve(callee, &inp.pkg, &inp.path, &|_| true) {
                    let key = (loc.file.path.clone(), loc.key().name, *index);
                    r.passes.entry(key).or_default().push((k, arg));
                }
            }
        }
        // Writes made through references: resolved with the fields each
        // function sets itself.
        let mut remote = vec![Vec::new(); total];
        for (k, inp) in inputs.iter().enumerate() {
            for w in &inp.facts.writes {
                for n in r.resolve(k, &w.target, 0) {
                    remote[n].push((k, &w.field));
                }
            }
        }
        r.remote = remote;
        r
    }

    fn object(&self, n: NodeId) -> Option<(usize, &'f NetObject)> {
        let k = self.offsets.partition_point(|&o| o <= n).checked_sub(1)?;
        let obj = self.inputs[k].facts.objects.get(n - self.offsets[k])?;
        Some((k, obj))
    }

    fn qualify<'s>(&'s self, k: usize, pkg: &'s str) -> &'s str {
        if pkg.is_empty() {
            &self.inputs[k].pkg
        } else {
            pkg
        }
    }

    /// The nodes a reference made in input `k` denotes.
    pub fn resolve(&self, k: usize, r: &NetRef, depth: u32) -> Vec<NodeId> {
        if depth > DEPTH {
            return Vec::new();
        }
        let from_homes = |key: HomeKey| -> Vec<NodeId> {
            self.homes
                .get(&key)
                .into_iter()
                .flatten()
                .flat_map(|(k2, r2)| self.resolve(*k2, r2, depth + 1))
                .collect()
        };
        let mut out = match r {
            NetRef::Local { index } => {
                let i = *index as usize;
                if i < self.inputs[k].facts.objects.len() {
                    vec![self.offsets[k] + i]
                } else {
                    Vec::new()
                }
            }
            NetRef::PkgVar { pkg, name } => from_homes(HomeKey::PkgVar(
                self.qualify(k, pkg).to_string(),
                name.clone(),
            )),
            NetRef::Field { owner, field } => match owner {
                Some((p, t)) => from_homes(HomeKey::Field(
                    self.qualify(k, p).to_string(),
                    t.clone(),
                    field.clone(),
                )),
                None => from_homes(HomeKey::AnyField(self.inputs[k].pkg.clone(), field.clone())),
            },
            NetRef::Param { func, index } => self
                .passes
                .get(&(self.inputs[k].path.clone(), func.clone(), *index))
                .into_iter()
                .flatten()
                .flat_map(|(k2, r2)| self.resolve(*k2, r2, depth + 1))
                .collect(),
            NetRef::Call { func, args } => {
                let inp = &self.inputs[k];
                match self.ix.resolve(func, &inp.pkg, &inp.path, &|_| true) {
                    Some(loc) => {
                        from_homes(HomeKey::Returned(loc.file.path.clone(), loc.key().name))
                    }
                    // A function of another module wrapping a transport.
                    None => args
                        .iter()
                        .flat_map(|a| self.resolve(k, a, depth + 1))
                        .filter(|&n| {
                            matches!(
                                self.kind(n, depth + 1),
                                Some(NetKind::Transport | NetKind::H2Transport)
                            )
                        })
                        .collect(),
                }
            }
            NetRef::Sub { base, field } => {
                let mut v = Vec::new();
                for b in self.resolve(k, base, depth + 1) {
                    if let Some((k2, NetValue::Ref { to })) = self.raw_field(b, field) {
                        v.extend(self.resolve(k2, to, depth + 1));
                    }
                }
                v
            }
            NetRef::DefaultTransport => Vec::new(),
        };
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The last value written to a field of a node (own fields and writes
    /// from elsewhere; not through clones), with the input it is written in.
    fn raw_field(&self, n: NodeId, name: &str) -> Option<(usize, &'f NetValue)> {
        let (k, obj) = self.object(n)?;
        let remote = self.remote.get(n).into_iter().flatten();
        obj.fields
            .iter()
            .map(|f| (k, f))
            .chain(remote.map(|(k2, f)| (*k2, *f)))
            .rfind(|(_, f)| f.name == name)
            .map(|(k, f)| (k, &f.value))
    }

    /// A node's kind, through `Clone()`.
    fn kind(&self, n: NodeId, depth: u32) -> Option<NetKind> {
        let (k, obj) = self.object(n)?;
        if obj.kind.is_some() || depth > DEPTH {
            return obj.kind;
        }
        match &obj.base {
            NetBase::CloneOf { of } => {
                let t = self.resolve(k, of, depth + 1);
                t.first().and_then(|&b| self.kind(b, depth + 1))
            }
            _ => None,
        }
    }

    /// Base and fields in write order, clones first.
    fn chain(&self, n: NodeId, depth: u32) -> (Base, Vec<(usize, &'f NetField)>) {
        let Some((k, obj)) = self.object(n) else {
            return (Base::Unknown, Vec::new());
        };
        let (base, mut fields) = match &obj.base {
            NetBase::Fresh => (Base::Fresh, Vec::new()),
            NetBase::DefaultTransport => (Base::DefaultTransport, Vec::new()),
            NetBase::CloneOf { of } => match self.resolve(k, of, depth + 1).as_slice() {
                [one] if depth < DEPTH && *one != n => self.chain(*one, depth + 1),
                _ => (Base::Unknown, Vec::new()),
            },
        };
        fields.extend(obj.fields.iter().map(|f| (k, f)));
        fields.extend(self.remote[n].iter().copied());
        (base, fields)
    }

    fn value(&self, k: usize, v: &NetValue) -> Resolved {
        match v {
            NetValue::Nil => Resolved::Nil,
            NetValue::Bool { value } => Resolved::Bool(*value),
            NetValue::Ref { to } => Resolved::Nodes(self.resolve(k, to, 0)),
            NetValue::Strings { list } => Resolved::Strings(self.strings(k, list, 0)),
            NetValue::Map { keys } => Resolved::Map(
                keys.iter()
                    .map(|p| self.string(&self.inputs[k].pkg, p, 0))
                    .collect(),
            ),
            NetValue::Other => Resolved::Other,
        }
    }

    fn strings(&self, k: usize, s: &StringsExpr, depth: u32) -> StringList {
        let unknown = StringList::default();
        if depth > DEPTH {
            return unknown;
        }
        let pkg = &self.inputs[k].pkg;
        match s {
            StringsExpr::List { items } => StringList {
                items: items.iter().map(|p| self.string(pkg, p, 0)).collect(),
                complete: true,
            },
            StringsExpr::Var { pkg: p, name } => {
                match self
                    .lists
                    .get(&(self.qualify(k, p).to_string(), name.clone()))
                {
                    Some((k2, v)) => self.strings(*k2, v, depth + 1),
                    None => unknown,
                }
            }
            StringsExpr::Append { base, items } => {
                let mut b = self.strings(k, base, depth + 1);
                b.items.extend(items.iter().map(|p| self.string(pkg, p, 0)));
                b
            }
            StringsExpr::Unknown => unknown,
        }
    }

    /// A constant string expression of package `pkg`.
    fn string(&self, pkg: &str, p: &PathExpr, depth: u32) -> Option<String> {
        if depth > DEPTH {
            return None;
        }
        match p {
            PathExpr::Lit(s) => Some(s.clone()),
            PathExpr::Const { pkg: cp, name } => {
                let cp = if cp.is_empty() { pkg } else { cp.as_str() };
                if let Some(v) = external_const(cp, name) {
                    return Some(v.to_string());
                }
                let (v, vpkg) = self.ix.constant(cp, name)?;
                self.string(&vpkg, v, depth + 1)
            }
            PathExpr::Concat(parts) => parts
                .iter()
                .map(|x| self.string(pkg, x, depth + 1))
                .collect(),
            PathExpr::Unknown => None,
        }
    }

    /// The nodes: effective fields, then uses.
    pub fn nodes(&self) -> Vec<NetNode> {
        let total = self.remote.len();
        let mut nodes = Vec::with_capacity(total);
        for n in 0..total {
            let Some((k, obj)) = self.object(n) else {
                continue;
            };
            let (base, chain) = self.chain(n, 0);
            let mut fields = std::collections::BTreeMap::new();
            for (k2, f) in chain {
                if let Some(name) = f.name.strip_suffix("[]") {
                    // A key added to a map field.
                    if let (
                        Some(Setting {
                            value: Resolved::Map(keys),
                            ..
                        }),
                        Resolved::Map(more),
                    ) = (fields.get_mut(name), self.value(k2, &f.value))
                    {
                        keys.extend(more);
                    }
                    continue;
                }
                fields.insert(
                    f.name.clone(),
                    Setting {
                        value: self.value(k2, &f.value),
                        origin: f.origin.clone(),
                    },
                );
            }
            let cloned_from = match &obj.base {
                NetBase::CloneOf { of } => match self.resolve(k, of, 0).as_slice() {
                    [one] if *one != n => Some(*one),
                    _ => None,
                },
                _ => None,
            };
            let inp = &self.inputs[k];
            nodes.push(NetNode {
                kind: self.kind(n, 0),
                path: inp.path.clone(),
                pkg: inp.pkg.clone(),
                module_dir: inp.module_dir.clone(),
                scope: obj.scope.clone(),
                origin: obj.origin.clone(),
                base,
                cloned_from,
                fields,
                uses: Vec::new(),
            });
        }
        let mut g = NetGraph {
            nodes,
            ..Default::default()
        };
        self.uses(&mut g);
        g.nodes
    }

    fn uses(&self, g: &mut NetGraph) {
        let mut add: Vec<(NodeId, Use)> = Vec::new();
        for (n, node) in g.nodes.iter().enumerate() {
            if let Some(b) = node.cloned_from {
                add.push((
                    b,
                    Use {
                        kind: UseKind::ClonedBy { clone: n },
                        origin: node.origin.clone(),
                    },
                ));
            }
            let field = match node.kind {
                Some(NetKind::ReverseProxy | NetKind::Client) => "Transport",
                Some(NetKind::Server) => "TLSConfig",
                Some(NetKind::TlsListener) => "Config",
                _ => continue,
            };
            let Some(Setting {
                value: Resolved::Nodes(targets),
                origin,
            }) = node.field(field)
            else {
                continue;
            };
            for &t in targets {
                let kind = match node.kind {
                    Some(NetKind::ReverseProxy) => UseKind::ReverseProxy { proxy: n },
                    Some(NetKind::Client) => UseKind::Client { client: n },
                    _ => UseKind::TlsConfigOf { owner: n },
                };
                let origin = match kind {
                    UseKind::TlsConfigOf { .. } => origin.clone(),
                    _ => node.origin.clone(),
                };
                add.push((t, Use { kind, origin }));
            }
        }
        let of_kind = |g: &NetGraph, ids: Vec<NodeId>, kind: NetKind| -> Vec<NodeId> {
            ids.into_iter()
                .filter(|&i| g.nodes.get(i).is_some_and(|x| x.kind == Some(kind)))
                .collect()
        };
        let in_pkg = |g: &NetGraph, pkg: &str, kind: NetKind| -> Vec<NodeId> {
            g.of_kind(kind)
                .filter(|(_, x)| x.pkg == pkg)
                .map(|(i, _)| i)
                .collect()
        };
        for (k, inp) in self.inputs.iter().enumerate() {
            for c in &inp.facts.calls {
                let targets = c
                    .target
                    .as_ref()
                    .map(|t| self.resolve(k, t, 0))
                    .unwrap_or_default();
                let at = |kind: UseKind| Use {
                    kind,
                    origin: c.origin.clone(),
                };
                if let Some((kind, use_kind)) = enabled_kinds(&c.kind) {
                    let mut hit = of_kind(g, targets, kind);
                    if hit.is_empty() {
                        hit = in_pkg(g, &inp.pkg, kind);
                    }
                    add.extend(hit.into_iter().map(|t| (t, at(use_kind.clone()))));
                    continue;
                }
                let servers = of_kind(g, targets, NetKind::Server);
                match &c.kind {
                    NetCallKind::ServeTls => {
                        add.extend(servers.into_iter().map(|s| (s, at(UseKind::ServeTls))))
                    }
                    NetCallKind::ServePlain => {
                        add.extend(servers.into_iter().map(|s| (s, at(UseKind::ServePlain))))
                    }
                    NetCallKind::ServeListener => {
                        let lns = c
                            .arg
                            .as_ref()
                            .map(|a| of_kind(g, self.resolve(k, a, 0), NetKind::TlsListener))
                            .unwrap_or_default();
                        for &s in &servers {
                            add.push((
                                s,
                                at(UseKind::ServeListener {
                                    listeners: lns.clone(),
                                }),
                            ));
                            for &l in &lns {
                                add.push((l, at(UseKind::ServedBy { server: s })));
                            }
                        }
                    }
                    _ => {}
                }
            }
            for w in &inp.facts.writes {
                if !enables(&w.field.name, &w.field.value)
                    || !self.resolve(k, &w.target, 0).is_empty()
                {
                    continue;
                }
                let mut hit = in_pkg(g, &inp.pkg, NetKind::Transport);
                if w.field.name == "Protocols" {
                    hit.extend(in_pkg(g, &inp.pkg, NetKind::Server));
                }
                add.extend(hit.into_iter().map(|t| {
                    (
                        t,
                        Use {
                            kind: UseKind::EnabledElsewhere,
                            origin: w.field.origin.clone(),
                        },
                    )
                }));
            }
        }
        for (n, u) in add {
            if let Some(node) = g.nodes.get_mut(n) {
                if !node.uses.contains(&u) {
                    node.uses.push(u);
                }
            }
        }
    }
}
