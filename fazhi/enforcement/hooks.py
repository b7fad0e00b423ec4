"""What other apps may attach to a penalty case's steps, without enforcement importing them.

An app that must act in the same transaction when a case is decided (publicity opens the 7-working-day publication
record, 国办发〔2018〕118号 (六)) registers a handler in its ``AppConfig.ready``. Enforcement calls the handlers; it
never imports the apps that care. A handler that raises rolls the whole step back.
"""

from __future__ import annotations

from collections.abc import Callable

_decided: list[Callable[..., object]] = []


def on_case_decided(handler: Callable[..., object]) -> None:
    """Register ``handler(actor=, case=)``, called inside the decision's transaction (ordinary and summary)."""
    if handler not in _decided:
        _decided.append(handler)


def case_decided(*, actor, case) -> None:
    for handler in _decided:
        handler(actor=actor, case=case)
