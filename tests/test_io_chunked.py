"""The chunked ingest of read_edgelist and read_parquet (count pass, then placement straight into
the CSR) against the previous path: the reader's edge arrays through Graph.from_edges, and the
whole-table Parquet reader; the progress line on stderr."""

from __future__ import annotations

import gzip
import io
import os
import signal
import subprocess
import sys
import textwrap
import time

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import impactgraph as ig
from impactgraph import _core
from impactgraph import io as igio


def assert_same_graph(a, b):
    assert (a.num_nodes, a.num_edges, a.directed, a.weighted) == (b.num_nodes, b.num_edges, b.directed, b.weighted)
    for incoming in (False, True):
        np.testing.assert_array_equal(a._core.indptr(incoming), b._core.indptr(incoming))
        np.testing.assert_array_equal(a._core.indices(incoming), b._core.indices(incoming))
        wa, wb = a._core.weights(incoming), b._core.weights(incoming)
        assert (wa is None) == (wb is None)
        if wa is not None:
            np.testing.assert_array_equal(wa, wb)  # bit-identical sums, in input order
    la, lb = a.labels, b.labels
    if isinstance(la, np.ndarray):
        assert isinstance(lb, np.ndarray) and la.dtype == lb.dtype
        np.testing.assert_array_equal(la, lb)
    else:
        assert la == lb


def old_read_edgelist(path, *, weight_column=None, nodetype=None, directed=False, duplicates="sum",
                      self_loops=True, **kw):
    """The previous read_edgelist: the reader's arrays through Graph.from_edges."""
    src, dst, w, names = _core.read_edgelist(
        os.fspath(path), weight_column=weight_column, node_type=igio._NODETYPES[nodetype], **kw)
    n = len(names)
    labels = None if isinstance(names, np.ndarray) and np.array_equal(names, np.arange(n)) else names
    return ig.Graph.from_edges(src, dst, w, directed=directed, num_nodes=n, labels=labels,
                               duplicates=duplicates, self_loops=self_loops)


def _lines(seed, m, names, weighted):
    rng = np.random.default_rng(seed)
    u = rng.integers(0, 60, m)
    v = rng.integers(0, 60, m)
    w = rng.integers(-8, 9, m) * 0.125 + 0.1
    name = (lambda x: f"n{x}") if names == "str" else (lambda x: str(int(x) * 7 - 20))
    out = []
    for a, b, c in zip(u, v, w):
        out.append(f"{name(a)} {name(b)}" + (f" {float(c)!r}" if weighted else "") + "\n")
    return "".join(out)


@pytest.mark.parametrize("names", ["int", "str"])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize(("directed", "duplicates", "self_loops"),
                         [(False, "sum", True), (True, "sum", True), (False, "first", False), (True, "first", False)])
def test_read_edgelist_equals_previous_path(tmp_path, names, weighted, compress, directed, duplicates, self_loops):
    text = _lines(1, 3000, names, weighted)
    p = tmp_path / ("g.txt.gz" if compress else "g.txt")
    if compress:
        p.write_bytes(gzip.compress(text.encode()))
    else:
        p.write_text(text)
    kw = dict(weight_column=2 if weighted else None, directed=directed, duplicates=duplicates, self_loops=self_loops)
    for threads in (1, 2):
        G = ig.read_edgelist(p, threads=threads, **kw)
        assert_same_graph(G, old_read_edgelist(p, **kw))
    if not weighted:
        H = nx.read_edgelist(p, create_using=nx.DiGraph if directed else nx.Graph,
                             nodetype=int if names == "int" else str)
        if not self_loops:
            H.remove_edges_from(list(nx.selfloop_edges(H)))
        assert G.num_edges == H.number_of_edges()
        assert list(G.labels if G.labels is not None else range(G.num_nodes)) == list(H.nodes)


