from django.apps import AppConfig


class CounselConfig(AppConfig):
    name = "fazhi.counsel"
    label = "counsel"
    verbose_name = "法律顾问"

    def ready(self):
        # The chain in words (fazhi.audit.display): payload keys of counsel steps that are no model field.
        from fazhi.audit import display

        common = {"subject": "事项", "engagement": "法律顾问", "adopted": "是否采纳", "reason": "理由",
                  "subject_type": "事项类型", "subject_id": "事项编号", "figures": "当年统计", "year": "年度"}  # fmt: skip
        display.register_labels("counsel.opinionrequest", fields=common)
        display.register_labels("counsel.engagement", fields=common)
