"""The embedded example's generator, ``impact_network_tables`` / ``impact_network``: schema,
structural invariants (levels, duplicates, times), reproducibility, and statistics against the
model's stated parameters.

Statistical checks use bands of Z = 6 standard deviations (as tests/test_generators.py); the
seeds are fixed, so the tests are deterministic.
"""

from __future__ import annotations

import hashlib
import math
import os
import subprocess
import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import impactgraph as ig
from impactgraph.errors import InvalidParameterError
from impactgraph.generators import REGIONS, SECTORS, impact_network_tables

Z = 6.0
LEVELS = ["member", "organization", "local_network", "meta_network"]
SMALL = dict(n_members=2_000, n_organizations=60, n_local_networks=6, n_meta_networks=2)
MEDIUM = dict(n_members=20_000, n_organizations=600, n_local_networks=30, n_meta_networks=4)


def digest(tables) -> str:
    h = hashlib.sha256()
    for df in tables:
        h.update(pd.util.hash_pandas_object(df, index=True).to_numpy().tobytes())
        h.update(",".join(df.columns).encode())
    return h.hexdigest()


@pytest.fixture(scope="module")
def small():
    return impact_network_tables(**SMALL, seed=3)


@pytest.fixture(scope="module")
def medium():
    return impact_network_tables(**MEDIUM, seed=11)


def check_invariants(nodes, ties, memberships, sizes, first_year=2016, last_year=2025):
    """Everything the docstring promises that does not depend on chance."""
    # schema and dtypes
    assert list(nodes.columns) == ["node", "level", "sector", "region", "joined"]
    assert list(ties.columns) == ["source", "target", "weight", "time"]
    assert list(memberships.columns) == ["member", "group", "time"]
    for df, cols in ((nodes, ["node", "level", "sector", "region"]), (ties, ["source", "target"]),
                     (memberships, ["member", "group"])):
        for c in cols:
            assert pd.api.types.is_string_dtype(df[c]), (c, df[c].dtype)
    assert nodes["joined"].dtype == np.int64
    assert ties["time"].dtype == np.int64 and memberships["time"].dtype == np.int64
    assert ties["weight"].dtype == np.float64
    w = ties["weight"].to_numpy()
    assert (w >= 1).all() and (w == np.round(w)).all()

    # sizes per level, exact, in level order; unique labels with the documented prefixes
    counts = [sizes["n_members"], sizes["n_organizations"], sizes["n_local_networks"], sizes["n_meta_networks"]]
    assert nodes["level"].tolist() == [lv for lv, c in zip(LEVELS, counts) for _ in range(c)]
    assert nodes["node"].is_unique
    for lv, prefix, c in zip(LEVELS, "molx", counts):
        labels = nodes.loc[nodes["level"] == lv, "node"]
        width = len(str(c))
        assert labels.tolist() == [f"{prefix}{i:0{width}d}" for i in range(1, c + 1)]

    level_of = dict(zip(nodes["node"], nodes["level"].map(LEVELS.index)))
    joined = dict(zip(nodes["node"], nodes["joined"]))

    # ties: known nodes, one level, no self-loops, no duplicates (undirected)
    s = ties["source"].map(level_of)
    t = ties["target"].map(level_of)
    assert not s.isna().any() and not t.isna().any()
    assert (s == t).all()
    assert set(s.unique()) <= {0, 1}  # member ties and organization partnerships only
    assert (ties["source"] != ties["target"]).all()
    pairs = set()
    for a, b in zip(ties["source"], ties["target"]):
        pairs.add((min(a, b), max(a, b)))
    assert len(pairs) == len(ties)

    # memberships: exactly one level up, no duplicates, everyone below the top has one
    ml = memberships["member"].map(level_of)
    gl = memberships["group"].map(level_of)
    assert not ml.isna().any() and not gl.isna().any()
    assert (gl == ml + 1).all()
    assert not memberships.duplicated(["member", "group"]).any()
    below_top = set(nodes.loc[nodes["level"] != "meta_network", "node"])
    assert set(memberships["member"]) == below_top
    # organizations in 1-2 local networks, local networks in 1-2 meta-networks
    k = memberships.loc[ml > 0, "member"].value_counts()
    assert k.max() <= 2

    # attributes from the given names; times in range and causal
    assert set(nodes["sector"]) <= set(SECTORS) and set(nodes["region"]) <= set(REGIONS)
    for col in (nodes["joined"], ties["time"], memberships["time"]):
        assert col.between(first_year, last_year).all()
    tj = np.maximum(ties["source"].map(joined), ties["target"].map(joined))
    assert (ties["time"] >= tj).all()
    mj = np.maximum(memberships["member"].map(joined), memberships["group"].map(joined))
    assert (memberships["time"] >= mj).all()
    # a member's joined year is the year of its first membership
    first = memberships.groupby("member")["time"].min()
    n = sizes["n_members"]
    assert (first.reindex(nodes["node"][:n]).to_numpy() == nodes["joined"][:n].to_numpy()).all()


