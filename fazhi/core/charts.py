"""Charts as server-side SVG: no JavaScript, no CDN, printable, and readable by a screen reader.

The module takes plain labels and numbers (it knows nothing of towns, cases or users) and returns an ``<svg>`` string
marked safe for templates. Each chart has a ``viewBox`` and ``width="100%"`` so it scales with its container, a
``<title>`` and ``aria-label`` naming what it shows, and a ``<desc>`` listing every value, so a reader who cannot see
it hears the numbers. Pages put the same numbers in a table below the chart (and export them to .xlsx), so the chart
is never the only way to read them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

Number = int | float | Decimal

# Colours with at least 3:1 contrast against white (WCAG 2.1 non-text contrast), distinguishable in greyscale print
# by their order; the first is the site's red.
PALETTE = ("#8b1a1a", "#1f5fa8", "#2e7d32", "#b35c00", "#6a3d9a", "#00695c", "#5d4037", "#37474f")
FONT = 'font-family="PingFang SC, Microsoft YaHei, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"'


@dataclass(frozen=True)
class Series:
    """One named row of numbers, one per label (a town's figures per month, say)."""

    name: str
    values: Sequence[Number]


def _fmt(value: Number) -> str:
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float):
        if value.is_integer():
            return f"{int(value):,}"
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:,}"


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 2.5, 5 × 10ⁿ), so the gridlines fall on round numbers."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return float(candidate)
    return float(10 ** (exponent + 1))


def _ticks(maximum: float) -> list[float]:
    """Gridlines on round numbers: 50 → 0, 10, 20 …; 20 → 0, 5, 10 …"""
    lead = round(maximum / 10 ** math.floor(math.log10(maximum)), 6) if maximum > 0 else 1
    count = 4 if lead == 2 else 5
    return [maximum * i / count for i in range(count + 1)]


