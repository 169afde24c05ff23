#!/bin/sh
# Runs one fuzz target for a while, nice'd, one job: the machines are shared.
#   fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags...]
# Crashes go to fuzz/artifacts/TARGET/, new inputs to fuzz/corpus/TARGET/
# (both gitignored). Run fuzz/seed.sh once first.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=$1
secs=${2:-600}
shift
[ $# -gt 0 ] && shift
cd "$here/.."
# -timeout: an input that takes 20 s is a bug (something quadratic);
# -rss_limit_mb: so is one that needs 2 GB.
exec nice -n 19 cargo fuzz run -s none "$target" -- \
    -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 "$@"
