#!/usr/bin/env bash
# Writes N documents into DIR (p00000.html …): the bundled pages (input/ and
# tests/fixtures/corpus/) in turn, each copy made a document of its own. The batch
# benchmark measures them and the profile-guided build trains on them.
#
#   scripts/make-batch.sh N DIR
#
# Each copy's number goes after every text of the page, so no line's layout can come
# from typst's cache of an earlier copy (an archive holds distinct documents; repeats
# would flatter the figures). ASCII only, and GBK trail bytes are never < or >, so GBK
# pages stay valid.
set -euo pipefail
n=$1
dir=$2
cd "$(dirname "$0")/.."
mapfile -t pages < <(ls input/*.html tests/fixtures/corpus/*/source.html)
mkdir -p "$dir"
for ((i = 0; i < n; i++)); do
    perl -0pe "s{>([^<]*[^\s<][^<]*)<}{>\$1 #$i<}g" "${pages[i % ${#pages[@]}]}" \
        >"$dir/p$(printf %05d "$i").html"
done
