"""The main job (``impactgraph.analyze`` and ``impactgraph analyze``): every output file is written
and consistent, the metrics agree with networkx (and Paul Revere's published betweenness), the
output folder is written atomically, the CLI reports errors in one line with exit code 2, and the
same seed gives identical tables on any number of threads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import impactgraph as ig
from impactgraph import analyze as an
from impactgraph.analyze import OUTPUT_FILES, StderrProgress, analyze, atomic_output_dir
from impactgraph.errors import GraphIOError, InvalidParameterError
from impactgraph.multilevel import MultiLevelNetwork

PKG_ROOT = str(Path(ig.__file__).resolve().parents[1])


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = PKG_ROOT + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("IMPACTGRAPH_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "impactgraph", "analyze", *args],
        capture_output=True, text=True, env=env, cwd=cwd, timeout=120,
    )


# ---- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tables():
    return ig.generators.impact_network_tables(
        n_members=3000, n_organizations=90, n_local_networks=6, n_meta_networks=2, seed=0
    )


@pytest.fixture(scope="module")
def net(tables):
    return MultiLevelNetwork.from_tables(*tables)


@pytest.fixture(scope="module")
def result(net, tmp_path_factory):
    out = tmp_path_factory.mktemp("an") / "report"
    return analyze(net, out, seed=7, diffusion_runs=50)


def _revere_tables(data_dir: Path):
    inc = pd.read_csv(data_dir / "paul_revere_affiliation" / "PaulRevereAppD.csv.gz", index_col=0)
    people, orgs = [str(x) for x in inc.index], [str(c) for c in inc.columns]
    r, c = np.nonzero(inc.to_numpy())
    nodes = pd.DataFrame({"node": people + orgs, "level": ["member"] * len(people) + ["organization"] * len(orgs)})
    memberships = pd.DataFrame({"member": [people[i] for i in r], "group": [orgs[j] for j in c]})
    return nodes, None, memberships


def _davis_tables(data_dir: Path):
    df = pd.read_csv(data_dir / "davis_southern_women" / "davis_women_events.tsv.gz", sep="\t")
    women = list(dict.fromkeys(df["woman"]))
    events = list(dict.fromkeys(df["event"]))
    nodes = pd.DataFrame({"node": women + events, "level": ["member"] * len(women) + ["organization"] * len(events)})
    return nodes, None, pd.DataFrame({"member": df["woman"], "group": df["event"]})


def _member_rows(nodes: pd.DataFrame, level: str = "member") -> pd.DataFrame:
    return nodes[nodes["level"] == level].reset_index(drop=True)


# ---- the analysis of a generated network -------------------------------------------------------


def test_files_written_and_consistent(result):
    out = result.out
    assert sorted(os.listdir(out)) == sorted(OUTPUT_FILES)
    pq = pd.read_parquet(out / "nodes.parquet")
    csv = pd.read_csv(out / "nodes.csv")
    assert list(pq.columns) == list(an.NODE_COLUMNS) == list(csv.columns)
    assert len(pq) == len(csv) == len(result.nodes)
    for col in ("degree", "core", "community"):
        assert np.array_equal(pq[col].to_numpy(), csv[col].to_numpy())
        assert np.array_equal(pq[col].to_numpy(), result.nodes[col].to_numpy())
    np.testing.assert_allclose(csv["pagerank"], pq["pagerank"], rtol=1e-12)
    assert pq["node"].tolist() == csv["node"].tolist() == result.nodes["node"].tolist()
    assert pq["bridging"].tolist() == csv["bridging"].tolist()
    summary = json.loads((out / "summary.json").read_text())
    assert summary["files"] == list(OUTPUT_FILES)
    assert summary["timings"]["total"] > 0 and "betweenness" in summary["timings"]
    html = (out / "report.html").read_text()
    assert html.lstrip().lower().startswith("<!doctype html")
    assert 'src="http' not in html and 'href="http' not in html  # self-contained
    no_temp = [p for p in out.parent.iterdir() if p.name.startswith(".report.")]
    assert no_temp == []


def test_every_node_of_every_level(result, net):
    nodes = result.nodes
    assert len(nodes) == net.num_nodes
    assert nodes["node"].tolist() == [
        net.labels[i] for lev in net.levels for i in net.level_nodes(lev).tolist()
    ]
    for i, lev in enumerate(net.levels):
        assert (nodes["level"] == lev).sum() == len(net.level_nodes(lev))
    assert nodes["role"].isin(list(ig.roles.ROLE_NAMES.values())).all()


def test_member_metrics_match_networkx(result, net):
    G = net.graph("member")
    H = G.to_networkx()
    rows = _member_rows(result.nodes)
    assert rows["node"].tolist() == list(G.labels)
    labels = list(G.labels)
    assert rows["degree"].tolist() == [H.degree(v) for v in labels]
    core = nx.core_number(H)
    assert rows["core"].tolist() == [core[v] for v in labels]
    # networkx's default stopping rule (L1 change < n * tol) is the kernel's: same iterates
    pr = nx.pagerank(H, weight="weight")
    np.testing.assert_allclose(rows["pagerank"], [pr[v] for v in labels], rtol=1e-6)
    np.testing.assert_array_equal(rows["pagerank"], ig.pagerank(G))
    # exact betweenness below 5,000 nodes: the kernel's exact values
    np.testing.assert_allclose(rows["betweenness"], ig.betweenness_centrality(G), rtol=1e-12)
    comms = [set(g["node"]) for _, g in rows.groupby("community")]
    assert result.summary["communities"]["modularity"] == pytest.approx(
        nx.community.modularity(H, comms, weight="weight"), abs=1e-9
    )
    assert result.summary["communities"]["count"] == len(comms)


def test_bridging_flag_brute_force(result, tables):
    nodes_t, _, memb = tables
    members = set(nodes_t.loc[nodes_t["level"] == "member", "node"])
    memb = memb[memb["member"].isin(members)]
    counts = memb.groupby("member")["group"].nunique()
    expected = set(counts[counts >= 2].index)
    rows = _member_rows(result.nodes)
    assert set(rows.loc[rows["bridging"], "node"]) == expected
    assert result.summary["bridging"]["count"] == len(expected)
    top = result.summary["bridging"]["top"]
    assert all(t["groups"] == counts[t["node"]] for t in top)
    assert all(t["pairs"] == t["groups"] * (t["groups"] - 1) // 2 for t in top)
    top_level = result.nodes[result.nodes["level"] == "meta_network"]
    assert not top_level["bridging"].any()


def test_communities_table(result, tables):
    nodes_t = tables[0]
    rows = _member_rows(result.nodes)
    comm = result.communities
    assert comm["size"].sum() == len(rows) == 3000
    assert comm["size"].is_monotonic_decreasing
    sizes = rows["community"].value_counts()
    assert dict(zip(comm["community"], comm["size"])) == sizes.to_dict()
    sector = rows["node"].map(dict(zip(nodes_t["node"], nodes_t["sector"])))
    ct = pd.crosstab(rows["community"], sector)
    for r in comm.head(5).itertuples():
        assert r.dominant_sector_share == pytest.approx(ct.loc[r.community].max() / r.size)
        assert ct.loc[r.community, r.dominant_sector] == ct.loc[r.community].max()
        members = rows[rows["community"] == r.community]
        assert r.top_members.split("; ")[0] == members.loc[members["pagerank"].idxmax(), "node"]


def test_health_json_matches_health(result, net):
    doc = json.loads((result.out / "health.json").read_text())
    levels = [r["level"] for r in doc["levels"]]
    assert levels == [*net.levels, "all"]
    member = doc["levels"][0]
    H = net.graph("member").to_networkx()
    assert member["nodes"] == H.number_of_nodes() and member["edges"] == H.number_of_edges()
    assert member["density"] == pytest.approx(nx.density(H))
    assert member["transitivity"] == pytest.approx(nx.transitivity(H))
    assert member["average_clustering"] == pytest.approx(nx.average_clustering(H))
    assert member["components"] == nx.number_connected_components(H)
    assert member["max_core"] == max(nx.core_number(H).values())
    # the member row uses the analysis' communities
    assert member["modularity"] == pytest.approx(result.summary["communities"]["modularity"], abs=1e-12)
    allrow = doc["levels"][-1]
    assert allrow["edges"] == net.graph().num_edges
    ref = ig.health.health(net, seed=1, betweenness_k=8).to_pandas()
    projected = {lv["level"] for lv in result.summary["network"]["levels"] if lv.get("projected")}
    assert projected == {"local_network"}  # no ties between local networks: their projection
    for row in doc["levels"]:
        lev = row["level"]
        for col in ("memberships", "bridging_members"):
            assert row[col] == ref.loc[lev, col]
        own = ig.health.health(net.project(lev), seed=1) if lev in projected else None
        for col in ("nodes", "edges", "density", "components", "transitivity", "max_core"):
            want = own[col] if own is not None else ref.loc[lev, col]
            assert row[col] == pytest.approx(want, nan_ok=True), (lev, col)
    assert doc["over_time"] is not None


def test_health_over_time(result, tables):
    hot = result.summary["health_over_time"]
    assert hot is not None and 2 <= len(hot["time"]) <= an.MAX_TIME_POINTS
    nodes_t, ties, _ = tables
    ties = ties[ties["source"].isin(set(nodes_t.loc[nodes_t["level"] == "member", "node"]))]
    edges = hot["metrics"]["edges"]["member"]
    expected = [int((ties["time"] <= int(t)).sum()) for t in hot["time"]]
    assert edges == expected
    assert hot["time"][-1] == str(int(ties["time"].max())) or edges[-1] == len(ties)


def test_summary_contract(result, net):
    s = result.summary
    json.dumps(s, allow_nan=False)
    assert s["network"]["kind"] == "multilevel" and s["network"]["nodes"] == net.num_nodes
    assert [lv["level"] for lv in s["network"]["levels"]] == list(net.levels)
    rows = _member_rows(result.nodes)
    dd = {d["level"]: d for d in s["degree_distribution"]}
    deg_counts = rows["degree"].value_counts().sort_index()
    assert dd["member"]["degree"] == deg_counts.index.tolist() and dd["member"]["count"] == deg_counts.tolist()
    cp = {d["level"]: d for d in s["core_periphery"]}
    assert sum(cp["member"]["count"]) == len(rows)
    counts = s["roles"]["counts"]
    assert sum(v for k, v in counts.items() if k != "broker") == len(rows)
    assert counts["connector"] == int((rows["role"] == "connector").sum())
    top = s["top_nodes"]
    assert len(top) == an.TOP_NODES
    best = rows.sort_values("pagerank", ascending=False, kind="stable").head(an.TOP_NODES)
    assert [t["node"] for t in top] == best["node"].tolist()
    assert sorted(s["communities"]["sizes"], reverse=True) == s["communities"]["sizes"]


def test_diffusion_summary(result):
    d = result.summary["diffusion"]
    rows = _member_rows(result.nodes)
    top10 = rows.sort_values("degree", ascending=False, kind="stable").head(10)["node"].tolist()
    assert d["seeds"] == top10
    ma = d["mean_adopted"]
    assert ma[0] == 10.0 and all(b >= a for a, b in zip(ma, ma[1:]))
    assert ma[-1] == pytest.approx(d["mean_spread"])
    assert sum(d["level_spread"].values()) == pytest.approx(d["mean_spread"])
    assert d["p"] == 0.05 and d["q"] == 0.1 and d["n_sims"] == 50


def test_same_seed_identical_on_any_thread_count(net, tmp_path):
    a = analyze(net, tmp_path / "a", seed=3, threads=1, diffusion_runs=20)
    b = analyze(net, tmp_path / "b", seed=3, threads=2, diffusion_runs=20)
    assert (tmp_path / "a" / "nodes.csv").read_bytes() == (tmp_path / "b" / "nodes.csv").read_bytes()
    assert a.summary["diffusion"]["mean_adopted"] == b.summary["diffusion"]["mean_adopted"]


# ---- real data -----------------------------------------------------------------------------------


def test_paul_revere_top_and_published_betweenness(data_dir, tmp_path):
    r = analyze(_revere_tables(data_dir), tmp_path / "revere", seed=1, diffusion_runs=20)
    top = [t["node"] for t in r.summary["top_nodes"]]
    assert "Revere.Paul" in top
    rows = _member_rows(r.nodes).set_index("node")
    # Healy (2013): Paul Revere has the highest betweenness of the person projection, 0.13714
    assert rows["betweenness"].idxmax() == "Revere.Paul"
    assert rows.loc["Revere.Paul", "betweenness"] == pytest.approx(0.13714, abs=5e-6)
    lv = r.summary["network"]["levels"][0]
    assert lv["projected"] is True and lv["projected_ties"] == 9706
    health_member = r.summary["health"][0]
    assert health_member["level"] == "member" and health_member["edges"] == 9706
    assert health_member["memberships"] == 319 and health_member["nodes"] == 254
    assert "Revere.Paul" in (tmp_path / "revere" / "report.html").read_text()


def test_davis_matches_networkx_projection(data_dir):
    nodes, _, memb = _davis_tables(data_dir)
    r = analyze((nodes, None, memb), seed=2, diffusion_runs=10)
    B = nx.Graph()
    B.add_edges_from(zip(memb["member"], memb["group"]))
    women = nodes.loc[nodes["level"] == "member", "node"].tolist()
    P = nx.bipartite.weighted_projected_graph(B, women)
    rows = _member_rows(r.nodes).set_index("node").loc[women]
    assert rows["degree"].tolist() == [P.degree(w) for w in women]
    core = nx.core_number(P)
    assert rows["core"].tolist() == [core[w] for w in women]
    pr = nx.pagerank(P, weight="weight")
    np.testing.assert_allclose(rows["pagerank"], [pr[w] for w in women], atol=1e-6)
    bc = nx.betweenness_centrality(P)
    np.testing.assert_allclose(rows["betweenness"], [bc[w] for w in women], atol=1e-12)
    ev = _member_rows(r.nodes, "organization")
    assert len(ev) == 14 and ev["bridging"].sum() == 0


def test_plain_edgelist(tmp_path):
    K = nx.karate_club_graph()
    path = tmp_path / "karate.txt"
    path.write_text("".join(f"k{u} k{v}\n" for u, v in K.edges()))
    r = analyze(str(path), seed=1, diffusion_runs=10)
    rows = r.nodes.set_index("node")
    assert set(rows["level"]) == {"graph"} and not rows["bridging"].any()
    assert r.summary["network"]["kind"] == "graph" and r.summary["network"]["edges"] == 78
    lab = [f"k{v}" for v in K]
    assert rows.loc[lab, "degree"].tolist() == [K.degree(v) for v in K]
    bc = nx.betweenness_centrality(K)
    np.testing.assert_allclose(rows.loc[lab, "betweenness"], [bc[v] for v in K], atol=1e-12)
    pr = nx.pagerank(K, weight=None)
    np.testing.assert_allclose(rows.loc[lab, "pagerank"], [pr[v] for v in K], atol=1e-6)
    assert r.summary["health"][0]["level"] == "graph"
    assert r.summary["top_nodes"][0]["node"] in ("k33", "k0")


# ---- atomic output -------------------------------------------------------------------------------


def test_exception_mid_write_leaves_nothing(net, tmp_path, monkeypatch):
    def boom(summary, path):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(an, "_write_report", boom)
    with pytest.raises(RuntimeError, match="disk on fire"):
        analyze(ig.Graph.from_edges([0, 1], [1, 2]), tmp_path / "out", diffusion_runs=5)
    assert list(tmp_path.iterdir()) == []


def test_existing_folder_untouched_without_force(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    G = ig.Graph.from_edges([0, 1], [1, 2])
    with pytest.raises(GraphIOError, match="not empty"):
        analyze(G, out, diffusion_runs=5)
    assert os.listdir(out) == ["keep.txt"] and (out / "keep.txt").read_text() == "mine"
    analyze(G, out, diffusion_runs=5, force=True)
    assert sorted(os.listdir(out)) == sorted(OUTPUT_FILES)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temp or old folder left


def test_atomic_output_dir_interrupt_and_empty_folder(tmp_path):
    out = tmp_path / "r"
    with pytest.raises(KeyboardInterrupt):
        with atomic_output_dir(out) as tmp:
            (tmp / "x").write_text("half")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []
    out.mkdir()  # an empty folder is replaced
    with atomic_output_dir(out) as tmp:
        (tmp / "x").write_text("whole")
    assert (out / "x").read_text() == "whole"
    (tmp_path / "file").write_text("")
    with pytest.raises(GraphIOError, match="not a folder"):
        with atomic_output_dir(tmp_path / "file"):
            pass


def test_bad_options():
    G = ig.Graph.from_edges([0, 1], [1, 2])
    with pytest.raises(InvalidParameterError):
        analyze(G, betweenness_k=0)
    with pytest.raises(InvalidParameterError):
        analyze(G, diffusion_runs=0)
    with pytest.raises(TypeError):
        analyze(42)
    with pytest.raises(TypeError):
        analyze(G, progress="yes")


# ---- progress ------------------------------------------------------------------------------------


def test_progress_callback_and_tty_spinner():
    import io

    calls = []
    analyze(ig.Graph.from_edges([0, 1], [1, 2]), diffusion_runs=5, progress=lambda *a: calls.append(a))
    starts = [c for c in calls if c[3] is None]
    assert [c[0] for c in starts] == list(range(1, len(starts) + 1)) and starts[2][2] == "pagerank"
    assert all(c[1] == starts[0][1] for c in calls)

    buf = io.StringIO()
    p = StderrProgress(stream=buf, tty=True, interval=0.02)
    p(3, 9, "betweenness", None)
    import time

    time.sleep(1.15)
    p(3, 9, "betweenness", 1.15)
    text = buf.getvalue()
    assert text.startswith("\r\x1b[K[3/9] betweenness ...")
    assert any(ch in text for ch in "|/-\\") and text.endswith("[3/9] betweenness 1.1 s\n")
    failed = io.StringIO()
    f = StderrProgress(stream=failed, tty=True)
    f(1, 2, "communities", None)
    f.close()  # the step raised: the live line is ended, not reported as done
    assert failed.getvalue() == "\r\x1b[K[1/2] communities ...\n"
    q = io.StringIO()
    quiet = StderrProgress(stream=q, quiet=True, tty=True)
    quiet(1, 1, "x", None)
    quiet(1, 1, "x", 5.0)
    assert q.getvalue() == ""


# ---- the command line ----------------------------------------------------------------------------


def test_cli_tables_quiet(data_dir, tmp_path):
    nodes, _, memb = _davis_tables(data_dir)
    nodes.to_csv(tmp_path / "nodes.csv", index=False)
    pd.DataFrame({"source": [], "target": []}).to_csv(tmp_path / "ties.csv", index=False)
    memb.to_parquet(tmp_path / "memberships.parquet")
    out = tmp_path / "out"
    p = run_cli(str(tmp_path / "nodes.csv"), str(tmp_path / "ties.csv"), str(tmp_path / "memberships.parquet"),
                "--out", str(out), "--quiet", "--seed", "5")
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""
    assert "communities (member)" in p.stdout and str(out / "report.html") in p.stdout
    assert sorted(os.listdir(out)) == sorted(OUTPUT_FILES)


def test_cli_example_deterministic(tmp_path):
    a = run_cli("--example", "--example-size", "tiny", "--out", str(tmp_path / "a"), "--seed", "4")
    assert a.returncode == 0, a.stderr
    assert "Traceback" not in a.stderr
    b = run_cli("--example", "--example-size", "tiny", "--out", str(tmp_path / "b"), "--seed", "4", "--quiet",
                "--threads", "1")
    assert b.returncode == 0 and b.stderr == ""
    assert (tmp_path / "a" / "nodes.csv").read_bytes() == (tmp_path / "b" / "nodes.csv").read_bytes()
    s = json.loads((tmp_path / "a" / "summary.json").read_text())
    assert s["network"]["levels"][0]["nodes"] == 1000 and "generate example" in s["timings"]


def test_cli_edgelist_and_errors(tmp_path):
    path = tmp_path / "g.txt"
    path.write_text("a b\nb c\nc a\nc d\n")
    out = tmp_path / "out"
    p = run_cli(str(path), "--out", str(out), "--quiet", "--directed")
    assert p.returncode == 0 and p.stderr == "", p.stderr
    assert json.loads((out / "summary.json").read_text())["network"]["directed"] is True
    # an existing folder without --force: exit 2, untouched
    before = sorted(os.listdir(out))
    p = run_cli(str(path), "--out", str(out))
    assert p.returncode == 2 and "--force" in p.stderr and "Traceback" not in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1 and sorted(os.listdir(out)) == before
    # a missing file
    p = run_cli(str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o2"))
    assert p.returncode == 2 and "nope.txt" in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "o2").exists()
    # a bad table (no level column)
    pd.DataFrame({"node": ["a"]}).to_csv(tmp_path / "n.csv", index=False)
    pd.DataFrame({"source": [], "target": []}).to_csv(tmp_path / "t.csv", index=False)
    pd.DataFrame({"member": [], "group": []}).to_csv(tmp_path / "m.csv", index=False)
    p = run_cli(str(tmp_path / "n.csv"), str(tmp_path / "t.csv"), str(tmp_path / "m.csv"), "--out", str(tmp_path / "o3"))
    assert p.returncode == 2 and "level" in p.stderr and "Traceback" not in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1
    # two inputs: a usage error
    p = run_cli(str(path), str(path), "--out", str(tmp_path / "o4"))
    assert p.returncode == 2 and "EDGELIST" in p.stderr and "Traceback" not in p.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.slow
def test_default_example_end_to_end(tmp_path):
    """The README's first command on the full example (about 30 s on 2 cores)."""
    p = run_cli("--example", "--out", str(tmp_path / "report"), "--quiet")
    assert p.returncode == 0, p.stderr
    s = json.loads((tmp_path / "report" / "summary.json").read_text())
    assert [lv["nodes"] for lv in s["network"]["levels"]] == [100_000, 3_000, 150, 8]
    nodes = pd.read_parquet(tmp_path / "report" / "nodes.parquet")
    assert len(nodes) == 103_158 and nodes["community"].ge(0).all()
    assert s["health_over_time"] is not None and len(s["health_over_time"]["time"]) <= an.MAX_TIME_POINTS
