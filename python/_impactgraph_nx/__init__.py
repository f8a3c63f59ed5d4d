"""networkx's ``networkx.backend_info`` entry point for impactgraph.

networkx calls :func:`get_info` when it is imported, to document the backend in its docstrings
and to set up ``nx.config.backends.impactgraph``. This module must stay cheap: it does not import
impactgraph (nor its compiled core). ``tests/nx_backend/test_match_api.py`` checks that the list
below is exactly the set of functions the backend implements.
"""

from __future__ import annotations

from typing import Any

__all__ = ["get_info"]

_SEED = (
    "``seed`` is turned into a 64-bit integer once (from networkx's ``random.Random``); the same "
    "seed gives the same result on any number of threads, but not networkx's result."
)
_THREADS = "Runs in parallel on ``nx.config.backends.impactgraph.threads`` threads (default: all)."

# name -> (note, {extra parameter: description}); one section per family.
_FUNCTIONS: dict[str, tuple[str, dict[str, str]]] = {}

# ---- section: centrality (spectral, cores, clustering) ----
_FUNCTIONS["pagerank"] = (
    "networkx's power iteration (pull over the in-arcs, bit-identical for any thread count); "
    "multigraphs as the sum of parallel edges. Negative weights, alpha outside [0, 1] and negative "
    "vector entries run networkx.",
    {},
)
_FUNCTIONS["hits"] = (
    "Power iteration for the leading singular vectors (networkx uses ARPACK): the same result where "
    "the top singular value is simple; max_iter gives min(n, 20) sweeps per ARPACK restart; if that "
    "does not converge, networkx runs instead.",
    {},
)
_FUNCTIONS["eigenvector_centrality"] = ("networkx's power iteration on A + I, bit-identical for any thread count.", {})
_FUNCTIONS["katz_centrality"] = ("networkx's power iteration, bit-identical for any thread count.", {})
_FUNCTIONS["eigenvector_centrality_numpy"] = (
    "Power iteration on A + I to ~1e-15 (networkx: ARPACK) with max_iter * min(n, 20) sweeps; if that does "
    "not converge, or with negative weights, networkx runs instead.",
    {},
)
_FUNCTIONS["katz_centrality_numpy"] = (
    "The Katz iteration to ~1e-13 relative instead of a dense solve (O(m) memory, not O(n^2)); where it "
    "diverges (alpha >= 1 / lambda_max) networkx's solve runs instead.",
    {},
)
_FUNCTIONS["core_number"] = ("Parallel level-synchronous peeling (sequential bucket algorithm on small graphs).", {})
_FUNCTIONS["k_core"] = ("Core numbers in impactgraph, then networkx's subgraph copy (all attributes kept).", {})
_FUNCTIONS["k_shell"] = ("Core numbers in impactgraph, then networkx's subgraph copy (all attributes kept).", {})
_FUNCTIONS["k_crust"] = ("Core numbers in impactgraph, then networkx's subgraph copy (all attributes kept).", {})
_FUNCTIONS["k_corona"] = ("Core numbers and corona counts in impactgraph, then networkx's subgraph copy.", {})
_FUNCTIONS["triangles"] = ("Oriented triangle enumeration, O(m sqrt(m)), exact integers.", {})
_FUNCTIONS["clustering"] = ("Triangle enumeration (unweighted, exact) or per-node weighted sums; directed too.", {})
_FUNCTIONS["average_clustering"] = ("clustering in impactgraph, averaged in node order as networkx does.", {})
_FUNCTIONS["transitivity"] = ("Triangle counts and triads summed as exact integers, then one division.", {})
# ---- end section: centrality (spectral, cores, clustering) ----

# ---- section: centrality (paths, structural holes) ----
_SAMPLE = (
    "With ``k``, the sources are networkx's own draw, ``seed.sample(list(G), k)``, so the "
    "estimate equals networkx's; Brandes' passes from them run in parallel."
)
_FUNCTIONS["betweenness_centrality"] = ("Brandes' algorithm (direction-optimising BFS or Dijkstra). " + _SAMPLE, {})
_FUNCTIONS["edge_betweenness_centrality"] = ("Brandes' algorithm with edge accumulation. " + _SAMPLE, {})
_FUNCTIONS["betweenness_centrality_subset"] = (
    "Brandes' algorithm from the sources, counting paths that end at the targets.",
    {},
)
_FUNCTIONS["closeness_centrality"] = (
    "Bit-parallel multi-source BFS (Dijkstra with ``distance``); with ``u``, one traversal.",
    {},
)
_FUNCTIONS["harmonic_centrality"] = (
    "Bit-parallel multi-source BFS (Dijkstra with ``distance``); with ``nbunch``/``sources``, one "
    "traversal per node of ``nbunch``.",
    {},
)
_FUNCTIONS["constraint"] = ("Burt's constraint per node with a marker array over its neighbours.", {})
_FUNCTIONS["effective_size"] = (
    "Burt's effective size per node. With ``nodes=None`` on directed or weighted graphs networkx "
    "runs instead: its default path there disagrees with its own ``nodes=`` path (networkx PR #8906).",
    {},
)
# ---- end section: centrality (paths, structural holes) ----

