"""impactgraph.report: the self-contained HTML report (fast checks, no browser).

Every inline ``<svg>`` must be well-formed XML, every plot of a full summary present with a
caption, a missing or empty part must give a note (never an exception), labels escaped, numbers
formatted, None/NaN/inf handled, and no external resource referenced. Plot contents are checked
against the input: the number of markers on a log–log plot equals the number of positive
points, the top core is the largest core number, one line per diffusion level.
"""

from __future__ import annotations

import copy
import math
import re
import xml.etree.ElementTree as ET

import pytest

from impactgraph.errors import GraphIOError
from impactgraph.report import PALETTE, PLOTS, _Scale, format_number, render_html, write_html

from report_sample import full_summary, karate_summary

SVG = re.compile(r"<svg\b.*?</svg>", re.S)
FIGURE = re.compile(r'<figure class="plot[^"]*" id="(plot-[a-z-]+)">(.*?)</figure>', re.S)


def figures(page: str) -> dict[str, str]:
    found = FIGURE.findall(page)
    ids = [i for i, _ in found]
    assert len(ids) == len(set(ids)), ids
    return dict(found)


def svg_of(page: str, name: str) -> ET.Element:
    svgs = SVG.findall(figures(page)[f"plot-{name}"])
    assert len(svgs) == 1
    return ET.fromstring(svgs[0])


def minimal() -> dict:
    return {"title": "t", "network": {"kind": "graph", "name": "g", "nodes": 3, "edges": 2, "directed": False}}


@pytest.fixture(scope="module")
def full_page() -> str:
    return render_html(full_summary())


def test_full_summary_has_every_plot_as_xml_svg(full_page):
    figs = figures(full_page)
    assert set(figs) == {f"plot-{k}" for k in PLOTS}
    for fid, body in figs.items():
        svgs = SVG.findall(body)
        assert len(svgs) == 1, fid
        root = ET.fromstring(svgs[0])
        assert root.tag == "svg" and root.get("viewBox")
        assert root.find("title") is not None and root.find("title").text
        # something is drawn: lines, bars or markers
        assert len(list(root.iter())) > 20, fid
        cap = re.search(r"<figcaption>(.*?)</figcaption>", body, re.S)
        assert cap and len(cap.group(1)) > 80, fid
    assert full_page.startswith("<!DOCTYPE html>")
    assert full_page.count("<svg") == len(PLOTS)
    assert 'class="note"' not in full_page


def test_karate_summary_from_real_computation_renders():
    s = karate_summary()
    page = render_html(s)
    assert set(figures(page)) == {f"plot-{k}" for k in PLOTS}
    for svg in SVG.findall(page):
        ET.fromstring(svg)
    assert "No bridging members in this summary." in page  # bridging is None in this sample
    # degree distribution of the karate club: degrees 1..17, the 11 degrees present, one marker each
    root = svg_of(page, "degree-distribution")
    assert len(root.findall(".//circle")) == len(s["degree_distribution"][0]["degree"]) == 11


META = ("title", "network", "generated_by", "created", "seed")


@pytest.mark.parametrize("key", [k for k in full_summary() if k not in META])
def test_each_missing_part_gives_a_note(key, full_page):
    s = full_summary()
    s[key] = None
    page = render_html(s)
    for svg in SVG.findall(page):
        ET.fromstring(svg)
    plot = next((n for n, (k, _) in PLOTS.items() if k == key), None)
    if plot is not None:
        assert f'id="plot-{plot}"' not in page
        assert len(figures(page)) == len(PLOTS) - 1
    assert page.count('class="note"') == 1
    del s[key]
    assert render_html(s) .count('class="note"') == 1


def test_minimal_summary_notes_everything():
    page = render_html(minimal())
    assert not figures(page)
    notes = re.findall(r'<p class="note">(.*?)</p>', page)
    assert len(notes) == len(PLOTS) + 5  # six plots + health, top nodes, bridging, timings, files
    assert "No health over time (the network has no times) in this summary." in notes
    # title and network may be absent too
    page = render_html({})
    assert "<title>impactgraph analysis</title>" in page and "No network description" in page


