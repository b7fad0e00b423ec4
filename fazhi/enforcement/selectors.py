"""Reads of penalty cases, each starting from the cases the user may see (their town, or their district)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

from fazhi.audit.selectors import entries_about
from fazhi.core import clock, deadlines, listing
from fazhi.core.access import Role, has_role
from fazhi.core.models import DeadlineState
from fazhi.enforcement import rules
from fazhi.enforcement.models import Case
from fazhi.enforcement.workflow import LAW, OPEN_STATUSES, Outcome, Procedure, Status
from fazhi.org.selectors import visible_body_id_query

CASE_TYPE = "enforcement.case"

# The next step an officer (or leader) takes in each status.
NEXT_STEP = {
    Status.LEAD: "提请立案审批",
    Status.FILING: "负责人审批立案",
    Status.INVESTIGATING: "调查取证，调查终结后提出处理建议",
    Status.PROPOSED: "事先告知当事人（给予处罚的），或提交法制审核/报请决定",
    Status.NOTIFIED: "听取陈述申辩；期满或当事人放弃后提交法制审核或报请决定",
    Status.HEARING: "通知并举行听证",
    Status.IN_REVIEW: "等待法制审核意见",
    Status.RETURNED: "按审核意见修改处理建议或补充调查后重新送审",
    Status.READY: "负责人作出决定",
    Status.DECIDED: "送达决定书",
    Status.SERVED: "督促缴纳罚款、执行后结案",
    Status.COURT: "法院强制执行完毕后结案",
    Status.EXECUTED: "结案",
    Status.CLOSED: "归档",
}

# The party's statement/defence and hearing-request windows (第四十四条、第六十四条) are the party's time, not an
# obligation of the officer: once they lapse the case is not overdue but ready for the next step.
PARTY_WINDOWS = (rules.STATEMENT, rules.HEARING_REQUEST)
WINDOW_LAPSED = "陈述申辩期已届满，可进入下一步"


def cases_visible_to(user) -> QuerySet[Case]:
    if not user.is_authenticated:
        return Case.objects.none()
    if user.is_superuser:
        return Case.objects.all()
    return Case.objects.filter(body_id__in=visible_body_id_query(user))


def case_detail(user, case_id) -> Case:
    """One case in the user's scope; anything else (another town's, a made-up id) → 404.

    Only the body is joined. PostgreSQL took 6–9 ms to plan the case joined to its power item, discretion level,
    approver and decider (eight tables, for 0.3 ms of execution); those are read when a page or a document uses
    them, one primary-key lookup each (ADR 0087)."""
    case = cases_visible_to(user).select_related("body").filter(pk=case_id).order_by().first()
    if case is None:
        raise Http404("案件不存在")
    return case


def case_counts_in_bodies(body_ids) -> dict[int, int]:
    """How many cases each of these bodies holds, for the case list's 执法机关 filter and total (ADR 0088)."""
    return listing.counts_by_body(Case.objects.filter(body_id__in=list(body_ids)))


def case_list(user, *, status: str = "", procedure: str = "", query: str = "", year: int | None = None):
    """The case list: a few columns, one query (no per-row lookups)."""
    qs = cases_visible_to(user).select_related("body")
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status in Status.values:
        qs = qs.filter(status=status)
    if procedure in Procedure.values:
        qs = qs.filter(procedure=procedure)
    if year:
        qs = qs.filter(discovered_on__year=year)
    if query:
        qs = qs.filter(
            Q(number__contains=query)
            | Q(decision_number__contains=query)
            | Q(party_name__contains=query)
            | Q(title__contains=query)
        )
    return qs.order_by("-discovered_on", "-id")


_STATUS_LABELS = dict(Status.choices)
_PROCEDURE_LABELS = dict(Procedure.choices)


@dataclass(slots=True)
class CaseListRow:
    """One line of the case list, with its labels and link worked out (ADR 0085)."""

    pk: int
    url: str
    label: str  # the decision's number once decided, else the case number
    body_name: str
    party_name: str
    title: str
    procedure: str
    discovered_on: str
    status: str
    fine_amount: object


