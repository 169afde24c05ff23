//! What the Go web frameworks call things: import paths, router types,
//! constructors and registration methods. One table per framework.

pub use crate::model::Framework;

/// The framework an import path belongs to.
pub fn framework_of_import(path: &str) -> Option<Framework> {
    Framework::of_import(path)
}

/// Does `pkg.name` (pkg an import path) construct a new root router?
pub fn constructor(pkg: &str, name: &str) -> Option<Framework> {
    let fw = framework_of_import(pkg)?;
    let ok = match fw {
        Framework::NetHttp => name == "NewServeMux",
        Framework::Gin => matches!(name, "New" | "Default"),
        Framework::Echo => name == "New",
        Framework::Chi => matches!(name, "NewRouter" | "NewMux"),
        Framework::GorillaMux => name == "NewRouter",
        Framework::Axum => false,
    };
    ok.then_some(fw)
}

/// Is `pkg.name` (a type) a router type of its framework?
pub fn router_type(pkg: &str, name: &str) -> Option<Framework> {
    Framework::router_type(pkg, name)
}

/// How a registration method takes its arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodArg {
    /// The method is in the name (`GET`, `Get`), or `ANY`.
    Fixed(&'static str),
    /// The first argument is the method (`Handle("GET", path, h)`).
    Arg0,
    /// The first argument is a list of methods (`Match([]string{...}, ...)`).
    List0,
    /// In the pattern for net/http and chi `Handle` (`"GET /x"`), else ANY.
    Pattern,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verb {
    pub method: MethodArg,
    /// Index of the path argument.
    pub path_arg: usize,
    pub subtree: bool,
    /// The handler is served by the framework (static files).
    pub library: bool,
}

const fn verb(method: MethodArg, path_arg: usize) -> Verb {
    Verb {
        method,
        path_arg,
        subtree: false,
        library: false,
    }
}

const fn static_files(subtree: bool) -> Verb {
    Verb {
        method: MethodArg::Fixed("GET"),
        path_arg: 0,
        subtree,
        library: true,
    }
}

const UPPER: &[&str] = &[
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE",
];

/// The registration a method call on a router of `fw` makes, if any.
pub fn registration(fw: Framework, name: &str) -> Option<Verb> {
    use MethodArg::*;
    match fw {
        Framework::Gin | Framework::Echo => {
            if let Some(m) = UPPER.iter().find(|m| **m == name) {
                if fw == Framework::Gin && matches!(name, "CONNECT" | "TRACE") {
                    return None;
                }
                return Some(verb(Fixed(m), 0));
            }
            match (fw, name) {
                (_, "Any") => Some(verb(Fixed("ANY"), 0)),
                (_, "Match") => Some(verb(List0, 1)),
                (Framework::Gin, "Handle") | (Framework::Echo, "Add") => Some(verb(Arg0, 1)),
                (Framework::Gin, "Static" | "StaticFS") | (Framework::Echo, "Static") => {
                    Some(static_files(true))
                }
                (Framework::Gin, "StaticFile" | "StaticFileFS") | (Framework::Echo, "File") => {
                    Some(static_files(false))
                }
                _ => None,
            }
        }
        Framework::Chi => match name {
            "Get" => Some(verb(Fixed("GET"), 0)),
            "Post" => Some(verb(Fixed("POST"), 0)),
            "Put" => Some(verb(Fixed("PUT"), 0)),
            "Patch" => Some(verb(Fixed("PATCH"), 0)),
            "Delete" => Some(verb(Fixed("DELETE"), 0)),
            "Head" => Some(verb(Fixed("HEAD"), 0)),
            "Options" => Some(verb(Fixed("OPTIONS"), 0)),
            "Connect" => Some(verb(Fixed("CONNECT"), 0)),
            "Trace" => Some(verb(Fixed("TRACE"), 0)),
            "Handle" | "HandleFunc" => Some(verb(Pattern, 0)),
            "Method" | "MethodFunc" => Some(verb(Arg0, 1)),
            _ => None,
        },
        Framework::NetHttp => match name {
            "Handle" | "HandleFunc" => Some(verb(Pattern, 0)),
            _ => None,
        },
        Framework::GorillaMux => match name {
            "Handle" | "HandleFunc" => Some(verb(Fixed("ANY"), 0)),
            _ => None,
        },
        Framework::Axum => None,
    }
}

/// Does this method of a router create a prefixed sub-router (`Group`)?
pub fn is_group(fw: Framework, name: &str) -> bool {
    match fw {
        Framework::Gin | Framework::Echo => name == "Group",
        Framework::Chi => matches!(name, "Route" | "Group" | "With"),
        _ => false,
    }
}

/// Does this method add middleware to a router?
pub fn is_use(fw: Framework, name: &str) -> bool {
    match fw {
        Framework::Echo => matches!(name, "Use" | "Pre"),
        Framework::NetHttp => false,
        _ => name == "Use",
    }
}

/// Guess the framework of a router whose type is not known from the method
/// name and what the file imports.
pub fn guess(imported: &[Framework], name: &str) -> Option<Framework> {
    let candidates: Vec<Framework> = [
        Framework::Gin,
        Framework::Echo,
        Framework::Chi,
        Framework::GorillaMux,
        Framework::NetHttp,
    ]
    .into_iter()
    .filter(|fw| registration(*fw, name).is_some() || is_group(*fw, name) || is_use(*fw, name))
    .collect();
    candidates
        .iter()
        .find(|fw| imported.contains(fw))
        .or_else(|| candidates.first())
        .copied()
}

/// HTTP method constants of net/http: `http.MethodGet` → `GET`.
pub fn method_const(pkg: &str, name: &str) -> Option<&'static str> {
    if pkg != "net/http" && framework_of_import(pkg) != Some(Framework::Echo) {
        return None;
    }
    let m = name.strip_prefix("Method")?;
    UPPER.iter().copied().find(|u| u.eq_ignore_ascii_case(m))
}
