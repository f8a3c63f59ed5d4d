"""The LFR benchmark generator (``generators.lfr``): a simple graph with the planted degree
sequence, community sizes and mixing parameter; reproducible on any thread count; networkx's
parameter errors; and agreement with networkx's ``LFR_benchmark_graph`` where the two draw from
the same distributions.

Statistical bands are Z = 6 standard deviations (normal tail 2e-9 per check); the seeds are
fixed, so the tests are deterministic.
"""

from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np
import pytest
from networkx.generators import community as nxc

import impactgraph as ig
from impactgraph.errors import InvalidParameterError

Z = 6.0

#: The benchmark setting of the task: tau1 = 3, tau2 = 1.5, average degree 20, max degree 100,
#: communities of 50 to 500 nodes.
BENCH = dict(average_degree=20, max_degree=100, min_community=50, max_community=500)


def stats(G: ig.Graph, comm: np.ndarray) -> dict:
    """Degrees, realised mixing (mean over nodes of the fraction of edges leaving the node's
    community) and community sizes, computed from the edge list."""
    s, d, _ = G.edges()
    n = G.num_nodes
    s = s.astype(np.int64)
    d = d.astype(np.int64)
    deg = np.bincount(s, minlength=n) + np.bincount(d, minlength=n)
    cross = comm[s] != comm[d]
    ext = np.bincount(s, weights=cross, minlength=n) + np.bincount(d, weights=cross, minlength=n)
    mixing = float(np.mean(np.where(deg > 0, ext / np.maximum(deg, 1), 0.0)))
    return {"deg": deg, "mixing": mixing, "sizes": np.bincount(comm), "src": s, "dst": d}


def truncated_zipf(tau: float, lo: int, hi: int) -> tuple[float, float]:
    """Mean and standard deviation of P(k) ∝ k**-tau on lo..hi."""
    k = np.arange(lo, hi + 1, dtype=float)
    p = k**-tau
    p /= p.sum()
    mean = float((k * p).sum())
    return mean, float(math.sqrt(((k - mean) ** 2 * p).sum()))


# ---- structure ---------------------------------------------------------------------------------


@pytest.mark.parametrize("mu", [0.1, 0.2, 0.3, 0.45, 0.6])
def test_planted_structure(mu):
    n = 5000
    G, comm = ig.lfr(n, 3, 1.5, mu, **BENCH, seed=17)
    st = stats(G, comm)
    assert G.num_nodes == n and comm.shape == (n,) and comm.dtype == np.int32
    assert not G.directed and G.num_self_loops == 0
    # Simple: the edge list has no loop and no repeated pair (networkx agrees).
    s, d = st["src"], st["dst"]
    assert (s != d).all()
    assert len(set(zip(s.tolist(), d.tolist()))) == G.num_edges
    H = nx.Graph(list(zip(s.tolist(), d.tolist())))
    assert nx.number_of_selfloops(H) == 0 and H.number_of_edges() == G.num_edges
    # Community sizes in [min_community, max_community], summing to n, ids 0..k-1.
    sizes = st["sizes"]
    assert sizes.sum() == n and (sizes >= 50).all() and (sizes <= 500).all()
    # Degrees: mean within 5 % of the request, never above max_degree.
    deg = st["deg"]
    assert abs(deg.mean() - 20) <= 0.05 * 20, deg.mean()
    assert deg.max() <= 100
    # Mixing within 0.02 of mu (the rounding of (1 - mu) k biases small degrees a little).
    assert abs(st["mixing"] - mu) <= 0.02, st["mixing"]


