"""The counsel gate on a major enforcement decision (ADR 0040): off by default; where the body's setting
``counsel.required_for_major_enforcement`` is on, a case that needs legal review is decided only after counsel's
written opinion."""

from datetime import date

import pytest

from fazhi.core.services import change_setting
from fazhi.counsel import services as counsel
from fazhi.enforcement import guards, services
from fazhi.enforcement.errors import RuleViolation
from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.factories import case_at

KEY = "counsel.required_for_major_enforcement"


@pytest.fixture
def major_case(w):
    return case_at(w, "ready", major_public_interest=True)  # 第五十八条第一款第（一）项 → legal review → major


def test_default_off_a_major_case_is_decided_without_counsel(w, major_case):
    assert guards.review_reasons(major_case)
    case = services.decide(actor=w.leader, case=major_case, on=date(2022, 3, 15))
    assert case.status == "decided"


def test_setting_on_refuses_until_counsel_answered(w, major_case):
    change_setting(actor=None, key=KEY, value="1", body=w.town)
    with pytest.raises(RuleViolation) as info:
        services.decide(actor=w.leader, case=major_case, on=date(2022, 3, 15))
    assert KEY in info.value.message and "中办发〔2016〕30号" in info.value.message
    assert Case.objects.get(pk=major_case.pk).status == "ready"
    firm = counsel.engage(actor=w.leader, body=w.town, kind="law_firm", adviser="天津津西律师事务所", lawyers="李明",
                          term_start=date(2022, 1, 1), term_end=date(2022, 12, 31), fee=50000, scope="执法案件",
                          on=date(2022, 1, 1))  # fmt: skip
    opinion = counsel.ask_opinion(actor=w.officer1, engagement=firm, subject=major_case, body=major_case.body,
                                  question="处罚是否合法适当？", on=date(2022, 3, 14), due_on=date(2022, 3, 15))  # fmt: skip
    assert guards.decision_blocked(major_case, date(2022, 3, 15))  # asked, not answered: still refused
    counsel.answer_opinion(actor=w.reviewer, opinion=opinion, on=date(2022, 3, 15), lawyer="李明",
                           finding="lawful", answer="事实清楚，适用法律正确。")  # fmt: skip
    case = services.decide(actor=w.leader, case=major_case, on=date(2022, 3, 15))
    assert case.status == "decided"


def test_setting_on_does_not_touch_an_ordinary_case(w):
    change_setting(actor=None, key=KEY, value="1", body=w.town)
    case = case_at(w, "ready")  # 600 元, no reason for review: not major
    assert not guards.review_reasons(case)
    assert services.decide(actor=w.leader, case=case, on=date(2022, 3, 15)).status == "decided"