def test_empty_parts_draw_a_no_data_frame():
    s = minimal()
    s.update(
        degree_distribution=[{"level": "member", "degree": [], "count": []}],
        core_periphery=[],
        communities={"level": "member", "count": 0, "modularity": None, "sizes": []},
        roles={"level": "member", "counts": {}},
        diffusion={"model": "independent cascade", "steps": [], "mean_adopted": []},
        health_over_time={"time": [], "metrics": {}},
    )
    page = render_html(s)
    figs = figures(page)
    assert set(figs) == {f"plot-{k}" for k in PLOTS}
    for fid, body in figs.items():
        root = ET.fromstring(SVG.findall(body)[0])
        texts = [t.text for t in root.iter("text")]
        assert "no data" in texts, fid


def test_all_zero_on_log_axes_is_no_data():
    s = minimal()
    s["degree_distribution"] = [{"level": "member", "degree": [0], "count": [5]}]
    s["communities"] = {"level": "member", "count": 1, "sizes": [0]}
    page = render_html(s)
    for name in ("degree-distribution", "communities"):
        assert "no data" in [t.text for t in svg_of(page, name).iter("text")]
    assert "Nodes with no ties (degree 0, not drawn on log axes): member: 5." in page


def test_log_axes_skip_zeros_and_none():
    s = minimal()
    degree = [0, 1, 2, 3, 5, 8, None, 13]
    count = [4, 10, 0, 6, 3, float("nan"), 7, 1]
    s["degree_distribution"] = [{"level": "member", "degree": degree, "count": count}]
    root = svg_of(render_html(s), "degree-distribution")
    positive = [(d, c) for d, c in zip(degree, count)
                if d is not None and c is not None and not math.isnan(c) and d > 0 and c > 0]
    assert len(root.findall(".//circle")) == len(positive) == 4
    # markers left to right by degree and lower (larger y) for smaller counts: 1->10 above 3->6
    xs = [float(c.get("cx")) for c in root.findall(".//circle")]
    ys = [float(c.get("cy")) for c in root.findall(".//circle")]
    assert xs == sorted(xs)
    assert ys[0] < ys[1] < ys[2] < ys[3]


def test_core_periphery_marks_top_core_and_one_shell():
    s = minimal()
    s["core_periphery"] = [{"level": "member", "core": [0, 1, 2, 3, 4], "count": [2, 40, 30, 12, 0]}]
    root = svg_of(render_html(s), "core-periphery")
    bars = [r for r in root.iter("rect") if r.find("title") is not None]
    # the empty 4-core draws no bar
    assert [r.find("title").text.split(":")[0] for r in bars] == ["0", "1", "2", "3"]
    fills = {r.find("title").text.split(":")[0]: r.get("fill") for r in bars}
    assert fills["3"] == PALETTE[5] and fills["1"] == PALETTE[0]
    assert fills["0"] == fills["2"] not in (PALETTE[5], PALETTE[0])
    assert "top core: 12" in [t.text for t in root.iter("text")]
    # taller bar for more nodes
    h = {r.find("title").text.split(":")[0]: float(r.get("height")) for r in bars}
    assert h["1"] > h["2"] > h["3"] > h["0"]


def test_diffusion_one_line_per_level_plus_total():
    s = full_summary()
    page = render_html(s)
    root = svg_of(page, "diffusion")
    lines = root.findall(".//polyline")
    assert len(lines) == len(s["diffusion"]["by_level"]) + 1
    assert "one line per level" in figures(page)["plot-diffusion"]
    del s["diffusion"]["by_level"]
    assert len(svg_of(render_html(s), "diffusion").findall(".//polyline")) == 1


def test_level_colours_are_the_same_in_every_plot(full_page):
    deg = svg_of(full_page, "degree-distribution")
    diff = svg_of(full_page, "diffusion")
    colours = [p.get("stroke") for p in deg.findall(".//polyline")]
    assert colours == list(PALETTE[:4])  # member, organization, local_network, meta_network
    assert [p.get("stroke") for p in diff.findall(".//polyline")] == list(PALETTE[:4]) + ["#000000"]


