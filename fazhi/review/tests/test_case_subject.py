"""The one place review meets a real subject: an enforcement case, whose investigators may not review it
(国办发〔2018〕118号 (十一); 行政处罚法 第四十三条)."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.access import Role
from fazhi.core.errors import NotPermitted
from fazhi.enforcement import services as enforcement
from fazhi.enforcement.tests.factories import case_at, make_world
from fazhi.org.services import grant_role
from fazhi.review import selectors, services
from fazhi.review.models import Conclusion
from fazhi.review.tests.factories import points, snapshot


@pytest.fixture
def w(db):
    return make_world()


def test_an_investigator_of_the_case_cannot_review_it_even_with_the_reviewer_role(w):
    case = case_at(w, "notified", fine=Decimal("600"))
    case = enforcement.waive_rights(
        actor=w.officer1, case=case, on=date(2022, 3, 10), note="当事人书面声明放弃陈述申辩"
    )
    grant_role(actor=None, user=w.officer2, role=Role.LEGAL_REVIEWER)  # officer2 investigated the case
    enforcement.submit_for_review(actor=w.officer1, case=case, on=date(2022, 3, 11), summary="案卷全部材料")
    request = selectors.latest_round("enforcement.case", case.pk)
    assert {w.officer1.pk, w.officer2.pk} <= set(request.excluded_reviewer_ids)

    before = snapshot()
    with pytest.raises(NotPermitted, match="不得担任本案法制审核人员"):
        services.give_opinion(
            actor=w.officer2,
            request=request,
            points=points(),
            conclusion=Conclusion.AGREE,
            opinion="",
            on=date(2022, 3, 14),
        )
    assert snapshot() == before
    assert request not in selectors.review_queue(w.officer2)

    # The town's reviewer, who did not investigate, may; the case's own gate then opens.
    assert request in selectors.review_queue(w.reviewer)
    services.give_opinion(
        actor=w.reviewer,
        request=request,
        points=points(),
        conclusion=Conclusion.AGREE,
        opinion="",
        on=date(2022, 3, 14),
    )
    assert selectors.has_passed("enforcement.case", case.pk)
