#!/usr/bin/env bash
# Runs two appseg jars on the same flow files and diffs everything they print: audit in every output format
# (text, markdown, json) and propose, stdout, stderr (the read counts) and exit code. Silent and exit 0 when
# they agree. Usage: bench/flows-compare.sh OLD.jar NEW.jar [FLOW_FILE...]
# (default: the fixtures of src/test/resources/flows; add target/bench/flows-1m.json for the bench file).
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2
shift 2
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(src/test/resources/flows/*.json src/test/resources/flows/*.csv)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
app() { # the app a flow file is audited against: the bench app for bench files, the three-tier sample otherwise
  case $1 in
    target/bench/*) echo "-f bench/inputs/twenty-tier-base.yaml" ;;
    *) echo "-f samples/01-three-tier.yaml -f src/test/resources/flows/pods.yaml" ;;
  esac
}
run() { # jar tag flows command...
  local jar=$1 tag=$2 flows=$3
  shift 3
  local rc=0
  java -XX:TieredStopAtLevel=1 -jar "$jar" "$@" >"$out/$tag.out" 2>"$out/$tag.err" || rc=$?
  echo "exit $rc" >>"$out/$tag.err"
}
failed=0
for flows in "${files[@]}"; do
  read -r -a with <<<"$(app "$flows")"
  for cmd in "audit -o text" "audit -o markdown" "audit -o json" "propose -n production"; do
    read -r -a c <<<"$cmd"
    for side in old new; do
      jar=$old
      [ $side = old ] || jar=$new
      if [ "${c[0]}" = propose ]; then
        run "$jar" $side "$flows" propose --flows "$flows" "${c[@]:1}"
      else
        run "$jar" $side "$flows" "${c[@]}" --flows "$flows" "${with[@]}"
      fi
    done
    for s in out err; do
      if ! cmp -s "$out/old.$s" "$out/new.$s"; then
        echo "DIFFER ($s): $cmd --flows $flows"
        diff "$out/old.$s" "$out/new.$s" | head -20
        failed=1
      fi
    done
    echo "compared: $cmd --flows $flows ($(wc -c <"$out/new.out") bytes out; $(grep -m1 "^note: $flows" "$out/new.err" | cut -c1-90))"
  done
done
exit $failed
