#!/usr/bin/env bash
# Issue 7's batch benchmark: N documents (the input/ pages and the corpus pages,
# repeated; default 1000) converted to PDF and DOCX with --jobs 2. Prints
# documents and pages per second and peak memory; where pandoc is installed, its
# time (HTML → PDF through typst, no DOCX) on the first 50 of the same pages,
# run two at a time, and the ratio.
#
#   scripts/bench-batch.sh [N]       ZHPRINT_BIN=path to skip the release build
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
bin=${ZHPRINT_BIN:-}
if [[ -z $bin ]]; then
    cargo build --release --quiet
    bin=target/release/zhprint
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mapfile -t pages < <(ls input/*.html tests/fixtures/corpus/*/source.html)
mkdir "$work/in"
for ((i = 0; i < n; i++)); do
    cp "${pages[i % ${#pages[@]}]}" "$work/in/p$(printf %05d "$i").html"
done

/usr/bin/time -f '%e %M' -o "$work/time" \
    "$bin" convert "$work/in" -o "$work/out" --format pdf,docx --jobs 2 --quiet \
    --report "$work/report.json" || true
read -r secs kb <"$work/time"
python3 - "$work/report.json" "$secs" "$kb" <<'PY'
import json, sys
report, secs, kb = json.load(open(sys.argv[1])), float(sys.argv[2]), int(sys.argv[3])
done = [e for e in report["entries"] if e["status"] == "converted"]
pages = sum(e.get("pages", 0) for e in done)
print(f"zhprint: {len(done)} of {len(report['entries'])} documents ({pages} PDF pages) "
      f"to PDF+DOCX in {secs:.1f} s with --jobs 2: {len(done) / secs:.1f} documents/s, "
      f"{pages / secs:.0f} pages/s, peak memory {kb / 1024:.0f} MB")
PY

if command -v pandoc >/dev/null && command -v typst >/dev/null; then
    m=$((n < 50 ? n : 50))
    ls "$work/in"/*.html | head -n "$m" >"$work/pandoc-list"
    start=$(date +%s.%N)
    xargs -P 2 -I{} sh -c 'pandoc -f html "$1" -o "$1.pdf" --pdf-engine=typst 2>/dev/null || true' _ {} \
        <"$work/pandoc-list"
    end=$(date +%s.%N)
    python3 - "$m" "$start" "$end" "$secs" "$n" <<'PY'
import sys
m, start, end, secs, n = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
pandoc = m / (end - start)
print(f"pandoc→typst: {m} documents to PDF alone in {end - start:.1f} s, two at a time: "
      f"{pandoc:.1f} documents/s; zhprint (PDF+DOCX) is {n / secs / pandoc:.1f}× that")
PY
else
    echo "pandoc or typst not installed: no comparison"
fi
