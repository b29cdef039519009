#!/usr/bin/env bash
# Installs the npm packages pinned in internal/npmcache/packages.txt into vern's cache
# ($VERN_CACHE/npm, default ~/.cache/vern/npm), never into the repository. Each package
# is fetched as its published tarball with `npm pack`, its sha512 checked against the
# pin, and its package/ folder unpacked to <cache>/npm/<name>@<version>/. No install
# scripts run.
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${VERN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vern}/npm"
manifest=internal/npmcache/packages.txt

if ! command -v npm >/dev/null 2>&1; then
  echo "npm-deps: npm is missing; install Node.js and npm (apt-get install -y nodejs npm)" >&2
  exit 1
fi

while read -r name version integrity; do
  case "$name" in ''|'#'*) continue ;; esac
  dest="$cache/$name@$version"
  if [ -f "$dest/.integrity" ] && [ "$(cat "$dest/.integrity")" = "$integrity" ]; then
    continue
  fi
  tmp=$(mktemp -d)
  if ! (cd "$tmp" && npm pack --silent --ignore-scripts "$name@$version" >pack.log 2>&1); then
    echo "npm-deps: npm pack $name@$version failed:" >&2
    cat "$tmp/pack.log" >&2
    rm -rf "$tmp"
    exit 1
  fi
  tgz=$(ls "$tmp"/*.tgz)
  got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  if [ "$got" != "$integrity" ]; then
    echo "npm-deps: $name@$version checksum $got does not match the pin $integrity" >&2
    rm -rf "$tmp"
    exit 1
  fi
  rm -rf "$dest" "$dest.new"
  mkdir -p "$dest.new"
  tar -xzf "$tgz" -C "$dest.new" --strip-components=1 --no-same-owner
  echo "$integrity" >"$dest.new/.integrity"
  mv "$dest.new" "$dest"
  rm -rf "$tmp"
  echo "npm-deps: $name@$version"
done <"$manifest"
