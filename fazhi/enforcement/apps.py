from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self):
        # The review gate is generic; it calls back here when a round on a case concludes (see services).
        from django.urls import reverse

        from fazhi.enforcement import selectors, services
        from fazhi.review.services import register_subject

        register_subject(
            services.CASE_TYPE,
            on_concluded=services.on_review_concluded,
            url=lambda subject_id: reverse("enforcement:case_detail", args=[subject_id]),
            summary=selectors.review_summary,
        )
