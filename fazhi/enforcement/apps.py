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
        # Counsel's "ask for an opinion" page learns what a case is from here (the case page links to it).
        from fazhi.counsel.services import Subject
        from fazhi.counsel.services import register_subject as register_counsel_subject

        def case_subject(user, subject_id):
            from django.http import Http404

            if not str(subject_id).isdigit():
                raise Http404("案件不存在")
            case = selectors.case_detail(user, int(subject_id))
            url = reverse("enforcement:case_detail", args=[case.pk])
            return Subject(services.CASE_TYPE, str(case.pk), case.label, case.body, url)

        register_counsel_subject(services.CASE_TYPE, case_subject)
