"""A self-contained HTML report of an analysis summary: tables and inline SVG plots.

:func:`render_html` turns the summary dict built by :mod:`impactgraph.analyze` (the keys are
described in :func:`render_html`) into one HTML page that needs no server, no network and no
JavaScript: every plot is inline SVG drawn by the small helpers of this module (no plotting
library), the style sheet is inline and no font, image or script is fetched. The page opens
from ``file://``, reflows on narrow screens and prints.

Plots (each a ``<figure class="plot" id="plot-...">`` with an ``<svg>`` and a caption that says
what to read from it): degree distribution (log–log, one series per level), core–periphery
(nodes per core number, the top core and the 1-shell marked), community sizes (rank plot, log
scale), weaver role counts, the diffusion curve from the top connectors, and network health
over time (small multiples, only for timed networks). Tables: network summary, health per
level, top nodes, bridging members, timings and files.

A part that is missing from the summary (absent or None) is skipped with a note; a part that is
present but empty draws its frame with a "no data" note. Every label is HTML-escaped; numbers
are formatted for reading (thousands separators, four significant digits, "—" for a missing
or undefined value).
"""

from __future__ import annotations

import html
import math
import numbers
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .errors import GraphIOError

__all__ = ["render_html", "write_html", "format_number", "PALETTE", "PLOTS"]

#: Okabe–Ito colour-blind-safe palette (blue, orange, bluish green, reddish purple, sky blue,
#: vermillion, yellow); series beyond seven reuse it with a dash pattern.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
_DASHES = ("", "6 3", "2 3", "8 3 2 3")
_ALL = "#000000"  # the "all" series (whole network)
_GRID = "#e3e3e3"
_AXIS = "#555555"
_TEXT = "#222222"
_MUTED = "#666666"

#: Plot name -> (summary key, title); the figure ids are ``plot-<name>``.
PLOTS: dict[str, tuple[str, str]] = {
    "degree-distribution": ("degree_distribution", "Degree distribution"),
    "core-periphery": ("core_periphery", "Core–periphery: nodes per core number"),
    "communities": ("communities", "Community sizes"),
    "roles": ("roles", "Weaver roles"),
    "diffusion": ("diffusion", "Diffusion from the top connectors"),
    "health-over-time": ("health_over_time", "Network health over time"),
}

_ROLE_ORDER = (
    "ultra-peripheral",
    "peripheral",
    "connector",
    "kinless",
    "provincial hub",
    "connector hub",
    "kinless hub",
)

# --------------------------------------------------------------------------------------------
# numbers and text


def _esc(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _num(v: Any) -> float | None:
    """A finite float, or None for None, NaN, infinities, booleans and non-numbers."""
    if v is None or isinstance(v, bool) or not isinstance(v, numbers.Real):
        return None
    x = float(v)
    return x if math.isfinite(x) else None


def format_number(v: Any) -> str:
    """Format a summary value for a table cell or a label.

    Parameters
    ----------
    v : int, float, bool, str or None
        The value.

    Returns
    -------
    str
        Integers with thousands separators; floats with four significant digits (thousands
        separators from 10,000 up, scientific notation below 0.0001 and from 10**15); ``"—"`` for None and NaN,
        ``"∞"``/``"−∞"`` for infinities, ``"yes"``/``"no"`` for booleans, other values as
        ``str`` (not escaped).

    Examples
    --------
    >>> [format_number(x) for x in (1234567, 0.41978, 12.3456, 45678.9, 0.0000123, None, float("nan"), True)]
    ['1,234,567', '0.4198', '12.35', '45,679', '1.23e-05', '—', '—', 'yes']
    """
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, numbers.Integral):
        return f"{int(v):,}"
    if isinstance(v, numbers.Real):
        x = float(v)
        if math.isnan(x):
            return "—"
        if math.isinf(x):
            return "∞" if x > 0 else "−∞"
        a = abs(x)
        if a == 0:
            return "0"
        if a >= 1e15:
            return f"{x:.3e}"
        if a >= 1e4 or (a >= 1e3 and x.is_integer()):
            return f"{x:,.0f}"
        if a >= 1e-4:
            return f"{x:.4g}"
        return f"{x:.2e}"
    return str(v)


def _tick_label(x: float) -> str:
    a = abs(x)
    if a == 0:
        return "0"
    for div, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if a >= div:
            return f"{x / div:g}{suffix}"
    if a >= 1e-3:
        return f"{x:.6g}"
    return f"{x:.0e}"


def _seq(v: Any) -> list[Any]:
    """A list from a sequence-like value (anything else: empty)."""
    if v is None or isinstance(v, (str, bytes, Mapping)):
        return []
    try:
        return list(v)
    except TypeError:
        return []


def _pairs(xs: Any, ys: Any) -> list[tuple[float, float]]:
    """(x, y) pairs of finite numbers, in order; pairs with a missing member are dropped."""
    out = []
    for x, y in zip(_seq(xs), _seq(ys)):
        fx, fy = _num(x), _num(y)
        if fx is not None and fy is not None:
            out.append((fx, fy))
    return out


# --------------------------------------------------------------------------------------------
# scales


