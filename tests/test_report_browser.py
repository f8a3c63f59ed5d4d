"""The HTML report in a real browser: headless Chromium draws every plot, with no console error.

The page is rendered from a summary computed with impactgraph on Zachary's karate club and from
a hand-written multi-level summary (``tests/report_sample.py``). For each, Chromium runs twice on
the file: once with ``--dump-dom`` on a test copy of the page that carries a small script writing
the bounding box of every ``figure.plot`` and its ``<svg>`` (and the page height) as JSON into a
``<pre id="layout">``, and once with ``--screenshot`` at that height. Pillow then checks that every
svg region of the screenshot has a non-trivial share of non-background pixels and more than two
distinct colours. Console output of the page (an uncaught error, ``console.error``) fails the
test; the script's own probe message proves that the console log is being captured.

The browser is ``chromium``, ``chromium-browser`` or ``google-chrome`` on PATH (``.ci/run``
installs Debian's chromium). Without one the test is skipped, unless ``CI`` is set: then it fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import cast

import pytest

from impactgraph.report import PLOTS, render_html

from report_sample import full_summary, karate_summary

if not os.environ.get("CI"):
    pytest.importorskip("PIL", reason="Pillow (the test extra) is not installed")

WIDTH = 1280
PROBE = "ig-layout-probe"
LAYOUT_SCRIPT = """<pre id="layout"></pre><script>
(function () {
  var out = {figures: {}, height: Math.ceil(document.documentElement.scrollHeight)};
  function box(el) { var r = el.getBoundingClientRect();
    return [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height]; }
  document.querySelectorAll("figure.plot").forEach(function (f) {
    out.figures[f.id] = {figure: box(f), svgs: Array.prototype.map.call(f.querySelectorAll("svg"), box)};
  });
  document.getElementById("layout").textContent = JSON.stringify(out);
  console.log("%PROBE%");
})();
</script>""".replace("%PROBE%", PROBE)


def _browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI"):
        pytest.fail("no chromium, chromium-browser or google-chrome on PATH (CI is set; .ci/run installs chromium)")
    pytest.skip("no chromium, chromium-browser or google-chrome on PATH (set CI to make this a failure)")


def _chromium(browser: str, url: str, *args: str, height: int, profile: Path) -> subprocess.CompletedProcess:
    cmd = [
        browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
        "--force-device-scale-factor=1", f"--user-data-dir={profile}",
        f"--window-size={WIDTH},{height}", "--enable-logging=stderr", "--v=0", *args, url,
    ]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"chromium did not finish within 60 s: {' '.join(cmd)}")


def _console_lines(stderr: str, page: str) -> list[str]:
    """The console messages of our page (Chromium logs them as ``...:CONSOLE...] "msg", source: url``)."""
    return [ln for ln in stderr.splitlines() if "CONSOLE" in ln and (page in ln or "Uncaught" in ln)]


def _render(tmp_path: Path, summary: dict, name: str) -> tuple[dict, Path]:
    """Layout JSON and screenshot path of the report of ``summary``."""
    browser = _browser()
    page = render_html(summary)
    assert page.count("</body>") == 1
    test_page = tmp_path / f"{name}.html"
    test_page.write_text(page.replace("</body>", LAYOUT_SCRIPT + "</body>"), encoding="utf-8")
    url = test_page.as_uri()
    dom = _chromium(browser, url, "--dump-dom", height=900, profile=tmp_path / "profile")
    assert dom.returncode == 0, dom.stderr[-3000:]
    console = _console_lines(dom.stderr, url)
    assert any(PROBE in ln for ln in console), "the page's console log was not captured:\n" + dom.stderr[-3000:]
    errors = [ln for ln in console if PROBE not in ln]
    assert not errors, "console messages from the page:\n" + "\n".join(errors)
    m = re.search(r'<pre id="layout">(.*?)</pre>', dom.stdout, re.S)
    assert m and m.group(1).strip(), "layout script did not run:\n" + dom.stdout[-2000:]
    layout = json.loads(m.group(1))
    shot = tmp_path / f"{name}.png"
    height = min(int(layout["height"]) + 8, 16000)
    res = _chromium(browser, url, f"--screenshot={shot}", height=height, profile=tmp_path / "profile")
    assert res.returncode == 0 and shot.is_file(), res.stderr[-3000:]
    errors = [ln for ln in _console_lines(res.stderr, url) if PROBE not in ln]
    assert not errors, "console messages from the page:\n" + "\n".join(errors)
    return layout, shot


def _check_drawn(layout: dict, shot: Path, expected: set[str]) -> None:
    from PIL import Image

    assert set(layout["figures"]) == expected
    img = Image.open(shot).convert("RGB")
    for fid, boxes in layout["figures"].items():
        fx, fy, fw, fh = boxes["figure"]
        assert fw > 300 and fh > 200, (fid, boxes["figure"])
        assert fy + fh <= img.height, f"{fid} lies below the screenshot ({fy + fh} > {img.height})"
        assert boxes["svgs"], f"{fid} has no svg"
        for sx, sy, sw, sh in boxes["svgs"]:
            assert sw > 250 and sh > 150, (fid, sw, sh)
            region = img.crop((round(sx), round(sy), round(sx + sw), round(sy + sh)))
            colors = cast("list[tuple[int, tuple[int, int, int]]] | None", region.getcolors(maxcolors=1 << 20))
            assert colors is not None
            background = max(colors)[1]
            ink = sum(c for c, rgb in colors if rgb != background)
            share = ink / (region.width * region.height)
            assert share > 0.01, f"{fid}: only {share:.4f} of the svg region is drawn"
            assert len(colors) > 2, f"{fid}: {len(colors)} colours"
            # something other than grey text and axes: a coloured series, bar or marker
            saturated = sum(c for c, (r, g, b) in colors if max(r, g, b) - min(r, g, b) > 60)
            assert saturated > 50, f"{fid}: no coloured marks ({saturated} px)"


def test_karate_report_draws_every_plot(tmp_path):
    layout, shot = _render(tmp_path, karate_summary(), "karate")
    _check_drawn(layout, shot, {f"plot-{k}" for k in PLOTS})
    # the pixel check can fail: an empty stretch of the page (right of the network table) is not a plot
    blank = {fid: {"figure": b["figure"], "svgs": [[820, 210, 420, 200]]} for fid, b in layout["figures"].items()}
    with pytest.raises(AssertionError, match="of the svg region is drawn"):
        _check_drawn({"figures": blank}, shot, set(blank))
    keep = os.environ.get("IMPACTGRAPH_REPORT_SAMPLE")
    if keep:
        shutil.copyfile(shot, keep)


def test_multilevel_report_draws_every_plot(tmp_path):
    layout, shot = _render(tmp_path, full_summary(), "multilevel")
    _check_drawn(layout, shot, {f"plot-{k}" for k in PLOTS})
    keep = os.environ.get("IMPACTGRAPH_REPORT_SAMPLE_ML")
    if keep:
        shutil.copyfile(shot, keep)


def test_console_errors_are_caught(tmp_path):
    """The console check can fail: a page with a script error is reported."""
    browser = _browser()
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction();</script></body></html>",
                    encoding="utf-8")
    res = _chromium(browser, page.as_uri(), "--dump-dom", height=300, profile=tmp_path / "profile")
    lines = _console_lines(res.stderr, page.as_uri())
    assert any("Uncaught" in ln and "undefinedFunction" in ln for ln in lines), res.stderr[-3000:]
