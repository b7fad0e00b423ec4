"""The document's workflow: one transition table, the roles of each step, and the shared step bodies.

The shared steps — the public comment window, the legality-review submission, the collective deliberation and the
publication under one number series — are written here as plain functions over a ``Workflow`` and a record that
carries the same field names (``comment_opened_on``, ``review_submitted_on``, ``meeting``, ``number_seq`` …). A
sibling kind of document (a 重大行政决策 published as a document, a town's 村规民约 template) declares its own
``Workflow`` and model with these fields and calls the same functions; ``steps.py`` shows how they become StepSpecs.
"""

from __future__ import annotations

from fazhi.core.access import Role
from fazhi.core.errors import InvalidTransition
from fazhi.core.steps import Workflow
from fazhi.normative.models import NormativeDocument, Status

# Who takes which step. No 起草 role exists in org: the 党政办公室's 政务公开专员 drafts and carries the file, the
# 负责人 takes the decisions (ADR 0035); the district's 监督人员 (司法局) answers a 备案 and organises a 清理.
DRAFTERS = (Role.DISCLOSURE_CLERK, Role.LEADER)
LEADERS = (Role.LEADER,)
DISTRICT = (Role.SUPERVISOR,)

TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    # action: (from statuses, to status)
    "assess": ((Status.DRAFT,), Status.ASSESSED),
    "open_comments": ((Status.ASSESSED,), Status.COMMENTING),
    "close_comments": ((Status.COMMENTING,), Status.COMMENTED),
    "submit_review": ((Status.COMMENTED,), Status.REVIEWING),
    "review_failed": ((Status.REVIEWING,), Status.COMMENTED),
    "review_passed": ((Status.REVIEWING,), Status.REVIEWED),
    "deliberate": ((Status.REVIEWED,), Status.ADOPTED),
    "send_back": ((Status.REVIEWED,), Status.COMMENTED),
    "publish": ((Status.ADOPTED,), Status.PUBLISHED),
    "repeal": ((Status.PUBLISHED,), Status.REPEALED),
    "lapse": ((Status.PUBLISHED,), Status.LAPSED),
}

ALLOWED = {(src, to) for srcs, to in TRANSITIONS.values() for src in srcs}

STEP_NAMES = {
    Status.ASSESSED: "评估论证",
    Status.COMMENTING: "公开征求意见",
    Status.COMMENTED: "结束征求意见或退回修改",
    Status.REVIEWING: "提请合法性审核",
    Status.REVIEWED: "合法性审核通过",
    Status.ADOPTED: "集体审议",
    Status.PUBLISHED: "公布",
    Status.REPEALED: "废止",
    Status.LAPSED: "宣布失效",
}


def check(old: str, new: str) -> None:
    if (old, new) not in ALLOWED:
        raise InvalidTransition(
            f"文件当前处于“{Status(old).label}”，不能进行“{STEP_NAMES.get(new, Status(new).label)}”"
            f"（程序：评估论证→公开征求意见→合法性审核→集体审议决定→向社会公开发布，国办发〔2018〕37号第（三）项）。"
        )


DOC = Workflow(model=NormativeDocument, check=check)


def starts(action: str) -> tuple[str, ...]:
    return tuple(TRANSITIONS[action][0])
