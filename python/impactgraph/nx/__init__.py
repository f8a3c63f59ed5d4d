"""impactgraph as a networkx backend.

Installed with impactgraph (entry points ``networkx.backends`` and ``networkx.backend_info``),
so that::

    nx.pagerank(G, backend="impactgraph")          # one call
    nx.config.backend_priority = ["impactgraph"]     # every supported call
    NETWORKX_BACKEND_PRIORITY=impactgraph python ...  # the same, from the environment

run impactgraph's parallel Rust kernels on networkx graphs, with networkx's signatures and result
types. Passing an :class:`impactgraph.Graph` to a networkx function dispatches here without
conversion. The adapters in this package call impactgraph's native API, never the reverse.
"""

from __future__ import annotations

from .interface import BackendInterface, backend_interface, implemented

__all__ = ["BackendInterface", "backend_interface", "implemented"]
