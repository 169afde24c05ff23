//! Go language features gated by the `go` line of `go.mod`: range over an
//! integer (1.22), range over a function iterator (1.23), and loop
//! variables whose correctness depends on Go 1.22's per-iteration
//! semantics (captured by a `go`/`defer` closure, or their address stored
//! or appended). Also the `go1.N` a `//go:build` line requires.
//!
//! Types are not checked: a range expression counts as an integer or an
//! iterator only when the file itself shows it (a literal, `len`, a
//! conversion, arithmetic, a parameter or variable declared with such a
//! type, a function of this file returning one, a standard-library iterator).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::tree::Node;

use super::syntax::{field, named_children, preorder};
use super::types::FileCtx;
use crate::model::{Feature, FeatureUse, GoFile};

const INT_TYPES: &[&str] = &[
    "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
    "uintptr", "byte", "rune",
];

/// Standard-library functions returning an iterator, by import path.
const STD_ITERATORS: &[(&str, &[&str])] = &[
    ("maps", &["All", "Keys", "Values"]),
    ("slices", &["All", "Backward", "Chunk", "Values"]),
    (
        "strings",
        &[
            "Lines",
            "SplitSeq",
            "SplitAfterSeq",
            "FieldsSeq",
            "FieldsFuncSeq",
        ],
    ),
    (
        "bytes",
        &[
            "Lines",
            "SplitSeq",
            "SplitAfterSeq",
            "FieldsSeq",
            "FieldsFuncSeq",
        ],
    ),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ty {
    Int,
    Iter,
    Other,
}

/// Records the features of one file into `file`.
pub fn collect(ctx: &FileCtx, root: Node, file: &mut GoFile) {
    let mut f = Finder {
        ctx,
        iter_funcs: HashSet::default(),
        package_names: HashMap::default(),
        out: Vec::new(),
    };
    for decl in named_children(root) {
        match decl.kind() {
            "function_declaration" | "method_declaration" => {
                if let (Some(name), Some(res)) = (field(decl, "name"), field(decl, "result")) {
                    if f.type_of(res) == Ty::Iter {
                        f.iter_funcs.insert(ctx.text(name).to_string());
                    }
                }
            }
            "comment" => {
                if let Some(v) = ctx
                    .text(decl)
                    .strip_prefix("//go:build ")
                    .and_then(build_go)
                {
                    file.build_go_version = Some(v);
                }
            }
            _ => {}
        }
    }
    let mut names = HashMap::default();
    for decl in named_children(root) {
        if matches!(decl.kind(), "const_declaration" | "var_declaration") {
            f.bindings(decl, &mut names);
        }
    }
    f.package_names = names;
    // Function literals see the names of the functions around them.
    let outer = HashMap::default();
    preorder(root, |n| {
        if matches!(
            n.kind(),
            "function_declaration" | "method_declaration" | "func_literal"
        ) {
            f.function(n, &outer);
            return false;
        }
        true
    });
    f.out.sort_by_key(|u| (u.origin.start, u.feature));
    f.out
        .dedup_by(|a, b| a.origin.start == b.origin.start && a.feature == b.feature);
    file.features = f.out;
}

/// The highest `go1.N` of a `//go:build` expression made only of `&&`
/// terms (with `||` or `!` the file's version is not raised here).
fn build_go(expr: &str) -> Option<String> {
    if expr.contains("||") || expr.contains('!') {
        return None;
    }
    expr.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '&')
        .filter_map(|t| crate::model::GoVersion::parse(t.strip_prefix("go")?).map(|v| (v, t)))
        .max_by_key(|(v, _)| *v)
        .map(|(_, t)| t.to_string())
}

struct Finder<'c, 'a> {
    ctx: &'c FileCtx<'a>,
    /// Functions and methods of this file that return an iterator.
    iter_funcs: HashSet<String>,
    /// Package-level names with a known type.
    package_names: HashMap<String, Ty>,
    out: Vec<FeatureUse>,
}

impl Finder<'_, '_> {
    fn text(&self, n: Node) -> &str {
        self.ctx.text(n)
    }

