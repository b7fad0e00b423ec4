"""Security in the browser: the lockout message, the admin site behind the second factor, an API token made on the
account page and used by a script, the public portal and the main pages without CSP violations."""

import json
import re
import urllib.request

from conftest import allow_console, login
from playwright.sync_api import expect


def test_five_wrong_passwords_lock_the_account_with_when_to_try_again(page, server_url):
    allow_console(page, "status of 429")
    for _ in range(4):
        login(page, server_url, "zhaolei", password="wrong-password")
        expect(page.get_by_role("alert")).to_contain_text("用户名或密码不正确")
    login(page, server_url, "zhaolei", password="wrong-password")
    expect(page.get_by_test_id("lockout")).to_contain_text("登录失败次数过多")
    login(page, server_url, "zhaolei")  # the right password, during the lockout
    expect(page.get_by_test_id("lockout")).to_contain_text(re.compile(r"请于 \d\d:\d\d"))


def test_admin_passes_the_second_factor_and_opens_the_admin_site(page, server_url):
    login(page, server_url, "admin")
    page.goto(f"{server_url}/admin/")
    expect(page.locator("#site-name")).to_contain_text("法治平台")
    page.goto(f"{server_url}/admin/accounts/apitoken/")
    expect(page.locator("#content h1")).to_contain_text("API 令牌")


def test_a_token_from_the_account_page_works_for_a_script(page, server_url):
    login(page, server_url, "officer1")
    page.get_by_test_id("current-user").click()
    expect(page.get_by_test_id("account-title")).to_have_text("我的账户")
    page.fill("#id_name", "浏览器测试")
    page.get_by_role("button", name="签发令牌").click()
    key = page.get_by_test_id("new-token").locator(".font-monospace").inner_text().strip()
    assert key.startswith("fz_")
    request = urllib.request.Request(f"{server_url}/api/v1/org/officers", headers={"Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert any(o["username"] == "officer1" for o in json.load(response))
    page.reload()
    expect(page.get_by_test_id("new-token")).to_have_count(0)  # shown once
    expect(page.get_by_test_id("tokens")).to_contain_text("浏览器测试")


def test_public_portal_pages_have_no_csp_violations(page, server_url):
    for path in ["/gongkai/", "/gongkai/jieguo/", "/gongkai/xxgk/"]:
        response = page.goto(f"{server_url}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    allow_console(page, "status of 404")
    page.goto(f"{server_url}/gongkai/no-such-page/")
    expect(page.get_by_role("link", name="返回政务公开门户")).to_be_visible()
    expect(page.get_by_role("link", name="登录")).to_have_count(0)


def test_working_pages_have_no_csp_violations(page, server_url):
    login(page, server_url, "officer1")
    for path in ["/", "/calendar/", "/calendar/deadlines/", "/org/", "/law/", "/cases/", "/review/", "/publicity/"]:
        response = page.goto(f"{server_url}{path}")
        assert response.status == 200, path
    page.goto(f"{server_url}/cases/")
    page.locator("table a[href^='/cases/']").first.click()
    expect(page.locator("h1")).to_be_visible()
    page.goto(f"{server_url}/api/v1/docs")
    expect(page.locator("#swagger-ui")).to_be_attached()
