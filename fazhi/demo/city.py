"""A city-sized dataset for benchmarks (issue 17, ADR 0074): ``fazhi bench_city --towns 300 --cases 1000000``.

Districts and towns (org bodies) with their 综合执法大队, officers with certificates, leaders, reviewers, disclosure
clerks and district supervisors; penalty cases in every state with the dates each state implies and their deadlines
(the live one of an open case, met ones of a finished case, due dates computed by the rule engine); publication
records with their publication deadlines; disclosure requests with their answer deadlines; and an audit chain of at
least ``--chain`` entries that ``fazhi audit_verify`` accepts (hashed with ``fazhi.audit.hashing.entry_hash``, the
head left at the last entry).

Rows are written with ``COPY … FROM STDIN`` on PostgreSQL (psycopg 3 ``cursor.copy``) and ``executemany`` on SQLite,
a chunk of cases at a time, each table's ids given explicitly and the sequences reset afterwards. Nothing goes through
the services: this is test data, not history, and it is only ever written to an empty database (or with ``force``).
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from time import perf_counter

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, models, transaction

from fazhi.audit import hashing
from fazhi.audit.models import GENESIS_HASH, ChainEntry, ChainHead
from fazhi.core import clock
from fazhi.core.access import Role
from fazhi.core.errors import DomainError
from fazhi.core.models import Deadline
from fazhi.core.rules import UnknownRule, compute_for_rule, rule_for
from fazhi.core.selectors import DbCalendar
from fazhi.disclosure import rules as disclosure_rules
from fazhi.disclosure.models import DisclosureRequest
from fazhi.enforcement import rules as enforcement_rules
from fazhi.enforcement.models import Case
from fazhi.org.models import Body, Certificate, User
from fazhi.publicity.models import Publication

# Bytes on disk per row, data and indexes, measured on PostgreSQL 15 at 1,000,000 cases (bench/results/city_build.md)
# and rounded up; SQLite stores less. The check asks for this much plus a quarter to spare.
BYTES_PER_CASE = 4_600  # the case, its two officers, deadlines (their explanations), publication, disclosure share
BYTES_PER_CHAIN_ENTRY = 700
BYTES_PER_PERSON = 2_000
MARGIN = 1.25

CHUNK = 10_000  # cases generated and written per round
YEARS = 10  # cases discovered over the last ten years
OFFICERS_PER_TOWN = 12
DISCLOSURE_EVERY = 20  # one disclosure request for every 20 cases
PASSWORD = "city-bench-2026"  # every generated person's password (bench accounts on a throwaway database)

DISTRICTS = [
    "和平区", "河东区", "河西区", "南开区", "河北区", "红桥区", "东丽区", "西青区",
    "津南区", "北辰区", "武清区", "宝坻区", "滨海新区", "宁河区", "静海区", "蓟州区",
]  # fmt: skip
TOWN_FIRST = "辛杨张李王大小东西南北中新旧上下前后金银"
TOWN_SECOND = "口柳家庄河桥营屯沽堡店港湾台坨塘淀窝洼寨"
FAMILY = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "桂英"]
VIOLATIONS = [
    "露天焚烧秸秆", "违法建设", "占道经营", "无照经营", "餐饮油烟超标排放", "随意倾倒建筑垃圾",
    "擅自占用绿地", "违规设置户外广告", "运输渣土未密闭", "违法排放污水", "未按规定分类投放垃圾", "擅自挖掘道路",
]  # fmt: skip
COMPANY_KIND = ["农业", "建筑", "商贸", "餐饮", "物流", "环保", "科技", "养殖"]


class NotEnoughDisk(DomainError):
    pass


class NotEmpty(DomainError):
    pass


@dataclass
class Plan:
    towns: int
    cases: int
    chain: int
    seed: int = 17

    @property
    def districts(self) -> int:
        return max(1, min(len(DISTRICTS), -(-self.towns // 19)))

    @property
    def people(self) -> int:
        return self.towns * (OFFICERS_PER_TOWN + 3) + self.districts * 2

    def bytes_needed(self) -> int:
        return int(
            (self.cases * BYTES_PER_CASE + self.chain * BYTES_PER_CHAIN_ENTRY + self.people * BYTES_PER_PERSON) * MARGIN
        )


def _gb(n: int) -> str:
    return f"{n / 1e9:.1f} GB"


def data_dir() -> Path:
    """Where the database keeps its files: the SQLite file's folder, or PostgreSQL's data directory when this
    process can see it (a local server), else the root file system."""
    if connection.vendor == "sqlite":
        name = str(settings.DATABASES["default"]["NAME"])
        return Path(name).resolve().parent if name and name != ":memory:" else Path("/")
    with connection.cursor() as cursor:
        try:
            cursor.execute("SHOW data_directory")
            path = Path(cursor.fetchone()[0])
        except Exception:  # noqa: BLE001 — not a superuser: the setting is hidden
            path = Path("/")
    return path if path.exists() else Path("/")


def check_disk(plan: Plan) -> None:
    """Refuse (in Chinese, with both figures) when the estimate does not fit in the free space."""
    need = plan.bytes_needed()
    where = data_dir()
    free = shutil.disk_usage(where).free
    if need > free:
        raise NotEnoughDisk(
            f"磁盘空间不足：生成 {plan.cases:,} 件案件和 {plan.chain:,} 条审计链记录估计需要 {_gb(need)}，"
            f"但 {where} 所在磁盘只剩 {_gb(free)}。请减少 --cases 或 --chain，或先清理磁盘。"
        )


def existing_data() -> dict[str, int]:
    return {
        "案件": Case.objects.count(),
        "政府信息公开申请": DisclosureRequest.objects.count(),
        "审计链记录": ChainEntry.objects.count(),
        "人员": User.objects.count(),
    }


def check_empty(force: bool) -> None:
    found = {k: v for k, v in existing_data().items() if v}
    if found and not force:
        what = "、".join(f"{k} {v:,}" for k, v in found.items())
        raise NotEmpty(
            f"数据库不是空的（已有{what}）：bench_city 只向空数据库写入测试数据，以免混入真实乡镇的数据。"
            "确需在此库追加测试数据的，请加 --force。"
        )


# --- writing rows --------------------------------------------------------------------------------------------------


class Table:
    """One model's table: its columns in order, a row of defaults, and the converters to the database's forms."""

    def __init__(self, model, vendor: str):
        self.model = model
        self.name = model._meta.db_table
        self.vendor = vendor
        self.fields = [f for f in model._meta.concrete_fields]
        self.columns = [f.column for f in self.fields]
        self.conv = {f.column: _converter(f, vendor) for f in self.fields}
        now = datetime.now(UTC)
        base = {}
        for f in self.fields:
            value = None if f.primary_key else f.get_default()
            if value is None and not f.null and isinstance(f, models.DateTimeField):
                value = now  # auto_now_add fields
            base[f.column] = self.conv[f.column](value)
        self.base = base
        self.rows: list[tuple] = []

    def add(self, **values) -> None:
        row = dict(self.base)
        conv = self.conv
        for key, value in values.items():
            column = key if key in conv else f"{key}_id"
            row[column] = conv[column](value)
        self.rows.append(tuple(row[c] for c in self.columns))

    def add_raw(self, row: tuple) -> None:
        self.rows.append(row)

    def flush(self) -> int:
        n = len(self.rows)
        if n:
            write(self.name, self.columns, self.rows)
            self.rows = []
        return n


def _converter(f, vendor: str):
    pg = vendor == "postgresql"

    def keep(v):
        return v

    if isinstance(f, models.JSONField):
        return lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
    if isinstance(f, models.DateTimeField):
        if pg:
            return keep
        return lambda v: None if v is None else v.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    if isinstance(f, models.DateField):
        return keep if pg else (lambda v: None if v is None else v.isoformat())
    if isinstance(f, models.BooleanField):
        return keep if pg else (lambda v: None if v is None else int(v))
    if isinstance(f, models.DecimalField):
        return lambda v: None if v is None else str(v)
    return keep


WRITE_SECONDS: dict[str, float] = {}  # seconds spent writing each table (the build report shows them)


def write(table: str, columns: list[str], rows: list[tuple]) -> None:
    t0 = perf_counter()
    qn = connection.ops.quote_name
    cols = ", ".join(qn(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {qn(table)} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {qn(table)} ({cols}) VALUES ({marks})", rows)
    WRITE_SECONDS[table] = WRITE_SECONDS.get(table, 0.0) + perf_counter() - t0


class DeferredIndexes:
    """PostgreSQL only: drop the secondary indexes and the unique and foreign-key constraints of the tables being
    filled (only those empty at the start), and re-create them — each exactly as its stored definition — once the rows
    are in. One index build over sorted input is far cheaper than keeping seven indexes up to date row by row (the
    chain's random entry_hash above all), as pg_restore does. It all happens inside the build's transaction: a
    failure rolls the drops back too."""

    def __init__(self, models_):
        self.restore: list[str] = []
        self.models = models_

    def __enter__(self):
        if connection.vendor != "postgresql":
            return self
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # run the org rows' pending checks: no ALTER beside them
            for model in self.models:
                table = model._meta.db_table
                if model.objects.exists():
                    continue
                cursor.execute(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC, conname",
                    [table],
                )
                constraints = cursor.fetchall()
                cursor.execute(
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND NOT EXISTS "
                    "(SELECT 1 FROM pg_constraint c WHERE c.conrelid = %s::regclass AND c.conname = i.indexname) "
                    "ORDER BY i.indexname",
                    [table, table],
                )
                indexes = cursor.fetchall()
                for name, _definition in constraints:
                    cursor.execute(f"ALTER TABLE {qn(table)} DROP CONSTRAINT {qn(name)}")
                for name, _definition in indexes:
                    cursor.execute(f"DROP INDEX {qn(name)}")
                # unique constraints before the foreign keys that may lean on them
                self.restore += [definition for _name, definition in indexes]
                self.restore += [
                    f"ALTER TABLE {qn(table)} ADD CONSTRAINT {qn(name)} {definition}"
                    for name, definition in constraints
                ]
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None or not self.restore:
            return False
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for sql in self.restore:
                t0 = perf_counter()
                cursor.execute(sql)
                WRITE_SECONDS["索引与约束重建"] = WRITE_SECONDS.get("索引与约束重建", 0.0) + perf_counter() - t0
        return False


def next_id(model) -> int:
    return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1


# --- the dataset ---------------------------------------------------------------------------------------------------

# Days after discovery at which each step happens (stretched per case by a factor 0.6–1.6).
STEPS = [
    ("filing", 1),
    ("investigating", 3),
    ("proposed", 30),
    ("notified", 36),
    ("ready", 46),
    ("decided", 50),
    ("served", 53),
    ("executed", 64),
    ("closed", 70),
    ("archived", 95),
]
EVENT_OF = {
    "lead": "enforcement.lead_registered",
    "filing": "enforcement.filing_requested",
    "investigating": "enforcement.filed",
    "proposed": "enforcement.proposed",
    "notified": "enforcement.notified",
    "ready": "enforcement.ready",
    "decided": "enforcement.decided",
    "served": "enforcement.served",
    "executed": "enforcement.payment_recorded",
    "closed": "enforcement.closed",
    "archived": "enforcement.archived",
    "not_filed": "enforcement.not_filed",
}
PADDING_EVENTS = ["enforcement.act_recorded", "enforcement.evidence_added", "enforcement.document_generated"]
OPEN_DEADLINE = {  # the live deadline of an open case, by status: (rule, the date field it starts from)
    "lead": (enforcement_rules.FILING, "discovered_on"),
    "filing": (enforcement_rules.FILING, "discovered_on"),
    "investigating": (enforcement_rules.DECISION, "filed_on"),
    "proposed": (enforcement_rules.DECISION, "filed_on"),
    "notified": (enforcement_rules.DECISION, "filed_on"),
    "ready": (enforcement_rules.DECISION, "filed_on"),
    "served": (enforcement_rules.PAYMENT, "served_on"),
}


@dataclass
class Town:
    body: Body
    team: Body
    district: Body
    officers: list[int]
    leader: int
    clerk: int
    names: dict[int, str]
    case_serial: int = 0
    decision_serial: int = 0
    request_serial: int = 0


@dataclass
class Result:
    bodies: int = 0
    people: int = 0
    cases: int = 0
    deadlines: int = 0
    publications: int = 0
    requests: int = 0
    chain: int = 0
    seconds: float = 0.0
    by_status: dict = field(default_factory=dict)


class Builder:
    def __init__(self, plan: Plan, *, progress=None):
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.vendor = connection.vendor
        self.today = clock.today()
        self.progress = progress
        self.result = Result()
        self._due: dict = {}
        self._rule: dict = {}
        self.calendar = DbCalendar()  # one snapshot for the whole build

    # rules: due dates computed once per (rule, start date)
    def due(self, key: str, start: date, body_id: int):
        k = (key, start)
        if k not in self._due:
            result = compute_for_rule(key, start, body_id=body_id, estimate=True, calendar=self.calendar)
            self._due[k] = (result.due, result.explanation, result.is_estimate)
        return self._due[k]

    def rule(self, key: str, on: date, body_id: int):
        k = (key, on.year)
        if k not in self._rule:
            r = rule_for(key, on=on)
            self._rule[k] = (r.name, r.citation[:255], str(r.period(body_id)), r.rollover, r.window)
        return self._rule[k]

    # --- org ---------------------------------------------------------------------------------------------------
    def build_org(self) -> list[Town]:
        rng = self.rng
        tag = next_id(Body)
        groups = {role: Group.objects.get_or_create(name=role.value)[0].pk for role in Role}
        password = make_password(PASSWORD)
        bodies = Table(Body, self.vendor)
        users = Table(User, self.vendor)
        user_groups = Table(User.groups.through, self.vendor)
        certs = Table(Certificate, self.vendor)
        body_id, user_id = tag, next_id(User)
        ug_id, cert_id = next_id(User.groups.through), next_id(Certificate)
        towns: list[Town] = []

        def body(name, kind, parent_path, short="", province=""):
            nonlocal body_id
            pk = body_id
            body_id += 1
            path = f"{parent_path}{pk}/"
            bodies.add(
                id=pk, name=name, short_name=short, kind=kind, parent=None if parent_path == "/" else
                int(parent_path.rstrip("/").rsplit("/", 1)[-1]), code=f"CITY{tag}-{pk}", path=path, province=province,
            )  # fmt: skip
            return pk, path

        def person(body_pk, roles, *, certified=False):
            nonlocal user_id, ug_id, cert_id
            pk = user_id
            user_id += 1
            family, given = rng.choice(FAMILY), rng.choice(GIVEN)
            users.add(
                id=pk, password=password, username=f"c{tag}u{pk}", first_name=given, last_name=family,
                is_active=True, body=body_pk, date_joined=datetime(2016, 1, 1, tzinfo=UTC),
            )  # fmt: skip
            for role in roles:
                user_groups.add(id=ug_id, user=pk, group=groups[role])
                ug_id += 1
            if certified:
                certs.add(
                    id=cert_id, holder=pk, number=f"津执C{tag}-{pk:07d}", field="综合行政执法",
                    valid_from=date(self.today.year - 3, 1, 1), valid_to=date(self.today.year + 2, 12, 31),
                )  # fmt: skip
                cert_id += 1
            return pk, family + given

        names_used = set()
        districts = []
        for d in range(self.plan.districts):
            pk, path = body(DISTRICTS[d], "district", "/", short=DISTRICTS[d], province="天津市")
            person(pk, [Role.SUPERVISOR])
            districts.append((pk, path, DISTRICTS[d]))
        for t in range(self.plan.towns):
            d_pk, d_path, d_name = districts[t % len(districts)]
            while True:
                short = rng.choice(TOWN_FIRST) + rng.choice(TOWN_SECOND) + "镇"
                if (d_name, short) not in names_used or len(names_used) > 350 * len(districts):
                    break
            names_used.add((d_name, short))
            if t == 0:
                short = "辛口镇"
            town_pk, town_path = body(f"{d_name}{short}人民政府", "town", d_path + "", short=short)
            team_pk, _ = body(f"{short}综合行政执法大队", "team", town_path)
            names = {}
            officers = []
            for _ in range(OFFICERS_PER_TOWN):
                pk, name = person(team_pk, [Role.OFFICER], certified=True)
                officers.append(pk)
                names[pk] = name
            leader, names[leader] = person(town_pk, [Role.LEADER])
            person(town_pk, [Role.LEGAL_REVIEWER])
            clerk, _ = person(town_pk, [Role.DISCLOSURE_CLERK])
            towns.append(
                Town(Body(pk=town_pk, name=short), Body(pk=team_pk), Body(pk=d_pk), officers, leader, clerk, names)
            )
        self.result.bodies = len(bodies.rows)
        self.result.people = len(users.rows)
        for table in (bodies, users, user_groups, certs):
            table.flush()
        return towns

    # --- cases and what hangs off them --------------------------------------------------------------------------
    def build(self) -> Result:
        import time as _time

        t0 = _time.perf_counter()
        big = [Case, Case.officers.through, Deadline, Publication, DisclosureRequest, ChainEntry]
        with transaction.atomic():
            towns = self.build_org()
            with DeferredIndexes(big):
                self._build_cases(towns)
            self._finish()
        if self.vendor == "postgresql":
            # The visibility map, so counts over a scope run as index-only scans at once (autovacuum would set it
            # later on a live database); VACUUM cannot run inside the build's transaction.
            with connection.cursor() as cursor:
                for model in (Case, Deadline, Publication, DisclosureRequest):
                    cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")
        self.result.seconds = _time.perf_counter() - t0
        return self.result

    def _status_for(self, age: int, stretch: float) -> str:
        status = "lead"
        for name, day in STEPS:
            if age >= day * stretch:
                status = name
            else:
                break
        return status

    def _build_cases(self, towns: list[Town]) -> None:
        plan, rng, vendor = self.plan, self.rng, self.vendor
        cases = Table(Case, vendor)
        officers = Table(Case.officers.through, vendor)
        deadlines = Table(Deadline, vendor)
        pubs = Table(Publication, vendor)
        requests = Table(DisclosureRequest, vendor)
        chain = ChainWriter(vendor)
        case_id, m2m_id, dl_id = next_id(Case), next_id(Case.officers.through), next_id(Deadline)
        pub_id, req_id = next_id(Publication), next_id(DisclosureRequest)
        self.dl_id = dl_id
        span = YEARS * 365
        first_day = self.today - timedelta(days=span)
        quota, extra = divmod(max(plan.chain, 0), max(plan.cases, 1))
        by_status: dict[str, int] = {}
        # Cases in discovery order, so the chain's time runs forward with its sequence numbers.
        # More recent cases than old ones (the work grows), sorted so the chain's time runs forward with its seq.
        offsets = sorted(int(span * rng.random() ** 0.8) for _ in range(plan.cases))
        chain.start_time(first_day, plan.chain + plan.cases * 3)
        for i, offset in enumerate(offsets):
            town = towns[rng.randrange(len(towns))]
            discovered = first_day + timedelta(days=offset)
            age = (self.today - discovered).days
            stretch = 0.6 + rng.random()
            summary = rng.random() < 0.08
            not_filed = not summary and rng.random() < 0.03
            if summary:
                status = "closed" if age >= 2 else "decided"
                if age >= 30:
                    status = "archived"
            elif not_filed:
                status = "not_filed" if age >= 2 else "lead"
            else:
                status = self._status_for(age, stretch)
            by_status[status] = by_status.get(status, 0) + 1
            reached = {"lead"} | ({"not_filed"} if status == "not_filed" else set())
            dates = {}
            if not summary and status != "not_filed":
                for name, day in STEPS:
                    when = discovered + timedelta(days=int(day * stretch))
                    if when > self.today:
                        break
                    dates[name] = when
                    reached.add(name)
                    if name == status:
                        break
            elif summary:
                for name in ("decided", "served", "executed", "closed", "archived"):
                    dates[name] = discovered + timedelta(days={"archived": 30, "closed": 1}.get(name, 0))
                    if name == status or dates[name] > self.today:
                        break
                dates = {k: v for k, v in dates.items() if v <= self.today}
                reached |= set(dates)
            officer_pair = rng.sample(town.officers, 2)
            registrar = officer_pair[0] if rng.random() < 0.8 else rng.choice(town.officers)
            violation = rng.choice(VIOLATIONS)
            person_party = rng.random() < 0.6
            party = (
                f"{rng.choice(FAMILY)}某某"
                if person_party
                else f"天津{rng.choice(TOWN_FIRST)}{rng.choice(TOWN_SECOND)}{rng.choice(COMPANY_KIND)}有限公司"
            )
            year = discovered.year
            number = ""
            if "investigating" in reached or summary:
                town.case_serial += 1
                number = f"{town.body.name}综执立字〔{year}〕第{town.case_serial}号"
            decided = dates.get("decided")
            outcome = ""
            decision_number = ""
            fine = None
            if decided:
                r = rng.random()
                outcome = "penalty" if r < 0.88 else ("minor" if r < 0.96 else "not_established")
                town.decision_serial += 1
                decision_number = f"{town.body.name}综执罚决字〔{decided.year}〕第{town.decision_serial}号"
                if outcome == "penalty":
                    fine = Decimal(rng.choice([50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000]))
            executed = dates.get("executed") if outcome == "penalty" else None
            closed_on = dates.get("closed")
            cases.add(
                id=case_id, body=town.body.pk, procedure="summary" if summary else "ordinary", status=status,
                source=rng.choice(["patrol", "patrol", "complaint", "transfer", "platform"]), title=violation,
                description=f"{town.body.name}{violation}", place=f"{town.body.name}某村",
                discovered_on=discovered, act_date=discovered,
                registered_by=registrar, registered_at=datetime.combine(discovered, time(9), UTC),
                party_kind="person" if person_party else "organisation", party_name=party,
                party_address=f"天津市{town.body.name}某村", number=number,
                filing_requested_on=dates.get("filing"), filed_on=dates.get("investigating"),
                filing_approver=town.leader if "investigating" in dates else None,
                not_filed_reason="违法事实不能成立" if status == "not_filed" else "",
                proposed_on=dates.get("proposed"),
                proposed_outcome=outcome if dates.get("proposed") else "",
                notified_on=dates.get("notified"), decision_number=decision_number, decided_on=decided,
                decided_by=town.leader if decided else None, outcome=outcome,
                penalty_kinds="罚款" if fine else ("警告" if outcome == "penalty" else ""), fine_amount=fine,
                decision_text=f"罚款{fine}元" if fine else "", served_on=dates.get("served"),
                payment_due_on=(dates["served"] + timedelta(days=15)) if fine and "served" in dates else None,
                paid_amount=fine if executed else Decimal(0), executed_on=executed, closed_on=closed_on,
                archived_on=dates.get("archived"),
            )  # fmt: skip
            for user in set(officer_pair):
                officers.add(id=m2m_id, case=case_id, user=user)
                m2m_id += 1
            label = f"{number or '（未立案）'} {party}{violation}"
            # deadlines: the live one of an open case; met ones for every step passed
            if status in OPEN_DEADLINE:
                key, start_field = OPEN_DEADLINE[status]
                start = {"discovered_on": discovered, "filed_on": dates.get("investigating"),
                         "served_on": dates.get("served")}[start_field]  # fmt: skip
                self._deadline(deadlines, "enforcement.case", case_id, label, town, key, start, None)
            if "investigating" in dates:
                self._deadline(deadlines, "enforcement.case", case_id, label, town,
                               enforcement_rules.FILING, discovered, dates["investigating"])  # fmt: skip
            if decided and not summary:
                self._deadline(deadlines, "enforcement.case", case_id, label, town,
                               enforcement_rules.DECISION, dates["investigating"], decided)  # fmt: skip
            # the publication of a penalty decision, with its 7/20-working-day deadline
            pub_events = []
            if decided and outcome == "penalty":
                published = decided + timedelta(days=rng.randint(1, 12))
                state = "published" if published <= self.today else "pending"
                pubs.add(
                    id=pub_id, case=case_id, body=town.body.pk, kind="penalty", state=state,
                    decision_number=decision_number,
                    party_display=party if not person_party else f"{party[0]}某某",
                    party_is_person=person_party, violation_type=violation,
                    penalty=f"罚款{fine}元" if fine else "警告", fine_amount=fine, decided_on=decided,
                    original_text=f"当事人{party}于{discovered:%Y年%m月%d日}在{town.body.name}某村{violation}，"
                    f"违反了有关规定，决定给予{'罚款' + str(fine) + '元' if fine else '警告'}的行政处罚。",
                    original_sm3="0" * 64,
                    redacted_text=f"当事人{party[0]}某某于{discovered:%Y年%m月%d日}在{town.body.name}{violation}，"
                    f"决定给予{'罚款' + str(fine) + '元' if fine else '警告'}的行政处罚。",
                    reviewed_by=town.leader if state == "published" else None,
                    published_on=published if state == "published" else None,
                    retire_on=(published + timedelta(days=3 * 365)) if state == "published" else None,
                )  # fmt: skip
                self._deadline(deadlines, "publicity.publication", pub_id, f"{decision_number} 公开", town,
                               enforcement_rules.PUBLISH_PERMIT_OR_PENALTY, decided,
                               published if state == "published" else None)  # fmt: skip
                pub_events = [("publicity.opened", pub_id, decided)]
                if state == "published":
                    pub_events.append(("publicity.published", pub_id, published))
                pub_id += 1
            # the chain: the case's steps, padded to its share of --chain
            steps = ["lead", *[s for s, _ in STEPS if s in dates]]
            if status == "not_filed":
                steps.append("not_filed")
            n = quota + (1 if i < extra else 0)
            events = [EVENT_OF[s] for s in steps]
            while len(events) < n:
                events.insert(len(events) // 2 + 1, PADDING_EVENTS[len(events) % 3])
            actor, actor_name = registrar, town.names.get(registrar, "执法人员")
            for event in events:
                chain.add(actor, actor_name, event, "enforcement.case", case_id, label, town.body.pk,
                          {"status": status if event == events[-1] else ""})  # fmt: skip
            for event, pk, _on in pub_events:
                chain.add(town.leader, town.names.get(town.leader, "负责人"), event, "publicity.publication", pk,
                          decision_number, town.body.pk, {"case": case_id})  # fmt: skip
            # one disclosure request for every DISCLOSURE_EVERY cases
            if i % DISCLOSURE_EVERY == DISCLOSURE_EVERY - 1:
                town.request_serial += 1
                self._request(requests, deadlines, req_id, town, discovered, chain)
                req_id += 1
            case_id += 1
            if (i + 1) % CHUNK == 0 or i + 1 == plan.cases:
                self.result.cases += cases.flush()
                officers.flush()
                self.result.deadlines += deadlines.flush()
                self.result.publications += pubs.flush()
                self.result.requests += requests.flush()
                chain.flush()
                if self.progress is not None:
                    self.progress(i + 1, chain.seq)
        self.result.by_status = by_status
        self.chain = chain

    def _deadline(self, table, subject_type, subject_id, label, town, key, start, closed_on) -> None:
        """One deadline row, unless the rule was not yet in force on ``start`` (then the service opened none)."""
        try:
            due, explanation, estimate = self.due(key, start, town.body.pk)
            name, citation, period, rollover, window = self.rule(key, start, town.body.pk)
        except UnknownRule:
            return
        pk = self.dl_id
        self.dl_id += 1
        if closed_on is None:
            state = "open"
        else:
            state = "met" if (closed_on <= due or window) else "missed"
        table.add(
            id=pk, subject_type=subject_type, subject_id=str(subject_id), subject_label=label[:255],
            body=town.body.pk, rule_key=key, rule_name=name, rule_citation=citation, period=period,
            rollover=rollover, is_window=window, start_date=start, due_date=due, explanation=explanation,
            is_estimate=estimate, state=state, closed_on=closed_on,
            opened_at=datetime.combine(start, time(10), UTC),
        )  # fmt: skip

    def _request(self, requests, deadlines, pk, town, submitted, chain) -> None:
        rng = self.rng
        age = (self.today - submitted).days
        answered = age > 20 + rng.randint(0, 10)
        received = submitted + timedelta(days=1) if submitted < self.today else submitted
        closed = received + timedelta(days=rng.randint(5, 18)) if answered else None
        if closed and closed > self.today:
            closed, answered = None, False
        number = f"{town.body.name}依申〔{submitted.year}〕{town.request_serial}号"
        requests.add(
            id=pk, body=town.body.pk, number=number, lookup_code=f"Q{pk:011d}", channel="online",
            applicant_type=rng.choice(["natural", "natural", "business", "other"]),
            applicant_name=f"{rng.choice(FAMILY)}某", id_document_type="resident_id",
            id_document_number="120111198001010000", description=f"{town.body.name}{rng.choice(VIOLATIONS)}的处理情况",
            delivery_form="electronic", delivery_method="online", submitted_on=submitted, received_on=received,
            clock_start=received + timedelta(days=1), status="answered" if answered else "in_progress",
            outcome="disclosed.provided" if answered else "", closed_on=closed, entered_by=town.clerk,
        )  # fmt: skip
        label = f"依申请公开 {number}"
        self._deadline(deadlines, "disclosure.disclosurerequest", pk, label, town,
                       disclosure_rules.ANSWER, received, closed)  # fmt: skip
        chain.add(town.clerk, "政务公开专员", "disclosure.request_registered", "disclosure.disclosurerequest", pk,
                  label, town.body.pk, {"number": number})  # fmt: skip

    def _finish(self) -> None:
        chain = self.chain
        ChainHead.objects.update_or_create(id=1, defaults={"seq": chain.seq, "entry_hash": chain.prev})
        self.result.chain = chain.written
        models_ = [Body, User, User.groups.through, Certificate, Case, Case.officers.through, Deadline, Publication,
                   DisclosureRequest, ChainEntry]  # fmt: skip
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models_):
                cursor.execute(sql)
            # Fresh statistics: without them the planner takes the new tables for empty and picks nested loops
            # (a page took 37 s at 10,000 cases before this ANALYZE, 0.1 s after).
            cursor.execute("ANALYZE")


class ChainWriter:
    """Appends entries after the current head, each hashed with ``hashing.entry_hash`` over its stored form."""

    def __init__(self, vendor: str):
        head = ChainHead.objects.filter(id=1).values_list("seq", "entry_hash").first()
        self.seq, self.prev = head if head and head[0] else (0, GENESIS_HASH)
        self.next_pk = next_id(ChainEntry)
        self.pg = vendor == "postgresql"
        self.rows: list[tuple] = []
        self.written = 0
        self.table = ChainEntry._meta.db_table
        self.columns = [
            "id", "seq", "at", "actor_id", "actor_label", "event", "subject_type", "subject_id", "subject_label",
            "body_id", "payload", "prev_hash", "entry_hash",
        ]  # fmt: skip
        self.at = datetime.now(UTC)
        self.step = timedelta(0)

    def start_time(self, first_day: date, entries: int) -> None:
        """About ``entries`` entries run from the first day to now, evenly spaced (strictly increasing with seq)."""
        first = datetime.combine(first_day, time(8), UTC)
        last = datetime.now(UTC) - timedelta(minutes=1)
        self.at = first
        self.step = max((last - first) / max(entries, 1), timedelta(microseconds=1))

    def add(self, actor_id, actor_label, event, subject_type, subject_id, label, body_id, payload) -> None:
        self.seq += 1
        self.at += self.step
        at = self.at
        subject_id = str(subject_id)
        label = label[:255]
        digest = hashing.entry_hash(
            seq=self.seq, at=at, actor_id=actor_id, actor_label=actor_label, event=event,
            subject_type=subject_type, subject_id=subject_id, subject_label=label, body_id=body_id,
            payload=payload, prev_hash=self.prev,
        )  # fmt: skip
        stored_at = at if self.pg else at.replace(tzinfo=None).isoformat(" ", "microseconds")
        self.rows.append(
            (self.next_pk, self.seq, stored_at, actor_id, actor_label, event, subject_type, subject_id, label,
             body_id, json.dumps(payload, ensure_ascii=False), self.prev, digest)
        )  # fmt: skip
        self.next_pk += 1
        self.prev = digest

    def flush(self) -> None:
        if self.rows:
            write(self.table, self.columns, self.rows)
            self.written += len(self.rows)
            self.rows = []
