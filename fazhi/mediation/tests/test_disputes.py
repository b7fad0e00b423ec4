"""A dispute from registration to its end, each step one chain entry with its own event code."""

from datetime import date

import pytest

from fazhi.audit.models import ChainEntry
from fazhi.core import deadlines
from fazhi.core.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.core.models import DeadlineState
from fazhi.mediation import rules, services
from fazhi.mediation.models import Agreement, Consent, Dispute, DisputeStatus
from fazhi.mediation.tests.support import PARTIES, WRITTEN, consented, dispute, mediating


def events(d):
    return list(
        ChainEntry.objects.filter(subject_type="mediation.dispute", subject_id=str(d.pk)).order_by("seq")
        .values_list("event", flat=True)
    )  # fmt: skip


def test_registering_numbers_the_dispute_and_keeps_parties_off_the_chain(m):
    d = dispute(m)
    assert d.number == "辛口镇调登〔2019〕1号"
    assert d.status == DisputeStatus.REGISTERED
    entry = ChainEntry.objects.get(event="mediation.dispute_registered")
    text = str(entry.payload)
    assert "张某甲" not in text and "120111197001010011" not in text
    assert entry.payload["new"]["parties"] == {"a": 1, "b": 1}


def test_a_dispute_without_a_date_or_type_is_refused(m):
    with pytest.raises(InvalidInput) as err:
        dispute(m, on=None)
    assert err.value.field == "registered_on"
    with pytest.raises(InvalidInput, match="纠纷类型") as err:
        dispute(m, kind="")
    assert err.value.field == "kind"
    assert not Dispute.objects.exists()


def test_a_dispute_needs_both_sides(m):
    with pytest.raises(InvalidInput, match="双方当事人"):
        services.register_dispute(actor=m.mediator, body=m.town, registered_on=date(2019, 3, 4), kind="family",
                                  source="initiative", community=m.village, summary="x", parties=[PARTIES[0]])  # fmt: skip


def test_mediation_without_the_other_partys_consent_is_refused_with_article_17(m):
    d = dispute(m)
    applicant = d.parties.get(side="a")
    services.record_consent(actor=m.mediator, dispute=d, party=applicant, consent=Consent.AGREED, on=date(2019, 3, 5))
    with pytest.raises(InvalidInput, match="第十七条.*被申请方"):
        services.accept(actor=m.mediator, dispute=d, on=date(2019, 3, 6), committee=m.committee, mediator=m.chair)
    d.refresh_from_db()
    assert d.status == DisputeStatus.REGISTERED
    assert events(d) == ["mediation.dispute_registered", "mediation.consent_recorded"]


def test_a_refusal_ends_the_matter_and_no_session_can_follow(m):
    d = dispute(m)
    respondent = d.parties.get(side="b")
    services.record_consent(actor=m.mediator, dispute=d, party=respondent, consent=Consent.REFUSED, on=date(2019, 3, 5))
    d.refresh_from_db()
    assert d.status == DisputeStatus.REFUSED and d.closed_on == date(2019, 3, 5)
    assert "第十七条" in d.end_reason
    with pytest.raises(InvalidTransition):
        services.record_session(actor=m.mediator, dispute=d, held_on=date(2019, 3, 7), place="村委会", record_text="x")
    assert events(d)[-1] == "mediation.refused"


def test_the_whole_way_to_a_written_agreement(m):
    d = mediating(m)
    services.recuse(actor=m.mediator, dispute=d, replacement=m.vice, reason="申请方要求更换", on=date(2019, 3, 7))
    services.record_session(actor=m.mediator, dispute=d, held_on=date(2019, 3, 8), place="村委会", record_text="背靠背")
    services.report_to_police(actor=m.mediator, dispute=d, on=date(2019, 3, 8), station="辛口派出所", reason="扬言报复")
    agreement = services.agree(actor=m.mediator, dispute=d, on=date(2019, 3, 11), **WRITTEN)
    d.refresh_from_db()
    assert d.status == DisputeStatus.AGREED and d.mediator == m.vice and d.risk == "high"
    assert agreement.number == "辛口镇调协〔2019〕1号"
    assert agreement.copies == 3  # one per party (2) + one kept by the committee (第二十九条第三款)
    assert events(d) == [
        "mediation.dispute_registered", "mediation.consent_recorded", "mediation.consent_recorded",
        "mediation.accepted", "mediation.mediator_recused", "mediation.session_recorded",
        "mediation.reported_to_police", "mediation.agreed",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("missing", "field", "item"),
    [
        ({"facts": ""}, "facts", "第二十九条第一款第（二）项"),
        ({"responsibilities": ""}, "responsibilities", "第二十九条第一款第（二）项"),
        ({"terms": ""}, "terms", "第二十九条第一款第（三）项"),
        ({"performance_method": ""}, "performance_method", "第二十九条第一款第（三）项"),
        ({"performance_due": None}, "performance_due", "第二十九条第一款第（三）项"),
        ({"signed": False}, "signed", "第二十九条第二款"),
    ],
)
def test_a_written_agreement_missing_an_article_29_element_is_refused(m, missing, field, item):
    d = mediating(m)
    with pytest.raises(InvalidInput, match=item) as err:
        services.agree(actor=m.mediator, dispute=d, on=date(2019, 3, 11), **{**WRITTEN, **missing})
    assert err.value.field == field
    assert not Agreement.objects.exists()
    d.refresh_from_db()
    assert d.status == DisputeStatus.MEDIATING


