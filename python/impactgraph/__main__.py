"""``impactgraph analyze``: the main job on a multi-level impact network (node, tie and
membership tables), an edge list, or the embedded example; it writes per-node metrics, a
per-community table, health JSON and a self-contained HTML report into an output folder.

``python -m impactgraph demo``: generate an R-MAT graph of about a million edges, compute
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


_EXAMPLE_SIZES = {
    # members, organizations, local networks, meta-networks
    "default": (100_000, 3_000, 150, 8),
    "small": (5_000, 150, 8, 2),
    "tiny": (1_000, 30, 4, 2),
}


class _UsageError(Exception):
    pass


def _fmt_s(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms"


def analyze_command(args: argparse.Namespace) -> int:
    """Run ``impactgraph analyze``; returns the exit code (errors are raised)."""
    import os

    from pathlib import Path

    from .analyze import StderrProgress, _check_out, analyze

    inputs = list(args.inputs)
    if args.example:
        if inputs:
            raise _UsageError("--example takes no input files")
        data = None
    elif len(inputs) == 1:
        data = inputs[0]
    elif len(inputs) == 3:
        data = tuple(inputs)
    else:
        raise _UsageError(
            "expected NODES TIES MEMBERSHIPS (three tables), one EDGELIST, or --example; "
            f"got {len(inputs)} input file{'s' if len(inputs) != 1 else ''}"
        )
    for path in inputs:
        if not os.path.exists(path):
            raise FileNotFoundError(f"input file not found: {path}")
    _check_out(Path(args.out).absolute(), args.force)  # before any work
    progress = StderrProgress(quiet=args.quiet)
    t0 = time.perf_counter()
    name = None
    try:
        if data is None:
            from .generators import impact_network

            sizes = _EXAMPLE_SIZES[args.example_size]
            name = f"example impact network ({args.example_size})"
            step = f"generate the example ({sizes[0]:,} members)"
            t_gen = time.perf_counter()
            progress(1, 1, step, None)
            data = impact_network(*sizes)  # the fixed example: the generator's default seed
            gen_s = time.perf_counter() - t_gen
            progress(1, 1, step, gen_s)
        else:
            gen_s = None
            name = os.path.basename(inputs[0]) if len(inputs) == 1 else os.path.basename(os.path.dirname(os.path.abspath(inputs[0]))) or "network"
        res = analyze(
            data,
            args.out,
            seed=args.seed,
            threads=args.threads,
            betweenness_k=args.betweenness_k,
            directed=args.directed,
            progress=progress,
            force=args.force,
            name=name,
            timings=None if gen_s is None else {"generate example": gen_s},
        )
    finally:
        progress.close()
    total = time.perf_counter() - t0
    _print_summary(res, total)
    return 0


def _print_summary(res, total: float) -> None:
    s = res.summary
    net = s["network"]
    levels = ", ".join(f"{lv['level']} {lv['nodes']:,}" for lv in net["levels"])
    comm = s["communities"]
    mod = comm.get("modularity")
    print(f"{s['title']}")
    print(f"  nodes {net['nodes']:,}  edges {net['edges']:,}  ({'directed' if net['directed'] else 'undirected'})")
    print(f"  levels: {levels}")
    print(
        f"  communities ({comm['level']}): {comm['count']:,}, modularity "
        + ("n/a" if mod is None else f"{mod:.4f}")
    )
    top = [t for t in s.get("top_nodes", [])][:5]
    if top:
        print("  top connectors (PageRank): " + ", ".join(f"{t['node']} (degree {t['degree']})" for t in top))
    diff = s.get("diffusion") or {}
    if diff.get("mean_adopted"):
        print(f"  diffusion from the top {len(diff['seeds'])} by degree: {diff['mean_adopted'][-1]:,.1f} adopted on average")
    if res.out is not None:
        print(f"  report: {res.out / 'report.html'}")
    print(f"  total time {_fmt_s(total)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="impactgraph", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser(
        "analyze",
        help="analyse a multi-level network, an edge list or the embedded example and write a report",
        description="Analyse NODES TIES MEMBERSHIPS tables (CSV, TSV or Parquet), one EDGELIST file "
        "(a plain graph) or the embedded example (--example), and write nodes.parquet, nodes.csv, "
        "communities.csv, health.json, summary.json and report.html into --out.",
    )
    a.add_argument("inputs", nargs="*", metavar="FILE", help="NODES TIES MEMBERSHIPS, or EDGELIST")
    a.add_argument("--out", "-o", required=True, metavar="DIR", help="output folder (written atomically)")
    a.add_argument("--example", action="store_true", help="analyse the embedded example impact network")
    a.add_argument("--example-size", choices=sorted(_EXAMPLE_SIZES), default="default",
                   help="size of the example: default (100,000 members), small (5,000) or tiny (1,000)")
    a.add_argument("--directed", action="store_true", help="the ties are directed")
    a.add_argument("--seed", type=int, default=42, help="seed of every random step (default 42)")
    a.add_argument("--threads", type=int, default=None, help="number of threads (default: all)")
    a.add_argument("--betweenness-k", type=int, default=None, metavar="K",
                   help="sampled sources for betweenness (default: exact up to 5,000 nodes, else 256)")
    a.add_argument("--force", action="store_true", help="replace an existing non-empty output folder")
    a.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    d = sub.add_parser("demo", help="run the main job on an embedded R-MAT example")
    d.add_argument("--scale", type=int, default=16, help="log2 of the number of nodes (default 16)")
    d.add_argument("--edge-factor", type=int, default=16, help="edges per node before dedup (default 16)")
    d.add_argument("--seed", type=int, default=42)
    d.add_argument("--threads", type=int, default=None)
    args = parser.parse_args(argv)
    if args.command == "demo":
        return demo(args.scale, args.edge_factor, args.seed, args.threads)
    if args.command == "analyze":
        return _run_analyze(args, parser)
    return 2


def _run_analyze(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``analyze_command`` with every error as one line on stderr and exit code 2 (set
    ``IMPACTGRAPH_DEBUG=1`` for the traceback)."""
    import os

    try:
        return analyze_command(args)
    except KeyboardInterrupt:
        print("impactgraph analyze: interrupted", file=sys.stderr)
        return 130
    except _UsageError as e:
        parser.print_usage(sys.stderr)
        print(f"impactgraph analyze: error: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # noqa: BLE001 - a CLI reports, never prints a traceback
        if os.environ.get("IMPACTGRAPH_DEBUG"):
            raise
        msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        if isinstance(e, (FileNotFoundError, IsADirectoryError, PermissionError)) and getattr(e, "filename", None) and getattr(e, "strerror", None):
            msg = f"{e.strerror}: {e.filename}"
        print(f"impactgraph analyze: error: {msg}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
