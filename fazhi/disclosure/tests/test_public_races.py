"""The public request form under pressure (issue #11, ADR 0021): a token serves one post; sixteen parallel posts
from one address admit exactly the hourly limit; behind a proxy the configured header names the client."""

import threading

import pytest
import time_machine
from django.db import connections
from django.test import Client
from django.urls import reverse

from fazhi.disclosure import public
from fazhi.disclosure.models import DisclosureRequest, PublicSubmission
from fazhi.disclosure.tests import factories as f
from fazhi.org.tests.factories import World


def form_data(town):
    return {**f.application(), "website": "", "token": public.make_token(town.code)}


def test_a_form_token_serves_one_post_only(client, world):
    url = reverse("xxgk:apply", args=[world.town.code])
    with time_machine.travel("2019-11-04 09:00 +0800", tick=False):
        data = form_data(world.town)
    with time_machine.travel("2019-11-04 09:05 +0800", tick=False):
        assert client.post(url, data).status_code == 302
        replay = client.post(url, data)
    assert replay.status_code == 400
    assert "此表单已经提交过" in replay.content.decode()
    assert DisclosureRequest.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_sixteen_parallel_posts_from_one_address_never_admit_more_than_the_hourly_limit():
    """16 threads, each with its own connection to the test database, post a valid form with its own token at once
    from 203.0.113.7: the limit is 5 an hour, so at most 5 requests are registered and every other post gets 429 —
    never 6, whatever the interleaving (each admitted post counted itself and every place committed before it). On
    SQLite writers queue, so exactly 5 get in; on PostgreSQL a post that is refused may still have held its place
    while another counted, so fewer than 5 may get in — the limit errs on the side of refusing, never of admitting."""
    world = World()
    town = world.town
    url = reverse("xxgk:apply", args=[town.code])
    with time_machine.travel("2019-11-04 09:00 +0800", tick=False):
        forms = [form_data(town) for _ in range(16)]
    statuses, errors = [], []
    start = threading.Barrier(16)

    def post(data):
        try:
            start.wait()
            statuses.append(Client().post(url, data, REMOTE_ADDR="203.0.113.7").status_code)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    with time_machine.travel("2019-11-04 09:05 +0800", tick=True):
        threads = [threading.Thread(target=post, args=(data,)) for data in forms]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    from django.db import connection

    admitted = statuses.count(302)
    assert len(statuses) == 16 and set(statuses) <= {302, 429}
    assert 1 <= admitted <= public.HOURLY_LIMIT_DEFAULT
    if connection.vendor == "sqlite":
        assert admitted == public.HOURLY_LIMIT_DEFAULT
    assert DisclosureRequest.objects.count() == admitted
    assert PublicSubmission.objects.filter(accepted=True).count() == admitted


def test_behind_a_proxy_the_configured_header_names_the_client(client, world, settings):
    settings.FAZHI_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.FAZHI_PROXY_COUNT = 1
    url = reverse("xxgk:apply", args=[world.town.code])
    with time_machine.travel("2019-11-04 09:00 +0800", tick=False):
        forms = [form_data(world.town) for _ in range(public.HOURLY_LIMIT_DEFAULT + 2)]
    with time_machine.travel("2019-11-04 09:05 +0800", tick=False):
        # Everyone arrives from the proxy (127.0.0.1); the proxy appends the address it saw. What the client wrote
        # itself further left (a forged 1.2.3.4) is not trusted.
        for data in forms[: public.HOURLY_LIMIT_DEFAULT]:
            assert client.post(url, data, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1").status_code == 302
        blocked = client.post(url, forms[-2], HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.1")
        other = client.post(url, forms[-1], HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert blocked.status_code == 429
    assert other.status_code == 302


def test_without_the_setting_a_forwarded_header_is_ignored(world, settings, rf):
    from fazhi.core.client import client_address

    settings.FAZHI_CLIENT_IP_HEADER = ""
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4", REMOTE_ADDR="10.1.1.1")
    assert client_address(request) == "10.1.1.1"
    settings.FAZHI_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert client_address(request) == "1.2.3.4"
    assert client_address(rf.get("/", HTTP_X_FORWARDED_FOR="not-an-address", REMOTE_ADDR="10.1.1.1")) == "10.1.1.1"
