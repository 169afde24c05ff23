//! seam: lints a repository that holds several stacks at once (a Go
//! backend, a Vue/TypeScript frontend, Rust crates, built binaries) for the
//! places where they no longer agree.
//!
//! Pipeline: [`walk`] → [`frontends`] (pure, per file) → [`model`] →
//! [`link`] → [`rules`] → [`findings`] → [`report`]; [`engine`] runs it.

pub mod baseline;
pub mod cache;
pub mod cli;
pub mod config;
pub mod drift;
pub mod engine;
pub mod findings;
pub mod frontends;
pub mod inspect;
pub mod link;
pub mod model;
pub mod repo;
pub mod report;
pub mod rules;
mod script_runner;
pub mod snapshot;
pub mod source;
pub mod suppress;
pub mod walk;
