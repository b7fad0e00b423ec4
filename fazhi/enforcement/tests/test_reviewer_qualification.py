"""行政处罚法 第五十八条第二款 (2021 text): a person whose first review of a penalty decision is on or after 2021-07-15
must hold a 法律职业资格 — refused by default, flagged on the chain where the body's setting says so; and
国办发〔2018〕118号 (十一): legal-review staff in principle ≥ 5 % of enforcement staff."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.audit.models import ChainEntry
from fazhi.core.access import Role
from fazhi.core.errors import NotPermitted
from fazhi.core.services import change_setting
from fazhi.enforcement import services
from fazhi.enforcement.tests.factories import all_ok, case_at, case_review, person
from fazhi.org.services import record_legal_qualification
from fazhi.review.selectors import review_staff_shares
from fazhi.review.services import give_opinion


def _review_case(w, year=2022):
    case = case_at(w, "proposed", year=year, major_public_interest=True)
    services.submit_for_review(actor=w.officer1, case=case, on=date(year, 3, 9), summary="全部案卷")
    return case


def test_a_first_time_reviewer_without_a_legal_qualification_is_refused_naming_article_58(w):
    newcomer = person(w.team.parent, Role.LEGAL_REVIEWER, name="钱")
    case = _review_case(w)
    with pytest.raises(NotPermitted) as info:
        give_opinion(actor=newcomer, request=case_review(case), points=all_ok(), conclusion="agree", opinion="",
                     on=date(2022, 3, 10))  # fmt: skip
    assert "第五十八条第二款" in info.value.message and "法律职业资格" in info.value.message
    assert case_review(case).state == "pending"


def test_a_qualified_first_time_reviewer_may_review(w):
    newcomer = person(w.team.parent, Role.LEGAL_REVIEWER, name="钱")
    record_legal_qualification(actor=None, user=newcomer, number="A20201100001", obtained_on=date(2020, 12, 1),
                               legal_background=True)  # fmt: skip
    case = _review_case(w)
    give_opinion(actor=newcomer, request=case_review(case), points=all_ok(), conclusion="agree", opinion="",
                 on=date(2022, 3, 10))  # fmt: skip
    assert case_review(case).state == "passed"


def test_a_qualification_obtained_after_the_review_date_does_not_count(w):
    newcomer = person(w.team.parent, Role.LEGAL_REVIEWER, name="钱")
    record_legal_qualification(actor=None, user=newcomer, number="A20221100001", obtained_on=date(2022, 11, 1),
                               legal_background=False)  # fmt: skip
    case = _review_case(w)
    with pytest.raises(NotPermitted):
        give_opinion(actor=newcomer, request=case_review(case), points=all_ok(), conclusion="agree", opinion="",
                     on=date(2022, 3, 10))  # fmt: skip


def test_a_reviewer_who_reviewed_before_the_2021_text_is_not_a_first_timer(w):
    veteran = person(w.team.parent, Role.LEGAL_REVIEWER, name="孙")
    old = _review_case(w, year=2020)
    give_opinion(actor=veteran, request=case_review(old), points=all_ok(), conclusion="agree", opinion="",
                 on=date(2020, 3, 10))  # fmt: skip
    case = _review_case(w)
    give_opinion(actor=veteran, request=case_review(case), points=all_ok(), conclusion="agree", opinion="",
                 on=date(2022, 3, 10))  # fmt: skip
    assert case_review(case).state == "passed"


def test_where_the_body_chose_to_flag_the_review_goes_ahead_with_the_gap_on_the_chain(w):
    change_setting(actor=None, key="review.first_reviewer_without_qualification", value="flag", body=w.town)
    newcomer = person(w.team.parent, Role.LEGAL_REVIEWER, name="钱")
    case = _review_case(w)
    give_opinion(actor=newcomer, request=case_review(case), points=all_ok(), conclusion="agree", opinion="",
                 on=date(2022, 3, 10))  # fmt: skip
    entry = ChainEntry.objects.filter(event="review.passed").order_by("-seq").first()
    assert "第五十八条第二款" in entry.payload["warnings"][0]


def test_the_staff_share_is_five_percent_and_one_short_town_is_flagged(w):
    # The world has 4 officers (3 certified + 1 uncertified) and 1 reviewer in 辛口镇: 1 / 4 = 25 % ≥ 5 %.
    # Add 17 officers → 21 officers: 1 / 21 = 4.8 % < 5 % (118号 (十一)).
    supervisor = person(w.district, Role.SUPERVISOR, name="周")
    (share,) = [s for s in review_staff_shares(supervisor) if s.body.pk == w.town.pk]
    assert (share.reviewers, share.officers, share.short) == (1, 4, False)
    for _ in range(17):
        person(w.team, Role.OFFICER, name="吴")
    (share,) = [s for s in review_staff_shares(supervisor) if s.body.pk == w.town.pk]
    assert (share.reviewers, share.officers) == (1, 21)
    assert share.share_pct == Decimal("4.8") and share.short


def test_recording_a_qualification_goes_on_the_chain_and_needs_a_manager(w):
    with pytest.raises(NotPermitted):
        record_legal_qualification(actor=w.officer1, user=w.officer2, number="A1", obtained_on=None,
                                   legal_background=False)  # fmt: skip
    record_legal_qualification(actor=w.leader, user=w.officer2, number="A2018", obtained_on=date(2018, 9, 1),
                               legal_background=True)  # fmt: skip
    entry = ChainEntry.objects.filter(event="org.legal_qualification_recorded", subject_id=str(w.officer2.pk)).get()
    assert entry.payload["new"] == {"number": "A2018", "obtained_on": "2018-09-01", "legal_background": True}