def test_degree_distribution_is_the_planted_power_law():
    """Mean degree within a Z band of the exact truncated-Zipf mean, and the maximum-likelihood
    exponent of the realised degrees close to tau1 on a large graph."""
    n, tau1, kmin, kmax = 100_000, 2.5, 10, 1000
    G, comm = ig.lfr(n, tau1, 1.5, 0.3, min_degree=kmin, max_degree=kmax, min_community=100,
                     max_community=3000, seed=5)
    deg = stats(G, comm)["deg"]
    mean, sd = truncated_zipf(tau1, kmin, kmax)
    assert abs(deg.mean() - mean) <= Z * sd / math.sqrt(n) + 0.005 * mean
    assert deg.max() <= kmax
    # Discrete power-law MLE (Clauset, Shalizi & Newman 2009, eq. 3.7), on k >= kmin.
    k = deg[deg >= kmin].astype(float)
    tau_hat = 1 + len(k) / np.log(k / (kmin - 0.5)).sum()
    assert abs(tau_hat - tau1) < 0.1, tau_hat
    # The histogram's log-log slope between kmin and 10 kmin (a second, cruder estimate).
    ks = np.arange(kmin, 10 * kmin + 1)
    counts = np.bincount(deg, minlength=kmax + 1)[ks]
    keep = counts > 0
    slope = np.polyfit(np.log(ks[keep]), np.log(counts[keep]), 1)[0]
    assert abs(-slope - tau1) < 0.25, slope


def test_average_degree_is_hit_where_networkx_rounds_it_away():
    """With average_degree, the lower cut-off is solved exactly; networkx rounds it to an
    integer and misses (tau1 = 3, average_degree = 5: a power law on [2, 250] has mean 3.17)."""
    for avg, kmax in [(5, 250), (10, 100), (20, 100)]:
        G, comm = ig.lfr(20_000, 3, 1.5, 0.3, average_degree=avg, max_degree=kmax, min_community=kmax,
                         max_community=2 * kmax, seed=2)
        assert abs(stats(G, comm)["deg"].mean() - avg) <= 0.03 * avg
    nx_min = nxc._generate_min_degree(3, 5, 250, 1e-7, 500)
    assert truncated_zipf(3, nx_min, 250)[0] < 0.7 * 5


def test_extreme_mixing():
    for mu, expected in [(0.0, 0.0), (1.0, 1.0)]:
        G, comm = ig.lfr(3000, 3, 1.5, mu, **BENCH, seed=4)
        assert stats(G, comm)["mixing"] == expected


# ---- determinism ------------------------------------------------------------------------------


def test_same_seed_same_graph_on_any_thread_count():
    def run(threads, seed=123):
        G, comm = ig.lfr(30_000, 3, 1.5, 0.3, **BENCH, seed=seed, threads=threads)
        s, d, _ = G.edges()
        return s, d, comm

    one, two = run(1), run(2)
    for a, b in zip(one, two):
        assert np.array_equal(a, b)
    other = run(2, seed=124)
    assert not np.array_equal(one[2], other[2]) or not np.array_equal(one[0], other[0])
    np.random.seed(0)  # seed=None draws fresh entropy: two calls differ
    a, b = ig.lfr(2000, 3, 1.5, 0.3, **BENCH), ig.lfr(2000, 3, 1.5, 0.3, **BENCH)
    assert a[0].num_edges != b[0].num_edges or not np.array_equal(a[1], b[1])


# ---- errors -----------------------------------------------------------------------------------

