from datetime import date, timedelta

import pytest

from fazhi.audit.models import ChainEntry
from fazhi.core.errors import InvalidInput, NotPermitted
from fazhi.core.models import Deadline
from fazhi.core.services import change_setting
from fazhi.enforcement import rules as enforcement_rules
from fazhi.enforcement.tests.factories import case_at
from fazhi.publicity import redaction, services
from fazhi.publicity.models import Publication, PublicationState
from fazhi.publicity.selectors import published
from fazhi.publicity.tests.factories import (
    BANK,
    PARTY_ID,
    PARTY_PHONE,
    WITNESS,
    WITNESS_PHONE,
    decided_case,
    long_retention,
    open_pub,
)


def _deadline(pub, rule_key=enforcement_rules.PUBLISH_PERMIT_OR_PENALTY):
    return Deadline.objects.get(subject_type="publicity.publication", subject_id=str(pub.pk), rule_key=rule_key)


def test_deciding_opens_a_7_working_day_deadline_and_a_redacted_record(w):
    pub = open_pub(w)
    assert pub.state == PublicationState.PENDING
    deadline = _deadline(pub)
    assert deadline.period == "7wd" and deadline.start_date == pub.decided_on and deadline.state == "open"
    for private in (PARTY_ID, PARTY_PHONE, WITNESS, WITNESS_PHONE, BANK, "津A12345"):
        assert private in pub.original_text
        assert private not in pub.redacted_text
    assert "孙某某" in pub.redacted_text
    assert pub.decision_number in pub.redacted_text
    assert ChainEntry.objects.filter(event="publicity.opened", subject_id=str(pub.pk)).exists()


def test_opening_twice_returns_the_same_record(w):
    pub = open_pub(w)
    again = services.open_publication_for_case(actor=w.leader, case=pub.case)
    assert again.pk == pub.pk
    assert Publication.objects.count() == 1


def test_approval_publishes_closes_the_deadline_and_chains_original_redacted_and_reviewer(w):
    long_retention(w)
    pub = open_pub(w)
    pub = services.approve(actor=w.reviewer, publication=pub, on=pub.decided_on + timedelta(days=2))
    assert pub.state == PublicationState.PUBLISHED
    assert _deadline(pub).state == "met"
    entry = ChainEntry.objects.get(event="publicity.published", subject_id=str(pub.pk))
    assert entry.payload["original_sm3"] == pub.original_sm3
    assert entry.payload["redacted_text"] == pub.redacted_text
    assert entry.actor_id == w.reviewer.pk
    assert list(published()) == [pub]


def test_late_approval_closes_the_deadline_as_missed(w):
    pub = open_pub(w)
    services.approve(actor=w.reviewer, publication=pub, on=pub.decided_on + timedelta(days=30))
    assert _deadline(pub).state == "missed"


def test_publication_before_approval_is_refused_and_nothing_is_published(w):
    pub = open_pub(w)
    with pytest.raises(services.PublicationRefused, match="未经审核"):
        services.publish(actor=w.leader, publication=pub)
    pub.refresh_from_db()
    assert pub.state == PublicationState.PENDING and not published().exists()


def test_unmasked_suspect_pattern_blocks_approval_until_cleared(w):
    long_retention(w)
    pub = open_pub(w)
    services.mask_more(actor=w.reviewer, publication=pub, text="某村东侧田地", reason="可识别具体地块")
    # a receipt number that looks like it might be personal data
    Publication.objects.filter(pk=pub.pk).update(
        suspects=[{"start": 0, "end": 4, "kind": "number", "reason": "x", "text": "B0012345678901"}]
    )
    with pytest.raises(services.PublicationRefused, match="B0012345678901"):
        services.approve(actor=w.reviewer, publication=pub, on=pub.decided_on)
    assert not published().exists()
    services.clear_suspect(actor=w.reviewer, publication=pub, text="B0012345678901")
    pub = services.approve(actor=w.reviewer, publication=pub, on=pub.decided_on)
    assert pub.state == PublicationState.PUBLISHED


def test_mask_more_hides_every_occurrence_with_the_reason(w):
    pub = open_pub(w)
    pub = services.mask_more(actor=w.reviewer, publication=pub, text="某村东侧田地", reason="可识别具体地块")
    assert "某村东侧田地" not in pub.redacted_text
    assert any(s["kind"] == "manual" and "可识别具体地块" in s["reason"] for s in pub.spans)


def test_mask_more_refuses_text_not_in_the_original(w):
    pub = open_pub(w)
    with pytest.raises(InvalidInput, match="原文中没有"):
        services.mask_more(actor=w.reviewer, publication=pub, text="不存在的文字")