def test_a_party_without_basic_information_blocks_the_written_form_but_not_an_oral_one(m):
    d = mediating(m)
    d.parties.filter(side="b").update(id_number="", address="")
    with pytest.raises(InvalidInput, match="第（一）项"):
        services.agree(actor=m.mediator, dispute=d, on=date(2019, 3, 11), **WRITTEN)
    oral = services.agree(actor=m.mediator, dispute=d, on=date(2019, 3, 11), form="oral", terms="李某乙当场道歉")
    assert oral.form == "oral" and oral.number == "" and oral.copies == 0


def test_the_confirmation_window_is_thirty_days_and_lapses_rather_than_falls_overdue(m):
    d = mediating(m)
    services.agree(actor=m.mediator, dispute=d, on=date(2019, 3, 11), **WRITTEN)
    window = deadlines.latest(d, rules.JUDICIAL_CONFIRMATION)
    # 30 days from 2019-03-11 (not counted): 2019-04-10, a Wednesday — no rollover
    assert window.is_window and window.due_date == date(2019, 4, 10)
    assert deadlines.sweep_missed_deadlines(today=date(2019, 5, 1)) == 0
    window.refresh_from_db()
    assert window.state == DeadlineState.OPEN
    with pytest.raises(InvalidInput, match="已超过三十日期间.*第三十三条"):
        services.apply_for_confirmation(actor=m.mediator, dispute=d, on=date(2019, 4, 11), court="西青区人民法院")
    # a revisit after the window ran out closes it on its last day, met (nobody missed anything)
    services.follow_up(actor=m.mediator, dispute=d, kind="revisit", on=date(2019, 5, 6), performance="done")
    window.refresh_from_db()
    assert window.closed_on == date(2019, 4, 10) and window.state == DeadlineState.MET


def test_a_joint_application_within_thirty_days_closes_the_window(m):
    d = mediating(m)
    services.agree(actor=m.mediator, dispute=d, on=date(2019, 3, 11), **WRITTEN)
    services.apply_for_confirmation(actor=m.mediator, dispute=d, on=date(2019, 3, 25), court="西青区人民法院")
    window = deadlines.latest(d, rules.JUDICIAL_CONFIRMATION)
    assert window.closed_on == date(2019, 3, 25)
    assert events(d)[-1] == "mediation.confirmation_applied"


def test_failure_tells_the_parties_their_routes(m):
    d = mediating(m)
    with pytest.raises(InvalidInput, match="第二十六条") as err:
        services.fail(actor=m.mediator, dispute=d, on=date(2019, 3, 20), reason="分歧较大", routes=[])
    assert err.value.field == "routes"
    services.fail(actor=m.mediator, dispute=d, on=date(2019, 3, 20), reason="分歧较大",
                  routes=["litigation", "arbitration"])  # fmt: skip
    d.refresh_from_db()
    assert d.status == DisputeStatus.FAILED and "向人民法院提起诉讼" in d.routes_told


def test_a_referral_ends_the_matter(m):
    d = consented(m, dispute(m))
    services.refer(actor=m.mediator, dispute=d, on=date(2019, 3, 6), to="辛口派出所", reason="涉嫌故意伤害")
    d.refresh_from_db()
    assert d.status == DisputeStatus.REFERRED and d.referred_to == "辛口派出所"


def test_steps_are_the_mediators_in_scope(m, world):
    d = dispute(m)
    party = d.parties.first()
    with pytest.raises(NotPermitted):
        services.record_consent(actor=world.leader, dispute=d, party=party, consent="agreed", on=date(2019, 3, 5))
    with pytest.raises(NotPermitted):
        services.record_consent(actor=m.other_mediator, dispute=d, party=party, consent="agreed", on=date(2019, 3, 5))


def test_a_session_before_acceptance_is_refused(m):
    d = mediating(m)
    with pytest.raises(InvalidInput, match="早于"):
        services.record_session(actor=m.mediator, dispute=d, held_on=date(2019, 3, 1), place="村委会", record_text="x")


def test_screening_lists_open_risks_highest_first(m):
    low = dispute(m)
    high = dispute(m, risk="high")
    closed = consented(m, dispute(m, risk="high"))
    services.refer(actor=m.mediator, dispute=closed, on=date(2019, 3, 6), to="法院", reason="起诉")
    item = services.screen(actor=m.mediator, body=m.town, on=date(2019, 3, 31), scope="全镇")
    assert [r["dispute_id"] for r in item.risks] == [high.pk, low.pk]
