"""Turn a pytest-benchmark JSON file into the README's markdown table of times and ratios.

Usage: ``python benches/report.py out.json`` — one row per benchmark group (and per extra
parameter such as ``measure``), the minimum time of each library, and each peer's time divided
by impactgraph's (higher is better for us).

Where a peer ran on a sample because the whole graph would take minutes (networkx betweenness on
k sources, closeness/clustering on a node sample, structural holes per node), the benchmark
records how to scale it in ``extra_info`` and the cell shows the whole-graph estimate, marked
``≈``: ``networkx_full_s_estimate`` (seconds), ``sources`` (time per source times impactgraph's
source count) or ``per_node`` (time per node times impactgraph's node count).

Benchmarks that record the quality of their result (``modularity``, and ``nmi`` against a ground
truth, in ``extra_info``: the community benches) get a second table with quality and time side by
side, one row per measure and dataset, one column per library (leidenalg included).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict

ORDER = ["impactgraph", "networkx", "igraph", "networkit", "rustworkx"]


def _estimate(b: dict, base: dict | None) -> tuple[float, bool]:
    """(seconds for the whole job, whether it is an estimate from a sample)."""
    t = b["stats"]["min"]
    info = b.get("extra_info", {})
    if "networkx_full_s_estimate" in info:
        return float(info["networkx_full_s_estimate"]) * t / b["stats"]["mean"], True
    if base is not None:
        binfo = base.get("extra_info", {})
        if "sources" in info and "sources" in binfo and info["sources"] != binfo["sources"]:
            return t / info["sources"] * binfo["sources"], True
        if "per_node" in info and "per_node" in binfo:
            n = base["stats"]["min"] / binfo["per_node"]
            estimated = abs(info["per_node"] * n - t) > 1e-9 * t
            return info["per_node"] * n, estimated
    return t, False


def main(path: str) -> None:
    data = json.load(open(path))
    rows: dict[str, dict[str, dict]] = defaultdict(dict)
    for b in data["benchmarks"]:
        if b["group"].startswith("nx dispatch"):
            continue
        params = dict(b.get("params") or {})
        backend = params.pop("backend", "impactgraph")
        key = b["group"] + "".join(f" [{v}]" for v in params.values())
        rows[key][backend.replace("-sample", "")] = b
    info = data.get("machine_info", {})
    print(f"Machine: {info.get('cpu', {}).get('brand_raw', '?')}, {info.get('cpu', {}).get('count', '?')} cores; "
          f"{data.get('datetime', '')[:10]}")
    print()
    print("| kernel | " + " | ".join(ORDER) + " |")
    print("|---" * (len(ORDER) + 1) + "|")
    for key, row in rows.items():
        base = row.get("impactgraph")
        base_t = base["stats"]["min"] if base else None
        cells = []
        for lib in ORDER:
            b = row.get(lib)
            if b is None:
                cells.append("—")
                continue
            t, est = _estimate(b, base) if lib != "impactgraph" else (b["stats"]["min"], False)
            mark = "≈" if est else ""
            shown = f"{mark}{t:.2f} s" if t >= 1 else f"{mark}{t * 1e3:.1f} ms"
            if lib == "impactgraph" or base_t is None:
                cells.append(shown)
            else:
                cells.append(f"{shown} ({t / base_t:.1f}×)")
        print(f"| {key} | " + " | ".join(cells) + " |")
    quality_table(data)
    dispatch_table(data)


def _t(t: float | None) -> str:
    if t is None:
        return "—"
    return f"{t:.2f} s" if t >= 1 else f"{t * 1e3:.1f} ms"


def dispatch_table(data: dict) -> None:
    """networkx dispatch (benches/bench_nx.py): plain networkx vs the impactgraph backend with
    and without the conversion of the networkx graph, per function and dataset."""
    rows: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    conv: dict[str, float] = {}
    for b in data["benchmarks"]:
        if not b["group"].startswith("nx dispatch"):
            continue
        p = b.get("params") or {}
        if p.get("name") == "convert":
            conv[p["dataset"]] = b["stats"]["min"]
            continue
        rows[(p["name"], p["dataset"])][p["backend"]] = b["stats"]["min"]
    if not rows:
        return
    print()
    print("networkx dispatch: `nx.<fn>(G, backend=\"impactgraph\")` on a networkx graph, with the conversion")
    print("(first call) and with the converted graph cached (later calls); speed-up over plain networkx.")
    print(" ".join(f"Conversion alone ({d}): {_t(t)}." for d, t in sorted(conv.items())))
    print()
    print("| function (dataset) | networkx | impactgraph incl. conversion | impactgraph cached |")
    print("|---|---|---|---|")
    for (name, ds), r in rows.items():
        base = r.get("networkx")
        cells = [_t(base)]
        for k in ("impactgraph", "impactgraph-cached"):
            t = r.get(k)
            x = base / t if (t and base) else None
            cells.append(_t(t) + ("" if x is None else f" ({x:.1f}×)" if x < 10 else f" ({x:.0f}×)"))
        print(f"| {name} ({ds}) | " + " | ".join(cells) + " |")


QUALITY_ORDER = ["impactgraph", "networkx", "igraph", "networkit", "leidenalg"]


def quality_table(data: dict) -> None:
    """Modularity / NMI / seconds of every benchmark that records a ``modularity``."""
    rows: dict[str, dict[str, dict]] = defaultdict(dict)
    for b in data["benchmarks"]:
        info = b.get("extra_info", {})
        if "modularity" not in info:
            continue
        params = dict(b.get("params") or {})
        backend = params.pop("backend", "impactgraph")
        key = b["group"] + "".join(f" [{v}]" for v in params.values())
        rows[key][backend] = b
    if not rows:
        return
    libs = [lib for lib in QUALITY_ORDER if any(lib in row for row in rows.values())]
    print()
    print("Quality and speed: modularity Q (igraph's evaluator, resolution 1), NMI against the ground")
    print("truth where there is one, communities found, and the minimum time.")
    print()
    print("| measure [dataset] | " + " | ".join(libs) + " |")
    print("|---" * (len(libs) + 1) + "|")
    for key, row in rows.items():
        cells = []
        for lib in libs:
            b = row.get(lib)
            if b is None:
                cells.append("—")
                continue
            info = b["extra_info"]
            t = b["stats"]["min"]
            parts = [f"Q {info['modularity']:.4f}"]
            if "nmi" in info:
                parts.append(f"NMI {info['nmi']:.3f}")
            if "communities" in info:
                parts.append(f"k {info['communities']}")
            parts.append(f"{t:.2f} s" if t >= 1 else f"{t * 1e3:.1f} ms")
            cells.append(", ".join(parts))
        print(f"| {key} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
