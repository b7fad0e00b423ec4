"""Refusals specific to information disclosure; each message names the rule and its article."""

from fazhi.core.errors import DomainError, InvalidInput, InvalidTransition, NotPermitted

__all__ = ["DomainError", "InvalidInput", "InvalidTransition", "NotPermitted", "ReportCheckFailed", "FeesDisabled"]


class ReportCheckFailed(DomainError):
    """Table 三's printed check (第一项加第二项之和，等于第三项加第四项之和) fails for at least one column."""

    def __init__(self, failures: list[dict]):
        self.failures = failures
        cells = "；".join(
            f"{f['column_label']}：第一项{f['new']}＋第二项{f['carried_over']}＝{f['left']}，"
            f"第三项{f['handled']}＋第四项{f['carried_forward']}＝{f['right']}"
            for f in failures
        )
        super().__init__(
            f"年度报告表三校验未通过（“第一项加第二项之和，等于第三项加第四项之和”，国办公开办函〔2021〕30号），"
            f"不予生成：{cells}。"
        )


class FeesDisabled(DomainError):
    default_message = "本机关未启用信息处理费（《政府信息公开条例》第四十二条：依申请提供政府信息，不收取费用）。"
