#!/usr/bin/env bash
# vendor/ holds two crates.io releases with zhprint's changes (see each PATCHED.md for
# why). The changes live as patches, vendor/patches/<crate>.patch; this script makes
# vendor/<crate> from the release plus its patch, so that an upgrade means moving
# the patch to the new release and nothing else.
#
#   scripts/vendor.sh           recreate vendor/<crate> from the release and the patch
#   scripts/vendor.sh --check   fail when vendor/ is not exactly that (CI runs this)
#   scripts/vendor.sh --save    after editing vendor/<crate>: write its patch anew
#
# Needs curl and git (for `git apply`); the releases come from static.crates.io and
# are checked against the checksums below.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mode="${1:-write}"

# name, version, sha256 of the .crate file (crates.io's checksum, as in a Cargo.lock).
crates=(
    "krilla 0.8.2 27da593198b20eeba65caeb73c2bbeec3e53ab08fa549898312ce81c4fce5e33"
    "typst-layout 0.15.1 1916c407baf8f8815e5d50030eed6d5ac6a0702d927b3c156e38db7a618499e2"
)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The release as cargo reads it: without packaging metadata, examples and lock file.
release() {
    local name="$1" version="$2" sha="$3"
    local file="$work/$name-$version.crate"
    curl -sSfL --retry 3 -o "$file" "https://static.crates.io/crates/$name/$name-$version.crate"
    echo "$sha  $file" | sha256sum -c --quiet -
    mkdir -p "$work/release"
    tar xzf "$file" -C "$work/release"
    local src="$work/release/$name-$version"
    rm -rf "$src/.cargo_vcs_info.json" "$src/Cargo.lock" "$src/Cargo.toml.orig" "$src/examples"
    echo "$src"
}

status=0
for entry in "${crates[@]}"; do
    read -r name version sha <<<"$entry"
    src="$(release "$name" "$version" "$sha")"
    patch="$root/vendor/patches/$name.patch"
    case "$mode" in
    --save)
        # Paths a/… and b/… relative to the crate, as `git apply -p1` reads them.
        rm -rf "$work/a" "$work/b"
        cp -r "$src" "$work/a"
        cp -r "$root/vendor/$name" "$work/b"
        rm -f "$work/b/PATCHED.md"
        # Without diff's file times, so that the patch changes only with the code.
        (cd "$work" && diff -ruN a b | sed -E 's/^((---|\+\+\+) [^\t]+)\t.*$/\1/' >"$patch") || true
        echo "wrote vendor/patches/$name.patch ($(grep -c '^+++ ' "$patch") files)"
        ;;
    write | --check)
        (cd "$src" && git apply -p1 "$patch")
        # PATCHED.md is zhprint's own note, not part of the release or the patch.
        cp "$root/vendor/$name/PATCHED.md" "$src/"
        if [ "$mode" = --check ]; then
            if ! diff -r "$src" "$root/vendor/$name" >"$work/$name.diff"; then
                echo "vendor/$name is not $name $version plus vendor/patches/$name.patch:" >&2
                head -n 40 "$work/$name.diff" >&2
                echo "(edit vendor/$name, then run scripts/vendor.sh --save)" >&2
                status=1
            else
                echo "vendor/$name = $name $version + its patch"
            fi
        else
            rm -rf "$root/vendor/$name"
            cp -r "$src" "$root/vendor/$name"
            echo "made vendor/$name from $name $version + its patch"
        fi
        ;;
    *)
        echo "usage: scripts/vendor.sh [--check | --save]" >&2
        exit 2
        ;;
    esac
done
exit "$status"
