"""A citizen's online request nobody at the office has seen yet lands in the clerks' inbox (and only theirs)."""

from datetime import date

import pytest

from fazhi.core.models import Notice
from fazhi.disclosure.models import Channel
from fazhi.disclosure.tests.factories import request


@pytest.mark.django_db
def test_an_online_request_is_announced_to_the_towns_disclosure_clerks_only(world):
    req = request(None, world.town, channel=Channel.ONLINE, submitted_on=date(2019, 9, 20))
    told = list(Notice.objects.filter(kind="request", subject_id=str(req.pk)).values_list("recipient_id", flat=True))
    assert told == [world.clerk.pk]


@pytest.mark.django_db
def test_a_request_the_clerk_enters_announces_nothing(world):
    request(world.clerk, world.town, channel=Channel.IN_PERSON, submitted_on=date(2019, 9, 20))
    assert not Notice.objects.filter(kind="request").exists()
