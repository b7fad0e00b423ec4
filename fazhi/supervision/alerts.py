"""Supervision alerts: computed from the record every time they are asked for, never typed in and never stored.

Each alert rule is data — key, title, citation, module, severity, the setting that holds its threshold (with the
default) — plus one ``find(ctx)`` function that reads the record **set-based** (one query per rule, a few at most,
never one per row) through the lower apps' selectors and returns ``Alert`` rows: the rule, the body, the record (its
label and link), the day it concerns and a line of detail.

Registry: ``REGISTRY`` holds the rules in display order. A later module adds its own rule by calling
``register(AlertRule(...))`` at import time of its ``alerts`` module (this module imports nothing above it), e.g.::

    # fazhi/inspection/alerts.py, imported from InspectionConfig.ready()
    from fazhi.supervision.alerts import Alert, AlertRule, register

    def _late_results(ctx):
        return [Alert(...) for row in selectors.results_unpublished(ctx.user, today=ctx.today)]

    register(AlertRule("inspection.results_late", "抽查结果逾期未公示", "…第×条", "双随机抽查", "high",
                       _late_results))

(An app below supervision cannot import it; such a rule is registered by supervision on its behalf, here.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from django.db.models import CharField, Exists, F, Max, OuterRef, Q
from django.db.models.functions import Cast, Coalesce, Greatest
from django.urls import reverse

from fazhi.core.selectors import get_setting

HIGH, MEDIUM, LOW = "high", "medium", "low"
SEVERITY_LABELS = {HIGH: "严重", MEDIUM: "较重", LOW: "提示"}


@dataclass(slots=True)
class Alert:
    rule: str
    body_id: int | None
    record: str
    url: str
    on: date | None
    detail: str


@dataclass
class Context:
    """What every rule reads: the user (their scope), today, the year of period-based rules."""

    user: object
    today: date
    year: int
    cache: dict = field(default_factory=dict)


@dataclass(frozen=True)
class AlertRule:
    key: str
    title: str
    citation: str
    module: str
    severity: str
    find: Callable[[Context], Iterable[Alert]]
    setting_key: str = ""
    default: object = None
    unit: str = ""

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, self.severity)

    def threshold(self, body_id: int | None = None):
        if not self.setting_key:
            return None
        return get_setting(self.setting_key, body_id=body_id, default=self.default)


REGISTRY: dict[str, AlertRule] = {}


def register(rule: AlertRule) -> None:
    REGISTRY[rule.key] = rule


def rules() -> list[AlertRule]:
    return list(REGISTRY.values())


def compute(user, *, today: date, year: int, only: Iterable[str] | None = None) -> list[Alert]:
    """Every alert of the user's scope (all rules, or ``only`` those keys), in rule order."""
    ctx = Context(user=user, today=today, year=year)
    wanted = set(only) if only else None
    out: list[Alert] = []
    for rule in REGISTRY.values():
        if wanted is not None and rule.key not in wanted:
            continue
        out.extend(rule.find(ctx))
    return out


# --- helpers ------------------------------------------------------------------------------------------------------


@cache
def _modules() -> dict[str, str]:
    from fazhi.audit.display import EVENT_GROUPS

    return {**EVENT_GROUPS, "supervision": "执法监督"}


def module_of(subject_type: str) -> str:
    return _modules().get(subject_type.split(".", 1)[0], subject_type)


@cache
def _url_maker(name: str) -> Callable[[object], str]:
    """A record's link from its id without one ``reverse`` per row: the pattern is reversed once with a marker id."""
    marker = 918273645
    pattern = reverse(name, args=[marker])
    head, _, tail = pattern.partition(str(marker))
    return lambda pk: f"{head}{pk}{tail}" if pk else ""


def _case_url(case_id) -> str:
    return _url_maker("enforcement:case_detail")(case_id)


def _deadline_url(pk) -> str:
    return _url_maker("clock:deadline")(pk)


