"""Sample analysis summaries for the report tests.

:func:`full_summary` is a hand-written multi-level summary with realistic values and every key
of the contract (``/work/prompts/ml_summary.md``), including a per-level diffusion curve and
health over time. :func:`karate_summary` is computed here from Zachary's karate club with
impactgraph's own kernels (degree, k-cores, Leiden, weaver roles, PageRank, betweenness,
independent cascade, health of growing snapshots), so the report is rendered from real output.
"""

from __future__ import annotations

import math
from typing import Any

LEVELS = ["member", "organization", "local_network", "meta_network"]


def full_summary() -> dict[str, Any]:
    """A complete multi-level summary with realistic values (hand-written)."""
    deg = {
        "member": ([0, 1, 2, 3, 4, 5, 6, 8, 10, 13, 17, 24, 35, 52, 80],
                   [120, 30210, 21877, 14002, 9011, 6120, 4200, 2300, 1250, 640, 280, 120, 41, 9, 2]),
        "organization": ([1, 2, 3, 4, 6, 9, 14, 22, 40], [410, 690, 602, 480, 390, 240, 120, 54, 14]),
        "local_network": ([2, 3, 4, 5, 7, 9, 12], [8, 21, 37, 40, 25, 14, 5]),
        "meta_network": ([1, 2, 3], [2, 4, 2]),
    }
    cores = {
        "member": ([0, 1, 2, 3, 4, 5, 6, 7], [120, 41210, 30022, 17050, 7420, 2910, 1100, 168]),
        "organization": ([1, 2, 3, 4, 5], [1100, 980, 620, 240, 60]),
        "local_network": ([1, 2, 3, 4], [20, 55, 52, 23]),
        "meta_network": ([1, 2], [3, 5]),
    }
    steps = list(range(11))
    member = [10.0, 48.3, 201.7, 690.2, 1720.4, 2950.8, 3710.1, 4020.6, 4111.3, 4130.9, 4134.0]
    org = [5.0, 22.1, 80.4, 210.3, 390.2, 520.6, 575.0, 590.2, 594.8, 596.1, 596.3]
    local = [0.0, 1.2, 6.3, 18.4, 33.0, 41.7, 44.9, 45.6, 45.8, 45.8, 45.8]
    meta = [0.0, 0.0, 0.4, 1.3, 2.6, 3.4, 3.7, 3.8, 3.8, 3.8, 3.8]
    total = [a + b + c + d for a, b, c, d in zip(member, org, local, meta)]
    times = ["2019", "2020", "2021", "2022", "2023", "2024"]
    sizes = [max(2, int(14200 * (i + 1) ** -1.3)) for i in range(400)]
    return {
        "title": "impactgraph analysis: synthetic impact network",
        "generated_by": "impactgraph 0.3.0",
        "created": "2026-12-07T04:00:00Z",
        "seed": 42,
        "network": {
            "kind": "multilevel", "name": "synthetic impact network", "nodes": 103158, "edges": 612004,
            "directed": False,
            "levels": [
                {"level": "member", "nodes": 100000, "ties": 402117, "memberships_up": 187420},
                {"level": "organization", "nodes": 3000, "ties": 11872, "memberships_up": 5410},
                {"level": "local_network", "nodes": 150, "ties": 421, "memberships_up": 301},
                {"level": "meta_network", "nodes": 8, "ties": 9, "memberships_up": 0},
            ],
        },
        "timings": {"load": 0.412, "health": 2.31, "pagerank": 0.052, "betweenness": 1.207, "leiden": 0.884,
                    "roles": 0.133, "diffusion": 0.761, "health_over_time": 5.02, "report": 0.04},
        "health": [
            {"level": lev, "nodes": n, "edges": m, "density": 2 * m / (n * (n - 1)), "components": c,
             "giant_component_share": g, "average_clustering": cl, "transitivity": tr, "reciprocity": None,
             "degree_centralization": dc, "degree_gini": dg, "max_core": k, "top_core_share": tc,
             "communities": nc, "modularity": q, "ei_index": ei}
            for lev, n, m, c, g, cl, tr, dc, dg, k, tc, nc, q, ei in [
                ("member", 100000, 402117, 121, 0.9981, 0.1834, 0.0912, 0.000712, 0.4731, 7, 0.00168, 412,
                 0.7312, -0.4122),
                ("organization", 3000, 11872, 3, 0.9987, 0.2611, 0.1988, 0.01043, 0.3812, 5, 0.02, 31, 0.5841,
                 -0.2077),
                ("local_network", 150, 421, 1, 1.0, 0.3107, 0.2854, 0.0512, 0.2291, 4, 0.1533, 9, 0.4122, None),
                ("meta_network", 8, 9, 1, 1.0, 0.4167, 0.375, 0.1905, 0.1528, 2, 0.625, 2, 0.1852, None),
                ("all", 103158, 612004, 1, 1.0, 0.1502, 0.0721, 0.00091, 0.4911, 9, 0.0012, 380, 0.7502, None),
            ]
        ],
        "degree_distribution": [{"level": k, "degree": d, "count": c} for k, (d, c) in deg.items()],
        "core_periphery": [{"level": k, "core": d, "count": c} for k, (d, c) in cores.items()],
        "communities": {"level": "member", "count": 412, "modularity": 0.7312, "sizes": sizes},
        "roles": {"level": "member", "counts": {
            "ultra-peripheral": 41022, "peripheral": 50310, "connector": 7011, "kinless": 120,
            "provincial hub": 1107, "connector hub": 410, "kinless hub": 20, "broker": 9870}},
        "top_nodes": [
            {"node": f"m{i:05d}", "level": "member" if i % 4 else "organization", "degree": 80 - 3 * i,
             "pagerank": 0.0021 / (1 + 0.2 * i), "betweenness": 0.031 / (1 + 0.5 * i), "core": 7 - i // 4,
             "community": i % 7, "role": "connector hub" if i < 3 else "provincial hub", "bridging": i % 3 == 0}
            for i in range(20)
        ],
        "bridging": {"level": "member", "count": 5211, "top": [
            {"node": f"m{i:05d}", "groups": 9 - i // 3, "pairs": 36 - 2 * i, "sole_pairs": max(0, 12 - i)}
            for i in range(10)
        ]},
        "diffusion": {"model": "independent cascade", "p": 0.05, "q": 0.1, "n_sims": 200,
                      "seeds": [f"m{i:05d}" for i in range(15)], "steps": steps, "mean_adopted": total,
                      "by_level": {"member": member, "organization": org, "local_network": local,
                                   "meta_network": meta}},
        "health_over_time": {"time": times, "metrics": {
            "nodes": {"member": [31000, 45200, 60010, 72300, 88100, 100000],
                      "all": [32100, 46700, 61900, 74500, 90800, 103158]},
            "giant_component_share": {"member": [0.81, 0.88, 0.93, 0.96, 0.985, 0.9981],
                                      "all": [0.86, 0.92, 0.95, 0.975, 0.99, 1.0]},
            "modularity": {"member": [0.812, 0.791, 0.772, 0.751, 0.740, 0.7312],
                           "all": [0.83, 0.81, 0.79, 0.77, 0.76, 0.7502]},
            "degree_gini": {"member": [0.401, 0.422, 0.441, 0.455, 0.466, 0.4731],
                            "all": [0.42, 0.44, 0.46, 0.475, 0.485, 0.4911]},
        }},
        "files": ["nodes.parquet", "nodes.csv", "communities.csv", "health.json", "summary.json", "report.html"],
    }


def _clean(x: float) -> float | None:
    x = float(x)
    return x if math.isfinite(x) else None


def karate_summary() -> dict[str, Any]:
    """A summary of Zachary's karate club computed with impactgraph (one level, ``"member"``)."""
    import networkx as nx
    import numpy as np

    import impactgraph as ig
    from impactgraph import centrality, community, diffusion, health, roles

    K = nx.karate_club_graph()
    src, dst = zip(*K.edges())
    labels = [f"member {i}" for i in range(K.number_of_nodes())]
    G = ig.Graph.from_edges(np.array(src), np.array(dst), num_nodes=len(labels), labels=labels)
    n, m = G.num_nodes, G.num_edges
    deg = ig.degree(G)
    d, dc = np.unique(deg, return_counts=True)
    core = centrality.core_number(G)
    k, kc = np.unique(core, return_counts=True)
    part = community.leiden_communities(G, seed=7)
    memb = np.asarray(part.membership)
    sizes = sorted(np.bincount(memb).tolist(), reverse=True)
    r = roles.weaver_roles(G, memb)
    counts = dict(r.counts)
    counts["broker"] = int(r.broker.sum())
    pr = centrality.pagerank(G)
    bc = centrality.betweenness_centrality(G)
    order = np.argsort(-pr, kind="stable")[:20]
    names = r.role_name
    top = [{"node": labels[i], "level": "member", "degree": int(deg[i]), "pagerank": float(pr[i]),
            "betweenness": float(bc[i]), "core": int(core[i]), "community": int(memb[i]), "role": str(names[i]),
            "bridging": bool(r.broker[i])} for i in order]
    seeds = [labels[i] for i in order[:3]]
    cas = diffusion.independent_cascade(G, seeds, p=0.1, n_sims=200, seed=3)
    curve = np.cumsum(cas.curve).tolist()
    h = health.health(G, seed=7).as_dict()
    h = {key: (_clean(v) if isinstance(v, float) else v) for key, v in h.items()}
    # health of growing snapshots: the ties in edge order, a quarter more at each "time"
    times: list[str] = []
    hot: dict[str, dict[str, list[Any]]] = {"nodes": {"member": []}, "giant_component_share": {"member": []},
                      "modularity": {"member": []}, "degree_gini": {"member": []}}
    for q in range(1, 5):
        cut = q * m // 4
        S = ig.Graph.from_edges(np.array(src[:cut]), np.array(dst[:cut]), num_nodes=n, labels=labels)
        hs = health.health(S, seed=7).as_dict()
        times.append(f"T{q}")
        hot["nodes"]["member"].append(int(np.count_nonzero(ig.degree(S))))
        for key in ("giant_component_share", "modularity", "degree_gini"):
            hot[key]["member"].append(_clean(hs[key]))
    return {
        "title": "impactgraph analysis: Zachary's karate club",
        "generated_by": f"impactgraph {ig.__version__}", "created": "2026-12-07T04:00:00Z", "seed": 7,
        "network": {"kind": "graph", "name": "karate club", "nodes": n, "edges": m, "directed": False,
                    "levels": [{"level": "member", "nodes": n, "ties": m, "memberships_up": 0}]},
        "timings": {"load": 0.001, "health": 0.01},
        "health": [dict(level="member", **{key: v for key, v in h.items() if key != "level"})],
        "degree_distribution": [{"level": "member", "degree": d.tolist(), "count": dc.tolist()}],
        "core_periphery": [{"level": "member", "core": k.tolist(), "count": kc.tolist()}],
        "communities": {"level": "member", "count": len(sizes), "modularity": float(part.modularity),
                        "sizes": sizes},
        "roles": {"level": "member", "counts": counts},
        "top_nodes": top,
        "bridging": None,
        "diffusion": {"model": "independent cascade", "p": 0.1, "q": None, "n_sims": 200, "seeds": seeds,
                      "steps": list(range(len(curve))), "mean_adopted": curve},
        "health_over_time": {"time": times, "metrics": hot},
        "files": ["report.html"],
    }
