"""Chinese error pages in the site's look, each with a way back: staff to their workbench, the public to the portal.

They render ``errors/*.html``, which extend ``errors/layout.html`` — a layout that touches neither the database nor the
session (no user menu), so a page still renders when the database is what failed. Whether the visitor is staff is
judged from the path and, when it can be had without a query failing, the session user.
"""

import errno
import logging
import sys

from django.db import DatabaseError
from django.http import HttpResponse
from django.template import loader

from fazhi.core import clock

log = logging.getLogger(__name__)

# SQLite says "attempt to write a readonly database", "disk I/O error" or "database or disk is full"; PostgreSQL
# "could not extend file … No space left on device" or "cannot execute … in a read-only transaction"; a file write
# raises OSError with ENOSPC, EROFS or EDQUOT.
MARKERS = (
    "readonly database",
    "read-only",
    "disk i/o error",
    "database or disk is full",
    "no space left on device",
    "disk full",
)
ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EDQUOT}
DRIVERS = {"sqlite3", "psycopg", "psycopg2"}


def is_storage_failure(exc: BaseException | None) -> bool:
    if exc is None:
        return False
    for item in (exc, exc.__cause__, exc.__context__):
        if item is None:
            continue
        if isinstance(item, OSError) and item.errno in ERRNOS:
            return True
        is_database_error = isinstance(item, DatabaseError) or type(item).__module__.split(".")[0] in DRIVERS
        if is_database_error and any(marker in str(item).lower() for marker in MARKERS):
            return True
    return False


PUBLIC_PREFIXES = ("/gongkai/", "/api/v1/publicity/published")


def _is_public(request) -> bool:
    if request is None or request.path.startswith(PUBLIC_PREFIXES):
        return True
    try:
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)
    except Exception:  # the session or the database may be what failed
        return True


def render_error(
    request, status: int, *, title: str, message: str, template: str = "errors/error.html"
) -> HttpResponse:
    context = {"status": status, "title": title, "message": message, "public": _is_public(request)}
    context["demo_date"] = clock.fixed_today_label()  # no context processors here: the banner is added by hand
    return HttpResponse(loader.render_to_string(template, context), status=status)


def bad_request(request, exception=None):
    return render_error(request, 400, title="请求有误", message="提交的内容无法处理，请检查后重试。")


def permission_denied(request, exception=None):
    detail = str(exception) if exception and str(exception) else ""
    message = detail if any("\u4e00" <= ch <= "\u9fff" for ch in detail) else "您没有访问此页面的权限。"
    return render_error(request, 403, title="无权访问", message=message)


def page_not_found(request, exception=None):
    return render_error(
        request, 404, title="页面不存在", message="您要找的页面不存在，或不在您的管辖范围内。请检查地址是否正确。"
    )


def server_error(request):
    if is_storage_failure(sys.exc_info()[1]):
        return storage_unavailable(request)
    return render_error(
        request,
        500,
        title="系统出错",
        message="处理请求时系统出错，已记录在服务器日志中。请稍后重试；如反复出现，请联系系统管理员。",
    )


def csrf_failure(request, reason=""):
    return render_error(
        request,
        403,
        title="页面已过期",
        message="页面已过期或来源无法确认（CSRF 校验未通过）。请返回上一页，刷新后重新提交。",
    )


def storage_unavailable(request) -> HttpResponse:
    response = render_error(
        request,
        503,
        title="暂时无法保存",
        message="服务器的数据库或磁盘当前只读或已满，您的操作未能保存，之前已保存的数据不受影响。"
        "请稍后重试，并通知系统管理员检查服务器磁盘空间和数据库文件权限。",
    )
    response["Retry-After"] = "300"
    return response
