"""Loaders of the ground-truth graphs of the community tests (networkx graphs, from the shared
data folder; see each folder's SOURCE.md)."""

from __future__ import annotations

import gzip
from pathlib import Path

import networkx as nx
import numpy as np

#: Best known modularity (exact optima in the literature; data README / SOURCE.md).
BEST_KNOWN = {
    "karate": 0.4198,
    "dolphins": 0.5285,
    "polbooks": 0.5272,
    "football": 0.6046,
    "lesmis": 0.5600,
}


def _lines(path: Path) -> list[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [ln.split() for ln in f if ln.strip() and not ln.startswith(("#", "u\tv", "u v"))]


def karate(data: Path) -> nx.Graph:
    """Zachary's karate club with its interaction weights (networkx's karate_club_graph)."""
    G = nx.Graph()
    G.add_nodes_from(range(34))
    for u, v, w in _lines(data / "karate_club" / "karate_weighted.edgelist.gz"):
        G.add_edge(int(u), int(v), weight=float(w))
    return G


def dolphins(data: Path) -> tuple[nx.Graph, np.ndarray]:
    """Lusseau's dolphins and the two groups (ground truth)."""
    G = nx.Graph()
    G.add_nodes_from(range(62))
    G.add_edges_from((int(u), int(v)) for u, v in _lines(data / "dolphins" / "dolphins.edges.gz"))
    gt = np.zeros(62, dtype=np.int64)
    for u, c in _lines(data / "dolphins" / "dolphins.clusters.gz"):
        gt[int(u)] = int(c)
    return G, gt


def _gml(path: Path) -> tuple[nx.Graph, np.ndarray]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        H = nx.parse_gml(f.read(), label="id")
    H = nx.convert_node_labels_to_integers(H, ordering="sorted", label_attribute="orig")
    G = nx.Graph()
    G.add_nodes_from(range(H.number_of_nodes()))
    G.add_edges_from(H.edges())
    values = [H.nodes[v]["value"] for v in range(H.number_of_nodes())]
    _, gt = np.unique(np.asarray(values, dtype=str), return_inverse=True)
    return G, gt


def polbooks(data: Path) -> tuple[nx.Graph, np.ndarray]:
    """Krebs' political books and their leaning (l/n/c)."""
    return _gml(data / "polbooks" / "polbooks.gml.gz")


def football(data: Path) -> tuple[nx.Graph, np.ndarray]:
    """Division I-A college football 2000 and the conferences (ground truth, with known errors)."""
    return _gml(data / "football" / "football.gml.gz")


def lesmis(data: Path) -> nx.Graph:
    """Les Misérables co-appearances, weighted (networkx's les_miserables_graph)."""
    G = nx.Graph()
    for u, v, w in _lines(data / "les_miserables" / "lesmis_weighted.tsv.gz"):
        G.add_edge(u, v, weight=float(w))
    return G


def email_eu_core(data: Path) -> tuple[nx.Graph, np.ndarray]:
    """email-Eu-core as an undirected simple graph without self-loops, and the departments."""
    G = nx.Graph()
    G.add_nodes_from(range(1005))
    G.add_edges_from(
        (int(u), int(v)) for u, v in _lines(data / "email_eu_core" / "email-Eu-core.txt.gz") if u != v
    )
    gt = np.zeros(1005, dtype=np.int64)
    for u, c in _lines(data / "email_eu_core" / "email-Eu-core-department-labels.txt.gz"):
        gt[int(u)] = int(c)
    return G, gt
