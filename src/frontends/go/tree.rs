//! A Go syntax tree copied out of tree-sitter into one flat array.
//!
//! The Go frontend reads every file's tree several times (routes, handlers,
//! language features, HTTP/2 settings, CORS, header keys, the API surface).
//! Moving through a tree-sitter tree is not free: each step to a child or a
//! sibling walks over hidden nodes and recomputes positions, and that was
//! half of seam's time on a large tree. Here the tree is copied once, with
//! each node's children stored next to each other, so every later step is
//! an array index. The API mirrors the part of `tree_sitter::Node` that the
//! frontend uses.

use std::str::Utf8Error;

/// No node (the root's parent).
const NONE: u32 = u32::MAX;

const NAMED: u8 = 1;
const ERROR: u8 = 2;
const MISSING: u8 = 4;
const HAS_ERROR: u8 = 8;

/// One node: its kind, bytes, and where its parent and children are.
struct Slot {
    start: u32,
    end: u32,
    parent: u32,
    /// Index of the first child; the children are consecutive.
    first_child: u32,
    child_count: u32,
    /// tree-sitter's kind id ([`ERROR_KIND`] for ERROR nodes).
    kind: u16,
    /// The field this node fills in its parent (tree-sitter's field id, 0 for none).
    field: u16,
    flags: u8,
}

/// A whole file's syntax tree.
pub struct Tree {
    slots: Vec<Slot>,
    /// Levels below the root of the deepest node.
    depth: usize,
}

thread_local! {
    /// The slot array of this thread's last tree, kept for the next one:
    /// a fresh array per file made the allocator ask the kernel for zeroed
    /// pages each time (a twentieth of all CPU time on a large tree).
    static SPARE_SLOTS: std::cell::Cell<Vec<Slot>> = const { std::cell::Cell::new(Vec::new()) };
}

impl Drop for Tree {
    fn drop(&mut self) {
        let slots = std::mem::take(&mut self.slots);
        // During thread teardown there is nowhere to keep it: just free it.
        let _ = SPARE_SLOTS.try_with(|spare| {
            let kept = spare.take();
            spare.set(if kept.capacity() >= slots.capacity() {
                kept
            } else {
                slots
            });
        });
    }
}

impl Tree {
    /// Copies a tree-sitter tree, without recursion (any depth is fine).
    pub fn copy(ts: &tree_sitter::Tree) -> Tree {
        let root = ts.root_node();
        let mut slots = SPARE_SLOTS.try_with(|s| s.take()).unwrap_or_default();
        slots.clear();
        slots.reserve(root.descendant_count());
        slots.push(slot(root, root.kind_id(), NONE, 0));
        let mut depth = 0;
        let mut pending = vec![(0u32, root, 0usize)];
        let mut cursor = root.walk();
        while let Some((id, node, level)) = pending.pop() {
            cursor.reset(node);
            if !cursor.goto_first_child() {
                continue;
            }
            depth = depth.max(level + 1);
            let first = slots.len() as u32;
            // Inside error recovery any child may be named as a field.
            let exact = slots[id as usize].flags & HAS_ERROR != 0;
            loop {
                let child = cursor.node();
                let kind = child.kind_id();
                let field = if exact || kind_may_fill_field(kind) {
                    cursor.field_id().map_or(0, |f| f.get())
                } else {
                    0
                };
                // Leaves (most nodes) have no children to step into.
                if child.child_count() > 0 {
                    pending.push((slots.len() as u32, child, level + 1));
                }
                slots.push(slot(child, kind, id, field));
                if !cursor.goto_next_sibling() {
                    break;
                }
            }
            let count = slots.len() as u32 - first;
            let parent = &mut slots[id as usize];
            parent.first_child = first;
            parent.child_count = count;
        }
        Tree { slots, depth }
    }

    /// How many levels below the root the deepest node is.
    pub fn depth(&self) -> usize {
        self.depth
    }

    pub fn root_node(&self) -> Node<'_> {
        Node { tree: self, id: 0 }
    }
}

