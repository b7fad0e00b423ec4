"""Login (等保 2.0 身份鉴别 and 安全审计): lockout per account and per address, unlock, password rules, the user's own
password page, and the chain entries for each — never with the password."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from fazhi.accounts.services import issue_token
from fazhi.accounts.tests.conftest import PASSWORD, login
from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry


def events(*codes):
    return list(ChainEntry.objects.filter(event__in=[c.value for c in codes]).order_by("seq"))


def no_secret_on_the_chain(*secrets):
    text = json.dumps([e.payload for e in ChainEntry.objects.all()], ensure_ascii=False)
    for secret in secrets:
        assert secret not in text


def test_login_logout_and_a_failure_are_on_the_chain_without_the_password(client, people):
    assert login(client, "officer", "wrong-password-1").status_code == 200
    assert login(client, "officer").status_code == 302
    client.post("/logout/")
    failed, logged_in, logged_out = events(Event.LOGIN_FAILED, Event.LOGGED_IN, Event.LOGGED_OUT)
    assert failed.event == Event.LOGIN_FAILED and failed.payload["username"] == "officer"
    assert failed.payload["ip"] == "10.0.0.1" and failed.body_id == people.town.pk
    assert logged_in.actor_id == people.officer.pk and logged_in.payload["second_factor_due"] is False
    assert logged_out.payload["reason"] == "user"
    no_secret_on_the_chain(PASSWORD, "wrong-password-1")


def test_an_unknown_username_is_recorded_as_typed(client, people):
    login(client, "nobody", "whatever-123")
    (entry,) = events(Event.LOGIN_FAILED)
    assert entry.payload == {"username": "nobody", "ip": "10.0.0.1", "known_user": False}


@pytest.mark.parametrize("limit", [3])
def test_the_account_locks_after_the_limit_and_the_right_password_no_longer_works(client, people, settings, limit):
    settings.FAZHI_LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = limit
    for _ in range(limit - 1):
        assert login(client, "officer", "wrong").status_code == 200
    locked = login(client, "officer", "wrong")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "登录失败次数过多" in text and "请于" in text and "再试" in text and "系统管理员" in text
    refused = login(client, "officer")  # the right password, during the lockout
    assert refused.status_code == 429 and "_auth_user_id" not in client.session
    # One lockout entry, and the attempts refused during it do not grow the chain.
    for _ in range(5):
        login(client, "officer", "wrong")
    assert len(events(Event.LOCKED_OUT)) == 1
    assert len(events(Event.LOGIN_FAILED)) == limit
    (lock,) = events(Event.LOCKED_OUT)
    assert lock.payload["username"] == "officer" and lock.payload["ip"] == "10.0.0.1"


def test_the_lockout_ends_after_the_cool_off(client, people, settings):
    settings.FAZHI_LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 2
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        login(client, "officer", "wrong")
        assert login(client, "officer", "wrong").status_code == 429
    with time_machine.travel(start + settings.AXES_COOLOFF_TIME - timedelta(minutes=1), tick=False):
        assert login(client, "officer").status_code == 429
    with time_machine.travel(start + settings.AXES_COOLOFF_TIME * 2, tick=False):
        assert login(client, "officer").status_code == 302


def test_an_address_locks_at_its_own_higher_limit(client, people, settings):
    settings.FAZHI_LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 3
    settings.FAZHI_LOGIN_FAILURE_LIMIT_PER_ADDRESS = 5
    for name in ["a1", "a2", "b1", "b2"]:  # four different accounts, two failures each would not lock an account
        assert login(client, name, "wrong").status_code == 200
    assert login(client, "c1", "wrong").status_code == 429  # the fifth failure from 10.0.0.1
    assert login(client, "officer").status_code == 429  # the address is locked for everyone
    other_address = client.post("/login/", {"username": "officer", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2")
    assert other_address.status_code == 302


def test_logging_into_another_account_from_the_same_address_does_not_lift_a_lockout(client, people, settings):
    settings.FAZHI_LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 2
    login(client, "supervisor", "guess-1")
    assert login(client, "supervisor", "guess-2").status_code == 429
    assert login(client, "officer").status_code == 302  # the attacker's own account, same address
    client.post("/logout/")
    assert login(client, "supervisor").status_code == 429


def test_a_successful_login_clears_the_accounts_own_failures(client, people, settings):
    settings.FAZHI_LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 3
    login(client, "officer", "typo-1")
    login(client, "officer", "typo-2")
    assert login(client, "officer").status_code == 302
    client.post("/logout/")
    login(client, "officer", "typo-3")
    assert login(client, "officer").status_code == 302  # two fresh chances, not one


def test_unlock_command_lifts_the_lockout_and_is_recorded(client, people, settings, capsys):
    settings.FAZHI_LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 2
    login(client, "officer", "wrong")
    assert login(client, "officer", "wrong").status_code == 429
    call_command("unlock", "officer", "--address", "10.0.0.1")
    assert "已解除锁定" in capsys.readouterr().out
    assert login(client, "officer").status_code == 302
    (entry,) = events(Event.UNLOCKED)
    assert entry.payload["username"] == "officer" and entry.actor_id is None


def test_admin_unlocks_from_the_people_page(client, people, settings):
    settings.FAZHI_LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 2
    login(client, "officer", "wrong")
    assert login(client, "officer", "wrong").status_code == 429
    admin_client = type(client)()
    admin_client.force_login(people.admin)
    response = admin_client.post(
        "/admin/org/user/", {"action": "unlock", "_selected_action": [people.officer.pk]}, follow=True
    )
    assert "已解除锁定" in response.content.decode()
    assert events(Event.UNLOCKED)[0].actor_id == people.admin.pk
    assert login(client, "officer").status_code == 302


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1", "密码长度太短"),
        ("password123", "这个密码太常见了"),
        ("7294038561249", "密码只包含数字"),
        ("officer2024x", "太相似"),
    ],
)
def test_password_rules_speak_chinese(people, password, message):
    with pytest.raises(ValidationError) as excinfo:
        validate_password(password, user=people.officer)
    assert any(message in m for m in excinfo.value.messages), excinfo.value.messages


def test_own_password_page_changes_it_records_it_and_revokes_the_tokens(client, people):
    _token, key = issue_token(actor=people.officer, user=people.officer, name="脚本")
    login(client, "officer")
    page = client.get("/account/password/")
    assert page.status_code == 200 and "新密码须" in page.content.decode()
    weak = client.post(
        "/account/password/", {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    )
    assert weak.status_code == 200 and "密码只包含数字" in weak.content.decode()
    new = "Xin-Mi-Ma-Geng-Chang-9"
    done = client.post("/account/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert client.get("/account/").status_code == 200  # still logged in
    (entry,) = [e for e in events(Event.PASSWORD_CHANGED) if e.actor_id is not None]
    assert entry.actor_id == people.officer.pk and entry.payload == {"by": "self", "tokens_revoked": 1}
    assert client.get("/api/v1/org/officers", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    no_secret_on_the_chain(PASSWORD, new, key)


def test_admin_sets_someones_password_and_is_named_on_the_chain(client, people):
    client.force_login(people.admin)
    new = "Guan-Li-Yuan-She-Zhi-7"
    response = client.post(
        f"/admin/org/user/{people.officer.pk}/password/",
        {"password1": new, "password2": new, "usable_password": "true"},
    )
    assert response.status_code == 302
    (entry,) = [e for e in events(Event.PASSWORD_CHANGED) if e.actor_id is not None]
    assert entry.actor_id == people.admin.pk and entry.payload["by"] == "admin"
    assert entry.subject_id == str(people.officer.pk)


def test_making_someone_a_superuser_in_admin_is_a_role_event(client, people):
    client.force_login(people.admin)
    url = f"/admin/org/user/{people.officer.pk}/change/"
    data = {
        "username": "officer",
        "last_name": "张",
        "first_name": "伟",
        "body": people.town.pk,
        "is_active": "on",
        "is_superuser": "on",
        "groups": [g.pk for g in people.officer.groups.all()],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2024-01-01",
        "date_joined_1": "08:00:00",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    granted = events(Event.ROLE_GRANTED)
    assert [e.payload["new"]["role"] for e in granted] == ["超级用户"]
