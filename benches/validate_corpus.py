#!/usr/bin/env python3
"""Syntax-check a generated tree: every .go file with tree-sitter-go (the
parser seam uses), every .ts/.vue file with the TypeScript compiler's parser
and @vue/compiler-sfc (via validate_web.mjs).

Needs, outside the repository (nothing here is committed or vendored):
    python3 -m venv /tmp/bench-venv && /tmp/bench-venv/bin/pip install tree-sitter tree-sitter-go
    (cd /tmp/bench-node && npm init -y && npm install typescript@5 @vue/compiler-sfc)
    (typescript@5: version 7 is the native port and has no JavaScript parser API)
Run:
    /tmp/bench-venv/bin/python benches/validate_corpus.py benches/out/tree-1x [--node-modules /tmp/bench-node/node_modules]
Exit status 1 when any file has a syntax error.
"""
import argparse
import os
import subprocess
import sys

ap = argparse.ArgumentParser()
ap.add_argument("tree")
ap.add_argument("--node-modules", default="/tmp/bench-node/node_modules")
a = ap.parse_args()

import tree_sitter
import tree_sitter_go

parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_go.language()))
bad = 0
ngo = 0
web = []
for root, dirs, files in os.walk(a.tree):
    dirs.sort()
    for f in sorted(files):
        p = os.path.join(root, f)
        if f.endswith(".go"):
            ngo += 1
            tree = parser.parse(open(p, "rb").read())
            if tree.root_node.has_error:
                bad += 1
                # first ERROR / MISSING node
                stack = [tree.root_node]
                while stack:
                    n = stack.pop()
                    if n.type == "ERROR" or n.is_missing:
                        print(f"go: {p}:{n.start_point[0] + 1}:{n.start_point[1] + 1}: {n.type}")
                        break
                    stack.extend(reversed(n.children))
        elif f.endswith((".ts", ".vue")):
            web.append(p)
print(f"go: {ngo} files, {bad} with syntax errors")
here = os.path.dirname(os.path.abspath(__file__))
env = dict(os.environ, NODE_PATH=a.node_modules)
import tempfile
with tempfile.NamedTemporaryFile("w", suffix=".txt") as lst:
    lst.write("\n".join(web))
    lst.flush()
    r = subprocess.run(["node", os.path.join(here, "validate_web.mjs"), lst.name], env=env)
sys.exit(1 if bad or r.returncode else 0)