# ---- section: community ----
_FUNCTIONS["modularity"] = ("One parallel pass over the arcs; directed graphs use the directed (Leicht-Newman) form.", {})
_FUNCTIONS["label_propagation_communities"] = (
    "Semi-synchronous label propagation with networkx's colouring and tie rules: networkx's exact result, "
    "each colour class updated in parallel.",
    {},
)
_FUNCTIONS["asyn_lpa_communities"] = ("Asynchronous label propagation with networkx's rules. " + _SEED, {})
_FUNCTIONS["fast_label_propagation_communities"] = (
    "Fast label propagation (a queue of the nodes whose neighbourhood changed) with networkx's rules. " + _SEED,
    {},
)
_FUNCTIONS["louvain_communities"] = (
    "Louvain with deterministic parallel batches of moves; ``threshold`` and ``max_level`` as networkx. " + _SEED,
    {},
)
_FUNCTIONS["louvain_partitions"] = ("Every level of :func:`louvain_communities`, finest first. " + _SEED, {})
_FUNCTIONS["leiden_communities"] = (
    "Leiden (local moving, refinement, aggregation), one multilevel pass as networkx defines it. " + _SEED,
    {"n_iterations": "int, default 1: repeat the multilevel pass from the previous partition; -1: until stable."},
)
_FUNCTIONS["leiden_partitions"] = (
    "Every level of :func:`leiden_communities`, finest first. " + _SEED,
    {"n_iterations": "int, default 1: as in leiden_communities (the levels of the last pass)."},
)
# ---- end section: community ----

# ---- section: structure (components, degree) ----
_FUNCTIONS["degree_centrality"] = ("Degrees from the CSR offsets.", {})
_FUNCTIONS["in_degree_centrality"] = ("In-degrees from the CSR offsets of the in-adjacency.", {})
_FUNCTIONS["out_degree_centrality"] = ("Out-degrees from the CSR offsets.", {})
_FUNCTIONS["connected_components"] = ("Afforest parallel union-find; components in networkx's order (by first node).", {})
_FUNCTIONS["number_connected_components"] = ("Afforest parallel union-find.", {})
_FUNCTIONS["is_connected"] = ("Afforest parallel union-find.", {})
_FUNCTIONS["node_connected_component"] = ("Afforest parallel union-find over the whole graph.", {})
_FUNCTIONS["weakly_connected_components"] = ("Afforest over the arcs in both directions; networkx's order.", {})
_FUNCTIONS["number_weakly_connected_components"] = ("Afforest over the arcs in both directions.", {})
_FUNCTIONS["is_weakly_connected"] = ("Afforest over the arcs in both directions.", {})
_FUNCTIONS["strongly_connected_components"] = (
    "Parallel trimming and forward-backward search, then iterative Tarjan; components ordered by first node "
    "(networkx yields them in Tarjan's order).",
    {},
)
_FUNCTIONS["number_strongly_connected_components"] = ("Parallel trimming, forward-backward search, Tarjan.", {})
_FUNCTIONS["is_strongly_connected"] = ("Parallel trimming, forward-backward search, Tarjan.", {})
# ---- end section: structure (components, degree) ----

# ---- section: bipartite ----
_PROJ = "The projection is computed in Rust (sparse A·A row by row, no dense matrix); "
_FUNCTIONS["projected_graph"] = (_PROJ + "``multigraph=True`` keys each edge by the shared neighbour.", {})
_FUNCTIONS["weighted_projected_graph"] = (_PROJ + "``int`` counts, or ``float`` ratios.", {})
_FUNCTIONS["collaboration_weighted_projected_graph"] = (_PROJ + "Newman's weights.", {})
_FUNCTIONS["overlap_weighted_projected_graph"] = (_PROJ + "Jaccard or overlap weights.", {})
_FUNCTIONS["generic_weighted_projected_graph"] = (
    _PROJ + "the default weight (shared neighbours); a ``weight_function`` runs in networkx.",
    {},
)
# ---- end section: bipartite ----


def get_info() -> dict[str, Any]:
    """The backend's metadata for networkx: name, project, summary, default configuration and,
    per implemented function, a note appended to networkx's docstring."""
    return {
        "backend_name": "impactgraph",
        "project": "impactgraph",
        "package": "impactgraph",
        "url": "https://github.com/impactgraph/impactgraph",
        "short_summary": "Parallel Rust kernels (CSR, u32 ids, rayon) for networkx graphs.",
        "default_config": {
            "threads": None,
            "min_size": 200,
        },
        "functions": {
            name: {
                "additional_docs": note + " " + _THREADS,
                **({"additional_parameters": dict(extra)} if extra else {}),
            }
            for name, (note, extra) in sorted(_FUNCTIONS.items())
        },
    }
