"""What counts as "the demo": the database holds the demo's district and its admin, and nothing else.

``load_demo`` refuses a database that holds anything else (unless DEBUG or the operator's flag), and a served site
refuses a fixed date (FAZHI_TODAY) unless DEBUG is on or the database is the demo (docs/decisions/0055).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from fazhi.core import clock
from fazhi.demo import data
from fazhi.org.models import Body


def database_state() -> str:
    """empty (no staff, no bodies), demo (the demo's district and its admin exist) or other."""
    users = get_user_model().objects
    if not users.exists() and not Body.objects.exists():
        return "empty"
    if Body.objects.filter(code=data.DISTRICT_CODE).exists() and users.filter(username="admin").exists():
        return "demo"
    return "other"


def refuse_fixed_today_in_production() -> None:
    """Serving with FAZHI_TODAY set is for the demo only: every deadline, every "已超期" and every step date would
    follow a made-up day. Refuse to start unless DEBUG is on or the database is the demo."""
    fixed = clock.fixed_today()
    if fixed is None or settings.DEBUG:
        return
    state = database_state()
    if state != "demo":
        raise ImproperlyConfigured(
            f"设置了 FAZHI_TODAY={fixed.isoformat()}，拒绝启动：固定系统日期只用于演示（数据库中须为演示数据，"
            f"或开启 FAZHI_DEBUG）。本数据库{'为空' if state == 'empty' else '存有非演示数据'}，看起来是正式环境；"
            "正式环境的期限、超期提示和办理日期都必须按真实日期计算，请取消 FAZHI_TODAY 环境变量后再启动。"
        )
