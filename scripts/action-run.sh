#!/usr/bin/env bash
# The run step of the seam GitHub Action (action.yml): checks the tree,
# writes the SARIF log, a Markdown job summary and the step outputs, and
# exits like `seam check` (0 clean, 1 findings at or above fail-on, 2 usage
# error). tests/action.rs runs it with a fake GITHUB_* environment.
#
# Environment:
#   SEAM_BIN             the seam binary (default: seam on PATH)
#   INPUT_PATH           tree to check, relative to the workspace (default .)
#   INPUT_ARGS           extra `seam check` arguments, split on whitespace
#   INPUT_FAIL_ON        error | warning | note | never (default error)
#   INPUT_SARIF_FILE     SARIF output, relative to the workspace (default seam.sarif)
#   GITHUB_WORKSPACE     repository root (default: the current directory)
#   GITHUB_STEP_SUMMARY  file the Markdown summary is appended to (optional)
#   GITHUB_OUTPUT        file the step outputs are appended to (optional)
#   GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA   for links in the summary
set -uo pipefail

seam="${SEAM_BIN:-seam}"
workspace="${GITHUB_WORKSPACE:-$PWD}"
cd "$workspace" || { echo "::error::cannot enter workspace $workspace"; exit 2; }
path="${INPUT_PATH:-.}"
fail_on="${INPUT_FAIL_ON:-error}"
sarif="${INPUT_SARIF_FILE:-seam.sarif}"
read -r -a extra <<< "${INPUT_ARGS:-}"

# Appends standard input to the job summary (standard output without one).
to_summary() {
  if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then cat >> "$GITHUB_STEP_SUMMARY"; else cat; fi
}

output() {
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    echo "$1=$2" >> "$GITHUB_OUTPUT"
  fi
}

# A SARIF file from an earlier run must not be uploaded as this run's.
rm -f -- "$sarif"
mkdir -p -- "$(dirname -- "$sarif")"

# Paths in the SARIF log are relative to the workspace (the repository
# root), which is what code scanning resolves them against.
"$seam" check "$path" --format sarif --output "$sarif" --fail-on "$fail_on" \
  --path-base "$workspace" ${extra[@]+"${extra[@]}"}
rc=$?
output exit-code "$rc"

if [[ -f "$sarif" ]] && (( rc == 0 || rc == 1 )); then
  output sarif-file "$sarif"
  link=()
  if [[ -n "${GITHUB_REPOSITORY:-}" && -n "${GITHUB_SHA:-}" ]]; then
    link=(--link-base "${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/blob/$GITHUB_SHA/")
  fi
  if ! "$seam" summary "$sarif" ${link[@]+"${link[@]}"} | to_summary; then
    echo "::warning::seam could not summarise $sarif"
  fi
  if (( rc == 1 )); then
    printf '\nFailing: findings at or above `%s` (input `fail-on`).\n' "$fail_on" | to_summary
  fi
else
  printf '## seam\n\n`seam check` failed with exit code %s; see the step log.\n' "$rc" | to_summary
  (( rc == 0 || rc == 1 )) && rc=2
fi
exit "$rc"
