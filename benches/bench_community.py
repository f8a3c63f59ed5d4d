"""Community detection (Louvain, Leiden, label propagation), modularity and the LFR generator,
every library in this process, on four datasets: the session's R-MAT graph, an LFR graph with
planted communities (n = 10**4 at scale 16, 10**5 at 18, 10**6 at 20; tau1 = 3, tau2 = 1.5,
mu = 0.3, average degree 20, max degree 100, communities of 50 to 500 nodes), and two real
graphs with ground truth: ``football`` (12 conferences) and ``email_eu_core`` (42 departments,
made undirected and simple).

Every result's quality is recorded in ``benchmark.extra_info``: ``modularity`` (igraph's
``Graph.modularity`` of the membership on the same graph, one evaluator for all libraries,
resolution 1) and ``nmi`` against the ground truth where there is one (the planted LFR
communities, the conferences, the departments); ``python benches/report.py out.json`` prints
them beside the times.

Our Louvain, Leiden, label propagation and modularity are skipped while ``impactgraph.community``
lacks them. Peers: NetworKit ``PLM(refine=False)``, ``ParallelLeiden`` and ``PLP``; igraph
``community_multilevel``, ``community_leiden(objective_function="modularity")`` and
``community_label_propagation``; ``leidenalg.find_partition(..., ModularityVertexPartition,
seed=1)``. Leiden runs in two modes: 2 iterations (leidenalg's default; ParallelLeiden its
default 3) and until an iteration changes nothing (``n_iterations=-1``); networkx ``louvain_communities(seed=1)`` and
``label_propagation_communities`` (only up to NX_MAX_EDGES edges). igraph's Leiden to
convergence and leidenalg take tens of seconds on the R-MAT graph at scale 16: every peer runs
once (``rounds=1``).
"""

from __future__ import annotations

import importlib.util
import math
import random
from pathlib import Path

import numpy as np
import pytest
from conftest import build_peer

import impactgraph as ig

BACKENDS = ["impactgraph", "networkx", "igraph", "networkit", "leidenalg"]
DATASETS = ["rmat", "lfr", "football", "email_eu_core"]
#: networkx is skipped on graphs with more edges than this (its Louvain takes minutes on R-MAT).
NX_MAX_EDGES = 50_000
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
LFR_PARAMS = dict(tau1=3.0, tau2=1.5, mu=0.3, average_degree=20, max_degree=100, min_community=50,
                  max_community=500)


def lfr_nodes(scale: int) -> int:
    """10**4 nodes at scale 16, ten times more every two scales (10**6 at scale 20)."""
    return max(1000, int(round(10 ** (4 + (scale - 16) / 2))))


def _installed(mod: str) -> bool:
    return importlib.util.find_spec(mod) is not None


class Dataset:
    """A simple undirected graph, its edge arrays, optional ground truth and each library's copy
    (built once)."""

    def __init__(self, name: str, G: ig.Graph, truth: np.ndarray | None):
        self.name, self.G, self.truth = name, G, truth
        s, d, _ = G.edges()
        self.s, self.d, self.n, self.m = s, d, G.num_nodes, G.num_edges
        self._peers: dict = {}

    def peer(self, backend: str):
        if backend not in self._peers:
            if backend == "impactgraph":
                self._peers[backend] = self.G
            else:
                lib = "igraph" if backend == "leidenalg" else backend
                self._peers[backend] = build_peer(lib, self.s, self.d, self.n)
        return self._peers[backend]


def _load(name: str, scale: int, rmat_graph) -> Dataset:
    if name == "rmat":
        return Dataset(name, rmat_graph[0], None)
    if name == "lfr":
        G, comm = ig.lfr(lfr_nodes(scale), **LFR_PARAMS, seed=1)
        return Dataset(name, G, comm)
    if not DATA.is_dir():
        pytest.skip(f"shared data folder not found at {DATA}")
    if name == "football":
        import networkx as nx

        H = nx.read_gml(DATA / "football" / "football.gml.gz", label="id")
        nodes = sorted(H)
        assert nodes == list(range(len(nodes)))
        edges = np.array(list(H.edges()), dtype=np.int64)
        G = ig.Graph.from_edges(edges[:, 0], edges[:, 1], num_nodes=len(nodes), self_loops=False)
        return Dataset(name, G, np.array([H.nodes[v]["value"] for v in nodes], dtype=np.int64))
    if name == "email_eu_core":
        arcs = np.loadtxt(DATA / "email_eu_core" / "email-Eu-core.txt.gz", dtype=np.int64)
        labels = np.loadtxt(DATA / "email_eu_core" / "email-Eu-core-department-labels.txt.gz", dtype=np.int64)
        n = int(labels[:, 0].max()) + 1
        truth = np.empty(n, dtype=np.int64)
        truth[labels[:, 0]] = labels[:, 1]
        G = ig.Graph.from_edges(arcs[:, 0], arcs[:, 1], num_nodes=n, self_loops=False, duplicates="first")
        return Dataset(name, G, truth)
    raise ValueError(name)


