from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.core.access import Role
from fazhi.law.services import create_power_item, retire_power_item
from fazhi.law.tests.factories import load_test_laws, staff, town
from fazhi.law.tests.test_powers import burning_spec
from fazhi.org.services import issue_certificate
from fazhi.portal import rules, selectors

PHONE = "13812345678"
ID_NUMBER = "120111198001011234"


@pytest.fixture
def site(db):
    load_test_laws()
    xinkou, team = town("辛口镇")
    officer = staff(team, Role.OFFICER, name="王", phone=PHONE)
    # An ID number kept in a private field (here the e-mail's local part) must never reach the portal.
    officer.email = f"{ID_NUMBER}@example.cn"
    officer.first_name = "某"
    officer.save(update_fields=["first_name", "email"])
    today = timezone.localdate()
    issue_certificate(
        actor=None,
        holder=officer,
        number="TJ-XQ-0001",
        field="城市管理综合执法",
        valid_from=today - timedelta(days=100),
        valid_to=today + timedelta(days=300),
    )
    expired = staff(team, Role.OFFICER, name="赵")
    issue_certificate(
        actor=None,
        holder=expired,
        number="TJ-XQ-0002",
        field="城市管理",
        valid_from=today - timedelta(days=800),
        valid_to=today - timedelta(days=1),
    )
    penalty = create_power_item(actor=None, body=team, code="XK-CF-040", spec=burning_spec())
    inspection = create_power_item(
        actor=None,
        body=team,
        code="XK-JC-004",
        spec=burning_spec(
            name="对秸秆露天焚烧的巡查检查",
            category="inspection",
            violated=[],
            penalty=[],
            statutory_fine_unit="",
            statutory_fine_min=None,
            statutory_fine_max=None,
            levels=[],
        ),
    )
    retired = create_power_item(actor=None, body=team, code="XK-OLD", spec=burning_spec(name="已取消的事项"))
    retire_power_item(actor=None, item=retired, reason="职能调整")
    return {"town": xinkou, "team": team, "penalty": penalty, "inspection": inspection, "retired": retired}


def test_portal_pages_need_no_login_and_show_the_power_list_with_bases_and_benchmarks(client, site):
    index = client.get(reverse("portal:index")).content.decode()
    assert "辛口镇" in index
    page = client.get(reverse("portal:body", args=[site["town"].pk])).content.decode()
    assert "XK-CF-040" in page and "XK-JC-004" in page and "已取消的事项" not in page
    assert "《中华人民共和国大气污染防治法》第一百一十九条第一款" in page
    detail = client.get(reverse("portal:power", args=[site["penalty"].pk])).content.decode()
    assert "行政处罚裁量基准" in detail and "严重" in detail and "露天焚烧" in detail
    assert "/law/article/" not in detail  # public pages never link into the staff library


def test_portal_search_and_category_filter(client, site):
    url = reverse("portal:body", args=[site["town"].pk])
    assert "XK-JC-004" not in client.get(url, {"q": "行政处罚"}).content.decode()
    assert "XK-CF-040" not in client.get(url, {"category": "inspection"}).content.decode()


def test_random_inspection_list_has_only_inspection_items(client, site):
    page = client.get(reverse("portal:inspections", args=[site["team"].pk])).content.decode()
    assert "XK-JC-004" in page and "XK-CF-040" not in page


def test_officers_show_only_name_unit_number_field_and_only_valid_certificates(client, site):
    officers = selectors.published_officers(site["town"])
    assert [(o.name, o.certificate_number) for o in officers] == [("王某", "TJ-XQ-0001")]
    page = client.get(reverse("portal:body", args=[site["town"].pk])).content.decode()
    assert "王某" in page and "TJ-XQ-0001" in page and "辛口镇综合执法大队" in page
    assert PHONE not in page and ID_NUMBER not in page
    assert "TJ-XQ-0002" not in page


def test_no_private_data_on_any_portal_page(client, site):
    urls = [
        reverse("portal:index"),
        reverse("portal:body", args=[site["town"].pk]),
        reverse("portal:body", args=[site["team"].pk]),
        reverse("portal:inspections", args=[site["team"].pk]),
        reverse("portal:power", args=[site["penalty"].pk]),
        reverse("portal:procedure"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert PHONE not in text and ID_NUMBER not in text


def test_retired_items_and_unknown_bodies_are_not_found(client, site):
    assert client.get(reverse("portal:power", args=[site["retired"].pk])).status_code == 404
    assert client.get(reverse("portal:body", args=[999999])).status_code == 404


def test_procedure_page_cites_articles_that_resolve(client, site):
    page = client.get(reverse("portal:procedure")).content.decode()
    assert "九十日" in page and "六十日内" in page and "六个月内" in page
    assert "未解析" not in page
    citations = [c for s in rules.PENALTY_PROCEDURE + rules.REMEDIES for c in s["citations"]]
    citations += rules.SIMPLE_PROCEDURE["citations"] + rules.COMPLAINT_CITATIONS
    for text in citations:
        found = selectors.published_citations(text)
        assert len(found) == 1 and found[0].resolved, (text, found[0].error if found else "")


def test_public_article_page(client, site):
    url = reverse("portal:article", args=["行政处罚法/2021-01-22/第六十条"])
    assert "九十日" in client.get(url).content.decode()
    assert client.get(reverse("portal:article", args=["行政处罚法/2021-01-22/第九百条"])).status_code == 404


def test_published_bodies_lists_only_bodies_with_powers(site):
    _, empty_team = town("空镇")
    assert empty_team not in selectors.published_bodies()
