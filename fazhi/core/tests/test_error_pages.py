"""Friendly Chinese error pages with a way back (staff to the workbench, the public to the portal), and a 503 page
when the database or disk is read-only or full."""

import errno
import sqlite3

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import include, path

from fazhi.core.error_pages import is_storage_failure
from fazhi.org.tests.factories import StaffFactory


def boom(request):
    raise RuntimeError("unexpected")


def readonly(request):
    raise OperationalError("attempt to write a readonly database")


def disk_full(request):
    raise OSError(errno.ENOSPC, "No space left on device")


def denied(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def bad(request):
    from django.core.exceptions import SuspiciousOperation

    raise SuspiciousOperation("bad")


urlpatterns = [
    path("boom/", boom),
    path("readonly/", readonly),
    path("disk-full/", disk_full),
    path("denied/", denied),
    path("bad/", bad),
    path("", include("fazhi.urls")),
]
handler400 = "fazhi.core.error_pages.bad_request"
handler403 = "fazhi.core.error_pages.permission_denied"
handler404 = "fazhi.core.error_pages.page_not_found"
handler500 = "fazhi.core.error_pages.server_error"


@pytest.fixture
def errors(settings):
    """The site's URLs plus views that fail in each way; the client returns the error page instead of raising."""
    settings.ROOT_URLCONF = __name__
    return Client(raise_request_exception=False)


def test_404_for_the_public_points_to_the_portal_not_the_login(errors, db):
    response = errors.get("/gongkai/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404 and "页面不存在" in html
    assert 'href="/gongkai/"' in html and "/login/" not in html and "工作台" not in html


def test_404_for_staff_points_to_the_workbench(errors, db):
    errors.force_login(StaffFactory())
    html = errors.get("/cases/999999999/").content.decode()
    assert "返回我的工作台" in html


def test_500_is_chinese_and_names_no_internals(errors, db):
    response = errors.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500 and "系统出错" in html and "unexpected" not in html and "Traceback" not in html


def test_403_and_400_are_chinese(errors, db):
    assert "无权访问" in errors.get("/denied/").content.decode()
    assert "请求有误" in errors.get("/bad/").content.decode()


def test_a_csrf_failure_is_explained_in_chinese(db):
    response = Client(enforce_csrf_checks=True).post("/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403 and "CSRF" in response.content.decode() and "刷新" in response.content.decode()


@pytest.mark.parametrize("url", ["/readonly/", "/disk-full/"])
def test_a_read_only_or_full_storage_is_503_with_a_clear_message(errors, db, url):
    response = errors.get(url)
    assert response.status_code == 503 and response["Retry-After"] == "300"
    assert "只读或已满" in response.content.decode()


def test_storage_failures_are_told_apart_from_other_errors():
    assert is_storage_failure(OperationalError("database or disk is full"))
    assert is_storage_failure(OperationalError("disk I/O error"))
    assert is_storage_failure(OSError(errno.EROFS, "Read-only file system"))
    wrapped = OperationalError("x")
    wrapped.__cause__ = sqlite3.OperationalError("attempt to write a readonly database")
    assert is_storage_failure(wrapped)
    assert not is_storage_failure(OperationalError("no such table: foo"))
    assert not is_storage_failure(None)
