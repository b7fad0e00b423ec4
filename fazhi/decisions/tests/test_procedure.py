"""A major administrative decision through 国务院令第713号's procedure, and each gate refusing with its article."""

from datetime import date

import pytest

from fazhi.audit.models import ChainEntry
from fazhi.core.errors import InvalidInput, InvalidTransition, NotPermitted
from fazhi.counsel import services as counsel
from fazhi.decisions import selectors, services
from fazhi.decisions.models import Catalogue, Decision, Status
from fazhi.review.rules import POINT_KEYS
from fazhi.review.selectors import latest_round
from fazhi.review.services import give_opinion

pytestmark = pytest.mark.django_db

VIEWS = "张一｜副镇长｜同意｜方案可行\n李二｜副镇长｜不同意｜资金来源未落实\n赵三｜党政办主任｜同意｜同意"


def started(town, item):
    return services.start(actor=town.leader, item=item, title=item.title, draft="草案及起草说明", on=date(2019, 9, 9))


def consulted(town, item):
    decision = started(town, item)
    # Published 09-10, closing 10-10: 30 days (第十五条: 一般不少于30日).
    services.open_comment(actor=town.clerk, decision=decision, on=date(2019, 9, 10), ends_on=date(2019, 10, 10),
                          channel="西青区政府网站")  # fmt: skip
    services.close_comment(actor=town.clerk, decision=decision, on=date(2019, 10, 11), summary="收到意见12条，采纳5条")
    return Decision.objects.get(pk=decision.pk)


def with_counsel(town, decision, finding="lawful"):
    opinion = counsel.ask_opinion(actor=town.clerk, engagement=town.firm, subject=decision, body=decision.body,
                                  question="草案是否合法？", on=date(2019, 10, 12), due_on=date(2019, 10, 18))  # fmt: skip
    counsel.answer_opinion(actor=town.reviewer, opinion=opinion, on=date(2019, 10, 16), lawyer="周红",
                           finding=finding, answer="草案内容符合法律规定。")  # fmt: skip


def reviewed(town, item, *, reviewed_on=date(2019, 10, 30)):
    decision = consulted(town, item)
    with_counsel(town, decision)
    services.submit_review(actor=town.clerk, decision=decision, on=date(2019, 10, 17), summary="草案、依据、程序说明")
    give_opinion(actor=town.reviewer, request=latest_round("decisions.decision", decision.pk),
                 points={k: (True, "") for k in POINT_KEYS}, conclusion="agree", opinion="", on=reviewed_on)  # fmt: skip
    return Decision.objects.get(pk=decision.pk)


def deliberated(town, item, **extra):
    decision = reviewed(town, item)
    kwargs = dict(meeting_kind="standing", views=VIEWS, head_name="王建国", head_post="镇长", head_position="agree",
                  head_view="同意，资金由镇财政统筹", decision_text="通过《三年行动方案》")  # fmt: skip
    kwargs.update(extra)
    services.deliberate(actor=town.leader, decision=decision, on=date(2019, 11, 4), **kwargs)
    return Decision.objects.get(pk=decision.pk)


def test_the_whole_procedure_to_post_evaluation(town, item):
    decision = deliberated(town, item)
    assert decision.status == Status.DECIDED
    services.report_to_party(actor=town.leader, decision=decision, on=date(2019, 11, 6),
                             party_record="镇党委会议纪要〔2019〕20号")  # fmt: skip
    services.publish(actor=town.clerk, decision=decision, on=date(2019, 11, 8), channel="西青区政府网站",
                     text="《三年行动方案》全文及意见采纳情况")  # fmt: skip
    services.report_execution(actor=town.clerk, decision=decision, on=date(2019, 12, 2), unit="农业农村办公室",
                              report="已完成12个村的垃圾分类设施建设")  # fmt: skip
    decision = services.evaluate(actor=town.leader, decision=decision, on=date(2019, 12, 20),
                                 evaluator="天津某咨询公司", report="达到预期")  # fmt: skip
    assert decision.status == Status.EVALUATED
    events = list(
        ChainEntry.objects.filter(subject_type="decisions.decision", subject_id=str(decision.pk))
        .exclude(event__startswith="deadline.")
        .order_by("seq")
        .values_list("event", flat=True)
    )
    assert events == [
        "decisions.started", "decisions.comment_opened", "decisions.comment_closed", "decisions.review_submitted",
        "review.passed", "decisions.deliberated", "decisions.party_reported", "decisions.published",
        "decisions.execution_reported", "decisions.evaluated",
    ]  # fmt: skip
    assert selectors.published_decisions().filter(pk=decision.pk).exists()


