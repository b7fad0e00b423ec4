import pytest
from django.urls import reverse

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.org.models import Body
from fazhi.org.tests.factories import CertificateFactory, StaffFactory


@pytest.fixture
def superuser(org):
    return StaffFactory(username="root", body=org.office, is_staff=True, is_superuser=True)


@pytest.mark.parametrize("model", ["body", "user", "certificate", "trainingrecord"])
def test_admin_lists_the_reference_data(client, org, superuser, model):
    CertificateFactory(holder=org.officer)
    client.force_login(superuser)
    assert client.get(reverse(f"admin:org_{model}_changelist")).status_code == 200


def test_admin_groups_page_lists_the_roles(client, superuser):
    client.force_login(superuser)
    content = client.get(reverse("admin:auth_group_changelist")).content.decode()
    assert "执法人员" in content and "监督人员" in content


def test_adding_a_body_in_admin_sets_its_path_and_goes_on_the_chain(client, org, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:org_body_add"),
        {"name": "辛口镇财政所", "short_name": "财政所", "kind": "unit", "parent": org.town.pk, "code": "XQ-XK-CZS"},
    )
    assert response.status_code == 302
    body = Body.objects.get(code="XQ-XK-CZS")
    assert body.path == f"{org.town.path}{body.pk}/"
    assert ChainEntry.objects.filter(event=Event.BODY_CREATED, subject_id=str(body.pk)).count() == 1


def test_certificates_cannot_be_edited_in_admin(client, org, superuser):
    cert = CertificateFactory(holder=org.officer)
    client.force_login(superuser)
    response = client.post(reverse("admin:org_certificate_change", args=[cert.pk]), {"state": "revoked"})
    assert response.status_code == 403
    cert.refresh_from_db()
    assert cert.state == "valid"


def test_changing_roles_in_admin_goes_on_the_chain(client, org, superuser):
    from django.contrib.auth.models import Group

    client.force_login(superuser)
    user = org.colleague
    mediator = Group.objects.get(name="调解员")
    current = list(user.groups.values_list("pk", flat=True))
    response = client.post(
        reverse("admin:org_user_change", args=[user.pk]),
        {
            "username": user.username,
            "last_name": user.last_name,
            "first_name": user.first_name,
            "body": user.body_id,
            "phone": "",
            "email": "",
            "is_active": "on",
            "groups": [*current, mediator.pk],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2019-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert user.groups.filter(name="调解员").exists()
    entry = ChainEntry.objects.filter(event=Event.ROLE_GRANTED, subject_id=str(user.pk)).get()
    assert entry.payload == {"new": {"role": "调解员"}}
