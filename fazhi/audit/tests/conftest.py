from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import time_machine

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.org.tests.factories import World


@pytest.fixture
def town_chain(db):
    """西青区 with 辛口镇 and 张家窝镇, people in the roles that matter for the chain, and four entries:
    辛口镇 (town and its team), 张家窝镇, and one system entry with no body.

    The world is quiet (rows written directly, not through org's services), so these four are the only entries."""
    world = World(quiet=True)
    district, town, team, other_town = world.district, world.town, world.team, world.other_town
    people = SimpleNamespace(
        supervisor=world.supervisor,
        leader=world.leader,
        reviewer=world.reviewer,
        officer=world.officer,
        outsider=world.outsider,
        superuser=world.person(None, username="root", is_superuser=True, is_staff=True),
    )
    with time_machine.travel(datetime(2019, 10, 8, 1, 30, tzinfo=UTC), tick=False):
        town_entry = record(
            actor=people.leader,
            event=Event.BODY_CREATED,
            subject=("org.body", str(town.pk), "辛口镇"),
            payload={"new": {"name": "辛口镇", "code": "A-XK"}},
            body_id=town.pk,
        )
    with time_machine.travel(datetime(2019, 10, 9, 2, 0, tzinfo=UTC), tick=False):
        team_entry = record(
            actor=people.leader,
            event=Event.CERTIFICATE_SUSPENDED,
            subject=("org.certificate", "7", "执法证 津执00007"),
            payload={"old": {"state": "valid"}, "new": {"state": "suspended"}, "reason": "涉嫌违规"},
            body_id=team.pk,
        )
    with time_machine.travel(datetime(2019, 10, 10, 3, 0, tzinfo=UTC), tick=False):
        other_entry = record(
            actor=people.outsider,
            event=Event.STAFF_CREATED,
            subject=("org.user", "99", "曹勇"),
            payload={"new": {"name": "曹勇"}},
            body_id=other_town.pk,
        )
        system_entry = record(
            actor=None,
            event=Event.CALENDAR_YEAR_IMPORTED,
            subject=("core.calendaryear", "2019", "2019年"),
            payload={"new": {"year": 2019}},
        )
    return SimpleNamespace(
        district=district,
        town=town,
        team=team,
        other_town=other_town,
        town_entry=town_entry,
        team_entry=team_entry,
        other_entry=other_entry,
        system_entry=system_entry,
        **vars(people),
    )