    /// The type a type expression denotes, as far as it matters here.
    fn type_of(&self, t: Node) -> Ty {
        match t.kind() {
            "type_identifier" if INT_TYPES.contains(&self.text(t)) => Ty::Int,
            "parenthesized_type" => t.named_child(0).map_or(Ty::Other, |c| self.type_of(c)),
            "generic_type" => field(t, "type").map_or(Ty::Other, |c| self.type_of(c)),
            "qualified_type" => {
                let pkg = field(t, "package").map(|p| self.text(p)).unwrap_or("");
                let name = field(t, "name").map(|p| self.text(p)).unwrap_or("");
                let is_iter = self.ctx.imports.get(pkg).map(String::as_str) == Some("iter");
                if is_iter && (name == "Seq" || name == "Seq2") {
                    Ty::Iter
                } else {
                    Ty::Other
                }
            }
            // func(yield func(...) bool)
            "function_type" => {
                let params = field(t, "parameters")
                    .map(named_children)
                    .unwrap_or_default();
                let yield_fn = params.first().and_then(|p| field(*p, "type")).filter(|y| {
                    y.kind() == "function_type"
                        && field(*y, "result").is_some_and(|r| self.text(r) == "bool")
                });
                if params.len() == 1 && yield_fn.is_some() && field(t, "result").is_none() {
                    Ty::Iter
                } else {
                    Ty::Other
                }
            }
            _ => Ty::Other,
        }
    }

    /// What an expression evaluates to, as far as the file shows.
    fn expr(&self, e: Node, names: &HashMap<String, Ty>) -> Ty {
        match e.kind() {
            "int_literal" | "rune_literal" => Ty::Int,
            "func_literal" => Ty::Iter,
            "parenthesized_expression" => {
                e.named_child(0).map_or(Ty::Other, |c| self.expr(c, names))
            }
            "identifier" => {
                let n = self.text(e);
                names
                    .get(n)
                    .or_else(|| self.package_names.get(n))
                    .copied()
                    .unwrap_or(Ty::Other)
            }
            "binary_expression" => {
                let op = field(e, "operator").map(|o| self.text(o)).unwrap_or("");
                let sides = [field(e, "left"), field(e, "right")];
                let any_int = sides
                    .iter()
                    .flatten()
                    .any(|s| self.expr(*s, names) == Ty::Int);
                match op {
                    "-" | "*" | "/" | "%" | "<<" | ">>" | "&" | "|" | "^" | "&^" => Ty::Int,
                    "+" if any_int => Ty::Int,
                    _ => Ty::Other,
                }
            }
            "call_expression" => self.call(e),
            _ => Ty::Other,
        }
    }

    fn call(&self, e: Node) -> Ty {
        let Some(func) = field(e, "function") else {
            return Ty::Other;
        };
        match func.kind() {
            "identifier" => {
                let name = self.text(func);
                if matches!(name, "len" | "cap") || INT_TYPES.contains(&name) {
                    Ty::Int
                } else if self.iter_funcs.contains(name) {
                    Ty::Iter
                } else {
                    Ty::Other
                }
            }
            "parenthesized_type" | "type_identifier" => self.type_of(func),
            "selector_expression" => {
                let operand = field(func, "operand").map(|o| self.text(o)).unwrap_or("");
                let name = field(func, "field").map(|o| self.text(o)).unwrap_or("");
                let pkg = self.ctx.imports.get(operand).map(String::as_str);
                let std_iter = STD_ITERATORS
                    .iter()
                    .any(|(p, names)| Some(*p) == pkg && names.contains(&name));
                // A method of this file returning an iterator (matched by name).
                let method = pkg.is_none() && self.iter_funcs.contains(name);
                if std_iter || method {
                    Ty::Iter
                } else {
                    Ty::Other
                }
            }
            _ => Ty::Other,
        }
    }

