import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_shows_the_chain_read_only(client, town_chain):
    client.force_login(town_chain.superuser)
    changelist = client.get(reverse("admin:audit_chainentry_changelist"))
    assert changelist.status_code == 200
    assert town_chain.team_entry.entry_hash[:12] in changelist.content.decode()
    detail = client.get(reverse("admin:audit_chainentry_change", args=[town_chain.team_entry.pk]))
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert client.get(reverse("admin:audit_chainentry_add")).status_code == 403
    delete_url = reverse("admin:audit_chainentry_delete", args=[town_chain.team_entry.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
