"""read_edgelist and Parquet I/O, with networkx's read_edgelist as the oracle."""

from __future__ import annotations

import gzip

import networkx as nx
import numpy as np
import pytest

import impactgraph as ig


def labels_list(G):
    lab = G.labels
    return lab.tolist() if isinstance(lab, np.ndarray) else lab


@pytest.mark.parametrize(
    "folder, file, directed, n, m",
    [
        ("email_eu_core", "email-Eu-core.txt.gz", True, 1005, 25571),
        ("snap_ca_grqc", "ca-GrQc.txt.gz", False, 5242, 14496),
        ("snap_soc_slashdot0902", "soc-Slashdot0902.txt.gz", True, 82168, 948464),
    ],
)
def test_real_data_matches_networkx(data_dir, folder, file, directed, n, m):
    path = data_dir / folder / file
    G = ig.read_edgelist(path, directed=directed)
    H = nx.read_edgelist(path, nodetype=int, create_using=nx.DiGraph if directed else nx.Graph)
    assert (G.num_nodes, G.num_edges) == (n, m) == (H.number_of_nodes(), H.number_of_edges())
    assert labels_list(G) == list(H)
    assert G.num_self_loops == nx.number_of_selfloops(H)
    pr = ig.pagerank(G, tol=1e-10)
    ref = nx.pagerank(H, tol=1e-10)
    assert np.abs(pr - np.array([ref[v] for v in H])).sum() < 1e-9
    comp = ig.connected_components(G)
    assert comp.max() + 1 == (nx.number_weakly_connected_components(H) if directed else nx.number_connected_components(H))


def test_whitespace_comments_and_order(tmp_path):
    p = tmp_path / "e.txt"
    p.write_text("# header\n10 20\n\n20\t5   # trailing comment\n5 10\n7 7\n")
    G = ig.read_edgelist(p)
    H = nx.read_edgelist(p, nodetype=int)
    assert labels_list(G) == list(H) == [10, 20, 5, 7]
    assert G.num_edges == H.number_of_edges() == 4
    assert G.num_self_loops == 1


def test_weighted_strings_gzip_and_csv(tmp_path):
    text = "ana ben 2.5\nben cho 1\ncho ana 0.25\nana ben 1.5\n"
    p = tmp_path / "w.txt.gz"
    with gzip.open(p, "wt") as f:
        f.write(text)
    G = ig.read_edgelist(p, weight_column=2)
    assert labels_list(G) == ["ana", "ben", "cho"]
    A = G.to_scipy().toarray()
    assert A[0, 1] == 4.0 and A[1, 2] == 1.0 and A[2, 0] == 0.25  # duplicates summed
    G1 = ig.read_edgelist(p, weight_column=2, duplicates="first")
    assert G1.to_scipy().toarray()[0, 1] == 2.5
    c = tmp_path / "e.csv"
    c.write_text("source,target,weight\r\na,b,1\r\nb,c,2")  # CRLF, no final newline
    G = ig.read_edgelist(c, skip_rows=1, weight_column=2)
    assert labels_list(G) == ["a", "b", "c"] and G.edges()[2].tolist() == [1.0, 2.0]
    t = tmp_path / "e.tsv"
    t.write_text("1\t2\n2\t3\n")
    assert ig.read_edgelist(t, delimiter="\t", nodetype=str).labels == ["1", "2", "3"]


def test_identity_int_names_carry_no_labels(tmp_path):
    p = tmp_path / "e.txt"
    p.write_text("0 1\n1 2\n2 3\n")
    G = ig.read_edgelist(p)
    assert not G.has_labels and G.labels.tolist() == [0, 1, 2, 3]
    q = tmp_path / "f.txt"
    q.write_text("3 1\n")
    assert ig.read_edgelist(q).labels.tolist() == [3, 1]


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("# nothing\n")
    G = ig.read_edgelist(p)
    assert (G.num_nodes, G.num_edges) == (0, 0)


