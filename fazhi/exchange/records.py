"""Building the exported record (schema v1) of one version of a case, a publication or a certificate.

Called inside the transaction of the chain entry that made the version, so the snapshot is the record as that step
left it. Personal identifiers other than the party's name (ID number, address, phone) are not exported (ADR 0062).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fazhi.enforcement.selectors import case_for_publication
from fazhi.exchange.schema import SCHEMA_ID
from fazhi.org.selectors import certificate_for_exchange
from fazhi.publicity.selectors import publication_for_exchange

# chain subject type → (record type, loader, data builder, body of the record)
CASE, PUBLICATION, CERTIFICATE = "enforcement.case", "publicity.publication", "org.certificate"


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else f"{Decimal(value):.2f}"


def _body(body) -> dict:
    return {"code": body.code, "name": body.name}


def case_data(case) -> dict:
    decision = None
    if case.decided_on:
        decision = {
            "decision_number": case.decision_number,
            "decided_on": _day(case.decided_on),
            "outcome": case.outcome,
            "penalty_kinds": case.penalty_kinds,
            "fine_amount": _amount(case.fine_amount),
            "decision_text": case.decision_text,
            "served_on": _day(case.served_on),
        }
    return {
        "kind": "case",
        "number": case.number,
        "title": case.title,
        "procedure": case.procedure,
        "status": case.status,
        "source": case.source,
        "discovered_on": _day(case.discovered_on),
        "act_date": _day(case.act_date),
        "party_kind": case.party_kind,
        "party_name": case.party_name,
        "filed_on": _day(case.filed_on),
        "decision": decision,
        "closed_on": _day(case.closed_on),
    }


def publication_data(pub) -> dict:
    return {
        "kind": "publication",
        "case_record_id": f"{CASE}:{pub.case_id}",
        "result_kind": pub.kind,
        "state": pub.state,
        "decision_number": pub.decision_number,
        "party_display": pub.party_display,
        "violation_type": pub.violation_type,
        "penalty": pub.penalty,
        "fine_amount": _amount(pub.fine_amount),
        "decided_on": _day(pub.decided_on),
        "published_on": _day(pub.published_on),
        "withdrawn_on": _day(pub.withdrawn_on),
        # What the portal shows (redacted); nothing before review leaves the staff pages.
        "redacted_text": pub.redacted_text if pub.state == "published" else "",
    }


def certificate_data(cert) -> dict:
    return {
        "kind": "certificate",
        "number": cert.number,
        "holder_name": cert.holder.get_full_name() or cert.holder.username,
        "issuer": cert.issuer,
        "field": cert.field,
        "valid_from": _day(cert.valid_from),
        "valid_to": _day(cert.valid_to),
        "state": cert.state,
    }


def _case(pk):
    try:
        case = case_for_publication(pk)
    except Exception:  # noqa: BLE001 — a case id that does not resolve (deleted in the same step): nothing to export
        return None
    return case, case.body, case_data(case)


def _publication(pk):
    pub = publication_for_exchange(pk)
    return None if pub is None else (pub, pub.body, publication_data(pub))


def _certificate(pk):
    cert = certificate_for_exchange(pk)
    if cert is None or cert.holder.body is None:
        return None
    return cert, cert.holder.body, certificate_data(cert)


EXPORTED = {
    CASE: ("case", _case),
    PUBLICATION: ("publication", _publication),
    CERTIFICATE: ("certificate", _certificate),
}


def build(entry) -> dict | None:
    """The v1 record for the version ``entry`` made, or None when the entry's subject is not exported."""
    kind = EXPORTED.get(entry.subject_type)
    if kind is None or not str(entry.subject_id).isdigit():
        return None
    record_type, load = kind
    loaded = load(int(entry.subject_id))
    if loaded is None:
        return None
    _obj, body, data = loaded
    return {
        "schema": SCHEMA_ID,
        "record_type": record_type,
        "record_id": f"{entry.subject_type}:{entry.subject_id}",
        "version": entry.seq,
        "event": entry.event,
        "recorded_at": entry.at.isoformat(),
        "body": _body(body),
        "data": data,
    }
