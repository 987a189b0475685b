#!/usr/bin/env bash
# A release build optimised with the profile of a real batch (profile-guided
# optimisation, as rustc and Firefox ship): an instrumented zhprint converts a batch
# made of the bundled pages (input/ and tests/fixtures/corpus/, scripts/make-batch.sh)
# to PDF and DOCX, LLVM merges what it counted, and the release build is made again
# with it. Same output bytes as `cargo build --release`, less CPU a document
# (docs/performance.md, sessions 13 and 14).
#
#   scripts/build-pgo.sh     two release builds (about 45 minutes on 2 cores); prints
#                            the binary's path, target/pgo/release/zhprint
#
# Needs llvm-profdata from LLVM 19 or newer (rustc writes version-10 raw profiles):
# rustup's llvm-tools component where rustup can fetch it, else Debian's llvm-19,
# installed here when missing and run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD/target/pgo
data=$root/data

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The raw profiles' format follows rustc's LLVM, so each llvm-profdata found is tried
# on a tiny program's profile, before the long builds, rather than trusted by name.
echo 'fn main() {}' >"$work/probe.rs"
rustc -Cprofile-generate="$work/probe-raw" "$work/probe.rs" -o "$work/probe"
"$work/probe"
profdata_tool() {
    local tool
    for tool in $(rustc --print sysroot)/lib/rustlib/*/bin/llvm-profdata \
        $(ls -r /usr/lib/llvm-*/bin/llvm-profdata 2>/dev/null) $(command -v llvm-profdata); do
        if [[ -x $tool ]] && "$tool" merge -o "$work/probe.profdata" "$work"/probe-raw/*.profraw 2>/dev/null; then
            echo "$tool"
            return
        fi
    done
}
tool=$(profdata_tool)
if [[ -z $tool ]]; then
    rustup component add llvm-tools >/dev/null 2>&1 ||
        { [[ $(id -u) == 0 ]] && apt-get update -qq && apt-get install -y -qq llvm-19 >/dev/null 2>&1; } || true
    tool=$(profdata_tool)
fi
if [[ -z $tool ]]; then
    echo "build-pgo: no llvm-profdata here reads rustc's raw profiles; install one of LLVM 19 or newer (rustup component add llvm-tools, or apt-get install llvm-19)" >&2
    exit 1
fi

# 1. Instrumented build. Its build scripts and proc macros are instrumented too and
#    write profiles while cargo runs them: those are cleared before the training run.
RUSTFLAGS="-Cprofile-generate=$data" CARGO_TARGET_DIR=$root/gen \
    cargo build --release --locked --quiet
rm -rf "$data"
mkdir -p "$data"

# 2. Training: a batch's workload, PDF and DOCX with a report, two jobs. Enough
#    documents that a long batch's steady state (warm caches, their eviction) outweighs
#    start-up (loading fonts, reading the template), as it does in a real batch.
scripts/make-batch.sh 280 "$work/in"
"$root/gen/release/zhprint" convert "$work/in" \
    -o "$work/out" --format pdf,docx --jobs 2 --quiet --report "$work/report.json"

# 3. Merge.
"$tool" merge -o "$root/zhprint.profdata" "$data"/*.profraw

# 4. The optimised build, in a target directory of its own so that the plain release
#    build's cache stays valid.
RUSTFLAGS="-Cprofile-use=$root/zhprint.profdata" CARGO_TARGET_DIR=$root \
    cargo build --release --locked --quiet
echo "$root/release/zhprint"