#: Parameter sets networkx rejects (NetworkXError, ValueError or ExceededMaxIterations), with a
#: fragment of our message.
NX_ERRORS = [
    (dict(n=100, tau1=1, tau2=1.5, mu=0.1, average_degree=5), "tau1"),
    (dict(n=100, tau1=3, tau2=0.5, mu=0.1, average_degree=5), "tau2"),
    (dict(n=100, tau1=3, tau2=1.5, mu=-0.1, average_degree=5), "mu"),
    (dict(n=100, tau1=3, tau2=1.5, mu=1.1, average_degree=5), "mu"),
    (dict(n=100, tau1=3, tau2=1.5, mu=float("nan"), average_degree=5), "mu"),
    (dict(n=100, tau1=3, tau2=1.5, mu=0.1, average_degree=5, max_degree=0), "max_degree"),
    (dict(n=100, tau1=3, tau2=1.5, mu=0.1, average_degree=5, max_degree=101), "max_degree"),
    (dict(n=0, tau1=3, tau2=1.5, mu=0.1, average_degree=5, max_degree=1), "n"),
    (dict(n=100, tau1=3, tau2=1.5, mu=0.1, average_degree=5, min_degree=2), "exactly one"),
    (dict(n=100, tau1=3, tau2=1.5, mu=0.1), "exactly one"),
    (dict(n=100, tau1=3, tau2=1.5, mu=0.1, min_degree=0), "min_degree"),
    (dict(n=100, tau1=3, tau2=1.5, mu=0.1, average_degree=30, max_degree=20), "average_degree"),
    (dict(n=100, tau1=3, tau2=1.5, mu=0.1, average_degree=0.5), "average_degree"),
    (dict(n=100, tau1=3, tau2=1.5, mu=0.1, min_degree=3, min_community=0, max_community=50), "min_community"),
    (dict(n=100, tau1=3, tau2=1.5, mu=0.1, min_degree=3, min_community=20, max_iters=0), "max_iters"),
    (dict(n=100, tau1=2, tau2=1.5, mu=0.1, min_degree=10, max_degree=50, min_community=5, max_community=10),
     "internal degree"),
]


@pytest.mark.parametrize("kwargs,fragment", NX_ERRORS)
def test_networkx_parameter_errors(kwargs, fragment):
    with pytest.raises((nx.NetworkXError, nx.ExceededMaxIterations, ValueError)):
        nx.LFR_benchmark_graph(**kwargs, seed=1)
    with pytest.raises(InvalidParameterError, match=fragment):
        ig.lfr(**kwargs, seed=1)


@pytest.mark.parametrize(
    "kwargs,fragment",
    [
        # networkx never returns on these (its bounded Zipf draw rejects forever).
        (dict(min_degree=60, max_degree=50), "min_degree"),
        (dict(min_degree=3, min_community=60, max_community=50), "min_community"),
        (dict(min_degree=3, min_community=101), "min_community"),
        (dict(average_degree=5, tol=0.0), "tol"),
        (dict(average_degree=5, tol=-1.0), "tol"),
    ],
)
def test_parameter_errors_where_networkx_loops(kwargs, fragment):
    with pytest.raises(InvalidParameterError, match=fragment):
        ig.lfr(100, 3, 1.5, 0.1, **kwargs, seed=1)


@pytest.mark.parametrize(
    "args,kwargs",
    [
        ((100.0, 3, 1.5, 0.1), dict(average_degree=5)),
        ((100, "3", 1.5, 0.1), dict(average_degree=5)),
        ((100, 3, 1.5, None), dict(average_degree=5)),
        ((100, 3, 1.5, 0.1), dict(min_degree=2.5)),
        ((100, 3, 1.5, 0.1), dict(average_degree="5")),
        ((100, 3, 1.5, 0.1), dict(average_degree=5, max_iters=1.5)),
        ((100, 3, 1.5, 0.1), dict(average_degree=5, seed=1.5)),
    ],
)
def test_type_errors(args, kwargs):
    with pytest.raises(TypeError):
        ig.lfr(*args, **kwargs)


def test_negative_integers_are_invalid():
    with pytest.raises(InvalidParameterError, match="min_degree"):
        ig.lfr(100, 3, 1.5, 0.1, min_degree=-1)
    with pytest.raises(InvalidParameterError, match="threads|seed"):
        ig.lfr(100, 3, 1.5, 0.1, min_degree=3, seed=-1)


# ---- agreement with networkx --------------------------------------------------------------------


