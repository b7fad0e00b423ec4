from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "fazhi.publicity"
    label = "publicity"
    verbose_name = "执法公示"

    def ready(self):
        # A decided case opens its publication record in the decision's own transaction (118号 (六)).
        from fazhi.enforcement.hooks import on_case_decided
        from fazhi.publicity.services import open_publication_for_case

        on_case_decided(open_publication_for_case)
