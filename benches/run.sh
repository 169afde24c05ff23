#!/usr/bin/env bash
# seam benchmark (issue 9): time seam against the parse-only floor and ast-grep
# on generated monorepos, and write benches/RESULTS.md.
#
#   bash benches/run.sh [--sizes "1 4 16"] [--runs N] [--regen] [--install-tools] [--skip-seam]
#
#   --runs N       repeat every measurement N times, report the median (default 1)
#   --regen        regenerate the trees even when they are up to date
#   --install-tools  pip-install ast-grep-cli into $BENCH_OUT/venv when it is missing
#   --skip-seam    only the ast-grep rows (a baseline before seam exists)
#
# Environment:
#   SEAM_BIN    seam binary to use; skips `cargo build --release` (e.g. SEAM_BIN=/bin/true
#               to test this script's plumbing before seam exists)
#   AST_GREP    ast-grep binary (default: `ast-grep` on PATH, then benches/out/venv/bin/ast-grep).
#               Never Debian's `sg`, which is newgrp.
#   BENCH_OUT   where trees, tools and raw results go (default benches/out, gitignored)
#   BENCH_SEED  generator seed (default 1)
#   BENCH_RESULTS  where the Markdown goes (default benches/RESULTS.md)
#   GNU_TIME    GNU time binary (default /usr/bin/time; Debian package `time`)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT=${BENCH_OUT:-$HERE/out}
SEED=${BENCH_SEED:-1}
RESULTS_MD=${BENCH_RESULTS:-$HERE/RESULTS.md}
SIZES="1 4 16"
RUNS=1
REGEN=0
INSTALL=0
SKIP_SEAM=0

die() { echo "run.sh: error: $*" >&2; exit 2; }
say() { echo "run.sh: $*" >&2; }
usage() { sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) [ $# -ge 2 ] || die "--sizes needs a value"; SIZES=$2; shift 2 ;;
    --sizes=*) SIZES=${1#*=}; shift ;;
    --runs) [ $# -ge 2 ] || die "--runs needs a value"; RUNS=$2; shift 2 ;;
    --runs=*) RUNS=${1#*=}; shift ;;
    --regen) REGEN=1; shift ;;
    --install-tools) INSTALL=1; shift ;;
    --skip-seam) SKIP_SEAM=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
for n in $SIZES; do [[ $n =~ ^[1-9][0-9]*$ ]] || die "--sizes: '$n' is not a positive integer"; done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs: '$RUNS' is not a positive integer"

# ---------------------------------------------------------------- tools
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed or not on PATH: $2"; }
need python3 "Python 3.11+ runs the generator and the measurements"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || die "python3 is $(python3 -V 2>&1); the generator needs Python 3.11+"
need find "coreutils/findutils"
GNU_TIME=${GNU_TIME:-/usr/bin/time}
"$GNU_TIME" -v -o /dev/null true 2>/dev/null \
  || die "GNU time ($GNU_TIME -v) is missing: apt-get install time (it measures peak RSS and CPU time)"
export GNU_TIME

mkdir -p "$OUT"

if [ -z "${AST_GREP:-}" ]; then
  if command -v ast-grep >/dev/null 2>&1; then
    AST_GREP=$(command -v ast-grep)
  elif [ -x "$OUT/venv/bin/ast-grep" ]; then
    AST_GREP=$OUT/venv/bin/ast-grep
  elif [ "$INSTALL" = 1 ]; then
    say "installing ast-grep-cli from PyPI into $OUT/venv…"
    python3 -m venv "$OUT/venv" && "$OUT/venv/bin/pip" install -q ast-grep-cli \
      || die "could not install ast-grep-cli into $OUT/venv"
    AST_GREP=$OUT/venv/bin/ast-grep
  else
    die "ast-grep not found. Install it (pip install ast-grep-cli, npm i -g @ast-grep/cli, cargo install ast-grep)
       and put it on PATH or set AST_GREP=/path/to/ast-grep, or rerun with --install-tools"
  fi
fi
[ -x "$AST_GREP" ] || AST_GREP=$(command -v "$AST_GREP" || true)
[ -n "$AST_GREP" ] && [ -x "$AST_GREP" ] || die "AST_GREP is not an executable"
AST_GREP_VERSION=$("$AST_GREP" --version 2>/dev/null || true)
[[ $AST_GREP_VERSION == ast-grep* ]] \
  || die "$AST_GREP does not look like ast-grep (--version said '$AST_GREP_VERSION')"

