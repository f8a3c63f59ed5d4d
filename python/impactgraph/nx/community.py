"""networkx adapters: community (networkx's signatures and result types over
impactgraph.community)."""

from __future__ import annotations

from ._registry import networkx_algorithm  # noqa: F401
