from types import SimpleNamespace

import pytest

from fazhi.core.access import Role
from fazhi.org.models import BodyKind
from fazhi.org.tests.factories import BodyFactory, StaffFactory


@pytest.fixture
def org(db):
    """西青区 with two towns: 辛口镇 (with its 综合执法大队 and 党政办公室) and 张家窝镇; people in each role."""
    district = BodyFactory(name="西青区", kind=BodyKind.DISTRICT, code="XQ", province="天津市")
    bureau = BodyFactory(name="西青区司法局", kind=BodyKind.UNIT, code="XQ-SFJ", parent=district)
    town = BodyFactory(name="辛口镇", kind=BodyKind.TOWN, code="XQ-XK", parent=district)
    team = BodyFactory(name="辛口镇综合执法大队", kind=BodyKind.TEAM, code="XQ-XK-ZFDD", parent=town)
    office = BodyFactory(name="辛口镇党政办公室", kind=BodyKind.UNIT, code="XQ-XK-DZB", parent=town)
    other_town = BodyFactory(name="张家窝镇", kind=BodyKind.TOWN, code="XQ-ZJW", parent=district)
    other_team = BodyFactory(name="张家窝镇综合执法大队", kind=BodyKind.TEAM, code="XQ-ZJW-ZFDD", parent=other_town)
    return SimpleNamespace(
        district=district,
        bureau=bureau,
        town=town,
        team=team,
        office=office,
        other_town=other_town,
        other_team=other_team,
        leader=StaffFactory(username="leader", last_name="王", first_name="建国", body=town, roles=[Role.LEADER]),
        admin=StaffFactory(username="townadmin", last_name="赵", first_name="管", body=office, roles=[Role.ADMIN]),
        officer=StaffFactory(username="officer", last_name="张", first_name="伟", body=team, roles=[Role.OFFICER]),
        colleague=StaffFactory(
            username="clerk", last_name="陈", first_name="静", body=office, roles=[Role.DISCLOSURE_CLERK]
        ),
        outsider=StaffFactory(
            username="zjw_leader", last_name="彭", first_name="红梅", body=other_town, roles=[Role.LEADER]
        ),
        other_officer=StaffFactory(
            username="zjw_officer", last_name="曹", first_name="勇", body=other_team, roles=[Role.OFFICER]
        ),
        supervisor=StaffFactory(
            username="supervisor", last_name="冯", first_name="志刚", body=bureau, roles=[Role.SUPERVISOR]
        ),
    )