if [ "$SKIP_SEAM" = 1 ]; then
  SEAM=""
  say "--skip-seam: measuring ast-grep only"
elif [ -n "${SEAM_BIN:-}" ]; then
  SEAM=$(command -v "$SEAM_BIN" || true)
  [ -n "$SEAM" ] && [ -x "$SEAM" ] || die "SEAM_BIN='$SEAM_BIN' is not an executable"
  say "using SEAM_BIN=$SEAM (not building)"
else
  need cargo "install Rust (rustup) to build seam, or set SEAM_BIN"
  say "building seam (cargo build --release)…"
  (cd "$ROOT" && cargo build --release) || die "cargo build --release failed"
  SEAM=$ROOT/target/release/seam
  [ -x "$SEAM" ] || die "cargo built, but $SEAM does not exist"
fi

# ---------------------------------------------------------------- trees
GEN_SHA=$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' \
  "$HERE/gen_monorepo.py")
tree_ok() { # tree manifest scale -> 0 when the tree is there and came from this generator, seed, scale
  [ -d "$1" ] && [ -f "$2" ] && python3 - "$2" "$GEN_SHA" "$SEED" "$3" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
n = int(sys.argv[4])
ok = (m.get("generator_sha256") == sys.argv[2] and m.get("seed") == int(sys.argv[3])
      and m["requested"]["go_files"] == 1500 * n and m["requested"]["web_files"] == 600 * n)
sys.exit(0 if ok else 1)
EOF
}
for n in $SIZES; do
  tree=$OUT/tree-${n}x
  if [ "$REGEN" = 1 ] || ! tree_ok "$tree" "$tree.manifest.json" "$n"; then
    say "generating $tree (scale $n, seed $SEED)…"
    python3 "$HERE/gen_monorepo.py" --out "$tree" --scale "$n" --seed "$SEED"
  fi
done

# ---------------------------------------------------------------- runs
RES=$OUT/results
rm -rf "$RES"
mkdir -p "$RES"
INDEX=$RES/index.jsonl
EDITED=""
EDITED_BACKUP=""
restore() {
  if [ -n "$EDITED" ] && [ -f "$EDITED_BACKUP" ]; then
    cp -p "$EDITED_BACKUP" "$EDITED" && rm -f "$EDITED_BACKUP"
    EDITED=""
  fi
}
trap restore EXIT
trap 'restore; exit 130' INT TERM

