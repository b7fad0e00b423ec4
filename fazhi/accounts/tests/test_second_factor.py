"""The second factor for administrators and supervisors: enrolment (QR drawn on the server, recovery codes shown once),
verification, a recovery code used once, and refusal without it — pages, admin site and API."""

import re
from datetime import timedelta

import time_machine
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.accounts import services
from fazhi.accounts.tests.conftest import login
from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.conftest import force_login_password_only


def code_for(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():06d}"


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="动态口令", confirmed=True)
    services._issue_recovery_codes(user)
    return device


def test_an_officer_owes_no_second_factor(client, people):
    assert login(client, "officer").url == "/"
    assert client.get("/").status_code == 200


def test_a_supervisor_without_a_device_must_enrol_before_anything_else(client, people):
    login(client, "supervisor")
    response = client.get("/audit/")
    assert response.status_code == 302 and response.url.startswith("/account/second-factor/setup/")
    assert client.get("/api/v1/audit/entries").status_code == 403
    assert client.get("/gongkai/").status_code == 200  # the public portal stays open


def test_enrolment_draws_the_qr_on_the_server_and_shows_recovery_codes_once(client, people):
    login(client, "supervisor")
    page = client.get("/account/second-factor/setup/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "otpauth" not in html.split("<svg")[0][-200:]
    assert "<script" not in html.split("<main")[1]  # no script draws it
    device = TOTPDevice.objects.get(user=people.supervisor, confirmed=False)
    wrong = client.post(
        "/account/second-factor/setup/", {"token": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 400 and "动态口令不正确" in wrong.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=2), tick=False):  # after a failure, one second's wait
        device.refresh_from_db()
        ok = client.post("/account/second-factor/setup/", {"token": code_for(device)})
    assert ok.status_code == 302 and ok.url.startswith("/account/second-factor/recovery-codes/")
    shown = client.get(ok.url).content.decode()
    codes = re.findall(r'<li class="col-6">([a-z2-7]{8})</li>', shown)
    assert len(codes) == 10
    assert client.get("/account/second-factor/recovery-codes/").status_code == 302  # once only
    assert client.get("/audit/").status_code == 200  # the session is verified
    entry = ChainEntry.objects.get(event=Event.SECOND_FACTOR_ENROLLED)
    assert entry.payload == {"device": "totp", "recovery_codes": 10}
    assert device.key not in str(entry.payload) and codes[0] not in str(entry.payload)


def test_login_with_the_code_from_the_app(client, people):
    device = enrolled(people.supervisor)
    response = login(client, "supervisor")
    assert response.url == "/"
    redirected = client.get("/audit/")
    assert redirected.url.startswith("/account/second-factor/?next=")
    bad = client.post("/account/second-factor/", {"token": "12345"})
    assert bad.status_code == 400 and "不正确" in bad.content.decode()
    assert client.post("/account/second-factor/", {"token": code_for(device)}).status_code == 429  # waits a second
    with time_machine.travel(timezone.now() + timedelta(seconds=2), tick=False):
        device.refresh_from_db()
        ok = client.post("/account/second-factor/", {"token": code_for(device), "next": "/audit/"})
    assert ok.status_code == 302 and ok.url == "/audit/"
    assert client.get("/audit/").status_code == 200
    assert ChainEntry.objects.filter(event=Event.SECOND_FACTOR_FAILED).count() == 1
    assert ChainEntry.objects.get(event=Event.SECOND_FACTOR_VERIFIED).payload["device"] == "totp"


def test_a_code_cannot_be_used_twice(client, people):
    device = enrolled(people.supervisor)
    code = code_for(device)
    login(client, "supervisor")
    assert client.post("/account/second-factor/", {"token": code}).status_code == 302
    client.post("/logout/")
    login(client, "supervisor")
    assert client.post("/account/second-factor/", {"token": code}).status_code in (400, 429)


def test_a_recovery_code_works_once(client, people):
    enrolled(people.admin)
    code = StaticToken.objects.filter(device__user=people.admin).first().token
    login(client, "admin")
    response = client.post("/account/second-factor/", {"token": code.upper()}, follow=True)
    assert "还剩 9 个" in response.content.decode()
    assert client.get("/admin/").status_code == 200
    client.post("/logout/")
    login(client, "admin")
    assert client.post("/account/second-factor/", {"token": code}).status_code in (400, 429)
    entry = ChainEntry.objects.get(event=Event.SECOND_FACTOR_VERIFIED)
    assert entry.payload["device"] == "recovery_code" and entry.payload["recovery_codes_left"] == 9


def test_admin_site_refuses_a_session_without_the_second_factor(client, people):
    enrolled(people.admin)
    force_login_password_only(client, people.admin)
    assert client.get("/admin/").url.startswith("/account/second-factor/")
    # Even past the middleware the admin site itself asks for a verified device.
    from django.contrib import admin
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = people.admin
    people.admin.is_verified = lambda: False
    assert admin.site.has_permission(request) is False


def test_someone_with_only_the_password_cannot_replace_the_device_or_get_new_codes(client, people):
    enrolled(people.supervisor)
    force_login_password_only(client, people.supervisor)
    assert client.get("/account/second-factor/setup/").url.startswith("/account/second-factor/?next=")
    assert client.post("/account/second-factor/recovery-codes/new/").status_code == 404
    assert StaticToken.objects.filter(device__user=people.supervisor).count() == 10


def test_admin_resets_a_lost_device_and_the_person_enrols_again(client, people):
    enrolled(people.supervisor)
    client.force_login(people.admin)
    client.post("/admin/org/user/", {"action": "reset_second_factor", "_selected_action": [people.supervisor.pk]})
    assert not TOTPDevice.objects.filter(user=people.supervisor).exists()
    assert ChainEntry.objects.get(event=Event.SECOND_FACTOR_RESET).actor_id == people.admin.pk
    other = type(client)()
    login(other, "supervisor")
    assert other.get("/").url.startswith("/account/second-factor/setup/")


def test_verified_user_regenerates_recovery_codes(client, people):
    client.force_login(people.supervisor)  # force_login passes the second factor
    response = client.post("/account/second-factor/recovery-codes/new/", follow=True)
    assert len(re.findall(r'<li class="col-6">', response.content.decode())) == 10
