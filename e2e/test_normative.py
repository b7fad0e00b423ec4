"""行政规范性文件 in the browser: the clerk drafts, opens and closes the comment window and sends the draft to review;
the reviewer agrees; the leader deliberates (a dissent recorded) and publishes; the public register shows it with its
number, text and 有效期. Dates are counted back from the demo's fixed today (FAZHI_TODAY) so every step date is in the past."""

import re
import time
from datetime import date, timedelta

from conftest import DEMO_TODAY, allow_console, login
from playwright.sync_api import expect


def _day(days_ago: int) -> str:
    return (date.fromisoformat(DEMO_TODAY) - timedelta(days=days_ago)).isoformat()  # the demo's fixed today


def _step(page, name: str, values: dict) -> None:
    section = page.get_by_test_id(f"step-{name}")
    for field, value in values.items():
        section.locator(f"#{name}-{field}").fill(value)
    section.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_draft_comment_review_deliberate_publish_and_the_public_page(page, server_url):
    page.on("dialog", lambda dialog: dialog.accept())
    title = f"辛口镇村庄公共空间管理办法{int(time.time()) % 100000}"

    login(page, server_url, "clerk")
    page.goto(f"{server_url}/normative/new/")
    page.select_option("#draft-body", label="西青区辛口镇人民政府（镇/街）")
    page.fill("#draft-title", title)
    page.fill("#draft-basis", "《村民委员会组织法》第八条")
    page.fill("#draft-text", "第一条 为规范村庄公共空间管理，制定本办法。\n第二条 本办法自公布之日起施行。")
    page.fill("#draft-on", _day(60))
    page.get_by_role("button", name="起草").click()
    expect(page.get_by_test_id("status")).to_have_text("起草")
    detail = page.url

    _step(page, "assess", {"assessment": "必要、可行。", "on": _day(59)})
    expect(page.get_by_test_id("status")).to_have_text("已评估论证")
    # A window shorter than 7 working days is refused (400) with its source, the typed values kept.
    allow_console(page, r"step/open_comments/: Failed to load resource: .* 400")
    _step(page, "open_comments", {"on": _day(50), "closes_on": _day(49)})
    expect(page.get_by_test_id("step-open_comments")).to_contain_text("7个工作日")
    _step(page, "open_comments", {"on": _day(50), "closes_on": _day(30)})
    expect(page.get_by_test_id("status")).to_have_text("公开征求意见中")
    _step(page, "close_comments", {"on": _day(29)})
    _step(page, "submit_review", {"on": _day(29)})
    expect(page.get_by_test_id("status")).to_have_text("合法性审核中")

    page.context.clear_cookies()
    login(page, server_url, "reviewer")
    page.goto(f"{server_url}/review/")
    page.get_by_role("link", name=re.compile(title)).first.click()
    for radio in page.locator("input[type=radio][value='1']").all():
        radio.check()
    page.locator("input[name=conclusion][value=agree]").check()
    page.get_by_role("button", name="出具审核意见").click()
    expect(page.locator("body")).to_contain_text("审核意见已出具")

    page.context.clear_cookies()
    login(page, server_url, "leader")
    page.goto(detail)
    expect(page.get_by_test_id("status")).to_have_text("审核通过待审议")
    _step(page, "deliberate", {
        "attendees": "王建国、林强、郑宇",
        "views": "林强：同意：\n郑宇：反对：宜先试点\n王建国：同意：同意印发",
        "head": "王建国",
        "on": _day(0),
    })  # fmt: skip
    expect(page.get_by_test_id("views")).to_contain_text("郑宇：反对")
    _step(page, "publish", {"on": _day(0), "effective_from": _day(0)})
    expect(page.get_by_test_id("status")).to_have_text("现行有效")
    number = page.get_by_test_id("number").inner_text()
    assert re.fullmatch(rf"辛政规〔{date.fromisoformat(DEMO_TODAY).year}〕\d+号", number)

    page.context.clear_cookies()
    page.goto(f"{server_url}/gongkai/gfxwj/XQ-XK/")
    expect(page.get_by_test_id("public-register")).to_contain_text(title)
    expect(page.get_by_test_id("public-register")).to_contain_text(number)
    page.get_by_role("link", name=title).click()
    expect(page.get_by_test_id("public-text")).to_contain_text("规范村庄公共空间管理")
    expect(page.get_by_test_id("public-number")).to_contain_text("有效期至")
