#!/usr/bin/env bash
# Seed the normalize target's corpus with the spec's test vectors (one input a
# file) and the lines of the seed text.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/fuzz/corpus/normalize"
mkdir -p "$dir"
tail -n +2 "$root/tests/fixtures/normalize-cases.tsv" | while IFS=$'\t' read -r id _category input _rest; do
    printf '%s' "$input" > "$dir/case-$id"
done
n=0
while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" > "$dir/seed-$n"
done < "$root/tests/fixtures/seed.txt"
echo "seeded $(ls "$dir" | wc -l) files into $dir"
