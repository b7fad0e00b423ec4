from datetime import date, timedelta

import pytest

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.core.errors import DomainError, InvalidTransition
from fazhi.org import selectors, services
from fazhi.org.errors import CertificateError
from fazhi.org.models import Certificate, CertificateState, CertificateStatus
from fazhi.org.rules import CERTIFICATE_ACTIONS, check_transition
from fazhi.org.tests.factories import CertificateFactory


def _entries(cert):
    return list(ChainEntry.objects.filter(subject_type="org.certificate", subject_id=str(cert.pk)).order_by("seq"))


def test_issue_certificate_writes_its_chain_entry(org):
    cert = services.issue_certificate(
        actor=org.leader,
        holder=org.officer,
        number="津执20190001",
        field="综合行政执法",
        valid_from=date(2019, 4, 1),
        valid_to=date(2025, 3, 31),
    )
    assert cert.state == CertificateState.VALID
    assert cert.issuer == "天津市人民政府"
    [entry] = _entries(cert)
    assert entry.event == Event.CERTIFICATE_ISSUED
    assert entry.actor_id == org.leader.pk
    assert entry.body_id == org.team.pk
    assert entry.payload["new"]["number"] == "津执20190001"
    assert entry.payload["new"]["valid_to"] == "2025-03-31"


def test_duplicate_certificate_number_is_refused_and_changes_nothing(org):
    CertificateFactory(holder=org.officer, number="津执20190001")
    before = ChainEntry.objects.count()
    with pytest.raises(CertificateError, match="证件编号「津执20190001」已登记"):
        CertificateFactory(holder=org.other_officer, number="津执20190001")
    assert Certificate.objects.filter(number="津执20190001").count() == 1
    assert ChainEntry.objects.count() == before


def test_certificate_with_end_before_start_is_refused(org):
    with pytest.raises(CertificateError, match="有效期至"):
        CertificateFactory(holder=org.officer, valid_from=date(2020, 1, 1), valid_to=date(2019, 12, 31))
    assert not Certificate.objects.exists()


def test_suspend_records_old_and_new_state_with_reason_and_rule(org):
    cert = CertificateFactory(holder=org.officer)
    services.suspend_certificate(actor=org.leader, certificate=cert, reason="涉嫌违法实施行政强制措施")
    cert.refresh_from_db()
    assert cert.state == CertificateState.SUSPENDED
    assert cert.state_reason == "涉嫌违法实施行政强制措施"
    entry = _entries(cert)[-1]
    assert entry.event == Event.CERTIFICATE_SUSPENDED
    assert entry.payload["old"] == {"state": "valid"}
    assert entry.payload["new"] == {"state": "suspended"}
    assert entry.payload["reason"] == "涉嫌违法实施行政强制措施"
    assert "第二十四条" in entry.payload["citation"]


def test_suspend_needs_a_reason_and_changes_nothing_without_one(org):
    cert = CertificateFactory(holder=org.officer)
    before = ChainEntry.objects.count()
    with pytest.raises(DomainError, match="理由"):
        services.suspend_certificate(actor=org.leader, certificate=cert, reason="  ")
    cert.refresh_from_db()
    assert cert.state == CertificateState.VALID
    assert ChainEntry.objects.count() == before


def test_restore_brings_a_suspended_certificate_back(org):
    cert = CertificateFactory(holder=org.officer)
    services.suspend_certificate(actor=org.leader, certificate=cert, reason="待查")
    services.restore_certificate(actor=org.leader, certificate=cert, reason="经查不属实")
    cert.refresh_from_db()
    assert cert.state == CertificateState.VALID
    assert [e.event for e in _entries(cert)] == [
        Event.CERTIFICATE_ISSUED,
        Event.CERTIFICATE_SUSPENDED,
        Event.CERTIFICATE_RESTORED,
    ]


def test_revoke_from_suspended_is_allowed(org):
    cert = CertificateFactory(holder=org.officer)
    services.suspend_certificate(actor=org.leader, certificate=cert, reason="待查")
    services.revoke_certificate(actor=org.leader, certificate=cert, reason="查实违法执法")
    cert.refresh_from_db()
    assert cert.state == CertificateState.REVOKED
    assert _entries(cert)[-1].event == Event.CERTIFICATE_REVOKED


@pytest.mark.parametrize(
    ("setup", "action", "service", "rule_words"),
    [
        ([], "restore", services.restore_certificate, "第二十四条"),
        (["suspend"], "suspend", services.suspend_certificate, "第二十四条"),
        (["revoke"], "suspend", services.suspend_certificate, "第二十四条"),
        (["revoke"], "restore", services.restore_certificate, "第二十四条"),
        (["revoke"], "revoke", services.revoke_certificate, "第二十五条"),
    ],
)
def test_forbidden_transition_names_the_rule_and_changes_nothing(org, setup, action, service, rule_words):
    cert = CertificateFactory(holder=org.officer)
    for step in setup:
        {"suspend": services.suspend_certificate, "revoke": services.revoke_certificate}[step](
            actor=org.leader, certificate=cert, reason="前置"
        )
    cert.refresh_from_db()
    state_before, entries_before = cert.state, ChainEntry.objects.count()
    with pytest.raises(InvalidTransition) as caught:
        service(actor=org.leader, certificate=cert, reason="再试")
    assert rule_words in caught.value.message
    assert "天津市行政执法监督规定" in caught.value.message
    assert CERTIFICATE_ACTIONS[action].name in caught.value.message
    cert.refresh_from_db()
    assert cert.state == state_before
    assert ChainEntry.objects.count() == entries_before


