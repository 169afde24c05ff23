#!/usr/bin/env bash
# Install step of the seam GitHub Action (action.yml).
#
#   action-install.sh key       prints `key=...` for actions/cache to GITHUB_OUTPUT
#   action-install.sh install   installs seam, prints `bin=...` to GITHUB_OUTPUT
#
# With SEAM_VERSION set: `cargo install seam --version $SEAM_VERSION --locked`
# (skipped when the cached ~/.cargo/bin/seam already is that version).
# Without: `cargo build --release --locked` from the action's own checkout
# (ACTION_PATH), whose target/ directory actions/cache keeps between runs.
set -euo pipefail

action="${ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
version="${SEAM_VERSION:-}"
emit() {
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then echo "$1" >> "$GITHUB_OUTPUT"; else echo "$1"; fi
}
os="${RUNNER_OS:-$(uname -s)}"

case "${1:-}" in
  key)
    if [[ -n "$version" ]]; then
      emit "key=seam-bin-$os-$version"
    else
      # hashFiles() only sees the workspace, not the action's directory.
      hash="$(cd "$action" && find Cargo.toml Cargo.lock build.rs src rules -type f -print0 \
        | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-20)"
      emit "key=seam-src-$os-$hash"
    fi
    ;;
  install)
    if [[ -n "$version" ]]; then
      bin="$HOME/.cargo/bin/seam"
      if [[ "$("$bin" --version 2>/dev/null || true)" != "seam $version" ]]; then
        cargo install seam --version "$version" --locked --force
      fi
    else
      export CARGO_TARGET_DIR="$action/target"
      cargo build --release --locked --manifest-path "$action/Cargo.toml"
      bin="$action/target/release/seam"
    fi
    "$bin" --version
    emit "bin=$bin"
    ;;
  *)
    echo "usage: $0 key|install" >&2
    exit 2
    ;;
esac