def _year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _threshold(key: str, ctx: Context) -> int:
    rule = REGISTRY[key]
    return int(rule.threshold(getattr(ctx.user, "body_id", None)))


def working_days_ahead(today: date, count: int) -> date:
    from fazhi.core.periods import Period, compute_due
    from fazhi.core.selectors import DbCalendar

    return compute_due(today, Period(count, "wd"), calendar=DbCalendar(), estimate=True).due


def working_days_back(today: date, count: int) -> date:
    from fazhi.core.periods import Period, latest_day_before

    return latest_day_before(today, Period(count, "wd"), estimate=True).due


# --- deadlines (any module) ----------------------------------------------------------------------------------------

PUBLISH_RULES = ("enforcement.publish_permit_or_penalty", "enforcement.publish_other_decision")


DEADLINE_FIELDS = ("pk", "body_id", "subject_type", "subject_label", "rule_name", "rule_citation", "due_date")


def _deadline_alerts(ctx: Context, rule_key: str, rows, detail: Callable) -> list[Alert]:
    """One Alert per deadline row, read as plain values (no model instances, no JSON columns)."""
    url = _url_maker("clock:deadline")
    out = []
    for d in rows.values_list(*DEADLINE_FIELDS):
        pk, body_id, subject_type, label, rule_name, citation, due = d
        out.append(Alert(rule_key, body_id, f"{label}：{rule_name}", url(pk), due, detail(subject_type, due, citation)))
    return out


def _overdue(ctx: Context) -> list[Alert]:
    from fazhi.clock.selectors import deadlines_visible_to

    # core.selectors.with_derived_state's "overdue", written as plain predicates so the index on (state, due_date)
    # serves it: open and past due (a window that ran out has lapsed instead), or marked missed and still owed.
    overdue = Q(state="open", is_window=False, due_date__lt=ctx.today) | Q(state="missed", closed_on__isnull=True)
    rows = deadlines_visible_to(ctx.user).filter(overdue).exclude(rule_key__in=PUBLISH_RULES).order_by("due_date", "id")
    return _deadline_alerts(
        ctx,
        "deadline_overdue",
        rows,
        lambda kind, due, citation: (
            f"{module_of(kind)}：届满日 {due}，已超期 {(ctx.today - due).days} 天（{citation}）"
        ),
    )


def _due_soon(ctx: Context) -> list[Alert]:
    from fazhi.clock.selectors import open_deadlines_for

    days = _threshold("deadline_due_soon", ctx)
    until = working_days_ahead(ctx.today, days)
    rows = open_deadlines_for(ctx.user, today=ctx.today).filter(
        state="open", is_window=False, due_date__gte=ctx.today, due_date__lte=until
    )
    return _deadline_alerts(
        ctx,
        "deadline_due_soon",
        rows,
        lambda kind, due, citation: f"{module_of(kind)}：届满日 {due}（{days} 个工作日内，至 {until}）（{citation}）",
    )


def _unpublished(ctx: Context) -> list[Alert]:
    from fazhi.publicity.selectors import overdue_items

    return [
        Alert(
            "publication_overdue",
            row["deadline"].body_id,
            row["deadline"].subject_label,
            _case_url(row["case_id"]) or _deadline_url(row["deadline"].pk),
            row["deadline"].due_date,
            f"应于 {row['deadline'].due_date} 前公开，已超期 {row['days_over']} 天（{row['deadline'].rule_citation}）",
        )
        for row in overdue_items(ctx.user, today=ctx.today)
    ]


# --- officers: certificates, two officers, training ----------------------------------------------------------------