def _text_width(text: str, size: float) -> float:
    """The approximate width of a label: a CJK character is one em, anything else about half of one."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.55 for ch in text)


def _clip(text: str, size: float, width: float) -> str:
    if _text_width(text, size) <= width:
        return text
    out = ""
    for ch in text:
        if _text_width(out + ch + "…", size) > width:
            break
        out += ch
    return out + "…"


def _svg(width: int, height: int, title: str, desc: str, body: list[str], testid: str) -> SafeString:
    t, d = escape(title), escape(desc)
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'preserveAspectRatio="xMinYMin meet" role="img" aria-label="{t}" class="fazhi-chart" '
        f'data-testid="{escape(testid)}" {FONT}>'
        f"<title>{t}</title><desc>{d}</desc>{''.join(body)}</svg>"
    )


def _describe(labels: Sequence[str], series: Sequence[Series], unit: str) -> str:
    parts = []
    for s in series:
        values = "，".join(f"{label} {_fmt(v)}{unit}" for label, v in zip(labels, s.values, strict=True))
        parts.append(f"{s.name}：{values}" if len(series) > 1 or s.name else values)
    return "；".join(parts) + "。"


def bar_chart(
    labels: Sequence[str],
    values: Sequence[Number] | None = None,
    *,
    title: str,
    unit: str = "",
    series: Sequence[Series] | None = None,
    horizontal: bool | None = None,
    maximum: Number | None = None,
    testid: str = "chart",
) -> SafeString:
    """A bar chart of ``values`` (or of several ``series``, bars side by side) for ``labels``.

    Horizontal bars (the default when any label is longer than four characters or there are many labels) leave room
    for long Chinese names of towns or outcomes; vertical bars suit short labels such as weeks or months. ``maximum``
    fixes the axis (100 for a rate in per cent).
    """
    if series is None:
        series = [Series("", list(values or []))]
    if any(len(s.values) != len(labels) for s in series):
        raise ValueError("每个数据系列的数值个数应与标签个数相同")
    if horizontal is None:
        horizontal = any(len(label) > 4 for label in labels) or len(labels) > 12
    top = max([float(v) for s in series for v in s.values] + [0.0])
    axis_max = float(maximum) if maximum is not None else _nice_max(top)
    desc = _describe(labels, series, unit)
    if not labels:
        return _svg(600, 60, title, "暂无数据。", [_empty(600, 60)], testid)
    legend = _legend(series) if len(series) > 1 else ([], 0)
    draw = _horizontal if horizontal else _vertical
    width, height, body = draw(labels, series, axis_max, unit, legend)
    return _svg(width, height, title, desc, body, testid)


def _empty(width: int, height: int) -> str:
    return f'<text x="{width / 2}" y="{height / 2 + 5}" text-anchor="middle" font-size="14" fill="#555">暂无数据</text>'


def _legend(series: Sequence[Series]) -> tuple[list[str], int]:
    out, x = [], 0.0
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        out.append(f'<rect x="{x:.1f}" y="0" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 16:.1f}" y="11" font-size="12" fill="#212529">{escape(s.name)}</text>')
        x += 16 + _text_width(s.name, 12) + 18
    return out, 22


def _horizontal(labels, series, axis_max, unit, legend) -> tuple[int, int, list[str]]:
    width, size = 720, 13
    label_w = min(max(_text_width(label, size) for label in labels) + 12, 220)
    value_w = 70
    plot_x, plot_w = label_w, width - label_w - value_w
    bar_h = 16 if len(series) > 1 else 20
    group_h = bar_h * len(series) + 10
    legend_items, legend_h = legend
    top = 8 + legend_h
    height = int(top + group_h * len(labels) + 28)
    body = [f'<g transform="translate({plot_x:.1f},8)">{"".join(legend_items)}</g>'] if legend_items else []
    for tick in _ticks(axis_max):
        x = plot_x + plot_w * tick / axis_max
        body.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - 22}" stroke="#dee2e6"/>')
        body.append(
            f'<text x="{x:.1f}" y="{height - 8}" font-size="11" text-anchor="middle" fill="#555">'
            f"{_fmt(tick)}{escape(unit)}</text>"
        )
    for row, label in enumerate(labels):
        y0 = top + row * group_h + 5
        body.append(
            f'<text x="{plot_x - 8:.1f}" y="{y0 + group_h / 2 - 1:.1f}" font-size="{size}" text-anchor="end" '
            f'fill="#212529">{escape(_clip(label, size, label_w - 12))}</text>'
        )
        for i, s in enumerate(series):
            value = float(s.values[row])
            w = max(plot_w * min(value, axis_max) / axis_max, 0)
            y = y0 + i * bar_h
            colour = PALETTE[i % len(PALETTE)]
            name = f"{s.name} " if s.name else ""
            body.append(
                f'<rect x="{plot_x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{bar_h - 3}" fill="{colour}">'
                f"<title>{escape(label)} {escape(name)}{_fmt(s.values[row])}{escape(unit)}</title></rect>"
            )
            body.append(
                f'<text x="{plot_x + w + 4:.1f}" y="{y + bar_h - 7:.1f}" font-size="11" fill="#212529">'
                f"{_fmt(s.values[row])}{escape(unit)}</text>"
            )
    body.append(f'<line x1="{plot_x}" y1="{top}" x2="{plot_x}" y2="{height - 22}" stroke="#6c757d"/>')
    return width, height, body


def _vertical(labels, series, axis_max, unit, legend) -> tuple[int, int, list[str]]:
    width, height = 720, 280
    legend_items, legend_h = legend
    plot_x, plot_y = 56, 12 + legend_h
    plot_w, plot_h = width - plot_x - 12, height - plot_y - 44
    group_w = plot_w / len(labels)
    bar_w = min(max((group_w - 8) / len(series), 4), 48)
    body = [f'<g transform="translate({plot_x},6)">{"".join(legend_items)}</g>'] if legend_items else []
    body += _y_axis(plot_x, plot_y, plot_w, plot_h, axis_max, unit)
    label_size = 12 if group_w >= 30 else 10
    for col, label in enumerate(labels):
        x0 = plot_x + col * group_w + (group_w - bar_w * len(series)) / 2
        for i, s in enumerate(series):
            value = float(s.values[col])
            h = plot_h * min(value, axis_max) / axis_max
            x = x0 + i * bar_w
            colour = PALETTE[i % len(PALETTE)]
            name = f"{s.name} " if s.name else ""
            body.append(
                f'<rect x="{x:.1f}" y="{plot_y + plot_h - h:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(label)} {escape(name)}{_fmt(s.values[col])}{escape(unit)}</title>'
                "</rect>"
            )
            if value:
                body.append(
                    f'<text x="{x + bar_w / 2 - 1:.1f}" y="{plot_y + plot_h - h - 4:.1f}" font-size="11" '
                    f'text-anchor="middle" fill="#212529">{_fmt(s.values[col])}</text>'
                )
        body.append(_x_label(plot_x + col * group_w + group_w / 2, plot_y + plot_h, label, label_size, group_w))
    return width, height, body


def _y_axis(plot_x, plot_y, plot_w, plot_h, axis_max, unit) -> list[str]:
    out = []
    for tick in _ticks(axis_max):
        y = plot_y + plot_h - plot_h * tick / axis_max
        out.append(f'<line x1="{plot_x}" y1="{y:.1f}" x2="{plot_x + plot_w}" y2="{y:.1f}" stroke="#dee2e6"/>')
        out.append(
            f'<text x="{plot_x - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#555">'
            f"{_fmt(tick)}{escape(unit)}</text>"
        )
    out.append(
        f'<line x1="{plot_x}" y1="{plot_y + plot_h}" x2="{plot_x + plot_w}" y2="{plot_y + plot_h}" stroke="#6c757d"/>'
    )
    return out


def _x_label(x: float, y: float, label: str, size: int, room: float) -> str:
    return (
        f'<text x="{x:.1f}" y="{y + 18:.1f}" font-size="{size}" text-anchor="middle" fill="#212529">'
        f"{escape(_clip(label, size, max(room * 1.6, 24)))}</text>"
    )


def line_chart(
    labels: Sequence[str], series: Sequence[Series], *, title: str, unit: str = "", testid: str = "chart"
) -> SafeString:
    """One line per series over ``labels`` (months, say), each point marked and its value written beside it."""
    if any(len(s.values) != len(labels) for s in series):
        raise ValueError("每个数据系列的数值个数应与标签个数相同")
    desc = _describe(labels, series, unit)
    if not labels or not series:
        return _svg(600, 60, title, "暂无数据。", [_empty(600, 60)], testid)
    width, height = 720, 280
    legend_items, legend_h = _legend(series) if len(series) > 1 else ([], 0)
    plot_x, plot_y = 56, 12 + legend_h
    plot_w, plot_h = width - plot_x - 20, height - plot_y - 44
    axis_max = _nice_max(max([float(v) for s in series for v in s.values] + [0.0]))
    step = plot_w / max(len(labels) - 1, 1)
    body = [f'<g transform="translate({plot_x},6)">{"".join(legend_items)}</g>'] if legend_items else []
    body += _y_axis(plot_x, plot_y, plot_w, plot_h, axis_max, unit)
    for i, label in enumerate(labels):
        body.append(_x_label(plot_x + i * step, plot_y + plot_h, label, 12 if step >= 30 else 10, step))
    for n, s in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        points = [(plot_x + i * step, plot_y + plot_h - plot_h * float(v) / axis_max) for i, v in enumerate(s.values)]
        dash = "" if n == 0 else f' stroke-dasharray="{4 + 2 * n},3"'
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for (x, y), label, value in zip(points, labels, s.values, strict=True):
            name = f"{s.name} " if s.name else ""
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"><title>{escape(label)} {escape(name)}'
                f"{_fmt(value)}{escape(unit)}</title></circle>"
            )
            if value and len(series) == 1:
                body.append(
                    f'<text x="{x:.1f}" y="{y - 8:.1f}" font-size="11" text-anchor="middle" fill="#212529">'
                    f"{_fmt(value)}</text>"
                )
    return _svg(width, height, title, desc, body, testid)


def percent(part: Number, whole: Number) -> float | None:
    """``part`` of ``whole`` in per cent, one decimal; None when there is nothing to divide by (shown as —)."""
    if not whole:
        return None
    return round(float(part) * 100 / float(whole), 1)


@dataclass
class Figure:
    """A chart with its numbers: the SVG, the same numbers as a table (headers and rows) for the page and the .xlsx
    export, and ``key``, the value of ``?chart=`` that exports this figure (``core/_figure.html`` renders it)."""

    key: str
    title: str
    svg: SafeString
    headers: list[str]
    rows: list[list]
    note: str = ""

    def xlsx_response(self, filename: str = ""):
        from fazhi.core import xlsx_export

        return xlsx_export.download(
            filename or f"{self.title}.xlsx", self.title, self.headers, self.rows, note=self.note
        )


def chosen(request, figures: Sequence[Figure]) -> Figure | None:
    """The figure a ``?chart=KEY&format=xlsx`` request asks to export, if any."""
    if request.GET.get("format") != "xlsx":
        return None
    key = request.GET.get("chart", "")
    return next((f for f in figures if f.key == key), None)
