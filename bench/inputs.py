#!/usr/bin/env python3
"""Writes the benchmark's inputs into bench/inputs/ (deterministic; the committed files are its output).

  twenty-tier-base.yaml, twenty-tier-head.yaml  one app of 20 tiers in 3 namespaces, and a change to it that
                                                 opens, closes and re-ports some flows and reorders others
  samples-1000.yaml                              1000 expectations over the tiers of all samples together;
                                                 the expected answers are appseg's own (run once, then frozen)
Usage: python3 bench/inputs.py APPSEG_COMMAND...   e.g. python3 bench/inputs.py java -jar target/appseg.jar
"""
import itertools
import pathlib
import re
import subprocess
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "inputs"
NAMESPACES = ["shop", "shop-data", "shop-edge"]


def twenty_tiers():
    tiers = []
    for i in range(20):
        tier = {"name": f"t{i:02d}", "podSelector": {"matchLabels": {"app": "shop", "tier": f"t{i:02d}"}},
                "ports": [{"name": "http", "port": 8000 + i, "protocol": "TCP"}]}
        if i % 3:
            tier["namespace"] = NAMESPACES[i % 3]
        if i % 5 == 0:
            tier["ports"].append({"port": 9000, "endPort": 9010, "protocol": "TCP"})
        tiers.append(tier)
    return tiers


def base_flows():
    flows = [{"from": {"cidr": "0.0.0.0/0", "except": ["10.0.0.0/8"]}, "to": {"tier": "t00"}, "ports": [{"port": 443}]},
             {"from": {"namespace": "ingress-nginx", "podSelector": {"matchLabels": {"app": "ingress"}}},
              "to": {"tier": "t01"}}]
    for i in range(19):
        flows.append({"from": {"tier": f"t{i:02d}"}, "to": {"tier": f"t{i + 1:02d}"}})
    for i in range(0, 20, 4):
        flows.append({"from": {"tier": f"t{i:02d}"}, "to": {"tier": f"t{(i + 7) % 20:02d}"},
                      "ports": [{"port": 8000 + (i + 7) % 20}, {"port": 53, "protocol": "UDP"}]})
    flows.append({"from": {"tier": "t19"}, "to": {"cidr": "203.0.113.0/24"}, "ports": [{"port": 443}]})
    return flows


def app(flows):
    return {"apiVersion": "appseg.io/v1alpha1", "kind": "AppSegmentation",
            "metadata": {"name": "twenty", "namespace": "shop"},
            "spec": {"tiers": twenty_tiers(), "flows": flows,
                     "monitoring": {"enabled": True, "port": 9090}}}


def head_flows():
    flows = base_flows()
    flows.append({"from": {"tier": "t03"}, "to": {"tier": "t15"}})                 # opens
    flows.append({"from": {"anywhere": True}, "to": {"tier": "t02"}, "ports": [{"port": 8002}]})  # opens
    del flows[10]                                                                 # closes t08 -> t09
    flows[5]["ports"] = [{"port": 8004}, {"port": 8100}]                            # t03 -> t04 on a new port too
    flows[12:16] = reversed(flows[12:16])                                          # reordering: no change
    return flows


def write(name, doc):
    (OUT / name).write_text(yaml.safe_dump(doc, sort_keys=False, width=120))


def samples_expectations(appseg):
    tiers = []
    for sample in sorted((ROOT / "samples").glob("*.yaml")):
        doc = yaml.safe_load(sample.read_text())
        for t in doc["spec"]["tiers"]:
            ports = [p["port"] for p in t.get("ports", []) if isinstance(p["port"], int)] or [80]
            tiers.append((doc["metadata"]["name"] + "/" + t["name"], ports))
    candidates = []
    for (src, _), (dst, ports) in itertools.product(tiers, tiers):
        for port in ports + [ports[0] + 1, 53]:
            candidates.append({"from": src, "to": dst, "port": port, "expect": "allowed"})
    step = len(candidates) / 1000
    picked = [int(i * step) for i in range(1000)]
    spare = [i for i in range(len(candidates)) if i not in set(picked)]
    path = OUT / "samples-1000.yaml"
    while True:
        failed = failures(appseg, path, [candidates[i] for i in picked])
        if not failed:
            return
        for i in failed:  # an answer of appseg's own: allowed becomes denied; failing both ways, replaced
            c = candidates[picked[i]]
            if c["expect"] == "allowed":
                c["expect"] = "denied"
            else:
                picked[i] = spare.pop(0)


def failures(appseg, path, expectations):
    """The positions of the expectations that appseg test fails, on all samples together."""
    write(path.name, {"apiVersion": "appseg.io/v1alpha1", "kind": "ConnectivityExpectations",
                      "expectations": expectations})
    report = OUT / "report.xml"
    subprocess.run(appseg + ["test", "-f", str(path), "-f", str(ROOT / "samples"), "--junit", str(report)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    failed = [int(m) for m in re.findall(r'expectations\[(\d+)\]" name="[^"]*"><failure', report.read_text())]
    report.unlink()
    return failed


def main():
    OUT.mkdir(exist_ok=True)
    write("twenty-tier-base.yaml", app(base_flows()))
    write("twenty-tier-head.yaml", app(head_flows()))
    samples_expectations(sys.argv[1:])


if __name__ == "__main__":
    main()