def test_a_decision_needs_a_published_catalogue(town, in_2019):
    catalogue = services.create_catalogue(actor=town.leader, body=town.body, year=2019, on=date(2019, 9, 2))
    item = services.add_item(
        actor=town.leader, catalogue=catalogue, title="事项", category="project", lead_unit="城建办"
    )
    with pytest.raises(InvalidTransition) as exc:
        services.start(actor=town.leader, item=item, title="事项", draft="草案", on=date(2019, 9, 9))
    assert "第三条第三款" in exc.value.message


def test_the_catalogue_is_published_only_after_the_party_committee_agreed(town, in_2019):
    catalogue = services.create_catalogue(actor=town.leader, body=town.body, year=2019, on=date(2019, 9, 2))
    with pytest.raises(InvalidTransition) as exc:
        services.publish_catalogue(actor=town.clerk, catalogue=catalogue, on=date(2019, 9, 6))
    assert "党委同意" in exc.value.message
    assert Catalogue.objects.get(pk=catalogue.pk).status == "draft"


def test_a_short_comment_window_needs_a_published_reason(town, item):
    decision = started(town, item)
    # 09-10 → 09-30 is 20 days, fewer than 30.
    with pytest.raises(InvalidInput) as exc:
        services.open_comment(actor=town.clerk, decision=decision, on=date(2019, 9, 10), ends_on=date(2019, 9, 30),
                              channel="网站")  # fmt: skip
    assert exc.value.field == "short_reason" and "第十五条" in exc.value.message
    services.open_comment(actor=town.clerk, decision=decision, on=date(2019, 9, 10), ends_on=date(2019, 9, 30),
                          channel="网站", short_reason="汛期前须完成排水工程，情况紧急")  # fmt: skip
    assert Decision.objects.get(pk=decision.pk).comment_short_reason


def test_the_comment_window_cannot_be_closed_early(town, item):
    decision = started(town, item)
    services.open_comment(actor=town.clerk, decision=decision, on=date(2019, 9, 10), ends_on=date(2019, 10, 10),
                          channel="网站")  # fmt: skip
    with pytest.raises(InvalidInput):
        services.close_comment(actor=town.clerk, decision=decision, on=date(2019, 10, 9), summary="意见")


def test_review_without_counsel_is_refused(town, item):
    decision = consulted(town, item)
    with pytest.raises(InvalidTransition) as exc:
        services.submit_review(actor=town.clerk, decision=decision, on=date(2019, 10, 17), summary="材料")
    assert "第二十八条" in exc.value.message
    assert Decision.objects.get(pk=decision.pk).status == Status.CONSULTING


def test_counsel_finding_the_draft_unlawful_stops_it(town, item):
    decision = consulted(town, item)
    with_counsel(town, decision, finding="unlawful")
    with pytest.raises(InvalidTransition) as exc:
        services.submit_review(actor=town.clerk, decision=decision, on=date(2019, 10, 17), summary="材料")
    assert "不合法" in exc.value.message


def test_deliberation_before_a_passed_review_is_refused(town, item):
    decision = consulted(town, item)
    with_counsel(town, decision)
    services.submit_review(actor=town.clerk, decision=decision, on=date(2019, 10, 17), summary="材料")
    with pytest.raises(InvalidTransition) as exc:
        services.deliberate(actor=town.leader, decision=decision, on=date(2019, 10, 20), meeting_kind="standing",
                            views=VIEWS, head_name="王建国", head_post="镇长", head_position="agree", head_view="同意",
                            decision_text="通过")  # fmt: skip
    assert "第二十五条第二款" in exc.value.message


