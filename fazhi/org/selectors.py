"""Reads about the organisation, starting with scope: which bodies a user may see."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum

from fazhi.audit.selectors import entries_for_subject
from fazhi.core import clock
from fazhi.core.access import Role, has_role
from fazhi.core.selectors import get_setting
from fazhi.org import rules
from fazhi.org.models import Body, BodyKind, Certificate, CertificateState, CertificateStatus, TrainingRecord, User

# --- Scope --------------------------------------------------------------------------------------------------------


def lineage(body: Body) -> list[Body]:
    """The body and the bodies above it, nearest last (one query, kept on the body object: a request's town, district
    and province lookups share it; a body's place in the tree does not change)."""
    cached = getattr(body, "_fazhi_lineage", None)
    if cached is not None and cached[0] == body.path:
        return cached[1]
    above = {b.pk: b for b in Body.objects.filter(id__in=body.ancestor_ids()).exclude(pk=body.pk)}
    chain = [above[pk] for pk in body.ancestor_ids() if pk in above] + [body]
    body._fazhi_lineage = (body.path, chain)
    return chain


def _body_with_lineage(user) -> Body | None:
    """The user's body, read together with the bodies above it when it is not loaded yet (one query for both)."""
    body_field = User._meta.get_field("body")
    body_id = getattr(user, "body_id", None)
    if body_id is None or not isinstance(user, User) or body_field.is_cached(user):
        return getattr(user, "body", None)
    own = Body.objects.filter(pk=body_id, path__startswith=OuterRef("path"))
    chain = list(Body.objects.filter(Exists(own)).order_by("path"))  # a path sorts before the paths it begins
    if not chain or chain[-1].pk != body_id:
        return getattr(user, "body", None)
    body = chain[-1]
    body._fazhi_lineage = (body.path, chain)
    body_field.set_cached_value(user, body)
    return body


def _nearest(body: Body | None, kind: str) -> Body | None:
    if body is None:
        return None
    if body.kind == kind:
        return body
    return next((b for b in reversed(lineage(body)) if b.kind == kind), None)


def town_of(body: Body | None) -> Body | None:
    """The 镇/街 a body belongs to (itself if it is one); None for a district-level body."""
    return _nearest(body, BodyKind.TOWN)


def scope_root(user) -> Body | None:
    """The top of what a user may see: their town, or their district for district staff (区 or a 区 unit).

    Found once per user object (one request, one command run) and kept on it beside the body it was found for, so
    the dozen selectors of one page do not each look it up again (ADR 0083); a user moved to another body is
    looked up afresh."""
    body_id = getattr(user, "body_id", None)
    cached = getattr(user, "_fazhi_scope_root", None)
    if cached is not None and cached[0] == body_id:
        return cached[1]
    root = _find_scope_root(user)
    if body_id is not None:
        user._fazhi_scope_root = (body_id, root)
    return root


def _find_scope_root(user) -> Body | None:
    body = _body_with_lineage(user)
    if body is None:
        return None
    if body.kind in (BodyKind.TOWN, BodyKind.DISTRICT):
        return body
    town = town_of(body)
    if town is not None:
        return town
    # A district-level unit (e.g. 区司法局) sees its whole district: the nearest district above it.
    return district_of(body) or body


def visible_bodies(user) -> QuerySet[Body]:
    """Every body whose records the user may see. Superusers see all; users without a body see none."""
    if not user.is_authenticated:
        return Body.objects.none()
    if user.is_superuser:
        return Body.objects.all()
    root = scope_root(user)
    if root is None:
        return Body.objects.none()
    return Body.objects.filter(path__startswith=root.path)


def visible_body_ids(user) -> set[int]:
    return set(visible_bodies(user).values_list("id", flat=True))


def visible_body_id_query(user) -> QuerySet[Body]:
    """The ids of the bodies the user may see, as a queryset for ``body_id__in=``: it stays a subquery of the
    caller's query (``path LIKE '<root>%'`` on the path index), so scope costs the page no round trip of its own."""
    return visible_bodies(user).values("id")


# --- Bodies, for the apps above (no scope: the caller has already decided what its reader may see) ------------------


def bodies_with_ids(ids) -> QuerySet[Body]:
    """The bodies with these ids (a list, set or queryset of ids, which then stays a subquery)."""
    return Body.objects.filter(id__in=ids)


def bodies_having(records: QuerySet, *, body_field: str = "body_id") -> QuerySet[Body]:
    """The bodies that own at least one of ``records``: one index probe per body (EXISTS), not a pass over the
    records, whose number grows with the years while the bodies stay a few hundred."""
    return Body.objects.filter(Exists(records.filter(**{body_field: OuterRef("pk")})))


def body_ids_owning(model, *, body_column: str = "body_id") -> list[int]:
    """The ids of the bodies owning at least one row of ``model``, found by skipping through its index on
    ``body_column``: one probe per owning body (a recursive query: PostgreSQL's planner has no skip scan), whatever
    the number of rows. Read as a list, so that a query over the bodies filters by it before any costlier
    condition: where a few bodies own every row, an EXISTS probe for a body owning none can be planned as a scan of
    the whole table (ADR 0085)."""
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(body_column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE owners(body_id) AS (SELECT min({column}) FROM {table} UNION ALL "
            f"SELECT (SELECT min(t.{column}) FROM {table} t WHERE t.{column} > owners.body_id) FROM owners "
            "WHERE owners.body_id IS NOT NULL) SELECT body_id FROM owners WHERE body_id IS NOT NULL"
        )
        return [row[0] for row in cursor.fetchall()]


def subtree(body: Body) -> QuerySet[Body]:
    """A body and every body below it."""
    return Body.objects.filter(path__startswith=body.path)


def bodies_by_code(codes, *, user=None) -> QuerySet[Body]:
    """Bodies with these codes: among those ``user`` may see, or all of them when the system acts (``user=None``)."""
    bodies = Body.objects.all() if user is None else visible_bodies(user)
    return bodies.filter(code__in=codes)


def body_paths() -> dict[int, str]:
    """{body id: tree path} for every body (rolling figures up a subtree without one query per body)."""
    return dict(Body.objects.values_list("id", "path"))


def body_names() -> dict[int, str]:
    """{body id: the name people use for it} — the short name where there is one (辛口镇 for 西青区辛口镇人民政府)."""
    return {pk: short or name for pk, name, short in Body.objects.values_list("id", "name", "short_name")}


def towns() -> QuerySet[Body]:
    """Every 镇/街, by code (the public disclosure pages list them)."""
    return Body.objects.filter(kind=BodyKind.TOWN).order_by("code")


def district_of(body: Body | None) -> Body | None:
    """The 区 a body belongs to (itself if it is one); None above or outside a district."""
    return _nearest(body, BodyKind.DISTRICT)


def people_with_role_in(body: Body, role: Role) -> QuerySet[User]:
    """Active people holding ``role`` in a body or below it (e.g. the 负责人 who may approve an extension)."""
    return User.objects.filter(body__path__startswith=body.path, groups__name=role.value, is_active=True)


def bodies_and_towns_above(body_ids) -> QuerySet[Body]:
    """These bodies (ids, or a queryset of ids) and the towns they belong to (the 事前公开 list of enforcement bodies)."""
    paths = list(Body.objects.filter(id__in=body_ids).values_list("path", flat=True))
    ancestor_ids = {int(p) for path in paths for p in path.strip("/").split("/") if p}
    return Body.objects.filter(Q(id__in=body_ids) | Q(id__in=ancestor_ids, kind=BodyKind.TOWN))


def visible_staff(user) -> QuerySet[User]:
    """People in the bodies the user may see (active ones), with their body and roles loaded."""
    return (
        User.objects.filter(body__in=visible_bodies(user), is_active=True)
        .select_related("body")
        .prefetch_related("groups")
        .order_by("body__code", "last_name", "first_name", "id")
    )


def province_of(body: Body | None) -> str:
    """The province-level region whose rules apply: the nearest body (itself or an ancestor) that names one."""
    if body is None:
        return ""
    if body.province:
        return body.province
    return next((b.province for b in reversed(lineage(body)) if b.province), "")


# --- Settings (body-level overrides) ------------------------------------------------------------------------------


def _setting(key: str, body_id: int | None, default):
    return get_setting(key, body_id=body_id, default=default)


def expiry_window_days(user=None) -> int:
    """How many days ahead a certificate counts as 即将到期 (setting org.certificate_expiry_window_days, default 60)."""
    body_id = getattr(user, "body_id", None) if user is not None else None
    return int(_setting(rules.EXPIRY_WINDOW_SETTING, body_id, rules.DEFAULT_EXPIRY_WINDOW_DAYS))


# --- Certificates and the right to enforce ------------------------------------------------------------------------


def _valid_on(on: date) -> Q:
    return Q(state=CertificateState.VALID, valid_from__lte=on, valid_to__gte=on)


def enforcement_status(user, on: date) -> tuple[bool, str]:
    """Whether the person may enforce on that day, with the reason in Chinese (行政处罚法 第四十二条: penalties are
    imposed by officers holding 行政执法资格; 天津市行政执法监督规定 第十条: no certificate, no enforcement)."""
    citation = rules.ENFORCEMENT_QUALIFICATION_CITATION
    name = user.get_full_name() or user.get_username()
    certs = list(Certificate.objects.filter(holder_id=user.pk).order_by("-valid_to"))
    if not user.is_active:
        return False, f"{name}的账号已停用，不得从事行政执法（{citation}）。"
    valid = [c for c in certs if c.status_on(on) == CertificateStatus.VALID]
    if valid:
        best = max(valid, key=lambda c: c.valid_to)
        return True, f"{name}持有效执法证 {best.number}（有效期至 {best.valid_to:%Y-%m-%d}），可以从事行政执法。"
    if not certs:
        return False, f"{name}未取得行政执法证件，不得从事行政执法（{citation}）。"
    explanations = []
    for cert in certs:
        status = cert.status_on(on)
        if status == CertificateStatus.SUSPENDED:
            explanations.append(f"执法证 {cert.number} 已被暂扣")
        elif status == CertificateStatus.REVOKED:
            explanations.append(f"执法证 {cert.number} 已注销")
        elif status == CertificateStatus.EXPIRED:
            explanations.append(f"执法证 {cert.number} 已于 {cert.valid_to:%Y-%m-%d} 过期")
        else:
            explanations.append(f"执法证 {cert.number} 自 {cert.valid_from:%Y-%m-%d} 起才生效")
    return (
        False,
        f"{name}在 {on:%Y-%m-%d} 没有有效的执法证件（{'；'.join(explanations)}），不得从事行政执法（{citation}）。",
    )


def may_enforce(user, on: date) -> bool:
    """True when the person holds a certificate valid on that day that is neither suspended nor revoked."""
    return user.is_active and Certificate.objects.filter(_valid_on(on), holder_id=user.pk).exists()


def officers_certified_on(user_ids, on: date) -> set[int]:
    """Of these user ids, the ones holding a valid certificate on that day (one query; 行政处罚法 第四十二条)."""
    ids = {int(i) for i in user_ids}
    if not ids:
        return set()
    return set(
        Certificate.objects.filter(_valid_on(on), holder_id__in=ids, holder__is_active=True).values_list(
            "holder_id", flat=True
        )
    )


def certified_officers_in(body: Body, on: date) -> list[dict]:
    """The holders of a certificate valid on the day, in a body and the bodies below it: exactly the four public
    columns (name, unit, certificate number, field; 国办发〔2018〕118号 (四)) as ``.values`` rows, so no phone number,
    ID number or login can reach a template."""
    return list(
        Certificate.objects.filter(
            holder__body__path__startswith=body.path,
            holder__is_active=True,
            state=CertificateState.VALID,
            valid_from__lte=on,
            valid_to__gte=on,
        )
        .order_by("holder__body__code", "holder__last_name", "holder__first_name", "number")
        .values("holder__last_name", "holder__first_name", "holder__body__name", "number", "field")
    )


def certified_officer_counts(on: date) -> dict[int, int]:
    """{body id: active people holding a certificate valid on the day} — one grouped query (the yearly statistics)."""
    rows = (
        Certificate.objects.filter(
            state=CertificateState.VALID, valid_from__lte=on, valid_to__gte=on, holder__is_active=True
        )
        .values("holder__body_id")
        .annotate(v=Count("holder_id", distinct=True))
    )
    return {row["holder__body_id"]: row["v"] or 0 for row in rows}


def visible_certificates(user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(holder__body__in=visible_bodies(user)).select_related("holder", "holder__body")


def my_certificates(user) -> list[Certificate]:
    """The user's own certificates, newest first (status via cert.status_today)."""
    if not user.is_authenticated:
        return []
    return list(Certificate.objects.filter(holder_id=user.pk).order_by("-valid_to", "-id"))


def certificates_expiring(user, within_days: int | None = None, on: date | None = None) -> list[Certificate]:
    """Valid certificates in the user's scope whose validity ends within the window (default: the setting, 60 days)."""
    on = on or clock.today()
    if within_days is None:
        within_days = expiry_window_days(user)
    return list(
        visible_certificates(user)
        .filter(state=CertificateState.VALID, valid_to__gte=on, valid_to__lte=on + timedelta(days=within_days))
        .order_by("valid_to", "number")
    )


def certificate_history(certificate: Certificate):
    """The chain entries about one certificate, oldest first."""
    return entries_for_subject(Certificate._meta.label_lower, certificate.pk)


# --- Training hours -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    hours: int
    citation: str
    overridden: bool


def training_requirement_for_body(body: Body | None, year: int) -> Requirement:
    """The yearly hours a person in this body must complete: a body-level setting overrides the rule table."""
    # get_setting walks up the tree: a value set on the town applies to all its units.
    override = _setting(rules.TRAINING_HOURS_SETTING, body.pk if body is not None else None, None)
    return _requirement(year, province_of(body), override)


def _requirement(year: int, province: str, override) -> Requirement:
    decision = rules.training_requirement(year, province)
    if override is not None:
        return Requirement(
            int(override), f"本单位设置（{rules.TRAINING_HOURS_SETTING}），默认依据：{decision.citation}", True
        )
    return Requirement(decision.hours, decision.citation, False)


def _tenths(value) -> Decimal:
    # SUM over a decimal column comes back as 30 on SQLite and 30.0 on PostgreSQL: show one decimal everywhere.
    return Decimal(value or 0).quantize(Decimal("0.1"))


def hours_by_person(user_scope, year: int) -> dict[int, Decimal]:
    """Training hours per person id for a year (one aggregate query). `user_scope` is the viewing user (their
    scope) or a queryset of users."""
    people = user_scope if isinstance(user_scope, QuerySet) else visible_staff(user_scope)
    rows = (
        TrainingRecord.objects.filter(person__in=people.values("pk"), date__year=year)
        .values("person_id")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    return {row["person_id"]: _tenths(row["total"]) for row in rows}


def subject_to_training(people: QuerySet[User]) -> QuerySet[User]:
    """Enforcement staff, to whom the yearly minimum applies: Role.OFFICER holders and certificate holders."""
    return people.filter(Q(groups__name=Role.OFFICER.value) | Q(certificates__isnull=False)).distinct()


@dataclass(frozen=True)
class HoursRow:
    person: User
    hours: Decimal
    required: int
    citation: str

    @property
    def short_by(self) -> Decimal:
        return max(Decimal(self.required) - self.hours, Decimal(0))

    @property
    def short(self) -> bool:
        return self.hours < self.required


def _requirements_for(people: list[User], year: int) -> dict[int, Requirement]:
    """Each person's yearly requirement (training_requirement_for_body), in two queries whatever the number of
    bodies: the bodies on the people's lineages (for the province whose rule applies) and the setting's rows."""
    from fazhi.core.selectors import setting_for_paths

    body_ids = {person.body_id for person in people if person.body_id is not None}
    own = {body.pk: body for body in Body.objects.filter(pk__in=body_ids)}
    above = {pk for body in own.values() for pk in body.ancestor_ids()}
    tree = {body.pk: body for body in Body.objects.filter(pk__in=above | body_ids)}
    # "" stands for a person without a body: only the global value reaches it
    overrides = setting_for_paths(rules.TRAINING_HOURS_SETTING, {body.path for body in own.values()} | {""})
    by_body: dict[int | None, Requirement] = {None: _requirement(year, "", overrides[""])}
    for pk, body in own.items():
        lineage_ = [tree[i] for i in body.ancestor_ids() if i in tree]  # from the root down, the body itself last
        province = next((b.province for b in reversed(lineage_) if b.province), "")
        by_body[pk] = _requirement(year, province, overrides[body.path])
    return {person.pk: by_body[person.body_id] for person in people}


def people_short_of_hours(user, year: int) -> list[HoursRow]:
    """Enforcement staff in the user's scope whose hours for the year are below the requirement, largest gap first."""
    people = list(subject_to_training(visible_staff(user)))
    hours = hours_by_person(user, year)
    requirements = _requirements_for(people, year)
    rows = [
        HoursRow(p, hours.get(p.pk, _tenths(0)), requirements[p.pk].hours, requirements[p.pk].citation) for p in people
    ]
    return sorted((r for r in rows if r.short), key=lambda r: (-r.short_by, r.person.body.code, r.person.username))


def my_training_summary(user, year: int, *, hours_by_year: dict[int, Decimal] | None = None) -> dict:
    """{"hours", "required", "short", "citation", "applies"} for the user's own training in a year.

    A caller that has read ``my_hours_by_year(user)`` already passes it, so the hours are not read twice."""
    if hours_by_year is None:
        hours = TrainingRecord.objects.filter(person_id=user.pk, date__year=year).aggregate(total=Sum("hours"))["total"]
        hours = _tenths(hours)
    else:
        hours = hours_by_year.get(year, _tenths(0))
    requirement = training_requirement_for_body(getattr(user, "body", None), year)
    # subject_to_training() for one person, the role read from the groups has_role keeps on the user
    applies = has_role(user, Role.OFFICER) or Certificate.objects.filter(holder_id=user.pk).exists()
    return {
        "hours": hours,
        "required": requirement.hours,
        "short": applies and hours < requirement.hours,
        "citation": requirement.citation,
        "applies": applies,
    }


# --- Pages --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficerRow:
    person: User
    roles: list[str]
    certificate: Certificate | None
    hours: Decimal
    required: int
    subject_to_training: bool

    @property
    def short(self) -> bool:
        return self.subject_to_training and self.hours < self.required


def officer_rows(
    user, year: int, *, body_id: int | None = None, person_id: int | None = None, on: date | None = None
) -> list[OfficerRow]:
    """The officer list: each person in scope with roles, their current certificate, and hours vs requirement."""
    on = on or clock.today()
    people_qs = visible_staff(user)
    if person_id is not None:
        people_qs = people_qs.filter(pk=person_id)
    if body_id is not None:
        body = visible_bodies(user).filter(pk=body_id).first()
        people_qs = people_qs.filter(body__path__startswith=body.path) if body else people_qs.none()
    people = list(
        people_qs.prefetch_related(
            Prefetch("certificates", queryset=Certificate.objects.order_by("-valid_to", "-id"), to_attr="cert_list")
        )
    )
    hours = hours_by_person(people_qs, year)
    requirements = _requirements_for(people, year)
    subject_ids = set(subject_to_training(people_qs).values_list("pk", flat=True))
    rows = []
    for person in people:
        certs = person.cert_list
        current = next((c for c in certs if c.status_on(on) == CertificateStatus.VALID), certs[0] if certs else None)
        rows.append(
            OfficerRow(
                person=person,
                roles=sorted(g.name for g in person.groups.all()),
                certificate=current,
                hours=hours.get(person.pk, _tenths(0)),
                required=requirements[person.pk].hours,
                subject_to_training=person.pk in subject_ids,
            )
        )
    return rows


def person_in_scope(user, person_id: int) -> User | None:
    return visible_staff(user).filter(pk=person_id).first()


def person_certificates(person: User) -> list[Certificate]:
    return list(Certificate.objects.filter(holder=person).order_by("-valid_to", "-id"))


def training_years(user) -> set[int]:
    """The years in which the person has training records."""
    return set(my_hours_by_year(user))


def my_hours_by_year(user) -> dict[int, Decimal]:
    """{year: the person's training hours that year}, for every year they have records (one grouped query)."""
    rows = (
        TrainingRecord.objects.filter(person_id=user.pk)
        .values("date__year")
        .annotate(total=Sum("hours"))
        .values_list("date__year", "total")
        .order_by()
    )
    return {year: _tenths(total) for year, total in rows}


def person_training(person: User, year: int | None = None) -> list[TrainingRecord]:
    qs = TrainingRecord.objects.filter(person=person)
    if year is not None:
        qs = qs.filter(date__year=year)
    return list(qs.order_by("-date", "-id"))


def role_counts_by_subtree(roots, roles) -> dict[int, dict[str, int]]:
    """{root body id: {role value: active people holding it in that body or below}} for several roots at once (one
    query over the people in scope, counted by tree path)."""
    roots = list(roots)
    if not roots:
        return {}
    prefixes = [(r.pk, r.path) for r in roots]
    counts = {r.pk: {Role(role).value: 0 for role in roles} for r in roots}
    rows = (
        User.objects.filter(is_active=True, groups__name__in=[Role(role).value for role in roles])
        .filter(Q(*[Q(body__path__startswith=path) for _pk, path in prefixes], _connector=Q.OR))
        .values_list("pk", "body__path", "groups__name")
        .distinct()
    )
    for _user, path, role in rows:
        for pk, prefix in prefixes:
            if path.startswith(prefix):
                counts[pk][role] += 1
    return counts


# --- for the annual 法治政府建设情况报告 (read by fazhi.annual) --------------------------------------------------------


def annual_figures(body_ids, year: int) -> dict[str, object]:
    """The people behind a year of these bodies: enforcement staff, how many held a valid certificate at the year's
    end (行政处罚法 第四十二条), how many fell short of the yearly training hours, the hours recorded, the legal
    reviewers and officers (国办发〔2018〕118号 (十一)), and the staff with a 法律职业资格 or a legal education — a
    handful of queries, none per person."""
    people = User.objects.filter(is_active=True, body_id__in=list(body_ids))
    subject = list(subject_to_training(people).select_related("body"))
    year_end = min(date(year, 12, 31), clock.today())
    certified = officers_certified_on([p.pk for p in subject], year_end)
    hours = hours_by_person(people, year)
    requirements = _requirements_for(subject, year)
    short = sum(1 for p in subject if hours.get(p.pk, _tenths(0)) < requirements[p.pk].hours)
    by_role = dict(
        people.filter(groups__name__in=[Role.LEGAL_REVIEWER.value, Role.OFFICER.value])
        .values_list("groups__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    legal = people.filter(Q(legal_qualification_number__gt="") | Q(legal_background=True)).count()
    return {
        "enforcement_staff": len(subject),
        "certified": len(certified),
        "uncertified": len(subject) - len(certified),
        "hours_short": short,
        "training_hours": sum(hours.values(), _tenths(0)),
        "legal_reviewers": by_role.get(Role.LEGAL_REVIEWER.value, 0),
        "officers": by_role.get(Role.OFFICER.value, 0),
        "legal_staff": legal,
    }


# --- for exchange (appended: the outbox snapshots a certificate inside the service that changed it) ------------------


def certificate_for_exchange(pk) -> Certificate | None:
    """One certificate with its holder and the holder's body, no scope (the service already checked it)."""
    return Certificate.objects.select_related("holder", "holder__body").filter(pk=pk).first()
