//! seam: lints a repository that holds several stacks at once (a Go
//! backend, a Vue/TypeScript frontend, Rust crates, built binaries) for the
//! places where they no longer agree.
//!
//! Pipeline: [`walk`] → [`frontends`] (pure, per file) → [`model`] →
//! [`link`] → [`rules`] → [`findings`] → [`report`].

pub mod config;
pub mod findings;
pub mod frontends;
pub mod inspect;
pub mod model;
pub mod rules;
pub mod source;
pub mod walk;
