"""``python -m impactgraph demo``: generate an R-MAT graph of about a million edges, compute
degrees, connected components, PageRank, the k-core structure, clustering and (sampled)
betweenness and Leiden communities — who is central, where the core is, who brokers, which
learning clusters exist — and print a summary with timings."""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np


def demo(scale: int = 16, edge_factor: int = 16, seed: int = 42, threads: int | None = None) -> int:
    import impactgraph as ig

    def timed(label: str, fn, *args, **kw):
        t0 = time.perf_counter()
        out = fn(*args, **kw)
        print(f"  {label:<28s} {time.perf_counter() - t0:8.3f} s")
        return out

    print(f"impactgraph {ig.__version__} demo: R-MAT scale {scale}, edge factor {edge_factor}, seed {seed}")
    G = timed("generate R-MAT", ig.generators.rmat, scale, edge_factor, seed=seed, threads=threads)
    print(f"  graph: {G.num_nodes:,} nodes, {G.num_edges:,} edges, {G.nbytes / 2**20:.1f} MiB in CSR")
    deg = timed("degree", ig.degree, G, threads=threads)
    comp = timed("connected components", ig.connected_components, G, threads=threads)
    pr = timed("PageRank", ig.pagerank, G, threads=threads)
    sizes = np.bincount(comp)
    giant = int(sizes.max()) if sizes.size else 0
    print(f"  degree: mean {deg.mean():.2f}, max {int(deg.max())}, isolated {int((deg == 0).sum()):,}")
    print(f"  components: {sizes.size:,}; giant {giant:,} nodes ({giant / max(G.num_nodes, 1):.1%})")
    top = np.argsort(-pr, kind="stable")[:5]
    print("  top PageRank: " + ", ".join(f"{int(v)} ({pr[v]:.2e}, degree {int(deg[v])})" for v in top))
    print(f"  PageRank sums to {pr.sum():.6f}")
    core = timed("core number", ig.core_number, G, threads=threads)
    cc = timed("local clustering", ig.clustering, G, threads=threads)
    bc = timed("betweenness (256 sources)", ig.betweenness_centrality, G, k=min(256, G.num_nodes), seed=seed, threads=threads)
    kmax = int(core.max()) if core.size else 0
    print(f"  core: max core number {kmax}, {int((core == kmax).sum()):,} nodes in the innermost core")
    print(f"  clustering: average {cc.mean():.4f} (isolated and degree-1 nodes count as 0)")
    top = np.argsort(-bc, kind="stable")[:5]
    print("  top brokers (betweenness): " + ", ".join(f"{int(v)} ({bc[v]:.2e}, core {int(core[v])})" for v in top))
    part = timed("Leiden (2 iterations)", ig.community.leiden_communities, G, n_iterations=2, seed=seed, threads=threads)
    big = np.sort(part.sizes)[::-1]
    print(
        f"  communities: {len(part):,} (modularity {part.modularity:.4f}); largest "
        + ", ".join(f"{int(x):,}" for x in big[:5])
        + f"; {int((big == 1).sum()):,} singletons"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m impactgraph", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("demo", help="run the main job on an embedded R-MAT example")
    d.add_argument("--scale", type=int, default=16, help="log2 of the number of nodes (default 16)")
    d.add_argument("--edge-factor", type=int, default=16, help="edges per node before dedup (default 16)")
    d.add_argument("--seed", type=int, default=42)
    d.add_argument("--threads", type=int, default=None)
    args = parser.parse_args(argv)
    if args.command == "demo":
        return demo(args.scale, args.edge_factor, args.seed, args.threads)
    return 2


if __name__ == "__main__":
    sys.exit(main())
