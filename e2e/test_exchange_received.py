"""The upstream's side in the browser: the district supervisor reads what the towns pushed (the demo's 2019 Q1–Q3
pushes by its district account, ADR 0068) — who sent what, the quarter's figures from the received records and the
late-publication alert — at desktop and phone width (docs/exchange.md, ADR 0081)."""

import pytest
from conftest import allow_console, login
from playwright.sync_api import expect

SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


def _no_horizontal_overflow(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"页面宽 {width}px，超出视口 {inner}px"


@pytest.mark.parametrize("size", SIZES)
def test_the_district_supervisor_sees_the_towns_pushed_records_and_their_quarter(page, server_url, size):
    page.set_viewport_size(SIZES[size])
    login(page, server_url, "supervisor")
    page.goto(f"{server_url}/exchange/received/?year=2019&quarter=3")
    expect(page.get_by_role("heading", name="接收的报送记录")).to_be_visible()
    senders = page.get_by_test_id("received-senders").locator("tbody tr")
    expect(senders.first).not_to_contain_text("尚未接收到记录")
    quarter = page.get_by_test_id("received-quarter")
    expect(quarter).to_contain_text("辛口镇")
    expect(quarter).to_contain_text("合计")
    expect(page.get_by_test_id("received-alert-total")).to_contain_text("条")
    _no_horizontal_overflow(page)


def test_a_bad_quarter_is_refused_in_chinese(page, server_url):
    allow_console(page, "status of 400")
    login(page, server_url, "supervisor")
    response = page.goto(f"{server_url}/exchange/received/?year=2019&quarter=9")
    assert response.status == 400
    expect(page.locator("body")).to_contain_text("季度")


def test_an_officer_is_refused(page, server_url):
    allow_console(page, "status of 403")
    login(page, server_url, "officer1")
    response = page.goto(f"{server_url}/exchange/received/")
    assert response.status == 403