def test_invariants_small(small):
    check_invariants(*small, SMALL)


@pytest.mark.parametrize(
    "sizes",
    [
        dict(n_members=1, n_organizations=1, n_local_networks=1, n_meta_networks=1),
        dict(n_members=5, n_organizations=10, n_local_networks=3, n_meta_networks=2),  # more orgs than members
        dict(n_members=50, n_organizations=3, n_local_networks=5, n_meta_networks=7),  # inverted pyramid
        dict(n_members=300, n_organizations=2, n_local_networks=1, n_meta_networks=1),
    ],
)
def test_invariants_tiny_and_odd_shapes(sizes):
    tables = impact_network_tables(**sizes, seed=5)
    check_invariants(*tables, sizes)


def test_single_year_and_custom_names():
    sizes = dict(n_members=200, n_organizations=10, n_local_networks=3, n_meta_networks=1)
    nodes, ties, memberships = impact_network_tables(
        **sizes, sectors=["a", "b"], regions=["r"], first_year=2020, last_year=2020, seed=1
    )
    assert set(nodes["sector"]) == {"a", "b"} and set(nodes["region"]) == {"r"}
    assert set(nodes["joined"]) == {2020} and set(ties["time"]) == {2020} and set(memberships["time"]) == {2020}


# ---------------------------------------------------------------- reproducibility


def test_same_seed_same_tables_different_seed_different(small):
    again = impact_network_tables(**SMALL, seed=np.uint8(3))
    for a, b in zip(small, again):
        pd.testing.assert_frame_equal(a, b)
    other = impact_network_tables(**SMALL, seed=4)
    assert not small[1].equals(other[1])
    assert not small[2].equals(other[2])


def test_same_tables_in_another_process_with_other_thread_settings(small):
    code = (
        "import sys, hashlib, pandas as pd\n"
        f"sys.path.insert(0, {os.path.dirname(__file__)!r})\n"
        "from test_generators_impact import digest, SMALL\n"
        "from impactgraph.generators import impact_network_tables\n"
        "print(digest(impact_network_tables(**SMALL, seed=3)))\n"
    )
    env = dict(os.environ, RAYON_NUM_THREADS="1", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
               PYTHONHASHSEED="123")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == digest(small)


# ---------------------------------------------------------------- statistics


def member_degrees(nodes, ties, n):
    m = ties[ties["source"].str.startswith("m")]
    ids = {lab: i for i, lab in enumerate(nodes["node"][:n])}
    deg = np.bincount(m["source"].map(ids), minlength=n) + np.bincount(m["target"].map(ids), minlength=n)
    return deg, m


def test_tie_counts_exact(medium):
    nodes, ties, _ = medium
    n = MEDIUM["n_members"]
    deg, m = member_degrees(nodes, ties, n)
    assert len(m) == round(n * 10.0 / 2)  # mean member degree 10, exactly
    assert deg.mean() == pytest.approx(10.0)
    org_ties = ties[ties["source"].str.startswith("o")]
    assert len(org_ties) == round(MEDIUM["n_organizations"] * 4.0 / 2)
    assert len(ties) == len(m) + len(org_ties)


def test_memberships_match_the_poisson_model(medium):
    nodes, _, memberships = medium
    n = MEDIUM["n_members"]
    k = memberships[memberships["member"].str.startswith("m")]["member"].value_counts()
    assert len(k) == n and k.min() >= 1
    lam = 1.3 - 1.0
    # mean number of organizations: 1 + Poisson(0.3)
    assert_band(k.mean(), 1.3, math.sqrt(lam / n), "mean memberships")
    # share in >= 2 organizations: 1 - exp(-0.3)
    p2 = 1 - math.exp(-lam)
    assert_band((k >= 2).mean(), p2, math.sqrt(p2 * (1 - p2) / n), "share of bridging members")
    p3 = 1 - math.exp(-lam) * (1 + lam)
    assert_band((k >= 3).mean(), p3, math.sqrt(p3 * (1 - p3) / n), "share in >= 3 organizations")


