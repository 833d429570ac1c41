#!/usr/bin/env bash
# Load benchmarks against the release build on a fresh data directory:
#   1. GET /api/v1/health (the ceiling), 2. list 30 check-ins, 3. create check-ins.
# 64 connections, 2 wrk threads, 15 s each. Prints one RESULT line per run.
# Then the Google Benchmark micro-benchmarks. Results are recorded in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=build/release/interlude
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}
dir=$(mktemp -d)
trap 'kill $server_pid 2>/dev/null || true; rm -rf "$dir"' EXIT

$BIN init --data-dir "$dir/var" >/dev/null
INTERLUDE_LOG_LEVEL=warn $BIN serve --listen 127.0.0.1:0 --data-dir "$dir/var" >"$dir/out" 2>"$dir/err" &
server_pid=$!
for _ in $(seq 100); do grep -q listening "$dir/out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$dir/out")

token=$(curl -s -X POST "$url/api/v1/auth/anonymous" -H 'content-type: application/json' -d '{}' |
        node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token))')
# 30 check-ins to list.
for i in $(seq 30); do
  curl -s -o /dev/null -X POST "$url/api/v1/checkins" -H "authorization: Bearer $token" \
       -H 'content-type: application/json' -d '{"valence":4,"energy":3,"note":"seed"}'
done

echo "== health (ceiling)"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/checkins.lua "$url/api/v1/health" -- health "" | grep -E "RESULT|Requests/sec|99%" || true
echo "== list 30 check-ins"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/checkins.lua "$url" -- read "$token" | grep -E "RESULT|Non-2xx" || true
echo "== create check-in (durable)"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/checkins.lua "$url" -- write "$token" | grep -E "RESULT|Non-2xx" || true
echo "== server resident memory (KiB): $(ps -o rss= -p $server_pid)"

echo "== micro-benchmarks"
build/release/bench/interlude_bench --benchmark_min_time=0.2 2>/dev/null | tail -n +4
