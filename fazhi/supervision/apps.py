from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    """The supervisors' pages over every app: the audit chain in a user's scope and its verification.

    It sits above the domain apps (docs/architecture.md, "Apps and layers"), so it may read their selectors; the chain
    itself (``fazhi.audit``) stays at the bottom and knows nothing of scope.
    """

    name = "fazhi.supervision"
    label = "supervision"
    verbose_name = "执法监督"

    def ready(self) -> None:
        # The chain's vocabulary (every app's field names, states and outcomes in Chinese) for its pages and API.
        from fazhi.supervision import vocabulary

        vocabulary.register()
