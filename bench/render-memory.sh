#!/usr/bin/env bash
# Memory bound of `appseg render` (issue 14): renders N files (default 10000) in one run, every sample with its
# own name and namespace, one file in ten broken (a null in a list, a number for a string, a non-map
# document), and reports exit code, wall time and peak RSS (GNU time's "Maximum resident set size").
# Goal: peak RSS under 1 GiB. Needs target/appseg (mvn -B -q package -DskipTests) and /usr/bin/time.
# Usage: bench/render-memory.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$n" "$dir" <<'PY'
import pathlib, re, sys
n, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
samples = sorted(p for p in pathlib.Path("samples").glob("*.yaml"))
texts = [p.read_text() for p in samples]
broken = [
    lambda t: t.replace("podSelector:", "podSelector: {matchExpressions: [null]}\n    x-was:", 1),
    lambda t: re.sub(r"port: \d+", "port: [1, 2]", t, count=1),
    lambda t: "- a\n- b\n",
]
for i in range(n):
    t = texts[i % len(texts)]
    # unique app names and namespaces, as 10,000 different teams would have them
    t = re.sub(r"(?m)^(  name: )(\S+)", lambda m: f"{m.group(1)}{m.group(2)}-{i}", t, count=1)
    t = re.sub(r"(?m)^(  namespace: )(\S+)", lambda m: f"{m.group(1)}{m.group(2)}-{i}", t, count=1)
    if i % 10 == 9:
        t = broken[(i // 10) % len(broken)](t)
    (out / f"app-{i:05d}.yaml").write_text(t)
PY
log=$(mktemp)
set +e
/usr/bin/time -v target/appseg render --skip-invalid -f "$dir" >/dev/null 2>"$log"
code=$?
set -e
errors=$(grep -c '^error: ' "$log" || true)
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
cpu_user=$(sed -n 's/.*User time (seconds): //p' "$log")
echo "files: $n  exit: $code  error lines: $errors  wall: $wall  user CPU: ${cpu_user}s  peak RSS: $((rss / 1024)) MiB"
grep -v '^error: \|^note: \|^\s' "$log" | head -5 || true
rm -f "$log"
