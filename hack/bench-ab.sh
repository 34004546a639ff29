#!/usr/bin/env bash
# The converge benchmark (hack/bench-converge.sh) of several commits in one session, alternating: A B A B by
# default, so that a change of the shared machine's load hits each commit alike. Each commit is built from its
# own tree (git archive into a temp directory), so its operator jar and the benchmark's bare clients both run
# that commit's HTTP client. The whole output of each run goes to bench/ab-<n>-<commit>.txt.
# Usage: hack/bench-ab.sh [-r ROUNDS] COMMIT... [-- bench arguments, e.g. -Dbench.apps=200]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=2
if [[ ${1:-} == -r ]]; then rounds=$2; shift 2; fi
commits=()
while [[ $# -gt 0 && $1 != -- ]]; do commits+=("$1"); shift; done
[[ ${1:-} == -- ]] && shift
[[ ${#commits[@]} -gt 0 ]] || { echo "usage: $0 [-r ROUNDS] COMMIT... [-- bench arguments]" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for c in "${commits[@]}"; do
  mkdir "$work/$c"
  git archive "$c" | tar -x -C "$work/$c"
done
n=0
for ((r = 1; r <= rounds; r++)); do
  for c in "${commits[@]}"; do
    n=$((n + 1))
    out="$PWD/bench/ab-$n-$c.txt"
    echo "run $n: $c ($(git log -1 --format='%h %s' "$c" | cut -c1-80)), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out"
    (cd "$work/$c" && /usr/bin/time -f 'benchmark (wall %e s, user %U s, sys %S s)' bash hack/bench-converge.sh "$@") >>"$out" 2>&1
    grep -E '^(converge|  CPU|  client CPU|warm|operator threads|memory|quiet restart:|teardown [0-9]|cli )' "$out" | awk '!seen[$0]++' || true
  done
done
