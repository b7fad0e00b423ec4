from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    label = "decisions"
    verbose_name = "重大行政决策"

    def ready(self):
        # The legality review is the review app's gate; it calls back here when a round on a decision concludes.
        from django.urls import NoReverseMatch, reverse

        from fazhi.decisions import services
        from fazhi.review.services import register_subject

        def url(subject_id):
            try:
                return reverse("decisions:decision", args=[subject_id])
            except NoReverseMatch:  # pragma: no cover - before the URLs are mounted
                return ""

        from fazhi.decisions.selectors import review_summary

        register_subject(
            services.DECISION_TYPE, on_concluded=services.on_review_concluded, url=url, summary=review_summary
        )

        from fazhi.counsel.services import Subject
        from fazhi.counsel.services import register_subject as register_counsel_subject
        from fazhi.decisions import selectors

        def decision_subject(user, subject_id):
            decision = selectors.decision_detail(user, int(subject_id) if str(subject_id).isdigit() else 0)
            return Subject(services.DECISION_TYPE, str(decision.pk), decision.title, decision.body, url(decision.pk))

        register_counsel_subject(services.DECISION_TYPE, decision_subject)

        # The chain in words (fazhi.audit.display): payload keys of decision steps that are no model field.
        from fazhi.audit import display

        display.register_labels(
            services.DECISION_TYPE,
            fields={
                "item": "目录事项", "ends_on": "征求意见截止日期", "days": "征求意见天数", "channel": "途径",
                "closed_on": "意见归纳日期", "held_on": "听证会日期", "materials_sent_on": "听证会材料送达日期",
                "unit": "单位", "on": "日期", "assessor": "风险评估单位", "level": "评估结论",
                "submitted_on": "送审日期", "counsel_opinion_id": "法律顾问意见", "head_position": "行政首长的决定",
                "meeting": "第几次讨论", "majority": "多数意见", "reported_on": "报告日期",
                "short_reason": "缩短期限的说明", "decision": "决策",
            },
        )  # fmt: skip
        display.register_labels(
            "decisions.catalogue",
            fields={"item_id": "决策事项", "title": "决策事项", "items": "事项数", "lead_unit": "承办单位"},
        )