def case_list_rows(cases: QuerySet[Case]) -> list[CaseListRow]:
    """The rows of a (sliced) ``case_list`` queryset: only the shown columns, one query, no model instances."""
    link = listing.pk_link("enforcement:case_detail")
    fields = ("pk", "number", "decision_number", "body__name", "party_name", "title", "procedure", "discovered_on")
    return [
        CaseListRow(
            pk=pk,
            url=link(pk),
            label=decision_number or number or "（未立案）",
            body_name=body_name,
            party_name=party_name,
            title=title,
            procedure=_PROCEDURE_LABELS.get(procedure, procedure),
            discovered_on=listing.iso_date(discovered_on),
            status=_STATUS_LABELS.get(status, status),
            fine_amount=fine_amount,
        )
        for pk, number, decision_number, body_name, party_name, title, procedure, discovered_on, status, fine_amount in (
            cases.values_list(*fields, "status", "fine_amount")
        )
    ]


@dataclass
class CaseRow:
    """A case with what to do next, its due date and the explanation of that date (for the workbench)."""

    case: Case
    next_step: str
    due_date: date | None
    due_rule: str
    explanation: list[str]
    overdue: bool

    @property
    def url(self) -> str:
        return listing.pk_link("enforcement:case_detail")(self.case.pk)


# What a CaseRow shows of its case and what _rows reads: the workbench's lists read these columns only (ADR 0085).
CASE_ROW_FIELDS = ("id", "body_id", "number", "title", "party_name", "status", "discovered_on")
_DEADLINE_ROW_FIELDS = (
    "id",
    "subject_id",
    "rule_key",
    "rule_name",
    "rule_citation",
    "due_date",
    "explanation",
    "state",
)


def _rows(cases: list[Case], *, today: date | None = None) -> list[CaseRow]:
    today = today or clock.today()
    ids = [str(c.pk) for c in cases]
    earliest: dict = {}
    lapsed: set[str] = set()
    # One query for all the cases' live deadlines (a swept one is still owed); the soonest per case is what the next
    # step must meet. A party's window that has run out is no due date of the officer's: the next step may be taken.
    live = deadlines.for_subject_type(CASE_TYPE, ids).filter(deadlines.LIVE).only(*_DEADLINE_ROW_FIELDS)
    for deadline in live.order_by("due_date", "id"):
        if deadline.rule_key in PARTY_WINDOWS and deadline.due_date < today:
            lapsed.add(deadline.subject_id)
            continue
        earliest.setdefault(deadline.subject_id, deadline)
    rows = []
    for case in cases:
        deadline = earliest.get(str(case.pk))
        rows.append(
            CaseRow(
                case=case,
                next_step=WINDOW_LAPSED if str(case.pk) in lapsed else NEXT_STEP.get(case.status, ""),
                due_date=deadline.due_date if deadline else None,
                due_rule=f"{deadline.rule_name}（{deadline.rule_citation}）" if deadline else "",
                explanation=list(deadline.explanation) if deadline else [],
                overdue=bool(deadline and deadline.state != DeadlineState.PAUSED and deadline.due_date < today),
            )
        )
    rows.sort(key=lambda r: (r.due_date is None, r.due_date or date.max, r.case.pk))
    return rows