_datasets: dict = {}


@pytest.fixture(scope="session")
def community_data(scale, rmat_graph):
    """``community_data(name)``: the :class:`Dataset`, loaded once per session."""

    def get(name: str) -> Dataset:
        if name not in _datasets:
            _datasets[name] = _load(name, scale, rmat_graph)
        return _datasets[name]

    return get


def _skip(backend: str, ds: Dataset, ours: str | None = None) -> None:
    if backend == "impactgraph":
        if ours is not None and not hasattr(ig.community, ours):
            pytest.skip(f"impactgraph.community.{ours} does not exist yet")
        return
    if not _installed(backend):
        pytest.skip(f"{backend} is not installed")
    if backend == "leidenalg" and not _installed("igraph"):
        pytest.skip("leidenalg needs igraph")
    if backend == "networkx" and ds.m > NX_MAX_EDGES:
        pytest.skip(f"networkx skipped above {NX_MAX_EDGES} edges ({ds.m} here)")


def _membership_of_sets(sets, n: int) -> np.ndarray:
    out = np.full(n, -1, dtype=np.int64)
    for i, c in enumerate(sets):
        out[list(c)] = i
    return out


def _record(benchmark, ds: Dataset, membership) -> None:
    """Modularity (igraph's evaluator) and NMI against the ground truth, in extra_info."""
    memb = np.asarray(membership, dtype=np.int64)
    assert memb.shape == (ds.n,) and (memb >= 0).all()
    benchmark.extra_info["communities"] = int(np.unique(memb).size)
    if _installed("igraph"):
        benchmark.extra_info["modularity"] = float(ds.peer("igraph").modularity(memb.tolist()))
    elif hasattr(ig.community, "modularity"):
        benchmark.extra_info["modularity"] = float(ig.community.modularity(ds.G, memb))
    if ds.truth is not None:
        benchmark.extra_info["nmi"] = float(ig.community.normalized_mutual_info(memb, ds.truth))


def _rounds(ds: Dataset, small: int = 5) -> dict:
    """One round on the big graphs (some peers take tens of seconds); on the small real graphs,
    where one call takes milliseconds, a warm-up call and the minimum of ``small`` rounds."""
    if ds.m > 100_000:
        return dict(rounds=1, iterations=1)
    return dict(rounds=small, iterations=1, warmup_rounds=1)


def _seed_peers() -> None:
    random.seed(1)  # python-igraph draws from Python's random module
    if _installed("networkit"):
        import networkit as nk

        nk.engineering.setSeed(1, False)


# ---- Louvain ------------------------------------------------------------------------------------


def _louvain(backend: str, g):
    if backend == "impactgraph":
        return ig.community.louvain_communities(g, seed=1).membership
    if backend == "networkx":
        import networkx as nx

        return _membership_of_sets(nx.community.louvain_communities(g, seed=1), len(g))
    if backend == "igraph":
        return g.community_multilevel().membership
    if backend == "networkit":
        import networkit as nk

        algo = nk.community.PLM(g, refine=False)
        algo.run()
        return algo.getPartition().getVector()
    raise ValueError(backend)


@pytest.mark.benchmark(group="louvain")
@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("backend", BACKENDS)
def test_louvain(benchmark, backend, dataset, community_data):
    if backend == "leidenalg":
        pytest.skip("leidenalg has no Louvain")
    ds = community_data(dataset)
    _skip(backend, ds, "louvain_communities")
    g = ds.peer(backend)
    _seed_peers()
    memb = benchmark.pedantic(_louvain, args=(backend, g), **_rounds(ds))
    _record(benchmark, ds, memb)


# ---- Leiden -------------------------------------------------------------------------------------


def _leiden(backend: str, g, n_iterations: int):
    if backend == "impactgraph":
        return ig.community.leiden_communities(g, n_iterations=n_iterations, seed=1).membership
    if backend == "igraph":
        return g.community_leiden(objective_function="modularity", n_iterations=n_iterations).membership
    if backend == "leidenalg":
        import leidenalg

        return leidenalg.find_partition(
            g, leidenalg.ModularityVertexPartition, n_iterations=n_iterations, seed=1
        ).membership
    if backend == "networkit":
        import networkit as nk

        # NetworKit's default (3 iterations) in the fixed-iterations group; it has no
        # "until stable" mode.
        algo = nk.community.ParallelLeiden(g)
        algo.run()
        return algo.getPartition().getVector()
    raise ValueError(backend)


