"""The annual report (政府信息公开工作年度报告, 第五十条): national layouts as data, tables computed set-based.

A layout is a JSON file ``data/report_layout_<format year>.json`` (sections, and the rows/columns of tables 二, 三,
四 with where each number comes from). Adding an earlier or later national format is adding a file. Numbers come
from the records in a fixed number of grouped queries, whatever the number of requests:

- table 三: one GROUP BY (applicant type, outcome) query with conditional counts for new / carried over /
  handled / carried forward;
- table 二: one query over the catalogue, one count over the penalty cases (行政处罚, from the enforcement
  record of the body and its subtree), plus figures entered by hand for what no module records yet;
- table 四: one GROUP BY (kind) query over review and litigation cases.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from fazhi.disclosure.errors import InvalidInput, ReportCheckFailed
from fazhi.disclosure.models import AnnualReport, CatalogueEntry, DisclosureRequest, RemedyCase
from fazhi.disclosure.outcomes import BY_KEY
from fazhi.enforcement.selectors import decided_penalty_count
from fazhi.org.selectors import subtree

DATA_DIR = Path(__file__).resolve().parent / "data"


def available_formats() -> list[int]:
    return sorted(int(p.stem.rsplit("_", 1)[1]) for p in DATA_DIR.glob("report_layout_*.json"))


@lru_cache(maxsize=8)
def _read_layout(format_year: int) -> str:
    path = DATA_DIR / f"report_layout_{int(format_year)}.json"
    if not path.exists():
        formats = "、".join(str(y) for y in available_formats())
        raise InvalidInput(f"没有{format_year}年版的年度报告格式；现有格式：{formats}。", field="format_year")
    return path.read_text(encoding="utf-8")


def load_layout(format_year: int) -> dict:
    """A fresh copy of the layout (callers may not mutate the cached text)."""
    return json.loads(_read_layout(int(format_year)))


def default_layout() -> dict:
    return load_layout(available_formats()[-1])


def input_cells(layout: dict) -> dict[str, str]:
    """Cells entered by hand: {key: label}."""
    return dict(layout.get("input_labels", {}))


def computed_cells(built: BuiltReport) -> list[tuple[str, str, int]]:
    """Table 二 cells read from other modules' records (not entered by hand): [(label, source, value)]."""
    out = []
    for table in built.tables.values():
        for group in table.get("groups", []) if table["kind"] == "proactive" else []:
            for row in group["rows"]:
                for i, cell in enumerate(row["cells"]):
                    if "record" in cell:
                        out.append((f"{row['label']}·{group['columns'][i + 1]}", cell["source"], cell["value"]))
    return out


@dataclass
class BuiltReport:
    report: AnnualReport
    layout: dict
    title: str
    preamble: str
    sections: list[dict]
    tables: dict[str, dict]
    failures: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "format_year": self.layout["format_year"],
            "title": self.title,
            "preamble": self.preamble,
            "sections": self.sections,
            "tables": self.tables,
            "failures": self.failures,
        }


def build_report(report: AnnualReport) -> BuiltReport:
    """Compute every table of ``report`` from the records, in its layout; never stores anything."""
    layout = load_layout(report.format_year)
    body_name = report.body.name
    title = layout["title"].format(body=body_name, year=report.year)
    preamble = layout.get("preamble", "").format(body=body_name, year=report.year)
    tables = {}
    for key, spec in layout["tables"].items():
        if spec["kind"] == "applications":
            tables[key] = _applications_table(spec, report.body_id, report.year)
        elif spec["kind"] == "proactive":
            tables[key] = _proactive_table(spec, report.body, report.year, report.inputs)
        elif spec["kind"] == "remedies":
            tables[key] = _remedies_table(spec, report.body_id, report.year)
        else:
            raise ValueError(f"未知的表格类型：{spec['kind']}")
    sections = []
    for section in layout["sections"]:
        item = {"key": section["key"], "title": section["title"], "table": section.get("table", "")}
        if section.get("editable"):
            item["text"] = report.narrative.get(section["key"], "")
        sections.append(item)
    failures = [f for t in tables.values() for f in t.get("failures", [])]
    return BuiltReport(report, layout, title, preamble, sections, tables, failures)


