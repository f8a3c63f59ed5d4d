"""Test helpers shipped with impactgraph: a corpus of small graphs with known answers and
hypothesis strategies for random graphs (``hypothesis`` and ``networkx`` are needed only when
these helpers are used)."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["corpus", "random_networkx_graphs", "networkx_graphs"]


def corpus() -> dict[str, Any]:
    """A fixed corpus of networkx graphs used as the oracle set in the tests.

    Karate club, Les Misérables (weighted), Florentine families, Davis Southern Women, seeded
    G(n, p) graphs (directed and undirected, weighted and not), a disconnected graph with
    isolates and self-loops, a directed graph with dangling nodes, a single node and the empty
    graph.
    """
    import networkx as nx

    out: dict[str, Any] = {
        "karate": nx.karate_club_graph(),
        "les_miserables": nx.les_miserables_graph(),
        "florentine": nx.florentine_families_graph(),
        "davis": nx.davis_southern_women_graph(),
        "gnp_undirected": nx.gnp_random_graph(60, 0.08, seed=1),
        "gnp_directed": nx.gnp_random_graph(60, 0.06, seed=2, directed=True),
    }
    rng = np.random.default_rng(3)
    W = nx.gnp_random_graph(50, 0.1, seed=3)
    for u, v in W.edges():
        W[u][v]["weight"] = float(rng.uniform(0.1, 5.0))
    out["gnp_weighted"] = W
    D = nx.gnp_random_graph(50, 0.07, seed=4, directed=True)
    for u, v in D.edges():
        D[u][v]["weight"] = float(rng.uniform(0.1, 5.0))
    out["gnp_directed_weighted"] = D
    X = nx.Graph()
    X.add_nodes_from(range(12))
    X.add_edges_from([(0, 1), (1, 2), (2, 0), (3, 4), (5, 5), (6, 7), (7, 8), (8, 6), (8, 9)])
    out["disconnected_loops_isolates"] = X
    Y = nx.DiGraph()
    Y.add_nodes_from(range(8))
    Y.add_edges_from([(0, 1), (1, 2), (2, 0), (2, 3), (4, 4), (5, 6)])
    out["directed_dangling"] = Y
    S = nx.Graph()
    S.add_node("only")
    out["single_node"] = S
    out["empty"] = nx.Graph()
    return out


def random_networkx_graphs(
    max_nodes: int = 30, *, directed: bool | None = None, weighted: bool | None = None, self_loops: bool = True
) -> Any:
    """A hypothesis strategy of small networkx graphs (isolates and several components included)."""
    import networkx as nx
    from hypothesis import strategies as st

    @st.composite
    def build(draw: Any) -> Any:
        n = draw(st.integers(min_value=0, max_value=max_nodes))
        is_dir = draw(st.booleans()) if directed is None else directed
        is_w = draw(st.booleans()) if weighted is None else weighted
        G = nx.DiGraph() if is_dir else nx.Graph()
        G.add_nodes_from(range(n))
        if n:
            pairs = draw(
                st.lists(
                    st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                    max_size=min(4 * n, 120),
                )
            )
            for u, v in pairs:
                if u == v and not self_loops:
                    continue
                if is_w:
                    G.add_edge(u, v, weight=draw(st.floats(min_value=0.1, max_value=10.0)))
                else:
                    G.add_edge(u, v)
        return G

    return build()


networkx_graphs = random_networkx_graphs
