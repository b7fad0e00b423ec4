"""No input reaches a 500 (issue #11): every case the issue lists answers 4xx with a Chinese message naming the field,
on the pages and on the API, for the public and for staff (fazhi.core.validation)."""

import pytest
from django.test import Client

from fazhi.accounts.services import issue_token
from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.factories import case_at
from fazhi.review.models import CatalogueEntry

BIG = "99999999999999999999"  # 20 digits: past 2^63−1 (19 digits), SQLite's INTEGER overflows
PAST_64_BITS = str(2**63)


def chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def anon():
    return Client(raise_request_exception=False)


@pytest.fixture
def officer(w):
    client = Client(raise_request_exception=False)
    client.force_login(w.officer1)
    return client


@pytest.mark.parametrize(
    ("amount", "says"),
    [
        ("123456789012345678", "超出可登记的范围"),  # DECIMAL(14, 2): at most 12 whole digits
        ("1e20", "超出可登记的范围"),
        ("NaN", "应为有限的数字"),
        ("Infinity", "应为有限的数字"),
        ("abc", "应为数字"),
        ("-5", "不能为负数"),
    ],
)
def test_catalogue_amount_is_refused_with_its_reason(w, amount, says):
    client = Client(raise_request_exception=False)
    client.force_login(w.leader)
    response = client.post("/review/catalogue/", {"name": "较大数额罚款", "min_amount": amount})
    assert response.status_code == 400
    assert "涉案金额" in response.content.decode() and says in response.content.decode()
    assert not CatalogueEntry.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/publicity/published?body={BIG}",
        f"/api/v1/publicity/published?offset={BIG}",
        "/api/v1/publicity/published?offset=-1",
        f"/api/v1/publicity/published/{BIG}",
    ],
)
def test_public_api_numbers_out_of_range_are_422_in_chinese(w, anon, url):
    response = anon.get(url)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("参数 ") and chinese(body["detail"])


def test_public_search_page_refuses_a_body_id_past_64_bits(w, anon):
    response = anon.get(f"/gongkai/jieguo/?body={BIG}")
    assert response.status_code == 400
    assert "执法机关" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/gongkai/jieguo/?q=%00", "/gongkai/xxgk/?q=%00", "/api/v1/publicity/published?q=%00", "/gongkai/?q=%00"]
)
def test_a_nul_in_the_address_is_400_in_chinese(w, anon, url):
    response = anon.get(url)
    assert response.status_code == 400
    assert "控制字符" in response.content.decode("utf-8") or "控制字符" in response.json()["detail"]


@pytest.mark.parametrize(
    ("query", "field"),
    [("offset=-1", "offset"), ("year=-1", "year"), ("year=99999999999", "year"), (f"offset={BIG}", "offset")],
)
def test_case_list_api_refuses_out_of_range_parameters(w, officer, query, field):
    response = officer.get(f"/api/v1/enforcement/cases?{query}")
    assert response.status_code == 422
    assert f"参数 {field}：" in response.json()["detail"]


@pytest.mark.parametrize("year", ["-1", "99999999999", "abc"])
def test_case_list_page_refuses_a_year_out_of_range(w, officer, year):
    response = officer.get(f"/cases/?year={year}")
    assert response.status_code == 400
    assert "年度" in response.content.decode()


def test_a_bearer_token_gets_the_same_answers(w):
    token = issue_token(actor=w.officer1, user=w.officer1, name="测试")[1]
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = client.get("/api/v1/enforcement/cases?year=-1", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422 and "参数 year：不能小于1949" in response.json()["detail"]


PROPOSE = {
    "on": "2022-03-20",
    "facts": "露天焚烧秸秆",
    "evidence_summary": "现场照片",
    "outcome": "penalty",
    "penalty_kinds": ["罚款"],
}


@pytest.mark.parametrize(
    ("change", "field_label"),
    [
        ({"fine_amount": "NaN"}, "罚款金额"),
        ({"fine_amount": "Infinity"}, "罚款金额"),
        ({"fine_amount": "1e20"}, "罚款金额"),
        ({"fine_amount": "-5"}, "罚款金额"),
        ({"power_version": PAST_64_BITS}, "权责事项"),
        ({"facts": "烧" * 20_001}, "违法事实"),  # the column's cap is 20,000 characters
        ({"lighter_grounds": "烧" * 20_001}, "从轻、减轻情节"),  # no max_length of its own: TEXT_CAP
        ({"facts": "露天\x01焚烧"}, "违法事实"),
    ],
)
def test_propose_refuses_bad_values_on_the_page_and_keeps_the_case(w, officer, change, field_label):
    case = case_at(w, "investigating")
    response = officer.post(f"/cases/{case.pk}/step/propose/", {**PROPOSE, "fine_amount": "600", **change})
    assert response.status_code == 400
    assert field_label in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "investigating"


def test_a_nul_byte_in_a_form_field_is_400(w, officer):
    case = case_at(w, "investigating")
    response = officer.post(f"/cases/{case.pk}/step/propose/", {**PROPOSE, "facts": "露天\x00焚烧"})
    assert response.status_code == 400
    assert "控制字符" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "investigating"


@pytest.mark.parametrize(
    "change",
    [
        {"fine_amount": "NaN"},
        {"fine_amount": "1e20"},
        {"power_version": 2**63},
        {"benchmark_level": 2**64},
        {"facts": "烧" * 20_001},
        {"facts": "露天\u0000焚烧"},
    ],
)
def test_propose_through_the_api_refuses_bad_values(w, change):
    case = case_at(w, "investigating")
    token = issue_token(actor=w.officer1, user=w.officer1, name="测试")[1]
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = client.post(
        f"/api/v1/enforcement/cases/{case.pk}/steps/propose",
        {**PROPOSE, "fine_amount": "600", **change},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code in (400, 422)
    assert chinese(response.json()["detail"])
    assert Case.objects.get(pk=case.pk).status == "investigating"


def test_officer_ids_past_64_bits_are_refused_when_filing(w, officer):
    case = case_at(w, "lead")
    response = officer.post(
        f"/cases/{case.pk}/step/request_filing/", {"on": "2022-03-02", "officers": [str(w.officer1.pk), BIG]}
    )
    assert response.status_code == 400
    assert Case.objects.get(pk=case.pk).status == "lead"


def test_a_nul_in_a_json_body_is_refused_before_the_view(w):
    """The token name is a plain schema field (no form): the guard refuses the NUL before it could reach the
    database (PostgreSQL refuses NUL in text)."""
    client = Client(raise_request_exception=False)
    client.force_login(w.officer1)
    from django.middleware.csrf import get_token

    response = client.post(
        "/api/v1/accounts/tokens",
        '{"name": "脚本\\u0000"}',
        content_type="application/json",
        HTTP_X_CSRFTOKEN=get_token(client.get("/account/").wsgi_request),
    )
    assert response.status_code == 400
    assert "控制字符" in response.json()["detail"]
