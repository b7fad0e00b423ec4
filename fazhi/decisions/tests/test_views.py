"""The decision pages: in scope, out of scope (404) and anonymous (login); steps through the page; the public pages."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.decisions.models import Decision
from fazhi.decisions.tests.test_procedure import deliberated, started

pytestmark = pytest.mark.django_db


def test_three_users_on_a_decision(client, town, item):
    decision = started(town, item)
    url = reverse("decisions:decision", args=[decision.pk])
    assert client.get(url).status_code == 302  # anonymous → login
    client.force_login(town.outsider)
    assert client.get(url).status_code == 404
    assert client.get(reverse("counsel:ask", args=["decisions.decision", decision.pk])).status_code == 404
    client.force_login(town.leader)
    page = client.get(url)
    assert page.status_code == 200 and decision.title in page.content.decode()


def test_a_short_window_posted_without_reason_is_refused_on_the_page(client, town, item):
    decision = started(town, item)
    client.force_login(town.clerk)
    url = reverse("decisions:decision_step", args=[decision.pk, "comment"])
    response = client.post(url, {"on": "2019-09-10", "ends_on": "2019-09-20", "channel": "网站"})
    assert response.status_code == 400 and "第十五条" in response.content.decode()
    response = client.post(url, {"on": "2019-09-10", "ends_on": "2019-10-10", "channel": "网站"})
    assert response.status_code == 302
    assert Decision.objects.get(pk=decision.pk).status == "consulting"


def test_the_deliberate_step_is_blocked_before_review(client, town, item):
    decision = started(town, item)
    client.force_login(town.leader)
    data = {"on": "2019-11-04", "meeting_kind": "standing", "views": "甲｜副镇长｜同意｜同意\n乙｜副镇长｜同意｜同意",
            "head_name": "王建国", "head_position": "agree", "head_view": "同意", "decision_text": "通过"}  # fmt: skip
    bad = client.post(reverse("decisions:decision_step", args=[decision.pk, "deliberate"]), data)
    assert bad.status_code == 400 and "第二十五条第二款" in bad.content.decode()
    assert Decision.objects.get(pk=decision.pk).status == "drafting"


def test_who_said_what_and_the_public_pages(client, town, item):
    decision = deliberated(town, item)
    client.force_login(town.leader)
    said = client.get(reverse("decisions:liability", args=[decision.pk])).content.decode()
    assert "李二" in said and "减免责任" in said
    from fazhi.decisions import services

    services.report_to_party(actor=town.leader, decision=decision, on=date(2019, 11, 6), party_record="纪要20号")
    services.publish(actor=town.clerk, decision=decision, on=date(2019, 11, 8), channel="网站", text="方案全文")
    client.logout()
    index = client.get(reverse("juece:index")).content.decode()
    assert "2019年重大行政决策事项目录" in index and decision.title in index
    assert "方案全文" in client.get(reverse("juece:decision", args=[decision.pk])).content.decode()


def test_an_unpublished_decision_is_not_public(client, town, item):
    decision = started(town, item)
    assert client.get(reverse("juece:decision", args=[decision.pk])).status_code == 404


def test_counsel_answered_through_the_pages(client, town, item):
    decision = started(town, item)
    client.force_login(town.clerk)
    ask = reverse("counsel:ask", args=["decisions.decision", decision.pk])
    assert client.get(ask).status_code == 200
    response = client.post(ask, {"engagement": town.firm.pk, "question": "是否合法", "on": "2019-09-10",
                                 "due_on": "2019-09-17"})  # fmt: skip
    assert response.status_code == 302
    opinion = decision_opinion(decision)
    client.force_login(town.reviewer)
    response = client.post(reverse("counsel:opinion_step", args=[opinion.pk, "answer"]),
                           {"on": "2019-09-16", "lawyer": "李明", "finding": "lawful", "answer": "合法"})  # fmt: skip
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.status == "answered"
    assert client.get(reverse("counsel:index")).status_code == 200


def decision_opinion(decision):
    from fazhi.counsel.selectors import opinion_for

    return opinion_for(("decisions.decision", decision.pk))


def test_the_reviewer_reads_the_draft_and_counsel_on_the_review_page(client, town, item):
    from fazhi.decisions.tests.test_procedure import consulted, with_counsel
    from fazhi.review.selectors import latest_round

    decision = consulted(town, item)
    with_counsel(town, decision)
    from fazhi.decisions import services

    services.submit_review(actor=town.clerk, decision=decision, on=date(2019, 10, 17), summary="材料")
    client.force_login(town.reviewer)
    page = client.get(reverse("review:detail", args=[latest_round("decisions.decision", decision.pk).pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "草案及起草说明" in text and "法律顾问意见" in text