fn slot(node: tree_sitter::Node, kind: u16, parent: u32, field: u16) -> Slot {
    let (start, end) = (node.start_byte() as u32, node.end_byte() as u32);
    // Namedness and ERROR follow from the kind (a table lookup, not two
    // calls into tree-sitter per node); only an empty node can be MISSING.
    let mut flags = 0;
    if kind == ERROR_KIND {
        flags |= ERROR | NAMED;
    } else if kind_is_named(kind) {
        flags |= NAMED;
    }
    if start == end && node.is_missing() {
        flags |= MISSING;
    }
    if node.has_error() {
        flags |= HAS_ERROR;
    }
    Slot {
        kind,
        start,
        end,
        parent,
        first_child: 0,
        child_count: 0,
        field,
        flags,
    }
}

/// Whether a node of this kind can fill a field of its parent, by the
/// grammar's own node-types.json (field types there may be supertypes,
/// which are expanded). Asking the cursor for a node's field scans its
/// parent's field map; the copy skips that for the kinds (brackets,
/// commas, most keywords) that no field ever holds.
fn kind_may_fill_field(id: u16) -> bool {
    static MAY: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    let may = MAY.get_or_init(|| {
        let lang = language();
        let count = lang.node_kind_count();
        match field_kinds(tree_sitter_go::NODE_TYPES) {
            Some(names) => (0..count as u16)
                .map(|id| lang.node_kind_for_id(id).is_some_and(|n| names.contains(n)))
                .collect(),
            None => vec![true; count],
        }
    });
    may.get(id as usize).copied().unwrap_or(true)
}

/// The names of every node type some field of the grammar can hold.
fn field_kinds(node_types: &str) -> Option<std::collections::HashSet<String>> {
    use serde_json::Value;
    let types: Vec<Value> = serde_json::from_str(node_types).ok()?;
    let name = |t: &Value| t.get("type").and_then(Value::as_str).map(str::to_string);
    let mut subtypes = std::collections::HashMap::new();
    let mut pending = Vec::new();
    for t in &types {
        if let Some(subs) = t.get("subtypes").and_then(Value::as_array) {
            subtypes.insert(name(t)?, subs.iter().filter_map(name).collect::<Vec<_>>());
        }
        for f in t
            .get("fields")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let held = f.1.get("types").and_then(Value::as_array)?;
            pending.extend(held.iter().filter_map(name));
        }
    }
    let mut names = std::collections::HashSet::new();
    while let Some(n) = pending.pop() {
        if let Some(subs) = subtypes.get(&n) {
            pending.extend(subs.iter().cloned());
        }
        names.insert(n);
    }
    Some(names)
}

/// tree-sitter's kind id of ERROR nodes.
const ERROR_KIND: u16 = u16::MAX;

fn kind_is_named(id: u16) -> bool {
    static NAMED_KINDS: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    let named = NAMED_KINDS.get_or_init(|| {
        let lang = language();
        (0..lang.node_kind_count() as u16)
            .map(|id| lang.node_kind_is_named(id))
            .collect()
    });
    named.get(id as usize).copied().unwrap_or(false)
}

/// A node of a [`Tree`]: a reference to the tree and an index, so it is
/// `Copy` and compares by identity, like `tree_sitter::Node`.
#[derive(Clone, Copy)]
pub struct Node<'t> {
    tree: &'t Tree,
    id: u32,
}

impl PartialEq for Node<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && std::ptr::eq(self.tree, other.tree)
    }
}

impl Eq for Node<'_> {}

impl std::fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} [{}..{}]",
            self.kind(),
            self.start_byte(),
            self.end_byte()
        )
    }
}

