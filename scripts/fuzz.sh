#!/usr/bin/env bash
# Runs one fuzz target of the fuzz preset for a number of executions (default 10 million), starting from
# its corpus in fuzz/corpus/NAME. New interesting inputs go to build/fuzz/work/NAME, never into the tree;
# a crash is written to build/fuzz/crashes/ and the run stops. Copy a reproducer into fuzz/crashes/NAME
# once it is fixed, so the test suite replays it.
#   bash packaging/install-deps.sh --fuzz && cmake --preset fuzz && cmake --build --preset fuzz
#   scripts/fuzz.sh fuzz_usage [RUNS] [extra libFuzzer flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/fuzz.sh NAME [RUNS] [libFuzzer flags...]}
runs=${2:-10000000}
shift $(( $# >= 2 ? 2 : 1 ))
bin=build/fuzz/fuzz/$name
[ -x "$bin" ] || { echo "no $bin: build the fuzz preset first" >&2; exit 2; }
mkdir -p "build/fuzz/work/$name" build/fuzz/crashes
export QT_LOGGING_RULES='*.debug=false;*.warning=false'
# A UBSan report stops the run and leaves a reproducer, like a crash.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
exec "$bin" -runs="$runs" -dict=fuzz/json.dict -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="build/fuzz/crashes/$name-" "$@" "build/fuzz/work/$name" "fuzz/corpus/$name"
