"""The report's layout — its parts, their headings and order — is data: ``data/layout.json`` by default, or a
district's own stored as the setting ``annual.layout`` (towns inherit it). Each part names the items of
《法治政府建设与责任落实督察工作规定》第二十五条 it answers; a layout that leaves out one of items (一)–(四) is refused.

A part's default text is a list of paragraphs; a paragraph that quotes a module's figures names the module in
``needs`` and, while that module is not installed, gives way to its ``otherwise`` text (the seed's general words) or is
left out — so a new report never starts with a figure no module can give.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from fazhi.annual import figures
from fazhi.annual.rules import CONTENT_CITATION, CONTENT_ITEMS, LAYOUT_SETTING, REQUIRED_ITEMS
from fazhi.core.errors import InvalidInput
from fazhi.core.selectors import get_setting

DEFAULT_LAYOUT = Path(__file__).with_name("data") / "layout.json"


@cache
def default_layout() -> dict:
    return check_layout(json.loads(DEFAULT_LAYOUT.read_text(encoding="utf-8")))


def check_layout(layout) -> dict:
    """The layout if it is well formed and covers 第二十五条 (一)–(四); otherwise InvalidInput naming what is wrong."""
    if not isinstance(layout, dict) or not isinstance(layout.get("sections"), list) or not layout["sections"]:
        raise InvalidInput("报告格式应为包含 sections（各部分）列表的 JSON。", field="layout")
    keys, covered = set(), set()
    for n, section in enumerate(layout["sections"], start=1):
        if not isinstance(section, dict) or not str(section.get("key", "")).isidentifier():
            raise InvalidInput(f"报告格式第{n}部分缺少有效的 key。", field="layout")
        if section["key"] in keys:
            raise InvalidInput(f"报告格式的部分“{section['key']}”重复。", field="layout")
        keys.add(section["key"])
        items = section.get("items", [])
        if not isinstance(items, list) or any(str(i) not in CONTENT_ITEMS for i in items):
            raise InvalidInput(f"报告格式第{n}部分的 items 应为第二十五条的项号（1–5）。", field="layout")
        covered.update(str(i) for i in items)
        for p in section.get("paragraphs", []):
            if (
                not isinstance(p, dict)
                or not isinstance(p.get("text"), str)
                or not isinstance(p.get("otherwise", ""), str)
            ):
                raise InvalidInput(f"报告格式第{n}部分的段落应有 text。", field="layout")
            unknown = [t for t in figures.tokens_in(p["text"]) if t not in figures.BY_KEY]
            if unknown:
                raise InvalidInput(f"报告格式第{n}部分引用了未知的数据项：{'、'.join(unknown)}。", field="layout")
    missing = [i for i in REQUIRED_ITEMS if i not in covered]
    if missing:
        names = "；".join(f"第（{'一二三四五'[int(i) - 1]}）项 {CONTENT_ITEMS[i]}" for i in missing)
        raise InvalidInput(f"报告格式缺少{CONTENT_CITATION}要求报告的内容：{names}。", field="layout")
    return layout


def layout_for(body) -> dict:
    """The body's layout: its district's stored one (checked) or the default."""
    stored = get_setting(LAYOUT_SETTING, body_id=body.pk, default=None)
    if stored in (None, "", {}):
        return default_layout()
    if isinstance(stored, str):
        try:
            stored = json.loads(stored)
        except ValueError:
            raise InvalidInput("设置 annual.layout 不是有效的 JSON。", field="layout") from None
    return check_layout(stored)


def title(layout: dict, body, year: int) -> str:
    name = body.short_name or body.name
    return layout.get("title", "{body}{year}年度法治政府建设情况报告").format(body=name, year=year)


def default_sections(layout: dict, year: int) -> dict[str, str]:
    """The starting text of each part: the layout's paragraphs whose modules are installed, one per line."""
    texts = {}
    for section in layout["sections"]:
        lines = []
        for p in section.get("paragraphs", []):
            present = all(figures.module_present(m) for m in p.get("needs", []))
            text = p["text"] if present else p.get("otherwise", "")
            if text:
                lines.append(text.replace("{year}", str(year)))
        texts[section["key"]] = "\n".join(lines)
    return texts


def section_titles(layout: dict) -> dict[str, str]:
    return {s["key"]: s.get("heading") or "开头语" for s in layout["sections"]}
