"""执法监督 in the browser: the district supervisor (TOTP) sees the alerts of both towns, the comparison page with its
charts and their numbers, opens a 评查 result and the 监督事项 it led to; a town leader sees only their own town."""

import re

from conftest import login
from playwright.sync_api import expect


def test_supervisor_sees_alerts_compares_towns_and_opens_a_file_review(page, server_url):
    login(page, server_url, "supervisor")
    page.goto(f"{server_url}/audit/alerts/?year=2019")
    matrix = page.get_by_test_id("alert-matrix")
    expect(matrix).to_contain_text("辛口镇")
    expect(matrix).to_contain_text("张家窝镇")
    expect(page.get_by_test_id("rule-total-zero_enforcement")).to_have_text("1")
    page.get_by_role("link", name="未在法定期限内作出处罚决定").click()
    expect(page.get_by_test_id("alert-table")).to_contain_text("第六十条")

    page.goto(f"{server_url}/audit/compare/?from=2019-01-01&to=2019-12-31")
    expect(page.get_by_test_id("chart-on_time")).to_be_visible()
    expect(page.get_by_test_id("figure-table-days")).to_contain_text("辛口镇")
    expect(page.get_by_test_id("compare-table")).to_contain_text("无记录")

    page.goto(f"{server_url}/audit/review/")
    page.get_by_role("link", name=re.compile("2019年度行政处罚案卷评查")).click()
    expect(page.get_by_test_id("round-seed")).to_contain_text("0738-2291")
    expect(page.get_by_test_id("round-report")).to_contain_text("不合格")
    page.get_by_test_id("file-table").locator("a[href*='/audit/review/files/']").first.click()
    expect(page.get_by_test_id("file-total")).to_contain_text("分")
    expect(page.get_by_test_id("evidence-checks")).to_be_visible()

    page.goto(f"{server_url}/audit/matters/")
    page.get_by_test_id("matter-table").get_by_role("link").first.click()
    expect(page.get_by_test_id("matter-status")).to_be_visible()


def test_town_leader_sees_only_their_town(page, server_url):
    login(page, server_url, "zjw_leader")
    page.goto(f"{server_url}/audit/alerts/?year=2019")
    expect(page.get_by_test_id("alert-matrix")).not_to_contain_text("辛口镇")
    page.goto(f"{server_url}/audit/matters/")
    expect(page.get_by_test_id("matter-table")).to_contain_text("张家窝镇")
    expect(page.get_by_test_id("matter-table")).not_to_contain_text("辛口镇")
