"""Diffusion models: simulations per second of the independent cascade (p = 0.01), the linear
threshold model and the fractional-threshold contagion, from the 10 highest-degree nodes, on
the session's R-MAT graph (undirected) and ``email_eu_core`` (directed).

Backends, all in this process:

- ``impactgraph``: ``n_sims`` simulations in one call (all cores);
- ``python``: a plain networkx + Python-loop implementation of the same model, written below
  (one simulation per loop, ``random.random()`` per arc examined);
- ``ndlib``: NDlib's ``IndependentCascadesModel`` (every edge configured with ``p``) and
  ``ThresholdModel`` (the same fractional-threshold rule), run until no node changes; skipped
  when NDlib is not installed (``pip install ndlib``). NDlib has no linear threshold model.

Each test records ``sims_per_s`` (simulations per second of the fastest round; for the
deterministic threshold contagion, runs per second of single runs) and
``mean_spread`` in ``benchmark.extra_info``; the Python and NDlib means are checked against
ours (a loose Monte-Carlo band) after the timed run. The Python and NDlib baselines run few
simulations (they take seconds each on R-MAT) and are skipped above scale 18 (networkx memory).
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import numpy as np
import pytest

import impactgraph as ig

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BACKENDS = ["impactgraph", "python", "ndlib"]
DATASETS = ["rmat", "email_eu_core"]
P = 0.01
N_SEEDS = 10
#: The contagion threshold (fraction of neighbours); > 0 so that NDlib's rule (which lets a node
#: with threshold 0 adopt with no adopted neighbour) is ours.
FRACTION = 0.02
NX_MAX_SCALE = 18


def _installed(mod: str) -> bool:
    return importlib.util.find_spec(mod) is not None


class Dataset:
    def __init__(self, name: str, G: ig.Graph):
        self.name, self.G = name, G
        self.n = G.num_nodes
        deg = np.diff(G._core.indptr(False).astype(np.int64))
        self.seeds = np.argsort(-deg, kind="stable")[:N_SEEDS].tolist()
        self._nx = None
        self._ndlib: dict = {}

    def nx(self):
        if self._nx is None:
            self._nx = self.G.to_networkx()
        return self._nx


_datasets: dict = {}


@pytest.fixture(scope="session")
def diffusion_data(rmat_graph):
    def get(name: str) -> Dataset:
        if name not in _datasets:
            if name == "rmat":
                _datasets[name] = Dataset(name, rmat_graph[0])
            else:
                if not DATA.is_dir():
                    pytest.skip(f"shared data folder not found at {DATA}")
                arcs = np.loadtxt(DATA / "email_eu_core" / "email-Eu-core.txt.gz", dtype=np.int64)
                G = ig.Graph.from_edges(arcs[:, 0], arcs[:, 1], directed=True, self_loops=False)
                _datasets[name] = Dataset(name, G)
        return _datasets[name]

    return get


def _sims(backend: str, ds: Dataset, scale: int, model: str) -> int:
    if model == "threshold":
        return 1  # deterministic: one run (ours would run once and copy it for any n_sims)
    big = ds.name == "rmat"
    if backend == "impactgraph":
        return 1000 if (not big or scale <= 18) else 200
    if backend == "python":
        return 3 if big else 50
    return 1 if big else 5


def _skip(backend: str, ds: Dataset, scale: int) -> None:
    if backend == "ndlib" and not _installed("ndlib"):
        pytest.skip("ndlib is not installed")
    if backend != "impactgraph" and ds.name == "rmat" and scale > NX_MAX_SCALE:
        pytest.skip(f"{backend} skipped above scale {NX_MAX_SCALE} (networkx memory and time)")


# ---- the plain Python baselines -----------------------------------------------------------------


def py_ic(H, seeds, p, rng):
    """One independent cascade: a coin per arc examined."""
    succ = H.succ if H.is_directed() else H.adj
    active = set(seeds)
    frontier = list(active)
    while frontier:
        nxt = []
        for u in frontier:
            for v in succ[u]:
                if v not in active and rng.random() < p:
                    active.add(v)
                    nxt.append(v)
        frontier = nxt
    return len(active)


def py_lt(H, seeds, rng, indeg):
    """One linear-threshold run, b = 1 / indegree, thresholds uniform in (0, 1] drawn lazily."""
    succ = H.succ if H.is_directed() else H.adj
    active = set(seeds)
    frontier = list(active)
    rem: dict = {}
    while frontier:
        nxt = []
        for u in frontier:
            for v in succ[u]:
                if v in active:
                    continue
                r = rem.get(v)
                if r is None:
                    r = 1.0 - rng.random()
                r -= 1.0 / indeg[v]
                rem[v] = r
                if r <= 1e-12:
                    active.add(v)
                    nxt.append(v)
        frontier = nxt
    return len(active)


def py_threshold(H, seeds, fraction, indeg):
    """Deterministic fractional threshold (synchronous, counts)."""
    succ = H.succ if H.is_directed() else H.adj
    active = set(seeds)
    frontier = list(active)
    count: dict = {}
    while frontier:
        nxt = []
        for u in frontier:
            for v in succ[u]:
                if v in active:
                    continue
                c = count.get(v, 0) + 1
                count[v] = c
                if c / indeg[v] >= fraction:
                    active.add(v)
                    nxt.append(v)
        frontier = nxt
    return len(active)


def _indeg(H):
    return dict(H.in_degree()) if H.is_directed() else dict(H.degree())


# ---- NDlib ----------------------------------------------------------------------------------------


def _ndlib_model(ds: Dataset, kind: str):
    """NDlib's model on the networkx copy, configured once (not timed)."""
    if kind in ds._ndlib:
        return ds._ndlib[kind]
    import ndlib.models.epidemics as ep
    import ndlib.models.ModelConfig as mc

    H = ds.nx()
    cfg = mc.Configuration()
    cfg.add_model_initial_configuration("Infected", list(ds.seeds))
    if kind == "ic":
        model = ep.IndependentCascadesModel(H)
        for e in H.edges():
            cfg.add_edge_configuration("threshold", e, P)
    else:
        model = ep.ThresholdModel(H)
        for v in H.nodes():
            cfg.add_node_configuration("threshold", v, FRACTION)
    model.set_initial_status(cfg)
    ds._ndlib[kind] = model
    return model


