"""LocalCluster timing of distributed IMM (impactgraph.distributed.influence_maximization), by hand:

    python benches/dask_imm.py --scale 12 --k 10 --p 0.05 --epsilon 0.1

Times IMM on an R-MAT graph four ways: the single-machine call with 1 and with all threads, and
impactgraph.distributed on a LocalCluster of 1 and of 2 single-threaded worker processes (the
clusters' start is not timed; shipping the graph and gathering the RR sets are), repetitions
interleaved, best of ``--repeat``. Each result is checked equal to the single-machine one.
Prints a markdown table (docs/scaling.md). Not collected by pytest: it starts clusters.
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
    ap.add_argument("--scale", type=int, default=12)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--p", type=float, default=0.05)
    ap.add_argument("--model", default="ic", choices=["ic", "lt"])
    ap.add_argument("--epsilon", type=float, default=0.1)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    from distributed import Client, LocalCluster

    G = ig.generators.rmat(args.scale, seed=20261123)
    cpu = os.cpu_count() or 1
    kw: dict[str, Any] = {"model": args.model, "p": args.p, "epsilon": args.epsilon, "seed": 1}
    want = ig.diffusion.influence_maximization(G, args.k, **kw)
    print(
        f"R-MAT scale {args.scale}: {G.num_nodes} nodes, {G.num_edges} edges; {cpu} cores; "
        f"{want.work} RR sets drawn, {want.n_rr_sets} in the selection"
    )
    runs = {
        f"single machine, threads={th}": (lambda th=th: ig.diffusion.influence_maximization(G, args.k, threads=th, **kw))
        for th in sorted({1, cpu})
    }
    with contextlib.ExitStack() as stack:
        for w in args.workers:
            cl = stack.enter_context(LocalCluster(n_workers=w, threads_per_worker=1, processes=True, dashboard_address=":0"))
            c = stack.enter_context(Client(cl))
            runs[f"LocalCluster, {w} worker{'s' if w > 1 else ''}"] = lambda c=c: D.influence_maximization(
                G, args.k, client=c, **kw
            )
        best = {name: float("inf") for name in runs}
        for _ in range(args.repeat):
            for name, f in runs.items():
                t = time.perf_counter()
                r = f()
                best[name] = min(best[name], time.perf_counter() - t)
                assert r.as_dict() == want.as_dict() and np.array_equal(r.spread, want.spread), f"{name} differs"
    base = best[f"LocalCluster, {args.workers[0]} worker"]
    print(f"\n| run | IMM {args.model} k={args.k} epsilon={args.epsilon} (s) |")
    print("|---|---:|")
    for name, t in best.items():
        print(f"| {name} | {t:.2f} ({base / t:.2f}x) |")


if __name__ == "__main__":
    main()
