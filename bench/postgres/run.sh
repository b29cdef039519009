#!/usr/bin/env bash
# Benchmarks vern's PostgreSQL collector: see main.go.
# Usage: bench/postgres/run.sh [-rows 1000000,5000000] [-tables 500]
# BEFORE=<git revision> also builds vern at that revision and prints its figures beside
# (by default the revision where this branch meets main; BEFORE=none skips it).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null
fi
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/vern-pgbench" ./bench/postgres
go build -o "$dir/vern" ./cmd/vern
before=()
rev="${BEFORE:-$(git merge-base HEAD main 2>/dev/null || true)}"
if [ -n "$rev" ] && [ "$rev" != none ] && [ "$(git rev-parse "$rev")" != "$(git rev-parse HEAD)" ]; then
  mkdir "$dir/before-src"
  git archive "$rev" | tar -x -C "$dir/before-src"
  (cd "$dir/before-src" && go build -o "$dir/vern-before" ./cmd/vern)
  echo "before: $(git rev-parse --short "$rev")  after: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' with uncommitted changes')"
  before=(-before "$dir/vern-before")
fi
# psql and the server run as the postgres OS user's tools; the binaries can be anywhere.
chmod 755 "$dir" "$dir"/vern*
"$dir/vern-pgbench" -vern "$dir/vern" "${before[@]}" "$@"
