"""impactgraph.distributed on a LocalCluster with 2 worker processes: every distributed result is
compared with the single-machine call (the oracle) for equality, bit for bit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

import impactgraph as ig
from impactgraph import diffusion

distributed_mod = pytest.importorskip("distributed")
D = pytest.importorskip("impactgraph.distributed")


def _cluster(**kw):
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", **kw
    )
    return cluster, Client(cluster)


@pytest.fixture(scope="module")
def client():
    cluster, c = _cluster()
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def rmat():
    return ig.generators.rmat(10, edge_factor=8, seed=1)


@pytest.fixture(scope="module")
def weighted_directed():
    rng = np.random.default_rng(3)
    src, dst = rng.integers(0, 300, 2000), rng.integers(0, 300, 2000)
    return ig.Graph.from_edges(src, dst, rng.integers(1, 4, 2000).astype(float), directed=True)


def test_import_impactgraph_does_not_import_dask():
    code = "import sys, impactgraph; assert not any(m == 'dask' or m.startswith(('dask.', 'distributed')) for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ})


def test_payload_rebuilds_the_same_csr(weighted_directed):
    import pickle

    G = ig.Graph.from_edges([0, 1, 2, 2], [1, 2, 0, 2], [0.5, 1.5, 2.0, 3.0], labels=["a", "b", "c"])
    for H in (G, weighted_directed):
        R = pickle.loads(pickle.dumps(D.GraphPayload(H))).graph()
        for incoming in (False, True):
            assert np.array_equal(R._core.indptr(incoming), H._core.indptr(incoming))
            assert np.array_equal(R._core.indices(incoming), H._core.indices(incoming))
            assert np.array_equal(R._core.weights(incoming), H._core.weights(incoming))
        assert list(R.labels) == list(H.labels) and R.directed == H.directed


# ---- betweenness ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kw",
    [
        {"k": 64, "seed": 3},
        {"k": 700, "seed": 5, "endpoints": True},  # > 512 sources: leaves of 2
        {"k": 1000, "seed": 1, "normalized": False, "blocks": 3},
        {"seed": 2, "blocks": 1},  # exact
        {"sources": list(range(0, 1024, 7)), "blocks": 64},
    ],
)
def test_betweenness_equals_single_machine(client, rmat, kw):
    blocks = kw.pop("blocks", None)
    got = D.betweenness(rmat, client=client, blocks=blocks, **kw)
    want = ig.betweenness_centrality(rmat, **kw)
    assert np.array_equal(got, want)
    assert got.sum() > 0


def test_betweenness_weighted_directed_and_threads(client, weighted_directed):
    got = D.betweenness(weighted_directed, k=150, seed=9, weight="weight", client=client, threads=2)
    assert np.array_equal(got, ig.betweenness_centrality(weighted_directed, k=150, seed=9, weight="weight"))


def test_betweenness_from_a_shared_file(client, rmat, tmp_path):
    path = tmp_path / "g.igraph"
    rmat.save(path)
    want = ig.betweenness_centrality(rmat, k=200, seed=4)
    assert np.array_equal(D.betweenness(path=path, k=200, seed=4, client=client), want)
    assert np.array_equal(D.betweenness(rmat, path=path, k=200, seed=4, client=client), want)
    with pytest.raises(ig.errors.InvalidParameterError, match="does not hold"):
        D.betweenness(ig.Graph.from_edges([0], [1]), path=path, k=1, client=client)


def test_betweenness_errors_on_the_client(client, rmat):
    with pytest.raises(ig.errors.InvalidParameterError, match="invalid k"):
        D.betweenness(rmat, k=rmat.num_nodes + 1, client=client)
    with pytest.raises(TypeError, match="path"):
        D.betweenness(client=client)
    with pytest.raises(TypeError, match="Client"):
        D.betweenness(rmat, k=2, client="tcp://nowhere")
    with pytest.raises(ig.errors.InvalidParameterError, match="blocks"):
        D.betweenness(rmat, k=2, client=client, blocks=0)


def test_passed_client_stays_open(client, rmat):
    D.betweenness(rmat, k=8, seed=1, client=client)
    assert client.status == "running"


def test_default_local_cluster_is_started_and_closed(rmat, monkeypatch):
    started = []

    class Recording(distributed_mod.LocalCluster):
        def __init__(self, **kw):
            started.append(kw)
            super().__init__(**kw)
            started.append(self)

    monkeypatch.setattr(distributed_mod, "LocalCluster", Recording)
    got = D.betweenness(rmat, k=32, seed=1)
    assert np.array_equal(got, ig.betweenness_centrality(rmat, k=32, seed=1))
    kw, cluster = started
    assert kw["n_workers"] == (os.cpu_count() or 1) and kw["threads_per_worker"] == 1 and kw["processes"]
    assert cluster.status.name == "closed"


# ---- diffusion --------------------------------------------------------------------------------


def _same(r, o):
    assert r.model == o.model and r.n_sims == o.n_sims
    assert np.array_equal(r.spread, o.spread)
    assert np.array_equal(r.node_probability, o.node_probability)
    assert np.array_equal(r.curve, o.curve)


@pytest.mark.parametrize(
    ("model", "kw"),
    [
        ("independent_cascade", {"p": 0.05}),
        ("independent_cascade", {"p": "weighted_cascade"}),
        ("linear_threshold", {}),
        ("threshold_contagion", {"fraction": 0.3}),
        ("sir", {"beta": 0.05, "gamma": 0.3}),
        ("sis", {"beta": 0.05, "gamma": 0.3, "max_steps": 20}),
    ],
)
def test_diffusion_equals_single_machine(client, rmat, model, kw):
    seeds = [0, 1, 2]
    r = getattr(D, model)(rmat, seeds, n_sims=1001, seed=11, client=client, blocks=7, **kw)
    o = getattr(diffusion, model)(rmat, seeds, n_sims=1001, seed=11, **kw)
    _same(r, o)
    assert r.mean_spread >= 3


def test_cascade_per_edge_probabilities_and_labels(client):
    G = ig.Graph.from_edges([0, 1, 2, 3, 0], [1, 2, 3, 4, 4], labels=list("abcde"))
    p = np.array([0.9, 0.5, 0.2, 0.7, 0.1])
    r = D.independent_cascade(G, ["a"], p=p, n_sims=500, seed=2, client=client)
    _same(r, diffusion.independent_cascade(G, ["a"], p=p, n_sims=500, seed=2))
    assert r.as_dict()["a"] == 1.0
    # The same array again at once: its copy on the workers is not the one just released.
    for _ in range(3):
        _same(D.independent_cascade(G, ["a"], p=p, n_sims=500, seed=2, client=client), r)


def test_diffusion_errors_on_the_client(client, rmat):
    with pytest.raises(ig.errors.NodeNotFoundError):
        D.independent_cascade(rmat, [10**6], client=client)
    with pytest.raises(ig.errors.InvalidParameterError, match="n_sims"):
        D.sir(rmat, [0], beta=0.1, gamma=0.1, n_sims=0, client=client)
    with pytest.raises(ig.errors.InvalidParameterError, match="invalid p"):
        D.independent_cascade(rmat, [0], p=1.5, client=client)


def test_first_sim_blocks_add_up(rmat):
    whole = diffusion.independent_cascade(rmat, [0, 5], p=0.1, n_sims=50, seed=3)
    a = diffusion.independent_cascade(rmat, [0, 5], p=0.1, n_sims=20, seed=3)
    b = diffusion.independent_cascade(rmat, [0, 5], p=0.1, n_sims=30, seed=3, first_sim=20)
    assert np.array_equal(np.concatenate([a.spread, b.spread]), whole.spread)
    with pytest.raises(ig.errors.InvalidParameterError, match="first_sim"):
        diffusion.sir(rmat, [0], beta=0.1, gamma=0.1, first_sim=-1)


# ---- influence maximisation (IMM) ------------------------------------------------------------------


def _same_im(r, o):
    assert r.as_dict() == o.as_dict()  # seeds, ids, spread, method, model, n_rr_sets, work
    assert np.array_equal(r.spread, o.spread) and r.spread.dtype == o.spread.dtype


@pytest.mark.parametrize(
    ("graph", "kw"),
    [
        ("rmat", {"k": 5, "p": 0.05, "seed": 11}),
        ("rmat", {"k": 1, "p": 0.2, "seed": 3, "blocks": 1}),
        ("rmat", {"k": 8, "model": "lt", "seed": 4}),
        ("weighted_directed", {"k": 3, "p": "weighted_cascade", "seed": 2}),
        ("weighted_directed", {"k": 6, "model": "lt", "seed": 8}),
        ("weighted_directed", {"k": 4, "model": "lt", "weight": None, "seed": 8, "blocks": 5}),
    ],
)
def test_imm_equals_single_machine(client, request, graph, kw):
    G = request.getfixturevalue(graph)
    kw = {"epsilon": 0.3, **kw}
    k, blocks = kw.pop("k"), kw.pop("blocks", 3)
    r = D.influence_maximization(G, k, client=client, blocks=blocks, **kw)
    o = diffusion.influence_maximization(G, k, method="imm", **kw)
    _same_im(r, o)
    assert r.method == "imm" and len(r.seeds) == k


def test_imm_default_blocks_labels_per_edge_p_and_path(client, tmp_path):
    rng = np.random.default_rng(5)
    src, dst = rng.integers(0, 200, 900), rng.integers(0, 200, 900)
    G = ig.Graph.from_edges(src, dst, labels=[f"n{i}" for i in range(200)])
    p = rng.uniform(0.0, 0.3, G.num_edges)
    o = diffusion.influence_maximization(G, 4, p=p, epsilon=0.2, seed=9)
    _same_im(D.influence_maximization(G, 4, p=p, epsilon=0.2, seed=9, client=client), o)
    assert all(isinstance(s, str) for s in o.seeds)
    path = tmp_path / "g.igraph"
    G.save(path)
    _same_im(D.influence_maximization(None, 4, p=p, epsilon=0.2, seed=9, path=path, client=client), o)


def test_imm_errors_on_the_client(client, rmat, monkeypatch):
    from impactgraph.errors import InvalidGraphError, InvalidParameterError

    def no_cluster(c):
        raise AssertionError("a cluster was used before the arguments were checked")

    with monkeypatch.context() as m:
        m.setattr(D, "_client", no_cluster)
        for kw, exc, fragment in [
            ({"k": 0}, InvalidParameterError, "invalid k"),
            ({"k": rmat.num_nodes + 1}, InvalidParameterError, "invalid k"),
            ({"epsilon": 1.5}, InvalidParameterError, "invalid epsilon"),
            ({"ell": 0.0}, InvalidParameterError, "invalid ell"),
            ({"model": "sir"}, InvalidParameterError, "invalid model"),
            ({"p": 1.5}, InvalidParameterError, "invalid p"),
            ({"p": [0.1, 0.2]}, InvalidParameterError, "one probability per edge"),
            ({"p": "cascade"}, InvalidParameterError, "invalid p"),
            ({"epsilon": "x"}, TypeError, "epsilon"),
        ]:
            args = {"k": 2, **kw}
            with pytest.raises(exc, match=fragment):
                D.influence_maximization(rmat, args.pop("k"), **args)
            one = {"k": 2, **kw}
            with pytest.raises(exc, match=fragment):
                diffusion.influence_maximization(rmat, one.pop("k"), **one)
        neg = ig.Graph.from_edges([0, 1], [1, 2], [1.0, -1.0], directed=True)
        with pytest.raises(InvalidGraphError):
            D.influence_maximization(neg, 1, model="lt")
        with pytest.raises(TypeError, match="path"):
            D.influence_maximization(None, 1)
    with pytest.raises(InvalidParameterError, match="blocks"):
        D.influence_maximization(rmat, 2, client=client, blocks=0)


# ---- per-subnetwork analysis ------------------------------------------------------------------


@pytest.fixture(scope="module")
def network():
    rng = np.random.default_rng(7)
    members = [f"m{i}" for i in range(120)]
    orgs = [f"o{i}" for i in range(6)]
    nodes = {"node": members + orgs, "level": ["member"] * 120 + ["org"] * 6}
    pairs = {(min(a, b), max(a, b)) for a, b in rng.integers(0, 120, (600, 2)).tolist() if a != b}
    ties = {"source": [members[a] for a, _ in sorted(pairs)], "target": [members[b] for _, b in sorted(pairs)]}
    mships = sorted({(i % 120, int(g)) for i, g in enumerate(rng.integers(0, 6, 200))})
    mem = {"member": [members[i] for i, _ in mships], "group": [orgs[g] for _, g in mships]}
    return ig.multilevel.MultiLevelNetwork.from_tables(nodes, ties, mem)


def test_local_networks_are_the_groups_members(network):
    groups, members, G = D.local_networks(network, "org")
    assert groups == [f"o{i}" for i in range(6)]
    for g, m in zip(groups, members):
        assert sorted(G.labels[i] for i in m.tolist()) == sorted(network.members_of(g))
    with pytest.raises(ig.errors.InvalidParameterError, match="lowest level"):
        D.local_networks(network, "member")


def test_analyze_subnetworks_equals_local(client, network):
    import networkx as nx
    import pandas as pd

    df = D.analyze_subnetworks(network, level="org", client=client)
    groups, members, G = D.local_networks(network, "org")
    local = pd.DataFrame(
        [D.analyze_subnetwork(D._induced(G, m)) for m in members], index=pd.Index(groups, name="subnetwork")
    )
    pd.testing.assert_frame_equal(df, local)
    # the oracle for the local networks themselves: networkx's induced subgraph
    H = G.to_networkx().subgraph([G.labels[i] for i in members[0].tolist()])
    assert df.loc["o0", "nodes"] == H.number_of_nodes() and df.loc["o0", "edges"] == H.number_of_edges()
    assert df.loc["o0", "components"] == nx.number_connected_components(H)
    assert df.loc["o0", "max_core"] == max(nx.core_number(nx.Graph(H).copy()).values())


def test_analyze_subnetworks_of_graphs(client, rmat, weighted_directed):
    import pandas as pd

    graphs = {"rmat": rmat, "wd": weighted_directed, "empty": ig.Graph.from_edges(np.zeros(0, int), np.zeros(0, int), num_nodes=0)}
    df = D.analyze_subnetworks(graphs, client=client, measures=("degree", "pagerank", "communities"))
    want = pd.DataFrame(
        [D.analyze_subnetwork(H, measures=("degree", "pagerank", "communities")) for H in graphs.values()],
        index=pd.Index(list(graphs), name="subnetwork"),
    )
    pd.testing.assert_frame_equal(df, want)
    assert df.loc["rmat", "top_connector"] == int(np.argmax(ig.degree(rmat)))
    with pytest.raises(ig.errors.InvalidParameterError, match="unknown measures"):
        D.analyze_subnetworks([rmat], measures=("nope",), client=client)
    with pytest.raises(TypeError, match="MultiLevelNetwork"):
        D.analyze_subnetworks([rmat], level="org", client=client)


# ---- fault tolerance --------------------------------------------------------------------------


def test_killed_worker_is_retried_without_changing_the_result():
    G = ig.generators.rmat(13, edge_factor=8, seed=2)
    want = ig.betweenness_centrality(G, k=3000, seed=6)
    cluster, client = _cluster()
    try:
        pids = client.run(os.getpid)
        killed = []

        def kill_when_busy():
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                for w, tasks in client.processing().items():
                    if any(str(t).startswith("_bc_task") for t in tasks):
                        os.kill(pids[w], signal.SIGKILL)
                        killed.append(time.monotonic())
                        return
                time.sleep(0.01)

        t = threading.Thread(target=kill_when_busy)
        t.start()
        got = D.betweenness(G, k=3000, seed=6, client=client, blocks=16)
        done = time.monotonic()
        t.join()
        assert killed and killed[0] < done, "no worker was killed during the run"
        assert np.array_equal(got, want)
    finally:
        client.close()
        cluster.close()


def test_killed_worker_during_imm_gives_the_same_seeds():
    G = ig.generators.rmat(12, edge_factor=8, seed=3)
    kw = {"p": 0.05, "epsilon": 0.2, "seed": 5}
    want = diffusion.influence_maximization(G, 5, **kw)
    cluster, client = _cluster()
    try:
        pids = client.run(os.getpid)
        killed = []

        def kill_when_busy():
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                for w, tasks in client.processing().items():
                    if any(str(t).startswith("_rr_task") for t in tasks):
                        os.kill(pids[w], signal.SIGKILL)
                        killed.append(time.monotonic())
                        return
                time.sleep(0.005)

        t = threading.Thread(target=kill_when_busy)
        t.start()
        got = D.influence_maximization(G, 5, client=client, blocks=8, **kw)
        done = time.monotonic()
        t.join()
        assert killed and killed[0] < done, "no worker was killed during the run"
        _same_im(got, want)
    finally:
        client.close()
        cluster.close()
