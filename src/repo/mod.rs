//! Facts about the repository that no single file's bytes give: the
//! checked-out git revision (read from `.git`, never by running git) and
//! Cargo workspaces as `cargo metadata` resolves them.
//!
//! Unlike frontends these read the file system; the engine calls them once
//! per run.

pub mod cargo;
pub mod git;
