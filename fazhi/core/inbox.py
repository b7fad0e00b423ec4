"""The inbox: a step that hands work to someone tells them (提请立案 → the 负责人; 提交法制审核 → the reviewers; a
citizen's online request → the 政务公开专员). One set-based insert inside the step's transaction — if the step is
refused, nobody is told. Reads are per user: what arrived, how much is unread."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Subquery
from django.utils import timezone

from fazhi.core.models import Notice

# kind → the label people see
KINDS = {
    "approval": "待审批",
    "decision": "待决定",
    "review": "待法制审核",
    "returned": "审核退回",
    "request": "新的申请",
    "correction": "补正材料已到",
    "hearing": "听证",
    "pufa": "普法节点提醒",
}


def notify(*, recipients, kind: str, subject, title: str, url: str, body_id: int | None = None) -> int:
    """Tell each recipient (users; duplicates and ``None`` skipped) that ``subject`` needs them. Returns how many."""
    if kind not in KINDS:
        raise ValueError(f"未知的通知类别：{kind}")
    subject_type, subject_id = subject._meta.label_lower, str(subject.pk)
    seen, rows = set(), []
    for user in recipients:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        rows.append(
            Notice(
                recipient_id=user.pk,
                body_id=body_id,
                kind=kind,
                title=title[:255],
                url=url[:255],
                subject_type=subject_type,
                subject_id=subject_id,
            )
        )
    Notice.objects.bulk_create(rows)
    return len(rows)


def inbox_for(user, *, limit: int = 20) -> QuerySet[Notice]:
    return Notice.objects.filter(recipient_id=user.pk).order_by("-created_at", "-id")[:limit]


def inbox_with_unread(user, *, limit: int = 20) -> tuple[list[Notice], int]:
    """The latest notices and how many of all are unread, in one query (the count rides on each row as a scalar
    subquery; no notice at all means none unread)."""
    unread = (
        Notice.objects.filter(recipient_id=user.pk, read_at__isnull=True)
        .order_by()
        .values("recipient_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    latest = Notice.objects.filter(recipient_id=user.pk).annotate(unread_total=Subquery(unread))
    rows = list(latest.order_by("-created_at", "-id")[:limit])
    return rows, (rows[0].unread_total or 0) if rows else 0


def unread_count(user) -> int:
    return Notice.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def open_notice(user, notice_id: int) -> Notice | None:
    """Mark one of the user's notices read and return it (None when it is not theirs)."""
    notice = Notice.objects.filter(recipient_id=user.pk, pk=notice_id).first()
    if notice is not None and notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def mark_all_read(user) -> int:
    return Notice.objects.filter(recipient_id=user.pk, read_at__isnull=True).update(read_at=timezone.now())
