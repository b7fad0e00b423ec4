from datetime import date
from types import SimpleNamespace

import pytest
import time_machine

from fazhi.core.access import Role
from fazhi.inspection import services
from fazhi.inspection.codes import make_code
from fazhi.law.tests.factories import load_test_laws
from fazhi.org.tests.factories import CertificateFactory

BASIS = "《企业信息公示暂行条例》第十四条"


@pytest.fixture(autouse=True)
def in_2019():
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        yield


@pytest.fixture
def laws(db):
    load_test_laws(names=("行政法规/企业信息公示暂行条例(2014-08-07).md",))


def certified(world, body, name, username):
    person = world.person(body, Role.OFFICER, username=username, last_name=name[0], first_name=name[1:])
    CertificateFactory(holder=person, valid_from=date(2019, 1, 1), valid_to=date(2024, 12, 31))
    return person


@pytest.fixture
def town(world, laws):
    """辛口镇综合执法大队 with its leader, three certified officers in the 名录库 (J01–J03), 12 objects."""
    team = world.team
    leader = world.person(team, Role.LEADER, username="team_leader", last_name="李", first_name="队长")
    officers = [certified(world, team, n, u) for n, u in (("张伟", "o1"), ("李娜", "o2"), ("王强", "o3"))]
    on = date(2019, 3, 1)
    inspectors = [
        services.add_inspector(actor=leader, body=team, person=p, code=f"J0{n}", on=on, qualification="综合行政执法")
        for n, p in enumerate(officers, 1)
    ]
    rows = []
    for n in range(12):
        rows.append(
            {
                "line": n + 2,
                "credit_code": make_code("91" if n % 3 else "92", "120111", 1000 + n),
                "name": f"天津市西青区辛口镇测试商户{n:02d}",
                "kind": "enterprise" if n % 3 else "individual",
                "address": f"辛口镇沙窝村{n}号",
                "representative": f"经营者{n}",
                "risk": ("high", "medium", "low", "low")[n % 4],
                "credit": "good",
            }
        )
    services.import_objects(actor=leader, body=team, rows=rows, on=on)
    item = services.list_item(
        actor=leader, body=team, name="企业公示信息抽查", basis=BASIS, content="企业年度报告公示信息的真实性",
        method="书面检查、实地核查", kind="general", ratio_cap="50", on=on,
    )  # fmt: skip
    plan = services.adopt_plan(actor=leader, body=team, year=2019, title="辛口镇2019年度双随机抽查工作计划", on=on)
    return SimpleNamespace(
        world=world, team=team, leader=leader, officers=officers, inspectors=inspectors, item=item, plan=plan, on=on
    )


@pytest.fixture
def task(town):
    return services.create_task(
        actor=town.leader, plan=town.plan, item=town.item, title="第一批企业公示信息抽查",
        ratio_high="50", ratio_medium="20", ratio_low="10", on=date(2019, 4, 1),
    )  # fmt: skip
