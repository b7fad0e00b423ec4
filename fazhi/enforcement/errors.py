"""Refusals of the case workflow. Each message names the rule and its article, in Chinese."""

from fazhi.core.errors import DomainError, InvalidInput, InvalidTransition, NotPermitted

__all__ = ["DomainError", "InvalidInput", "InvalidTransition", "NotPermitted", "RuleViolation", "UploadRefused"]


class RuleViolation(DomainError):
    """A step that the penalty law (or 118号) forbids in the case's present state."""


class UploadRefused(InvalidInput):
    """An empty, oversized or unsupported upload."""
