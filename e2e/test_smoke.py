import re

from conftest import allow_console, login
from playwright.sync_api import expect


def test_officer_logs_in_sees_workbench_and_logs_out(page, server_url):
    login(page, server_url, "officer1")
    expect(page.get_by_test_id("workbench-title")).to_have_text("我的工作台")
    expect(page.get_by_test_id("current-user")).to_contain_text("辛口镇")
    expect(page.get_by_test_id("my-certificate")).to_be_visible()
    page.screenshot(path=str(_artifact("workbench-officer1.png")), full_page=True)
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(re.compile(r"/login/"))
    page.goto(f"{server_url}/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/"))


def test_wrong_password_is_refused_in_chinese(page, server_url):
    login(page, server_url, "officer1", password="not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("用户名或密码不正确")
    expect(page).to_have_url(re.compile(r"/login/"))


def _artifact(name):
    from pathlib import Path

    folder = Path(__file__).parent / "artifacts"
    folder.mkdir(exist_ok=True)
    return folder / name


def test_supervisor_verifies_the_chain_in_the_browser(page, server_url):
    login(page, server_url, "supervisor")
    page.goto(f"{server_url}/audit/")
    expect(page.get_by_test_id("chain-filter")).to_be_visible()
    page.goto(f"{server_url}/audit/verify/")
    page.get_by_role("button", name="开始校验").click()
    expect(page.get_by_test_id("verify-result")).to_contain_text("审计链完整")


def test_officer_of_another_town_gets_404_for_a_xinkou_case(page, server_url):
    login(page, server_url, "officer1")
    page.goto(f"{server_url}/cases/")
    href = page.locator("table a[href^='/cases/']").first.get_attribute("href")
    assert href and href.rstrip("/").split("/")[-1].isdigit()
    page.get_by_role("button", name="退出登录").click()
    login(page, server_url, "zjw_officer")
    allow_console(page, "status of 404")
    response = page.goto(f"{server_url}{href}")
    assert response.status == 404
    expect(page.get_by_test_id("error-title")).to_contain_text("页面不存在")
    expect(page.get_by_role("link", name="返回我的工作台")).to_be_visible()