def my_cases(user, *, limit: int = 50, today: date | None = None) -> list[CaseRow]:
    """An officer's open cases (handled or registered by them) with the next step and its due date explained."""
    if not user.is_authenticated:
        return []
    handled = Case.officers.through.objects.filter(user_id=user.pk).values("case_id")
    # Two halves, each ordered and cut at the limit on its own index, then merged: "handled by me" through the
    # officers table (as many rows as the officer handles), "registered by me" read backwards on
    # (registered_by, discovered_on, id) and stopped after `limit` open cases. One query with "… OR …" could use
    # neither index and sorted every open case of the town (18× slower at 100,000 cases; ADR 0066).
    open_cases = cases_visible_to(user).filter(status__in=OPEN_STATUSES).order_by("-discovered_on", "-id")
    handled_first = open_cases.filter(pk__in=handled)
    registered_first = open_cases.filter(registered_by=user)
    if connection.features.supports_slicing_ordering_in_compound:
        # PostgreSQL: the two cut halves as a UNION inside the cases' own query (one round trip, not three).
        ids = handled_first.values("id")[:limit].union(registered_first.values("id")[:limit])
    else:
        keys = [
            *handled_first.values_list("discovered_on", "id")[:limit],
            *registered_first.values_list("discovered_on", "id")[:limit],
        ]
        ids = [pk for _, pk in sorted(set(keys), reverse=True)[:limit]]
    qs = Case.objects.filter(pk__in=ids).only(*CASE_ROW_FIELDS).order_by("-discovered_on", "-id")[:limit]
    return _rows(list(qs), today=today)


def awaiting_approval(user, *, limit: int = 50, today: date | None = None) -> list[CaseRow]:
    """What waits for a leader: filing approval and decisions (待作出决定)."""
    if not has_role(user, Role.LEADER):
        return []
    qs = (
        cases_visible_to(user)
        .filter(status__in=[Status.FILING, Status.READY])
        .only(*CASE_ROW_FIELDS)
        .order_by("discovered_on", "id")
    )
    return _rows(list(qs[:limit]), today=today)


@dataclass
class ReviewRow:
    request: object
    case: Case
    due_date: date | None

    @property
    def url(self) -> str:
        return listing.pk_link("review:detail")(self.request.pk)


def review_queue(user) -> list[ReviewRow]:
    """Cases a reviewer may review now (pending rounds, in scope, not cases they investigated)."""
    from fazhi.review.selectors import review_queue as pending

    requests = [r for r in pending(user) if r.subject_type == CASE_TYPE]
    if not requests:
        return []  # not a reviewer, or nothing pending: nothing more to read
    cases = {
        str(c.pk): c for c in Case.objects.filter(pk__in=[int(r.subject_id) for r in requests]).only(*CASE_ROW_FIELDS)
    }
    dues = dict(
        deadlines.for_subject_type("review.reviewrequest", [r.pk for r in requests])
        .filter(deadlines.LIVE)
        .values_list("subject_id", "due_date")
    )
    return [ReviewRow(r, cases[r.subject_id], dues.get(str(r.pk))) for r in requests if r.subject_id in cases]


def case_deadlines(case: Case) -> list:
    """The case's own deadlines plus those of its preservations, seizures, on-the-spot collections and review rounds.

    The parts' ids are given as lists (the case page has read those records already, page_reads): the same query with
    the ids as subqueries took 9 ms on SQLite beside 1.5 ms with them listed (ADR 0082)."""
    from fazhi.enforcement.page_reads import (
        CASE_DEADLINES,
        case_acts,
        case_payments,
        case_preservations,
        case_rounds,
        once,
    )

    def read():
        rows = (
            deadlines.for_subject_type(CASE_TYPE, [case.pk])
            | deadlines.for_subject_type("enforcement.preservation", [p.pk for p in case_preservations(case)])
            | deadlines.for_subject_type("enforcement.investigationact", [a.pk for a in case_acts(case)])
            | deadlines.for_subject_type("enforcement.payment", [p.pk for p in case_payments(case)])
            | deadlines.for_subject_type("review.reviewrequest", [r.pk for r in case_rounds(case)])
        )
        return list(rows.order_by("start_date", "id"))

    return once(case, CASE_DEADLINES, read)


def timeline(case: Case, case_deadline_rows: list | None = None) -> list:
    """The case's history read from the chain: its own entries and those of its deadlines, in order. A page that
    has already read ``case_deadlines(case)`` passes them, so they are not read twice."""
    rows = case_deadlines(case) if case_deadline_rows is None else case_deadline_rows
    deadline_ids = [d.pk for d in rows]
    entries = entries_about(CASE_TYPE, [case.pk]) | entries_about("core.deadline", deadline_ids)
    # What the timeline shows; the payload (JSON) and the hashes are the chain page's (ADR 0085).
    return list(entries.only("seq", "at", "actor", "actor_label", "event", "subject_type", "subject_label"))