def _acts(ctx: Context) -> dict:
    """The investigative acts of the year in scope with their officers and the officers' certificates: two queries
    (acts × officers; the certificates of those officers), shared by the two rules that read them."""
    if "acts" in ctx.cache:
        return ctx.cache["acts"]
    from fazhi.enforcement.selectors import cases_visible_to
    from fazhi.org.selectors import visible_certificates

    first, last = _year_range(ctx.year)
    rows = list(
        cases_visible_to(ctx.user)
        .filter(acts__on__range=(first, last))
        .values(
            "pk",
            "body_id",
            "number",
            "title",
            "acts__id",
            "acts__on",
            "acts__kind",
            "acts__officers__id",
            "acts__officers__last_name",
            "acts__officers__first_name",
        )  # fmt: skip
        .order_by("acts__on", "acts__id")
    )
    officer_ids = {r["acts__officers__id"] for r in rows if r["acts__officers__id"]}
    certs = defaultdict(list)
    for c in (
        visible_certificates(ctx.user)
        .filter(holder_id__in=officer_ids)
        .values("holder_id", "state", "valid_from", "valid_to")
        .order_by()
    ):
        certs[c["holder_id"]].append(c)
    acts: dict[int, dict] = {}
    for r in rows:
        act = acts.setdefault(
            r["acts__id"],
            {"case_id": r["pk"], "body_id": r["body_id"], "label": f"{r['number'] or '案件'} {r['title']}",
             "on": r["acts__on"], "officers": []},
        )  # fmt: skip
        if r["acts__officers__id"]:
            on = r["acts__on"]
            valid = any(c["state"] == "valid" and c["valid_from"] <= on <= c["valid_to"]
                        for c in certs.get(r["acts__officers__id"], ()))  # fmt: skip
            name = f"{r['acts__officers__last_name']}{r['acts__officers__first_name']}"
            act["officers"].append((name, valid))
    ctx.cache["acts"] = acts
    return acts


def _uncertified(ctx: Context) -> list[Alert]:
    out = []
    for act in _acts(ctx).values():
        for name, valid in act["officers"]:
            if not valid:
                out.append(
                    Alert("uncertified_officer", act["body_id"], act["label"], _case_url(act["case_id"]), act["on"],
                          f"{name}在 {act['on']} 没有有效的行政执法证件，却参与了调查取证"),
                )  # fmt: skip
    return out


def _too_few(ctx: Context) -> list[Alert]:
    out = []
    for act in _acts(ctx).values():
        certified = sum(1 for _n, valid in act["officers"] if valid)
        if certified < 2:
            out.append(
                Alert("too_few_officers", act["body_id"], act["label"], _case_url(act["case_id"]), act["on"],
                      f"{act['on']} 的调查取证只有 {certified} 名持有效证件的执法人员（应不少于两人）"),
            )  # fmt: skip
    return out


def _training(ctx: Context) -> list[Alert]:
    from fazhi.org.selectors import people_short_of_hours

    return [
        Alert("training_short", row.person.body_id, row.person.get_full_name() or row.person.username,
              reverse("org:officer_detail", args=[row.person.pk]), date(ctx.year, 12, 31),
              f"{ctx.year} 年培训 {row.hours} 学时，应不少于 {row.required} 学时，差 {row.short_by} 学时（{row.citation}）")
        for row in people_short_of_hours(ctx.user, ctx.year)
    ]  # fmt: skip


def _expiring(ctx: Context) -> list[Alert]:
    from fazhi.org.selectors import certificates_expiring

    days = _threshold("certificate_expiring", ctx)
    return [
        Alert("certificate_expiring", c.holder.body_id, f"{c.holder.get_full_name() or c.holder.username}：{c}",
              reverse("org:officer_detail", args=[c.holder_id]), c.valid_to,
              f"有效期至 {c.valid_to}（{days} 日内到期），到期后不得从事行政执法")
        for c in certificates_expiring(ctx.user, within_days=days, on=ctx.today)
    ]  # fmt: skip


# --- cases -------------------------------------------------------------------------------------------------------


