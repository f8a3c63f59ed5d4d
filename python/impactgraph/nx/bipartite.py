"""networkx adapters: bipartite projections (networkx's signatures and result types)."""

from __future__ import annotations

from ._registry import networkx_algorithm  # noqa: F401
