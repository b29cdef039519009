#!/usr/bin/env bash
# Runs the README's test command (bash .ci/run) N times in a row, each on a fresh clone of
# this checkout's HEAD, and prints each run's exit code and duration. With --hog, two busy
# loops keep both cores loaded the whole time, as a shared CI machine may be.
#
#   bash bench/suite/run.sh [--runs N] [--hog]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=5
hog=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --hog) hog=1; shift ;;
    *) echo "usage: bash bench/suite/run.sh [--runs N] [--hog]" >&2; exit 2 ;;
  esac
done
repo=$(pwd)
rev=$(git rev-parse --short HEAD)
work=$(mktemp -d)
hogs=()
cleanup() {
  [ ${#hogs[@]} -eq 0 ] || kill "${hogs[@]}" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
if [ -n "$hog" ]; then
  for _ in 1 2; do (while :; do :; done) & hogs+=($!); done
fi
failed=0
for n in $(seq 1 "$runs"); do
  git clone -q "$repo" "$work/$n"
  start=$(date +%s)
  if (cd "$work/$n" && bash .ci/run >"$work/run$n.log" 2>&1); then rc=0; else rc=$?; failed=1; fi
  echo "run $n of $runs, revision $rev${hog:+, CPU hog on both cores}: exit $rc in $(( $(date +%s) - start )) s"
  if [ "$rc" -ne 0 ]; then
    tail -40 "$work/run$n.log"
  fi
  rm -rf "$work/$n"
done
exit "$failed"
