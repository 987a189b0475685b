#!/usr/bin/env bash
# Issue 7's batch benchmark: N documents (the input/ pages and the corpus pages,
# repeated; default 1000) converted to PDF and DOCX with --jobs 2. Prints
# documents and pages per second and peak memory; where pandoc is installed, its
# time (HTML → PDF through typst, no DOCX) on the first 50 of the same pages,
# run two at a time, and the ratio.
#
# The binary measured is the profile-guided release build (scripts/build-pgo.sh, the
# build for batch archiving); a plain `cargo build --release` runs about 15% slower.
#
#   scripts/bench-batch.sh [N]       ZHPRINT_BIN=path measures that binary instead
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
bin=${ZHPRINT_BIN:-}
if [[ -z $bin ]]; then
    bin=$(scripts/build-pgo.sh)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

scripts/make-batch.sh "$n" "$work/in"

/usr/bin/time -f '%e %M' -o "$work/time" \
    "$bin" convert "$work/in" -o "$work/out" --format pdf,docx --jobs 2 --quiet \
    --report "$work/report.json" || true
read -r secs kb <"$work/time"
python3 - "$work/report.json" "$secs" "$kb" "$bin" <<'PY'
import json, sys
report, secs, kb = json.load(open(sys.argv[1])), float(sys.argv[2]), int(sys.argv[3])
done = [e for e in report["entries"] if e["status"] == "converted"]
pages = sum(e.get("pages", 0) for e in done)
print(f"zhprint ({sys.argv[4]}): {len(done)} of {len(report['entries'])} documents ({pages} PDF pages) "
      f"to PDF+DOCX in {secs:.1f} s with --jobs 2: {len(done) / secs:.1f} documents/s, "
      f"{pages / secs:.0f} pages/s, peak memory {kb / 1024:.0f} MB")
PY

# pandoc→typst, as the issue measured it: pandoc writes typst markup, typst compiles it
# (the typst CLI, else the `typst` Python module). `pip install pypandoc-binary typst`
# provides both; PANDOC=path names a pandoc binary that is not on PATH.
pandoc=${PANDOC:-$(command -v pandoc || true)}
if command -v typst >/dev/null; then
    compile='typst compile "$1.typ" "$1.pdf"'
elif python3 -c 'import typst' 2>/dev/null; then
    compile='python3 -c "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])" "$1.typ" "$1.pdf"'
else
    compile=
fi
if [[ -n $pandoc && -n $compile ]]; then
    m=$((n < 50 ? n : 50))
    # Images are dropped (the saved pages have none to embed; a missing one stops typst).
    echo 'function Image() return {} end' >"$work/no-images.lua"
    files=("$work/in"/*.html)
    printf '%s\n' "${files[@]:0:m}" >"$work/pandoc-list"
    start=$(date +%s.%N)
    PANDOC=$pandoc NOIMG=$work/no-images.lua xargs -P 2 -I{} sh -c '"$PANDOC" -f html -t typst -s --lua-filter "$NOIMG" "$1" -o "$1.typ" 2>/dev/null && '"$compile"' 2>/dev/null || true' _ {} \
        <"$work/pandoc-list"
    end=$(date +%s.%N)
    made=$(ls "$work/in"/*.pdf 2>/dev/null | wc -l)
    python3 - "$m" "$start" "$end" "$secs" "$n" "$made" <<'PY'
import sys
m, start, end, secs, n, made = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
pandoc = m / (end - start)
print(f"pandoc→typst: {m} documents ({made} PDFs made) to PDF alone in {end - start:.1f} s, "
      f"two at a time: {pandoc:.1f} documents/s; zhprint (PDF+DOCX) is {n / secs / pandoc:.1f}× that")
PY
else
    echo "pandoc or typst not installed (pip install pypandoc-binary typst): no comparison"
fi