def test_roles_bars_in_role_order_with_counts():
    s = minimal()
    s["roles"] = {"level": "member", "counts": {"broker": 3, "connector": 5, "ultra-peripheral": 20,
                                                 "peripheral": 12, "kinless hub": 0}}
    root = svg_of(render_html(s), "roles")
    texts = [t.text for t in root.iter("text")]
    labels = [t for t in texts if t in s["roles"]["counts"]]
    assert labels == ["ultra-peripheral", "peripheral", "connector", "kinless hub", "broker"]
    widths = [float(r.get("width")) for r in root.iter("rect")][1:]  # first rect: the background
    assert widths[0] > widths[1] > widths[2] > widths[4] and widths[3] <= 1.0
    assert widths[0] / widths[1] == pytest.approx(20 / 12, rel=0.02)


def test_health_table_metrics_as_rows_levels_as_columns(full_page):
    table = re.search(r'<table class="health">(.*?)</table>', full_page, re.S).group(1)
    head = re.findall(r"<th>(.*?)</th>", re.search(r"<thead>(.*?)</thead>", table, re.S).group(1))
    assert head == ["measure", "member", "organization", "local_network", "meta_network", "all"]
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table, re.S)
    names = [r[0] for r in rows]
    assert names[:3] == ["nodes", "edges", "density"]
    cells = dict((n, re.findall(r"<td[^>]*>(.*?)</td>", c)) for n, c in rows)
    assert cells["nodes"] == ["100,000", "3,000", "150", "8", "103,158"]
    assert cells["reciprocity"] == ["—"] * 5  # None
    assert cells["modularity"][0] == "0.7312"
    assert cells["density"][0] == "8.04e-05"


def test_nan_inf_and_none_values():
    s = minimal()
    s["health"] = [{"level": "member", "modularity": float("nan"), "density": float("inf"), "nodes": None}]
    s["timings"] = {"load": float("nan"), "leiden": 0.5}
    s["diffusion"] = {"steps": [0, 1, 2, 3], "mean_adopted": [1.0, float("nan"), None, 4.0], "seeds": ["a"]}
    s["communities"] = {"level": "member", "count": None, "modularity": float("nan"), "sizes": [5, None, 3]}
    page = render_html(s)
    for svg in SVG.findall(page):
        ET.fromstring(svg)
    assert "nan" not in page.lower().replace("nano", "")
    assert ">∞<" in page
    assert len(svg_of(page, "diffusion").findall(".//circle")) == 2
    assert len(svg_of(page, "communities").findall(".//circle")) == 2
    timings = re.search(r'<section id="timings">(.*?)</section>', page, re.S).group(1)
    assert re.findall(r"<td[^>]*>(.*?)</td>", timings) == ["—", "0.5", "0.5"]  # total over the known steps


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"), (7, "7"), (1234567, "1,234,567"), (-42, "-42"), (0.41978961209730437, "0.4198"),
        (12.3456, "12.35"), (45678.9, "45,679"), (1100.0, "1,100"), (1100.5, "1100"), (0.00015, "0.00015"),
        (0.0000123, "1.23e-05"), (2.5e17, "2.500e+17"), (-0.5, "-0.5"), (float("nan"), "—"), (None, "—"),
        (float("inf"), "∞"),
        (float("-inf"), "−∞"), (True, "yes"), (False, "no"), ("x<y", "x<y"),
    ],
)
def test_format_number(value, text):
    assert format_number(value) == text


def test_labels_are_escaped():
    evil = "<script>alert('x')</script>"
    s = full_summary()
    s["title"] = evil
    s["network"]["name"] = evil
    s["network"]["levels"][0]["level"] = evil
    s["health"][0]["level"] = evil
    s["degree_distribution"][0]["level"] = evil
    s["top_nodes"][0]["node"] = evil
    s["bridging"]["top"][0]["node"] = evil
    s["roles"]["counts"][evil] = 3
    s["diffusion"]["seeds"][0] = evil
    s["diffusion"]["by_level"][evil] = s["diffusion"]["by_level"].pop("member")
    s["health_over_time"]["time"][0] = evil
    s["files"].append(evil)
    s["timings"][evil] = 1.0
    page = render_html(s)
    assert "<script" not in page.lower()
    assert page.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;") >= 12
    for svg in SVG.findall(page):
        ET.fromstring(svg)