def stats(user, *, year: int) -> dict:
    """Counts for the year (cases, by outcome, fines) for reports and the list header."""
    from django.db.models import Count, Sum

    qs = cases_visible_to(user).filter(discovered_on__year=year)
    by_outcome = dict(qs.exclude(outcome="").values_list("outcome").annotate(n=Count("id")))
    return {
        "total": qs.count(),
        "summary": qs.filter(procedure=Procedure.SUMMARY).count(),
        "open": qs.filter(status__in=OPEN_STATUSES).count(),
        "fines": qs.filter(outcome=Outcome.PENALTY).aggregate(s=Sum("fine_amount"))["s"] or 0,
        "by_outcome": {Outcome(k).label: v for k, v in by_outcome.items()},
    }


def decided_penalty_count(body_ids, year: int) -> int:
    """Penalty decisions (普通程序 and 简易程序) made in ``year`` by the given bodies, in one aggregate query.

    ``body_ids`` may be a list or a queryset of ids (then it becomes a subquery). Counts cases whose outcome is
    给予行政处罚 and whose decided_on falls in the calendar year; cases decided not to penalise, or transferred, do not
    count. Used by the disclosure annual report (第二十条第（六）项 行政处罚·本年处理决定数量).
    """
    return Case.objects.filter(
        body_id__in=body_ids,
        outcome=Outcome.PENALTY,
        decided_on__gte=date(year, 1, 1),
        decided_on__lte=date(year, 12, 31),
    ).count()


# --- for publicity (appended: read by fazhi.publicity, which imports no enforcement model) -------------------------


def case_for_publication(case_id) -> Case:
    """One decided case with its body, as the publication record is opened from it (no scope: the decision step
    that calls publicity has already checked it)."""
    return Case.objects.select_related("body").get(pk=case_id)


@dataclass(frozen=True)
class NamedPeople:
    """The names written on a case's records besides the party's: persons on the investigation acts (询问对象、
    在场人), and each service's recipient and witnesses — raw as typed, for the redaction step to split."""

    act_persons: list[str]
    services: list[tuple[str, str]]  # (recipient, witnesses)


def named_people(case: Case) -> NamedPeople:
    return NamedPeople(
        act_persons=list(case.acts.values_list("person", flat=True)),
        services=list(case.services.values_list("recipient", "witnesses")),
    )


def decision_docx(case: Case) -> bytes:
    """The served decision (行政处罚决定书, or 当场行政处罚决定书 under 简易程序) as .docx, built from the record."""
    from fazhi.enforcement.documents import build
    from fazhi.enforcement.models import DocumentKind

    kind = DocumentKind.SUMMARY_DECISION if case.procedure == Procedure.SUMMARY else DocumentKind.DECISION
    return build(case, kind).data


def _by_body(qs, body_field: str, value, body_ids=None) -> dict[int, object]:
    if body_ids is not None:
        qs = qs.filter(**{f"{body_field}__in": body_ids})
    # order_by(): no model ordering may enter the grouping (with it each row would be a group of its own).
    return {row[body_field]: row["v"] or 0 for row in qs.order_by().values(body_field).annotate(v=value)}


