"""The pages, the public portal and the API: three users (in scope, out of scope, anonymous), steps through the
browser, the comment form's flood guard, the refusals with their article, and no 500 on bad input."""

from datetime import date

import time_machine
from django.urls import reverse

from fazhi.disclosure.public import make_token
from fazhi.normative import services
from fazhi.normative.models import Comment, NormativeDocument, Status
from fazhi.normative.tests.conftest import TEXT, drafted, published, to_review


def test_register_in_scope_out_of_scope_and_anonymous(client, nd):
    doc = drafted(nd)
    url = reverse("normative:detail", args=[doc.pk])
    assert client.get(url).status_code == 302  # anonymous → login
    client.force_login(nd.outsider)
    assert client.get(url).status_code == 404
    assert doc.title not in client.get(reverse("normative:register")).content.decode()
    client.force_login(nd.drafter)
    page = client.get(url).content.decode()
    assert doc.title in page and "评估论证" in page


def test_drafting_in_the_browser_refuses_an_internal_unit_with_the_article(client, nd):
    client.force_login(nd.drafter)
    data = {"body": nd.office.pk, "title": "关于加强管理的通知", "kind": "normative", "basis": nd.basis, "text": TEXT,
            "on": "2019-09-02"}  # fmt: skip
    response = client.post(reverse("normative:new"), data)
    assert response.status_code == 400
    assert "第六条第（四）项" in response.content.decode()
    data["body"] = nd.town.pk
    response = client.post(reverse("normative:new"), data)
    assert response.status_code == 302
    assert NormativeDocument.objects.get().body_id == nd.town.pk


def test_a_short_comment_window_is_refused_on_the_page(client, nd):
    doc = drafted(nd)
    services.assess(actor=nd.drafter, document=doc, on=date(2019, 9, 3), assessment="可行")
    client.force_login(nd.drafter)
    url = reverse("normative:action", args=[doc.pk, "open_comments"])
    response = client.post(url, {"on": "2019-09-04", "closes_on": "2019-09-06"})
    assert response.status_code == 400
    assert "7个工作日" in response.content.decode()
    response = client.post(url, {"on": "2019-09-04", "closes_on": "not a date"})
    assert response.status_code == 400


def test_deliberation_before_review_is_shown_blocked_with_the_gate(client, nd):
    doc = to_review(nd)
    client.force_login(nd.leader)
    page = client.get(reverse("normative:detail", args=[doc.pk])).content.decode()
    assert "不得提交集体审议" in page
    response = client.post(reverse("normative:action", args=[doc.pk, "deliberate"]), {"on": "2019-10-18"})
    assert response.status_code == 400


def test_public_register_shows_the_published_text_and_validity(client, nd):
    doc = published(nd)
    drafted(nd, title="未公布的草案")
    page = client.get(reverse("gfxwj:body", args=[nd.town.code])).content.decode()
    assert "辛政规〔2019〕1号" in page and "2024-10-31" in page and "未公布的草案" not in page
    page = client.get(reverse("gfxwj:document", args=[nd.town.code, doc.pk])).content.decode()
    assert "各村民委员会应当组织村民" in page
    page = client.get(reverse("gfxwj:document", args=[nd.town.code, doc.pk]) + "?on=2019-10-25").content.decode()
    assert "没有有效的文本" in page
    assert client.get(reverse("gfxwj:document", args=[nd.other_town.code, doc.pk])).status_code == 404


def test_public_comment_with_the_disclosure_flood_guard(client, nd):
    doc = drafted(nd)
    services.assess(actor=nd.drafter, document=doc, on=date(2019, 9, 3), assessment="可行")
    services.open_comments(actor=nd.drafter, document=doc, on=date(2019, 9, 4), closes_on=date(2019, 9, 30))
    url = reverse("gfxwj:document_comment", args=[nd.town.code, doc.pk])
    token_value = f"normative-comment:{doc.pk}"
    with time_machine.travel("2019-09-10 09:00 +0800", tick=False):
        token = make_token(token_value)
        assert "征求意见稿" in client.get(url).content.decode()
        # Posted instantly: refused by the token's minimum fill time.
        assert client.post(url, {"content": "意见", "token": token}).status_code == 400
    with time_machine.travel("2019-09-10 09:05 +0800", tick=False):
        assert client.post(url, {"content": "意见", "token": token, "website": "x"}).status_code == 400
        assert client.post(url, {"content": "意见", "token": make_token("normative-comment:999")}).status_code == 400
        response = client.post(url, {"content": "建议明确保洁责任区。", "author": "村民甲", "token": token})
        assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.content == "建议明确保洁责任区。" and comment.received_on == date(2019, 9, 10)
    with time_machine.travel("2019-10-09 09:00 +0800", tick=False):
        assert client.get(url).status_code == 200  # still COMMENTING until closed, but posting is refused
        response = client.post(url, {"content": "迟到", "token": token})
        assert response.status_code == 400


def test_api_lists_in_scope_and_refuses_a_reused_step_with_400(client, nd):
    doc = published(nd)
    client.force_login(nd.drafter)
    rows = client.get("/api/v1/normative/documents").json()
    assert [r["number"] for r in rows] == ["辛政规〔2019〕1号"]
    text = client.get(f"/api/v1/normative/documents/{doc.pk}/text?on=2019-11-05").json()
    assert text["version"] == 1
    response = client.post(f"/api/v1/normative/documents/{doc.pk}/file", {"on": "2019-11-25"},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 400 and "125号" in response.json()["detail"]
    client.force_login(nd.outsider)
    assert client.get(f"/api/v1/normative/documents/{doc.pk}").status_code == 404
    assert client.get("/api/v1/normative/documents").json() == []


def test_filing_report_docx(client, nd):
    doc = published(nd)
    client.force_login(nd.drafter)
    response = client.get(reverse("normative:filing_report", args=[doc.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    from fazhi.core.documents import text_of

    assert "辛政规〔2019〕1号" in text_of(response.content)


def test_cleanup_pages(client, nd):
    doc = published(nd)
    client.force_login(nd.supervisor)
    response = client.post(reverse("normative:cleanups"), {"title": "西青区2019年清理", "on": "2019-11-04"})
    assert response.status_code == 302
    url = response["Location"]
    assert "辛口镇农村人居环境卫生管理办法" in client.get(url).content.decode()
    response = client.post(url, {"publish": "1", "on": "2019-11-29"})
    assert response.status_code == 400 and "尚无清理意见" in response.content.decode()
    assert client.post(url, {"document": doc.pk, "decision": "keep"}).status_code == 302
    assert client.post(url, {"document": "abc", "decision": "keep"}).status_code == 400
    assert client.post(url, {"publish": "1", "on": "2019-11-29"}).status_code == 302
    doc.refresh_from_db()
    assert doc.status == Status.PUBLISHED
    client.force_login(nd.outsider)
    assert client.get(url).status_code == 404


def test_register_query_count_is_bounded(client, nd, django_assert_max_num_queries):
    for n in range(3):
        drafted(nd, title=f"文件{n}")
    client.force_login(nd.drafter)
    with django_assert_max_num_queries(20):
        client.get(reverse("normative:register"))
