"""The multi-level network model: building a :class:`~impactgraph.multilevel.MultiLevelNetwork`
from its three tables, the member projection through organizations (ours vs networkx's
``bipartite.weighted_projected_graph``), the rollup of member ties to organizations and the
bridging members.

The network: ``N`` members (default 10**5, ``IG_BENCH_ML_N``), ``N / 33`` organizations, ``N /
667`` local networks and 8 meta-networks; each member in 1 to 3 organizations (skewed sizes),
about 10 ties per member, 70 % of them to a member of one of its organizations; every tie and
membership has a year. ``impactgraph.generators.impact_network_tables`` is used when it exists.
networkx runs on a smaller network of ``IG_BENCH_ML_NX_N`` members (default 20 000), on which
ours runs too, for a like-for-like comparison.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

import impactgraph as ig
from impactgraph.multilevel import MultiLevelNetwork

N = int(os.environ.get("IG_BENCH_ML_N", 100_000))
NX_N = int(os.environ.get("IG_BENCH_ML_NX_N", 20_000))
SIZES = {"full": N, "nx": NX_N}

_cache: dict = {}


def random_tables(n_members: int, seed: int = 20261207):
    """(nodes, ties, memberships) pandas tables of a random multi-level network."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    no, nl, nm = max(2, n_members // 33), max(2, n_members // 667), 8
    labels = np.array(
        [f"m{i}" for i in range(n_members)] + [f"o{i}" for i in range(no)] + [f"l{i}" for i in range(nl)]
        + [f"t{i}" for i in range(nm)],
        dtype=object,
    )
    level = ["member"] * n_members + ["organization"] * no + ["local_network"] * nl + ["meta_network"] * nm
    nodes = pd.DataFrame({"node": labels, "level": level, "sector": rng.integers(0, 12, labels.size)})
    pop = 1.0 / (np.arange(no) + no / 10)
    pop /= pop.sum()
    k = rng.integers(1, 4, n_members)
    mm = np.repeat(np.arange(n_members), k)
    mg = rng.choice(no, size=mm.size, p=pop)
    pairs = np.unique(mm * no + mg)
    mm, mg = pairs // no, pairs % no
    om, og = np.arange(no), rng.integers(0, nl, no)
    lm, lg = np.arange(nl), rng.integers(0, nm, nl)
    mem = pd.DataFrame(
        {
            "member": labels[np.concatenate([mm, n_members + om, n_members + no + lm])],
            "group": labels[np.concatenate([n_members + mg, n_members + no + og, n_members + no + nl + lg])],
        }
    )
    mem["time"] = rng.integers(1990, 2025, len(mem))
    # ties: 70 % inside an organization of the source, 30 % uniform
    m = 10 * n_members // 2 * 2
    src = rng.integers(0, n_members, m)
    org_ptr = np.searchsorted(mg[np.argsort(mg, kind="stable")], np.arange(no + 1))
    by_org = mm[np.argsort(mg, kind="stable")]
    first_org = mg[np.searchsorted(mm, src)]
    size = org_ptr[first_org + 1] - org_ptr[first_org]
    local = org_ptr[first_org] + (rng.random(m) * size).astype(np.int64)
    dst = np.where(rng.random(m) < 0.7, by_org[local], rng.integers(0, n_members, m))
    a, b = np.minimum(src, dst), np.maximum(src, dst)
    key = np.unique((a * n_members + b)[a != b])
    ties = pd.DataFrame(
        {
            "source": labels[key // n_members],
            "target": labels[key % n_members],
            "weight": rng.integers(1, 5, key.size).astype(float),
            "time": rng.integers(1990, 2025, key.size),
        }
    )
    return nodes, ties, mem


def tables(size: str):
    if ("tables", size) not in _cache:
        n = SIZES[size]
        gen = getattr(ig.generators, "impact_network_tables", None)
        if gen is not None:
            _cache[("tables", size)] = gen(n_members=n, n_organizations=max(2, n // 33),
                                            n_local_networks=max(2, n // 667), seed=0)
        else:
            _cache[("tables", size)] = random_tables(n)
    return _cache[("tables", size)]


def network(size: str) -> MultiLevelNetwork:
    if ("net", size) not in _cache:
        _cache[("net", size)] = MultiLevelNetwork.from_tables(*tables(size))
    return _cache[("net", size)]


@pytest.mark.benchmark(group="multilevel_from_tables")
def test_from_tables(benchmark):
    nodes, ties, mem = tables("full")
    net = benchmark.pedantic(lambda: MultiLevelNetwork.from_tables(nodes, ties, mem), rounds=3, iterations=1)
    assert net.num_ties == len(ties) and net.num_memberships == len(mem)


def _nx_bipartite(size: str):
    import networkx as nx

    net = network(size)
    m, g = net.memberships("member")
    labels = net.labels
    B = nx.Graph()
    members = [labels[i] for i in net.level_nodes("member").tolist()]
    B.add_nodes_from(members, bipartite=0)
    B.add_nodes_from((labels[i] for i in net.level_nodes("organization").tolist()), bipartite=1)
    B.add_edges_from(zip((labels[i] for i in m.tolist()), (labels[i] for i in g.tolist())))
    return B, members


@pytest.mark.benchmark(group="multilevel_project")
@pytest.mark.parametrize("backend, size", [("impactgraph", "full"), ("impactgraph", "nx"), ("networkx", "nx")])
def test_project_members(benchmark, backend, size):
    net = network(size)
    if backend == "impactgraph":
        P = benchmark.pedantic(lambda: net.project("member", weighting="count"), rounds=3, iterations=1)
        _cache[("ties", size)] = P.num_edges
        return
    import networkx as nx

    B, members = _nx_bipartite(size)
    P = benchmark.pedantic(lambda: nx.bipartite.weighted_projected_graph(B, members), rounds=1, iterations=1)
    if ("ties", size) in _cache:
        assert P.number_of_edges() == _cache[("ties", size)]


@pytest.mark.benchmark(group="multilevel_rollup")
@pytest.mark.parametrize("include_memberships", [False, True])
def test_rollup(benchmark, include_memberships):
    net = network("full")
    R = benchmark.pedantic(
        lambda: net.rollup("organization", how="sum", include_memberships=include_memberships), rounds=3, iterations=1
    )
    assert R.num_nodes == net.level_counts()["organization"]


@pytest.mark.benchmark(group="multilevel_bridging")
def test_bridging(benchmark):
    net = network("full")
    b = benchmark.pedantic(lambda: net.bridging_members(), rounds=3, iterations=1)
    assert (b.num_groups >= 2).all()


@pytest.mark.benchmark(group="multilevel_graph")
def test_member_graph(benchmark):
    net = network("full")
    G = benchmark.pedantic(lambda: net.graph("member"), rounds=3, iterations=1)
    assert G.num_edges == net.ties("member")[0].size
