#!/usr/bin/env python3
"""Writes N Hubble flow lines (hubble observe -o json) between the pods of the 20-tier bench app.

Usage: python3 bench/flows.py N > file. Deterministic (fixed seed). Three pods per tier, in the tiers'
namespaces, with the tiers' labels; each line is one connection from a random pod to a random pod of a
random other tier on that tier's first port, or (1 in 50) to one of 40 external addresses on 443. Many of
them are not declared by the app, so the audit has denials to group.
"""
import json
import random
import sys

NAMESPACES = ["shop", "shop-data", "shop-edge"]


def pods():
    out = []
    for t in range(20):
        ns = NAMESPACES[t % 3]
        for i in range(3):
            out.append({"tier": t, "ns": ns, "name": f"t{t:02d}-6f7d8c9b5-{'bcdfg'[i]}x{i}kq",
                        "ip": f"10.1.{t}.{10 + i}", "port": 8000 + t})
    return out


def endpoint(p):
    labels = sorted([f"k8s:app=shop", f"k8s:tier=t{p['tier']:02d}", "k8s:pod-template-hash=6f7d8c9b5",
                     f"k8s:io.kubernetes.pod.namespace={p['ns']}",
                     f"k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name={p['ns']}"])
    return {"ID": 1000 + p["tier"] * 3, "identity": 30000 + p["tier"], "namespace": p["ns"], "labels": labels,
            "pod_name": p["name"], "workloads": [{"name": f"t{p['tier']:02d}", "kind": "Deployment"}]}


def main():
    n = int(sys.argv[1])
    rng = random.Random(16)
    all_pods = pods()
    ends = [endpoint(p) for p in all_pods]
    out = sys.stdout
    for k in range(n):
        s = rng.randrange(len(all_pods))
        src = all_pods[s]
        if rng.randrange(50) == 0:
            dst_ip, dst, port = f"203.0.113.{rng.randrange(40)}", {"identity": 2, "labels": ["reserved:world"]}, 443
        else:
            d = rng.randrange(len(all_pods))
            dst_ip, dst, port = all_pods[d]["ip"], ends[d], all_pods[d]["port"]
        t = f"2026-12-01T{10 + k // 360000:02d}:{k // 6000 % 60:02d}:{k // 100 % 60:02d}.{k % 100:02d}0000000Z"
        flow = {"time": t, "verdict": "FORWARDED", "IP": {"source": src["ip"], "destination": dst_ip, "ipVersion": "IPv4"},
                "l4": {"TCP": {"source_port": 32768 + k % 28000, "destination_port": port, "flags": {"SYN": True}}},
                "source": ends[s], "destination": dst, "Type": "L3_L4", "node_name": "bench-worker",
                "traffic_direction": "EGRESS", "is_reply": False, "Summary": "TCP Flags: SYN"}
        out.write(json.dumps({"flow": flow, "node_name": "bench-worker", "time": t}, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
