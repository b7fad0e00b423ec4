"""The demo's data: the real structure of 西青区辛口镇 and invented people (see docs: seed-report-2019).

Tables live beside this module as CSV (UTF-8, a header row) or JSON, and ship with the package (pyproject.toml
package-data ``data/**/*``). ``table(name)`` reads one as a list of dicts with every value a string ("" for empty);
each demo module turns its own columns into dates, numbers and lists. What is not a table — the demo password, the
codes the steps look for, the logins printed at the end — is below.
"""

import csv
import json
from pathlib import Path

from fazhi.core.access import Role
from fazhi.org.models import BodyKind

HERE = Path(__file__).resolve().parent


def table(name: str) -> list[dict[str, str]]:
    """The rows of ``<name>.csv`` in this directory."""
    with open(HERE / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def table_header(name: str) -> list[str]:
    """The header row of ``<name>.csv`` (for a step that hands a table to an importer as rows, header first)."""
    with open(HERE / f"{name}.csv", encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def document(name: str):
    """The content of ``<name>.json`` in this directory."""
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))


def flag(value: str) -> bool:
    """A yes/no column: 是 (yes) or empty (no)."""
    return value.strip() == "是"


def optional_int(value: str) -> int | None:
    return int(value) if value.strip() else None


# The one demo password (docs/decisions/0005-demo-password.md): it lives only in this package.
DEMO_PASSWORD = "fazhi-demo-2019"

# The demo's published second-factor key (docs/decisions/0018): admin and supervisor owe a TOTP code at login, and the
# demo gives both a device with this key, so anyone can add it to an authenticator app or run `fazhi demo_totp`.
# The 20 bytes spell "fazhi-demo-totp-2019"; in base32 (what an app asks for): DEMO_TOTP_SECRET.
DEMO_TOTP_KEY_HEX = b"fazhi-demo-totp-2019".hex()
DEMO_TOTP_SECRET = "MZQXU2DJFVSGK3LPFV2G65DQFUZDAMJZ"
DEMO_TOTP_USERS = ("admin", "supervisor")

DISTRICT_CODE = "XQ"
XINKOU_CODE = "XQ-XK"
ZHANGJIAWO_CODE = "XQ-ZJW"


_BODY_ROWS = table("bodies")

# (code, name, short_name, kind, parent code)
BODIES = [(r["code"], r["name"], r["short_name"], BodyKind(r["kind"]), r["parent_code"] or None) for r in _BODY_ROWS]

PROVINCES = {r["code"]: r["province"] for r in _BODY_ROWS if r["province"]}

# Certificate plans, relative to the day load_demo runs so the demo always shows the interesting cases:
#   ("valid", days_until_expiry) | ("expiring", days) | ("expired", days_ago) | ("suspended", days) | ("revoked", days)
#   | None (no certificate)
# (username, 姓, 名, body code, roles, phone, certificate plan, 2019 training hours)
# Invented names; any likeness to real staff is unintended. Roles are written as in Role (e.g. 执法人员), joined by 、.
STAFF = [
    (
        r["username"],
        r["last_name"],
        r["first_name"],
        r["body_code"],
        [Role(role) for role in r["roles"].split("、") if role],
        r["phone"],
        (r["certificate"], int(r["certificate_days"])) if r["certificate"] else None,
        optional_int(r["training_hours_2019"]),
    )
    for r in table("staff")
]

# Logins shown in the README and printed by load_demo.
LOGINS = [
    ("admin", "系统管理员（超级用户，可进入 /admin/）"),
    ("officer1", "执法人员 · 辛口镇综合执法大队（执法证有效）"),
    ("officer2", "执法人员 · 辛口镇综合执法大队（执法证有效）"),
    ("reviewer", "法制审核人员 · 辛口司法所"),
    ("leader", "负责人 · 辛口镇"),
    ("clerk", "政务公开专员 · 辛口镇党政办公室"),
    ("mediator", "调解员 · 辛口镇平安建设办公室（综治中心）"),
    ("supervisor", "监督人员 · 西青区司法局（可看到区内各镇）"),
    ("zjw_officer", "执法人员 · 张家窝镇综合执法大队（看不到辛口镇的数据）"),
]

CERTIFICATE_FIELD = "综合行政执法（城市管理、市容环境卫生、违法建设等）"

# 2019 training topics (the seed report names 行政处罚法, 行政强制法, 国家赔偿法, 安全生产法, 食品安全法 and the
# 天津市干部教育在线 platform). (month, day, topic, source code, hours share)
TRAINING_2019 = [
    (int(r["month"]), int(r["day"]), r["topic"], r["source"], float(r["share"])) for r in table("training_2019")
]
