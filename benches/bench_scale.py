"""One machine, as far as it goes: R-MAT at a given scale generated, saved, loaded and analysed,
with the wall time and the peak resident memory of every step, and NetworKit on the same graph
in the same run.

Run by hand::

    python benches/bench_scale.py --scale 26            # the README's figures (2 cores, 24 GB)
    python benches/bench_scale.py --scale 22 --json out.json

CI runs ``--scale 22`` once (``.ci/run``). Every step runs in a fresh Python process, so its peak
resident set (``VmHWM``) is its own: the kernel steps memory-map the saved graph file
(``load_graph(mmap=True)``), so their peak includes the mapped pages they touched. The parent
also polls each child's own memory (``RssAnon + RssShmem``: resident memory without the mapped
file's pages, which are page cache the kernel can drop and read again) every 0.1 s, reports its
peak, and stops the child when it passes ``--mem-limit-gb`` (recorded as "out of memory", not a
crash) or after ``--timeout`` seconds ("timed out").

NetworKit gets the identical graph: its child maps impactgraph's file and inserts the edges in
blocks of rows (``Graph.addEdges``), then runs PageRank, connected components, core
decomposition and PLM (Louvain) with the same parameters as ``bench_centrality.py`` /
``bench_community.py``.

This file has no pytest tests (pytest collects ``bench_*.py``); it is a script.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from typing import Any

GIB = 1 << 30
IG_STEPS = ["generate", "load", "pagerank", "components", "core_number", "louvain"]
NK_STEPS = ["networkit"]


# ---- child side -----------------------------------------------------------------------------


def _hwm() -> int:
    """Peak resident set of this process in bytes (``VmHWM``)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def _emit(record: dict[str, Any]) -> None:
    record["peak_rss"] = _hwm()
    print("RESULT " + json.dumps(record), flush=True)


def _child(args: argparse.Namespace) -> None:
    import numpy as np

    import impactgraph as ig

    path = args.graph
    step = args.step
    if step == "generate":
        t = time.perf_counter()
        G = ig.generators.rmat(args.scale, args.edge_factor, seed=args.seed)
        gen = time.perf_counter() - t
        _emit({"step": "generate", "seconds": gen, "nodes": G.num_nodes, "edges": G.num_edges,
               "nbytes": G.nbytes})
        t = time.perf_counter()
        G.save(path)
        _emit({"step": "save", "seconds": time.perf_counter() - t, "file_bytes": os.path.getsize(path)})
        return
    if step == "load":
        t = time.perf_counter()
        G = ig.load_graph(path, mmap=True, verify=True)
        _emit({"step": "load (mmap, verified)", "seconds": time.perf_counter() - t, "edges": G.num_edges})
        return
    if step == "networkit":
        _networkit(args)
        return
    G = ig.load_graph(path, mmap=True, verify=False)
    t = time.perf_counter()
    if step == "pagerank":
        pr = ig.centrality.pagerank(G)
        res = {"top": int(np.argmax(pr)), "sum": float(pr.sum())}
    elif step == "components":
        cc = ig.structure.connected_components(G)
        sizes = np.bincount(cc)
        res = {"components": int(sizes.size), "largest": int(sizes.max())}
    elif step == "core_number":
        core = ig.centrality.core_number(G)
        res = {"max_core": int(core.max())}
    elif step == "louvain":
        p = ig.community.louvain_communities(G, seed=1)
        res = {"communities": int(p.membership.max()) + 1, "modularity": float(p.modularity)}
    else:
        raise SystemExit(f"unknown step {step!r}")
    _emit({"step": step, "seconds": time.perf_counter() - t, **res})


