"""LocalCluster speed-up of impactgraph.distributed (1 vs 2 worker processes), by hand:

    python benches/dask_speedup.py --scale 18 --k 256 --sims 10000

Times sampled betweenness (R-MAT, ``k`` sources) and ``--sims`` independent-cascade runs
(``p``, the 10 nodes of highest degree as seeds) three ways: the single-machine call with 1 and
with all threads, and impactgraph.distributed on a LocalCluster of 1 and of 2 single-threaded
worker processes (the cluster's start is not timed; the shipping of the graph is), all
clusters up at once and the repetitions interleaved. Each result is checked equal to the
single-machine one. Prints a markdown table
(docs/scaling.md). Not collected by pytest (no ``bench_`` prefix): it starts clusters.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
from typing import Any

import numpy as np

import impactgraph as ig
from impactgraph import distributed as D


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
    cpu = os.cpu_count() or 1
    print(f"R-MAT scale {args.scale}: {G.num_nodes} nodes, {G.num_edges} edges; {cpu} cores")
    want_bc = ig.betweenness_centrality(G, k=args.k, seed=1)
    want_ic = ig.diffusion.independent_cascade(G, seeds, p=args.p, n_sims=args.sims, seed=1)
    runs: dict[str, tuple[Any, Any]] = {}
    for th in sorted({1, cpu}):
        runs[f"single machine, threads={th}"] = (
            lambda th=th: ig.betweenness_centrality(G, k=args.k, seed=1, threads=th),
            lambda th=th: ig.diffusion.independent_cascade(G, seeds, p=args.p, n_sims=args.sims, seed=1, threads=th),
        )
    with contextlib.ExitStack() as stack:
        for w in args.workers:
            cl = stack.enter_context(LocalCluster(n_workers=w, threads_per_worker=1, processes=True, dashboard_address=":0"))
            c = stack.enter_context(Client(cl))
            runs[f"LocalCluster, {w} worker{'s' if w > 1 else ''}"] = (
                lambda c=c: D.betweenness(G, k=args.k, seed=1, client=c),
                lambda c=c: D.independent_cascade(G, seeds, p=args.p, n_sims=args.sims, seed=1, client=c),
            )
        # Interleaved repetitions (best of each): a shared machine's load drifts between runs.
        best = {name: [float("inf"), float("inf")] for name in runs}
        for _ in range(args.repeat):
            for name, (bc, ic) in runs.items():
                for j, (f, want) in enumerate([(bc, want_bc), (ic, want_ic)]):
                    t = time.perf_counter()
                    out = f()
                    best[name][j] = min(best[name][j], time.perf_counter() - t)
                    got = out if j == 0 else out.spread
                    assert np.array_equal(got, want if j == 0 else want.spread), f"{name} differs"
    rows = [(name, a, b) for name, (a, b) in best.items()]
    base = {r[0]: r for r in rows}[f"LocalCluster, {args.workers[0]} worker"]
    print(f"\n| run | betweenness k={args.k} (s) | {args.sims} cascades p={args.p} (s) |")
    print("|---|---:|---:|")
    for name, a, b in rows:
        print(f"| {name} | {a:.2f} ({base[1] / a:.2f}x) | {b:.2f} ({base[2] / b:.2f}x) |")


if __name__ == "__main__":
    main()
