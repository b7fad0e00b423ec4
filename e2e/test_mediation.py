"""人民调解 in the browser: the mediator registers a dispute, records both parties' consent, accepts it, records an
agreement (a written 调解协议书) and downloads the .docx; another town's mediator gets 404 for it."""

import re

from conftest import DEMO_PASSWORD, allow_console, login
from playwright.sync_api import expect


def _step(page, name):
    page.get_by_test_id(f"step-{name}").locator("summary").click()


def test_mediator_registers_a_dispute_to_a_written_agreement_and_downloads_it(page, server_url):
    page.on("dialog", lambda dialog: dialog.accept())
    # The workbench's deadline chart (core/charts.py) carries a style="" attribute that the CSP blocks: a known
    # defect outside this module, reported to the lead; nothing of mediation's pages may trip the CSP.
    allow_console(page, r"^http://[^/]+/: (Applying inline style|CSP violation: style-src-attr)")
    login(page, server_url, "mediator")
    page.goto(f"{server_url}/mediation/")
    expect(page.get_by_test_id("dispute-list")).to_contain_text("调登")
    page.get_by_test_id("dispute-new").click()
    page.fill("#id_registered_on", "2019-12-02")
    page.select_option("#id_kind", "neighbour")
    page.select_option("#id_source", "application")
    page.select_option("#id_community", label="木厂村")
    page.fill("#id_summary", "两户因宅前排水沟堵塞发生争执。")
    page.fill("#id_a_name", "测试甲")
    page.fill("#id_a_address", "天津市西青区辛口镇木厂村1号")
    page.fill("#id_b_name", "测试乙")
    page.fill("#id_b_id_number", "120111197001010099")
    page.get_by_test_id("dispute-form").get_by_role("button", name="登记").click()
    expect(page).to_have_url(re.compile(r"/mediation/\d+/$"))
    expect(page.get_by_test_id("status")).to_have_text("已登记，待征求当事人意见")
    for _ in range(2):
        _step(page, "consent")
        page.select_option("#id_consent-party", index=1)
        page.select_option("#id_consent-consent", "agreed")
        page.fill("#id_consent-on", "2019-12-03")
        page.get_by_test_id("step-consent").get_by_role("button", name="记录当事人是否同意调解").click()
    _step(page, "accept")
    page.select_option("#id_accept-committee", label="辛口镇人民调解委员会")
    page.select_option("#id_accept-mediator", label="杨秀英（主任）")
    page.fill("#id_accept-on", "2019-12-04")
    page.get_by_test_id("step-accept").get_by_role("button", name="受理调解").click()
    expect(page.get_by_test_id("status")).to_have_text("调解中")
    _step(page, "agree")
    page.fill("#id_agree-on", "2019-12-10")
    page.fill("#id_agree-terms", "测试乙于12月20日前疏通排水沟。")
    allow_console(page, "status of 400")
    page.get_by_test_id("step-agree").get_by_role("button", name="达成调解协议").click()
    # a written agreement without the 第二十九条 elements is refused, naming the article
    expect(page.get_by_test_id("step-agree")).to_contain_text("第二十九条")
    page.fill("#id_agree-facts", "排水沟堵塞致测试甲院内积水。")
    page.fill("#id_agree-responsibilities", "测试乙负主要责任。")
    page.fill("#id_agree-performance_method", "测试乙自行疏通")
    page.fill("#id_agree-performance_due", "2019-12-20")
    page.check("#id_agree-signed")
    page.get_by_test_id("step-agree").get_by_role("button", name="达成调解协议").click()
    expect(page.get_by_test_id("status")).to_have_text("调解成功")
    expect(page.get_by_test_id("confirmation-window")).to_contain_text("共同申请司法确认的期间")
    with page.expect_download() as download:
        page.get_by_test_id("agreement-docx").click()
    assert download.value.suggested_filename.endswith(".docx")
    path = page.url.removeprefix(server_url)
    page.get_by_role("button", name="退出登录").click()
    # another town's officer, sent straight to the case file after login: refused, and nothing of it shown
    allow_console(page, "status of 40")
    page.goto(f"{server_url}/login/?next={path}")
    page.fill("#id_username", "zjw_officer")
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_response(lambda r: r.url.endswith(path)) as refused:
        page.click("button[type=submit]")
    assert refused.value.status in (403, 404)
    assert "测试甲" not in page.content()


def test_the_public_roll_shows_no_telephone(page, server_url):
    page.goto(f"{server_url}/gongkai/tiaojie/")
    page.get_by_role("link", name="西青区辛口镇人民政府").click()
    expect(page.get_by_test_id("roll-committee").filter(has_text="辛口镇人民调解委员会")).to_contain_text("杨秀英")
    assert "13802010005" not in page.content()
