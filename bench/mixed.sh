#!/usr/bin/env bash
# The mixed load of issue 8 against the release build (results in docs/performance.md):
#   bench/mixed.sh [DATA_DIR]
# DATA_DIR: a data directory filled by `interlude synth ... --sessions K --tokens-out
# DATA_DIR/tokens.txt` (for the 100,000-person figure, see docs/performance.md). Without it, a
# fresh temporary one with USERS (2,000) people and CHECKINS (200,000) check-ins is made.
# Then, on the same server: wrk with bench/mixed.lua (70% reads, 30% writes) at CONNECTIONS
# (256) for DURATION (30s), closed loop (the most it serves) and paced at RATE (5,200)
# requests/s (the latency at that load), and the health endpoint closed loop for the ratio.
# Prints RESULT/MIX lines and the server's resident memory (now and peak).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/release/interlude}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-256}
THREADS=${WRK_THREADS:-2}
tmp=$(mktemp -d)
server_pid=
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; rm -rf "$tmp"' EXIT

if [ $# -ge 1 ]; then
  dir=$1
else
  dir=$tmp/var
  $BIN init --data-dir "$dir" >/dev/null
  $BIN synth --data-dir "$dir" --users "${USERS:-2000}" --checkins "${CHECKINS:-200000}" \
    --sessions "${SESSIONS:-1000}" --tokens-out "$dir/tokens.txt"
fi
[ -s "$dir/tokens.txt" ] || { echo "no $dir/tokens.txt: run interlude synth with --sessions and --tokens-out" >&2; exit 1; }
echo "== database: $(du -h "$dir/interlude.db" | cut -f1), $(wc -l < "$dir/tokens.txt") session tokens"

# Tokens were minted when the data was generated: let them stay valid however long ago that was.
INTERLUDE_LOG_LEVEL=warn INTERLUDE_SESSION_IDLE_MINUTES=1440 \
  $BIN serve --listen 127.0.0.1:0 --data-dir "$dir" >"$tmp/out" 2>"$tmp/err" &
server_pid=$!
for _ in $(seq 300); do grep -q listening "$tmp/out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$tmp/out")
echo "== server resident memory at start (KiB): $(ps -o rss= -p $server_pid)"

metrics() { curl -s "$url/metrics" | awk '/^interlude_db_(commits|writes)_total / {printf "%s=%s ", $1, $2}'; }
echo "== mixed, closed loop (the most it serves): 70% reads, 30% writes, -c$CONNECTIONS -t$THREADS -d$DURATION"
echo "   before: $(metrics)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/mixed.lua "$url" -- "$dir/tokens.txt" |
  grep -E "RESULT|MIX|Socket errors"
echo "   after:  $(metrics)"
echo "== mixed, paced: $CONNECTIONS connections offering RATE=${RATE:-5200} requests/s together"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/mixed.lua "$url" -- "$dir/tokens.txt" "${RATE:-5200}" "$CONNECTIONS" |
  grep -E "RESULT|MIX|Socket errors"
echo "== health (same server, same settings)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/checkins.lua "$url/api/v1/health" -- health "" |
  grep -E "RESULT"
echo "== server resident memory (KiB): now $(ps -o rss= -p $server_pid), peak $(awk '/VmHWM/ {print $2}' /proc/$server_pid/status)"
