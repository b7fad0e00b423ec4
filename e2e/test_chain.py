"""The supervisor's chain page in the browser, at desktop and phone width: filter by an event chosen by its Chinese
name, page through, download the checkpoint and check it on the verify page — with no horizontal overflow and no
console errors."""

import re

import pytest
from conftest import login
from playwright.sync_api import expect

SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


def _console_errors(page) -> list[str]:
    errors: list[str] = []

    def on_console(message):
        # The browser asks every site for /favicon.ico; the base layout has none yet (not this page's doing).
        if message.type == "error" and not (message.location or {}).get("url", "").endswith("/favicon.ico"):
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def _no_horizontal_overflow(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"页面宽 {width}px，超出视口 {inner}px"


@pytest.mark.parametrize("size", SIZES)
def test_supervisor_filters_pages_downloads_and_checks_the_checkpoint(browser, server_url, size, tmp_path):
    context = browser.new_context(locale="zh-CN", viewport=SIZES[size], accept_downloads=True)
    page = context.new_page()
    errors = _console_errors(page)
    try:
        login(page, server_url, "supervisor")
        page.goto(f"{server_url}/audit/")
        expect(page.get_by_test_id("chain-filter")).to_be_visible()
        _no_horizontal_overflow(page)

        # Filter by an event chosen by its Chinese label.
        page.get_by_label("事件").select_option(label="批准立案")
        page.get_by_role("button", name="筛选").click()
        expect(page).to_have_url(re.compile(r"event=enforcement\.filed"))
        table = page.get_by_test_id("chain-table")
        expect(table).to_contain_text("批准立案")
        expect(table).to_contain_text("状态：")
        expect(table).not_to_contain_text("filing →")
        expect(table).not_to_contain_text("investigating")
        _no_horizontal_overflow(page)

        # Page through the whole chain and back.
        page.goto(f"{server_url}/audit/")
        expect(page.get_by_test_id("page-number")).to_contain_text("第 1 /")
        first_seq = page.locator("tbody tr").first.get_attribute("data-seq")
        page.get_by_role("link", name="下一页").click()
        expect(page.get_by_test_id("page-number")).to_contain_text("第 2 /")
        assert page.locator("tbody tr").first.get_attribute("data-seq") != first_seq
        _no_horizontal_overflow(page)
        page.screenshot(path=str(_artifact(f"chain-{size}.png")))

        # Download the checkpoint, then paste it into the verify page.
        with page.expect_download() as download_info:
            page.get_by_test_id("checkpoint-link").click()
        download = download_info.value
        assert re.fullmatch(r"fazhi-checkpoint-\d+\.txt", download.suggested_filename)
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        checkpoint = saved.read_text(encoding="utf-8").splitlines()[0]
        assert re.fullmatch(r"\d+:[0-9a-f]{64}", checkpoint)

        page.goto(f"{server_url}/audit/verify/")
        expect(page.get_by_test_id("current-head")).to_contain_text(checkpoint.split(":")[1][:16])
        page.get_by_label("检查点（可选）").fill(checkpoint)
        page.get_by_role("button", name="开始校验").click()
        expect(page.get_by_test_id("verify-result")).to_contain_text("审计链完整")
        _no_horizontal_overflow(page)

        # A forged checkpoint is caught.
        forged = checkpoint.split(":")[0] + ":" + "0" * 64
        page.get_by_label("检查点（可选）").fill(forged)
        page.get_by_role("button", name="开始校验").click()
        expect(page.get_by_test_id("verify-result")).to_contain_text("与检查点不符")
        page.screenshot(path=str(_artifact(f"verify-{size}.png")))
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES)
def test_lists_and_charts_fit_the_screen(browser, server_url, size):
    context = browser.new_context(locale="zh-CN", viewport=SIZES[size])
    page = context.new_page()
    errors = _console_errors(page)
    try:
        login(page, server_url, "supervisor")
        for path in (
            "/cases/",
            "/calendar/deadlines/",
            "/publicity/",
            "/publicity/statistics/",
            "/publicity/supervision/",
            "/",
        ):
            response = page.goto(f"{server_url}{path}")
            assert response.status == 200, path
            _no_horizontal_overflow(page)
        page.goto(f"{server_url}/publicity/supervision/")
        expect(page.get_by_test_id("figure-table-on_time")).to_contain_text("张家窝镇")
        assert errors == []
    finally:
        context.close()


def _artifact(name):
    from pathlib import Path

    folder = Path(__file__).parent / "artifacts"
    folder.mkdir(exist_ok=True)
    return folder / name
