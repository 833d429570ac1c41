#!/usr/bin/env bash
# Runs Debian's sqlmap against a live Interlude server (issue 8, "Hostile input"): a fresh
# data directory, an anonymous account with some data, then sqlmap --level=3 --risk=2 on GET
# query parameters, path ids, JSON bodies and (at level 3) the Cookie, User-Agent and Referer
# headers of several endpoints. Prints one line per target and exits 1 if sqlmap found an
# injection point anywhere, 2 if sqlmap or the server could not run. Not part of CI (slow).
#
#   scripts/sqlmap.sh                       # every target
#   SQLMAP_TARGETS="checkins_get entries_post" scripts/sqlmap.sh
#   INTERLUDE_BIN=build/release/interlude SQLMAP_THREADS=4 scripts/sqlmap.sh
#
# Targets: checkins_get entries_get entry_path assessments_get insights_get resources_get
# entries_post checkins_post plan_put distortions_post login_post.
# Environment: INTERLUDE_BIN (default build/ci/interlude), SQLMAP_LEVEL (3), SQLMAP_RISK (2),
# SQLMAP_THREADS (2), SQLMAP_EXTRA (more sqlmap options), KEEP=1 keeps the work directory.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${INTERLUDE_BIN:-build/ci/interlude}"
case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
level="${SQLMAP_LEVEL:-3}"
risk="${SQLMAP_RISK:-2}"
threads="${SQLMAP_THREADS:-2}"

if ! command -v sqlmap >/dev/null 2>&1; then
  echo "sqlmap not found; installing the Debian package" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get install -y sqlmap >/dev/null || { echo "could not install sqlmap (apt-get install sqlmap)" >&2; exit 2; }
fi
[ -x "$bin" ] || { echo "interlude binary not found at $bin (set INTERLUDE_BIN)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is required" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }

work="$(mktemp -d /tmp/interlude-sqlmap.XXXXXX)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

data="$work/data"
mkdir -p "$data"
"$bin" init --data-dir "$data" >"$work/init.log" 2>&1 || { cat "$work/init.log" >&2; exit 2; }

# sqlmap sends thousands of requests from one address: lift the sign-up and log-in limits
# (they would answer 429 and hide the endpoints behind them).
INTERLUDE_SIGNUP_MAX_PER_WINDOW=1000000 INTERLUDE_LOGIN_MAX_FAILURES=1000 \
INTERLUDE_LOGIN_MAX_FAILURES_PER_ADDRESS=100000 \
  "$bin" serve --listen 127.0.0.1:0 --data-dir "$data" --web-root "$root/web/dist" >"$work/server.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 200); do
  url="$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$work/server.log" | head -1 | sed 's/listening on //')" || true
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 2; }
  sleep 0.1
done
[ -n "$url" ] || { echo "server did not start" >&2; cat "$work/server.log" >&2; exit 2; }
echo "server: $url ($bin)"

