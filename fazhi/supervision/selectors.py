"""Reads of the chain for people, always starting from what the user may see (their town, or their district)."""

from django.db.models import Q, QuerySet

from fazhi.audit.selectors import all_entries, filter_entries
from fazhi.core.access import Role, has_role
from fazhi.org.selectors import visible_bodies

__all__ = [
    "entry_in_scope",
    "filter_entries",
    "names_for",
    "narrow",
    "people_for_filter",
    "subject_types_in",
    "visible_entries",
]


def visible_entries(user) -> QuerySet:
    """Chain entries in the user's scope.

    Superusers: everything. 监督人员: entries of the bodies they may see, plus system entries with no body.
    负责人 / 法制审核人员: entries of the bodies they may see (their town). Anyone else: nothing.
    """
    entries = all_entries()
    if not user.is_authenticated:
        return entries.none()
    if user.is_superuser:
        return entries
    in_scope = Q(body_id__in=visible_bodies(user).values("id"))
    if has_role(user, Role.SUPERVISOR):
        return entries.filter(in_scope | Q(body_id__isnull=True))
    if has_role(user, Role.LEADER) or has_role(user, Role.LEGAL_REVIEWER):
        return entries.filter(in_scope)
    return entries.none()


def entry_in_scope(user, seq: int):
    return visible_entries(user).filter(seq=seq).first()


def subject_types_in(entries: QuerySet) -> list[str]:
    """The record types that occur among ``entries`` (one query over the (subject_type, subject_id) index)."""
    return list(entries.order_by().values_list("subject_type", flat=True).distinct())


def people_for_filter(user) -> list[tuple[int, str]]:
    """(id, "姓名（机构）") of the people in the user's scope, for the 操作人 select (one query)."""
    from fazhi.org.selectors import visible_staff

    staff = visible_staff(user).prefetch_related(None)
    return [
        (p.pk, f"{p.get_full_name() or p.username}（{(p.body.short_name or p.body.name) if p.body else '—'}）")
        for p in staff
    ]


def names_for(refs) -> dict[tuple[str, int], str]:
    """Names of the people and bodies a page of entries mentions: one query for people, one for bodies."""
    from django.contrib.auth import get_user_model

    from fazhi.audit.display import BODY, USER
    from fazhi.org.selectors import body_names

    user_ids = {i for kind, i in refs if kind == USER}
    names: dict[tuple[str, int], str] = {}
    if user_ids:
        for pk, last, first, username in (
            get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "last_name", "first_name", "username")
        ):
            names[(USER, pk)] = f"{last}{first}".strip() or username
    if any(kind == BODY for kind, _ in refs):
        names.update({(BODY, pk): name for pk, name in body_names().items()})
    return names


def narrow(entries: QuerySet, *, person: str = "", record: str = "", body_filter=None) -> QuerySet:
    """The chain page's own filters on top of ``filter_entries``: 操作人 (a person's id, or "system" for entries
    written by the system), 记录 (words of the record's name, or its number), 执法机关 (a body and those below it)."""
    if person == "system":
        entries = entries.filter(actor__isnull=True)
    elif person:
        entries = entries.filter(actor_id=int(person))
    if record:
        entries = entries.filter(Q(subject_label__icontains=record) | Q(subject_id=record))
    if body_filter is not None:
        entries = body_filter.apply(entries)
    return entries


# --- 监督事项 and 案卷评查 -----------------------------------------------------------------------------------------


def matters_visible_to(user) -> QuerySet:
    """监督事项 addressed to a body in the user's scope (a town sees only what is addressed to it and its units)."""
    from fazhi.org.selectors import visible_body_ids
    from fazhi.supervision.models import Matter

    if not user.is_authenticated:
        return Matter.objects.none()
    qs = Matter.objects.select_related("body", "supervising_body")
    return qs if user.is_superuser else qs.filter(body_id__in=visible_body_ids(user))


def matter_detail(user, pk: int):
    from django.http import Http404

    matter = matters_visible_to(user).filter(pk=pk).first()
    if matter is None:
        raise Http404("没有这个监督事项，或它不在您的查看范围内。")
    return matter


def files_visible_to(user) -> QuerySet:
    """评查案卷 of the bodies in the user's scope."""
    from fazhi.org.selectors import visible_body_ids
    from fazhi.supervision.models import FileReview

    if not user.is_authenticated:
        return FileReview.objects.none()
    qs = FileReview.objects.select_related("round", "round__standard", "case", "body", "reviewer")
    return qs if user.is_superuser else qs.filter(body_id__in=visible_body_ids(user))


def rounds_visible_to(user) -> QuerySet:
    """Rounds organised in the user's scope, or with a drawn file of the user's bodies."""
    from fazhi.org.selectors import visible_body_ids
    from fazhi.supervision.models import ReviewRound

    if not user.is_authenticated:
        return ReviewRound.objects.none()
    if user.is_superuser:
        return ReviewRound.objects.all()
    ids = visible_body_ids(user)
    return ReviewRound.objects.filter(Q(body_id__in=ids) | Q(files__body_id__in=ids)).distinct()


def round_detail(user, pk: int):
    from django.http import Http404

    rnd = rounds_visible_to(user).filter(pk=pk).first()
    if rnd is None:
        raise Http404("没有这一轮评查，或它不在您的查看范围内。")
    return rnd


def file_detail(user, pk: int):
    from django.http import Http404

    f = files_visible_to(user).filter(pk=pk).first()
    if f is None:
        raise Http404("没有这份评查案卷，或它不在您的查看范围内。")
    return f


def report_by_body(files) -> list[dict]:
    """Per body: files drawn, scored, average score and grades (from the rows already read)."""
    from fazhi.supervision.models import Grade

    out: dict[int, dict] = {}
    for f in files:
        row = out.setdefault(f.body_id, {"body": f.body.name, "drawn": 0, "scored": 0, "sum": 0,
                                         **{g: 0 for g in Grade.values}})  # fmt: skip
        row["drawn"] += 1
        if f.total is not None:
            row["scored"] += 1
            row["sum"] += f.total
            row[f.grade] += 1
    for row in out.values():
        row["average"] = round(row["sum"] / row["scored"], 1) if row["scored"] else None
    return sorted(out.values(), key=lambda r: r["body"])


def annual_figures(body_ids, year: int) -> dict[str, int]:
    """For the annual 法治政府建设情况报告: case files of these bodies scored in a 案卷评查 in the year, and how many
    were graded 不合格 — one aggregate query."""
    from django.db.models import Count

    from fazhi.supervision.models import FileReview, Grade

    counted = FileReview.objects.filter(body_id__in=list(body_ids), scored_on__year=year).aggregate(
        files_reviewed=Count("id"), files_failed=Count("id", filter=Q(grade=Grade.FAIL))
    )
    return {key: value or 0 for key, value in counted.items()}
