#!/usr/bin/env bash
# Seed the extract target's corpus with the project's real pages (fixtures and input/).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/fuzz/corpus/extract"
mkdir -p "$dir"
for page in "$root"/tests/fixtures/corpus/*/source.html; do
    cp "$page" "$dir/$(basename "$(dirname "$page")").html"
done
cp "$root"/input/*.html "$dir/"
echo "seeded $(ls "$dir" | wc -l) files into $dir"
