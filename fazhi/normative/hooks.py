"""What normative registers with the apps below it at start-up (docs/architecture.md, rule 1)."""

from __future__ import annotations


def register() -> None:
    from django.urls import reverse

    from fazhi.disclosure.reports import register_record_source
    from fazhi.normative import selectors, services
    from fazhi.normative.models import NormativeDocument
    from fazhi.review.services import register_subject

    def url(subject_id: str) -> str:
        return reverse("normative:detail", args=[int(subject_id)])

    def summary(subject_id: str) -> list[tuple[str, str]]:
        doc = NormativeDocument.objects.filter(pk=int(subject_id)).first()
        if doc is None:
            return []
        rows = [("文件名称", doc.title), ("制定依据", "；".join(b["display"] for b in doc.basis) or "—")]
        for flag in doc.content_flags:
            rows.append((f"内容提示：{flag['label']}", f"“{flag['match']}” — {flag['citation']}（供审核参考，非结论）"))
        if doc.non_adoption:
            rows.append(("未采纳上一轮审核意见的说明", doc.non_adoption))
        rows.append(("送审稿正文", doc.draft_text))
        return rows

    register_subject(NormativeDocument._meta.label_lower, on_concluded=services.on_review_concluded, url=url,
                     summary=summary)  # fmt: skip
    register_record_source("normative.issued", "规范性文件登记簿", selectors.issued_count)
    register_record_source("normative.repealed", "规范性文件登记簿", selectors.repealed_count)
    register_record_source("normative.in_force", "规范性文件登记簿", selectors.in_force_count)