class _Scale:
    """Linear or log10 map of a data interval onto a pixel interval, with tick positions."""

    def __init__(self, lo: float, hi: float, a: float, b: float, *, log: bool = False, zero: bool = False,
                 nticks: int = 5, integer: bool = False) -> None:
        self.log, self.a, self.b = log, a, b
        if log:
            lo, hi = min(max(lo, 1e-300), 1e300), min(max(hi, 1e-300), 1e300)
            e0, e1 = math.floor(math.log10(lo) + 1e-9), math.ceil(math.log10(hi) - 1e-9)
            if e1 <= e0:
                e1 = e0 + 1
            self.lo, self.hi = 10.0**e0, 10.0**e1
            decades = list(range(e0, e1 + 1))
            mult = (1, 2, 5) if e1 - e0 <= 2 else (1,)
            stride = max(1, math.ceil((e1 - e0) / 8))
            self.ticks = [m * 10.0**e for e in decades[::stride] for m in mult if m * 10.0**e <= self.hi * (1 + 1e-9)]
            if integer:
                self.ticks = [t for t in self.ticks if t >= 1] or self.ticks
        else:
            lo, hi = max(lo, -1e300), min(hi, 1e300)
            if zero:
                lo, hi = min(lo, 0.0), max(hi, 0.0)
            if hi - lo <= 1e-9 * max(abs(lo), abs(hi)):
                d = 1.0 if lo == 0 else abs(lo) * 0.1
                lo, hi = (0.0, 1.0) if lo == 0 and zero else (lo - d, hi + d)
            step = _nice((hi - lo) / max(nticks, 1), integer=integer)
            k0 = math.floor(lo / step + 1e-9)
            k1 = math.ceil(hi / step - 1e-9)
            if k1 <= k0:
                k1 = k0 + 1
            self.lo, self.hi = k0 * step, k1 * step
            if not (self.hi > self.lo and math.isfinite(self.hi - self.lo)) or k1 - k0 > 50:
                self.lo, self.hi = lo, hi  # precision or range too extreme for round ticks
                self.ticks = [lo, hi]
            else:
                self.ticks = [k * step for k in range(k0, k1 + 1)]

    def __call__(self, v: float) -> float:
        if self.log:
            num = math.log10(min(max(v, 1e-300), 1e300)) - math.log10(self.lo)
            den = math.log10(self.hi) - math.log10(self.lo)
        else:
            num, den = v - self.lo, self.hi - self.lo
        t = num / den if den > 0 and math.isfinite(den) else 0.5
        if not math.isfinite(t):
            t = 0.5
        return self.a + min(max(t, -0.05), 1.05) * (self.b - self.a)


def _nice(x: float, *, integer: bool = False) -> float:
    """A 1-2-2.5-5 step at least ``x`` (1-2-5 and at least 1 for integer data)."""
    if x <= 0 or not math.isfinite(x):
        return 1.0
    if integer and x <= 1:
        return 1.0
    e = math.floor(math.log10(x))
    f = x / 10**e
    for m in ((1, 2, 5, 10) if integer and e == 0 else (1, 2, 2.5, 5, 10)):
        if f <= m + 1e-9:
            return m * 10**e
    return 10 ** (e + 1)


# --------------------------------------------------------------------------------------------
# svg primitives


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if math.isfinite(x) else "0"


def _text(x: float, y: float, s: Any, *, size: int = 12, anchor: str = "start", fill: str = _TEXT,
          weight: str | None = None, rotate: bool = False, cls: str | None = None) -> str:
    attrs = f'x="{_f(x)}" y="{_f(y)}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"'
    if weight:
        attrs += f' font-weight="{weight}"'
    if rotate:
        attrs += f' transform="rotate(-90 {_f(x)} {_f(y)})"'
    if cls:
        attrs += f' class="{cls}"'
    return f"<text {attrs}>{_esc(s)}</text>"


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'preserveAspectRatio="xMidYMid meet"><title>{_esc(title)}</title>'
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>' + "".join(body) + "</svg>"
    )


def _no_data(body: list[str], x: float, y: float, w: float, h: float, message: str = "no data") -> None:
    body.append(
        f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(w)}" height="{_f(h)}" fill="#f7f7f7" '
        f'stroke="#bbbbbb" stroke-dasharray="4 3"/>'
    )
    body.append(_text(x + w / 2, y + h / 2 + 4, message, size=13, anchor="middle", fill=_MUTED, cls="no-data"))


def _legend(body: list[str], x: float, y: float, items: Sequence[tuple[str, str, str]], *, width: float,
            swatch: str = "line") -> float:
    """Legend entries (label, colour, dash) laid out left to right, wrapping; returns the height used."""
    cx, cy = x, y
    for label, color, dash in items:
        w = 40 + 7.5 * len(str(label))
        if cx + w > x + width and cx > x:
            cx, cy = x, cy + 18
        if swatch == "line":
            da = f' stroke-dasharray="{dash}"' if dash else ""
            body.append(f'<line x1="{_f(cx)}" y1="{_f(cy)}" x2="{_f(cx + 18)}" y2="{_f(cy)}" stroke="{color}" '
                        f'stroke-width="2.5"{da}/>')
            body.append(f'<circle cx="{_f(cx + 9)}" cy="{_f(cy)}" r="3" fill="{color}"/>')
        else:
            body.append(f'<rect x="{_f(cx + 3)}" y="{_f(cy - 6)}" width="12" height="12" fill="{color}"/>')
        body.append(_text(cx + 22, cy + 4, label, size=12))
        cx += w
    return cy - y + 18


def _axes(body: list[str], x0: float, y0: float, w: float, h: float, xs: _Scale | None, ys: _Scale,
          xlabel: str, ylabel: str, *, xticks: Sequence[tuple[float, str]] | None = None) -> None:
    """Grid, axes, ticks and axis labels of the plot area ``[x0, x0 + w] x [y0, y0 + h]``."""
    for t in ys.ticks:
        py = ys(t)
        if y0 - 0.5 <= py <= y0 + h + 0.5:
            body.append(f'<line x1="{_f(x0)}" y1="{_f(py)}" x2="{_f(x0 + w)}" y2="{_f(py)}" stroke="{_GRID}"/>')
            body.append(_text(x0 - 6, py + 4, _tick_label(t), size=11, anchor="end", fill=_MUTED))
    if xticks is None and xs is not None:
        xticks = [(xs(t), _tick_label(t)) for t in xs.ticks]
    for px, lab in xticks or ():
        if x0 - 0.5 <= px <= x0 + w + 0.5:
            body.append(f'<line x1="{_f(px)}" y1="{_f(y0 + h)}" x2="{_f(px)}" y2="{_f(y0 + h + 5)}" stroke="{_AXIS}"/>')
            body.append(_text(px, y0 + h + 18, lab, size=11, anchor="middle", fill=_MUTED))
    body.append(f'<line x1="{_f(x0)}" y1="{_f(y0 + h)}" x2="{_f(x0 + w)}" y2="{_f(y0 + h)}" stroke="{_AXIS}"/>')
    body.append(f'<line x1="{_f(x0)}" y1="{_f(y0)}" x2="{_f(x0)}" y2="{_f(y0 + h)}" stroke="{_AXIS}"/>')
    if xlabel:
        body.append(_text(x0 + w / 2, y0 + h + 36, xlabel, size=12, anchor="middle"))
    if ylabel:
        body.append(_text(x0 - 46, y0 + h / 2, ylabel, size=12, anchor="middle", rotate=True))


