//! Rules: each reads the linked contract and returns findings.

pub mod meta;