def test_transition_table_is_the_single_check():
    assert check_transition("suspend", CertificateState.VALID).target == CertificateState.SUSPENDED
    with pytest.raises(InvalidTransition):
        check_transition("restore", CertificateState.VALID)


def test_expiry_is_derived_from_dates_never_stored(org):
    cert = CertificateFactory(holder=org.officer, valid_from=date(2019, 1, 1), valid_to=date(2020, 12, 31))
    assert cert.status_on(date(2020, 12, 31)) == CertificateStatus.VALID
    assert cert.status_on(date(2021, 1, 1)) == CertificateStatus.EXPIRED
    assert cert.status_on(date(2018, 12, 31)) == CertificateStatus.NOT_YET_VALID
    cert.refresh_from_db()
    assert cert.state == CertificateState.VALID


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2019, 3, 31), False),
        (date(2019, 4, 1), True),
        (date(2021, 6, 1), True),
        (date(2022, 3, 31), True),
        (date(2022, 4, 1), False),
    ],
)
def test_may_enforce_only_within_the_certificate_dates(org, day, expected):
    CertificateFactory(holder=org.officer, valid_from=date(2019, 4, 1), valid_to=date(2022, 3, 31))
    assert selectors.may_enforce(org.officer, day) is expected
    assert selectors.enforcement_status(org.officer, day)[0] is expected


def test_may_enforce_is_false_while_suspended_and_true_after_restore(org):
    cert = CertificateFactory(holder=org.officer, valid_from=date(2019, 4, 1), valid_to=date(2030, 3, 31))
    day = date(2020, 5, 6)
    services.suspend_certificate(actor=org.leader, certificate=cert, reason="待查")
    assert selectors.may_enforce(org.officer, day) is False
    ok, reason = selectors.enforcement_status(org.officer, day)
    assert not ok
    assert "暂扣" in reason and "第四十二条" in reason
    services.restore_certificate(actor=org.leader, certificate=cert)
    assert selectors.may_enforce(org.officer, day) is True


def test_enforcement_status_explains_missing_expired_and_revoked(org):
    ok, reason = selectors.enforcement_status(org.officer, date(2020, 1, 1))
    assert not ok and "未取得行政执法证件" in reason and "《中华人民共和国行政处罚法》第四十二条" in reason
    CertificateFactory(holder=org.officer, number="A1", valid_from=date(2019, 1, 1), valid_to=date(2019, 12, 31))
    ok, reason = selectors.enforcement_status(org.officer, date(2020, 1, 1))
    assert not ok and "2019-12-31 过期" in reason
    cert = CertificateFactory(holder=org.officer, number="A2", valid_from=date(2020, 1, 1), valid_to=date(2025, 1, 1))
    ok, reason = selectors.enforcement_status(org.officer, date(2020, 1, 1))
    assert ok and "A2" in reason
    services.revoke_certificate(actor=org.leader, certificate=cert, reason="考试不合格")
    ok, reason = selectors.enforcement_status(org.officer, date(2020, 1, 1))
    assert not ok and "A2 已注销" in reason


def test_officers_certified_on_takes_one_query(org, django_assert_num_queries):
    CertificateFactory(holder=org.officer, valid_from=date(2019, 1, 1), valid_to=date(2030, 1, 1))
    suspended = CertificateFactory(holder=org.other_officer, valid_from=date(2019, 1, 1), valid_to=date(2030, 1, 1))
    services.suspend_certificate(actor=None, certificate=suspended, reason="待查")
    ids = [org.officer.pk, org.other_officer.pk, org.leader.pk]
    with django_assert_num_queries(1):
        result = selectors.officers_certified_on(ids, date(2020, 1, 1))
    assert result == {org.officer.pk}
    assert selectors.officers_certified_on([], date(2020, 1, 1)) == set()


def test_certificates_expiring_lists_valid_ones_within_the_window_in_scope(org):
    today = date.today()
    soon = CertificateFactory(holder=org.officer, valid_to=today + timedelta(days=30))
    CertificateFactory(holder=org.leader, valid_to=today + timedelta(days=90))
    suspended = CertificateFactory(holder=org.admin, valid_to=today + timedelta(days=10))
    services.suspend_certificate(actor=None, certificate=suspended, reason="待查")
    CertificateFactory(holder=org.other_officer, valid_to=today + timedelta(days=5))
    assert selectors.certificates_expiring(org.leader, on=today) == [soon]
    assert [c.pk for c in selectors.certificates_expiring(org.leader, within_days=100, on=today)] == [
        soon.pk,
        Certificate.objects.get(holder=org.leader).pk,
    ]
    assert len(selectors.certificates_expiring(org.supervisor, on=today)) == 2


def test_expiry_window_is_a_setting(org):
    from fazhi.core.services import change_setting

    today = date.today()
    cert = CertificateFactory(holder=org.officer, valid_to=today + timedelta(days=80))
    assert selectors.certificates_expiring(org.leader, on=today) == []
    change_setting(actor=None, key="org.certificate_expiry_window_days", value=90, body=org.town)
    assert selectors.expiry_window_days(org.leader) == 90
    assert selectors.certificates_expiring(org.leader, on=today) == [cert]
    assert selectors.expiry_window_days(org.outsider) == 60


def test_my_certificates_are_only_my_own(org):
    mine = CertificateFactory(holder=org.officer)
    CertificateFactory(holder=org.leader)
    assert selectors.my_certificates(org.officer) == [mine]