impl<'t> Node<'t> {
    fn slot(&self) -> &'t Slot {
        &self.tree.slots[self.id as usize]
    }

    fn at(&self, id: u32) -> Node<'t> {
        Node {
            tree: self.tree,
            id,
        }
    }

    /// A number unique to this node within its tree.
    pub fn id(&self) -> usize {
        self.id as usize
    }

    /// The grammar's name for the node (`call_expression`, `(`, `ERROR`).
    pub fn kind(&self) -> &'static str {
        kind_name(self.slot().kind)
    }

    pub fn is_named(&self) -> bool {
        self.slot().flags & NAMED != 0
    }

    pub fn is_error(&self) -> bool {
        self.slot().flags & ERROR != 0
    }

    pub fn is_missing(&self) -> bool {
        self.slot().flags & MISSING != 0
    }

    /// Whether this node or one below it is an error or missing node.
    pub fn has_error(&self) -> bool {
        self.slot().flags & HAS_ERROR != 0
    }

    pub fn start_byte(&self) -> usize {
        self.slot().start as usize
    }

    pub fn end_byte(&self) -> usize {
        self.slot().end as usize
    }

    /// The node's source text; an error when it is not UTF-8 (or `src`
    /// is not the source the tree was parsed from).
    pub fn utf8_text<'s>(&self, src: &'s [u8]) -> Result<&'s str, Utf8Error> {
        let bytes = src.get(self.start_byte()..self.end_byte()).unwrap_or(&[]);
        std::str::from_utf8(bytes)
    }

    pub fn parent(&self) -> Option<Node<'t>> {
        let p = self.slot().parent;
        (p != NONE).then(|| self.at(p))
    }

    /// The next child of the same parent, anonymous tokens included.
    pub fn next_sibling(&self) -> Option<Node<'t>> {
        let parent = self.tree.slots.get(self.slot().parent as usize)?;
        let next = self.id + 1;
        (next < parent.first_child + parent.child_count).then(|| self.at(next))
    }

    pub fn child_count(&self) -> usize {
        self.slot().child_count as usize
    }

    pub fn child(&self, i: usize) -> Option<Node<'t>> {
        let s = self.slot();
        (i < s.child_count as usize).then(|| self.at(s.first_child + i as u32))
    }

    /// Every child, anonymous tokens included, in order.
    pub fn children(&self) -> impl Iterator<Item = Node<'t>> + 't {
        let s = self.slot();
        let (tree, first) = (self.tree, s.first_child);
        (first..first + s.child_count).map(move |id| Node { tree, id })
    }

    pub fn named_children(&self) -> impl Iterator<Item = Node<'t>> + 't {
        self.children().filter(Node::is_named)
    }

    pub fn named_child(&self, i: usize) -> Option<Node<'t>> {
        self.named_children().nth(i)
    }

    pub fn named_child_count(&self) -> usize {
        self.named_children().count()
    }

    /// The first child filling grammar field `id`. Inside an ERROR node,
    /// none: tree-sitter keeps no field map for what error recovery built
    /// (its cursor still names fields there, as `children_by_field_id` does).
    pub fn child_by_field_id(&self, id: u16) -> Option<Node<'t>> {
        if self.is_error() {
            return None;
        }
        self.children_by_field_id(id).next()
    }

    /// Every child filling grammar field `id`.
    pub fn children_by_field_id(&self, id: u16) -> impl Iterator<Item = Node<'t>> + 't {
        self.children().filter(move |c| c.slot().field == id)
    }

    pub fn child_by_field_name(&self, name: &str) -> Option<Node<'t>> {
        self.child_by_field_id(field_id(name)?)
    }

    pub fn children_by_field_name(&self, name: &str) -> impl Iterator<Item = Node<'t>> + 't {
        // A name the grammar does not have matches no child (field 0 is "none").
        let id = field_id(name).unwrap_or(u16::MAX);
        self.children_by_field_id(id)
    }
}

fn language() -> &'static tree_sitter::Language {
    static LANG: std::sync::OnceLock<tree_sitter::Language> = std::sync::OnceLock::new();
    LANG.get_or_init(|| tree_sitter_go::LANGUAGE.into())
}

/// tree-sitter-go's name for a node kind id (what `tree_sitter::Node::kind` gives).
fn kind_name(id: u16) -> &'static str {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let lang = language();
        (0..lang.node_kind_count() as u16)
            .map(|id| lang.node_kind_for_id(id).unwrap_or(""))
            .collect()
    });
    match id {
        ERROR_KIND => "ERROR",
        _ => names.get(id as usize).copied().unwrap_or(""),
    }
}

/// The field names seam reads, most read first: [`field_id`] finds these
/// by comparing lengths and a few bytes (the compiler inlines comparisons
/// with constant strings), with no search. Others take the search.
macro_rules! known_fields {
    ($($name:literal),* $(,)?) => {
        const KNOWN_FIELDS: &[&str] = &[$($name),*];

        fn known_slot(name: &str) -> Option<usize> {
            let mut slot = 0usize;
            $(
                if name == $name {
                    return Some(slot);
                }
                slot += 1;
            )*
            let _ = slot;
            None
        }
    };
}

