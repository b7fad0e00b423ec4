"""One validation layer for everything a user can type or put in an address, so no input reaches a 500.

What the database or Python cannot take is refused here with a Chinese message naming the field:

- numbers: finite (no NaN, Infinity), within the column's ``max_digits``/``decimal_places``, non-negative where the
  law says so (amounts of money);
- whole numbers and ids: ids positive and at most 2^63−1 (the largest BIGINT; SQLite overflows beyond it), years in
  a sane range, offsets and limits non-negative;
- text: at most the column's ``max_length`` (TextFields: ``TEXT_CAP`` characters), no NUL or other control
  characters (PostgreSQL refuses NUL in text; the others are never typed on purpose). Tab, line feed and carriage
  return are allowed;
- dates: YYYY-MM-DD within the years Python can hold.

It is applied in four places: ``InputGuardMiddleware`` refuses a NUL anywhere in the query string, the form data or a
JSON body before any view runs; ``SafeFormMixin`` (in StepForm and every BootstrapForm base) bounds each field; the
ninja schemas and query parameters use the annotated types below (``Id``, ``Offset``, ``Year``…) and the API answers
a validation error with 422 and a Chinese message; services taking raw values call ``clean_decimal`` and friends.
An ``InvalidInput`` that escapes a view becomes a 400 page with its message (the middleware's ``process_exception``).
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated

from django import forms
from django.http import HttpResponse, JsonResponse
from pydantic import Field

from fazhi.core.errors import InvalidInput

MAX_ID = 2**63 - 1  # the largest BIGINT (PostgreSQL) and SQLite INTEGER
TEXT_CAP = 20_000  # characters in a TextField without a max_length of its own
QUERY_CAP = 200  # characters of a search box
MIN_YEAR, MAX_YEAR = 1949, 2100
MAX_OFFSET = 10_000_000  # rows skipped in a list: far beyond any table, far below what the database chokes on

# C0 controls except tab, line feed and carriage return; DEL; C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
NUL_MESSAGE = "提交的内容含有不可见的控制字符（如 NUL），请删除后重试。"


# --- plain checks (services, CLI, views) ---------------------------------------------------------------------------


def clean_text(value, *, label: str, field: str | None = None, max_length: int | None = TEXT_CAP) -> str:
    """The text stripped; refused when it holds a control character or is longer than ``max_length``."""
    text = "" if value is None else str(value)
    if CONTROL.search(text):
        raise InvalidInput(f"{label}含有不可见的控制字符，请删除后重试。", field=field)
    text = text.strip()
    if max_length is not None and len(text) > max_length:
        raise InvalidInput(f"{label}不能超过{max_length}个字（现有{len(text)}个）。", field=field)
    return text


def service_text(value, field: str, label: str, *, max_length: int | None = TEXT_CAP, required: bool = True) -> str:
    """A service's text argument: ``clean_text``, and refused when empty unless ``required=False``. Each app binds its
    own usual ``max_length`` (``functools.partial``) and calls it as ``_text(value, "field", "标签")``."""
    text = clean_text(value, label=label, field=field, max_length=max_length)
    if required and not text:
        raise InvalidInput(f"请填写{label}。", field=field)
    return text


def clean_int(
    value,
    *,
    label: str,
    field: str | None = None,
    minimum: int | None = None,
    maximum: int | None = MAX_ID,
    required: bool = False,
) -> int | None:
    """A whole number, or None when empty and not required."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(f"请填写{label}。", field=field)
        return None
    text = str(value).strip()
    if not re.fullmatch(r"[+-]?\d{1,30}", text):
        raise InvalidInput(f"{label}“{text[:30]}”应为整数。", field=field)
    number = int(text)
    if minimum is not None and number < minimum:
        raise InvalidInput(f"{label}不能小于{minimum}。", field=field)
    if maximum is not None and number > maximum:
        raise InvalidInput(f"{label}不能大于{maximum}。", field=field)
    return number


