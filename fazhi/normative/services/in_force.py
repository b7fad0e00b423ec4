"""A document in force: the evaluation before its 有效期 ends, 修改, 废止 and 宣布失效."""

from __future__ import annotations

from datetime import date

from fazhi.audit.events import Event
from fazhi.core import deadlines
from fazhi.core.access import Role
from fazhi.core.errors import InvalidInput
from fazhi.core.rules import amount_for
from fazhi.core.steps import Workflow, today
from fazhi.law import selectors as law_selectors
from fazhi.normative import rules
from fazhi.normative.models import DocumentVersion, NormativeDocument, Status
from fazhi.normative.services._common import (
    MAX_TEXT,
    _articles_problem,
    _register_in_library,
    _retire_in_library,
    _text,
)
from fazhi.normative.workflow import DOC, DRAFTERS, LEADERS

# --- 有效期 and evaluation --------------------------------------------------------------------------------------------


def evaluation_start(doc) -> date | None:
    if doc.valid_until is None:
        return None
    months = int(amount_for(rules.EVALUATION_AHEAD, doc.valid_until).amount(doc.body_id))
    y, m = divmod(doc.valid_until.month - 1 - months, 12)
    year, month = doc.valid_until.year + y, m + 1
    day = min(doc.valid_until.day, 28)
    return date(year, month, day)


def open_due_evaluations(*, on: date | None = None, actor=None) -> list[NormativeDocument]:
    """The sweep: every document in force whose 有效期 ends within the set months gets an evaluation deadline (due on
    its last valid day) and a notice to its drafter and leader; a document past its 有效期 lapses."""
    from fazhi.core import inbox
    from fazhi.org.selectors import people_with_role_in

    on = on or today()
    opened = []
    candidates = NormativeDocument.objects.filter(status=Status.PUBLISHED, evaluation_opened_on__isnull=True,
                                                  valid_until__isnull=False).select_related("body")  # fmt: skip
    for doc in candidates:
        start = evaluation_start(doc)
        if start is None or start > on:
            continue
        with DOC.step(actor, doc, "有效期届满前启动评估", Event.NORMATIVE_EVALUATION_OPENED, on=on, allowed=(Status.PUBLISHED,),
                      dated=False) as s:  # fmt: skip
            d = s.obj
            d.evaluation_opened_on = on
            s.changed("evaluation_opened_on")
            deadlines.open_deadline(actor=actor, subject=d, body=d.body, rule_key=rules.EVALUATION, start_date=on,
                                    due_date=d.valid_until, subject_label=str(d),
                                    reason=f"有效期至 {d.valid_until}，届满前完成评估")  # fmt: skip
            s.new(evaluation_opened_on=on, valid_until=d.valid_until)
            recipients = [d.drafter, *people_with_role_in(d.body, Role.LEADER)]
            s.after_commit(lambda d=d, r=recipients: inbox.notify(
                recipients=r, kind="normative.evaluation", subject=d,
                title=f"《{d.title}》有效期至 {d.valid_until}，请在届满前完成评估", url=f"/normative/{d.pk}/",
                body_id=d.body_id))  # fmt: skip
        opened.append(doc)
    return opened


def evaluate(*, actor, document, on: date, conclusion: str, workflow: Workflow = DOC) -> NormativeDocument:
    conclusion = _text(conclusion, "conclusion", "评估结论", max_length=3000)
    with workflow.step(actor, document, "评估", Event.NORMATIVE_EVALUATED, roles=DRAFTERS, allowed=(Status.PUBLISHED,),
                       on=on, on_label="评估日期", after="published_on") as s:  # fmt: skip
        doc = s.obj
        doc.evaluated_on, doc.evaluation = on, conclusion
        s.changed("evaluated_on", "evaluation")
        s.close(rules.EVALUATION, on)
        s.new(evaluated_on=on)
    return doc


# --- 修改 / 废止 / 失效 -------------------------------------------------------------------------------------------------


def amend(*, actor, document, on: date, effective_from: date, text: str, note: str = "",
          workflow: Workflow = DOC) -> DocumentVersion:  # fmt: skip
    """修改: a new text in force from ``effective_from``; the old one ends the day before (its text stays, so a past
    day still shows it). The law library gets a new version. The amendment itself went through the procedure on paper;
    its deliberation date is the step date."""
    text = _text(text, "text", "修改后的正文", max_length=MAX_TEXT)
    note = _text(note, "note", "修改说明", max_length=200, required=False)
    problem = _articles_problem(text)
    if problem:
        raise InvalidInput(problem, field="text")
    if effective_from is None or effective_from < on:
        raise InvalidInput("修改后文本的施行日期应不早于公布日期。", field="effective_from")
    with workflow.step(actor, document, "修改", Event.NORMATIVE_AMENDED, roles=LEADERS, allowed=(Status.PUBLISHED,),
                       on=on, on_label="修改公布日期", after="published_on") as s:  # fmt: skip
        doc = s.obj
        versions = list(DocumentVersion.objects.select_for_update().filter(document=doc).order_by("version"))
        last = versions[-1]
        if effective_from <= last.effective_from:
            raise InvalidInput(f"施行日期应晚于现行文本的施行日期 {last.effective_from}。", field="effective_from")
        last.effective_to = effective_from
        last.save(update_fields=["effective_to"])
        version = DocumentVersion.objects.create(
            document=doc, version=last.version + 1, title=doc.title, text=text, published_on=on,
            effective_from=effective_from, note=note or "修改",
        )  # fmt: skip
        doc.draft_text = text
        s.changed("draft_text")
        law = law_selectors.find_law(doc.law_title)
        if law is not None and law_selectors.version_on(law) is None:
            pass  # retired in a 清理 (修改 list): the new version brings it back
        _register_in_library(actor, doc, version)
        s.new(version=version.version, effective_from=effective_from)
    return version


def end(*, actor, document, on: date, how: str, reason: str, workflow: Workflow = DOC, roles=LEADERS):
    """废止 or 宣布失效 from ``on``: the text stops being in force and stops resolving as a basis in the law library."""
    reason = _text(reason, "reason", "理由", max_length=2000)
    if how not in ("repeal", "lapse"):
        raise InvalidInput("请选择废止或宣布失效。", field="how")
    target = Status.REPEALED if how == "repeal" else Status.LAPSED
    with workflow.step(actor, document, "废止或宣布失效", Event.NORMATIVE_ENDED, roles=roles, to=target, on=on,
                       on_label="废止/失效日期", after="published_on", dated=False) as s:  # fmt: skip
        doc = s.obj
        _end_document(s, actor, doc, on, reason)
        s.new(ended_on=on)
        s.note(reason=reason)
    return doc


def _end_document(s, actor, doc, on: date, reason: str) -> None:
    doc.ended_on, doc.end_reason = on, reason
    s.changed("ended_on", "end_reason")
    DocumentVersion.objects.filter(document=doc, effective_to__isnull=True).update(effective_to=on)
    _retire_in_library(actor, doc, on)
    for row in deadlines.live(doc, rules.EVALUATION, lock=True):
        deadlines.close_deadline(actor=actor, deadline=row, on=max(on, row.start_date))