    /// Names declared by `var`/`const`/`:=`/parameters under `n` with a
    /// type this file shows. A name declared twice with different types
    /// is dropped.
    fn bindings(&self, n: Node, out: &mut HashMap<String, Ty>) {
        let mut seen_other: HashSet<String> = HashSet::default();
        let mut put = |out: &mut HashMap<String, Ty>, name: &str, ty: Ty| {
            if seen_other.contains(name) {
                return;
            }
            match out.get(name) {
                Some(t) if *t != ty => {
                    out.remove(name);
                    seen_other.insert(name.to_string());
                }
                _ => {
                    out.insert(name.to_string(), ty);
                }
            }
        };
        preorder(n, |x| {
            match x.kind() {
                "parameter_declaration" | "var_spec" | "const_spec" => {
                    let ty = field(x, "type").map(|t| self.type_of(t));
                    let values = field(x, "value").map(named_children).unwrap_or_default();
                    let names: Vec<Node> = x.children_by_field_name("name").collect();
                    for (i, name) in names.iter().enumerate() {
                        let t = ty.or_else(|| values.get(i).map(|v| self.expr(*v, out)));
                        put(out, self.text(*name), t.unwrap_or(Ty::Other));
                    }
                }
                "short_var_declaration" => {
                    let left = field(x, "left").map(named_children).unwrap_or_default();
                    let right = field(x, "right").map(named_children).unwrap_or_default();
                    for (i, name) in left.iter().enumerate() {
                        let t = if left.len() == right.len() {
                            self.expr(right[i], out)
                        } else {
                            Ty::Other
                        };
                        put(out, self.text(*name), t);
                    }
                }
                _ => {}
            }
            x.kind() != "func_literal" || x.id() == n.id()
        });
    }

    /// Checks the loops of a function with the names it declares added to
    /// `outer`; the function literals inside it are checked in turn.
    fn function(&mut self, func: Node, outer: &HashMap<String, Ty>) {
        // Every feature found here is in a `for` statement, which starts
        // with the keyword: a function whose text has none has nothing.
        let text = self.ctx.src.get(func.start_byte()..func.end_byte());
        if text.is_none_or(|t| memchr::memmem::find(t, b"for").is_none()) {
            return;
        }
        let mut names = outer.clone();
        self.bindings(func, &mut names);
        let Some(body) = field(func, "body") else {
            return;
        };
        preorder(body, |n| match n.kind() {
            "func_literal" => {
                self.function(n, &names);
                false
            }
            "for_statement" => {
                self.for_statement(n, &names);
                true
            }
            _ => true,
        });
    }

    fn push(&mut self, feature: Feature, detail: String, at: Node) {
        self.out.push(FeatureUse {
            feature,
            detail,
            origin: self.ctx.origin(at),
        });
    }

    fn for_statement(&mut self, n: Node, names: &HashMap<String, Ty>) {
        let children = named_children(n);
        let mut loop_vars: Vec<String> = Vec::new();
        let header_end = field(n, "body").map_or(n.end_byte(), |b| b.start_byte());
        let header = String::from_utf8_lossy(&self.ctx.src[n.start_byte()..header_end])
            .trim()
            .to_string();
        for c in &children {
            match c.kind() {
                "range_clause" => {
                    if let Some(right) = field(*c, "right") {
                        match self.expr(right, names) {
                            Ty::Int => {
                                self.push(Feature::GoRangeOverInt, format!("`{header}`"), *c)
                            }
                            Ty::Iter => {
                                self.push(Feature::GoRangeOverFunc, format!("`{header}`"), *c)
                            }
                            Ty::Other => {}
                        }
                    }
                    let declares = (0..c.child_count())
                        .filter_map(|i| c.child(i))
                        .any(|t| !t.is_named() && self.text(t) == ":=");
                    if declares {
                        if let Some(left) = field(*c, "left") {
                            loop_vars
                                .extend(idents(left).into_iter().map(|i| self.text(i).to_string()));
                        }
                    }
                }
                "for_clause" => {
                    if let Some(init) =
                        field(*c, "initializer").filter(|i| i.kind() == "short_var_declaration")
                    {
                        if let Some(left) = field(init, "left") {
                            loop_vars
                                .extend(idents(left).into_iter().map(|i| self.text(i).to_string()));
                        }
                    }
                }
                _ => {}
            }
        }
        loop_vars.retain(|v| v != "_");
        if loop_vars.is_empty() {
            return;
        }
        let Some(body) = field(n, "body") else { return };
        let shadowed = self.redeclared(body);
        loop_vars.retain(|v| !shadowed.contains(v));
        for v in loop_vars {
            self.escapes(body, &v, &header);
        }
    }

