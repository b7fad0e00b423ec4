import pytest
from django.contrib.auth.models import Group

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.core.access import Role, has_role
from fazhi.org import selectors, services
from fazhi.org.errors import StaffError
from fazhi.org.models import User


def _events(user):
    return [
        e.event for e in ChainEntry.objects.filter(subject_type="org.user", subject_id=str(user.pk)).order_by("seq")
    ]


def test_create_staff_puts_the_person_in_a_body_with_roles_on_the_chain(org):
    user = services.create_staff(
        actor=org.leader,
        username="lina",
        last_name="李",
        first_name="娜",
        body=org.team,
        phone="13800000000",
        roles=[Role.OFFICER, Role.MEDIATOR],
        password="long-enough-password",
    )
    assert user.get_full_name() == "李娜"
    assert user.body == org.team
    assert user.phone == "13800000000"
    assert user.check_password("long-enough-password")
    assert has_role(user, Role.OFFICER) and has_role(user, Role.MEDIATOR)
    entry = ChainEntry.objects.get(subject_type="org.user", subject_id=str(user.pk))
    assert entry.event == Event.STAFF_CREATED
    assert entry.body_id == org.team.pk
    assert entry.payload["new"]["roles"] == sorted([Role.OFFICER.value, Role.MEDIATOR.value])


def test_duplicate_username_is_refused_and_changes_nothing(org):
    before = (User.objects.count(), ChainEntry.objects.count())
    with pytest.raises(StaffError, match="用户名「officer」已被使用"):
        services.create_staff(actor=None, username="officer", last_name="重", first_name="名", body=org.team)
    assert (User.objects.count(), ChainEntry.objects.count()) == before


def test_staff_without_a_body_is_refused(db):
    with pytest.raises(StaffError, match="所在机构"):
        services.create_staff(actor=None, username="x", last_name="无", first_name="机构", body=None)


def test_grant_and_revoke_role_are_on_the_chain_and_idempotent(org):
    assert services.grant_role(actor=org.leader, user=org.colleague, role=Role.MEDIATOR) is True
    assert services.grant_role(actor=org.leader, user=org.colleague, role=Role.MEDIATOR) is False
    assert org.colleague.groups.filter(name=Role.MEDIATOR.value).exists()
    assert services.revoke_role(actor=org.leader, user=org.colleague, role=Role.MEDIATOR) is True
    assert services.revoke_role(actor=org.leader, user=org.colleague, role=Role.MEDIATOR) is False
    assert not org.colleague.groups.filter(name=Role.MEDIATOR.value).exists()
    assert _events(org.colleague) == [Event.STAFF_CREATED, Event.ROLE_GRANTED, Event.ROLE_REVOKED]


def test_change_staff_moves_a_person_and_records_old_and_new(org):
    services.change_staff(actor=org.leader, user=org.colleague, body=org.team, phone="123")
    org.colleague.refresh_from_db()
    assert org.colleague.body == org.team
    entry = ChainEntry.objects.filter(event=Event.STAFF_CHANGED).get()
    assert entry.payload["old"]["body_id"] == org.office.pk
    assert entry.payload["new"]["body_id"] == org.team.pk


def test_ensure_roles_creates_the_seven_groups_once(db):
    services.ensure_roles()
    services.ensure_roles()
    assert Group.objects.filter(name__in=Role.values).count() == 7


def test_town_staff_see_their_town_only(org):
    ids = selectors.visible_body_ids(org.officer)
    assert ids == {org.town.pk, org.team.pk, org.office.pk}
    assert org.other_town.pk not in selectors.visible_body_ids(org.leader)


def test_district_unit_supervisor_sees_every_town_below_the_district(org):
    assert selectors.scope_root(org.supervisor) == org.district
    ids = selectors.visible_body_ids(org.supervisor)
    assert {org.town.pk, org.team.pk, org.other_town.pk, org.other_team.pk, org.bureau.pk} <= ids


def test_visible_staff_is_scoped(org):
    assert org.other_officer not in selectors.visible_staff(org.leader)
    assert org.officer in selectors.visible_staff(org.leader)
    assert {org.officer, org.other_officer} <= set(selectors.visible_staff(org.supervisor))


def test_province_is_inherited_from_the_district(org):
    assert selectors.province_of(org.team) == "天津市"