json_get() { python3 -c 'import json,sys; d=json.load(sys.stdin); 
for k in sys.argv[1].split("."): d=d[k]
print(d)' "$1"; }
post() { curl -sf -X "$1" "$url$2" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data "$3"; }

token="$(curl -sf -X POST "$url/api/v1/auth/anonymous" -H 'Content-Type: application/json' --data '{"country":"GB"}' | json_get token)"
entry_id="$(post POST /api/v1/entries '{"text":"A plain entry for sqlmap to look at.","title":"plain"}' | json_get entry.id)"
post POST /api/v1/checkins '{"valence":4,"energy":3,"note":"fine","tags":["walk"]}' >/dev/null
post POST /api/v1/assessments '{"instrument":"phq9","answers":[1,1,1,0,0,0,0,0,0]}' >/dev/null
curl -sf -X POST "$url/api/v1/auth/register" -H 'Content-Type: application/json' \
  --data '{"email":"sqlmap@example.org","password":"correct horse battery staple 42"}' >/dev/null
auth="Authorization: Bearer $token"

# name | method | url (a * marks an injection point in the path) | JSON body (empty for GET)
targets=(
  "checkins_get|GET|$url/api/v1/checkins?limit=10&from=2026-01-01&to=2027-01-01|"
  "entries_get|GET|$url/api/v1/entries?limit=5&before=1800000000000.zzzz|"
  "entry_path|GET|$url/api/v1/entries/${entry_id}*|"
  "assessments_get|GET|$url/api/v1/assessments?instrument=phq9&limit=5|"
  "insights_get|GET|$url/api/v1/insights?from=2026-01-01&to=2027-01-01|"
  "resources_get|GET|$url/api/v1/safety/resources?country=GB|"
  "entries_post|POST|$url/api/v1/entries|{\"text\":\"hello there\",\"title\":\"t\",\"kind\":\"free\"}"
  "checkins_post|POST|$url/api/v1/checkins|{\"valence\":4,\"energy\":3,\"note\":\"ok\",\"tags\":[\"walk\"]}"
  "plan_put|PUT|$url/api/v1/safety-plan|{\"steps\":{\"warning_signs\":[\"tired\"]},\"reasons_for_living\":[\"my cat\"]}"
  "distortions_post|POST|$url/api/v1/analysis/distortions|{\"text\":\"I always get it wrong\"}"
  "login_post|POST|$url/api/v1/auth/login|{\"login\":\"sqlmap@example.org\",\"password\":\"correct horse battery staple 42\"}"
)
# Not a target: POST /conversations/{id}/messages. A conversation holds at most 400 messages,
# so after the first 400 of sqlmap's requests every answer is 409 and the scan says nothing
# (tests/integration/sql_metacharacters.test.mjs covers the message text instead).

selected="${SQLMAP_TARGETS:-}"
found=0
failed=0
summary=()
for t in "${targets[@]}"; do
  IFS='|' read -r name method target body <<<"$t"
  if [ -n "$selected" ] && [[ " $selected " != *" $name "* ]]; then continue; fi
  out="$work/sqlmap-$name"
  args=(--batch --level="$level" --risk="$risk" --threads="$threads" --output-dir="$out"
        --flush-session --disable-coloring -u "$target" -H "$auth")
  [ -n "$body" ] && args+=(--data "$body" --method "$method")
  # A wrong login or password is a 401: for sqlmap, a "false" page, not a reason to stop.
  [ "$name" = login_post ] && args+=(--ignore-code=401)
  start=$(date +%s)
  # shellcheck disable=SC2086  # SQLMAP_EXTRA is a list of options
  if ! sqlmap "${args[@]}" ${SQLMAP_EXTRA:-} >"$out.log" 2>&1; then
    echo "$name: sqlmap exited with an error (see $out.log)"; failed=1
  fi
  secs=$(( $(date +%s) - start ))
  requests="$(grep -o 'HTTP requests: [0-9]*' "$out.log" | tail -1 || true)"
  if grep -q 'identified the following injection point' "$out.log"; then
    line="$name: INJECTION FOUND (${secs}s)"; found=1
    sed -n '/identified the following injection point/,/^---$/p' "$out.log"
  elif grep -q 'all tested parameters do not appear to be injectable' "$out.log"; then
    line="$name: not injectable (${secs}s)"
  else
    line="$name: inconclusive (${secs}s): $(grep -E '\[(CRITICAL|ERROR)\]' "$out.log" | tail -1)"; failed=1
  fi
  echo "$line"
  summary+=("$line")
  kill -0 "$server_pid" 2>/dev/null || { echo "the server died during $name"; tail -50 "$work/server.log"; exit 1; }
done

# The server must still answer, and must not have logged an internal error.
curl -sf "$url/api/v1/health" >/dev/null || { echo "the server no longer answers"; exit 1; }
server_5xx="$(grep -c 'http.internal_error\|http.exception' "$work/server.log" || true)"
echo "server internal errors logged: $server_5xx"
echo "---"
printf '%s\n' "${summary[@]}"
if [ "$found" = 1 ]; then echo "RESULT: sqlmap found an injection point"; exit 1; fi
if [ "$failed" = 1 ]; then echo "RESULT: some targets were inconclusive"; exit 2; fi
[ "$server_5xx" = 0 ] || { echo "RESULT: no injection, but the server logged internal errors"; exit 1; }
echo "RESULT: no injection found in ${#summary[@]} targets (level $level, risk $risk)"
