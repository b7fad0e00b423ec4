"""The jobs page in the browser, at desktop and phone width: a supervisor starts a chain verification, a worker
process (``fazhi db_worker --batch``, as a deployment runs it without --batch) does it, and the page — refreshed by htmx,
no reload — shows it done with every entry counted."""

import re
import subprocess

import pytest
from conftest import BIN, login
from playwright.sync_api import expect

SIZES = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


def _no_horizontal_overflow(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"页面宽 {width}px，超出视口 {inner}px"


@pytest.mark.parametrize("size", SIZES)
def test_supervisor_starts_a_verification_and_sees_the_worker_finish_it(page, demo_server, size):
    url, env = demo_server
    page.set_viewport_size(SIZES[size])
    login(page, url, "supervisor")
    page.goto(f"{url}/jobs/")
    expect(page.get_by_role("heading", name="后台任务")).to_be_visible()
    _no_horizontal_overflow(page)

    page.get_by_test_id("verify-form").get_by_role("button", name="开始校验").click()
    expect(page.get_by_role("alert")).to_contain_text("已提交审计链校验")
    row = page.get_by_test_id("job-table").locator("tbody tr").first
    expect(row.get_by_test_id("job-state")).to_have_text("排队中")
    job_id = row.get_attribute("data-job")
    _no_horizontal_overflow(page)

    worker = subprocess.run(
        [str(BIN / "fazhi"), "db_worker", "--batch", "--no-startup-delay", "--interval", "0", "-v0"],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert worker.returncode == 0, worker.stderr

    # No reload: htmx polls the table every 2 s while a job is live.
    row = page.locator(f'tr[data-job="{job_id}"]')
    expect(row.get_by_test_id("job-state")).to_have_text("已完成", timeout=20_000)
    expect(row).to_contain_text("审计链完整")
    expect(row.get_by_test_id("job-progress")).to_contain_text("100%")
    done, total = re.search(r"(\d+) / (\d+)", row.get_by_test_id("job-progress").inner_text()).groups()
    assert done == total and int(total) > 0
    # Finished: the table stops polling.
    expect(page.get_by_test_id("jobs")).not_to_have_attribute("hx-trigger", re.compile("every"))
    _no_horizontal_overflow(page)


def test_an_officer_sees_no_start_buttons(page, server_url):
    login(page, server_url, "officer1")
    page.goto(f"{server_url}/jobs/")
    expect(page.get_by_role("heading", name="后台任务")).to_be_visible()
    expect(page.get_by_test_id("verify-form")).to_have_count(0)
    expect(page.get_by_test_id("export-form")).to_have_count(0)
