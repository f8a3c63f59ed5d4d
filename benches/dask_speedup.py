"""LocalCluster speed-up of impactgraph.distributed (1 vs 2 worker processes), by hand:

    python benches/dask_speedup.py --scale 18 --k 256 --sims 10000

Times sampled betweenness (R-MAT, ``k`` sources) and ``--sims`` independent-cascade runs
(``p``, the 10 nodes of highest degree as seeds) three ways: the single-machine call with 1 and
with all threads, and impactgraph.distributed on a LocalCluster of 1 and of 2 single-threaded
worker processes (the cluster's start is not timed; the shipping of the graph is). Each
distributed result is checked equal to the single-machine one. Prints a markdown table
(docs/scaling.md). Not collected by pytest (no ``bench_`` prefix): it starts clusters.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

import impactgraph as ig
from impactgraph import distributed as D


def _best(f, repeat):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, default=18)
    ap.add_argument("--k", type=int, default=256)
    ap.add_argument("--sims", type=int, default=10_000)
    ap.add_argument("--p", type=float, default=0.01)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    from distributed import Client, LocalCluster

    G = ig.generators.rmat(args.scale, seed=20261123)
    seeds = np.argsort(-ig.degree(G), kind="stable")[:10]
    print(f"R-MAT scale {args.scale}: {G.num_nodes} nodes, {G.num_edges} edges; {os.cpu_count()} cores")
    rows = []
    cpu = os.cpu_count() or 1
    for th in sorted({1, cpu}):
        t_bc, want_bc = _best(lambda: ig.betweenness_centrality(G, k=args.k, seed=1, threads=th), args.repeat)
        t_ic, want_ic = _best(
            lambda: ig.diffusion.independent_cascade(G, seeds, p=args.p, n_sims=args.sims, seed=1, threads=th),
            args.repeat,
        )
        rows.append((f"single machine, threads={th}", t_bc, t_ic))
    for w in args.workers:
        with LocalCluster(n_workers=w, threads_per_worker=1, processes=True, dashboard_address=":0") as cl, Client(
            cl
        ) as c:
            t_bc, bc = _best(lambda: D.betweenness(G, k=args.k, seed=1, client=c), args.repeat)
            t_ic, ic = _best(
                lambda: D.independent_cascade(G, seeds, p=args.p, n_sims=args.sims, seed=1, client=c), args.repeat
            )
            assert np.array_equal(bc, want_bc), "distributed betweenness differs"
            assert np.array_equal(ic.spread, want_ic.spread), "distributed cascade differs"
            rows.append((f"LocalCluster, {w} worker{'s' if w > 1 else ''}", t_bc, t_ic))
    base = {r[0]: r for r in rows}[f"LocalCluster, {args.workers[0]} worker"]
    print(f"\n| run | betweenness k={args.k} (s) | {args.sims} cascades p={args.p} (s) |")
    print("|---|---:|---:|")
    for name, a, b in rows:
        print(f"| {name} | {a:.2f} ({base[1] / a:.2f}x) | {b:.2f} ({base[2] / b:.2f}x) |")


if __name__ == "__main__":
    main()
