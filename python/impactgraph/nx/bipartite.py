"""networkx adapters: bipartite (networkx's signatures and result types over impactgraph.bipartite)."""

from __future__ import annotations

from ._registry import networkx_algorithm  # noqa: F401
