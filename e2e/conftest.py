"""Browser tests run against the real thing: a fresh SQLite database, `fazhi migrate`, `fazhi load_demo`, gunicorn,
all with the demo's fixed date FAZHI_TODAY=2020-02-20 like `make demo`.

Every page a test visits is watched: a console error, an uncaught script error or a Content-Security-Policy violation
fails the test (a test that expects one, such as a 404, says so with ``allow_console``). admin and supervisor owe a
second factor; ``login`` types the code for the demo's published key (docs/decisions/0018).
"""

import hashlib
import hmac
import os
import re
import socket
import struct
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
DEMO_TOTP_KEY = b"fazhi-demo-totp-2019"  # fazhi/demo/data: the published demo key of admin and supervisor
SECOND_FACTOR_USERS = {"admin", "supervisor"}
DEMO_TODAY = "2020-02-20"  # the demo's fixed date, as `make demo` sets it (docs/decisions/0055)
SECRET_KEY = "e2e-only-secret-key-not-for-production-" + "x7Qp2LmZ9rT4vB8n" * 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server_url(demo_server):
    return demo_server[0]


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """(url, env): the running demo and the environment its commands run with (e.g. `fazhi api_token`)."""
    var_dir = tmp_path_factory.mktemp("var")
    env = {**os.environ, "FAZHI_VAR_DIR": str(var_dir), "FAZHI_SECRET_KEY": SECRET_KEY, "FAZHI_TODAY": DEMO_TODAY}
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
        yield url, env
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)  # a loaded machine (2 CPUs shared) can take more than 10 s to stop the workers
        except subprocess.TimeoutExpired:  # a worker still busy with a request a fuzzer gave up on
            proc.kill()
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


REPORT_CSP = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(REPORT_CSP)
    page = context.new_page()
    page.console_errors = []
    page.allowed_console = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(f"{page.url}: {msg.text}"))
    page.on("pageerror", lambda exc: page.console_errors.append(f"{page.url}: {exc}"))
    yield page
    context.close()
    unexpected = [e for e in page.console_errors if not any(re.search(p, e) for p in page.allowed_console)]
    assert not unexpected, "Console errors or CSP violations:\n" + "\n".join(unexpected)


def allow_console(page, pattern: str) -> None:
    """The test expects a console error matching ``pattern`` (e.g. the browser logging a 404 it asked for)."""
    page.allowed_console.append(pattern)


_last_step: dict[str, int] = {}


def totp_code(username: str) -> str:
    """RFC 6238 (SHA-1, 30 s, 6 digits) for the demo key. A code works once, so a second login by the same user within
    one 30-second step waits for the next step."""
    step = int(time.time()) // 30
    if _last_step.get(username, -1) >= step:
        step = _last_step[username] + 1
        time.sleep(max(0.0, step * 30 - time.time() + 0.5))
    _last_step[username] = step
    digest = hmac.new(DEMO_TOTP_KEY, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def login(page, server_url, username, password=DEMO_PASSWORD):
    page.goto(f"{server_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    if username in SECOND_FACTOR_USERS and password == DEMO_PASSWORD:
        page.wait_for_url(re.compile(r"/account/second-factor/"))
        page.fill("#id_token", totp_code(username))
        page.get_by_role("button", name="验证", exact=True).click()
        page.wait_for_url(lambda url: "/account/second-factor/" not in url)
