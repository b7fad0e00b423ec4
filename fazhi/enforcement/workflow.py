"""The case status and its one transition table (ARCHITECTURE §3), checked by ``check_transition``.

Each transition names the step that makes it and the article that orders the steps, so a refusal can say why.
Derived states (overdue, window open) are computed from deadlines, never stored here.
"""

from django.db import models

from fazhi.core.errors import InvalidTransition

LAW = "《中华人民共和国行政处罚法》"


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", "普通程序"
    SUMMARY = "summary", "简易程序"


class Status(models.TextChoices):
    LEAD = "lead", "案源登记"
    FILING = "filing", "立案审批中"
    NOT_FILED = "not_filed", "不予立案"
    INVESTIGATING = "investigating", "调查取证"
    PROPOSED = "proposed", "调查终结（处理建议）"
    NOTIFIED = "notified", "已事先告知（陈述申辩期）"
    HEARING = "hearing", "听证程序"
    IN_REVIEW = "in_review", "法制审核中"
    RETURNED = "returned", "法制审核退回"
    READY = "ready", "待作出决定"
    DECIDED = "decided", "已作出决定（待送达）"
    SERVED = "served", "已送达（执行中）"
    COURT = "court", "申请法院强制执行"
    EXECUTED = "executed", "执行完毕"
    CLOSED = "closed", "已结案"
    ARCHIVED = "archived", "已归档"


class Outcome(models.TextChoices):
    """行政处罚法 第五十七条第一款: the four outcomes of the ordinary procedure."""

    PENALTY = "penalty", "给予行政处罚"
    MINOR_NO_PENALTY = "minor", "违法行为轻微，依法可以不予行政处罚"
    NOT_ESTABLISHED = "not_established", "违法事实不能成立，不予行政处罚"
    TRANSFER = "transfer", "违法行为涉嫌犯罪，移送司法机关"


# (from, to) → (step name, citation of the order)
TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    (Status.LEAD, Status.FILING): ("提请立案审批", f"{LAW}第五十四条"),
    (Status.LEAD, Status.NOT_FILED): ("不予立案", f"{LAW}第五十四条"),
    (Status.FILING, Status.INVESTIGATING): ("批准立案", f"{LAW}第五十四条"),
    (Status.FILING, Status.NOT_FILED): ("不予立案", f"{LAW}第五十四条"),
    (Status.INVESTIGATING, Status.PROPOSED): ("调查终结并提出处理建议", f"{LAW}第五十四条、第五十七条"),
    (Status.PROPOSED, Status.INVESTIGATING): ("补充调查", f"{LAW}第五十四条"),
    (Status.PROPOSED, Status.NOTIFIED): ("事先告知", f"{LAW}第四十四条"),
    (Status.PROPOSED, Status.IN_REVIEW): ("提交法制审核", f"{LAW}第五十八条"),
    (Status.PROPOSED, Status.READY): ("提请作出决定", f"{LAW}第五十七条"),
    (Status.NOTIFIED, Status.HEARING): ("当事人要求听证", f"{LAW}第六十四条"),
    (Status.NOTIFIED, Status.IN_REVIEW): ("提交法制审核", f"{LAW}第五十八条"),
    (Status.NOTIFIED, Status.READY): ("提请作出决定", f"{LAW}第六十二条"),
    (Status.HEARING, Status.IN_REVIEW): ("提交法制审核", f"{LAW}第五十八条、第六十五条"),
    (Status.HEARING, Status.READY): ("提请作出决定", f"{LAW}第六十五条"),
    (Status.IN_REVIEW, Status.READY): ("法制审核同意", f"{LAW}第五十八条"),
    (Status.IN_REVIEW, Status.RETURNED): ("法制审核存在问题，退回", "国办发〔2018〕118号第（十三）项"),
    (Status.RETURNED, Status.PROPOSED): ("修改处理建议", "国办发〔2018〕118号第（十三）项"),
    (Status.RETURNED, Status.INVESTIGATING): ("补充调查", "国办发〔2018〕118号第（十三）项"),
    (Status.RETURNED, Status.IN_REVIEW): ("重新提交法制审核", "国办发〔2018〕118号第（十三）项"),
    (Status.READY, Status.DECIDED): ("作出决定", f"{LAW}第五十七条、第五十九条"),
    (Status.DECIDED, Status.SERVED): ("送达决定书", f"{LAW}第六十一条"),
    (Status.DECIDED, Status.CLOSED): ("结案（移送司法机关）", f"{LAW}第五十七条第一款第（四）项"),
    (Status.SERVED, Status.EXECUTED): ("执行完毕", f"{LAW}第六十七条"),
    (Status.SERVED, Status.COURT): ("申请人民法院强制执行", f"{LAW}第七十二条"),
    (Status.COURT, Status.EXECUTED): ("执行完毕", f"{LAW}第七十二条"),
    (Status.SERVED, Status.CLOSED): ("结案", f"{LAW}第五十七条"),
    (Status.EXECUTED, Status.CLOSED): ("结案", "国办发〔2018〕118号第（九）项"),
    (Status.COURT, Status.CLOSED): ("结案", "国办发〔2018〕118号第（九）项"),
    (Status.CLOSED, Status.ARCHIVED): ("归档", "国办发〔2018〕118号第（九）项"),
}

# Where the case may be while the investigation record (acts, evidence, recusal) is still open to additions.
INVESTIGATION_OPEN = {Status.INVESTIGATING, Status.PROPOSED, Status.RETURNED}
# Before the decision: statements may be recorded, deliberation held, proposal revised.
BEFORE_DECISION = {
    Status.INVESTIGATING,
    Status.PROPOSED,
    Status.NOTIFIED,
    Status.HEARING,
    Status.IN_REVIEW,
    Status.RETURNED,
    Status.READY,
}
OPEN_STATUSES = [s for s in Status.values if s not in (Status.NOT_FILED, Status.CLOSED, Status.ARCHIVED)]


def allowed_targets(status: str) -> list[str]:
    return [to for (frm, to) in TRANSITIONS if frm == status]


def check_transition(status: str, target: str) -> tuple[str, str]:
    """Refuse a step out of order, naming the step and the article that orders it. Returns (step, citation)."""
    step = TRANSITIONS.get((status, target))
    if step is not None:
        return step
    current = Status(status).label
    wanted = Status(target).label
    options = "、".join(TRANSITIONS[(status, to)][0] for to in allowed_targets(status)) or "无"
    citations = {TRANSITIONS[k][1] for k in TRANSITIONS if k[1] == target}
    cite = "；".join(sorted(citations)) or LAW
    raise InvalidTransition(
        f"案件当前处于“{current}”，不能进入“{wanted}”（办案程序依{cite}）。当前可进行的步骤：{options}。"
    )
