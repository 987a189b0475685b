#!/usr/bin/env bash
# Score extraction on a corpus folder: runs `zhprint extract <page> --format text` on
# every <corpus>/<id>/source.html and prints score.py's table.
#
# Usage: scripts/eval-extract.sh [CORPUS] [score.py options, e.g. --per-page]
#   CORPUS     default ../shared/corpus (pages as <id>/{source.html,expected.txt,meta.json})
#   ZHPRINT    binary to use (default: build and use target/debug/zhprint)
#   SCORER     default CORPUS/../eval/score.py
#   KEEP=DIR   write the predictions to DIR instead of a temporary folder
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$root/../shared/corpus}"
[ $# -gt 0 ] && shift
corpus="$(cd "$corpus" && pwd)"
scorer="${SCORER:-$corpus/../eval/score.py}"

if [ -z "${ZHPRINT:-}" ]; then
    # The dev profile builds dependencies optimised (Cargo.toml), and skips the long
    # release build of typst.
    (cd "$root" && cargo build --quiet --bin zhprint)
    ZHPRINT="$root/target/debug/zhprint"
fi

if [ -n "${KEEP:-}" ]; then
    out="$KEEP"
    mkdir -p "$out"
else
    out="$(mktemp -d)"
    trap 'rm -rf "$out"' EXIT
fi

failed=0
start=$(date +%s%N)
for page in "$corpus"/*/; do
    id="$(basename "$page")"
    [ -f "$page/source.html" ] || continue
    # A page that fails counts as empty output; the error goes to stderr.
    if ! "$ZHPRINT" extract "$page/source.html" --format text >"$out/$id.txt" 2>"$out/$id.err"; then
        failed=$((failed + 1))
        echo "$id: $(head -n 1 "$out/$id.err")" >&2
    fi
done
end=$(date +%s%N)
pages=$(find "$corpus" -mindepth 2 -maxdepth 2 -name source.html | wc -l)
echo "extracted $pages pages in $(((end - start) / 1000000)) ms (process start included), $failed failed"

python3 "$scorer" --corpus "$corpus" --pred "$out" "$@"
