#!/usr/bin/env bash
# Installs what vern's tests and demo need beyond Go, from Debian's packages, when it is
# missing: PostgreSQL's server binaries (the tests start throwaway clusters with initdb) and
# Chromium (the site collector and the HTML report tests drive it headless).
set -euo pipefail

need=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need+=(postgresql postgresql-contrib)
fi
if ! command -v psql >/dev/null 2>&1; then
  need+=(postgresql-client)
fi
if [ ! -x /usr/bin/chromium ]; then
  need+=(chromium)
fi
# --- npm packages of the site collector (autoconsent, consent libraries): scripts/npm-deps.sh ---
bash "$(dirname "${BASH_SOURCE[0]}")/npm-deps.sh"
# --- end of the site collector's npm packages ---
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "setup: ${need[*]} missing and not running as root; install them with apt-get" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: ${need[*]} missing and apt-get is not available; install them by hand" >&2
  exit 1
fi
echo "setup: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
