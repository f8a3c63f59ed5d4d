"""impactgraph: fast, trustworthy analytics for very large multi-level member networks.

A parallel Rust core (CSR graphs with u32 ids, rayon) behind a thin Python API. Results are
numpy arrays indexed by node id; :func:`as_dict` gives ``{label: value}``. networkx is the
correctness oracle for everything it can also compute.

>>> import impactgraph as ig
>>> G = ig.Graph.from_edges([0, 1, 2], [1, 2, 0])
>>> G.num_nodes, G.num_edges
(3, 3)
"""

from __future__ import annotations

from . import analyze, bipartite, centrality, community, diffusion, distributed, errors, generators, health, io, multilevel, roles, structure
from ._core import __version__
from .centrality import *  # noqa: F403
from .errors import *  # noqa: F403
from .generators import *  # noqa: F403
from .graph import Graph, as_dict
from .io import *  # noqa: F403
from .structure import *  # noqa: F403

__all__ = (
    [
        "Graph", "as_dict", "__version__", "analyze", "bipartite", "centrality", "community", "diffusion", "distributed", "errors",
        "generators", "health", "io", "multilevel", "roles", "structure",
    ]
    + errors.__all__
    + io.__all__
    + generators.__all__
    + structure.__all__
    + centrality.__all__
)
