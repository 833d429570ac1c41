#!/usr/bin/env bash
# Installs everything Interlude needs on Debian 12, idempotently: the Debian packages
# (apt-get update only when something is missing) and the npm packages from the lock files.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev nlohmann-json3-dev libspdlog-dev
  libcli11-dev libsqlite3-dev libsodium-dev libssl-dev libutf8proc-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  sqlite3 chromium wrk nodejs npm
)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  # nodejs/npm may come from elsewhere (the machine's own Node 20); accept a working binary.
  if [[ "$pkg" == nodejs ]] && command -v node >/dev/null; then continue; fi
  if [[ "$pkg" == npm ]] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages, from the lock files; skipped when node_modules already matches the lock.
for dir in web tests data; do
  if [[ ! -f "$dir/node_modules/.package-lock.json" ]] ||
     ! cmp -s <(node -e "console.log(JSON.stringify(require('./$dir/package-lock.json').packages))") \
               <(node -e "console.log(JSON.stringify(require('./$dir/node_modules/.package-lock.json').packages))" 2>/dev/null); then
    echo "setup: npm ci in $dir/"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