#: Leiden modes: leidenalg's default of 2 iterations (NetworKit ParallelLeiden runs its default 3),
#: and iterating until an iteration changes nothing (-1: igraph, leidenalg, ours).
LEIDEN_MODES = {"2 iterations": 2, "until stable": -1}
#: leidenalg until stable is skipped on graphs with more edges than this (minutes on R-MAT).
LEIDENALG_STABLE_MAX_EDGES = 100_000
#: Above this many edges (scale 20: R-MAT and the 10**6-node LFR graph) every library's
#: until-stable run and leidenalg are skipped: each would take many minutes.
SLOW_MAX_EDGES = 2_000_000


@pytest.mark.benchmark(group="leiden")
@pytest.mark.parametrize("mode", list(LEIDEN_MODES))
@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("backend", BACKENDS)
def test_leiden(benchmark, backend, dataset, mode, community_data):
    if backend == "networkx":
        pytest.skip("networkx has no Leiden")
    n_iterations = LEIDEN_MODES[mode]
    if backend == "networkit" and n_iterations < 0:
        pytest.skip("NetworKit's ParallelLeiden has no until-stable mode")
    ds = community_data(dataset)
    if backend == "leidenalg" and n_iterations < 0 and ds.m > LEIDENALG_STABLE_MAX_EDGES:
        pytest.skip(f"leidenalg until stable skipped above {LEIDENALG_STABLE_MAX_EDGES} edges")
    if (backend == "leidenalg" or n_iterations < 0) and ds.m > SLOW_MAX_EDGES:
        pytest.skip(f"{backend} {mode} skipped above {SLOW_MAX_EDGES} edges")
    _skip(backend, ds, "leiden_communities")
    g = ds.peer(backend)
    _seed_peers()
    memb = benchmark.pedantic(_leiden, args=(backend, g, n_iterations), **_rounds(ds))
    _record(benchmark, ds, memb)


# ---- label propagation --------------------------------------------------------------------------


def _lpa(backend: str, g):
    if backend == "impactgraph":
        return ig.community.label_propagation_communities(g, seed=1).membership
    if backend == "networkx":
        import networkx as nx

        return _membership_of_sets(nx.community.label_propagation_communities(g), len(g))
    if backend == "igraph":
        return g.community_label_propagation().membership
    if backend == "networkit":
        import networkit as nk

        algo = nk.community.PLP(g)
        algo.run()
        return algo.getPartition().getVector()
    raise ValueError(backend)


@pytest.mark.benchmark(group="label_propagation")
@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("backend", BACKENDS)
def test_label_propagation(benchmark, backend, dataset, community_data):
    if backend == "leidenalg":
        pytest.skip("leidenalg has no label propagation")
    ds = community_data(dataset)
    _skip(backend, ds, "label_propagation_communities")
    g = ds.peer(backend)
    _seed_peers()
    memb = benchmark.pedantic(_lpa, args=(backend, g), **_rounds(ds))
    _record(benchmark, ds, memb)


def _asyn_lpa(backend: str, g):
    if backend == "impactgraph":
        return ig.community.asyn_lpa_communities(g, seed=1).membership
    if backend == "networkx":
        import networkx as nx

        return _membership_of_sets(nx.community.asyn_lpa_communities(g, seed=1), len(g))
    if backend == "igraph":  # Raghavan et al.'s asynchronous rule, as ours and networkx's
        return g.community_label_propagation().membership
    raise ValueError(backend)


@pytest.mark.benchmark(group="asyn_lpa")
@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("backend", ["impactgraph", "networkx", "igraph"])
def test_asyn_lpa(benchmark, backend, dataset, community_data):
    ds = community_data(dataset)
    _skip(backend, ds, "asyn_lpa_communities")
    g = ds.peer(backend)
    _seed_peers()
    memb = benchmark.pedantic(_asyn_lpa, args=(backend, g), **_rounds(ds))
    _record(benchmark, ds, memb)


def _cdlp(backend: str, g):
    if backend == "impactgraph":
        return ig.community.cdlp(g, max_iter=10)
    if backend == "networkit":  # the closest peer: parallel synchronous-style LPA, its own stop rule
        import networkit as nk

        algo = nk.community.PLP(g, maxIterations=10)
        algo.run()
        return algo.getPartition().getVector()
    raise ValueError(backend)


@pytest.mark.benchmark(group="cdlp")
@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("backend", ["impactgraph", "networkit"])
def test_cdlp(benchmark, backend, dataset, community_data):
    ds = community_data(dataset)
    _skip(backend, ds, "cdlp")
    g = ds.peer(backend)
    memb = benchmark.pedantic(_cdlp, args=(backend, g), **_rounds(ds))
    _record(benchmark, ds, _canonical_ids(memb))


