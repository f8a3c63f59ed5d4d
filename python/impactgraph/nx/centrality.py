"""networkx adapters: centrality (networkx's signatures and result types over
impactgraph.centrality): link analysis and spectral measures, cores, clustering, shortest-path
centralities and structural holes."""

from __future__ import annotations

from typing import Any  # noqa: F401

import networkx as nx  # noqa: F401

from .. import centrality as _c  # noqa: F401
from ._registry import networkx_algorithm  # noqa: F401
from .convert import node_dict, node_list, source_graph, threads  # noqa: F401

# ---- section: spectral, cores, clustering ----
# ---- end section: spectral, cores, clustering ----


# ---- section: paths, structural holes ----
# ---- end section: paths, structural holes ----
