"""Demo step: 西青区 with 辛口镇 and 张家窝镇, their units, staff with roles, certificates and 2019 training hours
(tables in data/bodies.csv, data/staff.csv, data/training_2019.csv), built through org's services."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from fazhi.core import clock
from fazhi.demo import data
from fazhi.org import services
from fazhi.org.models import Body, User

Log = Callable[[str], None]


def demo_body(code: str) -> Body:
    return Body.objects.get(code=code)


def demo_user(username: str) -> User:
    return User.objects.get(username=username)


def _split_hours(total: int) -> list[Decimal]:
    parts = []
    remaining = Decimal(total)
    for *_, share in data.TRAINING_2019[:-1]:
        part = (Decimal(total) * Decimal(str(share))).quantize(Decimal("0.1"))
        parts.append(part)
        remaining -= part
    parts.append(remaining)
    return parts


def _certificate_dates(plan: tuple[str, int], today: date) -> tuple[date, date]:
    kind, days = plan
    if kind == "expired":
        valid_to = today - timedelta(days=days)
    else:
        valid_to = today + timedelta(days=days)
    # Tianjin certificates in the demo were issued after the 2019 training exam, valid for several years.
    valid_from = min(date(2019, 4, 1), valid_to - timedelta(days=365))
    return valid_from, valid_to


def org_step(log: Log) -> None:
    """西青区 with 辛口镇 and 张家窝镇, their units, staff with roles, certificates and 2019 training hours."""
    if Body.objects.filter(code=data.DISTRICT_CODE).exists():
        log("组织与人员：演示数据已存在（机构代码 XQ），跳过。")
        return
    today = clock.today()
    bodies: dict[str, Body] = {}
    for code, name, short_name, kind, parent_code in data.BODIES:
        bodies[code] = services.create_body(
            actor=None,
            name=name,
            kind=kind,
            code=code,
            parent=bodies[parent_code] if parent_code else None,
            short_name=short_name,
            province=data.PROVINCES.get(code, ""),
        )
    actor = None
    people: dict[str, User] = {}
    # Hashing is slow on purpose; every demo login shares one password, so hash it once.
    password_hash = make_password(data.DEMO_PASSWORD)
    for username, last_name, first_name, body_code, roles, phone, _plan, _hours in data.STAFF:
        is_admin = username == "admin"
        people[username] = services.create_staff(
            actor=actor,
            username=username,
            last_name=last_name,
            first_name=first_name,
            body=bodies[body_code],
            phone=phone,
            roles=roles,
            password_hash=password_hash,
            is_staff=is_admin,
            is_superuser=is_admin,
        )
        if is_admin:
            actor = people[username]  # everything after the first account is done by the administrator
    serial = 0
    for username, *_middle, plan, _hours in data.STAFF:
        if plan is None:
            continue
        serial += 1
        valid_from, valid_to = _certificate_dates(plan, today)
        cert = services.issue_certificate(
            actor=actor,
            holder=people[username],
            number=f"津执2019{serial:04d}",
            field=data.CERTIFICATE_FIELD,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        if plan[0] == "suspended":
            services.suspend_certificate(
                actor=actor, certificate=cert, reason="区司法局执法监督中发现涉嫌违法实施行政强制措施，暂时收回证件待查"
            )
        elif plan[0] == "revoked":
            services.revoke_certificate(
                actor=actor, certificate=cert, reason="年度随机抽查考试不合格，收回行政执法证件"
            )
    for username, *_rest, hours in data.STAFF:
        if hours is None:
            continue
        for (month, day, topic, source, _share), part in zip(data.TRAINING_2019, _split_hours(hours), strict=True):
            services.record_training(
                actor=actor, person=people[username], on=date(2019, month, day), topic=topic, hours=part, source=source
            )
    # A little training this year too, so the workbench shows current hours next to the requirement.
    this_year_day = max(date(today.year, 1, 15), today - timedelta(days=30))
    for username, hours in (("officer1", "24"), ("officer2", "12")):
        services.record_training(
            actor=actor,
            person=people[username],
            on=min(this_year_day, today),
            topic="《行政处罚法》（2021年修订）执法程序专题培训",
            hours=hours,
            source="offline",
        )
    log(f"组织与人员：{len(bodies)} 个机构，{len(people)} 名人员，{serial} 份执法证件，2019 年培训学时已载入。")
