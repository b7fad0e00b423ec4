from datetime import date
from types import SimpleNamespace

import pytest
import time_machine

from fazhi.counsel import services as counsel
from fazhi.decisions import services


@pytest.fixture
def in_2019():
    """'Today' at the end of 2019, so the 2019 dates are accepted."""
    with time_machine.travel("2019-12-31 10:00 +0800", tick=False):
        yield


@pytest.fixture
def town(world, in_2019):
    """辛口镇 with every body made first (scopes are cached per user), its leader, clerk, reviewer, and a law firm."""
    _ = world.team, world.justice, world.office, world.other_town
    firm = counsel.engage(actor=world.leader, body=world.town, kind="law_firm", adviser="天津津西律师事务所",
                          lawyers="李明、周红", term_start=date(2019, 1, 1), term_end=date(2019, 12, 31), fee=60000,
                          scope="重大行政决策法律意见")  # fmt: skip
    return SimpleNamespace(
        body=world.town, leader=world.leader, clerk=world.clerk, reviewer=world.reviewer, outsider=world.outsider,
        firm=firm,
    )  # fmt: skip


@pytest.fixture
def item(town):
    """The 2019 catalogue, agreed by the party committee on 09-05 and published on 09-06, with one item."""
    catalogue = services.create_catalogue(actor=town.leader, body=town.body, year=2019, on=date(2019, 9, 2))
    item = services.add_item(actor=town.leader, catalogue=catalogue, title="辛口镇农村人居环境整治三年行动方案",
                             category="plan", lead_unit="辛口镇农业农村办公室")  # fmt: skip
    services.approve_catalogue(actor=town.leader, catalogue=catalogue, on=date(2019, 9, 5),
                               party_record="中共辛口镇委员会会议纪要〔2019〕15号")  # fmt: skip
    services.publish_catalogue(actor=town.clerk, catalogue=catalogue, on=date(2019, 9, 6))
    item.refresh_from_db()
    return item