def _thin(n: int, most: int) -> int:
    return max(1, math.ceil(n / max(most, 1)))


# --------------------------------------------------------------------------------------------
# charts


class _Series:
    def __init__(self, name: str, pts: list[tuple[float, float]], color: str, dash: str = "",
                 markers: bool = True, width: float = 2.0) -> None:
        self.name, self.pts, self.color, self.dash, self.markers, self.width = name, pts, color, dash, markers, width


def _xy_panel(body: list[str], x: float, y: float, w: float, h: float, series: Sequence[_Series], *,
              title: str, xlabel: str, ylabel: str, xlog: bool = False, ylog: bool = False,
              xcats: Sequence[str] | None = None, legend: bool = True, yzero: bool = True) -> None:
    """A line/scatter panel in the box ``(x, y, w, h)``: title, legend, axes and series.

    Log axes drop non-positive values (and break the line there). With ``xcats`` the x values
    are category positions 0..k-1 labelled by ``xcats``.
    """
    top = y + 6
    if title:
        body.append(_text(x + 4, y + 16, title, size=14, weight="600"))
        top = y + 26
    shown = [s for s in series if s.pts]
    if legend and len(shown) > 1:
        top += _legend(body, x + 60, top + 8, [(s.name, s.color, s.dash) for s in shown], width=w - 70) + 4
    px0, py0 = x + 62, top + 6
    pw, ph = w - 62 - 14, y + h - 46 - py0
    pts = [(a, b) for s in shown for a, b in s.pts if (a > 0 or not xlog) and (b > 0 or not ylog)]
    if not pts or ph < 20:
        _no_data(body, px0, py0, pw, max(ph, 20))
        return
    xv = [a for a, _ in pts]
    yv = [b for _, b in pts]
    if xcats is not None:
        xs = _Scale(-0.5, max(len(xcats) - 0.5, 0.5), px0, px0 + pw)
        step = _thin(len(xcats), max(2, int(pw // 70)))
        xticks = [(xs(i), str(c)) for i, c in enumerate(xcats) if i % step == 0]
    else:
        xs = _Scale(min(xv), max(xv), px0, px0 + pw, log=xlog, integer=all(float(v).is_integer() for v in xv))
        xticks = None
    ys = _Scale(min(yv), max(yv), py0 + ph, py0, log=ylog, zero=yzero and not ylog,
                integer=all(float(v).is_integer() for v in yv))
    _axes(body, px0, py0, pw, ph, xs if xcats is None else None, ys, xlabel, ylabel, xticks=xticks)
    body.append("<g>")
    for s in shown:
        runs: list[list[str]] = [[]]
        dots = []
        for a, b in s.pts:
            if (xlog and a <= 0) or (ylog and b <= 0):
                runs.append([])
                continue
            p = (xs(a), ys(b))
            runs[-1].append(f"{_f(p[0])},{_f(p[1])}")
            dots.append(p)
        da = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        for run in runs:
            if len(run) > 1:
                body.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{s.color}" '
                            f'stroke-width="{s.width}" stroke-linejoin="round"{da}/>')
        if s.markers or len(dots) == 1:
            r = 3.0 if len(dots) <= 80 else 2.0
            body.extend(f'<circle cx="{_f(a)}" cy="{_f(b)}" r="{r}" fill="{s.color}"/>' for a, b in dots)
    body.append("</g>")


def _bar_panel(body: list[str], x: float, y: float, w: float, h: float, cats: Sequence[Any],
               values: Sequence[float], colors: Sequence[str], *, title: str, xlabel: str, ylabel: str,
               ylog: bool = False, labels: Mapping[int, str] | None = None) -> None:
    """Vertical bars (one per category) in the box ``(x, y, w, h)``; ``labels`` maps a bar index
    to a note written above it."""
    body.append(_text(x + 4, y + 16, title, size=14, weight="600"))
    px0, py0 = x + 62, y + 40
    pw, ph = w - 62 - 14, h - 40 - 46
    vals = [v for v in values if v is not None and (v > 0 or not ylog)]
    if not cats or not vals or ph < 20:
        _no_data(body, px0, py0, pw, max(ph, 20))
        return
    lo = min(vals)
    if ylog:
        lo = lo / 2
    ys = _Scale(lo, max(vals), py0 + ph, py0, log=ylog, zero=not ylog, integer=True)
    n = len(cats)
    slot = pw / n
    step = _thin(n, max(2, int(pw // 36)))
    xticks = [(px0 + slot * (i + 0.5), str(c)) for i, c in enumerate(cats) if i % step == 0 or i == n - 1]
    if len(xticks) > 1 and xticks[-1][0] - xticks[-2][0] < 24:
        xticks.pop(-2)
    _axes(body, px0, py0, pw, ph, None, ys, xlabel, ylabel, xticks=xticks)
    base = py0 + ph
    gap = min(2.0, slot * 0.2)
    for i, (v, c) in enumerate(zip(values, colors)):
        if v is None or v <= 0:
            continue
        top = max(min(ys(v), base), py0)
        body.append(f'<rect x="{_f(px0 + slot * i + gap / 2)}" y="{_f(top)}" width="{_f(max(slot - gap, 0.8))}" '
                    f'height="{_f(max(base - top, 0.8))}" fill="{c}"><title>{_esc(cats[i])}: '
                    f"{_esc(format_number(v))}</title></rect>")
        if labels and i in labels:
            body.append(_text(px0 + slot * (i + 0.5), top - 5, labels[i], size=11, anchor="middle", weight="600"))


def _hbar_svg(items: Sequence[tuple[str, float | None, str]], *, title: str, xlabel: str) -> str:
    """Horizontal bars (label, value, colour), value written at the end of each bar."""
    width, row = 640, 26
    height = 16 + row * max(len(items), 1) + 44
    body: list[str] = []
    lx = 150
    px0, pw, py0 = lx, width - lx - 70, 16
    vals = [v for _, v, _ in items if v is not None]
    if not items or not vals:
        _no_data(body, px0, py0, pw, height - 80)
        return _svg(width, height, body, title)
    xs = _Scale(0, max(max(vals), 1), px0, px0 + pw, zero=True, integer=True)
    ph = row * len(items)
    for t in xs.ticks:
        gx = xs(t)
        body.append(f'<line x1="{_f(gx)}" y1="{_f(py0)}" x2="{_f(gx)}" y2="{_f(py0 + ph)}" stroke="{_GRID}"/>')
        body.append(_text(gx, py0 + ph + 16, _tick_label(t), size=11, anchor="middle", fill=_MUTED))
    for i, (lab, v, c) in enumerate(items):
        cy = py0 + row * i
        body.append(_text(lx - 8, cy + row / 2 + 4, lab, size=12, anchor="end"))
        if v is None:
            body.append(_text(px0 + 4, cy + row / 2 + 4, "—", size=12, fill=_MUTED))
            continue
        bw = max(xs(v) - px0, 0.0)
        body.append(f'<rect x="{_f(px0)}" y="{_f(cy + 4)}" width="{_f(max(bw, 1.0))}" height="{row - 8}" '
                    f'fill="{c}"/>')
        body.append(_text(px0 + bw + 5, cy + row / 2 + 4, format_number(v), size=12))
    body.append(f'<line x1="{_f(px0)}" y1="{_f(py0)}" x2="{_f(px0)}" y2="{_f(py0 + ph)}" stroke="{_AXIS}"/>')
    body.append(_text(px0 + pw / 2, py0 + ph + 34, xlabel, size=12, anchor="middle"))
    return _svg(width, height, body, title)


# --------------------------------------------------------------------------------------------
# the plots


class _Colors:
    """One colour (and dash) per level name, the same in every plot; "all" is black."""

    def __init__(self, levels: Iterable[str]) -> None:
        self.map: dict[str, tuple[str, str]] = {}
        for lev in levels:
            self(lev)

    def __call__(self, level: Any) -> tuple[str, str]:
        key = str(level)
        if key not in self.map:
            if key == "all":
                self.map[key] = (_ALL, "6 3")
            else:
                k = sum(1 for v in self.map if v != "all")
                self.map[key] = (PALETTE[k % len(PALETTE)], _DASHES[(k // len(PALETTE)) % len(_DASHES)])
        return self.map[key]


def _grid(n: int, cols: int, pw: int, ph: int) -> tuple[int, int, list[tuple[int, int]]]:
    cols = max(1, min(cols, n))
    rows = math.ceil(n / cols) if n else 1
    boxes = [((i % cols) * pw, (i // cols) * ph) for i in range(n)]
    return cols * pw, rows * ph, boxes


def _plot_degree(part: Any, colors: _Colors) -> tuple[str, str]:
    entries = [e for e in _seq(part) if isinstance(e, Mapping)]
    series, isolates = [], []
    for e in entries:
        lev = str(e.get("level", "?"))
        pts = sorted(_pairs(e.get("degree"), e.get("count")))
        zero = sum(c for d, c in pts if d == 0)
        if zero:
            isolates.append(f"{lev}: {format_number(int(zero))}")
        c, d = colors(lev)
        series.append(_Series(lev, pts, c, d))
    body: list[str] = []
    _xy_panel(body, 0, 0, 640, 380, series, title="", xlabel="degree (ties per node)",
              ylabel="number of nodes", xlog=True, ylog=True)
    cap = (
        "How many nodes have each number of ties, one series per level, on log–log axes. A long, straight "
        "tail means a few highly connected nodes (hubs) hold the network together while most members have "
        "few ties; a hump means ties are spread evenly. The rightmost points are the best-connected nodes: "
        "the connectors whose loss or overload the network would feel first."
    )
    if isolates:
        cap += " Nodes with no ties (degree 0, not drawn on log axes): " + "; ".join(isolates) + "."
    return _svg(640, 380, body, "Degree distribution"), cap


def _plot_core(part: Any, colors: _Colors) -> tuple[str, str]:
    entries = [e for e in _seq(part) if isinstance(e, Mapping)]
    n = max(len(entries), 1)
    cols = 1 if n == 1 else 2
    pw, ph = (640, 340) if n == 1 else (480, 300)
    width, height, boxes = _grid(n, cols, pw, ph)
    height += 30
    body: list[str] = []
    _legend(body, 70, 14, [("other shells", "#9a9a9a", ""), ("1-shell (periphery)", PALETTE[0], ""),
                           ("top core", PALETTE[5], "")], width=width - 80, swatch="box")
    notes = []
    if not entries:
        _no_data(body, 62, 70, width - 80, height - 120)
    for e, (bx, by) in zip(entries, boxes):
        lev = str(e.get("level", "?"))
        pts = sorted((int(k), v) for k, v in _pairs(e.get("core"), e.get("count")))
        cats = [k for k, _ in pts]
        vals = [v for _, v in pts]
        pos = [k for k, v in pts if v > 0]
        top = max(pos) if pos else None
        fill, labels = [], {}
        for i, k in enumerate(cats):
            if k == top:
                fill.append(PALETTE[5])
                labels[i] = f"top core: {format_number(vals[i])}"
            elif k == 1:
                fill.append(PALETTE[0])
            else:
                fill.append("#9a9a9a")
        pos_vals = [v for v in vals if v > 0]
        ylog = bool(pos_vals) and max(pos_vals) / min(pos_vals) > 50
        _bar_panel(body, bx, by + 30, pw, ph, cats, vals, fill, title=f"{lev}", xlabel="core number (k-shell)",
                   ylabel="nodes" + (" (log scale)" if ylog else ""), ylog=ylog, labels=labels)
        if top is not None:
            total = sum(vals)
            one = sum(v for k, v in pts if k == 1)
            tv = sum(v for k, v in pts if k == top)
            notes.append(f"{lev}: top core k = {top} holds {format_number(tv)} nodes "
                         f"({format_number(100 * tv / total)} %), the 1-shell {format_number(one)} "
                         f"({format_number(100 * one / total)} %)")
    cap = (
        "Nodes per core number (k-core decomposition): a node is in the k-core when it keeps at least k ties "
        "inside a group where everyone does. The red-orange bar is the top core — the densely knit centre where "
        "coordination and trust concentrate; the blue 1-shell is the periphery, members hanging on by a "
        "single tie and the easiest to lose or to bring in."
    )
    if notes:
        cap += " " + "; ".join(notes) + "."
    return _svg(width, height, body, "Core–periphery"), cap


def _plot_communities(part: Any, colors: _Colors, level_nodes: Mapping[str, int]) -> tuple[str, str]:
    part = part if isinstance(part, Mapping) else {}
    sizes = [v for v in (_num(s) for s in _seq(part.get("sizes"))) if v is not None]
    sizes.sort(reverse=True)
    lev = str(part.get("level", "?"))
    c, _ = colors(lev)
    body: list[str] = []
    _xy_panel(body, 0, 0, 640, 360, [_Series(lev, [(i + 1.0, s) for i, s in enumerate(sizes)], c,
                                             markers=len(sizes) <= 120)],
              title="", xlabel="community rank, largest first" + (" (log scale)" if len(sizes) > 50 else ""),
              ylabel="members (log scale)", xlog=len(sizes) > 50, ylog=True, legend=False)
    count = part.get("count")
    bits = []
    if _num(count) is not None:
        bits.append(f"{format_number(count)} communities")
    if _num(part.get("modularity")) is not None:
        bits.append(f"modularity {format_number(part.get('modularity'))}")
    total = level_nodes.get(lev) or (sum(sizes) if sizes else None)
    if sizes and total:
        bits.append(f"the largest holds {format_number(100 * sizes[0] / total)} % of the {lev} nodes")
    if _num(count) is not None and len(sizes) < int(count):
        bits.append(f"the {len(sizes)} largest are drawn")
    cap = (
        "Sizes of the learning clusters found by community detection, ranked from largest to smallest on a "
        "log scale. A steep drop after a few communities means a handful of big clusters dominate; a long flat "
        "tail means many small groups that may need weaving into the rest. Modularity above about 0.3 marks "
        "clear clusters."
    )
    if bits:
        cap += " " + "; ".join(bits) + "."
    return _svg(640, 360, body, "Community sizes"), cap


def _plot_roles(part: Any) -> tuple[str, str]:
    part = part if isinstance(part, Mapping) else {}
    counts = part.get("counts") if isinstance(part.get("counts"), Mapping) else {}
    keys = [k for k in _ROLE_ORDER if k in counts] + [k for k in counts if k not in _ROLE_ORDER and k != "broker"]
    if "broker" in counts:
        keys.append("broker")
    role_color = {"ultra-peripheral": "#9a9a9a", "peripheral": PALETTE[4], "connector": PALETTE[2],
                  "kinless": PALETTE[6], "provincial hub": PALETTE[0], "connector hub": PALETTE[3],
                  "kinless hub": PALETTE[5], "broker": PALETTE[1]}
    items = []
    for i, k in enumerate(keys):
        v = _num(counts.get(k))
        items.append((str(k), v, role_color.get(k, PALETTE[i % len(PALETTE)])))
    lev = part.get("level")
    svg = _hbar_svg(items, title=f"Weaver roles{f' ({lev})' if lev is not None else ''}", xlabel="number of nodes")
    cap = (
        "Number of nodes in each network-weaver role (Guimerà–Amaral cartography): peripheral members keep "
        "their ties inside their own community; connectors spread them across communities; hubs are the "
        "best-connected members of their community (provincial hubs inside it, connector hubs across). "
        "Brokers (counted separately; they also have one of the roles above) span structural holes between "
        "otherwise unconnected people — they carry new ideas, and the network depends on them."
    )
    return svg, cap


def _plot_diffusion(part: Any, colors: _Colors) -> tuple[str, str]:
    part = part if isinstance(part, Mapping) else {}
    steps = part.get("steps")
    series = []
    by = part.get("by_level")
    if isinstance(by, Mapping):
        for lev, ys in by.items():
            c, d = colors(lev)
            series.append(_Series(str(lev), _pairs(steps, ys), c, d))
    total = _pairs(steps, part.get("mean_adopted"))
    if series:
        series.append(_Series("all levels", total, _ALL, "6 3", width=2.5))
    else:
        series.append(_Series("adopted", total, PALETTE[0]))
    body: list[str] = []
    _xy_panel(body, 0, 0, 640, 360, series, title="", xlabel="step",
              ylabel="mean nodes adopted (cumulative)")
    model = part.get("model")
    params = []
    for k in ("p", "q", "n_sims"):
        if _num(part.get(k)) is not None:
            params.append(f"{k} = {format_number(part.get(k))}")
    seeds = [str(s) for s in _seq(part.get("seeds"))]
    cap = (
        "How far an idea or practice spreads when it starts from the top connectors: the mean cumulative "
        "number of nodes that adopted it after each step of the simulation"
        + (" (one line per level; the dashed black line is the whole network)" if len(series) > 1 else "")
        + ". A steep early rise means the connectors reach many people quickly; the plateau is the expected "
        "final reach."
    )
    if model:
        cap += f" Model: {model}" + (f" ({', '.join(params)})" if params else "") + "."
    if seeds:
        shown = ", ".join(seeds[:10]) + (f" and {len(seeds) - 10} more" if len(seeds) > 10 else "")
        cap += f" Seeds: {shown}."
    if total:
        cap += f" Final mean reach: {format_number(total[-1][1])} nodes."
    return _svg(640, 360, body, "Diffusion curve"), cap


def _plot_health_time(part: Any, colors: _Colors) -> tuple[str, str]:
    part = part if isinstance(part, Mapping) else {}
    times = [str(t) for t in _seq(part.get("time"))]
    metrics = part.get("metrics") if isinstance(part.get("metrics"), Mapping) else {}
    names = [k for k, v in metrics.items() if isinstance(v, Mapping)]
    n = max(len(names), 1)
    cols = 1 if n == 1 else 2
    pw, ph = (640, 320) if n == 1 else (480, 280)
    width, height, boxes = _grid(n, cols, pw, ph)
    levels_seen: list[str] = []
    for m in names:
        for lev in metrics[m]:
            if str(lev) not in levels_seen:
                levels_seen.append(str(lev))
    top = 0
    body: list[str] = []
    if len(levels_seen) > 1:
        top = int(_legend(body, 70, 14, [(lev, *colors(lev)) for lev in levels_seen], width=width - 80)) + 10
    height += top
    if not names or not times:
        _no_data(body, 62, top + 30, width - 80, height - top - 80)
    else:
        for m, (bx, by) in zip(names, boxes):
            series = []
            for lev, ys in metrics[m].items():
                c, d = colors(lev)
                vals = [_num(y) for y in _seq(ys)][: len(times)]
                pts = [(float(i), v) for i, v in enumerate(vals) if v is not None]
                series.append(_Series(str(lev), pts, c, d, markers=len(times) <= 40))
            _xy_panel(body, bx, by + top, pw, ph, series, title=m.replace("_", " "), xlabel="time", ylabel="",
                      xcats=times, legend=False, yzero=False)
    cap = (
        "Network health measured on snapshots of the network at each time (ties and memberships up to that "
        "time), one panel per measure and one line per level. Read the trends: a growing giant-component "
        "share means the network is knitting together; rising degree Gini means ties concentrate on fewer "
        "members; falling modularity means clusters are merging."
    )
    return _svg(width, height, body, "Health over time"), cap


# --------------------------------------------------------------------------------------------
# tables


def _table(head: Sequence[Any], rows: Iterable[Sequence[Any]], *, cls: str = "", first_is_label: bool = True) -> str:
    out = [f'<div class="table-wrap"><table class="{_esc(cls)}"><thead><tr>']
    out += [f"<th>{_esc(h)}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    for r in rows:
        out.append("<tr>")
        for j, v in enumerate(r):
            if j == 0 and first_is_label:
                out.append(f'<th scope="row">{_esc(format_number(v))}</th>')
            else:
                numeric = v is None or (isinstance(v, numbers.Real) and not isinstance(v, bool))
                out.append(f'<td class="{"num" if numeric else "txt"}">{_esc(format_number(v))}</td>')
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def _note(msg: str) -> str:
    return f'<p class="note">{_esc(msg)}</p>'


def _network_section(net: Any, summary: Mapping) -> str:
    out = ["<section id=\"network\"><h2>Network</h2>"]
    if not isinstance(net, Mapping):
        return out[0] + _note("No network description in this summary.") + "</section>"
    rows = []
    for key, label in (("name", "name"), ("kind", "kind"), ("nodes", "nodes"), ("edges", "edges (ties)"),
                       ("directed", "directed")):
        if key in net:
            rows.append((label, net[key]))
    for key in ("seed", "generated_by", "created"):
        if summary.get(key) is not None:
            rows.append((key.replace("_", " "), summary[key]))
    out.append(_table(["", "value"], rows, cls="kv"))
    levels = [e for e in _seq(net.get("levels")) if isinstance(e, Mapping)]
    if levels:
        cols = ["level"] + [k for k in ("nodes", "ties", "memberships_up") if any(k in e for e in levels)]
        extra = [k for e in levels for k in e if k not in cols]
        cols += list(dict.fromkeys(extra))
        out.append("<h3>Levels</h3>")
        out.append(_table([c.replace("_", " ") for c in cols], ([e.get(c) for c in cols] for e in levels)))
    out.append("</section>")
    return "".join(out)


def _health_section(part: Any) -> str:
    out = ['<section id="health"><h2>Health per level</h2>']
    rows = [e for e in _seq(part) if isinstance(e, Mapping)]
    if not rows:
        return out[0] + _note("No health measures in this summary.") + "</section>"
    levels = [str(e.get("level", f"#{i}")) for i, e in enumerate(rows)]
    metrics = list(dict.fromkeys(k for e in rows for k in e if k != "level"))
    out.append(_table(["measure"] + levels, ([m.replace("_", " ")] + [e.get(m) for e in rows] for m in metrics),
                      cls="health"))
    out.append('<p class="hint">Rows are measures, columns are levels ("all": the whole network with '
               "memberships as ties); — marks a measure that is undefined for that level.</p></section>")
    return "".join(out)


def _top_nodes_section(part: Any) -> str:
    out = ['<section id="top-nodes"><h2>Top nodes by PageRank</h2>']
    rows = [e for e in _seq(part) if isinstance(e, Mapping)]
    if not rows:
        return out[0] + _note("No top nodes in this summary.") + "</section>"
    cols = list(dict.fromkeys(k for e in rows for k in e))
    out.append(_table(["#"] + cols, ([i + 1] + [e.get(c) for c in cols] for i, e in enumerate(rows))))
    out.append("</section>")
    return "".join(out)


def _bridging_section(part: Any) -> str:
    out = ['<section id="bridging"><h2>Bridging members</h2>']
    if not isinstance(part, Mapping):
        return out[0] + _note("No bridging members in this summary.") + "</section>"
    lev = part.get("level")
    if _num(part.get("count")) is not None:
        out.append(f"<p>{_esc(format_number(part['count']))} {_esc(lev or 'member')} nodes belong to groups that "
                   "would otherwise share no member: they are the bridges between those groups.</p>")
    rows = [e for e in _seq(part.get("top")) if isinstance(e, Mapping)]
    if rows:
        cols = list(dict.fromkeys(k for e in rows for k in e))
        names = {"groups": "groups", "pairs": "group pairs bridged", "sole_pairs": "pairs bridged alone"}
        out.append(_table([names.get(c, c.replace("_", " ")) for c in cols], ([e.get(c) for c in cols] for e in rows)))
    else:
        out.append(_note("No bridging members listed."))
    out.append("</section>")
    return "".join(out)


def _timings_section(part: Any) -> str:
    out = ['<section id="timings"><h2>Timings</h2>']
    if not isinstance(part, Mapping) or not part:
        return out[0] + _note("No timings in this summary.") + "</section>"
    rows = [(str(k), part[k]) for k in part]
    total = sum(v for v in (_num(x) for _, x in rows) if v is not None)
    rows.append(("total", total))
    out.append(_table(["step", "seconds"], rows, cls="kv"))
    out.append("</section>")
    return "".join(out)


def _files_section(part: Any) -> str:
    out = ['<section id="files"><h2>Files</h2>']
    files = [str(f) for f in _seq(part)]
    if not files:
        return out[0] + _note("No output files listed in this summary.") + "</section>"
    out.append("<ul class=\"files\">" + "".join(f"<li><code>{_esc(f)}</code></li>" for f in files) + "</ul>")
    out.append("</section>")
    return "".join(out)


# --------------------------------------------------------------------------------------------
# the page

_CSS = """
:root { --fg: #222; --muted: #666; --line: #ddd; --bg: #fff; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; color: var(--fg); background: var(--bg);
       font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 16px; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.05em; margin: 16px 0 6px; }
.meta, .hint, figcaption { color: var(--muted); }
.meta { margin: 0 0 10px; }
nav ul { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
nav a { color: var(--accent); text-decoration: none; }
.note { background: #f6f6f6; border-left: 4px solid #bbb; padding: 6px 10px; color: var(--muted); }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 6px 0 10px; font-size: 0.92em; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #999; background: #fafafa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody th { font-weight: 600; white-space: nowrap; }
.plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 560px), 1fr)); gap: 20px;
         grid-auto-flow: row dense; }
figure.plot { margin: 0; padding: 12px; border: 1px solid var(--line); border-radius: 6px; background: #fff;
              break-inside: avoid; page-break-inside: avoid; }
figure.plot.wide { grid-column: 1 / -1; }
figure.plot svg { display: block; width: 100%; height: auto; max-width: 100%; margin: 0 auto;
                  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
figure.plot.wide svg { max-width: 980px; }
figcaption { font-size: 0.9em; margin-top: 8px; }
code { font: 0.92em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
footer { margin-top: 32px; color: var(--muted); font-size: 0.85em; }
@media (max-width: 700px) { body { padding: 12px; } }
@media print {
  body { padding: 0; font-size: 11pt; }
  nav { display: none; }
  .plots { display: block; }
  figure.plot { margin: 0 0 12px; border: none; }
  a { color: inherit; }
}
"""


def render_html(summary: Mapping[str, Any]) -> str:
    """Render an analysis summary as one self-contained HTML page.

    Parameters
    ----------
    summary : Mapping
        The summary dict of :mod:`impactgraph.analyze`. Keys (all but ``title`` and ``network``
        may be absent or None; a missing part is skipped with a note):

        - ``title``, ``generated_by``, ``created``, ``seed``;
        - ``network``: ``kind``, ``name``, ``nodes``, ``edges``, ``directed`` and ``levels``
          (list of ``{"level", "nodes", "ties", "memberships_up"}``);
        - ``timings``: step name to seconds;
        - ``health``: list of ``{"level", <metric>: value, ...}`` (the last usually ``"all"``);
        - ``degree_distribution``: list of ``{"level", "degree": [...], "count": [...]}``;
        - ``core_periphery``: list of ``{"level", "core": [...], "count": [...]}``;
        - ``communities``: ``{"level", "count", "modularity", "sizes": [...]}``;
        - ``roles``: ``{"level", "counts": {role name: count, ..., "broker": count}}``;
        - ``top_nodes``: list of per-node dicts (``node``, ``level``, ``degree``, ``pagerank``...);
        - ``bridging``: ``{"level", "count", "top": [{"node", "groups", "pairs", "sole_pairs"}]}``;
        - ``diffusion``: ``{"model", "p", "q", "n_sims", "seeds", "steps", "mean_adopted",
          "by_level": {level: [...]}}``;
        - ``health_over_time``: ``{"time": [...], "metrics": {metric: {level: [...]}}}`` or None
          (an optional ``"node_time"``, the node attribute of joining times used, is ignored);
        - ``files``: list of output file names.

        Numbers may be None (or NaN) where undefined.

    Returns
    -------
    str
        The HTML document (UTF-8 text, no external resource and no script).

    Raises
    ------
    TypeError
        If ``summary`` is not a mapping.

    Notes
    -----
    Every plot is a ``<figure class="plot" id="plot-<name>">`` (names in :data:`PLOTS`)
    holding one inline ``<svg>`` (well-formed XML) and a ``<figcaption>``. Each level keeps one
    colour of the Okabe–Ito palette in every plot; the whole network (``"all"``) is black and
    dashed. Log axes leave out zeros (the degree-distribution caption counts the isolates).
    Rendering is linear in the size of the summary and deterministic (the same summary gives
    the same page).

    Examples
    --------
    >>> from impactgraph.report import render_html
    >>> page = render_html({"title": "demo", "network": {"kind": "graph", "nodes": 3, "edges": 2},
    ...                     "roles": {"level": "graph", "counts": {"peripheral": 2, "connector": 1}}})
    >>> page.startswith("<!DOCTYPE html>"), 'id="plot-roles"' in page, "No degree distribution" in page
    (True, True, True)
    """
    if not isinstance(summary, Mapping):
        raise TypeError(f"summary must be a mapping (the dict of impactgraph.analyze), not {type(summary).__name__}")
    title = str(summary.get("title") or "impactgraph analysis")
    net = summary.get("network")
    net_levels = [e for e in _seq(net.get("levels")) if isinstance(e, Mapping)] if isinstance(net, Mapping) else []
    level_names = [str(e.get("level")) for e in net_levels if e.get("level") is not None]
    level_nodes = {str(e.get("level")): int(v) for e in net_levels if (v := _num(e.get("nodes"))) is not None}
    colors = _Colors(level_names)

    meta = []
    if isinstance(net, Mapping):
        bits = [f"{format_number(net.get('nodes'))} nodes" if net.get("nodes") is not None else None,
                f"{format_number(net.get('edges'))} ties" if net.get("edges") is not None else None,
                f"{len(level_names)} levels" if len(level_names) > 1 else None,
                "directed" if net.get("directed") else None]
        meta.append(", ".join(b for b in bits if b))
    if summary.get("generated_by"):
        meta.append(f"generated by {summary['generated_by']}")
    if summary.get("created"):
        meta.append(str(summary["created"]))

    figures = []
    notes = []
    what = {
        "degree-distribution": "degree distribution",
        "core-periphery": "core–periphery decomposition",
        "communities": "communities",
        "roles": "weaver roles",
        "diffusion": "diffusion simulation",
        "health-over-time": "health over time (the network has no times)",
    }
    for name, (key, heading) in PLOTS.items():
        part = summary.get(key)
        if part is None:
            notes.append(_note(f"No {what[name]} in this summary."))
            continue
        if name == "degree-distribution":
            svg, cap = _plot_degree(part, colors)
        elif name == "core-periphery":
            svg, cap = _plot_core(part, colors)
        elif name == "communities":
            svg, cap = _plot_communities(part, colors, level_nodes)
        elif name == "roles":
            svg, cap = _plot_roles(part)
        elif name == "diffusion":
            svg, cap = _plot_diffusion(part, colors)
        else:
            svg, cap = _plot_health_time(part, colors)
        wide = "" if svg.startswith('<svg viewBox="0 0 640 ') else " wide"
        lev = part.get("level") if isinstance(part, Mapping) and name in ("communities", "roles") else None
        if lev is not None:
            heading += f" ({lev})"
        figures.append(
            f'<figure class="plot{wide}" id="plot-{name}"><h3>{_esc(heading)}</h3>{svg}'
            f"<figcaption>{_esc(cap)}</figcaption></figure>"
        )

    sections = [
        _network_section(net, summary),
        _health_section(summary.get("health")),
        '<section id="plots"><h2>Plots</h2>' + "".join(notes) + '<div class="plots">' + "".join(figures)
        + "</div></section>",
        _top_nodes_section(summary.get("top_nodes")),
        _bridging_section(summary.get("bridging")),
        _timings_section(summary.get("timings")),
        _files_section(summary.get("files")),
    ]
    toc = [("network", "Network"), ("health", "Health"), ("plots", "Plots"), ("top-nodes", "Top nodes"),
           ("bridging", "Bridging"), ("timings", "Timings"), ("files", "Files")]
    nav = "<nav><ul>" + "".join(f'<li><a href="#{a}">{_esc(t)}</a></li>' for a, t in toc) + "</ul></nav>"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>{_esc(title)}</h1>"
        + (f'<p class="meta">{_esc(" · ".join(m for m in meta if m))}</p>' if meta else "")
        + nav
        + "</header><main>"
        + "".join(sections)
        + "</main><footer>Self-contained report rendered by impactgraph.report: it needs no server and no "
        "network access to view, and prints as it is.</footer></body></html>\n"
    )


def write_html(summary: Mapping[str, Any], path: str | os.PathLike[str]) -> str:
    """Render ``summary`` with :func:`render_html` and write it to ``path`` (UTF-8).

    Parameters
    ----------
    summary : Mapping
        The analysis summary (see :func:`render_html`).
    path : str or os.PathLike
        The output file; its folder must exist.

    Returns
    -------
    str
        The path written.

    Raises
    ------
    TypeError
        If ``summary`` is not a mapping.
    GraphIOError
        If the file cannot be written.

    Examples
    --------
    >>> import os, tempfile
    >>> from impactgraph.report import write_html
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_html({"title": "demo", "network": {"kind": "graph"}}, os.path.join(d, "report.html"))
    ...     open(p, encoding="utf-8").read(15)
    '<!DOCTYPE html>'
    """
    page = render_html(summary)
    p = os.fspath(path)
    try:
        with open(p, "w", encoding="utf-8") as fh:
            fh.write(page)
    except OSError as e:
        raise GraphIOError(f"cannot write the report to {p!r}: {e.strerror or e}", p) from None
    return p