def test_parquet_round_trip(tmp_path):
    H = nx.les_miserables_graph()
    H.add_node("isolated")
    G = ig.Graph.from_networkx(H)
    p = tmp_path / "g.parquet"
    ig.write_parquet(G, p)
    G2 = ig.read_parquet(p, weight="weight")
    assert labels_list(G2) == list(H)
    assert (abs(G2.to_scipy() - G.to_scipy())).sum() == 0
    D = ig.Graph.from_edges([0, 1, 3], [1, 2, 0], directed=True, num_nodes=5)
    ig.write_parquet(D, tmp_path / "d.parquet")
    D2 = ig.read_parquet(tmp_path / "d.parquet")
    assert D2.directed and D2.num_nodes == 5 and not D2.has_labels
    assert (abs(D2.to_scipy() - D.to_scipy())).sum() == 0


def test_parquet_foreign_table(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"a": ["x", "y"], "b": ["y", "z"], "w": [1.0, 2.0]}), tmp_path / "t.parquet")
    G = ig.read_parquet(tmp_path / "t.parquet", "a", "b", "w")
    assert G.labels == ["x", "y", "z"] and G.edges()[2].tolist() == [1.0, 2.0]
    with pytest.raises(ig.InvalidGraphError, match="column 'nope'"):
        ig.read_parquet(tmp_path / "t.parquet", "nope", "b")


@pytest.mark.parametrize(
    "content, kw, exc, fragment, line",
    [
        ("1 2\n3\n", {}, ig.FileFormatError, "expected at least 2 fields", 2),
        ("1 2 0.5\n1 3 nan\n", {"weight_column": 2}, ig.FileFormatError, "not a finite number", 2),
        ("1 2 0.5\n# c\n1 3\n", {"weight_column": 2}, ig.FileFormatError, "expected a weight", 3),
        ("1 2\n2 x\n", {"nodetype": int}, ig.FileFormatError, "not a 64-bit integer", 2),
    ],
)
def test_malformed_lines(tmp_path, content, kw, exc, fragment, line):
    p = tmp_path / "bad.txt"
    p.write_text(content)
    with pytest.raises(exc) as info:
        ig.read_edgelist(p, **kw)
    assert fragment in str(info.value) and f":{line}:" in str(info.value)
    assert info.value.line == line and isinstance(info.value, ValueError)


def test_unreadable_files(tmp_path):
    with pytest.raises(ig.GraphIOError, match="No such file"):
        ig.read_edgelist(tmp_path / "missing.txt")
    with pytest.raises(ig.GraphIOError, match="directory"):
        ig.read_edgelist(tmp_path)
    bad_gz = tmp_path / "bad.gz"
    bad_gz.write_bytes(b"\x1f\x8b" + bytes(range(256)))
    with pytest.raises(ig.GraphIOError):
        ig.read_edgelist(bad_gz)
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(np.random.default_rng(0).integers(0, 256, 5000, dtype=np.uint8)))
    with pytest.raises(ig.ImpactGraphError):
        ig.read_edgelist(garbage)
    with pytest.raises(ig.GraphIOError):
        ig.read_parquet(garbage)
    assert issubclass(ig.GraphIOError, OSError)


def test_bad_options(tmp_path):
    p = tmp_path / "e.txt"
    p.write_text("0 1\n")
    with pytest.raises(TypeError, match="path"):
        ig.read_edgelist(3)
    with pytest.raises(TypeError, match="nodetype"):
        ig.read_edgelist(p, nodetype=float)
    with pytest.raises(ig.InvalidParameterError, match="delimiter"):
        ig.read_edgelist(p, delimiter="ab")
    with pytest.raises(ig.InvalidParameterError, match="weight_column"):
        ig.read_edgelist(p, weight_column=1)
    with pytest.raises(ig.InvalidParameterError, match="skip_rows"):
        ig.read_edgelist(p, skip_rows=-1)


def test_same_result_on_one_and_two_threads(tmp_path):
    rng = np.random.default_rng(1)
    e = rng.integers(0, 5000, size=(200_000, 2))
    p = tmp_path / "big.txt"
    np.savetxt(p, e, fmt="%d")
    a = ig.read_edgelist(p, threads=1)
    b = ig.read_edgelist(p, threads=2)
    assert np.array_equal(a.labels, b.labels)
    assert (abs(a.to_scipy() - b.to_scipy())).sum() == 0