def _networkit(args: argparse.Namespace) -> None:
    import networkit as nk
    import numpy as np

    import impactgraph as ig

    nk.setNumberOfThreads(os.cpu_count() or 1)
    nk.engineering.setSeed(1, False)
    G = ig.load_graph(args.graph, mmap=True, verify=False)
    indptr = G._core.indptr(False)
    indices = G._core.indices(False)
    n = G.num_nodes
    t = time.perf_counter()
    g = nk.Graph(n)
    block = 1 << 20  # rows per insertion block
    for lo in range(0, n, block):
        hi = min(lo + block, n)
        a, b = int(indptr[lo]), int(indptr[hi])
        dst = indices[a:b].astype(np.uint64)
        src = np.repeat(np.arange(lo, hi, dtype=np.uint64), np.diff(indptr[lo:hi + 1]).astype(np.int64))
        keep = src < dst  # each undirected edge once (no self-loops in R-MAT graphs)
        g.addEdges((src[keep], dst[keep]))
        print(f"PROGRESS {b / max(int(indptr[n]), 1):.3f} of the arcs inserted", flush=True)
    _emit({"step": "networkit build", "seconds": time.perf_counter() - t, "edges": g.numberOfEdges()})
    del G, indptr, indices

    t = time.perf_counter()
    pr = nk.centrality.PageRank(g, damp=0.85, tol=1e-6, distributeSinks=nk.centrality.SinkHandling.DistributeSinks)
    pr.run()
    _emit({"step": "networkit pagerank", "seconds": time.perf_counter() - t})
    del pr
    t = time.perf_counter()
    cc = nk.components.ConnectedComponents(g)
    cc.run()
    _emit({"step": "networkit components", "seconds": time.perf_counter() - t,
           "components": cc.numberOfComponents()})
    del cc
    t = time.perf_counter()
    cd = nk.centrality.CoreDecomposition(g)
    cd.run()
    _emit({"step": "networkit core_number", "seconds": time.perf_counter() - t, "max_core": int(cd.maxCoreNumber())})
    del cd
    t = time.perf_counter()
    plm = nk.community.PLM(g, refine=False)
    plm.run()
    part = plm.getPartition()
    _emit({"step": "networkit louvain", "seconds": time.perf_counter() - t,
           "communities": part.numberOfSubsets(),
           "modularity": nk.community.Modularity().getQuality(part, g)})


# ---- parent side ----------------------------------------------------------------------------


def _mem(pid: int) -> tuple[int, int]:
    """Resident bytes of ``pid``: all of them (VmRSS) and its own memory (RssAnon + RssShmem),
    i.e. without the pages of mapped files, which the kernel can drop and read again."""
    rss = anon = 0
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith(("RssAnon:", "RssShmem:")):
                    anon += int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, anon


def _run_step(step: str, args: argparse.Namespace, path: str) -> list[dict[str, Any]]:
    cmd = [sys.executable, os.path.abspath(__file__), "--_step", step, "--_graph", path,
           "--scale", str(args.scale), "--edge-factor", str(args.edge_factor), "--seed", str(args.seed)]
    env = dict(os.environ)
    if args.threads:
        env["RAYON_NUM_THREADS"] = str(args.threads)
    limit = int(args.mem_limit_gb * GIB)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak, peak_anon, failure = 0, 0, None
    while proc.poll() is None:
        rss, anon = _mem(proc.pid)
        peak, peak_anon = max(peak, rss), max(peak_anon, anon)
        # The limit is on the process's own memory: the graph file's mapped pages are page
        # cache, which the kernel evicts (and reads again) when memory runs short.
        if anon > limit:
            proc.kill()
            failure = f"out of memory (own memory passed {args.mem_limit_gb:g} GB)"
        elif time.perf_counter() - t0 > args.timeout:
            proc.kill()
            failure = f"timed out after {args.timeout:g} s"
        time.sleep(0.1)
    out, err = proc.communicate()
    records = [json.loads(line[7:]) for line in out.splitlines() if line.startswith("RESULT ")]
    progress = [line[9:] for line in out.splitlines() if line.startswith("PROGRESS ")]
    if failure is None and proc.returncode != 0:
        tail = err.strip().splitlines()[-1:] or [f"exit code {proc.returncode}"]
        failure = f"failed: {tail[0]}"
        if proc.returncode < 0:
            failure = f"killed by signal {-proc.returncode} (out of memory?)"
    if failure is not None:
        if progress:
            failure += f" with {progress[-1]}"
        records.append({"step": step + " (stopped)", "error": failure, "peak_rss": peak})
    for r in records:
        r["peak_anon"] = peak_anon  # polled every 0.1 s over the whole step
        _print_record(r)
    return records


