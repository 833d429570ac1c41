#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer + UBSan) and runs them, one after
# another (one process each, so a 2-core machine stays usable). docs/fuzzing.md has the details.
#   fuzz/run.sh [seconds=600] [target|all=analyze]   run each target for `seconds`
#   fuzz/run.sh merge [target|all]                   minimise fuzz/corpus/<t> + fuzz/seeds/<t>
#                                                    into fuzz/seeds/<t> (the committed corpus)
# Targets: analyze (language engine), api (every endpoint's request decoding), scoring
# (questionnaire scoring and instrument files), config (TOML file and environment).
# The working corpus grows in fuzz/corpus/<target>/ (not committed), seeded from
# fuzz/seeds/<target>/; logs go to build/fuzz/logs/<target>.log; a crash is written to
# build/fuzz/artifacts/<target>/ and stops the run with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ALL_TARGETS=(analyze api scoring config)

MODE=run
if [[ "${1:-}" == "merge" ]]; then
  MODE=merge
  shift
  WHICH=${1:-all}
else
  SECONDS_TO_RUN=${1:-600}
  WHICH=${2:-analyze}
fi
if [[ "$WHICH" == "all" ]]; then
  TARGETS=("${ALL_TARGETS[@]}")
else
  [[ " ${ALL_TARGETS[*]} " == *" $WHICH "* ]] || { echo "unknown target: $WHICH (one of ${ALL_TARGETS[*]} or all)" >&2; exit 2; }
  TARGETS=("$WHICH")
fi

command -v clang++ >/dev/null || apt-get install -y -qq clang libclang-rt-14-dev >/dev/null
BUILD=build/fuzz
JOBS=${FUZZ_BUILD_JOBS:-2}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DINTERLUDE_TESTS=OFF -DINTERLUDE_FUZZ=ON >/dev/null
BINARIES=()
for t in "${TARGETS[@]}"; do BINARIES+=("${t}_fuzzer"); done
cmake --build "$BUILD" --target "${BINARIES[@]}" -j "$JOBS"

export INTERLUDE_LANGUAGE_DATA="${INTERLUDE_LANGUAGE_DATA:-$PWD/data}"
# Leaks are reported at exit only; the API target keeps its fixture for the whole run.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
mkdir -p "$BUILD/logs"

flags_for() {
  local t=$1
  local flags=(-max_len=65536 -timeout=25 -rss_limit_mb=2560 -print_final_stats=1)
  [[ -f "fuzz/$t.dict" ]] && flags+=("-dict=fuzz/$t.dict")
  echo "${flags[@]}"
}

for t in "${TARGETS[@]}"; do
  bin="$BUILD/fuzz/${t}_fuzzer"
  mkdir -p "fuzz/corpus/$t" "fuzz/seeds/$t"
  if [[ "$MODE" == "merge" ]]; then
    # The committed seeds are the hand-written ones (named) plus at most SEED_CAP files (named
    # by their SHA-1) chosen from the seeds and the working corpus by a coverage merge over
    # edges (-merge=1 -use_counters=0). libFuzzer's merge takes inputs smallest first, so the
    # smallest of its picks are kept when there are more than the cap.
    cap=${SEED_CAP:-400}
    fresh=$(mktemp -d)
    # shellcheck disable=SC2046
    "$bin" $(flags_for "$t") -merge=1 -use_counters=0 "$fresh" "fuzz/seeds/$t" "fuzz/corpus/$t" \
      >"$BUILD/logs/$t.merge.log" 2>&1
    grep -E 'MERGE-OUTER: [0-9]+ new files' "$BUILD/logs/$t.merge.log" || true
    find "fuzz/seeds/$t" -maxdepth 1 -type f -regextype posix-extended -regex '.*/[0-9a-f]{40}' -delete
    declare -A have=()
    for f in "fuzz/seeds/$t"/*; do [[ -f "$f" ]] && have[$(sha1sum <"$f" | cut -c1-40)]=1; done
    room=$((cap - ${#have[@]}))
    while IFS= read -r f; do
      ((room > 0)) || break
      sum=$(basename "$f")
      [[ -n "${have[$sum]:-}" ]] && continue
      cp "$f" "fuzz/seeds/$t/$sum"
      room=$((room - 1))
    done < <(find "$fresh" -type f -printf '%s %p\n' | sort -n | cut -d' ' -f2-)
    unset have
    rm -rf "$fresh"
    echo "$t: $(ls "fuzz/seeds/$t" | wc -l) files ($(du -cb "fuzz/seeds/$t"/* | tail -n1 | cut -f1) bytes) in fuzz/seeds/$t"
    continue
  fi
  mkdir -p "$BUILD/artifacts/$t"
  echo "== $t: ${SECONDS_TO_RUN}s (log: $BUILD/logs/$t.log), started $(date -u +%FT%TZ)"
  # shellcheck disable=SC2046
  "$bin" $(flags_for "$t") -max_total_time="$SECONDS_TO_RUN" \
    -artifact_prefix="$BUILD/artifacts/$t/" "fuzz/corpus/$t" "fuzz/seeds/$t" \
    >"$BUILD/logs/$t.log" 2>&1 || { tail -n 60 "$BUILD/logs/$t.log"; echo "== $t: FAILED" >&2; exit 1; }
  grep -E '^#[0-9]+.*(DONE|pulse)' "$BUILD/logs/$t.log" | tail -n 1
  grep -E '^stat::' "$BUILD/logs/$t.log" || true
  echo "== $t: clean, corpus fuzz/corpus/$t has $(ls "fuzz/corpus/$t" | wc -l) files"
done
