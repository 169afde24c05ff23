#!/bin/sh
# Fills fuzz/corpus/<target>/ with seeds: the repository's fixtures (with
# the selector byte some targets read first) and the committed seeds in
# fuzz/seeds/<target>/. The corpus itself is not committed (.gitignore).
# Needs: sh, find, sha1sum, head; objcopy (binutils) for the binary seeds.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
corpus="$here/corpus"

# seed TARGET SELECTOR FILE: copies FILE into the target's corpus, after
# one selector byte (0-255) when SELECTOR is not empty.
seed() {
    mkdir -p "$corpus/$1"
    tmp="$corpus/$1/.tmp"
    if [ -n "$2" ]; then
        printf "\\$(printf '%03o' "$2")" > "$tmp"
    else
        : > "$tmp"
    fi
    cat "$3" >> "$tmp"
    # Named by content, as libFuzzer names its own: re-running adds nothing.
    mv "$tmp" "$corpus/$1/$(sha1sum < "$tmp" | cut -d' ' -f1)"
}

fixtures() { find "$root/fixtures" -type f "$@" ! -path '*/node_modules/*'; }

for f in $(fixtures -name '*.vue'); do
    seed vue "" "$f"
    seed sfc_split "" "$f"
done
for f in $(fixtures \( -name '*.ts' -o -name '*.tsx' -o -name '*.js' \)); do
    case "$f" in
        */vite.config.*) sel=4 ;;
        *.tsx) sel=1 ;;
        *.js) sel=2 ;;
        *) sel=0 ;;
    esac
    seed script "$sel" "$f"
done
for f in $(fixtures -name '*.go'); do
    case "$f" in *_test.go) sel=1 ;; *) sel=0 ;; esac
    seed go "$sel" "$f"
done
for f in $(fixtures -name go.mod); do seed gomod "" "$f"; done
for f in $(fixtures -name package.json); do seed manifest 0 "$f"; done
for f in $(fixtures -name 'tsconfig*.json'); do seed manifest 1 "$f"; done
for f in $(fixtures -name package-lock.json); do seed manifest 2 "$f"; done
for f in $(fixtures -name pnpm-lock.yaml); do seed manifest 3 "$f"; done
for f in $(fixtures -name yarn.lock); do seed manifest 4 "$f"; done
for f in $(fixtures -name '.env*'); do seed manifest 5 "$f"; done
for f in $(fixtures -name Cargo.toml); do seed manifest 6 "$f"; done
for f in $(fixtures -name Cargo.lock); do seed manifest 7 "$f"; done
for f in $(fixtures -name seam.toml); do seed config "" "$f"; done
for f in $(fixtures -name '*.rs'); do seed rust "" "$f"; done

# Whole trees for `check`: from each fixture tree, its go.mod, two .go
# files, a .ts, a .vue, package.json, vite.config.ts and seam.toml, joined
# by 0xFF bytes in the order of fuzz_targets/check.rs.
first() { find "$1" -type f -name "$2" ! -path '*/node_modules/*' | sort | sed -n "${3:-1}p"; }
for dir in $(find "$root/fixtures" -type d \( -name bad -o -name good -o -name demo \)); do
    out="$corpus/.tree"
    : > "$out"
    set -f # the patterns below are for find, not the shell
    for part in "go.mod" "*.go" "*.go 2" "*.ts" "*.vue" "package.json" "vite.config.ts" "seam.toml"; do
        # shellcheck disable=SC2086
        f=$(first "$dir" $part)
        [ "$part" = "go.mod" ] || printf '\377' >> "$out"
        [ -n "$f" ] && cat "$f" >> "$out"
    done
    set +f
    seed check "" "$out"
    rm -f "$out"
done

# Binaries: the fixtures are ~1 MB each, too big to mutate usefully. Their
# Go build info alone (objcopy keeps one section: a ~5 KB ELF), and the
# first 4 KB (headers, load commands) of the Mach-O and PE ones.
if command -v objcopy > /dev/null; then
    for f in "$root"/fixtures/bin/app-* "$root"/fixtures/bin/*.so; do
        case "$f" in *.txt|*.exe|*darwin*) continue ;; esac
        out="$corpus/binary/.objcopy"
        mkdir -p "$corpus/binary"
        if objcopy --only-section=.go.buildinfo "$f" "$out" 2> /dev/null; then
            seed binary "" "$out"
        fi
        rm -f "$out"
    done
fi
for f in "$root"/fixtures/bin/*darwin* "$root"/fixtures/bin/*.exe; do
    case "$f" in *.txt) continue ;; esac
    head -c 4096 "$f" > "$corpus/.head"
    seed binary "" "$corpus/.head"
    rm -f "$corpus/.head"
done

# Committed seeds (hand-written inputs, minimized crash reproducers).
if [ -d "$here/seeds" ]; then
    for dir in "$here"/seeds/*/; do
        t=$(basename "$dir")
        mkdir -p "$corpus/$t"
        cp "$dir"* "$corpus/$t/" 2> /dev/null || true
    done
fi

for t in "$corpus"/*/; do
    echo "$(basename "$t"): $(find "$t" -type f | wc -l) seeds"
done
