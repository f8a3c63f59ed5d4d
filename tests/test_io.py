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


def _edge_table(seed, names, weighted, directed):
    """A random simple graph with one self-loop, as (u, v, w) rows in a shuffled order."""
    rng = np.random.default_rng(seed)
    H = nx.gnm_random_graph(80, 300, seed=seed, directed=directed)
    H.add_edge(5, 5)
    rows = list(H.edges())
    rng.shuffle(rows)
    rename = (lambda v: 7 * v - 200) if names == "int" else (lambda v: f"n{v:03d}")
    w = rng.integers(1, 9, len(rows)) / 4
    return [(rename(u), rename(v), float(x)) for (u, v), x in zip(rows, w)]


def _write(path, fmt, rows, weighted):
    if fmt == "csv":
        head = "source,target,weight\n" if weighted else "source,target\n"
        text = head + "".join(f"{u},{v},{w}\n" if weighted else f"{u},{v}\n" for u, v, w in rows)
    else:  # whitespace: spaces and tabs mixed, a comment, a blank line, CRLF on every 3rd line
        lines = [
            f"{u}{' ' if i % 2 else chr(9)}{v}" + (f" {w}" if weighted else "") + ("\r\n" if i % 3 == 0 else "\n")
            for i, (u, v, w) in enumerate(rows)
        ]
        text = "# a header comment\n" + "".join(lines[:10]) + "\n" + "".join(lines[10:])
    if fmt == "gz":
        with gzip.open(path, "wt", newline="") as f:
            f.write(text)
    else:
        path.write_bytes(text.encode())


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("names", ["int", "str"])
@pytest.mark.parametrize("fmt", ["txt", "gz", "csv"])
def test_round_trip_matches_networkx(tmp_path, fmt, names, weighted, directed):
    rows = _edge_table(len(fmt) + 10 * weighted + 20 * directed + (names == "str"), names, weighted, directed)
    path = tmp_path / f"edges.{fmt}"
    _write(path, fmt, rows, weighted)
    G = ig.read_edgelist(
        str(path) if fmt == "txt" else path,  # str and os.PathLike
        weight_column=2 if weighted else None,
        skip_rows=1 if fmt == "csv" else 0,
        directed=directed,
    )
    create = nx.DiGraph if directed else nx.Graph
    if fmt == "csv":
        import pandas as pd

        df = pd.read_csv(path)
        H = nx.from_pandas_edgelist(df, "source", "target", "weight" if weighted else None, create_using=create)
    else:
        H = nx.read_edgelist(
            path,
            nodetype=int if names == "int" else None,
            data=[("weight", float)] if weighted else False,
            create_using=create,
        )
    assert labels_list(G) == list(H)
    assert (G.num_nodes, G.num_edges, G.num_self_loops) == (
        H.number_of_nodes(),
        H.number_of_edges(),
        nx.number_of_selfloops(H),
    )
    assert G.weighted == weighted and G.directed == directed
    A = nx.to_scipy_sparse_array(H, nodelist=list(H), weight="weight" if weighted else None)
    assert abs(G.to_scipy() - A).sum() == 0


def test_string_names_match_networkx_node_order(tmp_path):
    p = tmp_path / "names.txt"
    p.write_text("zoe amy\namy 10\n10 zoe\nbob amy  # comment\n007 7\n")
    G = ig.read_edgelist(p)
    H = nx.read_edgelist(p)
    assert labels_list(G) == list(H) == ["zoe", "amy", "10", "bob", "007", "7"]
    # Integer names: "007" and "7" are the same node, as with networkx's nodetype=int.
    q = tmp_path / "ints.txt"
    q.write_text("007 7\n-3 +7\n")
    assert ig.read_edgelist(q).labels.tolist() == list(nx.read_edgelist(q, nodetype=int)) == [7, -3]


@pytest.mark.parametrize(
    "content, kw, fragment, line",
    [
        (b"1 2 1\n1 3 inf\n", {"weight_column": 2}, "not a finite number", 2),
        (b"a,b\n,c\n", {}, "empty source name", 2),
        (b"a b\n\xff\xfe c\n", {}, "not valid UTF-8", 2),
        (b"1 2\n1 99999999999999999999\n", {"nodetype": int}, "not a 64-bit integer", 2),
        (b"h1\nh2\n1 2\n\n3\n", {"skip_rows": 2}, "expected at least 2 fields", 5),
        (b"1 2\n\x00\x01\x02\n", {}, "binary file", 2),
    ],
)
def test_more_malformed_lines(tmp_path, content, kw, fragment, line):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(ig.FileFormatError) as info:
        ig.read_edgelist(p, **kw)
    assert fragment in str(info.value) and f"bad.txt:{line}:" in str(info.value)
    assert info.value.line == line and info.value.path == str(p)


def test_binary_garbage_and_broken_gzip(tmp_path):
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(np.random.default_rng(0).integers(0, 256, 5000, dtype=np.uint8)))
    with pytest.raises(ig.FileFormatError, match=r"garbage\.bin:1: expected at least 2 fields") as info:
        ig.read_edgelist(garbage)
    assert info.value.line == 1
    truncated = tmp_path / "t.txt.gz"
    truncated.write_bytes(gzip.compress(b"1 2\n" * 1000)[:-30])
    with pytest.raises(ig.GraphIOError, match="truncated gzip") as info:
        ig.read_edgelist(truncated)
    assert info.value.path == str(truncated)
    with pytest.raises(ig.InvalidParameterError, match="comments"):
        ig.read_edgelist(garbage, delimiter="#")


@pytest.mark.parametrize("seed", range(40))
def test_fuzz_never_panics(tmp_path, seed):
    """Random bytes (raw, text-like, gzip): a Graph or an impactgraph error, never a panic."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 3000))
    alphabet = np.frombuffer(b"0123456789 \t\n\r,#-+.eE", dtype=np.uint8)
    raw = rng.integers(0, 256, n, dtype=np.uint8)
    texty = alphabet[rng.integers(0, len(alphabet), n)]
    for k, data in enumerate([raw.tobytes(), texty.tobytes(), gzip.compress(texty.tobytes())]):
        p = tmp_path / f"f{k}"
        p.write_bytes(data)
        for kw in ({}, {"weight_column": 2}, {"nodetype": int}, {"delimiter": ","}):
            try:
                G = ig.read_edgelist(p, **kw)
            except BaseException as e:  # noqa: BLE001 - a PanicException is a BaseException
                assert isinstance(e, ig.ImpactGraphError), repr(e)
            else:
                assert isinstance(G, ig.Graph)