    /// Names the loop body redeclares at its top level (`v := v`).
    fn redeclared(&self, body: Node) -> HashSet<String> {
        let mut out = HashSet::default();
        let stmts = named_children(body).into_iter().flat_map(|s| {
            if s.kind() == "statement_list" {
                named_children(s)
            } else {
                vec![s]
            }
        });
        for s in stmts {
            if s.kind() == "short_var_declaration" {
                if let Some(left) = field(s, "left") {
                    out.extend(idents(left).into_iter().map(|i| self.text(i).to_string()));
                }
            }
        }
        out
    }

    /// Records where loop variable `v` outlives its iteration in `body`.
    fn escapes(&mut self, body: Node, v: &str, header: &str) {
        preorder(body, |n| match n.kind() {
            "go_statement" | "defer_statement" => {
                let kw = if n.kind() == "go_statement" {
                    "go"
                } else {
                    "defer"
                };
                let lit = n
                    .named_child(0)
                    .filter(|c| c.kind() == "call_expression")
                    .and_then(|c| field(c, "function"))
                    .filter(|f| f.kind() == "func_literal");
                if let Some(lit) = lit {
                    if let Some(use_at) = self.captured(lit, v) {
                        self.push(
                            Feature::GoPerIterationLoopVar,
                            format!("`{v}` of `{header}` is used by a closure started with `{kw}`"),
                            use_at,
                        );
                    }
                    return false;
                }
                true
            }
            "unary_expression" => {
                let is_addr = field(n, "operator").is_some_and(|o| self.text(o) == "&");
                let operand = field(n, "operand").filter(|o| o.kind() == "identifier");
                if is_addr && operand.is_some_and(|o| self.text(o) == v) && stored(n, self.ctx) {
                    self.push(
                        Feature::GoPerIterationLoopVar,
                        format!("the address of `{v}` of `{header}` is kept beyond the iteration"),
                        n,
                    );
                }
                true
            }
            "func_literal" => false,
            _ => true,
        });
    }

    /// The first use of `v` inside a function literal that does not
    /// redeclare it.
    fn captured<'t>(&self, lit: Node<'t>, v: &str) -> Option<Node<'t>> {
        let mut declared = HashMap::default();
        self.bindings(lit, &mut declared);
        if declared.contains_key(v) {
            return None;
        }
        let mut first: Option<Node> = None;
        preorder(field(lit, "body")?, |n| {
            if first.is_none() && n.kind() == "identifier" && self.text(n) == v {
                first = Some(n);
            }
            first.is_none()
        });
        first
    }
}

/// Identifiers of an expression list.
fn idents(list: Node) -> Vec<Node> {
    if list.kind() == "identifier" {
        return vec![list];
    }
    named_children(list)
        .into_iter()
        .filter(|n| n.kind() == "identifier")
        .collect()
}

/// `&v` kept: appended (`append(xs, &v)`), stored into an element or field
/// (`m[k] = &v`, `s.p = &v`), or put into a composite literal.
fn stored(addr: Node, ctx: &FileCtx) -> bool {
    let Some(parent) = addr.parent() else {
        return false;
    };
    match parent.kind() {
        "argument_list" => {
            parent
                .parent()
                .and_then(|call| field(call, "function"))
                .is_some_and(|f| f.kind() == "identifier" && ctx.text(f) == "append")
                && parent
                    .named_child(0)
                    .is_some_and(|first| first.id() != addr.id())
        }
        "literal_element" | "keyed_element" | "literal_value" => true,
        "expression_list" => parent.parent().is_some_and(|a| {
            a.kind() == "assignment_statement"
                && field(a, "right").is_some_and(|r| r.id() == parent.id())
                && field(a, "left").is_some_and(|l| {
                    named_children(l)
                        .iter()
                        .any(|t| matches!(t.kind(), "index_expression" | "selector_expression"))
                })
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
