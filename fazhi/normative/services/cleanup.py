"""清理: a round over the documents in force of a body's tree, its lists published (国发〔2008〕17号 (十五))."""

from __future__ import annotations

from datetime import date

from fazhi.audit.events import Event
from fazhi.core.access import Role, require
from fazhi.core.errors import InvalidInput, InvalidTransition
from fazhi.core.steps import Workflow
from fazhi.normative import rules
from fazhi.normative.models import CleanupDecision, CleanupItem, CleanupRound, NormativeDocument, Status
from fazhi.normative.services._common import _retire_in_library, _text
from fazhi.normative.services.in_force import _end_document
from fazhi.normative.workflow import DOC

# --- 清理 ------------------------------------------------------------------------------------------------------------

CLEANUP = Workflow(model=CleanupRound, check=lambda old, new: None)


def open_cleanup(*, actor, body, title: str, on: date) -> CleanupRound:
    require(actor, Role.SUPERVISOR, Role.LEADER, body=body, what="启动规范性文件清理")
    title = _text(title, "title", "清理名称", max_length=200)
    with CLEANUP.step(actor, None, "启动规范性文件清理", Event.NORMATIVE_CLEANUP_OPENED, roles=(Role.SUPERVISOR, Role.LEADER),
                      on=on, on_label="开始日期") as s:  # fmt: skip
        cleanup = s.created(CleanupRound.objects.create(body=body, title=title, started_on=on))
        s.new(title=title, started_on=on)
    return cleanup


def cleanup_documents(cleanup):
    """Every document in force (or published and not ended before the round) in the organising body's tree."""
    from fazhi.org.selectors import subtree

    return NormativeDocument.objects.filter(body__in=subtree(cleanup.body), status=Status.PUBLISHED).select_related(
        "body"
    )


def decide_in_cleanup(*, actor, cleanup, document, decision: str, reason: str = "") -> CleanupItem:
    if decision not in CleanupDecision.values:
        raise InvalidInput("请选择清理意见：继续有效、修改、废止或宣布失效。", field="decision")
    reason = _text(reason, "reason", "理由", max_length=2000, required=decision != CleanupDecision.KEEP)
    cleanup_id = cleanup.pk if hasattr(cleanup, "pk") else int(cleanup)
    with CLEANUP.step(actor, cleanup_id, "提出清理意见", Event.NORMATIVE_CLEANUP_DECIDED,
                      roles=(Role.SUPERVISOR, Role.LEADER), allowed=("open",), refusal="清理结果已公布，不能再修改清理意见。",
                      dated=False) as s:  # fmt: skip
        c = s.obj
        doc_id = document.pk if hasattr(document, "pk") else int(document)
        if not cleanup_documents(c).filter(pk=doc_id).exists():
            raise InvalidInput(
                "该文件不在本次清理范围内（须为组织清理机关及其下级机关现行有效的文件）。", field="document"
            )
        item, _ = CleanupItem.objects.update_or_create(cleanup=c, document_id=doc_id,
                                                       defaults={"decision": decision, "reason": reason})  # fmt: skip
        s.new(document=doc_id, decision=decision)
    return item


def publish_cleanup(*, actor, cleanup, on: date) -> CleanupRound:
    """Publish the lists (继续有效 / 废止 / 失效, and 修改): every document in scope needs a decision; a document not on
    the 继续有效 list stops resolving as a basis from the publication day (国发〔2008〕17号 (十五))."""
    cleanup_id = cleanup.pk if hasattr(cleanup, "pk") else int(cleanup)
    with CLEANUP.step(actor, cleanup_id, "公布清理结果", Event.NORMATIVE_CLEANUP_PUBLISHED,
                      roles=(Role.SUPERVISOR, Role.LEADER), allowed=("open",), refusal="清理结果已公布。", on=on,
                      on_label="公布日期", after="started_on") as s:  # fmt: skip
        c = s.obj
        docs = list(cleanup_documents(c))
        items = {i.document_id: i for i in CleanupItem.objects.filter(cleanup=c)}
        missing = [d for d in docs if d.pk not in items]
        if missing:
            raise InvalidTransition(
                "以下文件尚无清理意见："
                + "、".join(f"《{d.title}》" for d in missing[:10])
                + f"（{rules.CLEANUP_CITATION}）。"
            )
        ended = {}
        for d in docs:
            item = items[d.pk]
            if item.decision == CleanupDecision.KEEP:
                continue
            _end_by_cleanup(actor, c, d, item, on)
            ended[d.number or str(d.pk)] = item.decision
        c.published_on, c.status = on, "published"
        s.changed("published_on", "status")
        s.new(published_on=on, kept=sum(1 for i in items.values() if i.decision == CleanupDecision.KEEP), ended=ended)
    return c


def _end_by_cleanup(actor, cleanup, doc, item, on: date) -> None:
    """废止 / 宣布失效 end the document; 修改 keeps it on the register but off the 继续有效 list, so it stops resolving
    as a basis until the amended text is published."""
    if item.decision == CleanupDecision.AMEND:
        _retire_in_library(actor, doc, on)
        return
    how = "repeal" if item.decision == CleanupDecision.REPEAL else "lapse"
    target = Status.REPEALED if how == "repeal" else Status.LAPSED
    with DOC.step(actor, doc, "废止或宣布失效", Event.NORMATIVE_ENDED, to=target, dated=False) as s:
        d = s.obj
        _end_document(s, actor, d, on, item.reason or f"{cleanup.title}：{item.get_decision_display()}")
        s.new(ended_on=on, cleanup=cleanup.pk)
