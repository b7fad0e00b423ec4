"""公布: 统一登记、统一编号、统一印发 (国办发〔2018〕37号 (八)), and 登记 of a document published before the register."""

from __future__ import annotations

from datetime import date, timedelta

from fazhi.audit.events import Event
from fazhi.core.access import require
from fazhi.core.errors import InvalidInput, NotPermitted
from fazhi.core.numbering import issue_number, last_issued
from fazhi.core.rules import amount_for
from fazhi.core.steps import Workflow, check_date
from fazhi.law import selectors as law_selectors
from fazhi.normative import rules
from fazhi.normative.models import DocumentVersion, NormativeDocument, Status
from fazhi.normative.services._common import (
    MAX_TEXT,
    MAX_TITLE,
    SERIES,
    _articles_problem,
    _register_in_library,
    _text,
    content_flags,
    is_provisional,
    issuer_refusal,
)
from fazhi.normative.workflow import DOC, LEADERS
from fazhi.org.models import BodyKind

# --- 公布: 统一登记、统一编号、统一印发 (shared step) ------------------------------------------------------------------


def number_text(body, year: int, seq: int) -> str:
    """辛口镇 → 辛政规〔2019〕1号 (GB/T 9704: 机关代字 + 〔年份〕 + 顺序号, no 第, no padding)."""
    short = (body.short_name or body.name).removeprefix("西青区")
    prefix = short[:1] if short else ""
    return f"{prefix}{SERIES}〔{year}〕{seq}号"


def validity_years(doc, body_id: int, on: date, given: int | None) -> int:
    if given:
        if not 1 <= int(given) <= 10:
            raise InvalidInput("有效期应为1至10年（有效期一般为5年，最长不超过10年）。", field="validity_years")
        return int(given)
    key = rules.VALIDITY_PROVISIONAL if is_provisional(doc.title) else rules.VALIDITY
    return int(amount_for(key, on).amount(body_id))


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def publish(*, actor, document, on: date, effective_from: date, validity_years: int | None = None,
            workflow: Workflow = DOC) -> NormativeDocument:  # fmt: skip
    """公布: the next number of the body's series (gap-free, never reused), the text as version 1 with its 有效期, the
    document in the law library (from now on it may be cited as a basis), and the 备案 clock."""
    if effective_from is None:
        raise InvalidInput("请填写施行日期。", field="effective_from")
    if effective_from < on:
        raise InvalidInput(f"施行日期 {effective_from} 早于公布日期 {on}。", field="effective_from")
    with workflow.step(actor, document, "公布", Event.NORMATIVE_PUBLISHED, roles=LEADERS, to=Status.PUBLISHED,
                       on=on, on_label="公布日期", after="deliberated_on") as s:  # fmt: skip
        doc = s.obj
        if law_selectors.find_law(doc.title) is not None:
            raise InvalidInput(f"法规库中已有名为《{doc.title}》的文件，请修改文件名称后再公布。", field="title")
        years = validity_years_for = validity_years_value(doc, on, validity_years)
        issued = issue_number(body=doc.body, series=SERIES, year=on.year)
        _assign_number(doc, on.year, issued.number)
        _publish_version(s, actor, doc, on, effective_from, years, note="首次公布")
        s.new(number=doc.number, published_on=on, effective_from=effective_from, valid_until=doc.valid_until,
              validity_years=validity_years_for)  # fmt: skip
    return doc


def validity_years_value(doc, on: date, given) -> int:
    return validity_years(doc, doc.body_id, on, given)


def _assign_number(doc, year: int, seq: int) -> None:
    doc.number_year, doc.number_seq = year, seq
    doc.number = number_text(doc.body, year, seq)


def _publish_version(s, actor, doc, on: date, effective_from: date, years: int, *, note: str) -> DocumentVersion:
    version = DocumentVersion.objects.create(
        document=doc,
        version=1,
        title=doc.title,
        text=doc.draft_text,
        published_on=on,
        effective_from=effective_from,
        note=note,
    )
    doc.published_on, doc.effective_from, doc.validity_years = on, effective_from, years
    doc.valid_until = add_years(effective_from, years) - timedelta(days=1)
    doc.law_title = doc.title
    s.changed("number_year", "number_seq", "number", "published_on", "effective_from", "validity_years", "valid_until",
              "law_title")  # fmt: skip
    _register_in_library(actor, doc, version)
    if doc.body.kind == BodyKind.TOWN:  # a town files with the district government (备案)
        s.open(rules.FILING, on)
    return version


def register_existing(*, actor, body, title: str, text: str, year: int, seq: int, published_on: date,
                      effective_from: date, validity_years: int | None = None,
                      workflow: Workflow = DOC) -> NormativeDocument:  # fmt: skip
    """登记 a document published before the register was kept (or on paper): it takes its number in the body's series,
    which must be the next one of that year — a number is never used twice nor skipped (37号 (八) 统一编号)."""
    require(actor, *LEADERS, body=body, what="登记既有行政规范性文件")
    title = _text(title, "title", "文件名称", max_length=MAX_TITLE)
    text = _text(text, "text", "正文", max_length=MAX_TEXT)
    refusal = issuer_refusal(body)
    if refusal:
        raise NotPermitted(refusal)
    problem = _articles_problem(text)
    if problem:
        raise InvalidInput(problem, field="text")
    check_date(published_on, field="published_on", label="公布日期")
    if effective_from is None or effective_from < published_on:
        raise InvalidInput("施行日期应不早于公布日期。", field="effective_from")
    if int(year) != published_on.year:
        raise InvalidInput(f"文号年份 {year} 与公布日期 {published_on} 不一致。", field="year")
    with workflow.step(actor, None, "登记既有行政规范性文件", Event.NORMATIVE_REGISTERED, roles=LEADERS,
                       on=published_on, on_label="公布日期") as s:  # fmt: skip
        used = last_issued(body=body, series=SERIES, year=int(year))
        if int(seq) <= used:
            raise InvalidInput(
                f"文号{number_text(body, year, seq)}已经使用，不得重复编号（{rules.NUMBER_CITATION}）。", field="seq"
            )
        if int(seq) != used + 1:
            raise InvalidInput(
                f"{year}年的下一个文号应为{number_text(body, year, used + 1)}，编号应连续（{rules.NUMBER_CITATION}）。",
                field="seq",
            )
        if law_selectors.find_law(title) is not None:
            raise InvalidInput(f"法规库中已有名为《{title}》的文件。", field="title")
        doc = s.created(
            NormativeDocument.objects.create(
                body=body, title=title, draft_text=text, basis=[], content_flags=content_flags(text), drafter=actor
                if actor is not None else _system_user(), drafted_on=published_on, status=Status.PUBLISHED,
            )
        )  # fmt: skip
        issued = issue_number(body=body, series=SERIES, year=int(year))
        _assign_number(doc, int(year), issued.number)
        doc.status = Status.PUBLISHED
        years = validity_years_value(doc, published_on, validity_years)
        _publish_version(s, actor, doc, published_on, effective_from, years, note="登记既有文件")
        s.new(number=doc.number, published_on=published_on, valid_until=doc.valid_until)
    return doc


def _system_user():
    raise InvalidInput("登记既有文件须由负责人办理。", field="actor")