def test_degree_and_size_distributions_agree_with_networkx():
    """networkx's own samplers (the ones LFR_benchmark_graph calls) and ours, same parameters:
    the pooled mean degree and mean community size agree within Z standard errors."""
    n, tau1, tau2, kmin, kmax, cmin, cmax = 2000, 3.0, 1.5, 3, 30, 20, 80
    rng = random.Random(0)
    nx_deg, nx_sizes, our_deg, our_sizes = [], [], [], []
    for seed in range(10):
        nx_deg += nxc._powerlaw_sequence(tau1, kmin, kmax, lambda s: sum(s) % 2 == 0,
                                         lambda s: len(s) >= n, 500, rng)
        nx_sizes += nxc._powerlaw_sequence(tau2, cmin, cmax, lambda s: sum(s) == n,
                                           lambda s: sum(s) >= n, 500, rng)
        G, comm = ig.lfr(n, tau1, tau2, 0.1, min_degree=kmin, max_degree=kmax, min_community=cmin,
                         max_community=cmax, seed=seed)
        st = stats(G, comm)
        our_deg += st["deg"].tolist()
        our_sizes += st["sizes"].tolist()
    for ours, theirs, what in [(our_deg, nx_deg, "degree"), (our_sizes, nx_sizes, "community size")]:
        a, b = np.asarray(ours, float), np.asarray(theirs, float)
        se = math.sqrt(a.var() / len(a) + b.var() / len(b))
        assert abs(a.mean() - b.mean()) <= Z * se, f"{what}: {a.mean()} vs networkx {b.mean()}"
    # Both are the truncated Zipf of tau1 on [kmin, kmax].
    mean, sd = truncated_zipf(tau1, kmin, kmax)
    assert abs(np.mean(our_deg) - mean) <= Z * sd / math.sqrt(len(our_deg)) + 0.01 * mean


def test_whole_graph_agrees_with_networkx_example():
    """networkx's documented example size (n = 250, tau1 = 3, tau2 = 1.5, mu = 0.1) with a given
    min_degree, a few seeds of each. Community sizes agree; our graphs keep the planted degree
    sequence and mu, while networkx's greedy wiring overshoots both and keeps self-loops (its
    realised mean degree is about 6.1 for a planted 4.7 and its mixing about 0.09, with
    rounding, against a planted 0.05): those are checked as such."""
    params = dict(min_degree=3, max_degree=30, min_community=20, max_community=80)
    mean_deg, _ = truncated_zipf(3, 3, 30)
    nx_sizes, our_sizes, nx_deg, our_deg, nx_mix, our_mix = [], [], [], [], [], []
    for seed in range(8):
        try:
            H = nx.LFR_benchmark_graph(250, 3, 1.5, 0.1, **params, seed=seed)
        except nx.ExceededMaxIterations:  # networkx gives up on some seeds
            continue
        comms = {frozenset(H.nodes[v]["community"]) for v in H}
        nx_sizes += [len(c) for c in comms]
        label = {v: i for i, c in enumerate(comms) for v in c}
        nx_deg.append(np.mean([d for _, d in H.degree()]))
        nx_mix.append(np.mean([sum(label[w] != label[v] for w in H[v]) / len(H[v]) for v in H]))
        G, comm = ig.lfr(250, 3, 1.5, 0.1, **params, seed=seed)
        st = stats(G, comm)
        our_sizes += st["sizes"].tolist()
        our_deg.append(st["deg"].mean())
        our_mix.append(st["mixing"])
    assert len(nx_deg) >= 4
    assert min(nx_sizes) >= 20 and max(nx_sizes) <= 80 and min(our_sizes) >= 20 and max(our_sizes) <= 80
    a, b = np.asarray(our_sizes, float), np.asarray(nx_sizes, float)
    assert abs(a.mean() - b.mean()) <= Z * math.sqrt(a.var() / len(a) + b.var() / len(b))
    # Ours: the planted degree mean (sd of a 250-node mean of this law is about 0.16).
    assert abs(np.mean(our_deg) - mean_deg) <= 0.05 * mean_deg
    # Planted mixing of this degree law with networkx's rounding round((1 - mu) k).
    k = np.arange(3, 31, dtype=float)
    p = k**-3.0 / (k**-3.0).sum()
    planted = float((p * (k - np.round(0.9 * k)) / k).sum())
    assert abs(np.mean(our_mix) - planted) <= 0.02
    # networkx's wiring adds edges until each node reaches its degree, counting edges other
    # nodes gave it and self-loops twice: more edges, and more of them external.
    assert np.mean(nx_deg) > np.mean(our_deg)
    assert np.mean(nx_mix) > np.mean(our_mix)
