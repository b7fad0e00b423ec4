"""API tokens: hashed at rest, named, expiring, revocable by the user and the admin, revoked on a password change,
acting as the user and never more; bearer requests need no CSRF token, session requests still do. Every client here
enforces CSRF, as a browser's requests meet it."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from fazhi.accounts.models import ApiToken
from fazhi.accounts.services import hash_key, issue_token
from fazhi.api import api
from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry

pytestmark = pytest.mark.usefixtures("people")


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def new_token(user, **kwargs):
    return issue_token(actor=user, user=user, name="脚本", **kwargs)


def csrf(client):
    client.get("/account/")
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def test_the_key_is_stored_only_as_its_hash(people):
    token, key = new_token(people.officer)
    assert key.startswith("fz_") and len(key) > 40
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in str(row) and row["key_hash"] == hash_key(key)
    entry = ChainEntry.objects.get(event=Event.API_TOKEN_ISSUED)
    assert key not in str(entry.payload) and entry.payload["name"] == "脚本"


def test_a_bearer_post_needs_no_csrf_token_and_a_session_post_does(csrf_client, people):
    _token, key = new_token(people.officer)
    url = "/api/v1/accounts/tokens"
    # Token management takes the session only, so show the CSRF rule on it; a bearer write is shown below.
    csrf_client.force_login(people.officer)
    assert csrf_client.post(url, {"name": "无 CSRF"}, content_type="application/json").status_code == 403
    ok = csrf_client.post(url, {"name": "有 CSRF"}, content_type="application/json", **csrf(csrf_client))
    assert ok.status_code == 201 and ok.json()["token"].startswith("fz_")


def test_a_bad_expired_or_revoked_token_is_401_and_never_falls_back_to_the_session(csrf_client, people):
    token, key = new_token(people.officer, days=30)
    _later, expiring = new_token(people.officer, days=30)
    csrf_client.force_login(people.officer)  # a session is there too: a wrong bearer still fails
    assert csrf_client.get("/api/v1/org/officers", **bearer("fz_forged")).status_code == 401
    assert csrf_client.get("/api/v1/org/officers", **bearer(key)).status_code == 200
    csrf_client.post(f"/account/tokens/{token.pk}/revoke/", **csrf(csrf_client))
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert csrf_client.get("/api/v1/org/officers", **bearer(key)).status_code == 401
    csrf_client.logout()
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert csrf_client.get("/api/v1/org/officers", **bearer(expiring)).status_code == 401


def test_a_deactivated_users_token_stops_working(csrf_client, people):
    _token, key = new_token(people.officer)
    people.officer.is_active = False
    people.officer.save(update_fields=["is_active"])
    assert csrf_client.get("/api/v1/org/officers", **bearer(key)).status_code == 401


def test_a_token_sees_what_its_user_sees_and_no_more(csrf_client, people):
    _t, mine = new_token(people.officer)
    _t, theirs = new_token(people.outsider)
    names = {o["username"] for o in csrf_client.get("/api/v1/org/officers", **bearer(mine)).json()}
    other = {o["username"] for o in csrf_client.get("/api/v1/org/officers", **bearer(theirs)).json()}
    assert "officer" in names and "zjw_officer" not in names
    assert "zjw_officer" in other and "officer" not in other


def test_a_token_cannot_list_issue_or_revoke_tokens(csrf_client, people):
    token, key = new_token(people.officer)
    assert csrf_client.get("/api/v1/accounts/tokens", **bearer(key)).status_code == 401
    post = csrf_client.post("/api/v1/accounts/tokens", {"name": "x"}, content_type="application/json", **bearer(key))
    assert post.status_code in (401, 403)
    assert csrf_client.post(f"/api/v1/accounts/tokens/{token.pk}/revoke", **bearer(key)).status_code in (401, 403)
    assert ApiToken.objects.filter(user=people.officer, revoked_at__isnull=True).count() == 1


def test_tokens_are_listed_on_the_account_page_and_revoked_there(client, people):
    client.force_login(people.officer)
    response = client.post("/account/tokens/new/", {"name": "数据报送", "days": "30"}, follow=True)
    html = response.content.decode()
    key = ApiToken.objects.get(name="数据报送")
    assert "数据报送" in html and "请立即复制保存" in html and key.prefix in html
    assert "请立即复制保存" not in client.get("/account/").content.decode()  # the key is shown once
    client.post(f"/account/tokens/{key.pk}/revoke/")
    assert "已吊销" in client.get("/account/").content.decode()
    other = type(client)()
    other.force_login(people.outsider)
    assert other.post(f"/account/tokens/{key.pk}/revoke/").status_code == 404


def test_admin_revokes_any_token(client, people):
    token, key = new_token(people.officer)
    client.force_login(people.admin)
    client.post("/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_reason == "管理员吊销"
    revoked = ChainEntry.objects.get(event=Event.API_TOKEN_REVOKED)
    assert revoked.actor_id == people.admin.pk and revoked.subject_id == str(people.officer.pk)


def test_every_token_is_revoked_when_the_password_changes(people):
    new_token(people.officer)
    new_token(people.officer)
    people.officer.set_password("Ling-Yi-Ge-Mi-Ma-42")
    people.officer.save()
    assert not ApiToken.objects.filter(user=people.officer, revoked_at__isnull=True).exists()
    assert ApiToken.objects.filter(user=people.officer, revoked_reason="修改密码").count() == 2


def test_the_command_issues_lists_and_revokes(people, capsys):
    call_command("api_token", "officer", "--name", "夜间同步", "--days", "7")
    key = capsys.readouterr().out.strip()
    assert key.startswith("fz_")
    call_command("api_token", "officer", "--list")
    listed = capsys.readouterr().out
    assert "夜间同步" in listed and "有效" in listed
    token = ApiToken.objects.get(name="夜间同步")
    call_command("api_token", "officer", "--revoke", str(token.pk))
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_every_operation_uses_the_one_api_auth_or_is_declared_public():
    from fazhi.accounts.api import API_AUTH, session

    public = {"/publicity/published", "/publicity/published/{pk}", "/learning/public/activities"}
    for bound in api._get_bound_routers():
        prefix = bound.prefix
        for path, path_view in bound.path_operations.items():
            for operation in path_view.operations:
                full = (prefix.rstrip("/") + "/" + path.lstrip("/")).replace("//", "/")
                if prefix.startswith("/accounts"):
                    assert operation.auth_callbacks == [session], full
                elif any(full.endswith(p) for p in public):
                    assert not operation.auth_callbacks, full
                else:
                    assert operation.auth_callbacks == API_AUTH, full


def test_the_api_docs_need_a_login_and_load_nothing_from_a_cdn(client, people):
    assert client.get("/api/v1/docs").status_code == 302
    client.force_login(people.officer)
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/" in html and "cdn" not in html.lower()
