"""Rules about certificates and training, as data with their citations and in-force dates."""

from dataclasses import dataclass
from datetime import date

from fazhi.org.models import CertificateState

# --- Certificates -------------------------------------------------------------------------------------------------

ENFORCEMENT_QUALIFICATION_CITATION = "《中华人民共和国行政处罚法》第四十二条"
"""Penalties are imposed by officers holding 行政执法资格 (≥ 2); an officer without a valid certificate may not enforce."""


TIANJIN_SUPERVISION = "《天津市行政执法监督规定》（天津市人民政府令第9号）"


@dataclass(frozen=True)
class CertificateAction:
    """One kind of change to a certificate's stored state, the states it may start from, and the rule behind it."""

    target: CertificateState
    sources: frozenset[CertificateState]
    name: str
    citation: str


# The one transition table: every certificate service checks against it through check_transition().
CERTIFICATE_ACTIONS: dict[str, CertificateAction] = {
    "suspend": CertificateAction(
        CertificateState.SUSPENDED,
        frozenset({CertificateState.VALID}),
        "暂扣",
        f"{TIANJIN_SUPERVISION}第二十四条第一款第（五）项：暂时收回涉嫌实施违法行政行为的行政执法人员所持有的行政执法证件",
    ),
    "restore": CertificateAction(
        CertificateState.VALID,
        frozenset({CertificateState.SUSPENDED}),
        "恢复",
        f"{TIANJIN_SUPERVISION}第二十四条第一款第（五）项（“暂时收回”是监督期间的临时措施，只有被暂扣的证件才能恢复）",
    ),
    "revoke": CertificateAction(
        CertificateState.REVOKED,
        frozenset({CertificateState.VALID, CertificateState.SUSPENDED}),
        "注销",
        f"{TIANJIN_SUPERVISION}第二十五条第三款（随机抽查考试不合格的，收回行政执法证件）、第三十条第二款（可以建议发证机关"
        "吊销其行政执法证件）；证件注销后不能再变更",
    ),
}


def check_transition(action_key: str, current: CertificateState | str) -> CertificateAction:
    """The action if it may start from `current`; otherwise the DomainError naming the rule."""
    from fazhi.org.errors import CertificateTransitionError

    action = CERTIFICATE_ACTIONS[action_key]
    if CertificateState(current) not in action.sources:
        raise CertificateTransitionError(
            f"执法证件当前为「{CertificateState(current).label}」，不能{action.name}。依据：{action.citation}"
        )
    return action


# --- Training hours -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingRequirement:
    """A minimum of yearly legal/professional training hours, in force for the years it covers."""

    key: str
    hours: int
    citation: str
    province: str  # "" = national
    effective_from: date
    effective_to: date | None = None  # None = still in force

    def applies(self, year: int, province: str) -> bool:
        if self.province and self.province != province:
            return False
        first, last = date(year, 1, 1), date(year, 12, 31)
        return self.effective_from <= last and (self.effective_to is None or self.effective_to >= first)


TRAINING_REQUIREMENTS: tuple[TrainingRequirement, ...] = (
    TrainingRequirement(
        key="national_2021",
        hours=60,
        citation="《法治政府建设实施纲要（2021—2025年）》：确保每人每年接受不少于60学时的业务知识和法律法规培训",
        province="",
        effective_from=date(2021, 1, 1),
    ),
    TrainingRequirement(
        key="tianjin_2014",
        hours=40,
        citation="《天津市行政执法监督规定》（天津市人民政府令第9号）第十条第二款：行政执法人员每年参加法律业务培训学习不少于40学时",
        province="天津市",
        effective_from=date(2014, 10, 1),
    ),
)

DEFAULT_TRAINING_HOURS = 60
"""Used when no rule above covers the year and place (the current national figure)."""

TRAINING_HOURS_SETTING = "org.training_hours_required"
"""Setting key: a body-level override of the yearly requirement (hours), e.g. after a local amendment."""

EXPIRY_WINDOW_SETTING = "org.certificate_expiry_window_days"
DEFAULT_EXPIRY_WINDOW_DAYS = 60


@dataclass(frozen=True)
class RequirementDecision:
    hours: int
    citation: str
    overridden: bool = False


def training_requirement(year: int, province: str) -> RequirementDecision:
    """The yearly minimum for a place: every applicable rule says 不少于, so the highest one binds.

    A Tianjin town in 2019 → 40 (only the 2014 Tianjin rule is in force); from 2021 the national 60 also applies.
    """
    applicable = [rule for rule in TRAINING_REQUIREMENTS if rule.applies(year, province)]
    if not applicable:
        return RequirementDecision(
            DEFAULT_TRAINING_HOURS, "未找到该年度适用的规定，按现行全国标准（法治政府建设实施纲要）计"
        )
    binding = max(applicable, key=lambda rule: rule.hours)
    return RequirementDecision(binding.hours, binding.citation)
