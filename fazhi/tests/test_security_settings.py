"""Deployment settings: `check --deploy` is clean in production settings, a weak or missing secret key refuses to
serve, FAZHI_PROXY_SSL_HEADER reaches SECURE_PROXY_SSL_HEADER, and the pages carry a CSP that no template breaks.

The settings tests run the real `fazhi` command in a subprocess with a production environment, so they test the
settings module as a deployment reads it, not overridden values."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

FAZHI = str(Path(sys.executable).parent / "fazhi")
PACKAGE = Path(__file__).resolve().parents[1]


def production_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}
    env.update(
        FAZHI_VAR_DIR=str(tmp_path),
        FAZHI_SECRET_KEY=secrets.token_urlsafe(50),
        FAZHI_SECURE_COOKIES="1",
        FAZHI_ALLOWED_HOSTS="fazhi.xiqing.gov.cn",
        FAZHI_PROXY_SSL_HEADER="X-Forwarded-Proto",
    )
    env.update(extra)
    return env


def run(args, env):
    return subprocess.run([FAZHI, *args], env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_in_production_settings(tmp_path):
    result = run(["check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_secure_cookies(tmp_path):
    result = run(["check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path, FAZHI_SECURE_COOKIES="0"))
    assert result.returncode != 0 and "W012" in result.stderr + result.stdout


def test_proxy_ssl_header_and_secure_cookies_reach_django(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    result = run(["shell", "-c", code], production_env(tmp_path, FAZHI_PROXY_SSL_HEADER="X-Forwarded-Proto: https"))
    assert result.stdout.strip().splitlines()[-1] == "('HTTP_X_FORWARDED_PROTO', 'https') True True 31536000"


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (None, "未设置环境变量 FAZHI_SECRET_KEY"),
        ("x", "太弱"),
        ("a" * 60, "太弱"),
        ("short-but-not-50-chars-" * 2, "太弱"),
    ],
)
@pytest.mark.parametrize("debug", ["0", "1"])
def test_the_server_refuses_a_missing_or_weak_secret_key_even_in_debug(tmp_path, key, message, debug):
    env = production_env(tmp_path, FAZHI_DEBUG=debug)
    env.pop("FAZHI_SECRET_KEY")
    if key is not None:
        env["FAZHI_SECRET_KEY"] = key
    result = subprocess.run(
        [sys.executable, "-c", "import fazhi.wsgi"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and message in result.stderr


def test_the_server_starts_with_a_real_key(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import fazhi.wsgi; print('ok')"],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "ok", result.stderr


def test_commands_without_a_key_get_a_random_one_never_a_public_constant(tmp_path):
    env = production_env(tmp_path)
    env.pop("FAZHI_SECRET_KEY")
    code = "from django.conf import settings as s; print(s.SECRET_KEY)"
    first, second = (run(["shell", "-c", code], env).stdout.strip().splitlines()[-1] for _ in range(2))
    assert len(first) >= 50 and first != second


def test_pages_carry_a_content_security_policy(client, db):
    policy = client.get("/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


INLINE = [
    (re.compile(r"\sstyle\s*=", re.I), "a style= attribute"),
    (re.compile(r"<style", re.I), "a <style> element"),
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an on…= event handler"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
]


def test_no_template_has_what_the_policy_forbids():
    found = []
    for path in sorted(PACKAGE.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {what}")
    assert not found, "The CSP blocks these (move them to fazhi/static/fazhi/):\n" + "\n".join(found)
