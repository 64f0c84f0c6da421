#!/usr/bin/env bash
# The proof that CI holds on a busy machine: runs .ci/run on fresh clones of HEAD, N times in a row (default 3),
# while a bounded CPU loop keeps one core busy. Prints each run's wall time and the total; stops at the first failure.
#   bash scripts/ci-under-load.sh [runs]
set -euo pipefail
runs=${1:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
# Clones go beside the repository, so that ../shared (the upstream Argo corpus) is found as in CI.
parent=$(dirname "$repo")
timeout "${CI_LOAD_SECONDS:-3600}" sh -c 'while :; do :; done' &
burner=$!
trap 'kill "$burner" 2>/dev/null || true' EXIT
total_started=$(date +%s)
for i in $(seq "$runs"); do
  dir=$(mktemp -d "$parent/ci-under-load-XXXXXX")
  git clone -q "$repo" "$dir"
  started=$(date +%s)
  if bash "$dir/.ci/run" >"$dir.log" 2>&1; then
    echo "run $i of $runs: passed in $(($(date +%s) - started)) s (one core busy); steps started at:"
    grep -E '^=== |^CI wall time' "$dir.log" | sed 's/^/  /'
    rm -rf "$dir" "$dir.log"
  else
    echo "run $i of $runs: FAILED after $(($(date +%s) - started)) s; log: $dir.log"
    exit 1
  fi
done
echo "all $runs runs passed; total $(($(date +%s) - total_started)) s"
