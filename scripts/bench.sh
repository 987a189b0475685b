#!/usr/bin/env bash
# Batch benchmark: converts N documents (the input/ pages and, when ../shared is
# there, the corpus pages, repeated) with --jobs 2 and prints documents per second
# and peak memory. Usage: scripts/bench.sh [N=200] [FORMATS=pdf,docx]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
formats=${2:-pdf,docx}
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pages=(input/*.html)
if [ -d ../shared/corpus ]; then pages+=(../shared/corpus/*/source.html); fi
mkdir -p "$work/in" "$work/out"
for ((i = 0; i < n; i++)); do
  cp "${pages[i % ${#pages[@]}]}" "$work/in/doc$(printf %05d "$i").html"
done
/usr/bin/time -f '%e %M' -o "$work/time" \
  target/release/zhprint convert "$work/in" -o "$work/out" --format "$formats" --jobs 2 --quiet || true
read -r secs kb < "$work/time"
ok=$(find "$work/out" -name '*.pdf' -o -name '*.docx' | sed 's/\.[a-z]*$//' | sort -u | wc -l)
python3 - "$n" "$ok" "$secs" "$kb" "$formats" <<'PY'
import sys
n, ok, secs, kb, formats = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
print(f"{n} documents ({ok} converted) as {formats} with --jobs 2: {secs:.2f} s, "
      f"{ok / secs:.1f} documents/s, peak memory {kb / 1024:.0f} MB")
PY