def test_no_external_resources(full_page):
    for page in (full_page, render_html(minimal())):
        assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""", page, re.I)
        assert not re.search(r"url\s*\(|@import", page, re.I)
        for tag in ("<script", "<link", "<img", "<iframe", "<object", "<embed"):
            assert tag not in page.lower()
        # every in-page link points at a section that exists
        for target in re.findall(r'href="#([^"]+)"', page):
            assert f'id="{target}"' in page


def test_not_a_mapping():
    with pytest.raises(TypeError, match="summary must be a mapping"):
        render_html([("title", "x")])


def test_input_is_not_modified_and_output_is_deterministic(full_page):
    s = full_summary()
    before = copy.deepcopy(s)
    assert render_html(s) == full_page
    assert s == before


def test_write_html(tmp_path):
    p = write_html(minimal(), tmp_path / "report.html")
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert p == str(tmp_path / "report.html") and text.startswith("<!DOCTYPE html>") and "</html>" in text
    with pytest.raises(GraphIOError, match="cannot write the report"):
        write_html(minimal(), tmp_path / "missing" / "report.html")


@pytest.mark.parametrize(("lo", "hi"), [(1, 1), (1, 7), (3, 170), (0.2, 55000), (1, 1e9)])
def test_log_scale_covers_the_data_with_powers_of_ten(lo, hi):
    s = _Scale(lo, hi, 0.0, 100.0, log=True)
    assert s.lo <= lo and s.hi >= hi
    assert s(s.lo) == pytest.approx(0) and s(s.hi) == pytest.approx(100)
    assert s(math.sqrt(s.lo * s.hi)) == pytest.approx(50)
    assert all(math.log10(t) == pytest.approx(round(math.log10(t))) or t / 10 ** math.floor(math.log10(t)) in (2, 5)
               for t in s.ticks)
    assert len(s.ticks) >= 2


@pytest.mark.parametrize(("lo", "hi", "integer"), [(0, 1, False), (0, 12, True), (0.4, 0.5, False), (-3, 8, True),
                                                    (5, 5, True), (0, 41022, True)])
def test_linear_scale_ticks(lo, hi, integer):
    s = _Scale(lo, hi, 0.0, 100.0, zero=False, integer=integer)
    assert s.lo <= lo and s.hi >= hi
    assert s.ticks[0] == pytest.approx(s.lo) and s.ticks[-1] == pytest.approx(s.hi)
    steps = {round(b - a, 9) for a, b in zip(s.ticks, s.ticks[1:])}
    assert len(steps) == 1 and 2 <= len(s.ticks) <= 12
    if integer:
        assert all(float(t).is_integer() for t in s.ticks)


@pytest.mark.hypothesis
def test_arbitrary_values_never_raise():
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    num = st.one_of(st.none(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True))
    nums = st.lists(num, max_size=12)

    @hypothesis.settings(max_examples=40, deadline=None)
    @hypothesis.given(deg=nums, cnt=nums, sizes=nums, steps=nums, ys=nums,
                      h=st.dictionaries(st.text(max_size=5), num, max_size=4))
    def check(deg, cnt, sizes, steps, ys, h):
        s = minimal()
        s["degree_distribution"] = [{"level": "a", "degree": deg, "count": cnt}]
        s["core_periphery"] = [{"level": "a", "core": [d for d in deg if isinstance(d, int) and d >= 0][:50],
                                "count": cnt}]
        s["communities"] = {"level": "a", "count": len(sizes), "modularity": ys[0] if ys else None, "sizes": sizes}
        s["diffusion"] = {"steps": steps, "mean_adopted": ys, "by_level": {"a": ys, "b": cnt}}
        s["health"] = [dict(h, level="a")]
        s["health_over_time"] = {"time": [str(x) for x in steps], "metrics": {"m": {"a": ys}}}
        page = render_html(s)
        assert len(figures(page)) == len(PLOTS) - 1
        for svg in SVG.findall(page):
            ET.fromstring(svg)

    check()
