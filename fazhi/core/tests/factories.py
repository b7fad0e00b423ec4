"""Test helpers for core: two towns under one district, people with and without roles, deadlines."""

import itertools
from datetime import date

from django.contrib.auth.models import Group

from fazhi.core import deadlines
from fazhi.org.models import BodyKind, User
from fazhi.org.services import create_body

_seq = itertools.count(1)


def make_town(name: str = "辛口镇"):
    n = next(_seq)
    district = create_body(actor=None, name=f"西青区{n}", kind=BodyKind.DISTRICT, code=f"CD{n:04d}")
    return create_body(actor=None, name=name, kind=BodyKind.TOWN, code=f"CT{n:04d}", parent=district)


def make_unit(town, name: str = "综合执法大队"):
    n = next(_seq)
    return create_body(actor=None, name=name, kind=BodyKind.TEAM, code=f"CU{n:04d}", parent=town)


def make_user(body, *roles, username: str | None = None) -> User:
    user = User.objects.create_user(
        username=username or f"core_user{next(_seq)}", password="pw-123456", body=body, last_name="王", first_name="测"
    )
    for role in roles:
        group, _ = Group.objects.get_or_create(name=role.value)
        user.groups.add(group)
    return user


def make_deadline(
    body, *, rule_key="enforcement.publish_other_decision", start=date(2019, 9, 20), label="测试事项", **kw
):
    return deadlines.open_deadline(
        actor=None,
        subject=("test.subject", next(_seq), label),
        body=body,
        rule_key=rule_key,
        start_date=start,
        **kw,
    )
