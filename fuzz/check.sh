#!/bin/sh
# CI: every fuzz target still builds. A plain dev build of fuzz/ (its own
# workspace) into the main target/ directory, so it reuses the dependencies
# `cargo test` / `cargo build` compiled there; needs neither cargo-fuzz nor
# nightly (to fuzz, see fuzz/README.md). Extra arguments go to cargo build.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
# The main workspace must not pick fuzz/ up (it has its own [workspace]).
if cargo metadata --manifest-path "$root/Cargo.toml" --no-deps --offline \
    --format-version 1 2> /dev/null | grep -q '"name":"seam-fuzz"'; then
    echo "fuzz/check.sh: the main workspace includes fuzz/" >&2
    exit 1
fi
exec cargo build --manifest-path "$root/fuzz/Cargo.toml" --target-dir "$root/target" \
    --bins "$@"
