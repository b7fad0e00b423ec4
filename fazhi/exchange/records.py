"""Building the exported records (schema v2) of the versions one chain entry made: a case, a publication, a
certificate, a 行政强制 act (查封、扣押 / 强制拆除) or the drawn objects of a 双随机 task (执法检查).

Called inside the transaction of the chain entry that made the version, so the snapshot is the record as that step
left it. Personal identifiers other than the party's name (ID number, address, phone) are not exported (ADR 0062);
neither are the address, representative or raw findings of an inspected object, nor the place and 笔录 of a
compulsory act (ADR 0067).

One entry may make several records' versions: a case step that records, extends or ends a seizure is a version of
the case *and* of the seizure; a task step (抽取、检查完毕、公示) is a version of every object drawn for the task.
Each gets the entry's seq as its version.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fazhi.enforcement.selectors import COMPULSORY_KINDS, case_for_publication, compulsory_act_for_exchange
from fazhi.exchange.schema import SCHEMA_ID
from fazhi.inspection.selectors import task_objects_for_exchange
from fazhi.org.selectors import certificate_for_exchange
from fazhi.publicity.selectors import publication_for_exchange

# Chain subject types whose entries make exported versions.
CASE, PUBLICATION, CERTIFICATE = "enforcement.case", "publicity.publication", "org.certificate"
TASK, TASK_OBJECT = "inspection.task", "inspection.taskobject"
# The record id of a compulsory act (an enforcement.InvestigationAct, recorded on its case's chain entries).
COMPULSORY = "enforcement.investigationact"
# Case events that make a version of a compulsory act (its act id is in the entry's payload "new").
COMPULSORY_EVENTS = {"enforcement.act_recorded", "enforcement.seizure_extended", "enforcement.seizure_ended"}


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


def compulsory_data(act) -> dict:
    return {
        "kind": "compulsory",
        "case_record_id": f"{CASE}:{act.case_id}",
        "case_number": act.case.number,
        "measure": act.kind,
        "on": _day(act.on),
        "due_on": _day(act.due_on),
        "extended": act.extended,
        "ended_on": _day(act.ended_on),
        "handling": act.handling,
    }


def inspection_data(row) -> dict:
    task, target = row.task, row.target
    return {
        "kind": "inspection",
        "task_number": task.number,
        "task_title": task.title,
        "item_name": task.item.name,
        "item_basis": task.item.basis,
        "task_status": task.status,
        "drawn_on": _day(task.drawn_on),
        "stratum": row.stratum,
        "object_name": target.name,
        "object_kind": target.kind,
        "credit_code": target.credit_code,  # an organisation's registration code (GB 32100), never a person's ID
        "result": row.result,
        "inspected_on": _day(row.inspected_on),
        "completed_on": _day(task.completed_on),
        "published_on": _day(task.published_on),
        # What the portal shows (redacted) once the results are published; the raw findings never leave.
        "public_findings": row.public_findings if task.published_on else "",
        "case_record_id": f"{CASE}:{row.case_id}" if row.case_id else None,
    }


# Each builder: (entry) → [(record type, record id, body, data)].


def _case(entry):
    pk = int(entry.subject_id)
    try:
        case = case_for_publication(pk)
    except Exception:  # noqa: BLE001 — a case id that does not resolve (deleted in the same step): nothing to export
        return []
    found = [("case", f"{CASE}:{pk}", case.body, case_data(case))]
    new = (entry.payload or {}).get("new") or {}
    if entry.event in COMPULSORY_EVENTS and new.get("act_id"):
        if entry.event != "enforcement.act_recorded" or new.get("kind") in COMPULSORY_KINDS:
            act = compulsory_act_for_exchange(new["act_id"])
            if act is not None:
                found.append(("compulsory", f"{COMPULSORY}:{act.pk}", case.body, compulsory_data(act)))
    return found


def _publication(entry):
    pub = publication_for_exchange(int(entry.subject_id))
    return [] if pub is None else [("publication", f"{PUBLICATION}:{pub.pk}", pub.body, publication_data(pub))]


def _certificate(entry):
    cert = certificate_for_exchange(int(entry.subject_id))
    if cert is None or cert.holder.body is None:
        return []
    return [("certificate", f"{CERTIFICATE}:{cert.pk}", cert.holder.body, certificate_data(cert))]


def _task(entry):
    rows = task_objects_for_exchange(task_id=int(entry.subject_id))
    return [("inspection", f"{TASK_OBJECT}:{row.pk}", row.body, inspection_data(row)) for row in rows]


def _task_object(entry):
    rows = task_objects_for_exchange(row_id=int(entry.subject_id))
    return [("inspection", f"{TASK_OBJECT}:{row.pk}", row.body, inspection_data(row)) for row in rows]


EXPORTED = {
    CASE: _case,
    PUBLICATION: _publication,
    CERTIFICATE: _certificate,
    TASK: _task,
    TASK_OBJECT: _task_object,
}


def build_all(entry) -> list[dict]:
    """The records (schema v2) of every version ``entry`` made; [] when its subject is not exported."""
    builder = EXPORTED.get(entry.subject_type)
    if builder is None or not str(entry.subject_id).isdigit():
        return []
    recorded_at = entry.at.isoformat()
    return [
        {
            "schema": SCHEMA_ID,
            "record_type": record_type,
            "record_id": record_id,
            "version": entry.seq,
            "event": entry.event,
            "recorded_at": recorded_at,
            "body": _body(body),
            "data": data,
        }
        for record_type, record_id, body, data in builder(entry)
    ]


def build(entry) -> dict | None:
    """The record of the entry's own subject (the first one ``build_all`` makes), or None."""
    found = build_all(entry)
    return found[0] if found else None


def as_of(record: dict) -> date | None:
    """The business date a version stands at: the latest date of the steps it reports (a case's 发现/立案/决定/送达/结案,
    a publication's 决定/公示/撤下, a compulsory act's 实施/解除, a drawn object's 抽取/检查/完毕/公示; a certificate's
    valid_from). Used to say which quarter a version belongs to (the demo's pushes, ADR 0068); None if it has none."""
    data = record.get("data") or {}
    kind = data.get("kind")
    if kind == "certificate":
        names = ("valid_from",)
    elif kind == "case":
        names = ("discovered_on", "filed_on", "closed_on")
        data = {**data, **{k: v for k, v in (data.get("decision") or {}).items() if k in ("decided_on", "served_on")}}
        names += ("decided_on", "served_on")
    elif kind == "publication":
        names = ("decided_on", "published_on", "withdrawn_on")
    elif kind == "compulsory":
        names = ("on", "ended_on")
    elif kind == "inspection":
        names = ("drawn_on", "inspected_on", "completed_on", "published_on")
    else:
        return None
    days = [date.fromisoformat(data[n]) for n in names if data.get(n)]
    return max(days) if days else None
