#!/usr/bin/env python3
"""Run one command under GNU time and record wall time, CPU time and peak RSS.

    python3 benches/measure.py --json OUT.json [--stdout F] [--stderr F] -- CMD ARGS...

Writes {"cmd", "exit", "wall_s", "user_s", "sys_s", "max_rss_kb"} to OUT.json
and exits with the command's exit status (127 when it cannot be started).

Why GNU time (`/usr/bin/time -v`, Debian package `time`) and not wait4() from
here: on exec the kernel folds the exec'ing process's high-water RSS into the
new program's maxrss, so any command started from Python reports at least
Python's own ~14 MB. GNU time is a small C program (~1 MB floor). Wall time
is taken here with a monotonic clock (GNU time prints it to 10 ms only).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

GNU_TIME = os.environ.get("GNU_TIME", "/usr/bin/time")


def parse_time_v(text: str) -> dict:
    def num(label, cast=float):
        m = re.search(r"^\s*" + re.escape(label) + r":\s*([0-9.]+)\s*$", text, re.M)
        return cast(m.group(1)) if m else None
    return {"user_s": num("User time (seconds)"), "sys_s": num("System time (seconds)"),
            "max_rss_kb": num("Maximum resident set size (kbytes)", int),
            "exit": num("Exit status", int)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", required=True)
    ap.add_argument("--stdout", default=os.devnull)
    ap.add_argument("--stderr", default=os.devnull)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    if not cmd:
        ap.error("no command given")
    if not (os.path.isfile(GNU_TIME) and os.access(GNU_TIME, os.X_OK)):
        print(f"measure.py: GNU time not found at {GNU_TIME} (apt-get install time)", file=sys.stderr)
        return 127
    rec = {"cmd": cmd}
    if shutil.which(cmd[0]) is None:
        print(f"measure.py: cannot run {cmd[0]}: not found or not executable", file=sys.stderr)
        rec.update(exit=127, wall_s=None, user_s=None, sys_s=None, max_rss_kb=None, error="not found")
        code = 127
    else:
        fd, tv = tempfile.mkstemp(prefix="measure-", suffix=".time")
        os.close(fd)
        try:
            with open(a.stdout, "wb") as out, open(a.stderr, "wb") as err:
                t0 = time.perf_counter()
                p = subprocess.run([GNU_TIME, "-v", "-o", tv, "--"] + cmd, stdout=out, stderr=err,
                                   stdin=subprocess.DEVNULL)
                wall = time.perf_counter() - t0
            with open(tv, errors="replace") as fh:
                info = parse_time_v(fh.read())
        finally:
            os.unlink(tv)
        code = info["exit"] if info["exit"] is not None else p.returncode
        if p.returncode != 0 and code == 0:
            code = p.returncode  # killed by a signal: GNU time reports it, exit status missing
        rec.update(exit=code, wall_s=round(wall, 4), user_s=info["user_s"], sys_s=info["sys_s"],
                   max_rss_kb=info["max_rss_kb"])
    with open(a.json, "w") as fh:
        json.dump(rec, fh)
        fh.write("\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
