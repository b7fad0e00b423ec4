from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from fazhi.publicity import services
from fazhi.publicity.models import PublicationState
from fazhi.publicity.tests.factories import (
    BANK,
    PARTY_ID,
    PARTY_PHONE,
    WITNESS,
    WITNESS_PHONE,
    long_retention,
    open_pub,
)

PRIVATE = (PARTY_ID, PARTY_PHONE, WITNESS, WITNESS_PHONE, BANK)


@pytest.fixture
def pub(w):
    long_retention(w)
    return open_pub(w)


def _published(w, pub):
    return services.approve(actor=w.reviewer, publication=pub, on=pub.decided_on + timedelta(days=1))


def test_reviewer_sees_both_texts_side_by_side_with_reasons(client, w, pub):
    client.force_login(w.reviewer)
    page = client.get(reverse("publicity:detail", args=[pub.pk])).content.decode()
    assert PARTY_ID in page  # the original, for the reviewer only
    assert "案卷记载的身份证号码" in page
    assert "<mark" in page


def test_colleague_without_role_cannot_view_and_outsider_gets_404(client, w, pub):
    client.force_login(w.colleague)
    assert client.get(reverse("publicity:detail", args=[pub.pk])).status_code == 403
    assert client.get(reverse("publicity:list")).status_code == 403
    client.force_login(w.outsider)
    assert client.get(reverse("publicity:detail", args=[pub.pk])).status_code == 404
    assert client.post(reverse("publicity:approve", args=[pub.pk]), {"on": "2022-03-16"}).status_code == 404


def test_list_shows_records_in_scope_only(client, w, pub):
    client.force_login(w.reviewer)
    assert pub.decision_number in client.get(reverse("publicity:list")).content.decode()
    client.force_login(w.outsider)
    assert pub.decision_number not in client.get(reverse("publicity:list")).content.decode()


def test_approve_shows_what_goes_public_first_and_publishes_only_when_confirmed(client, w, pub):
    client.force_login(w.reviewer)
    preview = client.post(reverse("publicity:approve", args=[pub.pk]), {"on": "2022-03-16"})
    assert preview.status_code == 200 and "确认公开" in preview.content.decode()
    assert pub.redacted_text in preview.content.decode() and not any(p in preview.content.decode() for p in PRIVATE)
    pub.refresh_from_db()
    assert pub.state == PublicationState.PENDING  # nothing public before the confirm
    response = client.post(reverse("publicity:approve", args=[pub.pk]), {"on": "2022-03-16", "confirm": "1"})
    assert response.status_code == 302
    pub.refresh_from_db()
    assert pub.state == PublicationState.PUBLISHED


def test_colleague_post_is_refused_and_changes_nothing(client, w, pub):
    client.force_login(w.colleague)
    assert client.post(reverse("publicity:approve", args=[pub.pk]), {"on": "2022-03-16"}).status_code == 403
    pub.refresh_from_db()
    assert pub.state == PublicationState.PENDING


def test_bad_mask_input_rerenders_with_the_field_named(client, w, pub):
    client.force_login(w.reviewer)
    response = client.post(reverse("publicity:mask", args=[pub.pk]), {"text": "原文里没有的话"})
    assert response.status_code == 400
    assert "需要屏蔽的文字：" in response.content.decode()


def test_withdrawal_without_reason_is_refused_on_the_page(client, w, pub):
    _published(w, pub)
    client.force_login(w.reviewer)
    response = client.post(reverse("publicity:withdraw", args=[pub.pk]), {"on": "2022-03-20", "reason": ""})
    assert response.status_code == 400
    assert "撤回理由" in response.content.decode()
    pub.refresh_from_db()
    assert pub.state == PublicationState.PUBLISHED


def test_public_search_detail_and_feed_show_only_redacted_text(client, w, pub):
    _published(w, pub)
    pages = [
        client.get(reverse("publicity_public:search")),
        client.get(reverse("publicity_public:search"), {"q": "焚烧", "kind": "penalty", "date_from": "2022-01-01"}),
        client.get(reverse("publicity_public:detail", args=[pub.pk])),
        client.get(reverse("publicity_public:feed")),
    ]
    for response in pages:
        assert response.status_code == 200
        body = response.content.decode()
        assert pub.decision_number in body
        for private in PRIVATE:
            assert private not in body


def test_public_search_filters_by_body_and_keyword(client, w, pub):
    _published(w, pub)
    assert pub.decision_number not in client.get(reverse("publicity_public:search"), {"q": "不存在"}).content.decode()
    other = client.get(reverse("publicity_public:search"), {"body": w.other.pk}).content.decode()
    assert pub.decision_number not in other


def test_public_search_bad_dates_name_the_field(client, w):
    response = client.get(reverse("publicity_public:search"), {"date_from": "2022-05-01", "date_to": "2022-01-01"})
    assert response.status_code == 400
    assert "至：" in response.content.decode()


def test_record_past_its_end_date_leaves_the_portal_before_the_sweep(client, w):
    pub = open_pub(w)  # default retention: 3 months after a 2022 publication
    services.approve(actor=w.reviewer, publication=pub, on=pub.decided_on)
    assert client.get(reverse("publicity_public:detail", args=[pub.pk])).status_code == 404
    assert pub.decision_number not in client.get(reverse("publicity_public:search")).content.decode()


def test_pending_and_expired_records_are_not_public(client, w, pub):
    assert client.get(reverse("publicity_public:detail", args=[pub.pk])).status_code == 404
    _published(w, pub)
    call_command("publicity_sweep", today="2100-01-01")
    call_command("publicity_sweep", today="2100-01-01")
    assert client.get(reverse("publicity_public:detail", args=[pub.pk])).status_code == 404


def test_withdrawn_record_shows_only_the_public_reason(client, w, pub):
    _published(w, pub)
    services.withdraw(
        actor=w.reviewer, publication=pub, on=pub.decided_on + timedelta(days=3), reason="决定已被依法撤销"
    )
    body = client.get(reverse("publicity_public:detail", args=[pub.pk])).content.decode()
    assert "决定已被依法撤销" in body
    assert "焚烧秸秆约二百平方米" not in body


def test_supervision_lists_overdue_with_a_link_to_the_case(client, w, pub):
    client.force_login(w.supervisor)
    page = client.get(reverse("publicity:supervision")).content.decode()
    assert "应公示未公示" in page
    assert "依法不予公开" in page
    assert reverse("enforcement:case_detail", args=[pub.case_id]) in page  # 2022 decision, never published
    client.force_login(w.colleague)
    assert client.get(reverse("publicity:supervision")).status_code == 403
    client.force_login(w.outsider)
    assert (
        reverse("enforcement:case_detail", args=[pub.case_id])
        not in client.get(reverse("publicity:supervision")).content.decode()
    )
