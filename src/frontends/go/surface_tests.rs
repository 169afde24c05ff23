use crate::frontends::go::analyze;

fn items(src: &str) -> Vec<String> {
    let f = analyze("pkg/a.go", src.as_bytes());
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    let mut v: Vec<String> = f
        .surface
        .map(|s| s.items)
        .unwrap_or_default()
        .iter()
        .map(|i| {
            let mut s = format!("{:?} {:?} {} = {}", i.lang, i.kind, i.name, i.sig);
            if let Some(v) = &i.value {
                s.push_str(&format!(" [{v}]"));
            }
            if !i.flags.is_empty() {
                s.push_str(&format!(" {:?}", i.flags));
            }
            s
        })
        .collect();
    v.sort();
    v
}

#[test]
fn exported_api_with_normalized_signatures() {
    let got = items(
        r#"package pkg

import (
	"context"
	h "net/http"
)

type Kind int

const (
	KindA Kind = iota + 1
	KindB
	kindC
	KindD
)

const Name, Size = "x", 1 << 4

var Default = &Client{}
var ErrGone = errors.New("gone")

type Client struct {
	Base    string `json:"base"`
	Timeout int
	hooks   []func()
	*h.Client
}

type Store interface {
	Get(ctx context.Context, id string) (*Client, error)
	private()
}

type Alias = Client

func New(base string, opts ...Option) (*Client, error) { return nil, nil }
func (c *Client) Do(r *h.Request) (*h.Response, error) { return nil, nil }
func (c Client) String() string { return "" }
func helper() {}
func Map[K comparable, V any](m map[K]V, f func(V) bool) []K { return nil }
"#,
    );
    let want = [
        "Go Const KindA = Kind [1]",
        "Go Const KindB = Kind [2]",
        "Go Const KindD = Kind [4]",
        "Go Const Name = untyped string [\"x\"]",
        "Go Const Size = untyped int [16]",
        "Go Field Client.Base = string",
        "Go Field Client.Client = *net/http.Client [\"embedded\"]",
        "Go Field Client.Timeout = int",
        "Go Func Map = func[K comparable, V any](map[K]V, func(V) bool) []K",
        "Go Func New = func(string, ...Option) (*Client, error)",
        "Go InterfaceMethod Store.Get = func(context.Context, string) (*Client, error)",
        "Go Method Client.Do = func(*net/http.Request) (*net/http.Response, error) [\"ptr-receiver\"]",
        "Go Method Client.String = func() string",
        "Go Type Alias = = Client",
        "Go Type Client = struct [\"noncomparable\"]",
        "Go Type Kind = int",
        "Go Type Store = interface [\"sealed\"]",
        "Go Var Default = *Client",
        "Go Var ErrGone = error",
    ];
    assert_eq!(got, want);
}

#[test]
fn cgo_exports_and_layouts() {
    let got = items(
        r#"package main

/*
struct point { int x; int y; };
*/
import "C"
import "unsafe"

type Point struct {
	X C.int
	Y C.int
}

type Opts struct {
	Verbose bool
	Limit   int32
}

//export Add
func Add(a, b C.int) C.int { return a + b }

//export Configure
func Configure(o *Opts, name *C.char, p unsafe.Pointer) (int, error) { return 0, nil }

func main() {}
"#,
    );
    let want = [
        "CExport Func Add = int Add(int, int) [\"cgo\"]",
        "CExport Func Configure = struct { GoInt r0; GoInterface r1; } Configure(Opts*, char*, void*) [\"cgo\"]",
        "CLayout Struct Opts = Verbose bool; Limit int32 [\"cgo\"]",
        "CLayout Struct Point = X C.int; Y C.int [\"cgo\"]",
        "Go Field Opts.Limit = int32",
        "Go Field Opts.Verbose = bool",
        "Go Field Point.X = C.int",
        "Go Field Point.Y = C.int",
        "Go Func Add = func(C.int, C.int) C.int",
        "Go Func Configure = func(*Opts, *C.char, unsafe.Pointer) (int, error)",
        "Go Type Opts = struct",
        "Go Type Point = struct",
    ];
    assert_eq!(got, want);
}
