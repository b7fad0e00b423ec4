from django.apps import AppConfig


class AnnualConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fazhi.annual"
    verbose_name = "法治政府建设年度报告"

    def ready(self):
        from fazhi.annual import rules  # noqa: F401 — registers the report's two deadlines
