#!/usr/bin/env bash
# Seed the fuzz targets' corpora (fuzz/corpus/<target>, not committed):
#   normalize         the spec's test vectors, one a file, and the seed text's lines;
#   extract, pipeline the project's pages (tests/fixtures, input/) and, when the shared
#                     corpora are beside the repository, theirs (they stay local);
#   extract_fragment  those pages cut into 4 KB slices, markup and all.
# Files already in a corpus stay: runs carry their corpus to the next.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$root/fuzz/corpus"
mkdir -p "$corpus"/{normalize,extract,extract_fragment,pipeline}

tail -n +2 "$root/tests/fixtures/normalize-cases.tsv" | while IFS=$'\t' read -r id _category input _rest; do
    printf '%s' "$input" > "$corpus/normalize/case-$id"
done
n=0
while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" > "$corpus/normalize/seed-$n"
done < "$root/tests/fixtures/seed.txt"

pages=("$root"/tests/fixtures/corpus/*/source.html "$root"/input/*.html)
for shared in "$root/../shared/corpus" "$root/../shared/corpus-sites"; do
    [ -d "$shared" ] && pages+=("$shared"/*/source.html)
done
for page in "${pages[@]}"; do
    name="$(basename "$(dirname "$page")")-$(basename "$page")"
    cp "$page" "$corpus/extract/$name"
    cp "$page" "$corpus/pipeline/$name"
    split -b 4096 -a 3 "$page" "$corpus/extract_fragment/$name."
done
for target in normalize extract extract_fragment pipeline; do
    echo "$target: $(ls "$corpus/$target" | wc -l) files"
done
