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

        register_subject(services.DECISION_TYPE, on_concluded=services.on_review_concluded, url=url)

        from fazhi.counsel.services import Subject
        from fazhi.counsel.services import register_subject as register_counsel_subject
        from fazhi.decisions import selectors

        def decision_subject(user, subject_id):
            decision = selectors.decision_detail(user, int(subject_id) if str(subject_id).isdigit() else 0)
            return Subject(services.DECISION_TYPE, str(decision.pk), decision.title, decision.body, url(decision.pk))

        register_counsel_subject(services.DECISION_TYPE, decision_subject)