def yearly_figures_by_body(first: date, last: date, body_ids=None, only=None) -> dict[str, dict[int, object]]:
    """The enforcement figures of 行政执法统计年报 (国办发〔2018〕118号 第（六）项) for the period, each as
    {body id holding the record: value}, one grouped query per figure (the caller rolls bodies up their subtree):
    inspections, penalties_summary, penalties_ordinary, fines_imposed, fines_collected, coercive_measures,
    coercive_execution, hearings, reconsiderations, lawsuits. ``body_ids``: only these bodies (default: all);
    ``only``: only these figures (default: every one)."""
    from django.db.models import Count, Sum

    from fazhi.enforcement.models import InvestigationAct, Payment, Remedy

    penalties = Case.objects.filter(outcome=Outcome.PENALTY, decided_on__range=(first, last))
    acts = InvestigationAct.objects.filter(on__range=(first, last))
    remedies = Remedy.objects.filter(started_on__range=(first, last))
    figures = {
        "inspections": lambda: (acts.filter(kind="inspection"), "case__body_id", Count("id")),
        "penalties_summary": lambda: (penalties.filter(procedure=Procedure.SUMMARY), "body_id", Count("id")),
        "penalties_ordinary": lambda: (penalties.filter(procedure=Procedure.ORDINARY), "body_id", Count("id")),
        "fines_imposed": lambda: (penalties, "body_id", Sum("fine_amount")),
        "fines_collected": lambda: (
            Payment.objects.filter(paid_on__range=(first, last)),
            "case__body_id",
            Sum("amount"),
        ),
        "coercive_measures": lambda: (acts.filter(kind="seizure"), "case__body_id", Count("id")),
        # COUNT(DISTINCT id) counts a case once however many acts join it; a .distinct() here put the model's
        # ordering into the SELECT and grouped by case, so every body counted 1.
        "coercive_execution": lambda: (
            Case.objects.filter(
                Q(court_applied_on__range=(first, last)) | Q(acts__kind="demolition", acts__on__range=(first, last))
            ),
            "body_id",
            Count("id", distinct=True),
        ),
        "hearings": lambda: (
            Case.objects.filter(hearing__held_on__range=(first, last)),
            "body_id",
            Count("id", distinct=True),
        ),
        "reconsiderations": lambda: (remedies.filter(kind="reconsideration"), "case__body_id", Count("id")),
        "lawsuits": lambda: (remedies.filter(kind="litigation"), "case__body_id", Count("id")),
    }
    wanted = figures if only is None else only
    return {name: _by_body(*figures[name](), body_ids) for name in wanted}


# --- where the case stands: the stage bar and what it is waiting for ------------------------------------------------

ORDINARY_STAGES = ("立案", "调查", "告知", "审核", "决定", "送达", "执行", "结案", "归档")
SUMMARY_STAGES = ("当场决定", "备案", "执行", "结案")
_STAGE_OF = {
    Status.LEAD: 0,
    Status.FILING: 0,
    Status.NOT_FILED: 0,
    Status.INVESTIGATING: 1,
    Status.PROPOSED: 1,
    Status.RETURNED: 3,
    Status.NOTIFIED: 2,
    Status.HEARING: 2,
    Status.IN_REVIEW: 3,
    Status.READY: 4,
    Status.DECIDED: 5,
    Status.SERVED: 6,
    Status.COURT: 6,
    Status.EXECUTED: 7,
    Status.CLOSED: 8,
    Status.ARCHIVED: 9,
}


@dataclass(frozen=True)
class Stage:
    name: str
    state: str  # "done", "current", "todo"


def stage_bar(case: Case) -> list[Stage]:
    """The procedure's stages with the one the case is in (立案 → 调查 → 告知 → 审核 → 决定 → 送达 → 执行 → 结案 → 归档;
    简易程序: 当场决定 → 备案 → 执行 → 结案)."""
    if case.procedure == Procedure.SUMMARY:
        current = 1 if case.filed_with_body_on is None else (2 if case.status == Status.SERVED else 3)
        if case.status == Status.CLOSED:
            current = 4
        names = SUMMARY_STAGES
    else:
        current = _STAGE_OF.get(case.status, 0)
        names = ORDINARY_STAGES
    return [
        Stage(name, "done" if i < current else ("current" if i == current else "todo")) for i, name in enumerate(names)
    ]


def _names(people) -> str:
    return "、".join(p.get_full_name() or p.get_username() for p in people)


def _since(day: date | None, today: date) -> str:
    if day is None:
        return ""
    from fazhi.core.periods import working_days_between
    from fazhi.core.selectors import DbCalendar

    n = working_days_between(day, today, calendar=DbCalendar(), estimate=True)
    return f"（已 {n} 个工作日）"


