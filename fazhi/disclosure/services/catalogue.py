"""Proactive disclosure: the 政府信息公开目录 (第十二条第三款, 第二十条, 第二十一条, 第二十六条) and the 公开指南
(第十二条第二款)."""

from __future__ import annotations

from fazhi.audit.events import Event
from fazhi.core.steps import Workflow, today
from fazhi.disclosure import rules
from fazhi.disclosure.models import CatalogueCategory, CatalogueEntry, CatalogueState, Guide
from fazhi.disclosure.services.common import (
    CLERK,
    REG,
    SERIES_CATALOGUE,
    as_date,
    choice,
    next_number,
    require_clerk,
    text,
)

CATALOGUE = Workflow(CatalogueEntry, check=rules.check_catalogue_move, status_field="state")
# The guide has no states: each save is a new version, dated by ``updated_on`` (kept on the chain as old → new).
GUIDE = Workflow(Guide, check=lambda old, new: None, status_field="updated_on")


def add_catalogue_entry(
    *,
    actor,
    body,
    title: str,
    summary: str,
    generated_on,
    category: str,
    document_number: str = "",
    content: str = "",
) -> CatalogueEntry:
    """Add an item to the 政府信息公开目录 (索引, 名称, 内容概述, 生成日期, 第十二条第三款); the 20-working-day
    publication clock of 第二十六条 starts from the day the information was created or changed."""
    what = "新增主动公开目录条目"
    require_clerk(actor, body, what)
    title = text(title, "title", "名称", max_length=200)
    summary = text(summary, "summary", "内容概述", max_length=2000)
    generated_on = as_date(generated_on, "generated_on", "生成日期")
    category = choice(category, CatalogueCategory, "category", "类别")
    document_number = text(document_number, "document_number", "文号", max_length=100, required=False)
    content = text(content, "content", "正文", max_length=50000, required=False)
    with CATALOGUE.step(
        actor,
        None,
        what,
        Event.DISCLOSURE_CATALOGUE_ADDED,
        roles=CLERK,
        on=generated_on,
        on_field="generated_on",
        on_label="生成日期",
    ) as s:
        seq = next_number(body=body, series=SERIES_CATALOGUE, year=generated_on.year)
        entry = s.created(
            CatalogueEntry.objects.create(
                body=body,
                index_number=f"{body.code}-{generated_on.year}-{seq:05d}",
                title=title,
                summary=summary,
                generated_on=generated_on,
                category=category,
                document_number=document_number,
                content=content,
            )
        )
        s.new(index_number=entry.index_number, title=title, category=category)
        s.open(rules.PROACTIVE, generated_on, label=f"主动公开 {entry.index_number}")
    return entry


def publish_catalogue_entry(*, actor, entry: CatalogueEntry, on) -> CatalogueEntry:
    """Publish the item (on the portal's catalogue page); closes its 第二十六条 clock — late, with this date, when
    the 20 working days had run out (also after the sweep marked it missed)."""
    on = as_date(on, "on", "公开日期")
    with CATALOGUE.step(
        actor,
        entry,
        "公开目录条目",
        Event.DISCLOSURE_CATALOGUE_PUBLISHED,
        roles=CLERK,
        to=CatalogueState.PUBLISHED,
        allowed=(CatalogueState.PENDING,),
        refusal="只有待公开的条目可以公开，当前状态：{status}。",
        on=on,
        on_label="公开日期",
        after="generated_on",
    ) as s:
        s.obj.published_on = on
        s.changed("published_on")
        s.new(published_on=on)
        s.close(rules.PROACTIVE, on)
    return s.obj


def repeal_catalogue_entry(*, actor, entry: CatalogueEntry, on) -> CatalogueEntry:
    """Mark a published item (e.g. a normative document) as repealed; it stays in the catalogue, marked 已废止."""
    on = as_date(on, "on", "废止日期")
    with CATALOGUE.step(
        actor,
        entry,
        "废止目录条目",
        Event.DISCLOSURE_CATALOGUE_REPEALED,
        roles=CLERK,
        to=CatalogueState.REPEALED,
        allowed=(CatalogueState.PUBLISHED,),
        refusal="只有已公开的条目可以标记废止，当前状态：{status}。",
        on=on,
        on_label="废止日期",
        after="published_on",
    ) as s:
        s.obj.repealed_on = on
        s.changed("repealed_on")
        s.new(repealed_on=on)
    return s.obj


GUIDE_FIELDS = {
    "office_name": ("政府信息公开工作机构名称", 100, True),
    "address": ("办公地址", 200, True),
    "office_hours": ("办公时间", 200, True),
    "phone": ("联系电话", 50, True),
    "fax": ("传真号码", 50, False),
    "internet_contact": ("互联网联系方式", 200, False),
    "postcode": ("邮政编码", 10, False),
    "classification": ("信息分类与编排体系", 5000, True),
    "how_to_obtain": ("获取方式", 5000, True),
}


def save_guide(*, actor, body, on=None, **fields) -> Guide:
    """Create or update the 政府信息公开指南 (第十二条第二款: 分类、编排体系、获取方式、机构名称、地址、时间、电话、传真、网址)."""
    what = "更新政府信息公开指南"
    require_clerk(actor, body, what)
    data = {
        key: text(fields.get(key), key, f"{label}（{REG}第十二条）", max_length=size, required=req)
        for key, (label, size, req) in GUIDE_FIELDS.items()
    }
    on = as_date(on, "on", "更新日期") or today()
    current = Guide.objects.filter(body=body).values_list("pk", flat=True).first()
    with GUIDE.step(actor, current, what, Event.DISCLOSURE_GUIDE_SAVED, roles=CLERK, on=on, on_label="更新日期") as s:
        if s.obj is None:
            s.created(Guide.objects.create(body=body, updated_on=on, **data))
        else:
            s.old(**{key: getattr(s.obj, key) for key in GUIDE_FIELDS})
            for key, value in data.items():
                setattr(s.obj, key, value)
            s.obj.updated_on = on
            s.changed(*GUIDE_FIELDS, "updated_on")
        s.new(**data)
    return s.obj
