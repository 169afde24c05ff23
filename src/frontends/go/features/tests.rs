use crate::model::Feature;

fn features(src: &str) -> Vec<(Feature, u32, String)> {
    let facts = crate::frontends::go::analyze("x.go", src.as_bytes());
    facts
        .go
        .unwrap()
        .features
        .into_iter()
        .map(|u| (u.feature, u.origin.line, u.detail))
        .collect()
}

fn kinds(src: &str) -> Vec<(Feature, u32)> {
    features(src).into_iter().map(|(f, l, _)| (f, l)).collect()
}

#[test]
fn range_over_int() {
    let src = r#"package p

const N = 3

func f(n int, xs []string, s string, m map[string]int) {
	for i := range 10 {
		_ = i
	}
	for range n {
	}
	for i := range len(xs) - 1 {
		_ = i
	}
	for range N {
	}
	k := 5
	for range k * 2 {
	}
	for range xs {
	}
	for range s {
	}
	for range m {
	}
	for i := 0; i < n; i++ {
	}
}
"#;
    use Feature::GoRangeOverInt as I;
    assert_eq!(kinds(src), vec![(I, 6), (I, 9), (I, 11), (I, 14), (I, 17)]);
}

#[test]
fn range_over_func() {
    let src = r#"package p

import (
	"iter"
	"maps"
	"slices"
)

type List struct{}

func (l *List) All() iter.Seq[int] { return nil }

func count(yield func(int) bool) {}

func gen() func(func(int, string) bool) { return nil }

func f(seq iter.Seq2[int, string], l *List, m map[string]int, xs []int) {
	for k, v := range seq {
		_, _ = k, v
	}
	for x := range l.All() {
		_ = x
	}
	for k := range maps.Keys(m) {
		_ = k
	}
	for i, v := range slices.All(xs) {
		_, _ = i, v
	}
	for i, s := range gen() {
		_, _ = i, s
	}
	for range func(yield func() bool) {} {
	}
	for range count {
	}
	for range slices.Sorted(maps.Keys(m)) {
	}
}
"#;
    let got = kinds(src);
    use Feature::GoRangeOverFunc as F;
    assert_eq!(
        got,
        vec![(F, 18), (F, 21), (F, 24), (F, 27), (F, 30), (F, 33)]
    );
}

#[test]
fn loop_variables_that_need_per_iteration_semantics() {
    let src = r#"package p

import "sync"

func f(items []string, out []*string, m map[int]*int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			println(it)
		}()
	}
	for i := 0; i < 3; i++ {
		defer func() { println(i) }()
	}
	for _, it := range items {
		out = append(out, &it)
	}
	for i := range 3 {
		m[i] = &i
	}
	// Not reliances:
	for _, it := range items {
		it := it
		go func() { println(it) }()
	}
	for _, it := range items {
		go func(it string) { println(it) }(it)
	}
	for _, it := range items {
		process(&it)
	}
	it := ""
	for _, it = range items {
		go func() { println(it) }()
	}
}

func process(*string) {}
"#;
    let got = features(src);
    let loopvars: Vec<_> = got
        .iter()
        .filter(|(f, ..)| *f == Feature::GoPerIterationLoopVar)
        .map(|(_, l, d)| (*l, d.as_str()))
        .collect();
    assert_eq!(
        loopvars,
        vec![
            (
                11,
                "`it` of `for _, it := range items` is used by a closure started with `go`"
            ),
            (
                15,
                "`i` of `for i := 0; i < 3; i++` is used by a closure started with `defer`"
            ),
            (
                18,
                "the address of `it` of `for _, it := range items` is kept beyond the iteration"
            ),
            (
                21,
                "the address of `i` of `for i := range 3` is kept beyond the iteration"
            ),
        ]
    );
}

#[test]
fn build_constraint_version() {
    let f = |src: &str| {
        crate::frontends::go::analyze("x.go", src.as_bytes())
            .go
            .unwrap()
            .build_go_version
    };
    assert_eq!(
        f("//go:build go1.22\n\npackage p\n").as_deref(),
        Some("go1.22")
    );
    assert_eq!(
        f("//go:build linux && (go1.21 && go1.23)\n\npackage p\n").as_deref(),
        Some("go1.23")
    );
    assert_eq!(f("//go:build go1.22 || windows\n\npackage p\n"), None);
    assert_eq!(f("package p\n"), None);
}