def waiting_for(case: Case, *, today: date | None = None) -> str:
    """What the case is waiting for, and from whom: "等待负责人王建国审批立案（已 2 个工作日）"."""
    from fazhi.enforcement.page_reads import case_officers, own_deadlines
    from fazhi.org.selectors import people_with_role_in, town_of

    today = today or clock.today()
    town = town_of(case.body) or case.body
    leaders = _names(people_with_role_in(town, Role.LEADER).order_by("id")[:3]) or "机关负责人"
    officers = _names(case_officers(case)) or "承办人员"
    live = {d.rule_key: d for d in own_deadlines(case) if deadlines.is_live(d)}

    def due(rule_key: str) -> str:
        row = live.get(rule_key)
        return f"，期限至 {row.due_date:%Y-%m-%d}" if row else ""

    status = case.status
    if case.procedure == Procedure.SUMMARY and case.filed_with_body_on is None:
        return f"当场处罚决定已作出，等待承办人员报所属行政机关备案（{LAW}第五十二条第三款）"
    if status == Status.LEAD:
        return f"等待承办人员提请立案{due(rules.FILING)}"
    if status == Status.FILING:
        return f"等待负责人{leaders}审批立案{_since(case.filing_requested_on, today)}"
    if status == Status.INVESTIGATING:
        return f"调查取证中（承办人员：{officers}）{due(rules.DECISION)}"
    if status == Status.PROPOSED:
        return f"调查终结，等待承办人员{officers}事先告知或提交审核"
    if status == Status.NOTIFIED:
        window = live.get(rules.HEARING_REQUEST) or live.get(rules.STATEMENT)
        if window is not None and window.due_date >= today:
            return f"当事人陈述、申辩期间，至 {window.due_date:%Y-%m-%d} 届满"
        return f"陈述申辩期已届满，等待承办人员{officers}提交法制审核或报请决定"
    if status == Status.HEARING:
        hearing = getattr(case, "hearing", None)
        if hearing is not None and hearing.scheduled_on and not hearing.held_on:
            return f"听证定于 {hearing.scheduled_on:%Y-%m-%d}，等待举行"
        return f"当事人已要求听证，等待发出听证通知（至少提前七个工作日）{_since(hearing.requested_on if hearing else None, today)}"
    if status == Status.IN_REVIEW:
        from fazhi.review.selectors import latest_round

        review = latest_round(CASE_TYPE, case.pk)
        review_due = deadlines.current(review, rules.LEGAL_REVIEW, lock=False) if review else None
        until = f"，审核期限至 {review_due.due_date:%Y-%m-%d}" if review_due else ""
        return f"等待法制审核人员出具审核意见{_since(review.submitted_on if review else None, today)}{until}"
    if status == Status.RETURNED:
        return f"法制审核退回，等待承办人员{officers}修改处理建议或补充调查"
    if status == Status.READY:
        return f"等待负责人{leaders}作出决定{due(rules.DECISION)}"
    if status == Status.DECIDED:
        return f"等待承办人员送达决定书{due(rules.SERVICE_ABSENT_PARTY)}"
    if status == Status.SERVED:
        if case.fine_amount and case.paid_amount < case.fine_amount:
            return f"等待当事人缴纳罚款{due(rules.PAYMENT)}"
        return "决定已送达，等待结案"
    if status == Status.COURT:
        return (
            f"已于 {case.court_applied_on:%Y-%m-%d} 申请人民法院强制执行"
            if case.court_applied_on
            else "已申请人民法院强制执行"
        )
    if status == Status.EXECUTED:
        return "执行完毕，等待结案"
    if status == Status.CLOSED:
        return "已结案，等待归档"
    if status == Status.ARCHIVED:
        return f"已于 {case.archived_on:%Y-%m-%d} 归档" if case.archived_on else "已归档"
    if status == Status.NOT_FILED:
        return "已决定不予立案"
    return ""


