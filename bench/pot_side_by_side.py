#!/usr/bin/env python3
"""POT on Monge's benchmark workloads, on this machine, for the side-by-side table in bench/README.md.

Same data as the JMH benchmarks (bench/data: the peers' clouds), same settings: squared Euclidean
cost, uniform weights, float64; Sinkhorn with eps = rel * mean(C) and stopThr 1e-6 (POT's own L2
criterion, checked every 10 iterations). Times exclude ot.dist, as Monge's exclude the cost matrix.
Writes bench/results/pot.json and prints one line per case. Usage:
    python3 bench/pot_side_by_side.py [--quick]
POT: Debian's python3-pot (apt-get install python3-pot) or pip install pot.
"""
import json
import os
import statistics
import sys
import time

import numpy as np
import ot

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name, n):
    return np.loadtxt(os.path.join(HERE, "data", name), delimiter=",", max_rows=n)


def timed(fn, repeats):
    fn()  # warm-up
    times, value = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main():
    quick = "--quick" in sys.argv
    sizes = [1000] if quick else [1000, 2000, 4000]
    results = {"pot_version": ot.__version__, "numpy_version": np.__version__, "load_start": os.getloadavg()[0],
               "cases": []}
    for n in sizes:
        x, y = load("source_4000x2.csv", n), load("target_4000x2.csv", n)
        a = np.full(n, 1.0 / n)
        c = ot.dist(x, y)
        seconds, cost = timed(lambda: float(np.sum(ot.emd(a, a, c) * c)), 3 if n < 4000 else 1)
        results["cases"].append({"workload": "emd", "n": n, "seconds": seconds, "cost": cost})
        print(f"emd n={n}: {seconds:.3f} s, cost {cost:.9f}", flush=True)
        if n == 2000:
            continue
        for rel in (0.05, 0.01):
            eps = rel * float(c.mean())
            for method in ("sinkhorn", "sinkhorn_log"):
                if method == "sinkhorn_log" and n > 1000 and quick:
                    continue
                def solve():
                    p, log = ot.sinkhorn(a, a, c, eps, method=method, stopThr=1e-6, numItermax=100000, log=True)
                    return float(np.sum(p * c)), int(log.get("niter", len(log.get("err", [])) * 10))

                seconds, (cost, iterations) = timed(solve, 3 if n < 4000 else 1)
                results["cases"].append({"workload": method, "n": n, "eps_rel": rel, "seconds": seconds,
                                         "cost": cost, "iterations": iterations})
                print(f"{method} n={n} eps_rel={rel}: {seconds:.3f} s, {iterations} iterations, <P,C> {cost:.9f}",
                      flush=True)
    results["load_end"] = os.getloadavg()[0]
    out = os.path.join(HERE, "results")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "pot.json"), "w") as f:
        json.dump(results, f, indent=1)
    print("wrote", os.path.join(out, "pot.json"))


if __name__ == "__main__":
    main()