known_fields!(
    "operand",
    "field",
    "type",
    "function",
    "right",
    "value",
    "name",
    "left",
    "body",
    "arguments",
    "operator",
    "parameters",
    "result",
    "element",
    "package",
    "key",
    "receiver",
    "index",
    "type_parameters",
    "type_arguments",
    "tag",
    "length",
    "consequence",
    "path",
    "initializer",
    "condition",
    "alternative",
);

/// tree-sitter-go's id for a field name. This runs for every field read
/// of every pass (a tenth of all CPU time when it was a binary search
/// over the names).
pub fn field_id(name: &str) -> Option<u16> {
    static KNOWN_IDS: std::sync::OnceLock<Vec<Option<u16>>> = std::sync::OnceLock::new();
    match known_slot(name) {
        Some(slot) => KNOWN_IDS
            .get_or_init(|| KNOWN_FIELDS.iter().map(|n| searched_field_id(n)).collect())[slot],
        None => searched_field_id(name),
    }
}

/// [`field_id`] by a binary search over every name of the grammar.
fn searched_field_id(name: &str) -> Option<u16> {
    static IDS: std::sync::OnceLock<Vec<(&'static str, u16)>> = std::sync::OnceLock::new();
    let ids = IDS.get_or_init(|| {
        let lang = language();
        let mut ids: Vec<(&'static str, u16)> = (1..=lang.field_count() as u16)
            .filter_map(|id| Some((lang.field_name_for_id(id)?, id)))
            .collect();
        ids.sort_unstable();
        ids
    });
    ids.binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|at| ids[at].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> tree_sitter::Tree {
        let mut p = tree_sitter::Parser::new();
        p.set_language(&tree_sitter_go::LANGUAGE.into()).unwrap();
        p.parse(src, None).unwrap()
    }

    #[test]
    fn every_field_name_has_its_grammar_id() {
        let lang = language();
        for id in 1..=lang.field_count() as u16 {
            let name = lang.field_name_for_id(id).unwrap();
            assert_eq!(field_id(name), Some(id), "{name}");
        }
        for name in KNOWN_FIELDS {
            assert!(known_slot(name).is_some(), "{name}");
            assert_eq!(
                field_id(name),
                lang.field_id_for_name(name).map(|n| n.get()),
                "{name}"
            );
        }
        assert_eq!(field_id("no_such_field"), None);
    }

    /// Walks both trees side by side and compares every property the
    /// copy offers.
    fn assert_same(ts: tree_sitter::Node, ours: Node) {
        assert_eq!(ts.kind(), ours.kind());
        assert_eq!(ts.start_byte(), ours.start_byte());
        assert_eq!(ts.end_byte(), ours.end_byte());
        assert_eq!(ts.is_named(), ours.is_named());
        assert_eq!(ts.is_error(), ours.is_error());
        assert_eq!(ts.is_missing(), ours.is_missing());
        assert_eq!(ts.has_error(), ours.has_error());
        assert_eq!(ts.child_count() as usize, ours.child_count());
        assert_eq!(ts.named_child_count(), ours.named_child_count());
        let lang: tree_sitter::Language = tree_sitter_go::LANGUAGE.into();
        for id in 1..=lang.field_count() as u16 {
            let name = lang.field_name_for_id(id).unwrap();
            let mut c = ts.walk();
            let theirs: Vec<usize> = ts
                .children_by_field_name(name, &mut c)
                .map(|n| n.start_byte())
                .collect();
            let mine: Vec<usize> = ours
                .children_by_field_name(name)
                .map(|n| n.start_byte())
                .collect();
            assert_eq!(theirs, mine, "field {name} of {}", ts.kind());
            assert_eq!(
                ts.child_by_field_name(name).map(|n| n.start_byte()),
                ours.child_by_field_name(name).map(|n| n.start_byte()),
                "field {name} of {} {:?}: {:?}",
                ts.kind(),
                ours.child_by_field_name(name),
                ts.to_sexp()
            );
        }
        for i in 0..ts.child_count() {
            let (a, b) = (ts.child(i).unwrap(), ours.child(i as usize).unwrap());
            assert_eq!(b.parent(), Some(ours));
            assert_same(a, b);
        }
    }

    #[test]
    fn the_copy_agrees_with_tree_sitter_node_for_node() {
        let src = r#"package main

import (
	"fmt"
	h "net/http"
)

type T struct {
	A, B int `json:"a"`
	*Embedded
}

func (t *T) Serve(w h.ResponseWriter, r *h.Request) {
	x := map[string]int{"a": 1}
	for k, v := range x {
		fmt.Println(k, v)
	}
	go func() { defer recover() }()
	if err := do(); err != nil { return }
}

func broken( { var
"#;
        let ts = parse(src);
        let tree = Tree::copy(&ts);
        assert_same(ts.root_node(), tree.root_node());
        assert!(tree.root_node().has_error());
        assert_eq!(tree.root_node().parent(), None);
    }

    fn go_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                go_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "go") {
                out.push(p);
            }
        }
    }

    fn count_flags(n: tree_sitter::Node, seen: &mut [usize; 3]) {
        seen[0] += n.is_error() as usize;
        seen[1] += n.is_missing() as usize;
        seen[2] += (n.kind_id() != n.grammar_id()) as usize;
        for i in 0..n.child_count() {
            count_flags(n.child(i).unwrap(), seen);
        }
    }

    /// Every Go fixture, whole and cut short at three places (which makes
    /// ERROR and MISSING nodes), copies node for node.
    #[test]
    fn the_copy_agrees_on_every_fixture_and_its_truncations() {
        let mut files = Vec::new();
        go_files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
            &mut files,
        );
        assert!(files.len() > 50, "{} files", files.len());
        let mut seen = [0usize; 3];
        for f in &files {
            let src = std::fs::read(f).unwrap();
            for cut in [src.len(), src.len() / 3, src.len() / 2, src.len() * 2 / 3] {
                let ts = parse(&String::from_utf8_lossy(&src[..cut]));
                count_flags(ts.root_node(), &mut seen);
                assert_same(ts.root_node(), Tree::copy(&ts).root_node());
            }
        }
        let [errors, missing, aliased] = seen;
        assert!(errors > 0 && missing > 0 && aliased > 0, "{seen:?}");
    }

    /// The grammar's node types are read (not the all-kinds fallback),
    /// supertypes included, and leave out what no field holds.
    #[test]
    fn field_kinds_come_from_the_grammar() {
        let names = field_kinds(tree_sitter_go::NODE_TYPES).expect("node-types.json reads");
        // `call_expression.function` holds an `_expression`, a supertype.
        for held in [
            "identifier",
            "call_expression",
            "selector_expression",
            "&",
            "=",
        ] {
            assert!(names.contains(held), "{held}");
        }
        for never in ["(", ")", "{", "comment"] {
            assert!(!names.contains(never), "{never}");
        }
        let lang = language();
        let paren = lang.id_for_node_kind("(", false);
        assert!(!kind_may_fill_field(paren));
        assert!(kind_may_fill_field(
            lang.id_for_node_kind("identifier", true)
        ));
    }

    #[test]
    fn unknown_field_names_match_nothing() {
        let ts = parse("package p\nfunc f() {}\n");
        let tree = Tree::copy(&ts);
        let func = tree.root_node().named_child(1).unwrap();
        assert_eq!(func.kind(), "function_declaration");
        assert!(func.child_by_field_name("no_such_field").is_none());
        assert_eq!(func.children_by_field_name("no_such_field").count(), 0);
        assert_eq!(
            func.child_by_field_name("name")
                .and_then(|n| n.utf8_text(b"package p\nfunc f() {}\n").ok()),
            Some("f")
        );
    }

    #[test]
    fn deep_trees_copy_without_recursion() {
        let src = format!(
            "package p\nvar x = {}1{}\n",
            "(".repeat(20_000),
            ")".repeat(20_000)
        );
        let ts = parse(&src);
        let tree = Tree::copy(&ts);
        assert_eq!(tree.slots.len(), ts.root_node().descendant_count());
        assert!(tree.depth() > 20_000, "{}", tree.depth());
        let shallow = Tree::copy(&parse("package p\nfunc f() {}\n"));
        // source_file > function_declaration > block > `{`
        assert_eq!(shallow.depth(), 3);
    }
}