def test_read_edgelist_late_string_name_and_many_blocks(tmp_path):
    # Integer names, then a string name after the first 1 MiB block: the reader restarts as strings.
    text = _lines(2, 200_000, "int", True) + "x y 1.5\n"
    assert len(text) > 2 << 20
    p = tmp_path / "late.txt"
    p.write_text(text)
    G = ig.read_edgelist(p, weight_column=2)
    assert isinstance(G.labels, list) and G.labels[-2:] == ["x", "y"]
    assert_same_graph(G, old_read_edgelist(p, weight_column=2))


def test_read_edgelist_duplicates_error_and_dropped_self_loop_nodes(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("a b\nc c\nb a\n")
    with pytest.raises(ig.InvalidGraphError, match="duplicate"):
        ig.read_edgelist(p, duplicates="error")
    G = ig.read_edgelist(p, self_loops=False)
    assert (G.num_nodes, G.num_edges, G.labels) == (3, 1, ["a", "b", "c"])  # c kept, isolated
    D = ig.read_edgelist(p, directed=True, duplicates="error")
    assert D.num_edges == 3


@settings(max_examples=40, deadline=None)
@given(
    edges=st.lists(st.tuples(st.integers(-5, 40), st.integers(-5, 40), st.integers(1, 9)), max_size=60),
    strings=st.booleans(),
    directed=st.booleans(),
    self_loops=st.booleans(),
)
def test_read_edgelist_round_trip_property(tmp_path_factory, edges, strings, directed, self_loops):
    p = tmp_path_factory.mktemp("rt") / "g.txt"
    fmt = (lambda x: f"v{x}") if strings else str
    p.write_text("".join(f"{fmt(a)}\t{fmt(b)}\t{w / 4}\n" for a, b, w in edges))
    kw = dict(weight_column=2, directed=directed, self_loops=self_loops)
    assert_same_graph(ig.read_edgelist(p, **kw), old_read_edgelist(p, **kw))


# ---- Parquet ----------------------------------------------------------------------------------


def _table(seed, m, kind, weighted):
    import pyarrow as pa

    rng = np.random.default_rng(seed)
    u, v = rng.integers(0, 80, m), rng.integers(0, 80, m)
    if kind == "str":
        cols = {"s": pa.array([f"n{x}" for x in u]), "t": pa.array([f"n{x}" for x in v])}
    elif kind == "dict":
        cols = {"s": pa.array([f"n{x}" for x in u]).dictionary_encode(),
                "t": pa.array([f"n{x}" for x in v]).dictionary_encode()}
    elif kind == "int32":
        cols = {"s": pa.array((u * 3 - 50).astype(np.int32)), "t": pa.array((v * 3 - 50).astype(np.int32))}
    elif kind == "float":
        cols = {"s": pa.array(u * 0.5), "t": pa.array(v * 0.5)}
    else:
        cols = {"s": pa.array(u * 1000), "t": pa.array(v * 1000)}
    if weighted:
        cols["w"] = pa.array(rng.integers(-8, 9, m) * 0.125 + 0.1)
    return pa.table(cols)


@pytest.mark.parametrize("kind", ["int", "int32", "str", "dict", "float"])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("batch", [7, 1000, 1 << 20])
def test_read_parquet_equals_whole_table_reader(tmp_path, kind, weighted, directed, batch):
    import pyarrow.parquet as pq

    p = tmp_path / "t.parquet"
    pq.write_table(_table(3, 2500, kind, weighted), p, row_group_size=600)  # several row groups
    w = "w" if weighted else None
    for dup, loops in (("sum", True), ("first", False)):
        kw = dict(directed=directed, duplicates=dup, self_loops=loops)
        G = ig.read_parquet(p, "s", "t", w, _batch_size=batch, **kw)
        old = igio._read_parquet_table(os.fspath(p), "s", "t", w, directed, dup, loops, None)
        assert_same_graph(G, old)
    if kind in ("str", "int"):
        G = ig.read_parquet(p, "s", "t", w, directed=directed, _batch_size=batch)
        df = pq.read_table(p).to_pandas()
        H = nx.from_pandas_edgelist(df, "s", "t", create_using=nx.DiGraph if directed else nx.Graph)
        assert list(G.labels) == list(H.nodes) and G.num_edges == H.number_of_edges()


@pytest.mark.parametrize("labels", [None, ["a", "b", "c", "d", "e"], [10, 3, 7, 1, 99]])
@pytest.mark.parametrize("directed", [False, True])
def test_read_parquet_metadata_files(tmp_path, labels, directed):
    G = ig.Graph.from_edges([0, 1, 1, 3, 0], [1, 2, 0, 3, 1], [0.5, 2.0, 1.0, 4.0, 0.25], directed=directed,
                            num_nodes=5, labels=labels)  # node 4 isolated
    p = tmp_path / "g.parquet"
    ig.write_parquet(G, p)
    for batch in (1, 2, 1 << 20):
        H = ig.read_parquet(p, weight="weight", _batch_size=batch)
        assert_same_graph(H, G)
        old = igio._read_parquet_table(os.fspath(p), "source", "target", "weight", None, "sum", True, None)
        assert_same_graph(H, old)


def test_read_parquet_errors(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    p = tmp_path / "nulls.parquet"
    pq.write_table(pa.table({"source": ["a", None, "c"], "target": ["b", "c", "a"]}), p, row_group_size=1)
    with pytest.raises(ig.InvalidGraphError, match="missing values"):
        ig.read_parquet(p, _batch_size=1)
    q = tmp_path / "inull.parquet"
    pq.write_table(pa.table({"source": [1, 2, 3], "target": [2, None, 1]}), q)
    with pytest.raises(ig.InvalidGraphError, match="missing values"):
        ig.read_parquet(q)
    with pytest.raises(ig.InvalidGraphError, match="column 'nope' not in the Parquet file"):
        ig.read_parquet(q, "nope", "target")
    with pytest.raises(ig.InvalidGraphError, match="column 'w' not in"):
        ig.read_parquet(q, weight="w")
    r = tmp_path / "nan.parquet"
    pq.write_table(pa.table({"source": [1, 2, 3], "target": [2, 3, 1], "w": [1.0, 2.0, float("nan")]}), r)
    with pytest.raises(ig.InvalidGraphError) as new:
        ig.read_parquet(r, weight="w", _batch_size=2)
    with pytest.raises(ig.InvalidGraphError) as old:
        igio._read_parquet_table(os.fspath(r), "source", "target", "w", None, "sum", True, None)
    assert str(new.value) == str(old.value) and "weights[2]" in str(new.value)
    with pytest.raises(ig.GraphIOError, match="cannot read"):
        ig.read_parquet(tmp_path / "missing.parquet")
    with pytest.raises(ig.InvalidGraphError, match="duplicates"):
        ig.read_parquet(q, duplicates="max")


@settings(max_examples=30, deadline=None)
@given(
    edges=st.lists(st.tuples(st.integers(-3, 30), st.integers(-3, 30), st.floats(-2, 2)), max_size=50),
    strings=st.booleans(),
    directed=st.booleans(),
    batch=st.integers(1, 20),
)
def test_read_parquet_round_trip_property(tmp_path_factory, edges, strings, directed, batch):
    import pyarrow as pa
    import pyarrow.parquet as pq

    p = tmp_path_factory.mktemp("pq") / "t.parquet"
    conv = (lambda x: f"v{x}") if strings else int
    cols = {"source": pa.array([conv(a) for a, _, _ in edges], type=pa.string() if strings else pa.int64()),
            "target": pa.array([conv(b) for _, b, _ in edges], type=pa.string() if strings else pa.int64()),
            "w": pa.array([w for _, _, w in edges], type=pa.float64())}
    pq.write_table(pa.table(cols), p, row_group_size=7)
    G = ig.read_parquet(p, weight="w", directed=directed, _batch_size=batch)
    old = igio._read_parquet_table(os.fspath(p), "source", "target", "w", directed, "sum", True, None)
    assert_same_graph(G, old)


# ---- progress ---------------------------------------------------------------------------------


def test_progress_lines_on_stderr(tmp_path, capsys):
    p = tmp_path / "g.txt"
    p.write_text(_lines(4, 2000, "int", False))
    ig.read_edgelist(p, progress=False)
    ig.read_edgelist(p)  # None: stderr is not a terminal here
    assert capsys.readouterr().err == ""
    G = ig.read_edgelist(p, progress=True)
    err = capsys.readouterr().err
    lines = err.splitlines()
    # Not a terminal: whole lines, the last one at the end of the load (all edges placed).
    assert lines and all(line.startswith("read_edgelist: ") for line in lines)
    assert lines[-1].startswith(f"read_edgelist: building 2.0k edges / 2.0k edges (100%), ")
    assert lines[-1].endswith(" s") and "edges/s" in lines[-1]
    assert G.num_edges > 0 and "\r" not in err
    # The counters the line is drawn from: at the end, all edges placed.
    counter = _core.LoadProgress()
    _core.read_edgelist_graph(os.fspath(p), progress=counter)
    assert (counter.stage, counter.done, counter.total) == (1, 2000, 2000)
    q = tmp_path / "t.parquet"
    ig.write_parquet(G, q)
    ig.read_parquet(q, progress=True, _batch_size=300)
    lines = capsys.readouterr().err.splitlines()
    k = G.num_edges
    assert 1000 <= k < 2000
    assert lines[-1].startswith(f"read_parquet: building {k / 1000:.1f}k rows / {k / 1000:.1f}k rows (100%)")
    ig.read_parquet(q, progress=False)
    assert capsys.readouterr().err == ""
    with pytest.raises(TypeError, match="progress"):
        ig.read_edgelist(p, progress="yes")


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_line_on_a_terminal_is_redrawn_and_cleared():
    counter = igio._Counter()
    out = _Tty()
    counter.start(0, 4 << 20)
    with igio._ProgressLine("load", counter, True, units=("B", "edges"), stream=out, interval=0.1):
        counter.done = 1 << 20
        time.sleep(0.3)
        counter.start(1, 10)
        counter.done = 5
        time.sleep(0.3)
    text = out.getvalue()
    assert text.startswith("\rload: reading ") and text.endswith("\r\x1b[K")
    assert "1.0 MiB / 4.0 MiB (25%)" in text and "building 5 edges / 10 edges (50%)" in text
    assert "\n" not in text
    # At most one redraw per interval.
    assert text.count("\r") <= round(0.6 / 0.1) + 3
    # None: nothing for a load under a second, even on a terminal.
    out2 = _Tty()
    with igio._ProgressLine("load", counter, None, units=("B", "edges"), stream=out2):
        time.sleep(0.1)
    assert out2.getvalue() == ""


SCRIPT = textwrap.dedent(
    """
    import sys, time
    import impactgraph as ig
    path = sys.argv[1]
    block = "".join(f"{i} {(i * 7) % 1000}\\n" for i in range(1000))
    with open(path, "w") as f:
        for _ in range(25_000):
            f.write(block)
    print("ready", flush=True)
    try:
        ig.read_edgelist(path, progress=True)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        G = ig.read_edgelist(path, progress=False, skip_rows=24_999_000, directed=True)
        print("after", G.num_edges, flush=True)
        sys.exit(0)
    sys.exit(3)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_interrupts_read_edgelist_with_progress(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(tmp_path / "big.txt")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "ready", proc.stderr.read()
        time.sleep(0.4)
        t0 = time.perf_counter()
        os.kill(proc.pid, signal.SIGINT)
        line = proc.stdout.readline()
        latency = time.perf_counter() - t0
        assert line.strip() == "interrupted", proc.stderr.read()
        assert latency < 2.0
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert out.strip() == "after 1000"
    finally:
        if proc.poll() is None:
            proc.kill()
