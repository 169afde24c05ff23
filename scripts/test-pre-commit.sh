#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml end to end: installs pre-commit from PyPI into
# .tools/venv, then runs `pre-commit try-repo <this repo> seam` (the
# `language: rust` hook, built by pre-commit with cargo from the repository's
# HEAD, plus uncommitted changes to tracked files) in throwaway git
# repositories made from fixtures/ci/bad and fixtures/ci/good: the hook must
# fail on the first and pass on the second. Then the same for
# `seam-changed`, and `seam-system` with the hook's built binary on PATH.
#
# Environment: SEAM_PRE_COMMIT_HOME (default .tools/pre-commit-home) keeps
# pre-commit's build of the hook between runs; CARGO_TARGET_DIR (default
# target/pre-commit) keeps cargo's.
set -euo pipefail

PRE_COMMIT_VERSION=4.7.0
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${SEAM_TOOLS_DIR:-$root/.tools}"
venv="$tools/venv"
start=$SECONDS

if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -m pip show pre-commit 2>/dev/null | grep -qx "Version: $PRE_COMMIT_VERSION"; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION"
fi
pre_commit="$venv/bin/pre-commit"
echo "pre-commit $("$pre_commit" --version | awk '{print $2}') ready ($((SECONDS - start))s)"

export PRE_COMMIT_HOME="${SEAM_PRE_COMMIT_HOME:-$tools/pre-commit-home}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/pre-commit}"
export PRE_COMMIT_COLOR=never
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# A git repository holding one fixture, all files staged.
make_repo() {
  local fixture="$1" dir="$scratch/$1-$2"
  mkdir -p "$dir"
  cp -R "$root/fixtures/ci/$fixture/." "$dir/"
  git -C "$dir" init -q
  git -C "$dir" add -A
  echo "$dir"
}

passed=0
failed=0
# expect HOOK FIXTURE pass|fail [extra pre-commit args...]
expect() {
  local hook="$1" fixture="$2" want="$3"
  shift 3
  local repo log t0=$SECONDS rc=0
  repo="$(make_repo "$fixture" "$hook")"
  log="$scratch/$hook-$fixture.log"
  (cd "$repo" && "$pre_commit" try-repo "$root" "$hook" --verbose "$@") >"$log" 2>&1 || rc=$?
  local got=pass
  (( rc != 0 )) && got=fail
  if [[ "$got" == "$want" ]] && { [[ "$want" == pass ]] || grep -q "HTTP001" "$log"; }; then
    echo "ok: $hook on $fixture ${want}s (exit $rc, $((SECONDS - t0))s)"
    passed=$((passed + 1))
  else
    echo "FAILED: $hook on $fixture: wanted $want, got exit $rc ($((SECONDS - t0))s); log:"
    sed 's/^/    /' "$log"
    failed=$((failed + 1))
  fi
}

expect seam bad fail --all-files
expect seam good pass --all-files
# Only the staged server file changed: the finding's related location is in it.
expect seam-changed bad fail --files server/main.go
expect seam-changed bad pass --files go.mod

# `language: system` with the binary pre-commit built on PATH.
bin="$(find "$PRE_COMMIT_HOME" -path '*/rustenv-*/bin/seam' -type f | head -n 1)"
if [[ -n "$bin" ]]; then
  PATH="$(dirname "$bin"):$PATH" expect seam-system bad fail --all-files
  PATH="$(dirname "$bin"):$PATH" expect seam-system good pass --all-files
else
  echo "FAILED: no seam binary built by pre-commit under $PRE_COMMIT_HOME"
  failed=$((failed + 1))
fi

echo "pre-commit hooks: $passed passed, $failed failed ($((SECONDS - start))s)"
(( failed == 0 ))
