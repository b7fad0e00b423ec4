"""Browser tests run against the real thing: a fresh SQLite database, `fazhi migrate`, `fazhi load_demo`, gunicorn."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("FAZHI_CHROMIUM", "/usr/bin/chromium")
BIN = Path(sys.executable).parent
DEMO_PASSWORD = "fazhi-demo-2019"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("var")
    env = {**os.environ, "FAZHI_VAR_DIR": str(var_dir), "FAZHI_SECRET_KEY": "e2e-only-secret-key-not-for-production"}
    env.pop("FAZHI_DATABASE_URL", None)
    for args in (["migrate", "--noinput", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([str(BIN / "fazhi"), *args], env=env, check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    proc = subprocess.Popen(
        [str(BIN / "gunicorn"), "fazhi.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/login/", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError("gunicorn 启动失败") from None
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn 20 秒内未就绪")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"找不到 Chromium：{CHROMIUM}（请安装 Debian 的 chromium 软件包）")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def login(page, server_url, username, password=DEMO_PASSWORD):
    page.goto(f"{server_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
