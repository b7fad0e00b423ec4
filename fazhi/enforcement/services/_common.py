"""What every stage of a penalty case shares: the case workflow for the step helper, the people checks of
行政处罚法 第四十二条, document numbers, and the small input helpers."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.urls import reverse

from fazhi.core import inbox
from fazhi.core.access import Role
from fazhi.core.numbering import issue_number
from fazhi.core.selectors import get_setting
from fazhi.core.steps import Workflow, check_date
from fazhi.enforcement.errors import InvalidInput, RuleViolation
from fazhi.enforcement.models import Case, InvestigationAct
from fazhi.enforcement.workflow import LAW, check_transition
from fazhi.org.selectors import officers_certified_on, people_with_role_in, town_of

CASE_TYPE = "enforcement.case"
DOC_118 = "国办发〔2018〕118号"
HEARING_KINDS = ("吊销", "降低资质等级", "责令停产停业", "责令关闭", "限制从业")
PENALTY_KINDS = (
    "警告",
    "通报批评",
    "罚款",
    "没收违法所得",
    "没收非法财物",
    "暂扣许可证件",
    "降低资质等级",
    "吊销许可证件",
    "限制开展生产经营活动",
    "责令停产停业",
    "责令关闭",
    "限制从业",
    "行政拘留",
)
CENT = Decimal("0.01")

# The penalty case as a workflow: every step locks the case, checks the one transition table (workflow.py) and
# writes one chain entry about the case.
CASE = Workflow(model=Case, check=check_transition, related=("body",))


def name_of(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else "系统"


def not_future(on: date | None, field: str, label: str) -> date:
    return check_date(on, field=field, label=label)


def text(value: str | None, field: str, label: str, *, why: str = "") -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(f"请填写{label}{f'（{why}）' if why else ''}。", field=field)
    return value


def certified_pair(officers, on: date, *, what: str) -> list:
    """行政处罚法 第四十二条: at least two officers holding 行政执法资格 on that day."""
    people = list({o.pk: o for o in officers if o is not None}.values())
    if len(people) < 2:
        raise RuleViolation(f"{what}须由两名以上执法人员进行（{LAW}第四十二条），当前只有{len(people)}人。")
    certified = officers_certified_on([p.pk for p in people], on)
    lacking = [p for p in people if p.pk not in certified]
    if lacking:
        names = "、".join(name_of(p) for p in lacking)
        raise RuleViolation(f"{names}在 {on} 没有有效的行政执法证件，不得参与{what}（{LAW}第四十二条、第五十五条）。")
    return people


def recused_ids(case: Case) -> set[int]:
    return set(case.recusals.filter(granted=True).values_list("person_id", flat=True))


def investigator_ids(case: Case) -> set[int]:
    """Everyone who handled or investigated the case: they may neither review it nor preside over its hearing."""
    ids = set(case.officers.values_list("pk", flat=True))
    ids |= set(
        InvestigationAct.officers.through.objects.filter(investigationact__case=case).values_list("user_id", flat=True)
    )
    ids.add(case.registered_by_id)
    return ids


def prefix_for(body) -> str:
    """The 机关代字 of a body's enforcement documents (setting enforcement.number_prefix; default from its name)."""
    default = (body.short_name or body.name).replace("人民政府", "").removesuffix("镇").removesuffix("街道") + "综执"
    return str(get_setting("enforcement.number_prefix", body_id=body.pk, default=default))


def number(case: Case, series: str, on: date) -> str:
    return issue_number(body=case.body, series=series, year=on.year, prefix=prefix_for(case.body)).text


def money(value, field: str, label: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except ArithmeticError as exc:
        raise InvalidInput(f"{label}应为金额（元）。", field=field) from exc
    if not amount.is_finite():
        raise InvalidInput(f"{label}应为金额（元）。", field=field)
    if amount < 0:
        raise InvalidInput(f"{label}不能为负数。", field=field)
    return amount


# What an officer writes for a kind with its object (as the benchmarks do: "没收烧烤工具") → the statutory kind of
# 行政处罚法 第九条 with the object in brackets ("没收非法财物（烧烤工具）").
_KIND_PREFIXES = (
    ("没收违法所得", "没收违法所得"),
    ("没收", "没收非法财物"),
    ("暂扣", "暂扣许可证件"),
    ("吊销", "吊销许可证件"),
)


def normalise_kind(token: str) -> str:
    token = token.strip()
    if token in PENALTY_KINDS or token.split("（")[0] in PENALTY_KINDS:
        return token
    for prefix, kind in _KIND_PREFIXES:
        if token.startswith(prefix) and len(token) > len(prefix):
            return f"{kind}（{token[len(prefix) :]}）"
    return token


def kind_name(token: str) -> str:
    """The statutory kind of a token, without its object: 没收非法财物（烧烤工具） → 没收非法财物."""
    return token.split("（")[0]


def kinds(value: str) -> list[str]:
    """The penalty kinds of a proposal, each normalised (see ``normalise_kind``); brackets keep their commas."""
    return [normalise_kind(k) for k in re.split(r"[、，,；;\s]+(?![^（]*）)", value or "") if k.strip()]


def user_model():
    return get_user_model()


def tell(case: Case, *, kind: str, title: str, role: Role | None = None, people=(), url: str = "", exclude=()) -> None:
    """Put the task in the inbox of whoever takes the next step: everyone with ``role`` in the case's town, and/or
    ``people`` — never those in ``exclude`` (e.g. the case's investigators for a review)."""
    recipients = list(people)
    if role is not None:
        recipients += list(people_with_role_in(town_of(case.body) or case.body, role))
    excluded = set(exclude)
    inbox.notify(
        recipients=[p for p in recipients if p.pk not in excluded],
        kind=kind,
        subject=case,
        title=f"{title}：{case.label}",
        url=url or reverse("enforcement:case_detail", args=[case.pk]),
        body_id=case.body_id,
    )
