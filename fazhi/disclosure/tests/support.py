"""Helpers shared by the step tests: run a declared step as the page and the API do, and prove a refusal changed
nothing (the record and its rows, the chain, the deadline table, the number counters)."""

from fazhi.audit.models import ChainEntry
from fazhi.core.models import Deadline
from fazhi.core.numbering import DocumentCounter
from fazhi.disclosure.models import (
    AnnualReport,
    Answer,
    CatalogueEntry,
    Consultation,
    Correction,
    DisclosureRequest,
    FeeNotice,
    Guide,
    RemedyCase,
)

ROW_MODELS = (
    DisclosureRequest,
    Correction,
    Consultation,
    FeeNotice,
    Answer,
    CatalogueEntry,
    Guide,
    AnnualReport,
    RemedyCase,
)


def snapshot() -> dict:
    """Everything a disclosure step may write."""
    return {
        "rows": {model.__name__: list(model.objects.order_by("pk").values()) for model in ROW_MODELS},
        "chain": list(ChainEntry.objects.order_by("seq").values_list("seq", "entry_hash")),
        "deadlines": list(Deadline.objects.order_by("pk").values()),
        "counters": list(DocumentCounter.objects.order_by("pk").values()),
    }


def step_data(**values) -> dict:
    """Form data as a browser posts it (dates as ISO strings, ids as strings)."""
    out = {}
    for key, value in values.items():
        if value is None:
            continue
        out[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return out


def take(steps, name, obj, actor, **values):
    """Run a declared step through its form and service (as the POST view and the API do); it must succeed."""
    result = steps.perform(name, actor=actor, obj=obj, data=step_data(**values))
    assert result.ok, (name, result.error, result.errors())
    return result.result


def step_entries(since_seq: int):
    """The chain entries a step wrote itself (the deadline module writes its own ``deadline.*`` entries)."""
    return list(ChainEntry.objects.filter(seq__gt=since_seq).exclude(event__startswith="deadline.").order_by("seq"))


def head_seq() -> int:
    return ChainEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
