"""Domain errors shared by every app.

A service raises a ``DomainError`` subclass when a precondition fails; the message is Chinese, names the rule and,
where there is one, the article. Views show ``str(error)``; the CLI prints it and exits non-zero.
"""


class DomainError(Exception):
    """A refused operation. ``message`` is the Chinese text shown to the user."""

    default_message = "操作未能完成。"

    def __init__(self, message: str | None = None):
        self.message = message or self.default_message
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class CalendarNotCovered(DomainError):
    """A date falls in a year whose State Council holiday arrangement has not been entered."""

    def __init__(self, year: int, message: str | None = None):
        self.year = year
        super().__init__(
            message
            or (
                f"{year}年的节假日安排尚未录入，无法计算期限。请管理员录入国务院办公厅关于{year}年部分节假日安排的通知，"
                "或选择“估算”（仅按周末计算）。"
            )
        )


class InvalidInput(DomainError):
    """Bad input for a named field (form field, CSV column, CLI argument)."""

    def __init__(self, message: str, *, field: str | None = None):
        self.field = field
        super().__init__(message)


class InvalidTransition(DomainError):
    """A state change not allowed from the current state."""


class NotPermitted(DomainError):
    """The actor lacks the role or scope for the operation."""
