"""What every disclosure service shares: who may act, input cleaning, numbers.

The lock → check → save → chain entry → deadlines block itself is core's step helper (``fazhi.core.steps``); the
workflows (model, status field, transition table) are declared beside the services of each stage.
"""

from __future__ import annotations

from datetime import date

from fazhi.core.access import require
from fazhi.core.errors import InvalidInput
from fazhi.core.numbering import issue_number
from fazhi.core.steps import check_date
from fazhi.disclosure import rules
from fazhi.disclosure.permissions import HANDLERS

REG = rules.REG

# Every disclosure step is the 政务公开专员's (条例 第四条: 政府信息公开工作机构); a leader approves an extension
# but does not take the step.
CLERK = HANDLERS

# Number series in core's counter table (one per body and year). The 代字 are printed in the numbers themselves.
SERIES_REQUEST = "依申请"
SERIES_ANSWER = "信公答"
SERIES_CATALOGUE = "公开目录"


def require_clerk(actor, body, what: str) -> None:
    """Role and scope for a step that creates its record (a step on an existing record checks both in the helper)."""
    require(actor, *CLERK, body=body, what=what)


def as_date(value, field: str, label: str) -> date | None:
    """An ISO string (forms, the CLI) or a date; empty is None. Future dates are the step helper's to refuse."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise InvalidInput(f"{label}格式无效，应写作 YYYY-MM-DD。", field=field) from None
    if not isinstance(value, date):
        raise InvalidInput(f"{label}格式无效，应写作 YYYY-MM-DD。", field=field)
    return value


def past_date(value, field: str, label: str, *, required: bool = True) -> date | None:
    """A date that is given (when required) and not in the future."""
    value = as_date(value, field, label)
    if value is None:
        if required:
            raise InvalidInput(f"请填写{label}。", field=field)
        return None
    return check_date(value, field=field, label=label)


def text(value: str | None, field: str, label: str, *, max_length: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidInput(f"请填写{label}。", field=field)
    if len(value) > max_length:
        raise InvalidInput(f"{label}不能超过{max_length}个字（现有{len(value)}个字）。", field=field)
    if "\x00" in value:
        raise InvalidInput(f"{label}含有无效字符。", field=field)
    return value


def choice(value, choices, field: str, label: str) -> str:
    if value not in choices.values:
        raise InvalidInput(f"请选择有效的{label}。", field=field)
    return value


def next_number(*, body, series: str, year: int) -> int:
    """The next plain number of (body, series, year) from core's counter, inside the caller's transaction."""
    return issue_number(body=body, series=series, year=year).number


def short_name(body) -> str:
    return body.short_name or body.name
