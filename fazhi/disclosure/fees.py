"""信息处理费 (第四十二条; 《政府信息公开信息处理费管理办法》国办函〔2020〕109号, SECONDARY): pure computation.

One method per request, both progressive. The schedule is the setting ``disclosure.fee_schedule`` (default
``rules.DEFAULT_FEE_SCHEDULE``), so a local variant needs no code.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from fazhi.core.selectors import get_setting
from fazhi.disclosure import rules
from fazhi.disclosure.errors import InvalidInput

METHODS = {"per_request": "按件计收", "per_page": "按量计收"}


@dataclass
class Fee:
    method: str
    quantity: int
    amount: Decimal
    citation: str
    explanation: list[str] = field(default_factory=list)

    @property
    def method_label(self) -> str:
        return METHODS[self.method]


def compute_fee(*, method: str, quantity, body_id: int | None = None, schedule: dict | None = None) -> Fee:
    """``per_request``: ``quantity`` is this request's ordinal among the applicant's requests this calendar month
    (1–10 free, 11–30 100 元/件, then +100 元/件 per further band of 10). ``per_page``: ``quantity`` pages, charged
    progressively (≤30 free, 31–100 10 元/页, 101–200 20 元/页, ≥201 40 元/页)."""
    if method not in METHODS:
        raise InvalidInput("请选择计费方式：按件计收或按量计收。", field="method")
    try:
        quantity = int(quantity)
    except (TypeError, ValueError):
        raise InvalidInput("计费数量应为正整数。", field="quantity") from None
    if quantity < 1:
        raise InvalidInput("计费数量应为正整数。", field="quantity")
    schedule = schedule or get_setting(rules.FEE_SCHEDULE_SETTING, body_id=body_id, default=rules.DEFAULT_FEE_SCHEDULE)
    citation = schedule.get("citation", rules.DEFAULT_FEE_SCHEDULE["citation"])
    if method == "per_request":
        return _per_request(quantity, schedule["per_request"], citation)
    return _per_page(quantity, schedule["per_page"], citation)


def _per_request(ordinal: int, spec: dict, citation: str) -> Fee:
    free_upto = int(spec["free_upto"])
    if ordinal <= free_upto:
        rate = Decimal(0)
        why = f"本月第{ordinal}件申请，{free_upto}件以内不收费"
    else:
        lower = free_upto
        rate = None
        for upto, band_rate in spec["bands"]:
            if ordinal <= int(upto):
                rate = Decimal(band_rate)
                why = f"本月第{ordinal}件申请，属第{lower + 1}—{upto}件，{band_rate}元/件"
                break
            lower = int(upto)
        if rate is None:
            last_upto, last_rate = spec["bands"][-1]
            steps = (ordinal - int(last_upto) - 1) // int(spec["step_size"]) + 1
            rate = Decimal(last_rate) + Decimal(spec["step_increase"]) * steps
            first = int(last_upto) + (steps - 1) * int(spec["step_size"]) + 1
            last = first + int(spec["step_size"]) - 1
            why = f"本月第{ordinal}件申请，属第{first}—{last}件，{rate}元/件"
    return Fee("per_request", ordinal, rate, citation, [f"{why}（{citation}）。", f"应收：{rate}元。"])


def _per_page(pages: int, spec: dict, citation: str) -> Fee:
    total = Decimal(0)
    lines = []
    lower = 0
    for upto, band_rate in spec["bands"]:
        top = pages if upto is None else min(pages, int(upto))
        if top > lower:
            count = top - lower
            amount = Decimal(band_rate) * count
            total += amount
            span = f"第{lower + 1}页起" if upto is None else f"第{lower + 1}—{upto}页"
            lines.append(f"{span}：{count}页 × {band_rate}元 = {amount}元")
        if upto is None or pages <= int(upto):
            break
        lower = int(upto)
    lines.append(f"共{pages}页，应收：{total}元（{citation}，超额累进计算）。")
    return Fee("per_page", pages, total, citation, lines)