def require_check(built: BuiltReport) -> None:
    if built.failures:
        raise ReportCheckFailed(built.failures)


# --- table 三 ---------------------------------------------------------------------------------------------------------


def application_counts(body_id: int, year: int) -> dict[tuple[str, str], dict[str, int]]:
    """{(applicant_type, outcome or ""): {new, carried_over, handled, carried_forward}} in one grouped query."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    intake = Coalesce("received_on", "submitted_on")
    open_at_start = Q(closed_on__isnull=True) | Q(closed_on__gte=first)
    open_at_end = Q(closed_on__isnull=True) | Q(closed_on__gt=last)
    rows = (
        DisclosureRequest.objects.filter(body_id=body_id)
        .annotate(intake=intake)
        .filter(Q(intake__lte=last) | Q(closed_on__lte=last))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first))
        .values("applicant_type", "outcome")
        .annotate(
            new=Count("id", filter=Q(intake__gte=first, intake__lte=last)),
            carried_over=Count("id", filter=Q(intake__lt=first) & open_at_start),
            handled=Count("id", filter=Q(closed_on__gte=first, closed_on__lte=last)),
            carried_forward=Count("id", filter=Q(intake__lte=last) & open_at_end),
        )
        .order_by()
    )
    return {
        (r["applicant_type"], r["outcome"]): {k: r[k] for k in ("new", "carried_over", "handled", "carried_forward")}
        for r in rows
    }


def _applications_table(spec: dict, body_id: int, year: int) -> dict:
    counts = application_counts(body_id, year)
    columns = spec["columns"]
    rows_by_key = {row["key"]: row for row in spec["rows"]}
    by_key: dict[str, list[int]] = {}

    def values_of(key: str) -> list[int]:
        # Sum rows (（三）不予公开, （七）总计 …) may come before their parts in the layout: resolve on demand.
        if key in by_key:
            return by_key[key]
        row = rows_by_key[key]
        if "sum" in row:
            parts = [values_of(part) for part in row["sum"]]
            values = [sum(p[i] for p in parts) for i in range(len(columns))]
        else:
            values = []
            for col in columns:
                types = set(col["applicant_types"])
                if "measure" in row:
                    values.append(sum(v[row["measure"]] for (t, _), v in counts.items() if t in types))
                else:
                    outs = set(row["outcomes"])
                    values.append(sum(v["handled"] for (t, o), v in counts.items() if t in types and o in outs))
        by_key[key] = values
        return values

    out_rows = []
    for row in spec["rows"]:
        values = None if row.get("header") else values_of(row["key"])
        out_rows.append({"key": row["key"], "label": row["label"], "indent": row.get("indent", 0), "values": values})
    failures = []
    check = spec.get("check")
    if check:
        for i, col in enumerate(columns):
            left = sum(by_key[k][i] for k in check["left"])
            right = sum(by_key[k][i] for k in check["right"])
            if left != right:
                failures.append(
                    {
                        "table": "applications",
                        "column": col["key"],
                        "column_label": col["label"],
                        "new": by_key[check["left"][0]][i],
                        "carried_over": by_key[check["left"][1]][i],
                        "handled": by_key[check["right"][0]][i],
                        "carried_forward": by_key[check["right"][1]][i],
                        "left": left,
                        "right": right,
                    }
                )
    return {
        "kind": "applications",
        "columns": [{"key": c["key"], "label": c["label"], "group": c.get("group", "")} for c in columns],
        "rows": out_rows,
        "check_label": check["label"] if check else "",
        "failures": failures,
    }


def validate_layout(layout: dict) -> list[str]:
    """Problems with a layout file: every closing outcome must be counted by exactly one leaf row of table 三."""
    problems = []
    for key, spec in layout["tables"].items():
        if spec["kind"] != "applications":
            continue
        seen: dict[str, str] = {}
        keys = {r["key"] for r in spec["rows"]}
        for row in spec["rows"]:
            for out in row.get("outcomes", []):
                if out not in BY_KEY:
                    problems.append(f"{key}：行“{row['label']}”引用了未知的办理结果 {out}")
                if out in seen:
                    problems.append(f"{key}：办理结果 {out} 同时计入“{seen[out]}”和“{row['label']}”")
                seen[out] = row["label"]
            for part in row.get("sum", []):
                if part not in keys:
                    problems.append(f"{key}：行“{row['label']}”合计了不存在的行 {part}")
        for out in BY_KEY:
            if out not in seen:
                problems.append(f"{key}：办理结果 {out} 没有计入任何一行")
    return problems


# --- table 二 ---------------------------------------------------------------------------------------------------------


# Figures read from other modules' records, by the "record" key of a layout cell: (label of the source, count).
RECORD_SOURCES = {
    # 第二十条第（六）项 行政处罚: penalty decisions (普通程序 and 简易程序) of the body and every body under it.
    "enforcement.penalties": (
        "执法案件",
        lambda body, year: decided_penalty_count(subtree(body).values("id"), year),
    ),
}


def register_record_source(key: str, label: str, count) -> None:
    """An app above disclosure supplies a table 二 figure from its own records (``count(body, year) -> int``), called
    from its ``AppConfig.ready`` — disclosure never imports it (docs/architecture.md, rule 1). A layout cell names the
    key under ``"record"``; a cell that also names a ``"catalogue"`` category falls back to counting the catalogue when
    no app registered the key (e.g. 行政规范性文件 from the normative register, ``normative.issued`` …)."""
    RECORD_SOURCES[key] = (label, count)


def _proactive_table(spec: dict, body, year: int, inputs: dict) -> dict:
    body_id = body.pk
    first, last = date(year, 1, 1), date(year, 12, 31)
    categories = {
        cell["catalogue"] for g in spec["groups"] for r in g["rows"] for cell in r["cells"] if "catalogue" in cell
    }
    stats = {
        r["category"]: r
        for r in CatalogueEntry.objects.filter(body_id=body_id, category__in=categories)
        .values("category")
        .annotate(
            issued=Count("id", filter=Q(generated_on__gte=first, generated_on__lte=last)),
            repealed=Count("id", filter=Q(repealed_on__gte=first, repealed_on__lte=last)),
            in_force=Count(
                "id",
                filter=Q(published_on__lte=last) & (Q(repealed_on__isnull=True) | Q(repealed_on__gt=last)),
            ),
        )
        .order_by()
    }
    groups = []
    for group in spec["groups"]:
        rows = []
        for row in group["rows"]:
            cells = []
            for cell in row["cells"]:
                if "record" in cell and (cell["record"] in RECORD_SOURCES or "catalogue" not in cell):
                    source, count = RECORD_SOURCES[cell["record"]]
                    cells.append({"value": count(body, year), "source": source, "record": cell["record"]})
                elif "catalogue" in cell:
                    value = stats.get(cell["catalogue"], {}).get(cell["measure"], 0)
                    cells.append({"value": value, "source": "目录"})
                else:
                    raw = inputs.get(cell["input"], 0)
                    cells.append({"value": _number(raw), "source": "填报", "input": cell["input"]})
            rows.append({"label": row["label"], "cells": cells})
        groups.append({"title": group["title"], "columns": group["columns"], "rows": rows})
    return {"kind": "proactive", "groups": groups}


def _number(raw) -> int | str:
    value = Decimal(str(raw))
    return int(value) if value == value.to_integral() else str(value)


# --- table 四 ---------------------------------------------------------------------------------------------------------


def _remedies_table(spec: dict, body_id: int, year: int) -> dict:
    first, last = date(year, 1, 1), date(year, 12, 31)
    concluded = Q(concluded_on__isnull=False, concluded_on__lte=last)
    stats = {
        r["kind"]: r
        for r in RemedyCase.objects.filter(body_id=body_id, filed_on__gte=first, filed_on__lte=last)
        .values("kind")
        .annotate(
            maintained=Count("id", filter=concluded & Q(result="maintained")),
            corrected=Count("id", filter=concluded & Q(result="corrected")),
            other=Count("id", filter=concluded & Q(result="other")),
            pending=Count("id", filter=~concluded),
            total=Count("id"),
        )
        .order_by()
    }
    groups = []
    for group in spec["groups"]:
        values = [sum(stats.get(k, {}).get(col["key"], 0) for k in group["kinds"]) for col in spec["columns"]]
        groups.append({"key": group["key"], "label": group["label"], "values": values})
    return {"kind": "remedies", "columns": spec["columns"], "groups": groups}