def test_minor_party_is_blocked_at_opening_and_cannot_be_published(w):
    minor = "110105200801010011"
    minor = minor[:17] + redaction.id18_check_digit(minor[:17])
    pub = open_pub(w, id_number=minor)
    assert pub.state == PublicationState.BLOCKED and "未成年人" in pub.block_reason
    assert _deadline(pub).state == "met"
    with pytest.raises(services.PublicationRefused, match="不予公开"):
        services.approve(actor=w.reviewer, publication=pub)
    assert not published().exists()


def test_privacy_centred_flag_blocks_publication(w):
    pub = open_pub(w)
    pub = services.set_flags(actor=w.reviewer, publication=pub, minor=False, privacy_centred=True, on=date(2022, 3, 16))
    assert pub.state == PublicationState.BLOCKED
    with pytest.raises(services.PublicationRefused):
        services.approve(actor=w.reviewer, publication=pub)


def _warning_case(w):
    return decided_case(w, before_decision={"penalty_kinds": "警告", "fine_amount": None})


def test_warning_only_decision_is_not_published_by_default(w):
    pub = services.open_publication_for_case(actor=w.leader, case=_warning_case(w))
    assert pub.state == PublicationState.BLOCKED and "警告" in pub.block_reason


def test_warning_only_decision_is_published_when_the_setting_says_so(w):
    w.leader.is_superuser = True
    w.leader.save()
    change_setting(actor=w.leader, key="publicity.publish_warning_only", value=True)
    pub = services.open_publication_for_case(actor=w.leader, case=_warning_case(w))
    assert pub.state == PublicationState.PENDING


def test_withdrawal_needs_a_reason_and_the_reason_replaces_the_record(w):
    pub = open_pub(w)
    services.approve(actor=w.reviewer, publication=pub, on=pub.decided_on)
    today = date.today()
    services.record_revocation(actor=w.reviewer, publication=pub, on=today, cause="区政府复议决定撤销")
    deadline = _deadline(pub, enforcement_rules.WITHDRAW_PUBLICATION)
    assert deadline.period == "3wd" and deadline.state == "open"
    with pytest.raises(InvalidInput, match="理由"):
        services.withdraw(actor=w.reviewer, publication=pub, reason="  ")
    pub.refresh_from_db()
    assert pub.state == PublicationState.PUBLISHED
    pub = services.withdraw(actor=w.reviewer, publication=pub, on=today, reason="该决定已被依法撤销")
    assert pub.state == PublicationState.WITHDRAWN
    assert _deadline(pub, enforcement_rules.WITHDRAW_PUBLICATION).state == "met"
    assert not published().exists()


def test_colleague_without_role_and_outsider_cannot_approve(w):
    pub = open_pub(w)
    with pytest.raises(NotPermitted):
        services.approve(actor=w.colleague, publication=pub)
    with pytest.raises(NotPermitted):
        services.approve(actor=w.outsider, publication=pub)
    pub.refresh_from_db()
    assert pub.state == PublicationState.PENDING


def test_retention_uses_settings_and_the_sweep_is_idempotent(w):
    pub = open_pub(w)
    pub = services.approve(actor=w.reviewer, publication=pub, on=pub.decided_on)
    # 600 元 is a small fine: 3 months
    assert pub.retire_on == date(2022, 6, 15)
    assert services.sweep_expired(today=date(2022, 6, 14)) == 0
    assert services.sweep_expired(today=date(2022, 6, 15)) == 1
    assert services.sweep_expired(today=date(2022, 6, 16)) == 0
    pub.refresh_from_db()
    assert pub.state == PublicationState.EXPIRED and not published().exists()
    assert ChainEntry.objects.filter(event="publicity.expired").count() == 1


def test_larger_fine_on_an_organisation_stays_three_years_or_as_set(w):
    admin = w.leader
    admin.is_superuser = True
    admin.save()
    pub = open_pub(w, party_kind="organisation", fine=1800)
    pub = services.approve(actor=w.reviewer, publication=pub, on=pub.decided_on)
    assert pub.retire_on == date(2025, 3, 15)
    change_setting(actor=admin, key="publicity.retention_years", value=1)
    assert services.retire_date(pub, date(2022, 3, 15)) == date(2023, 3, 15)


def test_opening_inside_the_decision_transaction_as_enforcement_will_call_it(w):
    from django.db import transaction

    from fazhi.enforcement import services as enforcement

    case = case_at(w, "ready")
    with transaction.atomic():
        case = enforcement.decide(actor=w.leader, case=case, on=date(2022, 3, 15))
        pub = services.open_publication_for_case(actor=w.leader, case=case)
    assert pub.decision_number == case.decision_number
    assert _deadline(pub).due_date > case.decided_on
