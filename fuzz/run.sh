#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer + UBSan) and runs one.
#   fuzz/run.sh [seconds=600] [target=analyze]
# The corpus grows in fuzz/corpus/<target>/ (seeded from fuzz/seeds/<target>/).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-600}
TARGET=${2:-analyze}
command -v clang++ >/dev/null || apt-get install -y -qq clang libclang-rt-14-dev >/dev/null
BUILD=build/fuzz
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DINTERLUDE_TESTS=OFF -DINTERLUDE_FUZZ=ON >/dev/null
cmake --build "$BUILD" --target "${TARGET}_fuzzer" -j "$(nproc)"
mkdir -p "fuzz/corpus/$TARGET"
INTERLUDE_LANGUAGE_DATA="$PWD/data" "$BUILD/fuzz/${TARGET}_fuzzer" \
  -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  "fuzz/corpus/$TARGET" "fuzz/seeds/$TARGET"
