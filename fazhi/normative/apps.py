from django.apps import AppConfig


class NormativeConfig(AppConfig):
    name = "fazhi.normative"
    label = "normative"
    verbose_name = "行政规范性文件"

    def ready(self) -> None:
        # Lower apps learn about this one only through their registries (docs/architecture.md, rule 1).
        from fazhi.normative import hooks

        hooks.register()
