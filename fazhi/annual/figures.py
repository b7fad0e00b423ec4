"""Every figure the annual report may quote, each from one named query of the module that records it.

The contract with the modules: ``fazhi.<module>.selectors.annual_figures(body_ids, year)`` returns a dict of numbers
for the year, summed over the given bodies (the reporting body and every unit below it). The keys each module answers
are declared here, with their Chinese label, unit and where the rows behind them are listed. A module that is not
installed, or does not answer a key, leaves the figure unresolved: the page says "本模块尚无记录" and a report that
quotes it cannot be approved.

Derived figures (rates) are computed from two others and are unresolved when either is, or when the base is zero.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.urls import NoReverseMatch, reverse

MODULE_NAMES = {
    "org": "人员与执法证件",
    "enforcement": "行政处罚",
    "review": "法制审核",
    "publicity": "行政执法公示",
    "disclosure": "政府信息公开",
    "learning": "学法与普法",
    "normative": "行政规范性文件",
    "counsel": "法律顾问",
    "decisions": "重大行政决策",
    "mediation": "矛盾纠纷调解",
    "inspection": "双随机抽查",
    "supervision": "执法监督与案卷评查",
}

# Where a module lists the rows behind its figures: (URL name, whether it takes ?year=).
ROWS_PAGES = {
    "org": ("org:officer_list", True),
    "enforcement": ("enforcement:case_list", True),
    "review": ("review:queue", False),
    "publicity": ("publicity:statistics", True),
    "disclosure": ("disclosure:request_list", False),
    "learning": ("learning:home", True),
    "normative": ("normative:register", False),
    "counsel": ("counsel:index", False),
    "decisions": ("decisions:index", False),
    "mediation": ("mediation:dispute_list", False),
    "inspection": ("inspection:tasks", False),
    "supervision": ("supervision:alerts", False),
}


@dataclass(frozen=True)
class FigureSpec:
    key: str  # "<module>.<name>", the token written in the text as {{<module>.<name>}}
    label: str
    unit: str
    derive: Callable[[dict], Decimal | None] | None = None  # for a rate: from the other figures' values

    @property
    def module(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]

    @property
    def token(self) -> str:
        return "{{" + self.key + "}}"

    @property
    def source(self) -> str:
        return MODULE_NAMES.get(self.module, self.module)


def _rate(part: str, whole: str) -> Callable[[dict], Decimal | None]:
    def derive(values: dict) -> Decimal | None:
        p, w = values.get(part), values.get(whole)
        if p is None or not w:
            return None
        return (Decimal(p) * 100 / Decimal(w)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    return derive


FIGURES: list[FigureSpec] = [
    # 人员与执法证件 (org)
    FigureSpec("org.enforcement_staff", "执法人员", "人"),
    FigureSpec("org.certified", "持有效行政执法证件的执法人员（年末）", "人"),
    FigureSpec("org.uncertified", "未取得有效行政执法证件的执法人员（年末）", "人"),
    FigureSpec("org.certified_rate", "执法人员持证率", "%", _rate("org.certified", "org.enforcement_staff")),
    FigureSpec("org.hours_short", "未达到年度法治培训学时要求的执法人员", "人"),
    FigureSpec("org.training_hours", "全年登记的培训学时", "学时"),
    FigureSpec("org.legal_reviewers", "法制审核人员", "人"),
    FigureSpec("org.officers", "执法人员（岗位）", "人"),
    FigureSpec(
        "org.legal_reviewer_share", "法制审核人员占执法人员比例", "%", _rate("org.legal_reviewers", "org.officers")
    ),
    FigureSpec("org.legal_staff", "具有法律职业资格或法学专业背景的人员", "人"),
    # 行政处罚 (enforcement)
    FigureSpec("enforcement.filed", "立案的行政处罚案件", "件"),
    FigureSpec("enforcement.penalties_ordinary", "普通程序作出的行政处罚决定", "件"),
    FigureSpec("enforcement.penalties_summary", "简易程序作出的行政处罚决定", "件"),
    FigureSpec("enforcement.fines_imposed", "罚款金额", "元"),
    FigureSpec("enforcement.fines_collected", "收缴罚款", "元"),
    FigureSpec("enforcement.closed", "结案的行政处罚案件", "件"),
    FigureSpec("enforcement.inspections", "现场检查", "次"),
    FigureSpec("enforcement.coercive_measures", "行政强制措施", "次"),
    FigureSpec("enforcement.hearings", "举行听证的案件", "件"),
    FigureSpec("enforcement.reconsiderations", "被申请行政复议", "件"),
    FigureSpec("enforcement.lawsuits", "被提起行政诉讼", "件"),
    # 法制审核 (review)
    FigureSpec("review.reviewed", "经法制审核的重大执法决定等事项", "件"),
    FigureSpec("review.passed", "法制审核通过", "次"),
    FigureSpec("review.returned", "法制审核退回", "次"),
    # 行政执法公示 (publicity)
    FigureSpec("publicity.published", "公示的行政执法决定", "件"),
    FigureSpec("publicity.publish_due", "当年到期的公示义务", "件"),
    FigureSpec("publicity.published_in_time", "按期公示", "件"),
    FigureSpec("publicity.published_late", "逾期公示", "件"),
    FigureSpec("publicity.publish_missed", "逾期未公示", "件"),
    FigureSpec(
        "publicity.in_time_rate",
        "执法决定按期公示率",
        "%",
        _rate("publicity.published_in_time", "publicity.publish_due"),
    ),
    # 政府信息公开 (disclosure)
    FigureSpec("disclosure.requests_received", "收到政府信息公开申请", "件"),
    FigureSpec("disclosure.answers_due", "当年到期的答复义务", "件"),
    FigureSpec("disclosure.answered_in_time", "按期答复", "件"),
    FigureSpec("disclosure.answered_late", "逾期答复", "件"),
    FigureSpec(
        "disclosure.in_time_rate",
        "依申请公开按期答复率",
        "%",
        _rate("disclosure.answered_in_time", "disclosure.answers_due"),
    ),
    # 学法与普法 (learning)
    FigureSpec("learning.pre_meeting_sessions", "行政办公会会前学法", "次"),
    FigureSpec("learning.center_group_sessions", "党委理论学习中心组学法", "次"),
    FigureSpec("learning.lectures", "法治专题讲座", "次"),
    FigureSpec("learning.study_hours", "学法活动登记学时", "学时"),
    FigureSpec("learning.pufa_activities", "普法活动", "次"),
    FigureSpec("learning.key_date_activities", "重要时间节点普法活动", "次"),
    # 行政规范性文件 (normative)
    FigureSpec("normative.issued", "制发行政规范性文件", "件"),
    FigureSpec("normative.filed", "报送备案的规范性文件", "件"),
    FigureSpec("normative.repealed", "废止或宣布失效的规范性文件", "件"),
    FigureSpec("normative.in_force", "现行有效的规范性文件（年末）", "件"),
    # 法律顾问 (counsel)
    FigureSpec("counsel.opinions", "法律顾问出具意见", "件"),
    FigureSpec("counsel.opinions_in_time", "法律顾问按期出具意见", "件"),
    FigureSpec("counsel.opinions_adopted", "被采纳的法律顾问意见", "件"),
    # 重大行政决策 (decisions)
    FigureSpec("decisions.decided", "作出的重大行政决策", "件"),
    FigureSpec("decisions.reviewed", "经合法性审查的重大行政决策", "件"),
    # 矛盾纠纷调解 (mediation)
    FigureSpec("mediation.disputes", "受理矛盾纠纷", "件"),
    FigureSpec("mediation.mediated", "调解成功", "件"),
    FigureSpec("mediation.concluded", "调解终结（成功或不成功）", "件"),
    FigureSpec("mediation.success_rate", "调解成功率", "%", _rate("mediation.mediated", "mediation.concluded")),
    # 双随机抽查 (inspection)
    FigureSpec("inspection.tasks", "双随机抽查任务", "项"),
    FigureSpec("inspection.objects_checked", "抽查的检查对象", "户"),
    # 执法监督与案卷评查 (supervision)
    FigureSpec("supervision.files_reviewed", "评查的行政执法案卷", "件"),
    FigureSpec("supervision.files_failed", "评查不合格的案卷", "件"),
]
BY_KEY = {f.key: f for f in FIGURES}

TOKEN = re.compile(r"\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}")


def tokens_in(text: str) -> list[str]:
    return TOKEN.findall(text or "")


def _reader(module: str):
    if not apps.is_installed(f"fazhi.{module}"):
        return None
    try:
        selectors = importlib.import_module(f"fazhi.{module}.selectors")
    except ImportError:
        return None
    return getattr(selectors, "annual_figures", None)


def module_present(module: str) -> bool:
    """The module is installed and answers the annual figures contract."""
    return _reader(module) is not None


def _module_figures(module: str, body_ids: list[int], year: int) -> dict | None:
    reader = _reader(module)
    return None if reader is None else reader(body_ids, year)


@dataclass(frozen=True)
class FigureValue:
    spec: FigureSpec
    value: object  # None: unresolved
    link: str

    @property
    def resolved(self) -> bool:
        return self.value is not None

    @property
    def text(self) -> str:
        return format_value(self.value, self.spec.unit) if self.resolved else "本模块尚无记录"


def format_value(value, unit: str) -> str:
    if isinstance(value, Decimal):
        value = value.normalize() if value == value.to_integral() else value
        text = f"{value:f}"
    else:
        text = str(value)
    return f"{text}%" if unit == "%" else text


def rows_link(module: str, year: int) -> str:
    name, takes_year = ROWS_PAGES.get(module, ("", False))
    if not name or not module_present(module):
        return ""
    try:
        url = reverse(name)
    except NoReverseMatch:
        return ""
    return f"{url}?year={year}" if takes_year else url


def compute(body_ids, year: int) -> dict[str, FigureValue]:
    """Every figure of the year for these bodies: one call per module (each a few grouped queries)."""
    ids = list(body_ids)
    raw: dict[str, object] = {}
    for module in dict.fromkeys(f.module for f in FIGURES):
        answered = _module_figures(module, ids, year) or {}
        for name, value in answered.items():
            raw[f"{module}.{name}"] = value
    values: dict[str, object] = {}
    for spec in FIGURES:
        values[spec.key] = spec.derive(raw) if spec.derive else raw.get(spec.key)
    return {spec.key: FigureValue(spec, values[spec.key], rows_link(spec.module, year)) for spec in FIGURES}


def fill(text: str, figures: dict[str, FigureValue]) -> str:
    """The text with each {{token}} replaced by its figure (an unresolved one stays visible as 【…尚无记录】)."""

    def replace(match: re.Match) -> str:
        fig = figures.get(match.group(1))
        if fig is None:
            return f"【未知数据项 {match.group(1)}】"
        return fig.text if fig.resolved else f"【{fig.spec.label}：本模块尚无记录】"

    return TOKEN.sub(replace, text or "")
