#!/bin/sh
# Runs one fuzz target for a while, nice'd, one job: the machines are shared.
#   fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags...]
# Builds first (cargo fuzz build -s none), unless FUZZ_NO_BUILD=1: then the
# binary already built runs, even if the sources have changed since.
# Crashes go to fuzz/artifacts/TARGET/, new inputs to fuzz/corpus/TARGET/
# (both gitignored). Run fuzz/seed.sh once first.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=$1
secs=${2:-600}
shift
[ $# -gt 0 ] && shift
cd "$here"
if [ "${FUZZ_NO_BUILD:-}" != 1 ]; then
    nice -n 19 cargo fuzz build -s none "$target"
fi
bin="$here/target/$(rustc -vV | sed -n 's/^host: //p')/release/$target"
mkdir -p "corpus/$target" "artifacts/$target"
# -timeout: an input that takes 20 s is a bug (something quadratic);
# -rss_limit_mb: so is one that needs 2 GB.
exec nice -n 19 "$bin" -artifact_prefix="artifacts/$target/" \
    -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 "$@" "corpus/$target"