def _decision_late(ctx: Context) -> list[Alert]:
    from fazhi.core.selectors import deadlines_of_bodies
    from fazhi.enforcement.selectors import CASE_TYPE
    from fazhi.org.selectors import visible_body_ids

    first, last = _year_range(ctx.year)
    rows = (
        # A case's deadlines carry the case's body: the scope filters the deadline table directly
        # (deadline_body_kind_idx), not through every case id in scope cast to text (0.8 s for 18 towns of a city).
        deadlines_of_bodies(visible_body_ids(ctx.user))
        .filter(subject_type=CASE_TYPE, rule_key="enforcement.decision", due_date__range=(first, last))
        .filter(Q(closed_on__gt=F("due_date")) | Q(closed_on__isnull=True, due_date__lt=ctx.today))
        .order_by("due_date", "id")
    )
    return [
        Alert("decision_late", d.body_id, d.subject_label, _case_url(d.subject_id), d.due_date,
              (f"应于 {d.due_date} 前作出决定，实际 {d.closed_on} 作出" if d.closed_on
               else f"应于 {d.due_date} 前作出决定，至今未决定") + f"（{d.rule_citation}）")
        for d in rows
    ]  # fmt: skip


_STEP_DATES = ("discovered_on", "filing_requested_on", "filed_on", "proposed_on", "notified_on", "decided_on",
               "served_on", "executed_on", "court_applied_on")  # fmt: skip


def _idle(ctx: Context) -> list[Alert]:
    from fazhi.enforcement.selectors import cases_visible_to
    from fazhi.enforcement.workflow import OPEN_STATUSES

    days = _threshold("case_idle", ctx)
    cutoff = working_days_back(ctx.today, days)
    rows = (
        cases_visible_to(ctx.user)
        .filter(status__in=OPEN_STATUSES)
        .annotate(last_act=Max("acts__on"))
        .annotate(
            last_step=Greatest(
                *[Coalesce(name, "discovered_on") for name in _STEP_DATES], Coalesce("last_act", "discovered_on")
            )
        )  # fmt: skip
        .filter(last_step__lt=cutoff)
        .values("pk", "body_id", "number", "title", "last_step", "status")
        .order_by("last_step", "pk")
    )
    return [
        Alert("case_idle", r["body_id"], f"{r['number'] or '案件'} {r['title']}", _case_url(r["pk"]), r["last_step"],
              f"最后一次办理在 {r['last_step']}，已超过 {days} 个工作日（{cutoff} 以前）没有办理记录")
        for r in rows
    ]  # fmt: skip


def _zero_enforcement(ctx: Context) -> list[Alert]:
    from fazhi.enforcement.selectors import cases_visible_to
    from fazhi.law.selectors import visible_power_items
    from fazhi.org.models import BodyKind
    from fazhi.org.selectors import body_paths, visible_bodies

    first, last = _year_range(ctx.year)
    towns = list(visible_bodies(ctx.user).filter(kind=BodyKind.TOWN).order_by("path").values("pk", "name", "path"))
    paths = body_paths()

    def town_of(body_id):
        path = paths.get(body_id) or ""
        return next((t["pk"] for t in towns if path.startswith(t["path"])), None)

    # order_by(): with the models' ordering in it, DISTINCT ran over (body, date, id) — a row per case, not per body.
    with_powers = {town_of(b) for b in visible_power_items(ctx.user).filter(versions__category="penalty")
                   .order_by().values_list("body_id", flat=True).distinct()}  # fmt: skip
    deciding = {town_of(b) for b in cases_visible_to(ctx.user).filter(decided_on__range=(first, last))
                .order_by().values_list("body_id", flat=True).distinct()}  # fmt: skip
    return [
        Alert("zero_enforcement", t["pk"], t["name"], reverse("enforcement:case_list"), last,
              f"{ctx.year} 年有行政处罚职权，但全年未作出行政处罚决定：应向本级政府说明情况并对法律依据作出评估")
        for t in towns
        if t["pk"] in with_powers and t["pk"] not in deciding
    ]  # fmt: skip


