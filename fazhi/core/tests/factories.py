"""Test helpers for core: a town of its own, deadlines."""

import itertools
from datetime import date

from fazhi.core import deadlines
from fazhi.org.models import BodyKind
from fazhi.org.tests.factories import World, make_body

_seq = itertools.count(1)


def make_town(name: str = "辛口镇"):
    """A town in a district of its own (fazhi/conftest.py has the shared world)."""
    world = World()
    return world.body(name, BodyKind.TOWN, world.district)


def make_unit(town, name: str = "综合执法大队"):
    return make_body(name, BodyKind.TEAM, town)


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