def _canonical_ids(labels) -> np.ndarray:
    """Arbitrary label values (CDLP returns node labels) as ids 0..k-1."""
    return np.unique(np.asarray(labels), return_inverse=True)[1].reshape(-1)


@pytest.mark.benchmark(group="nmi")
@pytest.mark.parametrize("dataset", ["lfr", "email_eu_core"])
@pytest.mark.parametrize("backend", ["impactgraph", "igraph"])
def test_nmi(benchmark, backend, dataset, community_data):
    ds = community_data(dataset)
    if backend == "igraph" and not _installed("igraph"):
        pytest.skip("igraph is not installed")
    rng = np.random.default_rng(1)
    a = ds.truth
    b = np.where(rng.random(ds.n) < 0.7, a, rng.integers(0, int(a.max()) + 1, ds.n))
    if backend == "impactgraph":
        v = benchmark.pedantic(ig.community.normalized_mutual_info, args=(a, b), **_rounds(ds, small=20))
    else:
        import igraph

        al, bl = a.tolist(), b.tolist()
        v = benchmark.pedantic(igraph.compare_communities, args=(al, bl), kwargs={"method": "nmi"}, **_rounds(ds, small=20))
    benchmark.extra_info["nmi"] = float(v)


# ---- modularity of a given partition ------------------------------------------------------------


def _reference_partition(ds: Dataset) -> np.ndarray:
    """The ground truth, or (R-MAT) blocks of 256 consecutive ids."""
    return ds.truth if ds.truth is not None else np.arange(ds.n, dtype=np.int64) // 256


def _modularity(backend: str, g, part):
    if backend == "impactgraph":
        return ig.community.modularity(g, part)
    if backend == "networkx":
        import networkx as nx

        return nx.community.modularity(g, part)
    if backend == "igraph":
        return g.modularity(part)
    raise ValueError(backend)


@pytest.mark.benchmark(group="modularity")
@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("backend", BACKENDS)
def test_modularity(benchmark, backend, dataset, community_data):
    if backend in ("networkit", "leidenalg"):
        pytest.skip(f"{backend} is not compared on modularity")
    ds = community_data(dataset)
    _skip(backend, ds, "modularity")
    g = ds.peer(backend)
    memb = _reference_partition(ds)
    if backend == "networkx":
        part = [set(np.flatnonzero(memb == c).tolist()) for c in np.unique(memb)]
    elif backend == "igraph":
        part = memb.tolist()
    else:  # a Partition, built outside the timing (the accepted form of every detector's result)
        part = ig.community.Partition(ds.G, memb)
    q = benchmark.pedantic(_modularity, args=(backend, g, part), **_rounds(ds, small=20))
    benchmark.extra_info["modularity"] = float(q)
    if _installed("igraph") and backend != "igraph":
        assert q == pytest.approx(ds.peer("igraph").modularity(memb.tolist()), abs=1e-9)


# ---- LFR generation -----------------------------------------------------------------------------


def _lfr_generate(backend: str, n: int):
    p = LFR_PARAMS
    if backend == "impactgraph":
        G, comm = ig.lfr(n, **p, seed=1)
        return G.num_edges, comm
    import networkit as nk

    gen = nk.generators.LFRGenerator(n)
    gen.generatePowerlawDegreeSequence(p["average_degree"], p["max_degree"], -p["tau1"])
    gen.generatePowerlawCommunitySizeSequence(p["min_community"], p["max_community"], -p["tau2"])
    gen.setMu(p["mu"])
    gen.run()
    return gen.getGraph().numberOfEdges(), np.asarray(gen.getPartition().getVector())


@pytest.mark.benchmark(group="lfr_generate")
@pytest.mark.parametrize("backend", BACKENDS)
def test_lfr_generate(benchmark, backend, scale):
    if backend not in ("impactgraph", "networkit"):
        pytest.skip(f"{backend}: no LFR generator that scales (networkx's fails to converge above a few hundred nodes)")
    if not _installed(backend):
        pytest.skip(f"{backend} is not installed")
    n = lfr_nodes(scale)
    _seed_peers()
    m, comm = benchmark.pedantic(_lfr_generate, args=(backend, n), rounds=1, iterations=1)
    benchmark.extra_info["nodes"] = n
    benchmark.extra_info["edges"] = int(m)
    assert abs(2 * m / n - LFR_PARAMS["average_degree"]) <= 0.1 * LFR_PARAMS["average_degree"]
    assert comm.shape == (n,)
    assert math.isfinite(m)
