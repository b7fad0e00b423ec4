"""Fixtures for publicity: enforcement's small world (a town with officers, a leader, a reviewer and an outsider from
another town) plus a supervisor, and decided cases whose record holds private details to redact."""

from __future__ import annotations

from datetime import date

from fazhi.core.access import Role
from fazhi.enforcement import services as enforcement
from fazhi.enforcement.models import Case
from fazhi.enforcement.tests.factories import case_at, make_world, person
from fazhi.publicity import services

PARTY_ID = "11010519491231002X"  # valid check digit
PARTY_PHONE = "13812345678"
WITNESS = "王小明"
WITNESS_PHONE = "13987654321"
BANK = "6222021234567890123"


def make_pworld():
    w = make_world()
    w.supervisor = person(w.town, Role.SUPERVISOR, name="周")
    return w


def decided_case(w, *, party_kind="person", id_number=PARTY_ID, before_decision: dict | None = None, **kw) -> Case:
    """A decided burning case; the record names a witness and the facts carry private details.

    The details go in before the decision, because deciding opens the publication record from the record as it is.
    """
    case = case_at(w, "ready", party_kind=party_kind, **kw)
    facts = (
        f"当事人于某日在辛口镇某村东侧田地露天焚烧秸秆约二百平方米。证人{WITNESS}（电话{WITNESS_PHONE}）证实上述事实。"
        f"当事人驾驶的津A12345号农用车停放现场。当事人联系电话{PARTY_PHONE}，开户账号{BANK}。"
    )
    Case.objects.filter(pk=case.pk).update(
        party_id_number=id_number, party_phone=PARTY_PHONE, facts=facts, **(before_decision or {})
    )
    case.acts.update(person=f"孙某某、{WITNESS}")
    case.refresh_from_db()
    enforcement.decide(actor=w.leader, case=case, on=date(case.discovered_on.year, 3, 15))
    case.refresh_from_db()
    return case


def open_pub(w, **kw):
    return services.open_publication_for_case(actor=w.leader, case=decided_case(w, **kw))


def long_retention(w):
    """Keep 2022 test records on the portal today (body-level settings, as a town may set them)."""
    from fazhi.core.services import change_setting
    from fazhi.publicity.rules import RETENTION_PERSON_MONTHS, RETENTION_SHORT_MONTHS, RETENTION_YEARS

    for key, value in ((RETENTION_YEARS, 50), (RETENTION_SHORT_MONTHS, 600), (RETENTION_PERSON_MONTHS, 600)):
        change_setting(actor=None, key=key, value=value, body=w.town)
