"""networkx adapters: centrality (networkx's signatures and result types over impactgraph.centrality)."""

from __future__ import annotations

from ._registry import networkx_algorithm  # noqa: F401