def _major_unreviewed(ctx: Context) -> list[Alert]:
    from fazhi.enforcement.selectors import CASE_TYPE, cases_visible_to
    from fazhi.review.models import ReviewState
    from fazhi.review.selectors import requests_visible_to

    first, last = _year_range(ctx.year)
    passed = requests_visible_to(ctx.user).filter(
        subject_type=CASE_TYPE, subject_id=Cast(OuterRef("pk"), CharField()), state=ReviewState.PASSED
    )
    rows = (
        cases_visible_to(ctx.user)
        .filter(decided_on__range=(first, last), outcome="penalty")
        .filter(
            Q(hearing_eligible=True)
            | Q(major_public_interest=True)
            | Q(difficult=True)
            | Q(hearing__held_on__isnull=False)
        )  # fmt: skip
        .annotate(reviewed=Exists(passed))
        .filter(reviewed=False)
        .values("pk", "body_id", "number", "title", "decided_on")
        .order_by("decided_on", "pk")
    )
    return [
        Alert("major_unreviewed", r["body_id"], f"{r['number'] or '案件'} {r['title']}", _case_url(r["pk"]),
              r["decided_on"], f"{r['decided_on']} 作出的重大执法决定没有通过的法制审核")
        for r in rows
    ]  # fmt: skip


TIANJIN = "《天津市行政执法监督规定》（天津市人民政府令第9号）"
PENALTY_LAW = "《中华人民共和国行政处罚法》"

for _rule in (
    AlertRule("deadline_overdue", "期限已超期", "各期限规则所载依据（见每条记录）", "全部模块", HIGH, _overdue),
    AlertRule("deadline_due_soon", "期限即将届满", "各期限规则所载依据（见每条记录）", "全部模块", MEDIUM, _due_soon,
              setting_key="supervision.alert_due_soon_working_days", default=3, unit="个工作日"),
    AlertRule("publication_overdue", "应公示未公示", "国办发〔2018〕118号第（六）项：作出决定之日起7个（其他20个）工作日内公开",
              "执法公示", HIGH, _unpublished),
    AlertRule("uncertified_officer", "无有效执法证件的人员参与执法", f"{PENALTY_LAW}第四十二条；{TIANJIN}第十条第一款",
              "行政处罚", HIGH, _uncertified),
    AlertRule("too_few_officers", "调查取证持证执法人员不足两人", f"{PENALTY_LAW}第四十二条、第五十五条",
              "行政处罚", HIGH, _too_few),
    AlertRule("training_short", "培训学时不足", f"{TIANJIN}第十条第二款；法治政府建设实施纲要（2021—2025年）",
              "机构、人员与执法证", MEDIUM, _training),
    AlertRule("certificate_expiring", "执法证件即将到期", f"{TIANJIN}第十条", "机构、人员与执法证", LOW, _expiring,
              setting_key="org.certificate_expiry_window_days", default=60, unit="日"),
    AlertRule("decision_late", "未在法定期限内作出处罚决定", f"{PENALTY_LAW}第六十条", "行政处罚", HIGH, _decision_late),
    AlertRule("case_idle", "案件长期无办理记录", f"{PENALTY_LAW}第六十条（办案期限）；地方实践", "行政处罚", MEDIUM, _idle,
              setting_key="supervision.alert_idle_working_days", default=30, unit="个工作日"),
    AlertRule("zero_enforcement", "有处罚职权但全年无处罚决定", f"{TIANJIN}第十七条", "行政处罚", MEDIUM,
              _zero_enforcement),
    AlertRule("major_unreviewed", "重大执法决定未经法制审核", f"{PENALTY_LAW}第五十八条；国办发〔2018〕118号第四部分；{TIANJIN}第十四条",
              "法制审核", HIGH, _major_unreviewed),
):  # fmt: skip
    register(_rule)