def review_summary(case_id) -> list[tuple[str, str]]:
    """What a legal reviewer reads before giving the opinion (118号 (十三)): the facts, the evidence, the proposal,
    the power item and its benchmark, the party's statements and the hearing. The review page has checked scope."""
    from fazhi.enforcement.texts import decision_summary

    case = (
        Case.objects.select_related("power_version__item", "benchmark_level", "body")
        .prefetch_related("statements", "officers")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        return []
    rows = [
        ("案件", f"{case.number} {case.party_name}{case.title}（{case.get_party_kind_display()}）"),
        ("承办人员", _names(case.officers.all()) or "—"),
        ("违法事实", case.facts or "—"),
        ("证据及证明事项", case.evidence_summary or "—"),
        (
            "处理建议",
            case.get_proposed_outcome_display()
            + (f"：{decision_summary(case)}" if case.proposed_outcome == Outcome.PENALTY else ""),
        ),
    ]
    version, level = case.power_version, case.benchmark_level
    if version is not None:
        statutory = (
            f"{version.statutory_fine_min or '—'}至{version.statutory_fine_max or '—'}元"
            if version.statutory_fine_unit == "yuan"
            else ""
        )
        rows.append(
            ("权责事项", f"{version.item.code} {version.name}" + (f"（法定罚款幅度 {statutory}）" if statutory else ""))
        )
    if level is not None:
        rows.append(
            ("裁量档次", f"{level.name}：{level.conditions}（{level.fine_min or '—'}至{level.fine_max or '—'}元）")
        )
    for label, value in (
        ("超出档次的理由", case.outside_level_reason),
        ("从轻、减轻情节", case.lighter_grounds),
        ("不予处罚情形", case.no_penalty_ground),
    ):
        if value:
            rows.append((label, value))
    statements = list(case.statements.all())
    if statements:
        rows.append(("陈述申辩及复核", "\n".join(f"{s.on:%Y-%m-%d} {s.content} —— {s.reply}" for s in statements)))
    elif case.rights_waived_on:
        rows.append(("陈述申辩", f"当事人于 {case.rights_waived_on:%Y-%m-%d} 书面放弃"))
    hearing = getattr(case, "hearing", None)
    if hearing is not None and hearing.held_on:
        rows.append(("听证", f"{hearing.held_on:%Y-%m-%d} 举行；主持人意见：{hearing.presiding_opinion or '—'}"))
    return rows


# --- for the annual 法治政府建设情况报告 (read by fazhi.annual) --------------------------------------------------------


def annual_figures(body_ids, year: int) -> dict[str, object]:
    """A year of penalty cases of these bodies: cases filed, decisions by procedure, fines, hearings, remedies,
    inspections and coercive measures (the 118号 statistics, summed over the bodies) and cases closed. Grouped
    queries only."""
    from django.db.models import Count

    ids = set(body_ids)
    first, last = date(year, 1, 1), date(year, 12, 31)
    figures = {
        key: sum((v for b, v in by_body.items() if b in ids), 0)
        for key, by_body in yearly_figures_by_body(first, last, list(ids)).items()
    }
    counted = Case.objects.filter(body_id__in=ids).aggregate(
        filed=Count("id", filter=Q(filed_on__range=(first, last))),
        closed=Count("id", filter=Q(closed_on__range=(first, last))),
    )
    return {**figures, **counted}


# --- for exchange (appended: the 行政强制 records sent to the higher platform, docs/exchange.md) ---------------------

COMPULSORY_KINDS = (
    "seizure",
    "demolition",
)  # 查封、扣押 (强制措施) and 强制拆除 (强制执行), 行政强制法 第九条、第十二条


def compulsory_act_for_exchange(act_id):
    """One 查封、扣押 or 强制拆除 act with its case and body, and ``due_on``: the end of its 查封、扣押 period as it
    stands (extended or not), or None (强制拆除 has no period). None when the act is not of those kinds."""
    from fazhi.enforcement.models import InvestigationAct

    act = InvestigationAct.objects.select_related("case__body").filter(pk=act_id, kind__in=COMPULSORY_KINDS).first()
    if act is None:
        return None
    row = deadlines.latest(act, rules.SEIZURE) if act.kind == "seizure" else None
    act.due_on = row.due_date if row is not None else None
    act.extended = bool(row is not None and row.extension)
    return act
