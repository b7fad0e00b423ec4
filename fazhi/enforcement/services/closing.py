"""结案, 归档 and the case documents (国办发〔2018〕118号第（九）项: the whole process recorded and filed)."""

from __future__ import annotations

from datetime import date

from fazhi.audit.events import Event
from fazhi.core.access import Role
from fazhi.enforcement import documents, guards
from fazhi.enforcement.documents import archive_index
from fazhi.enforcement.errors import InvalidTransition, RuleViolation
from fazhi.enforcement.models import Case
from fazhi.enforcement.services._common import CASE, text
from fazhi.enforcement.workflow import Status


def close_case(*, actor, case: Case, on: date, report: str) -> Case:
    """结案 with a closing report: the decision served and, for a fine, executed (or with the court)."""
    report = text(report, "report", "结案报告")
    with CASE.step(actor, case, "结案", Event.CASE_CLOSED, roles=[Role.OFFICER, Role.LEADER], on=on,
                   on_label="结案日期", after=("served_on", "decided_on")) as s:  # fmt: skip
        case = s.obj
        if case.status == Status.DECIDED:
            refusal = guards.not_served(case)
            if refusal:
                raise RuleViolation(refusal)
        s.move(Status.CLOSED)
        case.status = s.old_status  # the guards read the state the case is closed from
        refusal = (
            guards.fine_unpaid(case) or guards.summary_not_filed(case) or documents.incomplete_file(case, doing="结案")
        )
        case.status = Status.CLOSED
        if refusal:
            raise RuleViolation(refusal)
        case.closed_on = on
        case.closing_report = report
        s.changed("closed_on", "closing_report")
        s.new(closed_on=on)
    return case


def archive_case(*, actor, case: Case, on: date) -> Case:
    """归档: the case file lists every document and evidence item with its hash, in order, and prints as 卷内目录."""
    with CASE.step(actor, case, "归档", Event.CASE_ARCHIVED, roles=[Role.OFFICER, Role.LEADER], to=Status.ARCHIVED,
                   on=on, on_label="归档日期", after="closed_on") as s:  # fmt: skip
        case = s.obj
        refusal = documents.incomplete_file(case, for_archive=True, doing="归档")
        if refusal:
            raise RuleViolation(refusal)
        index = archive_index(case)
        case.archive_index = index
        case.archived_on = on
        s.changed("archive_index", "archived_on")
        case.save(update_fields=list(s.fields))
        doc, stored = documents.build_and_store(case=case, kind="case_file_index", actor=actor)
        s.new(archived_on=on, items=len(index), index_document=doc.pk)
        for row in index:
            s.file({"name": row["file"], "sm3": row["sm3"]})
        s.file(stored)
    return case


def generate_document(*, actor, case: Case, kind: str, source_id: str = ""):
    """Generate a document from the record (.docx, GB/T 9704), store it by hash and put its hash on the chain."""
    with CASE.step(actor, case, "生成执法文书", Event.CASE_DOCUMENT_GENERATED,
                   roles=[Role.OFFICER, Role.LEADER, Role.LEGAL_REVIEWER], dated=False) as s:  # fmt: skip
        doc, stored = documents.build_and_store(case=s.obj, kind=kind, actor=actor, source_id=source_id)
        s.new(document_id=doc.pk, kind=kind, title=doc.title, number=doc.number)
        s.file(stored)
    return doc


def generate_missing_documents(*, actor, case: Case, for_archive: bool = False) -> list:
    """补齐案卷: generate, in one step, every document the record calls for and the file lacks (the same list 结案
    and 归档 check) — each stored by hash, all of them on the step's chain entry."""
    with CASE.step(actor, case, "补齐案卷文书", Event.CASE_DOCUMENTS_COMPLETED,
                   roles=[Role.OFFICER, Role.LEADER, Role.LEGAL_REVIEWER], dated=False) as s:  # fmt: skip
        case = s.obj
        missing = documents.missing_documents(case, for_archive=for_archive or case.closed_on is not None)
        if not missing:
            raise InvalidTransition("案卷文书已经齐全，无需补齐。")
        made = []
        for req in missing:
            doc, stored = documents.build_and_store(case=case, kind=req.kind, actor=actor, source_id=req.source_id)
            s.file(stored)
            made.append(doc)
        s.new(documents=[{"id": d.pk, "kind": d.kind, "title": d.title, "number": d.number} for d in made])
    return made


__all__ = ["archive_case", "archive_index", "close_case", "generate_document", "generate_missing_documents"]
