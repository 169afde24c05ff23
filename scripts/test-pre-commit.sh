#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml end to end: installs pre-commit from PyPI into
# .tools/venv (gitignored), then runs `pre-commit try-repo <this repo>
# --ref HEAD --all-files` in throwaway git repositories made from
# fixtures/ci/bad (a TS call to a route the Go server lacks) and
# fixtures/ci/good. All three hooks must fail on the first and pass on the
# second:
#   seam          language: rust, built by pre-commit with `cargo install`
#   seam-changed  the same binary, given the file names (--changed-files)
#   seam-system   language: system, the seam on PATH (SEAM_BIN, default:
#                 a debug build of this checkout)
#
# try-repo uses a fresh pre-commit store each time, so each run builds the
# hook (a release build of seam). CARGO_TARGET_DIR (default: this repo's
# target/) lets those builds reuse compiled dependencies, e.g. from an
# earlier `cargo build --release`. Tests the committed HEAD: commit first.
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

# The seam for the `language: system` hook.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
if [[ -z "${SEAM_BIN:-}" ]]; then
  (cd "$root" && cargo build --locked --quiet --bin seam)
  SEAM_BIN="$CARGO_TARGET_DIR/debug/seam"
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/bin"
ln -s "$SEAM_BIN" "$scratch/bin/seam"

ref="$(git -C "$root" rev-parse HEAD)"
if [[ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]]; then
  echo "note: testing the hooks at HEAD ($ref); uncommitted changes are not included"
fi
export PRE_COMMIT_COLOR=never

passed=0
failed=0
# check FIXTURE passed|failed: every hook must end with that status.
check() {
  local fixture="$1" want="$2" dir="$scratch/$1" log="$scratch/$1.log" t0=$SECONDS rc=0
  mkdir -p "$dir"
  cp -R "$root/fixtures/ci/$fixture/." "$dir/"
  git -C "$dir" init -q
  git -C "$dir" add -A
  (cd "$dir" && PATH="$scratch/bin:$PATH" "$pre_commit" try-repo "$root" --ref "$ref" --all-files --verbose) \
    >"$log" 2>&1 || rc=$?
  local status=Passed ok=1
  [[ "$want" == failed ]] && status=Failed
  for hook in 'seam' 'seam (staged files)' 'seam (installed)'; do
    local re="^${hook//[()]/.}\.+${status}\$"
    if ! grep -Eq "$re" "$log"; then
      echo "FAILED: hook '$hook' did not end $status on fixtures/ci/$fixture"
      ok=0
    fi
  done
  if [[ "$want" == failed ]] && ! grep -q "HTTP001" "$log"; then
    echo "FAILED: no HTTP001 in the hook output for fixtures/ci/$fixture"
    ok=0
  fi
  if { [[ "$want" == failed ]] && (( rc == 0 )); } || { [[ "$want" == passed ]] && (( rc != 0 )); }; then
    echo "FAILED: pre-commit exited $rc on fixtures/ci/$fixture"
    ok=0
  fi
  if (( ok )); then
    echo "ok: all hooks $want on fixtures/ci/$fixture (pre-commit exit $rc, $((SECONDS - t0))s)"
    passed=$((passed + 1))
  else
    sed 's/^/    /' "$log"
    failed=$((failed + 1))
  fi
}

check bad failed
check good passed

echo "pre-commit hook tests took $((SECONDS - start))s"
echo "pre-commit: $passed passed, $failed failed"
(( failed == 0 ))
