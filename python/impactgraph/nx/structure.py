"""networkx adapters: structure (degree centralities, components), over impactgraph.structure."""

from __future__ import annotations

from typing import Any

from .. import structure as _st
from ._registry import networkx_algorithm
from .convert import node_dict, node_list, threads

# ---- section: degree ----


@networkx_algorithm
def degree_centrality(G: Any) -> dict:
    if len(G) <= 1:
        return {v: 1 for v in node_list(G)}
    return node_dict(G, _st.degree_centrality(G, threads=threads()))


@networkx_algorithm
def in_degree_centrality(G: Any) -> dict:
    if len(G) <= 1:
        return {v: 1 for v in node_list(G)}
    return node_dict(G, _st.in_degree_centrality(G, threads=threads()))


@networkx_algorithm
def out_degree_centrality(G: Any) -> dict:
    if len(G) <= 1:
        return {v: 1 for v in node_list(G)}
    return node_dict(G, _st.out_degree_centrality(G, threads=threads()))


# ---- end section: degree ----

# ---- section: components ----
# ---- end section: components ----
