"""Sessions end after FAZHI_SESSION_IDLE_MINUTES without a request and FAZHI_SESSION_MAX_HOURS after the login."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from fazhi.accounts.tests.conftest import login
from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry


def test_an_idle_session_ends_with_a_message_and_a_chain_entry(client, people, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, "officer")
        assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=settings.FAZHI_SESSION_IDLE_MINUTES - 1), tick=False):
        assert client.get("/").status_code == 200  # activity keeps it alive
    later = start + timedelta(minutes=2 * settings.FAZHI_SESSION_IDLE_MINUTES)
    with time_machine.travel(later, tick=False):
        response = client.get("/cases/")
        assert response.status_code == 302 and response.url == "/login/?next=%2Fcases%2F"
        page = client.get(response.url)
        assert "未操作，为安全起见已自动退出" in page.content.decode()
    entry = ChainEntry.objects.filter(event=Event.LOGGED_OUT).get()
    assert entry.payload["reason"] == "idle" and entry.actor_id == people.officer.pk


def test_a_session_ends_after_its_lifetime_however_busy(client, people, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, "officer")
    step = timedelta(minutes=settings.FAZHI_SESSION_IDLE_MINUTES - 5)
    at = start
    while at + step < start + timedelta(hours=settings.FAZHI_SESSION_MAX_HOURS):
        at += step
        with time_machine.travel(at, tick=False):
            assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(hours=settings.FAZHI_SESSION_MAX_HOURS, minutes=1), tick=False):
        assert client.get("/").status_code == 302
    assert ChainEntry.objects.get(event=Event.LOGGED_OUT).payload["reason"] == "lifetime"


def test_an_expired_api_session_answers_401_json(client, people, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, "officer")
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        response = client.get("/api/v1/org/officers")
        assert response.status_code == 401 and "自动退出" in response.json()["detail"]


def test_the_session_cookie_ends_with_the_browser_and_the_server_side_age_is_the_lifetime(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == settings.FAZHI_SESSION_MAX_HOURS * 3600
    assert settings.SESSION_COOKIE_HTTPONLY is True