def ndlib_run(model) -> int:
    """One simulation of an NDlib model, until no node changes; the number ever infected."""
    model.reset()
    while True:
        it = model.iteration(node_status=False)
        if it["iteration"] > 0 and sum(abs(x) for x in it["status_delta"].values()) == 0:
            break
    counts = it["node_count"]
    return int(counts.get(1, 0) + counts.get(2, 0))


# ---- benchmarks ---------------------------------------------------------------------------------


def _run(backend: str, model: str, ds: Dataset, n_sims: int) -> float:
    """Mean spread of ``n_sims`` simulations of ``model`` by ``backend``."""
    if backend == "impactgraph":
        if model == "ic":
            return ig.diffusion.independent_cascade(ds.G, ds.seeds, p=P, n_sims=n_sims, seed=1).mean_spread
        if model == "lt":
            return ig.diffusion.linear_threshold(ds.G, ds.seeds, weight=None, n_sims=n_sims, seed=1).mean_spread
        return ig.diffusion.threshold_contagion(ds.G, ds.seeds, fraction=FRACTION, n_sims=n_sims).mean_spread
    if backend == "python":
        H, rng = ds.nx(), random.Random(1)
        if model == "ic":
            return float(np.mean([py_ic(H, ds.seeds, P, rng) for _ in range(n_sims)]))
        indeg = _indeg(H)
        if model == "lt":
            return float(np.mean([py_lt(H, ds.seeds, rng, indeg) for _ in range(n_sims)]))
        return float(np.mean([py_threshold(H, ds.seeds, FRACTION, indeg) for _ in range(n_sims)]))
    np.random.seed(1)
    m = _ndlib_model(ds, "ic" if model == "ic" else "threshold")
    return float(np.mean([ndlib_run(m) for _ in range(n_sims)]))


def _bench(benchmark, backend, model, dataset, diffusion_data, scale):
    ds = diffusion_data(dataset)
    _skip(backend, ds, scale)
    n_sims = _sims(backend, ds, scale, model)
    if backend == "ndlib":
        _ndlib_model(ds, "ic" if model == "ic" else "threshold")  # configuration not timed
    if backend != "impactgraph":
        ds.nx()
    mean = benchmark.pedantic(_run, args=(backend, model, ds, n_sims), rounds=1 if backend != "impactgraph" else 3,
                              iterations=1, warmup_rounds=0)
    assert isinstance(mean, float) and mean >= len(ds.seeds)
    t = benchmark.stats.stats.min
    benchmark.extra_info.update(n_sims=n_sims, sims_per_s=n_sims / t, mean_spread=mean, nodes=ds.n)
    if backend != "impactgraph":
        ours = _run("impactgraph", model, ds, 1000)
        if model == "threshold":
            assert mean == ours  # deterministic: the same final size
        else:
            # A loose band: few baseline simulations, heavy-tailed spreads.
            assert 0.5 * ours - 50 <= mean <= 2.0 * ours + 50, (mean, ours)
    return mean


@pytest.mark.benchmark(group="diffusion-ic")
@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("backend", BACKENDS)
def test_independent_cascade(benchmark, backend, dataset, diffusion_data, scale):
    _bench(benchmark, backend, "ic", dataset, diffusion_data, scale)


@pytest.mark.benchmark(group="diffusion-lt")
@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("backend", ["impactgraph", "python"])
def test_linear_threshold(benchmark, backend, dataset, diffusion_data, scale):
    _bench(benchmark, backend, "lt", dataset, diffusion_data, scale)


@pytest.mark.benchmark(group="diffusion-threshold")
@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("backend", BACKENDS)
def test_threshold_contagion(benchmark, backend, dataset, diffusion_data, scale):
    _bench(benchmark, backend, "threshold", dataset, diffusion_data, scale)
