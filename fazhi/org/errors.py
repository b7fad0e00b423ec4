"""Refusals raised by the organisation services (messages in Chinese, naming the rule)."""

from fazhi.core.errors import DomainError, InvalidInput, InvalidTransition, NotPermitted


class CertificateTransitionError(InvalidTransition):
    """A certificate change not allowed from its current state (see org.rules.CERTIFICATE_ACTIONS)."""


class CertificateError(DomainError):
    """A certificate cannot be issued as asked (duplicate number, dates out of order, …)."""


class StaffError(DomainError):
    """A staff change refused (duplicate login, unknown body, …)."""


class OrgNotPermitted(NotPermitted):
    """The actor may not manage staff, certificates or training of that town."""


class TrainingImportError(InvalidInput):
    """A training import file with bad rows; `.problems` lists every bad (row, column, message)."""

    def __init__(self, problems: list[tuple[int, str, str]]):
        self.problems = problems
        lines = [f"第{row}行「{column}」列：{message}" for row, column, message in problems]
        super().__init__(
            "培训学时导入失败，未导入任何记录。\n" + "\n".join(lines), field=problems[0][1] if problems else None
        )