def test_degrees_are_heavy_tailed(medium):
    nodes, ties, _ = medium
    deg, _ = member_degrees(nodes, ties, MEDIUM["n_members"])
    assert deg.max() >= 20 * deg.mean()
    # a Poisson(10) degree would reach 50 with probability ~1e-16; the activity tail gives ~1 %
    assert (deg >= 50).mean() >= 0.005
    assert np.median(deg) < deg.mean()


def assert_band(x: float, mean: float, sd: float, what: str) -> None:
    assert abs(x - mean) <= Z * sd, f"{what}: {x} not within {Z} sd ({sd:.3g}) of {mean:.6g}"


def test_ties_follow_the_hierarchy_and_cross_it(medium):
    nodes, ties, memberships = medium
    m = ties[ties["source"].str.startswith("m")]
    mm = memberships[memberships["member"].str.startswith("m")]
    tie = pd.DataFrame({"tie": np.arange(len(m)), "source": m["source"].to_numpy(), "target": m["target"].to_numpy()})
    s_orgs = tie.merge(mm, left_on="source", right_on="member")[["tie", "group"]]
    t_orgs = tie.merge(mm, left_on="target", right_on="member")[["tie", "group"]]
    share = s_orgs.merge(t_orgs, on=["tie", "group"])["tie"].nunique() / len(m)
    # 62 % of drawn ties are inside a shared organization; repeats (discarded) are commonest
    # there, so about 56 % of the kept ties share an organization
    assert 0.45 <= share <= 0.8
    region = nodes.set_index("node")["region"]
    same_region = float(np.mean(region[m["source"]].to_numpy() == region[m["target"]].to_numpy()))
    assert 0.6 <= same_region < 0.98  # mostly regional, but ties cross regions


def test_organization_partition_is_modular(small):
    nodes, ties, memberships = small
    members = nodes.loc[nodes["level"] == "member", "node"]
    m = ties[ties["source"].str.startswith("m")]
    G = nx.Graph()
    G.add_nodes_from(members)
    G.add_edges_from(zip(m["source"], m["target"]))
    mm = memberships[memberships["member"].str.startswith("m")].drop_duplicates("member")
    blocks: dict[str, set[str]] = {}
    for v, g in zip(mm["member"], mm["group"]):
        blocks.setdefault(g, set()).add(v)
    q = nx.community.modularity(G, list(blocks.values()))
    assert q > 0.25
    # and a shuffled assignment of the same block sizes is not modular
    rng = np.random.default_rng(0)
    perm = rng.permutation(np.array(mm["member"]))
    shuffled: dict[str, set[str]] = {}
    for v, g in zip(perm, mm["group"]):
        shuffled.setdefault(g, set()).add(v)
    assert abs(nx.community.modularity(G, list(shuffled.values()))) < 0.05
    # one giant component
    assert len(max(nx.connected_components(G), key=len)) >= 0.98 * len(members)
    # a core: the 2 % best-connected members are far denser among themselves than the whole
    deg = dict(G.degree())
    top = sorted(deg, key=lambda v: (deg[v], v))[-len(deg) // 50 :]
    assert nx.density(G.subgraph(top)) >= 10 * nx.density(G)
    assert max(nx.core_number(G).values()) >= 6


def test_network_grows_over_time(medium):
    nodes, ties, _ = medium
    members = nodes[nodes["level"] == "member"]
    per_year = members["joined"].value_counts().sort_index()
    assert per_year.index.min() == 2016 and per_year.index.max() == 2025
    cum_members = per_year.cumsum()
    cum_ties = ties["time"].value_counts().sort_index().cumsum()
    # growth over several years: no year has more than a third of either
    assert per_year.max() <= len(members) / 3
    assert ties["time"].value_counts().max() <= len(ties) / 2.5
    assert cum_members.loc[2020] <= 0.6 * len(members) and cum_ties.loc[2020] <= 0.5 * len(ties)


def test_default_size():
    nodes, ties, memberships = impact_network_tables()
    counts = nodes["level"].value_counts()
    assert counts.to_dict() == {"member": 100_000, "organization": 3_000, "local_network": 150, "meta_network": 8}
    assert nodes["node"].iloc[0] == "m000001" and nodes["node"].iloc[-1] == "x8"
    assert (ties["source"].str.startswith("m")).sum() == 500_000
    assert set(nodes["sector"]) == set(SECTORS) and set(nodes["region"]) == set(REGIONS)
    assert memberships["member"].str.startswith("m").sum() == pytest.approx(130_000, rel=0.02)


# ---------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    "kwargs, exc, fragment",
    [
        (dict(n_members=0), InvalidParameterError, "n_members"),
        (dict(n_organizations=-1), InvalidParameterError, "n_organizations"),
        (dict(n_local_networks=0), InvalidParameterError, "n_local_networks"),
        (dict(n_meta_networks=0), InvalidParameterError, "n_meta_networks"),
        (dict(n_members=2**30 + 1), InvalidParameterError, "n_members"),
        (dict(n_members=10.0), TypeError, "n_members"),
        (dict(n_members=True), TypeError, "n_members"),
        (dict(mean_member_ties=0), InvalidParameterError, "mean_member_ties"),
        (dict(mean_member_ties=float("nan")), InvalidParameterError, "mean_member_ties"),
        (dict(mean_member_ties="10"), TypeError, "mean_member_ties"),
        (dict(mean_memberships=0.9), InvalidParameterError, "mean_memberships"),
        (dict(mean_memberships=float("inf")), InvalidParameterError, "mean_memberships"),
        (dict(mean_partnerships=-1.0), InvalidParameterError, "mean_partnerships"),
        (dict(sectors=[]), InvalidParameterError, "sectors"),
        (dict(sectors="health"), TypeError, "sectors"),
        (dict(regions=["a", "a"]), InvalidParameterError, "regions"),
        (dict(regions=[1, 2]), TypeError, "regions"),
        (dict(first_year=2026, last_year=2025), InvalidParameterError, "first_year"),
        (dict(first_year=2016.0), TypeError, "first_year"),
        (dict(seed=-1), InvalidParameterError, "seed"),
        (dict(seed=1.5), TypeError, "seed"),
    ],
)
def test_bad_arguments(kwargs, exc, fragment):
    args = dict(SMALL)
    args.update(kwargs)
    with pytest.raises(exc, match=fragment):
        impact_network_tables(**args)


