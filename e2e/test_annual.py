"""The annual report in the browser: the legal reviewer starts next year's report, inserts a figure from the record
with a click and saves a new version; the demo's 2019 report reads on the portal; the district supervisor sees which
town has not started — at desktop and phone width, with no horizontal overflow and no console errors."""

import re

import pytest
from conftest import login
from playwright.sync_api import expect

SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


def _no_horizontal_overflow(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"{page.url} 页面宽 {width}px，超出视口 {inner}px"


def test_the_reviewer_drafts_a_report_and_inserts_a_figure_from_the_record(page, server_url):
    page.set_viewport_size(SIZES["desktop"])
    login(page, server_url, "reviewer")
    page.goto(f"{server_url}/annual/")
    expect(page.get_by_test_id("report-list")).to_contain_text("辛口镇2019年度法治政府建设情况报告")
    page.fill("#id_year", "2020")
    page.get_by_role("button", name="起草年度报告").click()
    page.wait_for_url(re.compile(r"/annual/\d+/$"))
    expect(page.get_by_test_id("report-state")).to_have_text("起草中")
    box = page.locator("#edit-other")
    box.click()
    page.get_by_test_id("figure-enforcement.filed").get_by_role("button", name="插入").click()
    expect(box).to_have_value("{{enforcement.filed}}")
    box.press("End")
    box.type("件案件已全部归档。")
    page.get_by_role("button", name="保存为新版本").click()
    expect(page.get_by_text("“修改正文”已完成。")).to_be_visible()
    expect(page.get_by_test_id("report-preview")).to_contain_text(
        re.compile(r"五、其他需要报告的情况\s*\d+件案件已全部归档。")
    )
    _no_horizontal_overflow(page)


@pytest.mark.parametrize("size", SIZES)
def test_the_published_2019_report_reads_on_the_portal(page, server_url, size):
    page.set_viewport_size(SIZES[size])
    page.goto(f"{server_url}/gongkai/fzbg/")
    page.get_by_role("link", name="辛口镇2019年度法治政府建设情况报告").click()
    report = page.get_by_test_id("public-report")
    expect(report.get_by_role("heading", name="三、存在的不足和原因")).to_be_visible()
    expect(report).to_contain_text("全年立案行政处罚案件")
    _no_horizontal_overflow(page)


def test_the_supervisor_sees_which_town_has_not_started(page, server_url):
    page.set_viewport_size(SIZES["phone"])
    login(page, server_url, "supervisor")
    page.goto(f"{server_url}/annual/?year=2019")
    towns = page.get_by_test_id("town-reports")
    expect(towns.get_by_role("row", name=re.compile("张家窝镇"))).to_contain_text("尚未起草")
    expect(towns.get_by_role("row", name=re.compile("辛口镇"))).to_contain_text("已公开")
    _no_horizontal_overflow(page)
