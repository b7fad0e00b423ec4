"""Every write of a 行政规范性文件, split by the stage of the document's life; callers keep writing
``services.publish(...)`` (``from fazhi.normative import services``).

Order of the procedure (国办发〔2018〕37号 (三)): 起草 → 评估论证 → 公开征求意见 → 合法性审核 → 集体审议决定 → 公布 →
备案 → 执行/评估 → 修改/废止/清理. Every step is a service on the step helper (one transaction, one chain entry each);
each refusal names its rule and article. The stages live in the submodules:

- ``drafting``: 起草, 评估论证, 公开征求意见 (the comment window, the comments and their answers);
- ``review``: 提请合法性审核 (the review app's gate, its callback) and 集体审议;
- ``publication``: 公布 under one number series (统一登记、统一编号、统一印发), 登记既有文件;
- ``filing``: 报送备案 and the district's 备案审查 answer;
- ``in_force``: 有效期届满前评估, 修改, 废止 and 宣布失效;
- ``cleanup``: 清理 rounds and their published lists;
- ``_common``: the input checks and the law-library helpers every stage shares.

The shared steps (征求意见, 合法性审核, 集体审议, 公布, 备案) take a ``workflow`` so a sibling kind of document can run
them over its own model (see ``fazhi/normative/workflow.py``).
"""

from fazhi.normative.services._common import (
    ISSUING_KINDS,
    MAX_TEXT,
    MAX_TITLE,
    SERIES,
    check_basis,
    content_flags,
    is_provisional,
    issuer_refusal,
    law_text,
)
from fazhi.normative.services.cleanup import (
    CLEANUP,
    cleanup_documents,
    decide_in_cleanup,
    open_cleanup,
    publish_cleanup,
)
from fazhi.normative.services.drafting import (
    answer_comment,
    assess,
    close_comments,
    close_comments_refusal,
    comment_rule_key,
    comment_window_open,
    draft,
    earliest_close,
    open_comments,
    receive_comment,
)
from fazhi.normative.services.filing import (
    answer_filing,
    file_with_district,
    filing_due,
)
from fazhi.normative.services.in_force import (
    amend,
    end,
    evaluate,
    evaluation_start,
    open_due_evaluations,
)
from fazhi.normative.services.publication import (
    add_years,
    number_text,
    publish,
    register_existing,
    validity_years,
    validity_years_value,
)
from fazhi.normative.services.review import (
    VIEWS,
    deliberate,
    on_review_concluded,
    parse_views,
    review_refusal,
    subject_of,
    submit_for_review,
)

__all__ = [
    "CLEANUP",
    "ISSUING_KINDS",
    "MAX_TEXT",
    "MAX_TITLE",
    "SERIES",
    "VIEWS",
    "add_years",
    "amend",
    "answer_comment",
    "answer_filing",
    "assess",
    "check_basis",
    "cleanup_documents",
    "close_comments",
    "close_comments_refusal",
    "comment_rule_key",
    "comment_window_open",
    "content_flags",
    "decide_in_cleanup",
    "deliberate",
    "draft",
    "earliest_close",
    "end",
    "evaluate",
    "evaluation_start",
    "file_with_district",
    "filing_due",
    "is_provisional",
    "issuer_refusal",
    "law_text",
    "number_text",
    "on_review_concluded",
    "open_cleanup",
    "open_comments",
    "open_due_evaluations",
    "parse_views",
    "publish",
    "publish_cleanup",
    "receive_comment",
    "register_existing",
    "review_refusal",
    "subject_of",
    "submit_for_review",
    "validity_years",
    "validity_years_value",
]
