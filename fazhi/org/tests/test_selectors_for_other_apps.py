"""The reads other apps make of the organisation (the portal, publicity, law, the workbench), through org's
selectors: bodies by id, code and subtree, public officer columns, counts for the yearly statistics."""

from datetime import date

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.core.access import Role
from fazhi.org import selectors
from fazhi.org.models import CertificateState
from fazhi.org.services import issue_certificate, record_training, suspend_certificate


def test_bodies_by_code_keeps_to_the_users_scope_unless_the_system_asks(org):
    codes = {org.team.code, org.other_team.code}
    assert {b.code for b in selectors.bodies_by_code(codes, user=org.leader)} == {org.team.code}
    assert {b.code for b in selectors.bodies_by_code(codes)} == codes


def test_subtree_towns_district_and_the_towns_above_some_bodies(org):
    assert set(selectors.subtree(org.town)) == {org.town, org.team, org.office}
    assert list(selectors.towns()) == [org.town, org.other_town]
    assert selectors.district_of(org.team) == org.district
    assert selectors.district_of(org.district) == org.district
    assert selectors.district_of(None) is None
    assert set(selectors.bodies_and_towns_above([org.team.pk, org.bureau.pk])) == {org.team, org.town, org.bureau}
    assert set(selectors.bodies_with_ids([org.team.pk])) == {org.team}
    assert selectors.body_paths()[org.team.pk] == org.team.path
    assert selectors.body_names()[org.team.pk] == "辛口镇综合执法大队"


def test_people_with_a_role_below_a_body(org):
    assert list(selectors.people_with_role_in(org.town, Role.LEADER)) == [org.leader]
    assert list(selectors.people_with_role_in(org.team, Role.LEADER)) == []


def test_certified_officers_give_only_the_public_columns_and_counts_by_body(org):
    on = date(2019, 10, 8)
    cert = issue_certificate(
        actor=None,
        holder=org.officer,
        number="津执00001",
        field="综合行政执法",
        valid_from=date(2019, 1, 1),
        valid_to=date(2021, 12, 31),
    )
    rows = selectors.certified_officers_in(org.town, on)
    assert rows == [
        {
            "holder__last_name": "张",
            "holder__first_name": "伟",
            "holder__body__name": "辛口镇综合执法大队",
            "number": "津执00001",
            "field": "综合行政执法",
        }
    ]
    assert selectors.certified_officers_in(org.other_town, on) == []
    assert selectors.certified_officer_counts(on) == {org.team.pk: 1}
    suspend_certificate(actor=None, certificate=cert, reason="涉嫌违规")
    assert cert.__class__.objects.get(pk=cert.pk).state == CertificateState.SUSPENDED
    assert selectors.certified_officer_counts(on) == {}


def test_training_years_and_certificate_history(org):
    record_training(
        actor=None, person=org.officer, on=date(2019, 3, 14), topic="行政处罚法", hours="8", source="offline"
    )
    record_training(
        actor=None, person=org.officer, on=date(2021, 3, 14), topic="行政处罚法", hours="8", source="offline"
    )
    assert selectors.training_years(org.officer) == {2019, 2021}
    assert selectors.training_years(org.leader) == set()
    cert = issue_certificate(
        actor=None,
        holder=org.officer,
        number="津执00002",
        field="综合",
        valid_from=date(2019, 1, 1),
        valid_to=date(2021, 1, 1),
    )
    record(actor=None, event=Event.SETTING_CHANGED, subject=("org.certificate", "999", "另一证件"), payload={})
    suspend_certificate(actor=None, certificate=cert, reason="涉嫌违规")
    assert [e.event for e in selectors.certificate_history(cert)] == [
        Event.CERTIFICATE_ISSUED,
        Event.CERTIFICATE_SUSPENDED,
    ]