def _print_record(r: dict[str, Any]) -> None:
    extra = {k: v for k, v in r.items() if k not in ("step", "seconds", "peak_rss", "peak_anon", "error")}
    mem = f"peak RSS {r['peak_rss'] / GIB:6.2f} GiB (own {r.get('peak_anon', 0) / GIB:6.2f})"
    if "error" in r:
        line = f"{r['step']:<28} {r['error']}  ({mem})"
    else:
        line = f"{r['step']:<28} {r['seconds']:9.2f} s   {mem}   {extra}"
    print(line, flush=True)


def table(records: list[dict[str, Any]]) -> str:
    """The README's Markdown table of one run."""
    rows = ["| step | time (s) | peak RSS (GiB) | own memory (GiB) | result |", "|---|---|---|---|---|"]
    for r in records:
        extra = ", ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}"
                          for k, v in r.items() if k not in ("step", "seconds", "peak_rss", "peak_anon", "error"))
        secs = r["error"] if "error" in r else f"{r['seconds']:.2f}"
        own = f"{r['peak_anon'] / GIB:.2f}" if "peak_anon" in r else ""
        rows.append(f"| {r['step']} | {secs} | {r['peak_rss'] / GIB:.2f} | {own} | {extra} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--scale", type=int, default=22)
    p.add_argument("--edge-factor", type=int, default=16)
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--dir", default=None, help="folder for the graph file (default: a temporary folder)")
    p.add_argument("--keep", action="store_true", help="keep the graph file")
    p.add_argument("--peers", default="networkit", help="'networkit' or 'none'")
    p.add_argument("--steps", default=",".join(IG_STEPS))
    p.add_argument("--threads", type=int, default=0, help="RAYON_NUM_THREADS for impactgraph (default: all cores)")
    p.add_argument("--mem-limit-gb", type=float, default=22.0)
    p.add_argument("--timeout", type=float, default=3600.0, help="seconds per step")
    p.add_argument("--json", default=None, help="write the records here")
    p.add_argument("--_step", dest="step", help=argparse.SUPPRESS)
    p.add_argument("--_graph", dest="graph", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.step:
        _child(args)
        return []

    tmp = None
    folder = args.dir
    if folder is None:
        tmp = tempfile.TemporaryDirectory(prefix="ig-scale-")
        folder = tmp.name
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"rmat{args.scale}.igb")
    print(f"R-MAT scale {args.scale}, edge factor {args.edge_factor}, seed {args.seed}; "
          f"{os.cpu_count()} cores; graph file {path}", flush=True)
    records: list[dict[str, Any]] = []
    steps = [s for s in args.steps.split(",") if s]
    try:
        for step in steps:
            if step != "generate" and not os.path.exists(path):
                break
            records += _run_step(step, args, path)
        if args.peers == "networkit" and os.path.exists(path):
            import importlib.util

            if importlib.util.find_spec("networkit") is None:
                print("networkit is not installed; peer skipped")
            else:
                records += _run_step("networkit", args, path)
    finally:
        if tmp is not None and not args.keep:
            tmp.cleanup()
    print()
    print(table(records))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"scale": args.scale, "edge_factor": args.edge_factor, "seed": args.seed,
                       "cores": os.cpu_count(), "records": records}, f, indent=1)
    failed = [r for r in records if "error" in r and not r["step"].startswith("networkit")]
    if failed:
        raise SystemExit(f"impactgraph step failed: {failed[0]['step']}: {failed[0]['error']}")
    return records


if __name__ == "__main__":
    main()
