"""报送备案 and the district's 备案审查 answer."""

from __future__ import annotations

from datetime import date

from fazhi.audit.events import Event
from fazhi.core import deadlines
from fazhi.core.errors import InvalidInput, InvalidTransition
from fazhi.core.rules import rule_for
from fazhi.core.steps import Workflow
from fazhi.normative import rules
from fazhi.normative.models import FilingResult, Status
from fazhi.normative.services._common import _text
from fazhi.normative.workflow import DISTRICT, DOC, DRAFTERS
from fazhi.org.models import BodyKind

# --- 备案 ------------------------------------------------------------------------------------------------------------


def filing_due(doc):
    row = deadlines.latest(doc, rules.FILING)
    return row.due_date if row is not None else None


def file_with_district(*, actor, document, on: date, late_reason: str = "", workflow: Workflow = DOC):
    """报送备案: within the period in force on the publication day (20 days under the 2007 Tianjin rule; the current
    period a setting). After it, only with a reason, which goes on the record and the report."""
    late_reason = _text(late_reason, "late_reason", "逾期报送的理由", max_length=2000, required=False)
    with workflow.step(actor, document, "报送备案", Event.NORMATIVE_FILED, roles=DRAFTERS,
                       allowed=(Status.PUBLISHED, Status.REPEALED, Status.LAPSED),
                       on=on, on_label="报送日期", after="published_on") as s:  # fmt: skip
        doc = s.obj
        if doc.filed_on is not None:
            raise InvalidTransition(f"“{doc.title}”已于 {doc.filed_on} 报送备案。")
        if doc.body.kind != BodyKind.TOWN:
            raise InvalidTransition("区人民政府的规范性文件向市人民政府备案，不在本系统办理。")
        due = filing_due(doc)
        rule = rule_for(rules.FILING, on=doc.published_on)
        if due is not None and on > due and not late_reason:
            raise InvalidInput(
                f"报送备案期限已于 {due} 届满（自公布之日起{rule.period(doc.body_id).label}，{rule.citation}）；"
                "逾期报送须说明理由。",
                field="late_reason",
            )
        doc.filed_on, doc.filing_late_reason = on, late_reason
        s.changed("filed_on", "filing_late_reason")
        s.close(rules.FILING, on)
        s.new(filed_on=on, due=due)
        if late_reason:
            s.note(late_reason=late_reason)
    return doc


def answer_filing(*, actor, document, on: date, result: str, opinion: str = "", workflow: Workflow = DOC):
    """The district's 备案审查 answer (监督人员 of the district's 司法局)."""
    opinion = _text(opinion, "opinion", "审查意见", max_length=3000, required=result == FilingResult.CORRECT)
    if result not in FilingResult.values:
        raise InvalidInput("请选择备案审查结果。", field="result")
    with workflow.step(actor, document, "备案审查答复", Event.NORMATIVE_FILING_ANSWERED, roles=DISTRICT,
                       allowed=(Status.PUBLISHED, Status.REPEALED, Status.LAPSED), on=on, on_label="答复日期",
                       after="filed_on") as s:  # fmt: skip
        doc = s.obj
        if doc.filed_on is None:
            raise InvalidTransition("文件尚未报送备案。")
        if doc.filing_answered_on is not None:
            raise InvalidTransition(f"已于 {doc.filing_answered_on} 答复备案审查。")
        doc.filing_result, doc.filing_answered_on, doc.filing_opinion = result, on, opinion
        s.changed("filing_result", "filing_answered_on", "filing_opinion")
        s.new(filing_result=result, filing_answered_on=on)
    return doc