def test_a_failed_review_returns_the_draft(town, item):
    decision = consulted(town, item)
    with_counsel(town, decision)
    services.submit_review(actor=town.clerk, decision=decision, on=date(2019, 10, 17), summary="材料")
    points = {k: (k != "law", "缺少上位法依据" if k == "law" else "") for k in POINT_KEYS}
    give_opinion(actor=town.reviewer, request=latest_round("decisions.decision", decision.pk), points=points,
                 conclusion="problems", opinion="", on=date(2019, 10, 29))  # fmt: skip
    assert Decision.objects.get(pk=decision.pk).status == Status.RETURNED


def test_an_early_review_opinion_is_flagged(town, item):
    # Submitted Thu 10-17; 7 working days run to Mon 10-28. An opinion on 10-21 is early.
    decision = reviewed(town, item, reviewed_on=date(2019, 10, 21))
    entry = ChainEntry.objects.filter(event="review.passed", subject_id=str(decision.pk)).get()
    assert any("不少于7个工作日" in w for w in entry.payload.get("warnings", []))


def test_the_head_against_the_majority_must_explain(town, item):
    decision = reviewed(town, item)
    views = "张一｜副镇长｜不同意｜不同意\n李二｜副镇长｜不同意｜不同意\n赵三｜主任｜同意｜同意"
    with pytest.raises(InvalidInput) as exc:
        services.deliberate(actor=town.leader, decision=decision, on=date(2019, 11, 4), meeting_kind="standing",
                            views=views, head_name="王建国", head_post="镇长", head_position="agree", head_view="同意",
                            decision_text="通过")  # fmt: skip
    assert exc.value.field == "head_reason" and "第三十条" in exc.value.message


def test_dissent_is_recorded_and_exempts_its_holder(town, item):
    decision = deliberated(town, item)
    rows = selectors.liability(decision)
    assert [(r.name, r.exempt) for r in rows] == [("张一", False), ("李二", True), ("赵三", False), ("王建国", False)]
    assert rows[-1].is_head


def test_publication_without_the_party_record_is_refused(town, item):
    decision = deliberated(town, item)
    with pytest.raises(InvalidTransition) as exc:
        services.publish(actor=town.clerk, decision=decision, on=date(2019, 11, 8), channel="网站", text="全文")
    assert "第三十一条" in exc.value.message
    assert Decision.objects.get(pk=decision.pk).published_on is None


def test_hearing_materials_must_reach_participants_seven_days_before(town, item):
    decision = started(town, item)
    # Hearing on 09-20: the materials must arrive by 09-13.
    with pytest.raises(InvalidInput) as exc:
        services.hold_hearing(actor=town.clerk, decision=decision, on=date(2019, 9, 20),
                              materials_sent_on=date(2019, 9, 14), record="记录", signed=True)  # fmt: skip
    assert "2019-09-13" in exc.value.message
    services.hold_hearing(actor=town.clerk, decision=decision, on=date(2019, 9, 20),
                          materials_sent_on=date(2019, 9, 13), record="记录", signed=True)  # fmt: skip


def test_the_pre_decision_assessor_cannot_post_evaluate(town, item):
    decision = started(town, item)
    services.assess_risk(actor=town.clerk, decision=decision, on=date(2019, 9, 20), assessor="天津某咨询公司",
                         level="controllable", report="风险可控")  # fmt: skip
    decision = Decision.objects.get(pk=decision.pk)
    Decision.objects.filter(pk=decision.pk).update(status=Status.PUBLISHED, published_on=date(2019, 11, 8),
                                                   party_record="x")  # fmt: skip
    with pytest.raises(InvalidInput) as exc:
        services.evaluate(actor=town.leader, decision=decision, on=date(2019, 12, 20), evaluator="天津某咨询公司",
                          report="r")  # fmt: skip
    assert "第三十六条" in exc.value.message


def test_another_town_cannot_touch_the_decision(town, item):
    decision = started(town, item)
    with pytest.raises(NotPermitted):
        services.open_comment(actor=town.outsider, decision=decision, on=date(2019, 9, 10), ends_on=date(2019, 10, 10),
                              channel="网站")  # fmt: skip
    assert not selectors.decisions_visible_to(town.outsider).exists()