FAILED=0
measure() { # id cmd... ; stdout/stderr kept in $RES/id.{out,err}
  local id=$1; shift
  if ! python3 "$HERE/measure.py" --json "$RES/$id.json" --stdout "$RES/$id.out" --stderr "$RES/$id.err" -- "$@"; then
    say "FAILED ($(python3 -c 'import json,sys; print("exit", json.load(open(sys.argv[1]))["exit"])' "$RES/$id.json")): $*"
    say "  stderr: $(head -c 300 "$RES/$id.err" | head -n 3 | tr '\n' ' ')"
    FAILED=1
  fi
}
index() { # size kind label manifest output note ids...
  python3 - "$@" >>"$INDEX" <<'EOF'
import json, sys
size, kind, label, manifest, output, note, *ids = sys.argv[1:]
print(json.dumps({"size": int(size), "kind": kind, "label": label, "manifest": manifest,
                  "output": output or None, "note": note, "ids": ids}))
EOF
}
IDS=()
repeat() { # prefix cmd... -> runs it $RUNS times as prefix-1..N; ids in IDS
  local prefix=$1; shift
  IDS=()
  for ((i = 1; i <= RUNS; i++)); do
    measure "$prefix-$i" "$@"
    IDS+=("$prefix-$i")
  done
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?"; }
LOAD_BEFORE=$(loadavg)
SEAM_VERSION="(not measured: --skip-seam)"
if [ -n "$SEAM" ]; then SEAM_VERSION=$("$SEAM" --version 2>/dev/null | head -n 1 || true); fi

for n in $SIZES; do
  tree=$OUT/tree-${n}x
  man=$tree.manifest.json
  say "size ${n}x: $tree"
  # Same starting point for every tool: sources in the page cache, no seam cache.
  find "$tree" -type f -exec cat {} + >/dev/null
  rm -rf "$tree/.seam-cache"

  if [ -n "$SEAM" ]; then
    # (a) full check, cold (no cache)
    report=$RES/seam-check-${n}x.json
    repeat "seam-check-${n}x" "$SEAM" check "$tree" --format json -o "$report" --no-cache --fail-on never
    index "$n" seam-check "seam check (cold, --no-cache)" "$man" "$report" "" "${IDS[@]}"

    # (b) parse-only floor: walk + parse every file, no analysis
    repeat "seam-parse-${n}x" "$SEAM" check "$tree" --parse-only --no-cache --fail-on never
    index "$n" seam-parse "seam --parse-only (floor)" "$man" "" "walk + parse only" "${IDS[@]}"
  fi

  # (c) ast-grep with the rule set in benches/ast-grep
  repeat "ast-grep-${n}x" "$AST_GREP" scan -c "$HERE/ast-grep/sgconfig.yml" --report-style short \
    --color never "$tree"
  index "$n" ast-grep "ast-grep scan (rules: benches/ast-grep)" "$man" "$RES/ast-grep-${n}x-1.out" "" "${IDS[@]}"

  # (d) incremental: fill the cache, edit one Go file, rerun
  [ -n "$SEAM" ] || continue
  fill_ids=()
  warm_ids=()
  for ((i = 1; i <= RUNS; i++)); do
    rm -rf "$tree/.seam-cache"
    measure "seam-fill-${n}x-$i" "$SEAM" check "$tree" --format json -o "$RES/seam-fill-${n}x.json" --fail-on never
    fill_ids+=("seam-fill-${n}x-$i")
    EDITED_REL=$(python3 - "$man" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
# the handler file of the first domain: edited code whose facts must be redone
print(m["route_list"][0]["file"].replace("routes.go", "handler.go"))
EOF
)
    EDITED=$tree/$EDITED_REL
    EDITED_BACKUP=$RES/edited.bak
    cp -p "$EDITED" "$EDITED_BACKUP"
    printf '\n// bench: edited at run %s\nfunc benchEdited%s() int { return %s }\n' "$i" "$i" "$i" >>"$EDITED"
    measure "seam-warm-${n}x-$i" "$SEAM" check "$tree" --format json -o "$RES/seam-warm-${n}x.json" --fail-on never
    warm_ids+=("seam-warm-${n}x-$i")
    restore
  done
  rm -rf "$tree/.seam-cache"
  index "$n" seam-fill "seam check (cache fill)" "$man" "" "first run with the cache on" "${fill_ids[@]}"
  index "$n" seam-warm "seam check (warm, 1 Go file edited)" "$man" "" \
    "rerun after appending a function to $EDITED_REL" "${warm_ids[@]}"
done

# ---------------------------------------------------------------- report
LOAD_AFTER=$(loadavg)
export LOAD_BEFORE LOAD_AFTER SEAM SEAM_VERSION AST_GREP_VERSION RUNS SEED ROOT
python3 - "$RES/env.json" <<'EOF'
import json, os, platform, subprocess, sys, time
E = os.environ
def sh(*a):
    try:
        return subprocess.run(a, capture_output=True, text=True, cwd=E["ROOT"]).stdout.strip()
    except OSError:
        return ""
def first(path, key):
    try:
        for line in open(path):
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""
mem = first("/proc/meminfo", "MemTotal")
rev = sh("git", "rev-parse", "--short", "HEAD")
if rev and sh("git", "status", "--porcelain", "--untracked-files=no"):
    rev += " (modified)"
json.dump({
    "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    "host": f"{platform.system()} {platform.release()} {platform.machine()}",
    "cpu": first("/proc/cpuinfo", "model name"), "cores": os.cpu_count(),
    "memory": f"{int(mem.split()[0]) / 1024 / 1024:.1f} GiB" if mem else "",
    "load_before": E["LOAD_BEFORE"], "load_after": E["LOAD_AFTER"],
    "seam": E["SEAM"], "seam_version": E["SEAM_VERSION"] or "(no --version output)",
    "ast_grep": E["AST_GREP_VERSION"], "repo_rev": rev, "runs": int(E["RUNS"]), "seed": int(E["SEED"]),
}, open(sys.argv[1], "w"), indent=1)
EOF
set +e
python3 "$HERE/report.py" "$RES" >"$RESULTS_MD"
REPORT_RC=$?
set -e
cat "$RESULTS_MD"
say "wrote $RESULTS_MD (raw measurements in $RES)"
if [ "$FAILED" != 0 ] || [ "$REPORT_RC" != 0 ]; then
  say "some runs FAILED (see the exit column and $RES/*.err)"
  exit 1
fi
