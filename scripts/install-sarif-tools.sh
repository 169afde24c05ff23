#!/usr/bin/env bash
# Installs the SARIF validators that tests/sarif.rs uses, under .tools/
# (gitignored). Idempotent: a second run with everything in place does
# nothing and makes no network request.
#
#   .tools/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
#   .tools/venv/bin/check-jsonschema
#
# Needs node/npm and python3 (with venv). Prints the paths it installed.
set -euo pipefail

MULTITOOL_VERSION=5.7.0
CHECK_JSONSCHEMA_VERSION=0.39.0

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${SEAM_TOOLS_DIR:-$root/.tools}"
mkdir -p "$tools"

# --- Sarif.Multitool (npm) ---------------------------------------------------
sarif="$tools/sarif"
pkg="$sarif/node_modules/@microsoft/sarif-multitool-linux"
have=""
if [[ -f "$pkg/package.json" ]]; then
  have="$(node -p "require('$pkg/package.json').version" 2>/dev/null || true)"
fi
if [[ "$have" != "$MULTITOOL_VERSION" ]]; then
  mkdir -p "$sarif"
  # --ignore-scripts: the postinstall only chmods the binary (npm 11 skips it
  # anyway); we do that below.
  npm install --prefix "$sarif" --no-save --no-audit --no-fund --ignore-scripts \
    "@microsoft/sarif-multitool@$MULTITOOL_VERSION" \
    "@microsoft/sarif-multitool-linux@$MULTITOOL_VERSION" >&2
fi
chmod u+x "$pkg/Sarif.Multitool"
schema="$(find "$pkg" -name 'sarif-2.1.0.json' -print -quit)"
if [[ -z "$schema" ]]; then
  echo "error: sarif-2.1.0.json not found in $pkg" >&2
  exit 1
fi

# --- check-jsonschema (PyPI) --------------------------------------------------
venv="$tools/venv"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -m pip show check-jsonschema 2>/dev/null | grep -qx "Version: $CHECK_JSONSCHEMA_VERSION"; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "check-jsonschema==$CHECK_JSONSCHEMA_VERSION" >&2
fi

echo "SEAM_SARIF_MULTITOOL=$pkg/Sarif.Multitool"
echo "SEAM_SARIF_SCHEMA=$schema"
echo "SEAM_CHECK_JSONSCHEMA=$venv/bin/check-jsonschema"