def clean_id(value, *, label: str, field: str | None = None, required: bool = False) -> int | None:
    """A record id: 1 … 2^63−1."""
    return clean_int(value, label=label, field=field, minimum=1, maximum=MAX_ID, required=required)


def clean_year(value, *, label: str = "年度", field: str | None = "year", required: bool = False) -> int | None:
    return clean_int(value, label=label, field=field, minimum=MIN_YEAR, maximum=MAX_YEAR, required=required)


def clean_decimal(
    value,
    *,
    label: str,
    field: str | None = None,
    max_digits: int = 14,
    decimal_places: int = 2,
    minimum: Decimal | None = Decimal("0"),
    required: bool = False,
) -> Decimal | None:
    """A finite decimal that fits the column (``max_digits``/``decimal_places``); non-negative by default (amounts
    of money, 行政处罚法 has no negative fine)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(f"请填写{label}。", field=field)
        return None
    text = str(value).strip()
    try:
        number = Decimal(text[:60])
    except (InvalidOperation, ValueError) as exc:
        raise InvalidInput(f"{label}应为数字（收到“{text[:30]}”）。", field=field) from exc
    if not number.is_finite() or len(text) > 60:
        raise InvalidInput(f"{label}应为有限的数字（收到“{text[:30]}”）。", field=field)
    _sign, digits, exponent = number.as_tuple()
    places = max(0, -exponent)
    whole = len(digits) + exponent
    if places > decimal_places:
        raise InvalidInput(f"{label}最多保留{decimal_places}位小数。", field=field)
    if max(whole, 0) > max_digits - decimal_places:
        limit = Decimal(10) ** (max_digits - decimal_places)
        raise InvalidInput(f"{label}超出可登记的范围（应小于{limit:,.0f}）。", field=field)
    if minimum is not None and number < minimum:
        raise InvalidInput(f"{label}不能为负数。" if minimum == 0 else f"{label}不能小于{minimum}。", field=field)
    return number


def clean_date(value, *, label: str, field: str | None = None, required: bool = False) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(f"请填写{label}。", field=field)
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else _bad_date(text)
    except ValueError as exc:
        raise InvalidInput(f"{label}“{text[:30]}”格式不正确，应为 YYYY-MM-DD。", field=field) from exc


def _bad_date(text):
    raise ValueError(text)


# --- forms ---------------------------------------------------------------------------------------------------------


def _raw_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            if isinstance(item, str):
                yield item


def _guarded_clean(field: forms.Field, name: str):
    original = field.clean
    label = str(field.label or name)
    pick = isinstance(field, forms.ModelChoiceField | forms.ChoiceField) and not isinstance(
        field, forms.TypedChoiceField
    )

    def clean(value, *args):
        for text in _raw_strings(value):
            if CONTROL.search(text):
                raise forms.ValidationError(f"{label}含有不可见的控制字符，请删除后重试。", code="control")
            if isinstance(field, forms.CharField):
                cap = field.max_length or TEXT_CAP
                if len(text.strip()) > cap:
                    raise forms.ValidationError(f"{label}不能超过{cap}个字（现有{len(text.strip())}个）。", code="max")
            elif len(text) > QUERY_CAP:
                raise forms.ValidationError(f"{label}的值过长。", code="max")
            if (pick or isinstance(field, forms.IntegerField)) and re.fullmatch(r"\s*[+-]?\d+\s*", text):
                if abs(int(text)) > MAX_ID:
                    raise forms.ValidationError(f"{label}“{text.strip()[:30]}”超出范围。", code="range")
        return original(value, *args)

    return clean


class SafeFormMixin:
    """Bound every field of a form: control characters refused, CharFields capped (their ``max_length`` or
    ``TEXT_CAP``), ids and whole numbers within 64 bits, decimals finite (Django's own check) — before the field's
    own cleaning, which could otherwise overflow the database driver."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and field.max_length is None:
                field.max_length = TEXT_CAP
                field.widget.attrs.setdefault("maxlength", str(TEXT_CAP))
            field.clean = _guarded_clean(field, name)


class SafeForm(SafeFormMixin, forms.Form):
    """A plain form with the bounds of ``SafeFormMixin``."""


# --- the API (ninja / pydantic) ------------------------------------------------------------------------------------

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
Limit = Annotated[int, Field(ge=1, le=500)]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
SearchText = Annotated[str, Field(max_length=QUERY_CAP, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$")]


def short_text(max_length: int):
    """A bounded text field for a schema: ``name: short_text(100)``."""
    return Annotated[str, Field(max_length=max_length, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$")]


# pydantic's error types, in Chinese.
PYDANTIC_MESSAGES = {
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "decimal_parsing": "应为数字",
    "finite_number": "应为有限的数字",
    "greater_than_equal": "不能小于{ge}",
    "greater_than": "应大于{gt}",
    "less_than_equal": "不能大于{le}",
    "less_than": "应小于{lt}",
    "string_too_long": "不能超过{max_length}个字",
    "string_too_short": "不能少于{min_length}个字",
    "string_pattern_mismatch": "含有不可见的控制字符或格式不正确",
    "missing": "必须填写",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "datetime_parsing": "应为日期时间",
    "bool_parsing": "应为 true 或 false",
    "enum": "不在可选范围内",
    "literal_error": "不在可选范围内",
    "decimal_max_digits": "超出可登记的范围",
    "decimal_max_places": "小数位数过多",
    "decimal_whole_digits": "超出可登记的范围",
    "json_invalid": "不是有效的 JSON",
    "model_attributes_type": "应为对象",
    "dict_type": "应为对象",
    "list_type": "应为列表",
    "string_type": "应为文字",
    "int_type": "应为整数",
    "value_error": "取值无效",
}


def chinese_errors(errors: list[dict]) -> list[dict]:
    """ninja's validation errors with a Chinese ``msg`` naming the parameter: 参数 offset：不能小于0。"""
    out = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in {"query", "body", "path", "form", "file", "header", "cookie"}:
            loc_name = loc[1:]
        else:
            loc_name = loc
        name = ".".join(part for part in loc_name if part != "payload") or "请求体"
        template = PYDANTIC_MESSAGES.get(error.get("type", ""), "取值无效")
        try:
            text = template.format(**(error.get("ctx") or {}))
        except (KeyError, IndexError, ValueError):
            text = template
        out.append({"loc": loc, "type": error.get("type", ""), "msg": f"参数 {name}：{text}。"})
    return out


# --- the middleware ------------------------------------------------------------------------------------------------


def _has_nul(request) -> bool:
    for querydict in (request.GET,):
        for key, values in querydict.lists():
            if "\x00" in key or any("\x00" in v for v in values):
                return True
    content_type = request.content_type or ""
    if request.method in {"POST", "PUT", "PATCH"}:
        if content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            for key, values in request.POST.lists():
                if "\x00" in key or any("\x00" in v for v in values):
                    return True
        elif "json" in content_type:
            body = request.body
            if b"\x00" in body or b"\\u0000" in body.lower():
                try:
                    return _json_has_nul(json.loads(body))
                except ValueError:
                    return b"\x00" in body
    return False


def _json_has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_json_has_nul(k) or _json_has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_json_has_nul(v) for v in value)
    return False


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


class InputGuardMiddleware:
    """Refuses a NUL character anywhere in the address's parameters, the form data or a JSON body (400, Chinese), and
    turns an ``InvalidInput`` that escapes a view into a 400 with its message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            nul = _has_nul(request)
        except Exception:  # noqa: BLE001 - an unreadable body is Django's to refuse (400) further on
            nul = False
        if nul:
            return self._refuse(request, NUL_MESSAGE)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, InvalidInput):
            return self._refuse(request, exception.message, field=exception.field)
        return None

    @staticmethod
    def _refuse(request, message: str, field: str | None = None) -> HttpResponse:
        if _is_api(request):
            return JsonResponse({"detail": message, "field": field}, status=400)
        from fazhi.core.error_pages import render_error

        return render_error(request, 400, title="请求有误", message=message)