def test_exported():
    assert ig.impact_network_tables is impact_network_tables
    assert "impact_network" in ig.generators.__all__


def test_impact_network_builds_a_multilevel_network(small):
    multilevel = pytest.importorskip("impactgraph.multilevel")
    net = ig.impact_network(**SMALL, seed=3)
    assert isinstance(net, multilevel.MultiLevelNetwork)
    nodes, ties, memberships = small
    assert tuple(net.levels) == tuple(LEVELS)
    assert net.level_counts() == {"member": 2_000, "organization": 60, "local_network": 6, "meta_network": 2}
    assert list(net.labels) == nodes["node"].tolist()
    src, dst, w = net.ties()
    assert len(src) == len(ties)
    mem, grp = net.memberships()
    assert len(mem) == len(memberships)
    assert net.timed
    assert list(net.attribute("region")) == nodes["region"].tolist()
    assert np.array_equal(np.asarray(net.attribute("joined"), dtype=np.int64), nodes["joined"].to_numpy())
    assert net.graph("member").num_edges == int(ties["source"].str.startswith("m").sum())
    assert sorted(np.asarray(net.tie_times()).tolist()) == sorted(ties["time"].tolist())
    snap = net.snapshot(2020)
    assert len(snap.ties()[0]) == int((ties["time"] <= 2020).sum())
    assert len(snap.memberships()[0]) == int((memberships["time"] <= 2020).sum())


@pytest.mark.hypothesis
def test_invariants_hold_for_random_parameters():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=25, deadline=None)
    @given(
        n_m=st.integers(1, 300),
        n_o=st.integers(1, 40),
        n_l=st.integers(1, 8),
        n_x=st.integers(1, 4),
        k_ties=st.floats(0.1, 60.0),
        k_mem=st.floats(1.0, 4.0),
        k_part=st.floats(0.1, 50.0),
        seed=st.integers(0, 2**64 - 1),
    )
    def check(n_m, n_o, n_l, n_x, k_ties, k_mem, k_part, seed):
        sizes = dict(n_members=n_m, n_organizations=n_o, n_local_networks=n_l, n_meta_networks=n_x)
        nodes, ties, memberships = impact_network_tables(
            **sizes, mean_member_ties=k_ties, mean_memberships=k_mem, mean_partnerships=k_part, seed=seed
        )
        check_invariants(nodes, ties, memberships, sizes)
        # exactly the requested number of ties when that many distinct pairs are possible
        n_member_ties = int(ties["source"].str.startswith("m").sum())
        assert n_member_ties <= min(round(n_m * k_ties / 2), n_m * (n_m - 1) // 2)
        n_org_ties = len(ties) - n_member_ties
        assert n_org_ties <= min(round(n_o * k_part / 2), n_o * (n_o - 1) // 2)
        k = memberships[memberships["member"].str.startswith("m")]["member"].value_counts()
        assert k.max() <= n_o

    check()
