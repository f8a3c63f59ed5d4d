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
# ---- end section: centrality (spectral, cores, clustering) ----

# ---- section: centrality (paths, structural holes) ----
# ---- end section: centrality (paths, structural holes) ----

# ---- section: community ----
# ---- end section: community ----

# ---- section: structure (components, degree) ----
_FUNCTIONS["degree_centrality"] = ("Degrees from the CSR offsets.", {})
_FUNCTIONS["in_degree_centrality"] = ("In-degrees from the CSR offsets of the in-adjacency.", {})
_FUNCTIONS["out_degree_centrality"] = ("Out-degrees from the CSR offsets.", {})
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
