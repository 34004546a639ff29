#!/usr/bin/env python3
"""Where kube-apiserver's CPU goes in CEL validation of AppSegmentation writes (bench/crd-validation.md).

Reads a CPU profile of kube-apiserver (its /debug/pprof/profile, taken while hack/bench-crd-validation.sh runs)
through `go tool pprof -traces` and prints the seconds spent in CEL rule evaluation by the depth of the node
whose rules ran (1 the resource, 2 spec, 3 a list of spec, 4 its item, ...) and by the number of comprehensions
(all/exists/map) nested on the stack, then the share of all samples inside the CEL validator and in GC.

Usage: bench/crd-validation-profile.py PROFILE.pb.gz
"""
import collections
import re
import subprocess
import sys

SEPARATOR = "-----------+-------------------------------------------------------"


def samples(profile):
    """(seconds, frames) per distinct stack of the profile."""
    text = subprocess.run(["go", "tool", "pprof", "-traces", profile], capture_output=True, text=True,
                          check=True).stdout
    for block in text.split(SEPARATOR):
        lines = [line for line in block.strip().split("\n") if line.strip()]
        head = re.match(r"\s*([\d.]+)(ms|s)\s", lines[0]) if lines else None
        if head:
            seconds = float(head.group(1)) * (1 if head.group(2) == "s" else 0.001)
            yield seconds, [line.split()[-1] for line in lines]


def main(profile):
    by_node = collections.Counter()
    total = in_cel = in_gc = 0.0
    for seconds, frames in samples(profile):
        total += seconds
        in_gc += seconds if any("gcBgMarkWorker" in f for f in frames) else 0
        in_cel += seconds if any("cel.(*Validator).Validate" in f for f in frames) else 0
        if any("ContextEval" in f for f in frames):
            depth = sum(1 for f in frames if f.endswith("(*Validator).validate"))
            folds = sum(1 for f in frames if "evalFold" in f)
            by_node[(depth, folds)] += seconds
    for (depth, folds), seconds in sorted(by_node.items()):
        print(f"rules at depth {depth}, {folds} nested comprehensions: {seconds:6.2f} s")
    print(f"all samples {total:.2f} s; in CEL validation {in_cel:.2f} s ({100 * in_cel / total:.0f} %);"
          f" GC mark workers {in_gc:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1])
